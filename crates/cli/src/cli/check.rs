//! `folio check`: loads, composes and lays out editions without writing
//! anything, and shows every problem found.

use folio::Edition;
use rayon::prelude::*;

use super::args::{CheckConfig, Targets};
use super::build::{open, plural};
use super::report::Reporter;

/// Checks what `config` asks for; the reporter's error count tells the
/// caller whether the content is fine.
pub fn run(config: &CheckConfig, reporter: &Reporter) {
    let Some(folio) = open(&config.data, reporter) else {
        summary(reporter, "the data folder");
        return;
    };
    let countries: Vec<&str> = match &config.targets {
        Targets::All => folio.countries(),
        Targets::Countries(countries) => countries.iter().map(String::as_str).collect(),
    };
    if countries.is_empty() {
        reporter.error(format_args!(
            "nothing to check: {} has no countries",
            config.data.display()
        ));
        return;
    }
    countries.par_iter().for_each(|&country| {
        reporter.guard(Edition::new(country), || match folio.check(country) {
            Ok(warnings) => reporter.diagnostics(&warnings),
            Err(diagnostics) => reporter.diagnostics(&diagnostics),
        });
    });
    summary(reporter, &plural(countries.len(), "country", "countries"));
}

/// `checked 3 countries: 1 error, 0 warnings`.
fn summary(reporter: &Reporter, checked: &str) {
    let errors = plural(reporter.errors(), "error", "errors");
    let warnings = plural(reporter.warnings(), "warning", "warnings");
    reporter.info(format_args!("checked {checked}: {errors}, {warnings}"));
}
