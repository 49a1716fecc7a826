//! Folio's PDF writer: turns laid-out pages into a PDF file.
//!
//! Layout has already decided everything visible (glyphs, positions,
//! colours, link areas, page labels), so this crate only translates
//! [`LaidOut`] into [krilla] calls. It owns the decisions that are about the
//! file rather than the page, and those differ by [`Profile`]:
//!
//! - **screen**: sRGB, tagged PDF conforming to PDF/UA-1 and PDF/A-2a, with
//!   krilla's validators on, so a conformance problem fails the build
//!   instead of shipping (`tags.rs` turns layout's roles into the structure
//!   tree);
//! - **print**: PDF/X-4 for a commercial printer (`print/`): CMYK only,
//!   trim, bleed and media boxes with crop marks, the page count made a
//!   multiple of 4 for saddle stitching, an output intent naming the
//!   printing condition; optionally imposed as printer spreads.
//!
//! Output is deterministic: the same input gives byte-identical files. The
//! only date in a file is the one the caller passes ([`PdfOptions::created`]),
//! and no random id ever enters the file.
//!
//! Every krilla misuse that would panic (unbalanced push/pop, a link to a
//! page that does not exist, a glyph cluster outside its text) is either made
//! impossible by the drawing helpers or checked first and reported as a
//! [`PdfError`].

#![forbid(unsafe_code)]

mod color;
mod draw;
mod error;
mod fonts;
mod images;
mod links;
mod metadata;
mod object_streams;
mod outline;
mod print;
mod screen;
mod tags;

use folio_layout::fonts::FontBook;
use folio_layout::frame::LaidOut;
use folio_model::doc::Document;

pub use error::PdfError;
pub use metadata::Timestamp;

use error::ErrorKind;

/// How the PDF is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    pub profile: Profile,
    /// When the file was made. PDF/A and PDF/X require a date; the caller
    /// fixes it (e.g. from `SOURCE_DATE_EPOCH`) so that a rebuild gives the
    /// same bytes.
    pub created: Timestamp,
}

/// What the PDF is for: everything that differs between a file read on
/// screen and a file sent to a printer.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Profile {
    /// Reading on screen and on the web: sRGB, tagged, PDF/UA-1 and
    /// PDF/A-2a.
    #[default]
    Screen,
    /// A commercial printer: CMYK, bleed and marks, PDF/X-4.
    Print(Print),
}

/// How a print PDF is made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Print {
    /// Artwork beyond the trim, in points (the theme's `bleed`).
    pub bleed: f32,
    pub imposition: Imposition,
    /// Paper thickness per sheet in points, by which imposed pages of inner
    /// sheets move toward the fold (the theme's `[print] creep`); 0 for
    /// none.
    pub creep: f32,
    /// What the slug line below each sheet names first, e.g. the file and
    /// edition: `usa-en-print.pdf · usa · en · print`. The date and the
    /// page or sheet follow it.
    pub slug: String,
}

/// How pages are arranged on the print PDF's sheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Imposition {
    /// One page per PDF page, in reading order: what printers ask for, so
    /// that they impose it themselves.
    #[default]
    Pages,
    /// Printer spreads for a saddle-stitched booklet: two pages side by side
    /// per PDF page, ordered so that the sheets, printed on both sides,
    /// stacked, folded and stapled, read in order.
    SaddleStitch,
}

/// Write `doc` as a PDF file, with the faces of `book` (the book layout
/// shaped with: glyph ids are only meaningful in it).
pub fn write_pdf(
    doc: &LaidOut,
    book: &FontBook,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        // krilla would silently write a blank A4 page instead.
        return Err(PdfError::new(ErrorKind::NoPages));
    }
    match &options.profile {
        Profile::Screen => screen::write(doc, book, options.created),
        Profile::Print(print) => print::write(doc, book, options.created, print),
    }
}

/// Starts preparing the pictures of `document` for a screen PDF on other
/// cores, so that they are ready when [`write_pdf`] needs them: call it
/// before laying the document out. Print has nothing to prepare ahead: it
/// separates pictures into CMYK when writing.
pub fn prepare_screen_images(document: &Document) {
    if let Some(image) = &document.cover.image {
        images::prepare(image);
    }
}

/// The number of pages the PDF of a booklet of `pages` pages has in
/// `profile`: spreads hold two pages each.
pub fn page_count(pages: usize, profile: &Profile) -> usize {
    match profile {
        Profile::Print(Print {
            imposition: Imposition::SaddleStitch,
            ..
        }) => pages / 2,
        _ => pages,
    }
}
