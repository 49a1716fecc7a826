//! The visual design of a booklet: page, type, colours, artwork.
//!
//! Loaded from `data/theme.toml`. Lengths in the file are millimetres or
//! points as named by the key; here everything is in PostScript points so
//! layout never converts units.

use std::collections::BTreeMap;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub page: PageGeometry,
    pub fonts: Fonts,
    pub type_scale: TypeScale,
    pub colors: BTreeMap<ColorName, Color>,
    /// Cover artwork, relative path already resolved and decoded by the model.
    pub cover_image: Option<crate::doc::Image>,
    pub endnotes: Endnotes,
    pub binding: Binding,
    pub copyfit: Copyfit,
    pub print: PrintSettings,
}

/// What only the print profile uses, beyond the page's bleed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PrintSettings {
    /// Paper thickness per sheet in points: imposed for saddle stitching,
    /// the pages of each sheet move this much further toward the fold than
    /// those of the sheet outside it (creep compensation). 0 for none.
    pub creep: f32,
}

impl Theme {
    /// The colour for `name`. Loading guarantees every name is present, so
    /// a missing entry can only come from a theme built in code; it falls
    /// back to black rather than failing mid-layout.
    pub fn color(&self, name: ColorName) -> Color {
        self.colors.get(&name).copied().unwrap_or(Color::BLACK)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    /// Trimmed page width and height in points.
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_inner: f32,
    pub margin_outer: f32,
    /// Bleed outside the trim for the print profile, in points.
    pub bleed: f32,
}

/// Font families by name. The families bundled with Folio ("Noto Serif",
/// "Noto Sans" and one family for each of several other scripts, see
/// `fonts/README.md`) are always available; others are looked for among the
/// fonts installed on the machine.
#[derive(Debug, Clone, PartialEq)]
pub struct Fonts {
    /// Running text, notes.
    pub body: String,
    /// Headings, tables, boxes' titles, page furniture, cover.
    pub heading: String,
    /// Families to try, in order, for characters of a script that the body
    /// or heading family cannot draw (Arabic, Thai, Han …).
    pub fallback: Vec<ScriptFallback>,
}

/// The fallback chain of one script.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptFallback {
    /// Unicode script name as the `Script` property spells it, e.g.
    /// `Arabic`, `Han`, `Old_Italic`.
    pub script: String,
    pub families: Vec<String>,
}

/// Sizes and leading in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeScale {
    pub body_size: f32,
    pub body_leading: f32,
    pub lead_size: f32,
    pub small_size: f32,
    pub note_size: f32,
    pub table_size: f32,
    pub h1_size: f32,
    pub h2_size: f32,
    pub h3_size: f32,
    pub cover_title_size: f32,
    /// Vertical space between paragraphs, as a fraction of body leading.
    pub paragraph_gap: f32,
}

/// How the endnotes section is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Endnotes {
    /// 1 or 2.
    pub columns: u8,
    /// Type size in points.
    pub size: f32,
}

/// How the booklet is bound, which decides its page count and what fills
/// the pages that make it up to whole sheets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binding {
    /// The page count is a multiple of this: 4 for a saddle-stitched
    /// booklet, whose every folded sheet is four pages; 1 for none.
    pub sheet_pages: usize,
    /// What the pages added before the back cover hold.
    pub padding: Padding,
    /// Page 2, the inside of the front cover.
    pub inside_front_cover: InsideCover,
    /// The page before the back cover.
    pub inside_back_cover: InsideCover,
    /// A small repeat of the cover artwork on the back cover.
    pub back_cover_art: bool,
}

impl Default for Binding {
    /// Unbound: no padding, content on every page.
    fn default() -> Self {
        Binding {
            sheet_pages: 1,
            padding: Padding::Blank,
            inside_front_cover: InsideCover::Content,
            inside_back_cover: InsideCover::Content,
            back_cover_art: false,
        }
    }
}

/// The pages that make a booklet up to whole sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Padding {
    Blank,
    /// Ruled lines under a "Notes" title, for the reader's notes.
    Notes,
}

