//! Accessibility that a person sets or reads (issue 24): the display
//! settings kept per person (`display`, saved by `api`), the « Affichage »
//! and « Accessibilité » pages and the footer that links them from every
//! page (`pages`). The checks themselves are in the end-to-end tests
//! (`end2end/tests/accessibility.spec.ts`).

pub mod api;
pub mod display;
pub mod pages;
