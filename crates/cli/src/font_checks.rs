//! Checks that the theme's fonts exist, and the errors for text no font
//! can draw.

use std::fs;
use std::path::Path;

use folio_layout::fonts::FontBook;
use folio_model::Project;

use crate::diagnostics::general;
use crate::{Diagnostic, Edition, Severity};

/// An error for each family the theme sets body text or headings in that
/// is neither bundled nor installed: without it every page would quietly
/// come out in another face. Fallback families are checked when a
/// character needs them (see [`missing_glyph`]).
pub(crate) fn unknown_fonts(
    project: &Project,
    data_dir: &Path,
    book: &FontBook,
) -> Vec<Diagnostic> {
    let fonts = &project.theme().fonts;
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

/// The error for a character no font can draw, with the way to fix it:
/// install the family the theme names for its script, or name one.
pub(crate) fn missing_glyph(
    edition: &Edition,
    missing: &folio_layout::coverage::Missing,
    theme: &folio_model::theme::Theme,
    book: &FontBook,
    data_dir: &Path,
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
            "theme.toml names {} for {} text, which Folio cannot find: {}",
            uninstalled.join(", "),
            missing.script,
            how_to_get(uninstalled[0], data_dir)
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
