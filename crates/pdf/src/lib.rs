//! Folio's PDF writer: turns laid-out pages into a PDF file.
//!
//! Layout has already decided everything visible (glyphs, positions,
//! colours, link areas, page labels), so this crate only translates
//! [`LaidOut`] into [krilla] calls. It owns the decisions that are about the
//! file rather than the page: which colour space to paint in (per
//! [`Profile`]), how fonts and images are embedded, how links, bookmarks,
//! page labels and metadata are expressed.
//!
//! Output is deterministic: the same input gives byte-identical files, so a
//! booklet can be rebuilt and compared, and no timestamp or random id ever
//! enters the file.
//!
//! Every krilla misuse that would panic (unbalanced push/pop, a link to a
//! page that does not exist, a glyph cluster outside its text) is either made
//! impossible by the drawing helpers or checked first and reported as a
//! [`PdfError`].

#![forbid(unsafe_code)]

mod draw;
mod fonts;
mod images;
mod links;
mod metadata;
mod outline;

use std::fmt;
use std::num::NonZeroU64;

use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{ItemKind, LaidOut};
use folio_model::theme::Color;
use krilla::color::rgb;
use krilla::configure::ValidationError;
use krilla::error::KrillaError;
use krilla::page::PageSettings;
use krilla::paint::Paint;
use krilla::surface::Location;
use krilla::{Document, SerializeSettings};

use crate::draw::Resources;

/// How the PDF is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    pub profile: Profile,
}

/// What the PDF is for. The profile decides everything that differs between
/// a file read on screen and a file sent to a printer: colour space, and
/// later boxes, bleed and conformance level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Profile {
    /// Reading on screen and on the web: sRGB colours.
    #[default]
    Screen,
}

impl Profile {
    /// The paint for a theme colour. Themes give every colour both as sRGB
    /// and CMYK (neither derived from the other), so choosing one is all a
    /// profile does here.
    fn paint(self, color: Color) -> Paint {
        match self {
            Profile::Screen => {
                let [r, g, b] = color.rgb;
                rgb::Color::new(r, g, b).into()
            }
        }
    }

    /// krilla's settings for this profile.
    fn serialize_settings(self) -> SerializeSettings {
        match self {
            // Untagged for now: the content is drawn in reading order and
            // every item carries its role, ready for tagging.
            Profile::Screen => SerializeSettings {
                enable_tagging: false,
                ..Default::default()
            },
        }
    }
}

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfError {
    kind: ErrorKind,
}

/// Page numbers in errors are 0-based indices; [`fmt::Display`] shows them
/// 1-based, as a viewer counts.
#[derive(Debug, Clone, PartialEq)]
enum ErrorKind {
    NoPages,
    PageSize {
        page: usize,
    },
    Font {
        font: FontId,
        family: &'static str,
    },
    TextSize {
        page: usize,
        size: f32,
    },
    GlyphRange {
        page: usize,
        text: String,
        start: usize,
        end: usize,
    },
    LinkTarget {
        page: usize,
        target: usize,
        pages: usize,
    },
    BookmarkTarget {
        title: String,
        target: usize,
        pages: usize,
    },
    Image {
        page: Option<usize>,
        message: String,
    },
    /// A problem krilla found while writing the file, already described.
    Krilla(String),
}

