//! One function per rule of DOMAIN.md's table. Each returns the findings it
//! produces (empty when the rule holds), with the threshold it used.

mod activities;
mod conflicts;
mod enrolment;
mod frequency;
mod group_size;
mod holidays;
mod school_time;
mod slot;
mod staffing;

pub use activities::homework_only;
pub use conflicts::conflicts;
pub use enrolment::enrolment_prerequisites;
pub use frequency::weekly_frequency;
pub use group_size::{enrolment_capacity, group_size};
pub use holidays::in_holidays;
pub use school_time::during_school_time;
pub use slot::{invalid_slot, parse_slot};
pub use staffing::staffing;
