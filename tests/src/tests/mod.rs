//! Round-trip tests: PDFs written by krilla (as Folio writes them) and by
//! hand (for the producer habits krilla never shows), read back and checked.

mod hand_written;
mod krilla_written;
mod malformed;
