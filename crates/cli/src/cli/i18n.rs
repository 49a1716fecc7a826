//! `folio i18n`: what a translator runs. `status` lists what is left to
//! translate, `export` and `import` exchange a language's strings with
//! translation tools as PO files.

use std::io::Write;
use std::path::Path;

use folio::{Folio, FontSources};

use super::args::I18nTask;
use super::build::open;
use super::report::Reporter;

pub fn run(task: &I18nTask, fonts: &FontSources, reporter: &Reporter) {
    match task {
        I18nTask::Status { data, langs } => {
            if let Some(folio) = open(data, fonts, reporter) {
                status(&folio, langs.as_deref(), reporter);
            }
        }
        I18nTask::Export { data, lang, output } => {
            if let Some(folio) = open(data, fonts, reporter) {
                export(&folio, lang, output, reporter);
            }
        }
        I18nTask::Import { data, file } => {
            if let Some(folio) = open(data, fonts, reporter) {
                import(&folio, file, reporter);
            }
        }
    }
}

/// One block per edition on stdout: a summary line, then each string left
/// to do as `file:line:column: what`. Problems in translation files go to
/// stderr like any diagnostic.
fn status(folio: &Folio, langs: Option<&[String]>, reporter: &Reporter) {
    let langs: Vec<&str> = match langs {
        Some(langs) => langs.iter().map(String::as_str).collect(),
        None => folio
            .languages()
            .into_iter()
            .filter(|&lang| lang != folio::DEFAULT_LANG)
            .collect(),
    };
    if langs.is_empty() {
        reporter.info(format_args!(
            "no translations in {}: start one with `folio i18n export --lang LANG`",
            folio.data_dir().display()
        ));
        return;
    }
    let mut stdout = std::io::stdout().lock();
    for lang in langs {
        let mut problems_shown = false;
        for country in folio.countries() {
            let status = match folio.project().status(country, lang) {
                Ok(status) => status,
                Err(diagnostics) => {
                    reporter.diagnostics(&diagnostics);
                    break;
                }
            };
            if !problems_shown {
                reporter.diagnostics(&status.problems);
                problems_shown = true;
            }
            let mut summary = format!(
                "{country}-{lang}: {} of {} strings translated",
                status.translated(),
                status.total
            );
            if !status.untranslated.is_empty() || !status.stale.is_empty() {
                summary.push_str(&format!(
                    " ({} untranslated, {} out of date)",
                    status.untranslated.len(),
                    status.stale.len()
                ));
            }
            // A closed stdout (e.g. `| head`) is no reason to fail.
            let _ = writeln!(stdout, "{summary}");
            for diagnostic in status.untranslated.iter().chain(&status.stale) {
                let location = folio::location(diagnostic).unwrap_or_default();
                let _ = writeln!(stdout, "  {location}: {}", diagnostic.message);
            }
        }
    }
}

fn export(folio: &Folio, lang: &str, output: &Path, reporter: &Reporter) {
    let text = match folio.project().export_po(lang) {
        Ok(text) => text,
        Err(diagnostics) => return reporter.diagnostics(&diagnostics),
    };
    if let Err(err) = folio::write_atomically(output, text.as_bytes()) {
        return reporter.error(format_args!("could not write {}: {err}", output.display()));
    }
    let _ = writeln!(std::io::stdout().lock(), "{}", output.display());
    reporter.info(format_args!(
        "translate {} in a PO editor, then run `folio i18n import {}`",
        output.display(),
        output.display()
    ));
}

fn import(folio: &Folio, file: &Path, reporter: &Reporter) {
    let import = match folio.project().import_po(file) {
        Ok(import) => import,
        Err(diagnostics) => return reporter.diagnostics(&diagnostics),
    };
    reporter.diagnostics(&import.warnings);
    let mut stdout = std::io::stdout().lock();
    for (path, text) in &import.files {
        let written = match path.parent() {
            Some(dir) => std::fs::create_dir_all(dir),
            None => Ok(()),
        }
        .and_then(|()| folio::write_atomically(path, text.as_bytes()));
        match written {
            Ok(()) => {
                let _ = writeln!(stdout, "{}", path.display());
            }
            Err(err) => reporter.error(format_args!("could not write {}: {err}", path.display())),
        }
    }
    reporter.info(format_args!(
        "{}: took {} translations from {}; {} changed",
        import.lang,
        import.taken,
        file.display(),
        super::build::plural(import.files.len(), "file", "files")
    ));
}
