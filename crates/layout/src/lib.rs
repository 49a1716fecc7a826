//! Folio's typesetting engine: a [`Document`] and a [`Theme`] in, pages of
//! positioned items out ([`frame::LaidOut`]), with no PDF types.
//!
//! The stages, each a module: `inline` (shaping, line-break opportunities,
//! hyphenation, Knuth–Plass line breaking), `flow` (blocks to unbreakable
//! chunks with keep rules), `pages` (cover, table of contents, pagination,
//! footnotes, running header and footer, link resolution). Page numbers
//! that depend on layout (table of contents, "see page N") are settled by
//! laying out again until they stop changing.
#![forbid(unsafe_code)]

mod context;
mod flow;
pub mod fonts;
pub mod frame;
mod inline;
mod pages;
mod shape;
mod style;

use std::cell::RefCell;
use std::collections::HashMap;

use folio_model::doc::Document;
use folio_model::theme::Theme;

use context::Ctx;
use fonts::FontBook;
use frame::{LaidOut, Metadata};
use shape::Shaper;

/// Laying out again stops here even if page numbers still move (they
/// settle in two or three passes in practice).
const MAX_PASSES: usize = 5;

/// Lays out `doc` in `theme` with the faces of `book`.
pub fn layout_document(doc: &Document, theme: &Theme, book: &FontBook) -> LaidOut {
    let shaper = Shaper::default();
    let mut anchor_pages: HashMap<String, String> = HashMap::new();
    for pass_number in 1..=MAX_PASSES {
        let ctx = Ctx {
            book,
            shaper: &shaper,
            theme,
            doc,
            anchor_pages: &anchor_pages,
            warnings: RefCell::new(vec![]),
        };
        let pass = pages::layout_pass(&ctx, doc);
        let found: HashMap<String, String> = pass
            .anchors
            .iter()
            .map(|(a, l)| (a.clone(), pass.pages[l.page].label.clone()))
            .collect();
        if found == anchor_pages || pass_number == MAX_PASSES {
            let mut warnings = ctx.warnings.into_inner();
            if found != anchor_pages {
                warnings.push(format!(
                    "page numbers did not settle after {MAX_PASSES} passes"
                ));
            }
            return LaidOut {
                pages: pass.pages,
                outline: pass.outline,
                meta: Metadata {
                    title: doc.title.clone(),
                    author: doc.author.clone(),
                    subject: doc.subject.clone(),
                    keywords: doc.keywords.clone(),
                    lang: doc.lang.clone(),
                },
                warnings,
            };
        }
        anchor_pages = found;
    }
    unreachable!("the last pass returns")
}
