//! The neutral document tree that layout consumes.
//!
//! Content files describe a *campaign* and a *country* in the terms a
//! communications officer uses (goals, indicators, ratings, case studies).
//! [`crate::compose`] turns one edition of that content into this tree of
//! generic blocks, so that the layout engine knows about headings, tables and
//! notes but nothing about child-trafficking indicators. Everything layout
//! needs is resolved here: note numbers, figures computed from the dataset,
//! colours of rating cells, anchors of cross-references.
//!
//! Every text composed from a content string keeps that string's
//! [`Origin`], so that what layout finds wrong with it can point at the
//! file, line and column it was written at (the translation's, when it was
//! translated). Text the booklet generates (figures, labels, numbers) has
//! none.

use crate::theme::ColorName;

pub use crate::origin::Origin;

/// One booklet edition, ready to be laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// BCP 47 language tag of the edition, e.g. `en`.
    pub lang: String,
    /// Title for the PDF metadata and the window title bar.
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub cover: Cover,
    /// The outside back cover, the booklet's last page, when the campaign
    /// has one.
    pub back_cover: Option<BackCover>,
    /// Title of the ruled pages that may pad the booklet (e.g. "Notes").
    pub notes_title: String,
    /// Heading shown above the table of contents (e.g. "TABLE OF CONTENTS").
    pub toc_title: String,
    /// Word printed before a page number in the running footer (e.g. "Page").
    pub page_label: String,
    /// Text of the running header on every page but the cover.
    pub running_header: String,
    /// The word marking a draft (e.g. "DRAFT") in the running footer, when
    /// the content still has text to write (TODO).
    pub draft_mark: Option<String>,
    /// Set after a shaded box's title where it is repeated at the top of
    /// the page the box continues on (e.g. "(continued)").
    pub continued_label: String,
    /// The body, in reading order. The table of contents is generated from
    /// the headings whose `toc` flag is set and is placed after the cover.
    pub blocks: Vec<Block>,
    /// Every note referenced from the text; [`NoteRef::index`] points here.
    pub notes: Vec<Note>,
}

/// The cover page: drawn on its own page, no running header or footer.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// Large title lines, e.g. `["USA", "COUNTRY PROGRESS CARD"]`.
    pub title: Vec<String>,
    /// Smaller line under the title (campaign name).
    pub subtitle: String,
    /// Line at the foot of the cover (publisher, date).
    pub imprint: String,
    /// Artwork shown on the cover.
    pub image: Option<Image>,
}

/// The outside back cover: drawn on its own page, the last one, with no
/// running header or footer.
#[derive(Debug, Clone, PartialEq)]
pub struct BackCover {
    /// The campaign's name.
    pub name: String,
    /// A sentence or two set large.
    pub statement: String,
    /// E.g. "A campaign by".
    pub partners_label: String,
    /// One line per organisation.
    pub partners: Vec<String>,
    /// Address lines.
    pub contact: Vec<String>,
    pub web: String,
    pub credits: String,
}

/// A raster image already read and checked by the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The file's bytes, unchanged (JPEG is embedded without re-compression).
    pub data: std::sync::Arc<Vec<u8>>,
    pub format: ImageFormat,
    /// Pixel size, used for the aspect ratio.
    pub width: u32,
    pub height: u32,
    /// Alternative text for accessible output.
    pub alt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// A block-level element of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    List(List),
    /// A shaded box: a call to action or a case study.
    Boxed(Boxed),
    Table(Table),
    Figure(Figure),
    /// The list of endnotes (every note of kind [`NoteKind::Endnote`], in
    /// number order). Placed where the endnotes section wants them.
    Endnotes,
    /// Start the next block on a new page.
    PageBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 = section, 2 = subsection (goal), 3 = minor heading.
    pub level: u8,
    /// Section number as printed, e.g. `"4."` or `"A."`; kept apart from the
    /// text so the table of contents can align numbers in a column.
    pub number: Option<String>,
    pub text: Vec<Inline>,
    /// Target name for cross-references, TOC links and the outline.
    pub anchor: String,
    /// Listed in the table of contents and the PDF outline.
    pub in_toc: bool,
    /// Level-1 headings start a new page when set.
    pub new_page: bool,
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub style: ParagraphStyle,
    pub text: Vec<Inline>,
    pub origin: Option<Origin>,
}

