//! Builds the real USA booklet and checks the PDF read back from its bytes.

use std::path::PathBuf;
use std::sync::OnceLock;

use folio::{Edition, Folio};
use folio_model::doc::{Block, Heading, Inline};
use folio_tests::{LinkTarget, PdfReadBack, word_sequence_coverage};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn folio() -> &'static Folio {
    static FOLIO: OnceLock<Folio> = OnceLock::new();
    FOLIO.get_or_init(|| Folio::open(&data_dir()).expect("the shipped data loads"))
}

/// The USA booklet's bytes, built once for all tests.
fn usa_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        folio()
            .render(&Edition::new("usa"))
            .expect("usa renders")
            .pdf
    })
}

fn usa() -> &'static PdfReadBack {
    static DOC: OnceLock<PdfReadBack> = OnceLock::new();
    DOC.get_or_init(|| PdfReadBack::parse(usa_pdf()).expect("the PDF parses"))
}

/// Page text with lines joined: words hyphenated at a line end (marked by
/// the soft hyphen Folio writes as their source text) are made whole again.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace('\n', " ")
}

fn seed_without_toc() -> String {
    let seed = include_str!("../fixtures/usa-progress-card.txt");
    let start = seed.find("TABLE OF CONTENTS").expect("seed has a TOC");
    let end = seed[start..]
        .find("\n1. PROGRESS")
        .map(|i| start + i)
        .expect("seed has section 1");
    format!("{}{}", &seed[..start], &seed[end..])
}

#[test]
fn text_matches_the_seed() {
    let text = flat(&usa().text());
    let coverage = word_sequence_coverage(&seed_without_toc(), &text);
    assert!(
        coverage >= 0.98,
        "only {:.1}% of the seed's words are in the PDF, in order",
        coverage * 100.0
    );
}

fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.clone(),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => plain(c),
            _ => String::new(),
        })
        .collect()
}

fn toc_headings() -> Vec<Heading> {
    let doc = folio()
        .project()
        .compose("usa", "en")
        .expect("usa composes");
    doc.blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.in_toc => Some(h),
            _ => None,
        })
        .collect()
}

fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first page (1-based) after the table of contents whose text holds
/// `needle`.
fn page_showing(needle: &str, after: usize) -> Option<usize> {
    (after..usa().page_count())
        .find(|&i| normalized(&flat(&usa().page_text(i))).contains(needle))
        .map(|i| i + 1)
}

#[test]
fn toc_page_numbers_are_where_the_headings_land() {
    let toc_page = (0..usa().page_count())
        .find(|&i| usa().page_text(i).contains("TABLE OF CONTENTS"))
        .expect("a TOC page");
    let toc = normalized(&flat(&usa().page_text(toc_page)));
    let headings = toc_headings();
    assert!(
        headings.len() >= 10,
        "7 sections and 3 goals are in the TOC"
    );
    for heading in headings {
        let title = normalized(&plain(&heading.text));
        let at = toc
            .find(&title)
            .unwrap_or_else(|| panic!("TOC lists “{title}”: {toc}"));
        let printed: usize = toc[at + title.len()..]
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("a page number follows “{title}” in the TOC"));
        let number = heading.number.clone().unwrap_or_default();
        let drawn = page_showing(&normalized(&format!("{number} {title}")), toc_page + 1)
            .unwrap_or_else(|| panic!("heading “{title}” is drawn"));
        assert_eq!(printed, drawn, "TOC says “{title}” is on page {printed}");
    }
}

#[test]
fn methodology_cross_reference_names_its_page() {
    let text = normalized(&flat(&usa().text()));
    let phrase = "can be found on page ";
    let at = text.find(phrase).expect("footnote 2 is in the booklet");
    let printed: usize = text[at + phrase.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a page number");
    let drawn = page_showing("6. RESEARCH METHODOLOGY", 2).expect("section 6 is drawn");
    assert_eq!(printed, drawn);
}

#[test]
fn every_endnote_marker_links_to_its_endnote() {
    let endnotes_from = page_showing("7. ENDNOTES", 2).expect("section 7 is drawn") - 1;
    let mut targets = Vec::new();
    for page in 0..endnotes_from {
        if usa().page_text(page).contains("TABLE OF CONTENTS") {
            continue;
        }
        for link in usa().links(page) {
            if let LinkTarget::Page { index, y } = link.target
                && index >= endnotes_from
            {
                targets.push((index, y.map(|y| (y * 10.0).round() as i64)));
            }
        }
    }
    targets.sort();
    targets.dedup();
    assert_eq!(
        targets.len(),
        30,
        "30 endnotes, each the target of its marker: {targets:?}"
    );
}

#[test]
fn every_font_is_embedded_and_subset() {
    let fonts = usa().fonts();
    assert!(!fonts.is_empty());
    for font in fonts {
        assert!(font.embedded, "{} is embedded", font.base_font);
        assert!(font.subset, "{} is subset", font.base_font);
    }
}

/// The tagged edition is what the public downloads: issue 5 budgets it at
/// 200 kB (Typst's tagged output of the same booklet is 237 kB). Packing
/// the dictionaries into object streams and unhinted fonts keep it well
/// below; a change that loses either shows here.
#[test]
fn the_screen_edition_stays_small() {
    let size = usa_pdf().len();
    assert!(size < 200_000, "the USA screen PDF is {size} bytes");
    let raw = String::from_utf8_lossy(usa_pdf());
    assert!(raw.contains("/Type/ObjStm"), "dictionaries are packed");
    assert!(raw.contains("/Type/XRef"), "with a cross-reference stream");
}

#[test]
fn two_builds_are_byte_identical() {
    let again = folio()
        .render(&Edition::new("usa"))
        .expect("usa renders")
        .pdf;
    assert!(
        again == usa_pdf(),
        "the second build differs from the first"
    );
}

#[test]
fn outline_mirrors_the_sections() {
    let outline = usa().outline();
    let top: Vec<_> = outline.iter().filter(|e| e.depth == 0).collect();
    assert!(top.len() >= 7, "seven sections in the outline: {outline:?}");
    assert!(outline.iter().all(|e| e.page.is_some()));
    assert_eq!(usa().lang().as_deref(), Some("en"));
}
