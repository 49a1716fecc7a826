//! The output of layout: pages of positioned items.
//!
//! This is the only thing the PDF writer reads. It holds no PDF types, but
//! everything a PDF needs: glyph ids with the source text each glyph came
//! from (for copy, search and accessibility), colours in both colour spaces,
//! link areas with resolved targets, and the structure every item belongs
//! to, so the writer can tag the content without guessing.

use std::ops::Range;
use std::sync::Arc;

use folio_model::doc::Image;
use folio_model::theme::Color;

use crate::fonts::FontId;

/// A laid-out booklet.
#[derive(Debug, Clone)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    /// Bookmarks, in document order, pointing at headings.
    pub outline: Vec<OutlineEntry>,
    pub meta: Metadata,
    /// Problems layout noticed but could work around (an unbreakable word
    /// wider than its measure, page numbers that never settled, …).
    pub warnings: Vec<String>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running headers and footers, rules, backgrounds: not content.
    Artifact,
    Cover,
    Heading(u8),
    Paragraph,
    ListItem,
    TableHeaderCell,
    TableCell,
    Caption,
    Figure,
    Footnote,
    Endnote,
    TocEntry,
    /// A note marker (superscript reference).
    NoteRef,
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
