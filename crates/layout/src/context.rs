//! What every stage of layout reads: fonts, theme, the document's notes and
//! the page numbers found by the previous layout pass.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};

use folio_model::doc::Document;
use folio_model::theme::Theme;

use crate::flow::memo::LineMemo;
use crate::fonts::FontBook;
use crate::frame::{Block, Problem};
use crate::shape::Shaper;

pub struct Ctx<'a> {
    pub book: &'a FontBook,
    pub shaper: &'a Shaper,
    /// Paragraphs laid out by earlier passes.
    pub lines: &'a LineMemo,
    pub theme: &'a Theme,
    pub doc: &'a Document,
    /// Page label of every anchor, from the previous pass. Missing in the
    /// first pass, where page references print a placeholder of typical
    /// width and the relayout loop settles them.
    pub anchor_pages: &'a HashMap<String, String>,
    pub warnings: RefCell<Vec<Problem>>,
    /// Content no page can hold, which must not be published.
    pub errors: RefCell<Vec<Problem>>,
    /// The id the next structure element gets: counting from 0 in every
    /// pass keeps ids, like everything else, the same from run to run.
    pub next_block: Cell<u32>,
    /// Text alternatives of the figures laid out so far.
    pub alt_texts: RefCell<BTreeMap<Block, String>>,
    /// Paragraphs copyfitting sets one line shorter.
    pub shorter: &'a [Block],
}

impl Ctx<'_> {
    /// Whether the document's language is written right to left: its pages
    /// are mirrored (binding on the right, list markers and note numbers on
    /// the right, table columns from the right).
    pub fn rtl(&self) -> bool {
        crate::lang::is_rtl(&self.doc.lang)
    }

    pub fn warn(&self, problem: Problem) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&problem) {
            warnings.push(problem);
        }
    }

    /// A new structure element's id.
    pub fn block(&self) -> Block {
        let id = self.next_block.get();
        self.next_block.set(id + 1);
        Block(id)
    }

    /// A new figure's id, with its text alternative.
    pub fn figure(&self, alt: &str) -> Block {
        let block = self.block();
        self.alt_texts.borrow_mut().insert(block, alt.to_owned());
        block
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
