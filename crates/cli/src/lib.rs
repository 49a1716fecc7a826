//! Folio turns the structured content of a data folder (TOML files) into
//! PDF booklets: one *Country Progress Card* per country.
//!
//! This crate is the public Rust API behind the `folio` command. It strings
//! together the stages that live in their own crates:
//!
//! 1. [`folio_model`] loads and checks the data folder ([`Folio::open`]) and
//!    composes one edition into a neutral document tree;
//! 2. [`folio_layout`] typesets that tree into pages;
//! 3. [`folio_pdf`] writes the pages as a PDF.
//!
//! Problems with the content come back as [`Diagnostic`]s that point at a
//! file, line and column; the library never prints them (the `folio` command
//! does, with the offending source line underlined).
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//! use folio::{Edition, Folio};
//!
//! let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
//! let folio = Folio::open(&data)?;
//! assert!(folio.countries().contains(&"usa"));
//!
//! let edition = Edition::new("usa");
//! let rendered = folio.render(&edition)?;
//! assert!(rendered.pdf.starts_with(b"%PDF"));
//! assert!(rendered.pages > 1);
//! assert_eq!(edition.file_name(), "usa-en.pdf");
//!
//! // Write it where a reader never sees half a file:
//! let out = std::env::temp_dir().join(format!("folio-doctest-{}", std::process::id()));
//! std::fs::create_dir_all(&out)?;
//! folio::write_atomically(&out.join(edition.file_name()), &rendered.pdf)?;
//! # std::fs::remove_dir_all(&out)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod atomic;
mod diagnostics;
mod font_checks;
mod new_country;
pub mod proof;
mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

use folio_layout::fonts::FontBook;
pub use folio_layout::fonts::FontSources;
use folio_layout::frame::{LaidOut, Problem};
use folio_model::Project;

pub use atomic::{write_atomically, write_atomically_unsynced};
pub use diagnostics::{Diagnostics, location, write_diagnostic};
pub use folio_model::diag::{Diagnostic, Severity};
pub use font_checks::how_to_get;
pub use new_country::{NewCountry, NewCountryError, new_country};

use diagnostics::general;
use font_checks::{missing_glyphs, unknown_fonts};
use suggest::suggest;

/// The folder of a data folder where fonts a person adds are found by
/// family name, like installed ones.
pub const FONTS_FOLDER: &str = "fonts";

/// The language content is written in, and of [`Edition::new`].
pub const DEFAULT_LANG: &str = folio_model::SOURCE_LANG;

/// The generated pseudo-localised language (accented, longer, bracketed
/// strings), for checking that layouts survive translation.
pub const PSEUDO_LANG: &str = folio_model::PSEUDO;

/// An opened data folder: content loaded and checked, ready to render
/// editions. Cheap to share between threads (`&Folio` is all [`render`]
/// needs), so editions can be built in parallel.
///
/// [`render`]: Folio::render
#[derive(Debug)]
pub struct Folio {
    project: Project,
    data_dir: PathBuf,
    /// Where fonts the theme names and Folio does not bundle are found.
    fonts: FontSources,
    /// Missing and out-of-date translations, and TODOs left, are errors,
    /// not warnings.
    strict: bool,
}

/// One booklet to produce: a country in a language, for screen or print.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edition {
    /// Country id, the stem of its file in the data folder (e.g. `usa`).
    pub country: String,
    /// The language, as named in the data folder: a BCP 47 tag such as
    /// `en` or `fr`, or [`PSEUDO_LANG`].
    pub lang: String,
    /// What the PDF is for.
    pub profile: Profile,
}

/// What an edition's PDF is for. Both are made from the same layout, so
/// they show the same booklet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Reading on screen and on the web (`usa-en.pdf`): tagged, PDF/UA-1
    /// and PDF/A-2a.
    #[default]
    Screen,
    /// A commercial printer (`usa-en-print.pdf`): PDF/X-4, CMYK, bleed and
    /// crop marks, a multiple of 4 pages. With `saddle_spreads`, also the
    /// same pages imposed as printer spreads for a saddle-stitched booklet
    /// (`usa-en-print-saddle.pdf`).
    Print {
        /// Also write the printer spreads.
        saddle_spreads: bool,
    },
}

