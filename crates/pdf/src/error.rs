//! Why a PDF could not be written, in words a person can act on.

use std::fmt;
use std::num::NonZeroU64;

use folio_layout::fonts::FontId;
use krilla::configure::ValidationError;
use krilla::error::KrillaError;
use krilla::surface::Location;

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfError {
    kind: ErrorKind,
}

/// Page numbers in errors are 0-based indices; [`fmt::Display`] shows them
/// 1-based, as a viewer counts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ErrorKind {
    NoPages,
    PageSize {
        page: usize,
    },
    Font {
        font: FontId,
        family: &'static str,
    },
    /// Text set in a face the font book does not have.
    UnknownFont {
        font: FontId,
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
    /// Imposition for saddle stitching of a booklet that is not whole
    /// sheets (layout pads it, by the theme's `[binding] sheet-pages`).
    Sheets {
        pages: usize,
    },
    /// The print profile's bleed is negative or not a number.
    Bleed {
        bleed: f32,
    },
    /// Creep that is negative or not a number.
    Creep {
        creep: f32,
    },
    /// An image that cannot be printed in CMYK as it is.
    PrintImage {
        page: usize,
        message: String,
    },
    /// The PDF/X output intent could not be added to the file.
    OutputIntent(String),
    /// krilla's file could not be re-framed with object streams: a bug.
    ObjectStreams(String),
    /// A problem krilla found while writing the file, already described.
    Krilla(String),
}

impl PdfError {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        PdfError { kind }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NoPages => write!(f, "the document has no pages"),
            ErrorKind::PageSize { page } => write!(f, "page {} has an empty size", page + 1),
            ErrorKind::UnknownFont { font } => write!(
                f,
                "text is set in font {}, which the font book does not have",
                font.0
            ),
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
            ErrorKind::Sheets { pages } => write!(
                f,
                "a saddle-stitched booklet has a multiple of 4 pages, not {pages} \
                 (set sheet-pages = 4 under [binding] in theme.toml)"
            ),
            ErrorKind::Bleed { bleed } => {
                write!(f, "the bleed must be 0 or more points, not {bleed}")
            }
            ErrorKind::Creep { creep } => {
                write!(
                    f,
                    "the creep must be 0 or more points per sheet, not {creep}"
                )
            }
            ErrorKind::PrintImage { page, message } => write!(
                f,
                "the image on page {} cannot be printed: {message}",
                page + 1
            ),
            ErrorKind::OutputIntent(message) => {
                write!(f, "could not add the PDF/X output intent: {message}")
            }
            ErrorKind::ObjectStreams(message) => write!(
                f,
                "could not pack the file's objects into object streams: {message} \
                 (a bug in Folio: please report it)"
            ),
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
pub(crate) fn location_of(page: usize) -> Location {
    NonZeroU64::MIN.saturating_add(page as u64)
}

fn page_of(location: Location) -> usize {
    (location.get() - 1) as usize
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
