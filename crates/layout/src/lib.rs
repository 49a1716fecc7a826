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
pub mod coverage;
mod fit;
mod flow;
pub mod fonts;
pub mod frame;
mod inline;
mod lang;
pub mod measure;
mod pages;
mod shape;
mod style;

/// Whether a language is written right to left (its booklet's pages are
/// mirrored); `folio proof` lays its sheets out right to left too.
pub use lang::is_rtl;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use folio_model::doc::Document;
use folio_model::theme::Theme;

use context::Ctx;
use fonts::FontBook;
use frame::{LaidOut, Metadata, Problem};
use shape::Shaper;

/// This thread's shaper for `book`. Shaped words outlive a document: the
/// editions of a campaign share most of their words, and `folio build
/// --all` lays out dozens of them on a few threads, so each thread shapes a
/// word once, not once per edition. A book is never freed (`'static`), so
/// its address identifies it for the life of the process.
fn shaper(book: &'static FontBook) -> Rc<Shaper> {
    thread_local! {
        static SHAPERS: RefCell<Vec<(*const FontBook, Rc<Shaper>)>> = const {
            RefCell::new(Vec::new())
        };
    }
    SHAPERS.with_borrow_mut(|shapers| {
        let key: *const FontBook = book;
        if let Some((_, shaper)) = shapers.iter().find(|(b, _)| *b == key) {
            return shaper.clone();
        }
        let shaper = Rc::new(Shaper::default());
        shapers.push((key, shaper.clone()));
        shaper
    })
}

/// Laying out again stops here even if page numbers still move (they
/// settle in two or three passes in practice).
const MAX_PASSES: usize = 5;

/// Lays out `doc` in `theme` with the faces of `book`: in whole sheets,
/// fitted into one sheet fewer when the theme allows and a little change
/// is enough (see [`fit`]).
///
/// `book` is one of the process-wide books ([`FontBook::bundled`],
/// [`FontBook::for_theme`]), which live as long as the process: shaped
/// words are kept per book from one document to the next.
pub fn layout_document(doc: &Document, theme: &Theme, book: &'static FontBook) -> LaidOut {
    // Copyfitting's variants reuse the lines of every paragraph they do
    // not change.
    let lines = flow::memo::LineMemo::default();
    fit::fit(theme, |variant| settle(doc, variant, book, &lines))
}

/// Lays out `doc` in a `variant` of its theme until its page numbers
/// settle. Returns the booklet and how many of its padding pages shorter
/// content could do without.
fn settle(
    doc: &Document,
    variant: &fit::Variant,
    book: &'static FontBook,
    lines: &flow::memo::LineMemo,
) -> (LaidOut, usize) {
    let theme = &variant.theme;
    let shaper = shaper(book);
    let shaper = &*shaper;
    let mut anchor_pages: HashMap<String, String> = HashMap::new();
    for pass_number in 1..=MAX_PASSES {
        let ctx = Ctx {
            book,
            shaper,
            lines,
            theme,
            doc,
            anchor_pages: &anchor_pages,
            warnings: RefCell::new(vec![]),
            errors: RefCell::new(vec![]),
            next_block: Cell::new(0),
            alt_texts: RefCell::new(BTreeMap::new()),
            shorter: &variant.shorter,
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
                warnings.push(Problem::new(format!(
                    "page numbers did not settle after {MAX_PASSES} passes"
                )));
            }
            let laid = LaidOut {
                pages: pass.pages,
                outline: pass.outline,
                meta: Metadata {
                    title: doc.title.clone(),
                    author: doc.author.clone(),
                    subject: doc.subject.clone(),
                    keywords: doc.keywords.clone(),
                    lang: doc.lang.clone(),
                },
                alt_texts: ctx.alt_texts.into_inner(),
                warnings,
                errors: ctx.errors.into_inner(),
                fitted: None,
            };
            return (laid, pass.spare);
        }
        anchor_pages = found;
    }
    unreachable!("the last pass returns")
}
