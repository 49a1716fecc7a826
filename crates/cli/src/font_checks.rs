//! Checks that the theme's fonts exist, and the errors for text no font
//! can draw.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use folio_layout::coverage::Missing;
use folio_layout::fonts::FontBook;
use folio_model::Project;
use folio_model::theme::Theme;

use crate::diagnostics::general;
use crate::{Diagnostic, Edition, Severity};

/// An error for each family the theme sets body text or headings in that
/// is neither bundled nor installed: without it every page would quietly
/// come out in another face. Fallback families are checked when a
/// character needs them (see [`missing_glyphs`]).
pub(crate) fn unknown_fonts(
    project: &Project,
    data_dir: &Path,
    book: &FontBook,
) -> Vec<Diagnostic> {
    let fonts = &project.theme().fonts;
    let theme = ThemeFile::read(data_dir);
    [("body", &fonts.body), ("heading", &fonts.heading)]
        .into_iter()
        // Bundled families first: asking the book about others makes it
        // look through the installed fonts.
        .filter(|(_, family)| !FontBook::bundled().has_family(family))
        .filter(|(_, family)| book.missing_families().contains(family))
        .map(|(key, family)| {
            theme.error(
                key,
                family,
                format!("no font family \"{family}\" is bundled or found"),
                &format!(
                    "the bundled families are Noto Serif and Noto Sans; for another, {}",
                    how_to_get(family, data_dir)
                ),
            )
        })
        .collect()
}

/// `theme.toml`, read to point at the families it names.
struct ThemeFile {
    path: PathBuf,
    text: String,
}

impl ThemeFile {
    fn read(data_dir: &Path) -> ThemeFile {
        let path = data_dir.join("theme.toml");
        let text = fs::read_to_string(&path).unwrap_or_default();
        ThemeFile { path, text }
    }

    /// An error at `"family"` on the line that sets `key`, or about the
    /// whole file if there is no such line.
    fn error(&self, key: &str, family: &str, message: String, hint: &str) -> Diagnostic {
        let (line, column) = value_position(&self.text, key, family);
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            ..general(Severity::Error, message, Some(hint.to_owned()))
        }
    }
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

/// How a person gets `family` when Folio cannot find it: without root, by
/// putting its files in the data folder; with a package where one is known.
pub fn how_to_get(family: &str, data_dir: &Path) -> String {
    let folder = data_dir.join(crate::FONTS_FOLDER);
    let mut hint = format!(
        "put its font files (.otf, .ttf, .ttc) in {}, where they are found by family name \
         with no installing",
        folder.display()
    );
    // Noto CJK is the one family the shipped theme names that no bundle
    // holds; Debian and Ubuntu package it.
    if family.starts_with("Noto Sans CJK") || family.starts_with("Noto Serif CJK") {
        hint.push_str(
            ", or install it system-wide (Debian, Ubuntu: `bash fonts/install-cjk-fonts.sh`, \
             which installs fonts-noto-cjk)",
        );
    } else {
        hint.push_str(", or install it system-wide");
    }
    hint.push_str("; `folio fonts` shows which family is found where");
    hint
}

/// The errors for characters no font can draw. A family the theme names
/// for their script but that is not installed is one error, however many
/// characters need it (a Japanese edition on a machine without the CJK
/// fonts has thousands), pointing at where `theme.toml` names it. Any
/// other character is an error of its own, pointing at the content string
/// it is in.
pub(crate) fn missing_glyphs(
    edition: &Edition,
    missing: &[Missing],
    theme: &Theme,
    book: &FontBook,
    data_dir: &Path,
) -> Vec<Diagnostic> {
    // Uninstalled family → the scripts it is named for, the characters it
    // would draw, and the first of them met, in the order first met.
    let mut uninstalled: Vec<(&str, Vec<&str>, BTreeSet<char>, &Missing)> = Vec::new();
    let mut uncovered = Vec::new();
    for m in missing {
        let families = uninstalled_families(m.script, theme, book);
        if families.is_empty() {
            uncovered.push(uncovered_glyph(edition, m));
            continue;
        }
        for family in families {
            let at = match uninstalled.iter().position(|(f, ..)| *f == family) {
                Some(at) => at,
                None => {
                    uninstalled.push((family, Vec::new(), BTreeSet::new(), m));
                    uninstalled.len() - 1
                }
            };
            let (_, scripts, chars, _) = &mut uninstalled[at];
            if !scripts.contains(&m.script) {
                scripts.push(m.script);
            }
            chars.insert(m.ch);
        }
    }
    let theme_file = ThemeFile::read(data_dir);
    let mut diagnostics: Vec<Diagnostic> = uninstalled
        .into_iter()
        .map(|(family, scripts, chars, first)| {
            let count = match chars.len() {
                1 => "1 character".to_owned(),
                n => format!("{n} different characters"),
            };
            theme_file.error(
                &scripts[0].to_lowercase(),
                family,
                format!(
                    "{edition}: font family \"{family}\", named for {} text, is not found: \
                     {count} of the edition cannot be drawn{}",
                    scripts.join(", "),
                    first_place(first)
                ),
                &how_to_get(family, data_dir),
            )
        })
        .collect();
    diagnostics.extend(uncovered);
    diagnostics
}

/// The families the theme names for `script` that are not installed.
fn uninstalled_families<'t>(script: &str, theme: &'t Theme, book: &FontBook) -> Vec<&'t str> {
    theme
        .fonts
        .fallback
        .iter()
        .filter(|chain| chain.script == script)
        .flat_map(|chain| &chain.families)
        .filter(|family| book.missing_families().contains(family))
        .map(String::as_str)
        .collect()
}

/// `, the first “東” at countries/usa.toml:25:31`: where a content string
/// needs the family, for a family the error points at in `theme.toml` (the
/// one stray character of a Latin booklet is easier found there).
fn first_place(missing: &Missing) -> String {
    let Some(origin) = &missing.origin else {
        return format!(", the first “{}” in the {}", missing.ch, missing.place);
    };
    let at = origin.diagnostic_at(&missing.ch.to_string(), Severity::Error, "");
    format!(
        ", the first “{}” at {}:{}:{}",
        missing.ch,
        at.file.display(),
        at.line,
        at.column
    )
}

/// The error for a character that no family the theme names covers, at
/// the character in its content string when it has one.
fn uncovered_glyph(edition: &Edition, missing: &Missing) -> Diagnostic {
    let message = format!(
        "{edition}: no font can draw “{}” (U+{:04X}) in the {}: “{}”",
        missing.ch, missing.ch as u32, missing.place, missing.context
    );
    let hint = format!(
        "add a font family that covers {} text to [fonts.fallback] in theme.toml",
        missing.script
    );
    let ch = missing.ch.to_string();
    match &missing.origin {
        Some(origin) => origin
            .diagnostic_at(&ch, Severity::Error, message)
            .with_hint(hint),
        None => general(Severity::Error, message, Some(hint)),
    }
}
