//! What every stage of layout reads: fonts, theme, the document's notes and
//! the page numbers found by the previous layout pass.

use std::cell::RefCell;
use std::collections::HashMap;

use folio_model::doc::Document;
use folio_model::theme::Theme;

use crate::fonts::FontBook;
use crate::shape::Shaper;

pub struct Ctx<'a> {
    pub book: &'a FontBook,
    pub shaper: &'a Shaper,
    pub theme: &'a Theme,
    pub doc: &'a Document,
    /// Page label of every anchor, from the previous pass. Missing in the
    /// first pass, where page references print a placeholder of typical
    /// width and the relayout loop settles them.
    pub anchor_pages: &'a HashMap<String, String>,
    pub warnings: RefCell<Vec<String>>,
}

impl Ctx<'_> {
    pub fn warn(&self, message: String) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&message) {
            warnings.push(message);
        }
    }

    /// The printed page number of `anchor`, or a two-digit placeholder
    /// before the first pass has placed it.
    pub fn page_of(&self, anchor: &str) -> String {
        self.anchor_pages
            .get(anchor)
            .cloned()
            .unwrap_or_else(|| "00".to_owned())
    }
}
