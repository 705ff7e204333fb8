//! Identifiers made by the application: UUID v7 (time-ordered, so new rows
//! land at the end of the indexes), the same on SQLite and PostgreSQL.

/// A new unique id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
