//! Folio's content model (placeholder lib.rs; the model engineer replaces it).
pub mod doc;
pub mod theme;
