//! Typographic punctuation, read back from the PDFs: the content files
//! hold straight quotes and apostrophes where their authors typed them, and
//! the booklets print the language's own marks.

use std::path::PathBuf;

use folio::{Edition, Folio};
use folio_tests::PdfReadBack;

const NARROW_NO_BREAK_SPACE: char = '\u{202F}';

/// The text of the USA booklet in `lang`, as a PDF reader extracts it.
fn text_of(lang: &str) -> String {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
    let folio = Folio::open(&data).expect("the shipped data loads");
    let pdf = folio
        .render(&Edition::in_language("usa", lang))
        .expect("the edition renders")
        .pdf;
    PdfReadBack::parse(&pdf).expect("the PDF parses").text()
}

/// Each straight quote of `text`, with the words around it.
fn straight_quotes(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, '"' | '\''))
        .map(|(i, _)| {
            chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
                .iter()
                .collect()
        })
        .collect()
}

#[test]
fn the_english_booklet_prints_curly_quotes_and_apostrophes() {
    let text = text_of("en");
    assert_eq!(straight_quotes(&text), Vec::<String>::new());
    // The content has straight ones: "states' efforts" in campaign.toml.
    assert!(text.contains("states’ efforts"), "{text}");
    assert!(text.contains('“') && text.contains('”'));
}

#[test]
fn the_french_booklet_prints_guillemets_with_narrow_no_break_spaces() {
    let text = text_of("fr");
    assert_eq!(straight_quotes(&text), Vec::<String>::new());
    let opening = text.matches('«').count();
    assert!(opening > 0, "{text}");
    assert_eq!(
        text.matches(&format!("«{NARROW_NO_BREAK_SPACE}")).count(),
        opening,
        "every « is followed by a narrow no-break space"
    );
    assert_eq!(
        text.matches(&format!("{NARROW_NO_BREAK_SPACE}»")).count(),
        text.matches('»').count(),
        "every » is preceded by a narrow no-break space"
    );
    for mark in [';', '?', '!'] {
        for (at, _) in text.match_indices(mark) {
            let before = text[..at].chars().next_back();
            assert_eq!(
                before,
                Some(NARROW_NO_BREAK_SPACE),
                "“{mark}” at “{}”",
                &text[at.saturating_sub(30)..at + 1]
            );
        }
    }
}
