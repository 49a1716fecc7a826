//! `folio check`: loads, composes and lays out editions without writing
//! anything, and shows every problem found.

use folio::FontSources;
use rayon::prelude::*;

use super::args::CheckConfig;
use super::build::{editions, open, plural, report_todos};
use super::report::Reporter;

/// Checks what `config` asks for; the reporter's error count tells the
/// caller whether the content is fine.
pub fn run(config: &CheckConfig, fonts: &FontSources, reporter: &Reporter) {
    let Some(folio) = open(&config.data, fonts, reporter) else {
        summary(reporter, "the data folder");
        return;
    };
    let folio = folio.strict(config.strict);
    let editions = editions(&folio, &config.targets, &config.langs);
    if editions.is_empty() {
        reporter.error(format_args!(
            "nothing to check: {} has no countries",
            config.data.display()
        ));
        return;
    }
    if !config.strict {
        report_todos(&folio, &editions, reporter);
    }
    editions.par_iter().for_each(|edition| {
        reporter.guard(edition, || match folio.check(edition) {
            Ok(warnings) => reporter.diagnostics(&warnings),
            Err(diagnostics) => reporter.diagnostics(&diagnostics),
        });
    });
    summary(reporter, &plural(editions.len(), "edition", "editions"));
}

/// `checked 3 countries: 1 error, 0 warnings`.
fn summary(reporter: &Reporter, checked: &str) {
    let errors = plural(reporter.errors(), "error", "errors");
    let warnings = plural(reporter.warnings(), "warning", "warnings");
    reporter.info(format_args!("checked {checked}: {errors}, {warnings}"));
}
