//! Layout invariants, checked on generated documents, themes and page
//! sizes (property tests): whatever the text and the measure,
//!
//! - every character is laid out exactly once and in order, across line and
//!   page breaks, hyphenation and footnotes (text conservation), and every
//!   character of a run belongs to one of its glyphs;
//! - no line is wider than its measure, unless it holds a single word that
//!   cannot be broken, and then layout warns, naming the word;
//! - the page numbers printed in the table of contents and by page
//!   references are the pages the headings are on;
//! - layout is a pure function: the same input gives the same pages, also
//!   after laying out something else in between;
//! - a shaded box breaks with two lines or more on each side, its title
//!   repeated with the "continued" label, or floats past the text after it,
//!   so that no page ends more than a quarter empty before a box.
//!
//! The documents are built in code, not loaded from content files, so the
//! generator can reach text and measures the shipped content never has.
//! `PROPTEST_CASES=1000 cargo test -p folio-layout --test properties` runs
//! more cases than the default.

use std::collections::BTreeMap;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{ItemKind, LaidOut, Role, TextRun};
use folio_layout::layout_document;
use folio_layout::measure::Typography;
use folio_model::doc::{
    Block, BoxKind, Boxed, Cover, Document, Heading, Inline, Note, NoteKind, NoteRef, Paragraph,
    ParagraphStyle,
};
use folio_model::theme::{
    Binding, Color, ColorName, Copyfit, Endnotes, Fonts, PageGeometry, PrintSettings, Theme,
    TypeScale,
};
use proptest::prelude::*;

/// Words a booklet has: short ones, long ones TeX's patterns hyphenate,
/// words with punctuation, numbers, capitals (not hyphenated).
const VOCABULARY: &[&str] = &[
    "the",
    "of",
    "a",
    "children",
    "trafficking",
    "international",
    "responsibility",
    "comprehensive",
    "implementation",
    "notwithstanding",
    "characteristically",
    "counterrevolutionaries",
    "extraordinarily",
    "protection,",
    "(2009)",
    "U.S.",
    "UNICEF",
    "multi-stakeholder",
    "well—known",
    "https://example.org/a/very/long/path/to/a/report.pdf",
    "26%",
    "“quoted”",
    "naïve",
    "Ελλάδα",
    "Россия",
    "x",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(VOCABULARY).prop_map(str::to_owned),
        3 => "[a-z]{1,12}",
        // Longer than any measure: must overflow, with a warning.
        1 => "[a-z]{30,120}",
    ]
}

/// A paragraph's words: each with a style (emphasis, strong, plain) and
/// whether a footnote reference follows it.
fn paragraph() -> impl Strategy<Value = Vec<(String, u8, bool)>> {
    prop::collection::vec((word(), 0u8..6, prop::bool::weighted(0.04)), 1..70)
}

/// Text a translator could paste: any script, combining marks, joiners and
/// other invisible characters, controls, emoji, and sometimes any
/// character at all.
fn any_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z ]{1,20}",
        "[\u{0590}-\u{05FF}\u{0600}-\u{06FF} ]{1,20}",
        "[\u{0900}-\u{097F}\u{0E00}-\u{0E7F}\u{1780}-\u{17FF} ]{1,20}",
        "[\u{3040}-\u{30FF}\u{4E00}-\u{4E80}]{1,20}",
        "[\u{0300}-\u{036F}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FEFF}\u{00AD}]{1,5}",
        "[\u{0000}-\u{001F}\u{007F}-\u{009F}]{1,3}",
        "[\u{1F300}-\u{1F6FF}\u{1F3FB}-\u{1F3FF}\u{FE0F}]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 1..12).prop_map(|pieces| pieces.concat())
}

#[derive(Debug, Clone)]
struct Page {
    width: f32,
    height: f32,
    margin: f32,
    size: f32,
    leading: f32,
}

fn page() -> impl Strategy<Value = Page> {
    (
        120f32..700.0,
        200f32..900.0,
        8f32..60.0,
        6f32..16.0,
        1.15f32..1.6,
    )
        .prop_map(|(width, height, margin, size, leading)| Page {
            width,
            height,
            margin,
            size,
            leading: size * leading,
        })
}

