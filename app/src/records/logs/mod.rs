//! The meetings with schools and partners kept for the CAF's funding axes
//! (« Suivi », `/suivi`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;
