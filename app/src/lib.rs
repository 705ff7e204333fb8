//! Passerelle: the application, compiled twice (server with `ssr`, browser
//! with `hydrate`). See ARCHITECTURE.md for the code map.

pub mod domain;

pub fn placeholder() {}