fn theme(page: &Page) -> Theme {
    let size = page.size;
    Theme {
        page: PageGeometry {
            width: page.width,
            height: page.height,
            margin_top: page.margin,
            margin_bottom: page.margin,
            // Equal, so every page's text area starts at the same x.
            margin_inner: page.margin,
            margin_outer: page.margin,
            bleed: 0.0,
        },
        fonts: Fonts {
            body: "Noto Serif".into(),
            heading: "Noto Sans".into(),
            fallback: vec![],
        },
        type_scale: TypeScale {
            body_size: size,
            body_leading: page.leading,
            lead_size: size * 1.25,
            small_size: size * 0.85,
            note_size: size * 0.75,
            table_size: size * 0.85,
            h1_size: size * 1.6,
            h2_size: size * 1.3,
            h3_size: size * 1.1,
            cover_title_size: size * 3.0,
            paragraph_gap: 0.5,
        },
        colors: ColorName::ALL
            .into_iter()
            .map(|name| (name, Color::BLACK))
            .collect(),
        cover_image: None,
        endnotes: Endnotes {
            columns: 1,
            size: size * 0.85,
        },
        binding: Binding::default(),
        copyfit: Copyfit::default(),
        print: PrintSettings::default(),
    }
}

/// What a generated document is made of, to compare the layout with.
#[derive(Debug, Clone)]
struct Spec {
    /// Each section: a heading, its paragraphs.
    sections: Vec<Vec<Vec<(String, u8, bool)>>>,
    /// Paragraphs that refer to the page of section `n`.
    references: Vec<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(prop::collection::vec(paragraph(), 1..4), 1..5),
        prop::collection::vec(0usize..8, 0..3),
    )
        .prop_map(|(sections, references)| Spec {
            references: references.into_iter().map(|r| r % sections.len()).collect(),
            sections,
        })
}

fn heading_word(n: usize) -> String {
    format!("Heading{n}")
}

fn document(spec: &Spec) -> Document {
    let mut blocks = vec![];
    let mut notes = vec![];
    for (n, section) in spec.sections.iter().enumerate() {
        blocks.push(Block::Heading(Heading {
            level: if n % 2 == 0 { 1 } else { 2 },
            number: Some(format!("{}.", n + 1)),
            text: vec![Inline::Text(format!("{} of the booklet", heading_word(n)))],
            anchor: format!("section-{n}"),
            in_toc: true,
            new_page: n % 3 == 2,
            origin: None,
        }));
        for paragraph in section {
            let mut text = vec![];
            for (i, (word, style, note)) in paragraph.iter().enumerate() {
                let word = if i + 1 < paragraph.len() {
                    format!("{word} ")
                } else {
                    word.clone()
                };
                text.push(match style {
                    0 => Inline::Emphasis(vec![Inline::Text(word)]),
                    1 => Inline::Strong(vec![Inline::Text(word)]),
                    _ => Inline::Text(word),
                });
                if *note {
                    let index = notes.len();
                    notes.push(Note {
                        kind: NoteKind::Footnote,
                        marker: (index + 1).to_string(),
                        anchor: format!("note-{index}"),
                        text: vec![Inline::Text(format!(
                            "Footnote{index} explains {} in a sentence.",
                            paragraph[0].0
                        ))],
                        origin: None,
                    });
                    text.push(Inline::NoteRef(NoteRef { index }));
                }
            }
            blocks.push(Block::Paragraph(Paragraph {
                style: ParagraphStyle::Body,
                text,
                origin: None,
            }));
        }
    }
    for (r, &section) in spec.references.iter().enumerate() {
        blocks.push(Block::Paragraph(Paragraph {
            style: ParagraphStyle::Body,
            text: vec![
                Inline::Text(format!("Reference{r} is on page ")),
                Inline::PageRef {
                    anchor: format!("section-{section}"),
                },
                Inline::Text(format!(" End{r}.")),
            ],
            origin: None,
        }));
    }
    Document {
        lang: "en".into(),
        title: "Properties".into(),
        author: "Folio".into(),
        subject: "Layout invariants".into(),
        keywords: vec![],
        cover: Cover {
            title: vec!["PROPERTIES".into()],
            subtitle: "Generated".into(),
            imprint: "Folio".into(),
            image: None,
        },
        back_cover: None,
        notes_title: "Notes".into(),
        toc_title: "CONTENTS".into(),
        page_label: "Page".into(),
        running_header: "Properties".into(),
        draft_mark: None,
        continued_label: "(continued)".into(),
        blocks,
        notes,
    }
}

