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

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use folio_layout::fonts::FontBook;
use folio_layout::frame::LaidOut;
use folio_model::Project;

pub use folio_model::diag::{Diagnostic, Severity};

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
    /// Missing and out-of-date translations are errors, not warnings.
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
    /// Problems that did not stop the edition from being built (all of
    /// severity [`Severity::Warning`]).
    pub warnings: Vec<Diagnostic>,
}

/// Why something could not be done: at least one diagnostic of severity
/// [`Severity::Error`], possibly with warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error (as opposed to a warning).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics(diagnostics)
    }
}

/// One diagnostic a line, `file:line:column: error: message`, each followed
/// by its hint (if any) on an indented line.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write_diagnostic(f, diagnostic)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Writes `file:line:column: severity: message` (location parts that are
/// unknown are left out) and an indented `= hint: …` line.
///
/// This is the plain, one-line form of a diagnostic, for logs and for
/// programs; the `folio` command shows the source line instead when it can.
pub fn write_diagnostic(f: &mut impl fmt::Write, diagnostic: &Diagnostic) -> fmt::Result {
    if let Some(location) = location(diagnostic) {
        write!(f, "{location}: ")?;
    }
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    write!(f, "{severity}: {}", diagnostic.message)?;
    if let Some(hint) = &diagnostic.hint {
        write!(f, "\n  = hint: {hint}")?;
    }
    Ok(())
}

/// `file:line:column`, `file:line` or `file`, or nothing for a diagnostic
/// about no file in particular.
pub fn location(diagnostic: &Diagnostic) -> Option<String> {
    if diagnostic.file.as_os_str().is_empty() {
        return None;
    }
    let file = diagnostic.file.display();
    Some(match (diagnostic.line, diagnostic.column) {
        (0, _) => format!("{file}"),
        (line, 0) => format!("{file}:{line}"),
        (line, column) => format!("{file}:{line}:{column}"),
    })
}

impl Folio {
    /// Loads and checks the content of `data_dir`.
    ///
    /// Fails with every error found (all files are checked, not just up to
    /// the first mistake). Warnings of a successful load are kept and
    /// available from [`Folio::warnings`].
    pub fn open(data_dir: &Path) -> Result<Folio, Diagnostics> {
        let project = Project::load(data_dir).map_err(Diagnostics)?;
        let unknown = unknown_fonts(&project, data_dir);
        if !unknown.is_empty() {
            return Err(Diagnostics(unknown));
        }
        Ok(Folio {
            project,
            data_dir: data_dir.to_owned(),
            strict: false,
        })
    }

