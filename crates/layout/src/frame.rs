//! The output of layout: pages of positioned items.
//!
//! This is the only thing the PDF writer reads. It holds no PDF types, but
//! everything a PDF needs: glyph ids with the source text each glyph came
//! from (for copy, search and accessibility), colours in both colour spaces,
//! link areas with resolved targets, and the structure every item belongs
//! to, so the writer can tag the content without guessing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use folio_model::doc::{Image, Origin};
use folio_model::theme::Color;

use crate::fonts::FontId;

/// A laid-out booklet.
#[derive(Debug, Clone)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    /// Bookmarks, in document order, pointing at headings.
    pub outline: Vec<OutlineEntry>,
    pub meta: Metadata,
    /// The text alternative of every [`Role::Figure`], read out instead of
    /// the figure's drawing by assistive technology.
    pub alt_texts: BTreeMap<Block, String>,
    /// Problems layout noticed but could work around (an unbreakable word
    /// wider than its measure, page numbers that never settled, …).
    pub warnings: Vec<Problem>,
    /// Content that no page can hold (a table row taller than the text
    /// area): it is set overflowing its page, and the booklet must not be
    /// published until the content is shortened.
    pub errors: Vec<Problem>,
    /// What copyfitting changed to save a sheet, when it did.
    pub fitted: Option<Fitted>,
}

/// A booklet fitted into a sheet fewer than its content first needed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The booklet's page count.
    pub pages: usize,
    /// What was changed, in the order it was tried.
    pub steps: Vec<FitStep>,
}

/// One of the changes copyfitting makes, within the theme's limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FitStep {
    /// The endnotes set in two columns.
    EndnoteColumns,
    /// The space between blocks at this fraction of the theme's.
    BlockGap(f32),
    /// The endnotes set at this size, in points.
    EndnoteSize(f32),
    /// This many paragraphs set one line shorter.
    ShorterParagraphs(usize),
}

impl std::fmt::Display for Fitted {
    /// E.g. "fitted into 16 pages: endnotes in two columns".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fitted into {} pages: ", self.pages)?;
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match step {
                FitStep::EndnoteColumns => f.write_str("endnotes in two columns")?,
                FitStep::BlockGap(factor) => {
                    write!(f, "space between blocks at {:.0}%", factor * 100.0)?
                }
                FitStep::EndnoteSize(size) => write!(f, "endnotes in {size} pt")?,
                FitStep::ShorterParagraphs(1) => f.write_str("a paragraph one line shorter")?,
                FitStep::ShorterParagraphs(n) => write!(f, "{n} paragraphs one line shorter")?,
            }
        }
        Ok(())
    }
}

/// Something layout found wrong with the content, with the content string
/// it is in so that it can be fixed there.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    /// How to fix it.
    pub hint: Option<&'static str>,
    /// The string at fault. `None` for text the booklet generates (table of
    /// contents, figures) and for problems of the booklet as a whole.
    pub origin: Option<Origin>,
    /// The part of that string at fault (a word too wide for its column),
    /// to point at rather than at the whole string.
    pub part: Option<String>,
}

impl Problem {
    /// A problem of the booklet as a whole, or of text it generates.
    pub fn new(message: String) -> Problem {
        Problem {
            message,
            hint: None,
            origin: None,
            part: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: String,
}

#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// 1-based nesting level.
    pub level: u8,
    pub title: String,
    pub target: Location,
}

/// A point in the document: a page (0-based index) and a position on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub page: usize,
    pub pos: Point,
}

/// A position in points from the page's top-left corner, y growing down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

impl Size {
    pub fn new(width: f32, height: f32) -> Self {
        Self { width, height }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Trimmed page size.
    pub size: Size,
    /// The printed page number (the cover is page 1 but shows no number).
    pub label: String,
    /// Items in reading order: the PDF writer draws them in this order, so
    /// the content stream's order is the logical order.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub struct Item {
    /// Top-left corner for shapes, images and links; the start of the
    /// baseline for text.
    pub pos: Point,
    pub kind: ItemKind,
    /// The structure the item belongs to.
    pub role: Role,
}

#[derive(Debug, Clone)]
pub enum ItemKind {
    Text(TextRun),
    /// A filled rectangle.
    Rect {
        size: Size,
        fill: Color,
        /// Designed to run off the page, as an image's `bleed`.
        bleed: bool,
    },
    /// A stroked straight line from `pos` to `to`.
    Line {
        to: Point,
        width: f32,
        color: Color,
    },
    /// A filled closed polygon, points relative to `pos`.
    Polygon {
        points: Vec<Point>,
        fill: Color,
    },
    Image {
        size: Size,
        image: Arc<Image>,
        /// Designed to run off the page: printed, it extends past each trim
        /// edge it touches into the bleed, so that trimming a little off
        /// never leaves a white sliver.
        bleed: bool,
    },
    /// A clickable area.
    Link {
        size: Size,
        target: LinkTarget,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A place in this document.
    Internal(Location),
    /// An external URL.
    Url(String),
}

/// A run of glyphs in one font, size and colour on one baseline.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub font: FontId,
    pub size: f32,
    pub fill: Color,
    /// The source text the glyphs were shaped from.
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// BCP 47 language of the text.
    pub lang: String,
}

impl TextRun {
    /// Total advance width in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.x_advance).sum()
    }
}

/// A shaped glyph; lengths in points at the run's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte range in [`TextRun::text`] of the cluster this glyph belongs to.
    pub range: Range<usize>,
}

/// The logical structure an item belongs to. The PDF writer turns these
/// into tags; furniture becomes artifacts.
///
/// Items of one structure element carry equal roles, ids included, so the
/// writer can gather the pieces of one paragraph, cut into lines and chunks
/// and spread over pages, into one element again, and two paragraphs in a
/// row stay two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running headers and footers, rules, backgrounds: not content.
    Artifact,
    /// A heading of level 1–3 (the cover title is a level 1).
    Heading(u8, Block),
    Paragraph(Block),
    ListItem(ListPart),
    TableHeaderCell(CellPos),
    TableCell(CellPos),
    /// The caption of the table or figure with this id.
    Caption(Block),
    /// A figure's drawing; its text alternative is in
    /// [`LaidOut::alt_texts`].
    Figure(Block),
    Footnote(Block),
    Endnote(Block),
    TocEntry(Block),
    /// A drawn symbol that stands for this character, part of the element
    /// around it (the star on a rating band).
    Symbol(char),
}

/// Identifies one structure element (heading, paragraph, list, table,
/// figure, note, contents entry); unique within a [`LaidOut`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Block(pub u32);

/// A piece of a list item: the list, the item's index in it, and whether
/// the piece is the item's marker (bullet, number) or its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ListPart {
    pub list: Block,
    pub item: u32,
    pub marker: bool,
}

/// Where a table cell is: its table, its row (header rows first, counted
/// from 0) and its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellPos {
    pub table: Block,
    pub row: u32,
    pub column: u32,
}

impl Item {
    /// The item moved by `(dx, dy)`.
    pub fn shifted(mut self, dx: f32, dy: f32) -> Item {
        self.pos.x += dx;
        self.pos.y += dy;
        if let ItemKind::Line { to, .. } = &mut self.kind {
            to.x += dx;
            to.y += dy;
        }
        self
    }
}