fn lay_out(doc: &Document, theme: &Theme) -> LaidOut {
    layout_document(doc, theme, FontBook::bundled())
}

/// The characters of the text runs whose role `keep` accepts, in drawing
/// order, without white space and the soft hyphens that stand for
/// line-end hyphens.
fn drawn(laid: &LaidOut, keep: impl Fn(Role) -> bool) -> String {
    // Not the cover, whose lines are paragraphs too.
    laid.pages[1..]
        .iter()
        .flat_map(|p| &p.items)
        .filter(|item| keep(item.role))
        .filter_map(|item| match &item.kind {
            ItemKind::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn plain(inlines: &[Inline], notes: &[Note]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) => out.push_str(&plain(c, notes)),
            Inline::NoteRef(r) => out.push_str(&notes[r.index].marker),
            _ => {}
        }
    }
    out
}

/// Body paragraphs without page references, in order, as they should be
/// drawn.
fn expected_body(doc: &Document) -> String {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) if !p.text.iter().any(|i| matches!(i, Inline::PageRef { .. })) => {
                Some(visible(&plain(&p.text, &doc.notes)))
            }
            _ => None,
        })
        .collect()
}

fn expected_notes(doc: &Document) -> String {
    doc.notes
        .iter()
        .map(|n| visible(&format!("{}{}", n.marker, plain(&n.text, &doc.notes))))
        .collect()
}

/// The paragraphs that hold a page reference: their blocks, for the body
/// text check to leave out.
fn reference_blocks(laid: &LaidOut) -> Vec<u32> {
    let mut blocks: BTreeMap<u32, String> = BTreeMap::new();
    for item in laid.pages.iter().flat_map(|p| &p.items) {
        if let (Role::Paragraph(b), ItemKind::Text(run)) = (item.role, &item.kind) {
            blocks.entry(b.0).or_default().push_str(&run.text);
        }
    }
    blocks
        .into_iter()
        .filter(|(_, text)| text.replace('\u{ad}', "").contains("Reference"))
        .map(|(b, _)| b)
        .collect()
}

/// The label of the page each heading word is first drawn on.
fn heading_pages(laid: &LaidOut, count: usize) -> Vec<String> {
    (0..count)
        .map(|n| {
            let word = heading_word(n);
            laid.pages
                .iter()
                .find(|page| {
                    page.items.iter().any(|item| match (&item.kind, item.role) {
                        (ItemKind::Text(run), Role::Heading(..)) => run.text.contains(&word),
                        _ => false,
                    })
                })
                .map(|page| page.label.clone())
                .unwrap_or_else(|| panic!("{word} is on no page"))
        })
        .collect()
}

/// A line of text: the runs of one paragraph or note on one baseline of
/// one page, and its raised note markers.
struct Line {
    text: String,
    /// The edges of the line's letters: punctuation that hangs into the
    /// margin (optical margin alignment) and raised note markers are left
    /// out, since they are meant to cross the measure.
    left: f32,
    right: f32,
}

