//! `folio fonts`: which font families the theme names and where each one
//! is found, so a translator can see what a new script needs before a
//! build fails on its first character.

use std::io::Write;
use std::path::Path;

use folio::{FontSources, how_to_get};
use folio_layout::fonts::{Provenance, Style};

use super::build::open;
use super::report::Reporter;

/// Prints one line per family the theme names, with where it is found, on
/// stdout; then the families found in the data folder that the theme does
/// not name. Missing families are listed with how to get them; they are not
/// errors here, since only the editions that need them fail.
pub fn run(data: &Path, fonts: &FontSources, reporter: &Reporter) {
    let Some(folio) = open(data, fonts, reporter) else {
        return;
    };
    let theme = &folio.project().theme().fonts;
    let book = folio.font_book();
    let mut rows: Vec<(String, &str)> = vec![
        ("body".to_owned(), theme.body.as_str()),
        ("heading".to_owned(), theme.heading.as_str()),
    ];
    for chain in &theme.fallback {
        let script = chain.script.to_lowercase();
        rows.extend(chain.families.iter().map(|f| (script.clone(), f.as_str())));
    }
    let width = rows
        .iter()
        .map(|(_, f)| f.chars().count())
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(10 + 1 + width + 2);
    let mut out = std::io::stdout().lock();
    let mut shown: Vec<&str> = Vec::new();
    let mut missing = Vec::new();
    for (role, family) in &rows {
        let faces = book.provenance(family);
        let kind = match faces.first().map(|(_, p)| p) {
            None => "missing",
            Some(Provenance::Bundled) => "bundled",
            Some(Provenance::Folder(_)) => "found in a font folder given to Folio",
            Some(Provenance::System(_)) => "installed on this machine",
        };
        let again = shown.contains(family);
        let _ = writeln!(
            out,
            "{role:<10} {family:<width$}  {kind}{}",
            if again { " (as above)" } else { "" }
        );
        if again {
            continue;
        }
        shown.push(family);
        if faces.is_empty() {
            let _ = writeln!(out, "{indent}{}", how_to_get(family, data));
            missing.push(*family);
        }
        for (style, provenance) in &faces {
            if let Provenance::Folder(path) | Provenance::System(path) = provenance {
                let _ = writeln!(out, "{indent}{} ({})", path.display(), style_name(*style));
            }
        }
    }
    let unnamed = book.unnamed_families();
    if !unnamed.is_empty() {
        let _ = writeln!(
            out,
            "\nfound, but named nowhere in theme.toml (add to [fonts.fallback] to use):"
        );
        for (family, path) in unnamed {
            let _ = writeln!(out, "  {family}  {}", path.display());
        }
    }
    let summary = match missing.len() {
        0 => format!("all {} families the theme names are found", shown.len()),
        n => format!(
            "{n} of the families the theme names {} missing: {}",
            if n == 1 { "is" } else { "are" },
            missing.join(", ")
        ),
    };
    reporter.info(summary);
}

fn style_name(style: Style) -> &'static str {
    match (style.bold, style.italic) {
        (false, false) => "regular",
        (true, false) => "bold",
        (false, true) => "italic",
        (true, true) => "bold italic",
    }
}