/// How a paragraph is set. Layout maps each style to the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphStyle {
    /// Justified body text with hyphenation.
    Body,
    /// Larger introductory sentence (e.g. "The USA is among the 26% …").
    Lead,
    /// Indented quotation.
    Quote,
    /// Right-aligned attribution under a quotation.
    Attribution,
    /// Small text: sources under a case study, notes under a figure.
    Small,
    /// A caption line above a table or figure (sans, bold, small caps feel).
    Caption,
    /// A short label introducing what follows ("Sources:"), never left
    /// alone at the foot of a page.
    Label,
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub marker: ListMarker,
    /// Each item is a paragraph of inline content.
    pub items: Vec<ListItem>,
    /// Smaller type (source lists).
    pub small: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub text: Vec<Inline>,
    /// Anchor of this item when it is a link target (source lists).
    pub anchor: Option<String>,
    /// The marker to print when it is not the list's default bullet, e.g.
    /// `"iii."` for a source that continues numbering from an earlier list.
    pub label: Option<String>,
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet,
    /// Labels come from [`ListItem::label`].
    Labelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    CallToAction,
    CaseStudy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Boxed {
    pub kind: BoxKind,
    pub title: Vec<Inline>,
    /// Of the title.
    pub origin: Option<Origin>,
    pub blocks: Vec<Block>,
}

/// A table. Column widths are relative weights of the measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Caption set above the table, kept with it.
    pub caption: Option<Vec<Inline>>,
    pub caption_origin: Option<Origin>,
    pub columns: Vec<f32>,
    /// Repeated at the top of every page the table continues on.
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
    pub style: TableStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    /// Ruled grid with a tinted header row (conventions table).
    Grid,
    /// Indicator table: coloured rating strip under each header cell.
    Indicators,
    /// Columns of names under category headings (Figure 2).
    Columns,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Paragraphs of the cell, set ragged-right in the table's type.
    pub text: Vec<Vec<Inline>>,
    /// Background colour from the theme.
    pub fill: Option<ColorName>,
    /// Bold text (header cells).
    pub strong: bool,
    /// A rating shown as a coloured band with its name and an optional star.
    pub rating: Option<RatingMark>,
    /// Of the text.
    pub origin: Option<Origin>,
}

/// A rating as it appears in a cell: colour and word, so that colour is
/// never the only carrier of meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingMark {
    pub color: ColorName,
    /// Localised word shown on the band, e.g. "SOME PROGRESS".
    pub label: String,
    /// Star for work undertaken by NGOs.
    pub star: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Printed label and title, e.g. "FIGURE 1. GLOBAL OVERVIEW …".
    pub title: Vec<Inline>,
    /// Of the title.
    pub origin: Option<Origin>,
    pub anchor: String,
    pub body: FigureBody,
    /// Text alternative for accessible output, generated from the data.
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FigureBody {
    /// Horizontal bar chart, one bar per category.
    BarChart(Vec<Bar>),
    /// A table presented as a figure (Figure 2).
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Share in percent, 0–100, computed from the dataset.
    pub percent: f32,
    /// Text printed at the end of the bar, e.g. "26% (11)".
    pub value_label: String,
    pub color: ColorName,
    /// The edition's own country falls in this category.
    pub highlight: bool,
}

/// Inline content of a paragraph, cell or heading.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// External link.
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// Superscript marker of a note; links to the note.
    NoteRef(NoteRef),
    /// The page number on which `anchor` lands (e.g. "page 16").
    PageRef {
        anchor: String,
    },
    /// A forced line break.
    LineBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoteRef {
    /// Index into [`Document::notes`].
    pub index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Set at the foot of the page that references it.
    Footnote,
    /// Collected in the endnotes section.
    Endnote,
    /// An item of a section's source list (marker in lowercase roman).
    Source,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    /// Printed marker without superscript, e.g. `"12"` or `"iii"`.
    pub marker: String,
    /// Link target of the note body (e.g. `endnote-12`).
    pub anchor: String,
    /// Body text. Empty for sources, whose text lives in a source list.
    pub text: Vec<Inline>,
    pub origin: Option<Origin>,
}