/// Lines of the text whose role `keep` accepts. Runs less than `gap`
/// apart vertically are on one line: a raised note marker is closer to its
/// baseline than the next line is.
fn lines(laid: &LaidOut, gap: f32, keep: impl Fn(Role) -> bool) -> Vec<Line> {
    let mut out = vec![];
    for page in &laid.pages {
        let mut runs: BTreeMap<String, Vec<(f32, f32, &TextRun)>> = BTreeMap::new();
        for item in &page.items {
            if let ItemKind::Text(run) = &item.kind
                && keep(item.role)
            {
                runs.entry(format!("{:?}", item.role))
                    .or_default()
                    .push((item.pos.y, item.pos.x, run));
            }
        }
        for mut runs in runs.into_values() {
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut grouped: Vec<Vec<(f32, f32, &TextRun)>> = vec![];
            let mut top = f32::NEG_INFINITY;
            for run in runs {
                if run.0 - top > gap {
                    top = run.0;
                    grouped.push(vec![]);
                }
                grouped.last_mut().expect("pushed above").push(run);
            }
            for mut line in grouped {
                line.sort_by(|a, b| a.1.total_cmp(&b.1));
                let baseline = line.iter().map(|r| r.0).fold(f32::NEG_INFINITY, f32::max);
                // Each glyph's extent, on the baseline and of a letter.
                let letters: Vec<(f32, f32)> = line
                    .iter()
                    .filter(|(y, _, _)| *y >= baseline - 0.01)
                    .flat_map(|(_, x, run)| {
                        let mut at = *x;
                        run.glyphs.iter().map(move |g| {
                            let extent = (at, at + g.x_advance);
                            at += g.x_advance;
                            let letter =
                                run.text[g.range.clone()].chars().any(char::is_alphanumeric);
                            (extent, letter)
                        })
                    })
                    .filter(|&(_, letter)| letter)
                    .map(|(extent, _)| extent)
                    .collect();
                out.push(Line {
                    text: line.iter().map(|r| r.2.text.as_str()).collect(),
                    left: letters.iter().map(|e| e.0).fold(f32::INFINITY, f32::min),
                    right: letters
                        .iter()
                        .map(|e| e.1)
                        .fold(f32::NEG_INFINITY, f32::max),
                });
            }
        }
    }
    out
}

