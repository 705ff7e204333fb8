//! Children from a spreadsheet (« Importer des enfants », `/importer`): the
//! template (`types::template`), the file read as lines of cells
//! (`sheet`, server only: CSV in UTF-8 or Windows-1252, XLSX, XLS, ODS),
//! each line checked like the enrolment form and matched with the children
//! already here (`plan`, server only), a preview of every line before
//! anything is written, and the commit of the valid lines or of none
//! (`api`, `store`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod plan;
#[cfg(feature = "ssr")]
pub mod sheet;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

/// The largest file the page sends, in megabytes (`sheet::MAX_FILE_BYTES`).
pub const MAX_FILE_MB: usize = 2;