impl Edition {
    /// The edition of `country` in the default language.
    pub fn new(country: impl Into<String>) -> Edition {
        Edition::in_language(country, DEFAULT_LANG)
    }

    /// The edition of `country` in `lang`.
    pub fn in_language(country: impl Into<String>, lang: impl Into<String>) -> Edition {
        Edition {
            country: country.into(),
            lang: lang.into(),
            profile: Profile::Screen,
        }
    }

    /// This edition for `profile`.
    pub fn with_profile(self, profile: Profile) -> Edition {
        Edition { profile, ..self }
    }

    /// The file name of this edition's PDF, e.g. `usa-en.pdf` or
    /// `usa-en-print.pdf`.
    pub fn file_name(&self) -> String {
        format!("{self}.pdf")
    }

    /// The file name of the printer spreads of a print edition, e.g.
    /// `usa-en-print-saddle.pdf`.
    pub fn spreads_file_name(&self) -> String {
        format!("{self}-saddle.pdf")
    }
}

/// `usa-en` or `usa-en-print`: the edition's name as used in file names and
/// messages.
impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.country, self.lang)?;
        match self.profile {
            Profile::Screen => Ok(()),
            Profile::Print { .. } => f.write_str("-print"),
        }
    }
}

/// A rendered edition.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// The printer spreads, for a print edition that asked for them.
    pub spreads: Option<Vec<u8>>,
    /// Number of pages of the PDF.
    pub pages: usize,
    /// What layout changed to fit the booklet into a sheet fewer, if it
    /// did (its `Display` says it: "fitted into 16 pages: endnotes in two
    /// columns").
    pub fitted: Option<folio_layout::frame::Fitted>,
    /// Problems that did not stop the edition from being built (all of
    /// severity [`Severity::Warning`]).
    pub warnings: Vec<Diagnostic>,
}

impl Folio {
    /// Loads and checks the content of `data_dir`, with the fonts Folio
    /// bundles and those in the data folder's `fonts/` folder.
    ///
    /// Fails with every error found (all files are checked, not just up to
    /// the first mistake). Warnings of a successful load are kept and
    /// available from [`Folio::warnings`].
    pub fn open(data_dir: &Path) -> Result<Folio, Diagnostics> {
        Folio::open_with_fonts(data_dir, FontSources::default())
    }

    /// [`Folio::open`], also looking for fonts in `fonts`: its folders
    /// first, then the data folder's `fonts/`, then, if `fonts.system`, the
    /// machine's installed fonts.
    pub fn open_with_fonts(data_dir: &Path, mut fonts: FontSources) -> Result<Folio, Diagnostics> {
        let project = Project::load(data_dir).map_err(Diagnostics)?;
        fonts.folders.push(data_dir.join(FONTS_FOLDER));
        let unknown = unknown_fonts(
            &project,
            data_dir,
            FontBook::for_theme(project.theme(), &fonts),
        );
        if !unknown.is_empty() {
            return Err(Diagnostics(unknown));
        }
        Ok(Folio {
            project,
            data_dir: data_dir.to_owned(),
            fonts,
            strict: false,
        })
    }

    /// Makes every string an edition prints in English for want of a
    /// current translation, and every TODO left in its content, an error
    /// rather than a warning, so that an incomplete edition is never built.
    pub fn strict(self, strict: bool) -> Folio {
        Folio { strict, ..self }
    }