fn config() -> ProptestConfig {
    // Few cases by default: every case lays out a small booklet, and the
    // suite runs in debug builds. PROPTEST_CASES overrides it.
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_character_is_laid_out_once_and_in_order(spec in spec(), page in page()) {
        let doc = document(&spec);
        let laid = lay_out(&doc, &theme(&page));
        let references = reference_blocks(&laid);
        let body = drawn(&laid, |role| {
            matches!(role, Role::Paragraph(b) if !references.contains(&b.0))
        });
        prop_assert_eq!(body, expected_body(&doc));
        let notes = drawn(&laid, |role| matches!(role, Role::Footnote(_)));
        prop_assert_eq!(notes, expected_notes(&doc));
        // Every character of a run is in the cluster of one of its glyphs.
        for item in laid.pages.iter().flat_map(|p| &p.items) {
            if let ItemKind::Text(run) = &item.kind {
                let mut covered = vec![false; run.text.len()];
                for glyph in &run.glyphs {
                    prop_assert!(glyph.range.end <= run.text.len(), "{:?}", run);
                    covered[glyph.range.clone()].iter_mut().for_each(|c| *c = true);
                }
                prop_assert!(covered.iter().all(|&c| c), "uncovered text in {:?}", run);
            }
        }
    }

    #[test]
    fn no_line_is_wider_than_its_measure_but_an_unbreakable_word(
        spec in spec(),
        page in page(),
    ) {
        let doc = document(&spec);
        let laid = lay_out(&doc, &theme(&page));
        let left = page.margin;
        let right = page.width - page.margin;
        let gap = page.size * 0.5;
        for line in lines(&laid, gap, |role| matches!(role, Role::Paragraph(_) | Role::Footnote(_))) {
            if line.left >= left - 0.05 && line.right <= right + 0.05 {
                continue;
            }
            let word = line.text.replace('\u{ad}', "");
            let word = word.trim();
            prop_assert!(
                !word.contains(char::is_whitespace),
                "a line of several words is wider than the measure ({} to {} in {} to {}): {:?}",
                line.left, line.right, left, right, line.text
            );
            // The line may start with a hanging note number: the warning
            // names the word, which the line holds.
            let named = laid.warnings.iter().any(|w| {
                w.part
                    .as_deref()
                    .is_some_and(|named| !named.is_empty() && word.contains(named))
            });
            prop_assert!(
                named,
                "no warning names the overfull word {:?}: {:?}",
                word, laid.warnings
            );
        }
    }

    #[test]
    fn printed_page_numbers_are_where_the_headings_are(spec in spec(), page in page()) {
        let doc = document(&spec);
        let laid = lay_out(&doc, &theme(&page));
        prop_assert!(
            !laid.warnings.iter().any(|w| w.message.contains("did not settle")),
            "{:?}", laid.warnings
        );
        let pages = heading_pages(&laid, spec.sections.len());

        // The contents: each entry's last run is its page number.
        let mut entries: Vec<(u32, String)> = vec![];
        for item in laid.pages.iter().flat_map(|p| &p.items) {
            if let (Role::TocEntry(b), ItemKind::Text(run)) = (item.role, &item.kind) {
                match entries.last_mut() {
                    Some((block, last)) if *block == b.0 => *last = run.text.clone(),
                    _ => entries.push((b.0, run.text.clone())),
                }
            }
        }
        let printed: Vec<String> = entries.into_iter().map(|(_, n)| n.trim().to_owned()).collect();
        prop_assert_eq!(&printed, &pages);

        // Page references: "Reference{r} is on page N End{r}."
        let mut paragraphs: BTreeMap<u32, String> = BTreeMap::new();
        for item in laid.pages.iter().flat_map(|p| &p.items) {
            if let (Role::Paragraph(b), ItemKind::Text(run)) = (item.role, &item.kind) {
                paragraphs.entry(b.0).or_default().push_str(&run.text);
            }
        }
        for (r, &section) in spec.references.iter().enumerate() {
            let text = paragraphs
                .values()
                .map(|t| visible(&t.replace('\u{ad}', "")))
                .find(|t| t.starts_with(&format!("Reference{r}is")))
                .expect("the reference is drawn");
            let number = text
                .trim_start_matches(&format!("Reference{r}isonpage"))
                .trim_end_matches(&format!("End{r}."));
            prop_assert_eq!(number, pages[section].as_str());
        }
    }

    #[test]
    fn any_text_in_any_script_is_laid_out_once(
        text in prop::collection::vec(any_text(), 1..4),
        page in page(),
    ) {
        let spec = Spec { sections: vec![vec![]], references: vec![] };
        let mut doc = document(&spec);
        doc.blocks.extend(text.iter().map(|t| Block::Paragraph(Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline::Text(t.clone())],
            origin: None,
        })));
        let laid = lay_out(&doc, &theme(&page));
        // Right-to-left runs are drawn in visual order: compare the
        // characters, not their order.
        let mut drawn: Vec<char> = drawn(&laid, |role| matches!(role, Role::Paragraph(_)))
            .chars()
            .collect();
        // Soft hyphens are left out on both sides: they stand for line-end
        // hyphens in the drawn text.
        let mut expected: Vec<char> = text.iter().flat_map(|t| t.chars())
            .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
            .collect();
        drawn.sort_unstable();
        expected.sort_unstable();
        prop_assert_eq!(drawn, expected);
    }

    #[test]
    fn layout_is_a_pure_function(spec in spec(), other in spec(), page in page()) {
        let theme = theme(&page);
        let doc = document(&spec);
        let first = format!("{:?}", lay_out(&doc, &theme));
        // Something else in between, in the same process and thread, so
        // that any state kept between calls (caches) would show.
        let _ = lay_out(&document(&other), &theme);
        let second = format!("{:?}", lay_out(&doc, &theme));
        prop_assert!(first == second, "two layouts of the same document differ");
    }
}

/// Findings of the properties above, kept as plain tests so they are
/// checked on every run, not only when the generator happens on them.
mod findings {
    use super::*;

