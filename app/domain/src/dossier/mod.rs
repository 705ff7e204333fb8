//! The CAF dossier: what the report's figures do not say. The four funding
//! axes with the actions behind them (`axes`), the budget and its balance
//! against the CAF's cap (`budget`, in exact cents: `money`), and the
//! project's facts with the structure's CAF dates and what the dossier
//! still lacks as a date comes near (`facts`).

pub mod axes;
pub mod budget;
pub mod facts;
pub mod money;

pub use axes::{by_axis, Action, ActionKind, Axis, AxisLine};
pub use budget::{balance, Amounts, Balance, Budget, ChargeKind, Column, ProductKind};
pub use facts::{
    Deadline, EducationPlan, FactField, Missing, Premises, ProjectFacts, Reminder, Setting,
};
pub use money::Cents;