impl PdfError {
    fn new(kind: ErrorKind) -> Self {
        PdfError { kind }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NoPages => write!(f, "the document has no pages"),
            ErrorKind::PageSize { page } => write!(f, "page {} has an empty size", page + 1),
            ErrorKind::Font { font, family } => {
                write!(f, "font {} ({family}) could not be read", font.0)
            }
            ErrorKind::TextSize { page, size } => {
                write!(
                    f,
                    "text on page {} has an invalid size of {size}pt",
                    page + 1
                )
            }
            ErrorKind::GlyphRange {
                page,
                text,
                start,
                end,
            } => write!(
                f,
                "a glyph on page {} maps to bytes {start}..{end}, not a character range of {text:?}",
                page + 1
            ),
            ErrorKind::LinkTarget {
                page,
                target,
                pages,
            } => write!(
                f,
                "a link on page {} points to page {}, but the document has {pages} pages",
                page + 1,
                target + 1
            ),
            ErrorKind::BookmarkTarget {
                title,
                target,
                pages,
            } => write!(
                f,
                "bookmark {title:?} points to page {}, but the document has {pages} pages",
                target + 1
            ),
            ErrorKind::Image {
                page: Some(page),
                message,
            } => {
                write!(
                    f,
                    "the image on page {} could not be read: {message}",
                    page + 1
                )
            }
            ErrorKind::Image {
                page: None,
                message,
            } => {
                write!(f, "an image could not be read: {message}")
            }
            ErrorKind::Krilla(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for PdfError {}

impl From<KrillaError> for PdfError {
    fn from(error: KrillaError) -> Self {
        let kind = match error {
            KrillaError::Image(_, location, message) => ErrorKind::Image {
                page: location.map(page_of),
                message,
            },
            KrillaError::Validation(errors) => {
                let mut problems = errors.iter().map(|(error, _)| describe(error));
                let first = problems.next().unwrap_or_default();
                let more = match problems.count() {
                    0 => String::new(),
                    n => format!(" (and {n} more)"),
                };
                ErrorKind::Krilla(format!("the PDF does not conform: {first}{more}"))
            }
            other => ErrorKind::Krilla(other.to_string()),
        };
        PdfError::new(kind)
    }
}

/// A short description of a conformance problem, with the page when krilla
/// knows it.
fn describe(error: &ValidationError) -> String {
    use ValidationError as V;
    let on = |location: &Option<Location>| match location {
        Some(location) => format!(" on page {}", page_of(*location) + 1),
        None => String::new(),
    };
    match error {
        V::TooLongString => "a string is too long".into(),
        V::TooLongName => "a name is too long".into(),
        V::TooLongArray => "an array is too long".into(),
        V::TooLongDictionary => "a dictionary is too long".into(),
        V::TooLargeFloat => "a number is too large".into(),
        V::TooManyIndirectObjects => "the file has too many objects".into(),
        V::TooHighQNestingLevel => "graphics states are nested too deeply".into(),
        V::ContainsPostScript(l) => format!("a gradient needs PostScript{}", on(l)),
        V::MissingCMYKProfile => "CMYK colours need an ICC profile".into(),
        V::InconsistentSeparationFallback(_) => "a spot colour has two fallbacks".into(),
        V::ContainsNotDefGlyph(_, l, text) => format!("no glyph for {text:?}{}", on(l)),
        V::NoCodepointMapping(_, _, l) => format!("a glyph has no text{}", on(l)),
        V::InvalidCodepointMapping(_, _, c, l) | V::UnicodePrivateArea(_, _, c, l) => {
            format!("a glyph maps to the invalid character {c:?}{}", on(l))
        }
        V::RestrictedLicense(_) => "a font's licence forbids embedding".into(),
        V::NoDocumentLanguage => "the document has no language".into(),
        V::NoDocumentTitle => "the document has no title".into(),
        V::MissingAltText(l) => format!("a figure has no alternative text{}", on(l)),
        V::MissingHeadingTitle => "a heading has no title".into(),
        V::MissingDocumentOutline => "the document has no outline".into(),
        V::MissingAnnotationAltText(l) => format!("a link has no description{}", on(l)),
        V::MissingDocumentDate => "the document has no date".into(),
        V::Transparency(l) => format!("transparency is used{}", on(l)),
        V::ImageInterpolation(l) => format!("an image is interpolated{}", on(l)),
        V::EmbeddedFile(_, l) => format!("a file is embedded{}", on(l)),
        V::MissingTagging => "the document is not tagged".into(),
        V::EmbeddedPDF(l) => format!("a PDF is embedded{}", on(l)),
        V::RequiresNewerPdfVersion(feature, l) => {
            format!("{feature:?} needs a newer PDF version{}", on(l))
        }
    }
}

/// krilla reports problems at a [`Location`] set before drawing; Folio uses
/// the page index + 1 (locations are non-zero).
fn location_of(page: usize) -> Location {
    NonZeroU64::MIN.saturating_add(page as u64)
}

fn page_of(location: Location) -> usize {
    (location.get() - 1) as usize
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
    let profile = options.profile;
    let mut document = Document::new_with(profile.serialize_settings());
    let mut resources = Resources::new(book, profile);
    for index in 0..doc.pages.len() {
        write_page(&mut document, doc, index, &mut resources)?;
    }
    document.set_outline(outline::outline(&doc.outline, doc.pages.len())?);
    document.set_metadata(metadata::metadata(&doc.meta));
    Ok(document.finish()?)
}

/// Add page `index` of `doc` to `document`: its content in reading order,
/// then its links.
fn write_page(
    document: &mut Document,
    doc: &LaidOut,
    index: usize,
    resources: &mut Resources,
) -> Result<(), PdfError> {
    let page = &doc.pages[index];
    let settings = PageSettings::from_wh(page.size.width, page.size.height)
        .ok_or_else(|| PdfError::new(ErrorKind::PageSize { page: index }))?
        .with_page_label(metadata::page_label(&page.label));
    let mut pdf_page = document.start_page_with(settings);
    let location = location_of(index);

    // Annotations go on the page, which the surface borrows while drawing.
    let mut annotations = Vec::new();
    let mut surface = pdf_page.surface();
    surface.set_location(location);
    for item in &page.items {
        // Tagging goes here: wrap each item in `start_tagged` / `end_tagged`
        // by `item.role` (and links in `add_tagged_annotation`).
        let (pos, res) = (item.pos, &mut *resources);
        match &item.kind {
            ItemKind::Text(run) => draw::text(&mut surface, pos, run, index, res)?,
            ItemKind::Rect { size, fill } => draw::rect(&mut surface, pos, *size, *fill, res),
            ItemKind::Line { to, width, color } => {
                draw::line(&mut surface, pos, *to, *width, *color, res)
            }
            ItemKind::Polygon { points, fill } => {
                draw::polygon(&mut surface, pos, points, *fill, res)
            }
            ItemKind::Image { size, image } => {
                draw::image(&mut surface, pos, *size, image, index, res)?
            }
            ItemKind::Link { size, target } => {
                let size = *size;
                let link = links::Link {
                    page,
                    index,
                    pos,
                    size,
                    target,
                };
                if let Some(annotation) = link.annotation(doc.pages.len())? {
                    annotations.push(annotation.with_location(Some(location)));
                }
            }
        }
    }
    surface.reset_location();
    surface.finish();
    for annotation in annotations {
        pdf_page.add_annotation(annotation);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use krilla::configure::Validators;

    use super::*;

    #[test]
    fn validation_errors_name_the_first_problem_and_its_page() {
        let errors = vec![
            (
                ValidationError::MissingAnnotationAltText(Some(location_of(2))),
                Validators::default(),
            ),
            (ValidationError::NoDocumentLanguage, Validators::default()),
        ];
        assert_eq!(
            PdfError::from(KrillaError::Validation(errors)).to_string(),
            "the PDF does not conform: a link has no description on page 3 (and 1 more)"
        );
    }
}