    /// Lays out one paragraph of `inlines` at every measure from `from` to
    /// `to` points and returns the lines wider than their measure.
    fn overfull(inlines: Vec<Inline>, notes: Vec<Note>, from: u16, to: u16) -> Vec<String> {
        let mut doc = document(&Spec {
            sections: vec![vec![]],
            references: vec![],
        });
        doc.blocks.push(Block::Paragraph(Paragraph {
            style: ParagraphStyle::Body,
            text: inlines,
            origin: None,
        }));
        doc.notes = notes;
        // An empty cover: its words are wider than the narrow measures.
        doc.cover.title.clear();
        doc.cover.subtitle.clear();
        doc.cover.imprint.clear();
        let mut out = vec![];
        for measure in from..=to {
            let page = Page {
                width: f32::from(measure) + 40.0,
                height: 600.0,
                margin: 20.0,
                size: 10.0,
                leading: 13.0,
            };
            let laid = lay_out(&doc, &theme(&page));
            for line in lines(&laid, 5.0, |role| matches!(role, Role::Paragraph(_))) {
                if line.right > page.width - page.margin + 0.05 {
                    out.push(format!("{measure} pt: {:?}", line.text));
                }
            }
        }
        out
    }

    /// The breaker may end a justified paragraph with a line a little
    /// longer than the measure, counting on its spaces to shrink; the last
    /// line used to be set at its natural width all the same, and stuck
    /// out of the text area.
    #[test]
    fn the_last_line_of_a_justified_paragraph_shrinks_to_fit() {
        let text = "Reference is on page 14 of the booklet, at the end of it.";
        let found = overfull(vec![Inline::Text(text.into())], vec![], 40, 240);
        assert_eq!(found, Vec::<String>::new());
    }

    /// A page that ends in a hyphen splits a word across the page turn.
    /// Hyphens are rare at the booklet's costs, so this sets long words in
    /// a narrow measure, on pages of many heights, to meet many page ends.
    #[test]
    fn no_page_ends_in_a_word_split_across_the_turn() {
        let words = [
            "international",
            "responsibility",
            "the",
            "comprehensive",
            "implementation",
            "of",
            "extraordinarily",
            "trafficking",
        ];
        let paragraph: Vec<(String, u8, bool)> = (0..300)
            .map(|i| (words[i * 5 % words.len()].to_owned(), 2, false))
            .collect();
        let doc = document(&Spec {
            sections: vec![vec![paragraph.clone(), paragraph]],
            references: vec![],
        });
        let (mut hyphenated, mut page_ends) = (0, 0);
        for step in 0..12 {
            let page = Page {
                width: 260.0,
                height: 300.0 + 17.0 * step as f32,
                margin: 30.0,
                size: 10.0,
                leading: 13.0,
            };
            let laid = lay_out(&doc, &theme(&page));
            let found = Typography::of(&laid);
            assert_eq!(found.page_end_hyphens, 0, "page height {}", page.height);
            hyphenated += found.hyphenated;
            page_ends += laid.pages.len();
        }
        assert!(
            hyphenated > 50 && page_ends > 100,
            "enough hyphens ({hyphenated}) and page ends ({page_ends}) to meet"
        );
    }

    /// A note marker after a space (`word [^note]next`) starts a word; no
    /// break was allowed before it, which glued three words into one
    /// unbreakable item wider than narrow measures.
    #[test]
    fn a_line_may_break_before_a_note_marker_that_follows_a_space() {
        let note = Note {
            kind: NoteKind::Footnote,
            marker: "1".into(),
            anchor: "note-0".into(),
            text: vec![Inline::Text("A note.".into())],
            origin: None,
        };
        let inlines = vec![
            Inline::Text("protection ".into()),
            Inline::NoteRef(NoteRef { index: 0 }),
            Inline::Text("children of the world".into()),
        ];
        let found = overfull(inlines, vec![note], 70, 120);
        assert_eq!(found, Vec::<String>::new());
    }