    /// Makes every string an edition prints in English for want of a
    /// current translation an error rather than a warning, so that an
    /// incomplete edition is never built.
    pub fn strict(self, strict: bool) -> Folio {
        Folio { strict, ..self }
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

    /// Warnings found while loading the data folder.
    pub fn warnings(&self) -> &[Diagnostic] {
        self.project.warnings()
    }

    /// Checks that `edition` can be built: composes and lays it out
    /// without writing a PDF.
    ///
    /// Returns the warnings of that edition (load warnings are not repeated;
    /// see [`Folio::warnings`]).
    pub fn check(&self, edition: &Edition) -> Result<Vec<Diagnostic>, Diagnostics> {
        self.lay_out(edition).map(|(_, warnings)| warnings)
    }

    /// Builds the PDF of `edition` in memory.
    ///
    /// Use [`write_atomically`] to save it.
    pub fn render(&self, edition: &Edition) -> Result<Rendered, Diagnostics> {
        let (laid_out, warnings) = self.lay_out(edition)?;
        let theme = self.project.theme();
        let book = FontBook::for_theme(theme);
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
        let print = |imposition| {
            folio_pdf::Profile::Print(folio_pdf::Print {
                bleed: theme.page.bleed,
                imposition,
            })
        };
        let (pdf, spreads, profile) = match edition.profile {
            Profile::Screen => {
                let profile = folio_pdf::Profile::Screen;
                (write(profile)?, None, profile)
            }
            Profile::Print { saddle_spreads } => {
                let spreads = print(folio_pdf::Imposition::SaddleStitch);
                let spreads = saddle_spreads.then(|| write(spreads)).transpose()?;
                let profile = print(folio_pdf::Imposition::Pages);
                (write(profile)?, spreads, profile)
            }
        };
        Ok(Rendered {
            pdf,
            spreads,
            pages: folio_pdf::page_count(laid_out.pages.len(), &profile),
            warnings,
        })
    }

    /// Composes and lays out `edition`; the layout warnings come back as
    /// diagnostics about no file in particular, naming the edition.
    fn lay_out(&self, edition: &Edition) -> Result<(LaidOut, Vec<Diagnostic>), Diagnostics> {
        self.validate(edition)?;
        let translation = self
            .project
            .status(&edition.country, &edition.lang)
            .map_err(Diagnostics)?
            .warnings(self.strict);
        if self.strict && !translation.is_empty() {
            return Err(Diagnostics(translation));
        }
        let document = self
            .project
            .compose(&edition.country, &edition.lang)
            .map_err(Diagnostics)?;
        let theme = self.project.theme();
        let book = FontBook::for_theme(theme);
        // Both read the document only: the check runs on another core
        // while layout works, and its errors win if it finds any.
        let (missing, laid_out) = rayon::join(
            || folio_layout::coverage::missing_characters(&document, theme, book),
            || folio_layout::layout_document(&document, theme, book),
        );
        if !missing.is_empty() {
            return Err(Diagnostics(
                missing
                    .iter()
                    .map(|m| missing_glyph(edition, m, theme, book))
                    .collect(),
            ));
        }
        if !laid_out.errors.is_empty() {
            return Err(Diagnostics(
                laid_out
                    .errors
                    .iter()
                    .map(|e| {
                        let hint = "shorten it or split it: a line, a table row and a figure \
                                    are never broken across pages";
                        general(
                            Severity::Error,
                            format!("{edition}: {e}"),
                            Some(hint.into()),
                        )
                    })
                    .collect(),
            ));
        }
        let layout = laid_out
            .warnings
            .iter()
            .map(|w| general(Severity::Warning, format!("{edition}: {w}"), None));
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

/// An error for each family the theme sets body text or headings in that
/// is neither bundled nor installed: without it every page would quietly
/// come out in another face. Fallback families are checked when a
/// character needs them (see [`missing_glyph`]).
fn unknown_fonts(project: &Project, data_dir: &Path) -> Vec<Diagnostic> {
    let fonts = &project.theme().fonts;
    let book = FontBook::for_theme(project.theme());
    let file = data_dir.join("theme.toml");
    let text = fs::read_to_string(&file).unwrap_or_default();
    [("body", &fonts.body), ("heading", &fonts.heading)]
        .into_iter()
        // Bundled families first: asking the book about others makes it
        // look through the installed fonts.
        .filter(|(_, family)| !FontBook::bundled().has_family(family))
        .filter(|(_, family)| book.missing_families().contains(family))
        .map(|(key, family)| {
            let (line, column) = value_position(&text, key, family);
            Diagnostic {
                file: file.clone(),
                line,
                column,
                ..general(
                    Severity::Error,
                    format!("no font family \"{family}\" is bundled or installed"),
                    Some(
                        "the bundled families are Noto Serif and Noto Sans; another family \
                         must be installed on this machine (see fonts/README.md)"
                            .into(),
                    ),
                )
            }
        })
        .collect()
}

/// The 1-based line and column of `"value"` on the line that sets `key` in
/// `text`, or (0, 0) when it cannot be found.
fn value_position(text: &str, key: &str, value: &str) -> (usize, usize) {
    let quoted = format!("\"{value}\"");
    text.lines()
        .enumerate()
        .find_map(|(n, line)| {
            let rest = line.trim_start().strip_prefix(key)?;
            rest.trim_start().starts_with('=').then_some(())?;
            let at = line.find(&quoted)?;
            Some((n + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or((0, 0))
}

/// The error for a character no font can draw, with the way to fix it:
/// install the family the theme names for its script, or name one.
fn missing_glyph(
    edition: &Edition,
    missing: &folio_layout::coverage::Missing,
    theme: &folio_model::theme::Theme,
    book: &FontBook,
) -> Diagnostic {
    let uninstalled: Vec<&str> = theme
        .fonts
        .fallback
        .iter()
        .filter(|chain| chain.script == missing.script)
        .flat_map(|chain| &chain.families)
        .filter(|family| book.missing_families().contains(family))
        .map(String::as_str)
        .collect();
    let hint = if uninstalled.is_empty() {
        format!(
            "add a font family that covers {} text to [fonts.fallback] in theme.toml",
            missing.script
        )
    } else {
        format!(
            "theme.toml names {} for {} text, which is not installed on this machine: \
             install it (Noto CJK: `bash fonts/install-cjk-fonts.sh`), see fonts/README.md",
            uninstalled.join(", "),
            missing.script
        )
    };
    general(
        Severity::Error,
        format!(
            "{edition}: no font can draw “{}” (U+{:04X}) in the {}: “{}”",
            missing.ch, missing.ch as u32, missing.place, missing.context
        ),
        Some(hint),
    )
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

/// A diagnostic about no file in particular.
fn general(severity: Severity, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        severity,
        file: PathBuf::new(),
        line: 0,
        column: 0,
        message,
        hint,
        span: None,
    }
}

/// The known name closest to a mistyped one, if one is close enough to be a
/// likely typo (same name in another case, or at most a third of it wrong).
fn suggest<'a>(wrong: &str, known: &[&'a str]) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    known
        .iter()
        .map(|&name| (edit_distance(&wrong, &name.to_lowercase()), name))
        .filter(|&(distance, name)| distance <= name.chars().count().max(3) / 3)
        .min()
        .map(|(_, name)| name)
}

/// Edit distance in characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), since `uas` for `usa` is a typical typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Writes `bytes` to `path` so that readers see either the old file or the
/// complete new one, never a partial file.
///
/// Writes atomically: a temp file in the same directory, fsync, rename over
/// the target; on any error the temp file is removed and an existing PDF is
/// untouched. The directory must exist. The new file gets the usual
/// permissions of a created file (`0o666` less the umask on Unix), not the
/// private ones of a temp file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    let stem = format!(".{}.tmp", name.to_string_lossy());
    remove_abandoned(dir, &stem);
    let prefix = format!("{stem}{}-", std::process::id());

    // `tempfile` rather than a hand-made name: it picks an unused random name
    // with O_EXCL, and its guard deletes the temp file on every early return
    // (and on panic), which is exactly the clean-up this function promises.
    let mut builder = tempfile::Builder::new();
    // `.usa-en.pdf.tmp<pid>-XXXXXX`: hidden, matched by `*.pdf.tmp*` in
    // .gitignore, and naming the process that writes it.
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    // Make the rename itself durable. Failing here changes nothing for
    // readers (the new file is in place), so it is not reported.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the temp files named `<stem><pid>-…` in `dir` that the process
/// `pid` abandoned: a writer that is killed (`kill -9`, a power cut) cannot
/// delete its temp file, and without this every interrupted build would
/// leave one more behind. A temp file of a writer still running is left
/// alone; on Linux that is any whose process exists, elsewhere any younger
/// than an hour.
fn remove_abandoned(dir: &Path, stem: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(stem)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let gone = match pid {
            Some(pid) if cfg!(target_os = "linux") => {
                !Path::new("/proc").join(pid.to_string()).exists()
            }
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age.as_secs() > 3600)),
        };
        if gone {
            let _ = fs::remove_file(entry.path());
        }
    }
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

    #[test]
    fn suggests_close_names_only() {
        let known = ["usa", "france", "germany"];
        assert_eq!(suggest("USA", &known), Some("usa"));
        assert_eq!(suggest("uas", &known), Some("usa"));
        assert_eq!(suggest("frnace", &known), Some("france"));
        assert_eq!(suggest("germny", &known), Some("germany"));
        assert_eq!(suggest("japan", &known), None);
        assert_eq!(suggest("", &known), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("uas", "usa"), 1);
    }

    #[test]
    fn display_is_one_line_per_diagnostic_with_hints() {
        let diagnostics = Diagnostics(vec![
            Diagnostic {
                severity: Severity::Error,
                file: "data/countries/usa.toml".into(),
                line: 12,
                column: 10,
                message: "unknown rating `GREN`".into(),
                hint: Some("use one of: green, amber, red".into()),
                span: Some(200..206),
            },
            general(Severity::Warning, "usa-en: overfull line".into(), None),
        ]);
        assert_eq!(
            diagnostics.to_string(),
            "data/countries/usa.toml:12:10: error: unknown rating `GREN`\n  \
             = hint: use one of: green, amber, red\nwarning: usa-en: overfull line"
        );
        assert!(diagnostics.has_errors());
    }

    fn scratch_dir(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(name)
            .tempdir()
            .expect("temp dir")
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn write_atomically_removes_temp_files_of_killed_writers_only() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        // Process 1 always runs; no process has an id above the kernel's
        // limit of 2^22.
        let running = dir.path().join(".usa-en.pdf.tmp1-abcdef");
        let killed = dir.path().join(".usa-en.pdf.tmp4999999-abcdef");
        let other = dir.path().join(".fr-en.pdf.tmp4999999-abcdef");
        for file in [&running, &killed, &other] {
            fs::write(file, b"%PDF-partial").unwrap();
        }
        write_atomically(&target, b"%PDF-new").unwrap();
        assert_eq!(
            entries(dir.path()),
            [
                ".fr-en.pdf.tmp4999999-abcdef",
                ".usa-en.pdf.tmp1-abcdef",
                "usa-en.pdf"
            ]
        );
    }

    #[test]
    fn write_atomically_creates_and_replaces() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        write_atomically(&target, b"%PDF-old").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-old");
        write_atomically(&target, b"%PDF-new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-new");
        assert_eq!(
            entries(dir.path()),
            ["usa-en.pdf"],
            "no temp file left behind"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "readable by others like any created file: {mode:o}"
            );
        }
    }

    #[test]
    fn write_atomically_onto_a_directory_fails_and_cleans_up() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), b"untouched").unwrap();
        assert!(write_atomically(&target, b"%PDF-new").is_err());
        assert!(target.is_dir());
        assert_eq!(fs::read(target.join("keep")).unwrap(), b"untouched");
        assert_eq!(entries(dir.path()), ["usa-en.pdf"], "temp file removed");
    }

    #[test]
    fn write_atomically_into_a_missing_directory_fails() {
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("missing").join("usa-en.pdf");
        assert!(write_atomically(&target, b"%PDF").is_err());
        assert!(!target.exists());
    }

    #[cfg(unix)]
    #[test]
    fn write_atomically_in_a_read_only_directory_leaves_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch_dir("folio-atomic");
        let target = dir.path().join("usa-en.pdf");
        fs::write(&target, b"%PDF-old").unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_atomically(&target, b"%PDF-new");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        // Root ignores directory permissions; the write then succeeds, which
        // is fine: the point is that a failure never damages the old file.
        if result.is_err() {
            assert_eq!(fs::read(&target).unwrap(), b"%PDF-old");
            assert_eq!(entries(dir.path()), ["usa-en.pdf"]);
        }
    }
}
