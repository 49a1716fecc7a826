//! `folio build`: renders editions and writes them atomically into the out
//! folder, in parallel.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use folio::{Edition, Folio, FontSources};
use rayon::prelude::*;

use super::args::{BuildConfig, Langs, Targets};
use super::progress::Progress;
use super::report::Reporter;

/// Builds what `config` asks for. Each edition that fails is reported and
/// the others are still built; the reporter's error count tells the caller.
pub fn run(config: &BuildConfig, fonts: &FontSources, reporter: &Reporter) {
    let started = Instant::now();
    let Some(folio) = open(&config.data, fonts, reporter) else {
        return;
    };
    let folio = folio.strict(config.strict);
    let editions: Vec<Edition> = editions(&folio, &config.targets, &config.langs)
        .into_iter()
        .map(|edition| edition.with_profile(config.profile))
        .collect();
    if editions.is_empty() {
        reporter.error(format_args!(
            "nothing to build: {} has no countries",
            config.data.display()
        ));
        return;
    }
    if !config.strict {
        report_todos(&folio, &editions, reporter);
    }
    if let Err(err) = std::fs::create_dir_all(&config.out) {
        reporter.error(format_args!(
            "could not create {}: {err}",
            config.out.display()
        ));
        return;
    }

    // Editions in parallel on every core (rayon's pool has one thread per
    // core); each is laid out and written on its own.
    let progress = Progress::new(editions.len(), reporter);
    let pages: Vec<Option<usize>> = editions
        .par_iter()
        .map(|edition| {
            let started = Instant::now();
            let pages = reporter
                .guard(edition, || {
                    let save = folio::write_atomically;
                    write_edition(&folio, edition, &config.out, save, reporter, &progress)
                })
                .flatten();
            match pages {
                Some(pages) => progress.done(format_args!(
                    "{edition}: {} in {:.2} s",
                    plural(pages, "page", "pages"),
                    started.elapsed().as_secs_f64()
                )),
                None => progress.failed(),
            }
            pages
        })
        .collect();
    progress.finish();

    let built: Vec<usize> = pages.iter().flatten().copied().collect();
    if editions.len() > 1 || config.targets == Targets::All {
        let seconds = started.elapsed().as_secs_f64();
        let total_pages: usize = built.iter().sum();
        let failed = editions.len() - built.len();
        let summary = if failed == 0 {
            plural(built.len(), "edition", "editions")
        } else {
            format!(
                "{} of {}",
                built.len(),
                plural(editions.len(), "edition", "editions")
            )
        };
        reporter.info(format_args!(
            "built {summary} ({total_pages} pages) in {seconds:.2} s"
        ));
    }
}

/// Every country of `targets` in every language of `langs`, country by
/// country.
pub fn editions(folio: &Folio, targets: &Targets, langs: &Langs) -> Vec<Edition> {
    let countries: Vec<&str> = match targets {
        Targets::All => folio.countries(),
        Targets::Countries(countries) => countries.iter().map(String::as_str).collect(),
    };
    let langs: Vec<&str> = match langs {
        Langs::All => folio.languages(),
        Langs::These(langs) => langs.iter().map(String::as_str).collect(),
    };
    countries
        .iter()
        .flat_map(|&country| {
            langs
                .iter()
                .map(move |&lang| Edition::in_language(country, lang))
        })
        .collect()
}

/// Loads the data folder, reporting its warnings, or its errors if it
/// can't be loaded.
pub fn open(data: &Path, fonts: &FontSources, reporter: &Reporter) -> Option<Folio> {
    match Folio::open_with_fonts(data, fonts.clone()) {
        Ok(folio) => {
            reporter.diagnostics(folio.warnings());
            Some(folio)
        }
        Err(diagnostics) => {
            reporter.diagnostics(&diagnostics);
            None
        }
    }
}

/// The TODOs left in what `editions` print, each once, as warnings; a
/// strict build or check fails each edition with its TODOs instead.
pub fn report_todos(folio: &Folio, editions: &[Edition], reporter: &Reporter) {
    let mut countries: Vec<&str> = editions.iter().map(|e| e.country.as_str()).collect();
    countries.dedup();
    reporter.diagnostics(folio.todos(&countries));
}

/// Renders one edition and writes its PDF (and printer spreads) into
/// `out` with `save` (one of the `folio::write_atomically` functions),
/// printing each path written on stdout; its page count, or `None` once
/// the reason has been reported. Nothing is written unless the whole
/// edition rendered.
pub fn write_edition(
    folio: &Folio,
    edition: &Edition,
    out: &Path,
    save: fn(&Path, &[u8]) -> std::io::Result<()>,
    reporter: &Reporter,
    progress: &Progress,
) -> Option<usize> {
    let rendered = match folio.render(edition) {
        Ok(rendered) => rendered,
        Err(diagnostics) => {
            progress.suspend(|| reporter.diagnostics(&diagnostics));
            return None;
        }
    };
    progress.suspend(|| reporter.diagnostics(&rendered.warnings));
    if let Some(fitted) = &rendered.fitted {
        progress.suspend(|| reporter.info(format_args!("{edition}: {fitted}")));
    }
    let files = [(edition.file_name(), Some(&rendered.pdf))];
    let spreads = [(edition.spreads_file_name(), rendered.spreads.as_ref())];
    for (name, pdf) in files.into_iter().chain(spreads) {
        let Some(pdf) = pdf else { continue };
        let path: PathBuf = out.join(name);
        if let Err(err) = save(&path, pdf) {
            progress.suspend(|| {
                reporter.error(format_args!("could not write {}: {err}", path.display()))
            });
            return None;
        }
        // The path on stdout, for scripts; a closed stdout doesn't undo the build.
        progress.suspend(|| {
            let _ = writeln!(std::io::stdout().lock(), "{}", path.display());
        });
    }
    Some(rendered.pages)
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