/// What the inside of a cover holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsideCover {
    /// The booklet's pages run on (the table of contents on page 2).
    Content,
    /// Left empty (or, at the back, a padding page), as printers often
    /// want for a cover of heavier stock.
    Blank,
}

/// What layout may change to save a sheet when the content runs a page or
/// two past a whole number of sheets, tried in this order: endnotes in two
/// columns, tighter space between blocks, smaller endnotes, then a few
/// paragraphs set one line shorter. Body text keeps its size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Copyfit {
    /// Pages past a whole number of sheets worth fitting back; 0, the
    /// default, never fits.
    pub max_overrun: usize,
    /// May set the endnotes in two columns.
    pub endnote_columns: bool,
    /// May tighten the space between blocks to this fraction of the
    /// theme's (below 1).
    pub block_gap: Option<f32>,
    /// May set the endnotes this small, in points (below their size).
    pub endnote_size: Option<f32>,
    /// May set up to this many paragraphs one line shorter (TeX's
    /// `\looseness=-1`), those whose last line is the shortest; 0 for none.
    pub shorter_paragraphs: usize,
}

/// A colour given both ways, because the screen wants sRGB and the printer
/// wants CMYK; neither is derived from the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub rgb: [u8; 3],
    /// Cyan, magenta, yellow, black in 0.0–1.0.
    pub cmyk: [f32; 4],
}

impl Color {
    pub const BLACK: Color = Color {
        rgb: [0, 0, 0],
        cmyk: [0.0, 0.0, 0.0, 1.0],
    };
    pub const WHITE: Color = Color {
        rgb: [255, 255, 255],
        cmyk: [0.0, 0.0, 0.0, 0.0],
    };
}

/// The colours a theme must define. A closed set, so a typo in the theme
/// file is an error and layout never looks up a colour that may not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorName {
    /// Body text.
    Ink,
    /// Headings, rules, section numbers.
    Accent,
    /// Running header and footer, captions.
    Muted,
    /// Hairlines of tables.
    Rule,
    /// Rating colours.
    Green,
    Yellow,
    Red,
    /// Text drawn on a rating band.
    OnRating,
    /// Figure categories, from the lowest to the highest.
    SlowProgress,
    LimitedMeasures,
    SomeProgress,
    NotableEfforts,
    /// Background of call-to-action boxes and of their titles.
    CallToAction,
    CallToActionTitle,
    /// Background of case-study boxes.
    CaseStudy,
    /// Background of table header cells.
    TableHeader,
    /// Cover background and ink.
    Cover,
    OnCover,
}

impl ColorName {
    /// Every name, in the order a theme file lists them.
    pub const ALL: [ColorName; 18] = [
        ColorName::Ink,
        ColorName::Accent,
        ColorName::Muted,
        ColorName::Rule,
        ColorName::Green,
        ColorName::Yellow,
        ColorName::Red,
        ColorName::OnRating,
        ColorName::SlowProgress,
        ColorName::LimitedMeasures,
        ColorName::SomeProgress,
        ColorName::NotableEfforts,
        ColorName::CallToAction,
        ColorName::CallToActionTitle,
        ColorName::CaseStudy,
        ColorName::TableHeader,
        ColorName::Cover,
        ColorName::OnCover,
    ];

    /// The key used in `theme.toml`.
    pub fn key(self) -> &'static str {
        match self {
            ColorName::Ink => "ink",
            ColorName::Accent => "accent",
            ColorName::Muted => "muted",
            ColorName::Rule => "rule",
            ColorName::Green => "green",
            ColorName::Yellow => "yellow",
            ColorName::Red => "red",
            ColorName::OnRating => "on-rating",
            ColorName::SlowProgress => "slow-progress",
            ColorName::LimitedMeasures => "limited-measures",
            ColorName::SomeProgress => "some-progress",
            ColorName::NotableEfforts => "notable-efforts",
            ColorName::CallToAction => "call-to-action",
            ColorName::CallToActionTitle => "call-to-action-title",
            ColorName::CaseStudy => "case-study",
            ColorName::TableHeader => "table-header",
            ColorName::Cover => "cover",
            ColorName::OnCover => "on-cover",
        }
    }
}
