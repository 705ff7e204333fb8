//! Planning: the coordinator's week. (The drag-and-drop calendar builds on
//! these types and server functions.)

pub mod api;
pub mod pages;
pub mod types;
