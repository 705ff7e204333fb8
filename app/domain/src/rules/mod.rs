//! One function per rule of DOMAIN.md's table. Each returns the findings it
//! produces (empty when the rule holds), with the threshold it used.

mod activities;
mod ages;
mod conflicts;
mod enrolment;
mod frequency;
mod group_size;
mod holidays;
mod places;
mod register_open;
mod school_time;
mod slot;
mod staffing;

pub use activities::homework_only;
pub use ages::{due_for_anonymisation, kept_until, of_school_age, SCHOOL_AGES};
pub use conflicts::conflicts;
pub use enrolment::enrolment_prerequisites;
pub use frequency::weekly_frequency;
pub use group_size::{enrolment_capacity, group_size};
pub use holidays::in_holidays;
pub use places::{has_room, offered_a_place, offers, InLine};
pub use register_open::{register_refusal, takes_register, RegisterSession, Taker};
pub use school_time::during_school_time;
pub use slot::{invalid_slot, parse_slot};
pub use staffing::staffing;