    /// A box after a paragraph, on pages of many heights: where it does not
    /// fit below the paragraph, it breaks rather than leave the page more
    /// than a quarter empty, with at least two of its lines on each side and
    /// its title repeated, as an artifact, with the "continued" label where
    /// it goes on; a box too short to break (three lines) floats overleaf
    /// past the text after it, which fills the page.
    #[test]
    fn a_box_breaks_or_floats_rather_than_leave_a_hole() {
        let prose = |word: &str, n: usize| -> Vec<(String, u8, bool)> {
            (0..n).map(|_| (word.to_owned(), 2, false)).collect()
        };
        let title = "Case Study: A sidebar";
        let sidebar = |words: usize| {
            Block::Boxed(Boxed {
                kind: BoxKind::CaseStudy,
                title: vec![Inline::Text(title.into())],
                origin: None,
                blocks: vec![Block::Paragraph(Paragraph {
                    style: ParagraphStyle::Body,
                    text: vec![Inline::Text(vec!["sidebar"; words].join(" "))],
                    origin: None,
                })],
            })
        };
        // (the box's words, the paragraph's before it, the first page
        // height): text areas from 320 pt (and from 180 pt for the short
        // box) in 5 pt steps, on which the box (about 145 pt, 80 pt short)
        // fits below the paragraph (about 250 pt, 150 pt) or leaves more
        // than a quarter of the page empty.
        let cases = [(40, 50, 380.0, false), (15, 30, 240.0, true)];
        let (mut broken, mut floated) = (0, 0);
        for (box_words, words_before, first_height, text_follows) in cases {
            let mut sections = vec![vec![prose("running", words_before)]];
            if !text_follows {
                sections.push(vec![prose("closing", 30)]);
            }
            let mut doc = document(&Spec {
                sections,
                references: vec![],
            });
            // After the first section's paragraph: before the next heading,
            // or before paragraphs that may fill the page.
            doc.blocks.insert(2, sidebar(box_words));
            if text_follows {
                for _ in 0..3 {
                    doc.blocks.push(Block::Paragraph(Paragraph {
                        style: ParagraphStyle::Body,
                        text: vec![Inline::Text(vec!["after"; 40].join(" "))],
                        origin: None,
                    }));
                }
            }
            for step in 0..24 {
                let page = Page {
                    width: 300.0,
                    height: first_height + 5.0 * step as f32,
                    margin: 30.0,
                    size: 10.0,
                    leading: 13.0,
                };
                let laid = lay_out(&doc, &theme(&page));
                let context = format!("page height {}, text follows: {text_follows}", page.height);
                let found = Typography::of(&laid);
                if let Some((label, empty)) = &found.emptiest_page {
                    assert!(
                        *empty <= 0.25,
                        "{context}: page {label} is {empty:.2} empty"
                    );
                }
                // Per page: the baselines of the box's text, and the
                // artifact text above them.
                let mut parts = vec![];
                for (n, p) in laid.pages.iter().enumerate().skip(1) {
                    let mut baselines: Vec<f32> = vec![];
                    let mut artifact = String::new();
                    for item in &p.items {
                        let ItemKind::Text(run) = &item.kind else {
                            continue;
                        };
                        if matches!(item.role, Role::Paragraph(_)) && run.text.contains("sidebar") {
                            if !baselines.iter().any(|&y| (y - item.pos.y).abs() < 1.0) {
                                baselines.push(item.pos.y);
                            }
                        } else if item.role == Role::Artifact && item.pos.y < page.height * 0.8 {
                            artifact.push_str(&run.text);
                        }
                    }
                    if !baselines.is_empty() {
                        parts.push((n, baselines.len(), artifact));
                    }
                }
                let titles = drawn(&laid, |role| matches!(role, Role::Heading(3, _)));
                assert_eq!(
                    titles,
                    visible(title),
                    "{context}: the title is content once"
                );
                for (k, (n, lines, artifact)) in parts.iter().enumerate() {
                    assert!(
                        *lines >= 2,
                        "{context}: {lines} line(s) of the box on page {n}"
                    );
                    if k > 0 {
                        assert_eq!(
                            *n,
                            parts[k - 1].0 + 1,
                            "{context}: the box goes on overleaf"
                        );
                        assert!(
                            artifact.contains(&format!("{title} (continued)")),
                            "{context}: no repeated title on page {n}: {artifact:?}"
                        );
                    }
                }
                if parts.len() > 1 {
                    broken += 1;
                }
                // The box is set after text that comes after it in the
                // document: it floated.
                let after = drawn(&laid, |role| matches!(role, Role::Paragraph(_)));
                if after
                    .find("after")
                    .is_some_and(|a| after.find("sidebar").is_some_and(|s| a < s))
                {
                    floated += 1;
                }
            }
        }
        assert!(
            broken >= 3 && floated >= 3,
            "{broken} broken, {floated} floated"
        );
    }
}
