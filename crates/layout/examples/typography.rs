//! Prints the typographic figures of `TYPOGRAPHY.md` for the editions
//! given as `country:lang` (by default the USA in English and French and
//! the second test country):
//!
//! ```sh
//! cargo run --release -p folio-layout --example typography -- usa:en usa:fr uk:en
//! ```
//!
//! It reads the project's `data/` with the second test country of
//! `tests/fixtures/second-country/` added (`uk`); `--data DIR` reads
//! another data folder instead.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use folio_layout::fonts::FontBook;
use folio_layout::layout_document;
use folio_layout::measure::{LOOSE_GAP, Typography};
use folio_model::Project;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let with_fixture = common::data_with_second_country();
    let mut data = with_fixture.path().to_owned();
    if let Some(at) = args.iter().position(|a| a == "--data") {
        data = PathBuf::from(args.get(at + 1).expect("--data DIR"));
        args.drain(at..at + 2);
    }
    if args.is_empty() {
        args = vec!["usa:en".into(), "usa:fr".into(), "uk:en".into()];
    }
    let project = Project::load(&data).unwrap_or_else(|e| panic!("{data:?} does not load: {e:?}"));
    println!(
        "| edition | justified lines | word gap p50 | p95 | max | loose (> {LOOSE_GAP} em) | \
         hyphenated | longest run | hyphens at page ends | emptiest mid-section page |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for edition in &args {
        let (country, lang) = edition.split_once(':').unwrap_or((edition, "en"));
        let doc = project
            .compose(country, lang)
            .unwrap_or_else(|e| panic!("{edition} does not compose: {e:?}"));
        let t = Typography::of(&layout_document(&doc, project.theme(), FontBook::bundled()));
        let emptiest = t
            .emptiest_page
            .as_ref()
            .map_or("—".to_owned(), |(page, empty)| {
                format!("page {page}, {:.0}% empty", empty * 100.0)
            });
        println!(
            "| {edition} | {} | {:.3} em | {:.3} em | {:.3} em | {} | {} ({:.1}%) | {} | {} | {emptiest} |",
            t.justified_lines,
            t.gap_percentile(0.5),
            t.gap_percentile(0.95),
            t.gap_percentile(1.0),
            t.loose_lines,
            t.hyphenated,
            t.hyphenated_share() * 100.0,
            t.longest_hyphen_run,
            t.page_end_hyphens,
        );
    }
}