    /// The fonts editions are set in: the bundled faces and those of the
    /// families the theme names, as found in the font sources.
    pub fn font_book(&self) -> &'static FontBook {
        FontBook::for_theme(self.project.theme(), &self.fonts)
    }

    /// The data folder this was opened from.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The loaded content, for programs that need more than editions.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Ids of the countries in the data folder (e.g. `["usa", …]`).
    pub fn countries(&self) -> Vec<&str> {
        self.project.country_ids()
    }

    /// Every edition the data folder can produce in the default language.
    pub fn editions(&self) -> Vec<Edition> {
        self.countries().into_iter().map(Edition::new).collect()
    }

    /// The languages editions can be built in: [`DEFAULT_LANG`] first, then
    /// every language with a locale file or translations in the data
    /// folder. [`PSEUDO_LANG`] can be built too but is not listed.
    pub fn languages(&self) -> Vec<&str> {
        self.project.languages()
    }

    /// Warnings found while loading the data folder. The TODOs left are
    /// apart: see [`Folio::todos`].
    pub fn warnings(&self) -> &[Diagnostic] {
        self.project.warnings()
    }

    /// A warning for each TODO (text or rating still to be written) that
    /// the booklets of `countries` print: the campaign's once, then each
    /// country's own. Their editions are built marked as drafts, or, when
    /// strict, fail with these as errors.
    pub fn todos(&self, countries: &[&str]) -> Vec<&Diagnostic> {
        self.project.todos(countries)
    }

    /// Checks that `edition` can be built: composes and lays it out
    /// without writing a PDF.
    ///
    /// Returns the warnings of that edition (load warnings are not repeated;
    /// see [`Folio::warnings`]).
    pub fn check(&self, edition: &Edition) -> Result<Vec<Diagnostic>, Diagnostics> {
        self.lay_out(edition, false).map(|(_, warnings)| warnings)
    }

    /// Builds the PDF of `edition` in memory.
    ///
    /// Use [`write_atomically`] to save it.
    pub fn render(&self, edition: &Edition) -> Result<Rendered, Diagnostics> {
        self.render_laid_out(edition).map(|(rendered, _)| rendered)
    }

    /// [`Folio::render`], also handing back the layout the PDF was written
    /// from (`proof` pairs the pages of two editions by what they hold).
    fn render_laid_out(&self, edition: &Edition) -> Result<(Rendered, LaidOut), Diagnostics> {
        let (laid_out, warnings) = self.lay_out(edition, true)?;
        let theme = self.project.theme();
        let book = self.font_book();
        let created = created()?;
        let write = |profile| {
            let options = folio_pdf::PdfOptions { profile, created };
            folio_pdf::write_pdf(&laid_out, book, &options).map_err(|err| {
                Diagnostics(vec![general(
                    Severity::Error,
                    format!("{edition}: could not write the PDF: {err}"),
                    None,
                )])
            })
        };
        // The slug below each printed sheet names the file and the edition.
        let print = |imposition, file: String| {
            folio_pdf::Profile::Print(folio_pdf::Print {
                bleed: theme.page.bleed,
                imposition,
                creep: theme.print.creep,
                slug: format!(
                    "{file} · {} · {} · print (PDF/X-4)",
                    edition.country, edition.lang
                ),
            })
        };
        let (pdf, spreads, profile) = match edition.profile {
            Profile::Screen => {
                let profile = folio_pdf::Profile::Screen;
                (write(profile.clone())?, None, profile)
            }
            Profile::Print { saddle_spreads } => {
                let spreads = print(
                    folio_pdf::Imposition::SaddleStitch,
                    edition.spreads_file_name(),
                );
                let spreads = saddle_spreads.then(|| write(spreads)).transpose()?;
                let profile = print(folio_pdf::Imposition::Pages, edition.file_name());
                (write(profile.clone())?, spreads, profile)
            }
        };
        let rendered = Rendered {
            pdf,
            spreads,
            pages: folio_pdf::page_count(laid_out.pages.len(), &profile),
            fitted: laid_out.fitted.clone(),
            warnings,
        };
        Ok((rendered, laid_out))
    }

    /// Composes and lays out `edition`; what layout finds comes back as
    /// diagnostics at the content strings at fault, naming the edition.
    /// `for_pdf`:
    /// a screen PDF will be written, so its pictures are prepared on other
    /// cores meanwhile.
    fn lay_out(
        &self,
        edition: &Edition,
        for_pdf: bool,
    ) -> Result<(LaidOut, Vec<Diagnostic>), Diagnostics> {
        self.validate(edition)?;
        let translation = self
            .project
            .status(&edition.country, &edition.lang)
            .map_err(Diagnostics)?
            .warnings(self.strict);
        if self.strict {
            let todos = self
                .todos(&[&edition.country])
                .into_iter()
                .map(|todo| Diagnostic {
                    severity: Severity::Error,
                    ..todo.clone()
                });
            let errors: Vec<Diagnostic> = todos.chain(translation.iter().cloned()).collect();
            if !errors.is_empty() {
                return Err(Diagnostics(errors));
            }
        }
        let document = self
            .project
            .compose(&edition.country, &edition.lang)
            .map_err(Diagnostics)?;
        if for_pdf && edition.profile == Profile::Screen {
            folio_pdf::prepare_screen_images(&document);
        }
        let theme = self.project.theme();
        let book = self.font_book();
        // Both read the document only: the check runs on another core
        // while layout works, and its errors win if it finds any.
        let (missing, laid_out) = rayon::join(
            || folio_layout::coverage::missing_characters(&document, theme, book),
            || folio_layout::layout_document(&document, theme, book),
        );
        if !missing.is_empty() {
            return Err(Diagnostics(missing_glyphs(
                edition,
                &missing,
                theme,
                book,
                &self.data_dir,
            )));
        }
        if !laid_out.errors.is_empty() {
            return Err(Diagnostics(
                laid_out
                    .errors
                    .iter()
                    .map(|e| layout_problem(edition, e, Severity::Error))
                    .collect(),
            ));
        }
        let layout = laid_out
            .warnings
            .iter()
            .map(|w| layout_problem(edition, w, Severity::Warning));
        let warnings = translation.into_iter().chain(layout).collect();
        Ok((laid_out, warnings))
    }

    /// Rejects editions of countries or in languages the folder doesn't have.
    fn validate(&self, edition: &Edition) -> Result<(), Diagnostics> {
        let countries = self.countries();
        if !countries.contains(&edition.country.as_str()) {
            let mut hint = match suggest(&edition.country, &countries) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            if countries.is_empty() {
                hint.push_str("the data folder has no countries");
            } else {
                hint.push_str(&format!("known countries: {}", countries.join(", ")));
            }
            return Err(Diagnostics(vec![general(
                Severity::Error,
                format!(
                    "unknown country `{}` in {}",
                    edition.country,
                    self.data_dir.display()
                ),
                Some(hint),
            )]));
        }
        let languages = self.languages();
        if !languages.contains(&edition.lang.as_str()) && edition.lang != PSEUDO_LANG {
            return Err(Diagnostics(vec![general(
                Severity::Error,
                format!(
                    "no `{}` edition: {} has no translation into that language",
                    edition.lang,
                    self.data_dir.display()
                ),
                Some(format!(
                    "available languages: {}, and {PSEUDO_LANG} for a pseudo-localised edition",
                    languages.join(", ")
                )),
            )]));
        }
        Ok(())
    }
}

