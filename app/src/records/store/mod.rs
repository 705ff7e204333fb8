//! The records' storage (server only).

pub mod child_record;
pub mod children;
pub mod logs;
pub mod school_year;
pub mod settings;
