//! Planning: the coordinator's week. (The drag-and-drop calendar builds on
//! these types and server functions.)

pub mod api;
pub mod calendar;
pub mod geometry;
pub mod pages;
pub mod types;