/// A problem layout found in `edition`, at the content string it is in
/// (at the part of it at fault when the file shows that part as printed),
/// or about the edition when the text at fault was generated.
fn layout_problem(edition: &Edition, problem: &Problem, severity: Severity) -> Diagnostic {
    let message = format!("{edition}: {}", problem.message);
    let hint = problem.hint.map(str::to_owned);
    let Some(origin) = &problem.origin else {
        return general(severity, message, hint);
    };
    let diagnostic = match &problem.part {
        Some(part) => origin.diagnostic_at(part, severity, message),
        None => origin.diagnostic(severity, message),
    };
    Diagnostic { hint, ..diagnostic }
}

/// When PDFs are made, as PDF/A and PDF/X require them to say:
/// `SOURCE_DATE_EPOCH` (seconds since 1970 UTC, the reproducible-builds
/// convention, e.g. the time of the content's last commit) if set, or else
/// 1970-01-01 itself, so the same input always gives the same bytes.
fn created() -> Result<folio_pdf::Timestamp, Diagnostics> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(folio_pdf::Timestamp::default());
    };
    let value = value.to_string_lossy();
    value.trim().parse().map(folio_pdf::Timestamp).map_err(|_| {
        Diagnostics(vec![general(
            Severity::Error,
            format!("SOURCE_DATE_EPOCH is {value:?}, not a number of seconds"),
            Some("e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)".into()),
        )])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_joins_country_and_language() {
        let edition = Edition {
            country: "usa".into(),
            lang: "en".into(),
            profile: Profile::Screen,
        };
        assert_eq!(edition.file_name(), "usa-en.pdf");
        assert_eq!(edition.to_string(), "usa-en");
        let print = edition.with_profile(Profile::Print {
            saddle_spreads: true,
        });
        assert_eq!(print.file_name(), "usa-en-print.pdf");
        assert_eq!(print.spreads_file_name(), "usa-en-print-saddle.pdf");
    }
}
