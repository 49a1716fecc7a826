//! The USA booklet composed from the real data folder.

mod common;

use common::{blocks, inline_runs, note_refs, text, usa, words};
use folio_model::doc::{
    Block, BoxKind, Document, FigureBody, Heading, Inline, ListMarker, NoteKind, ParagraphStyle,
    TableStyle,
};
use folio_model::theme::ColorName;

/// The text of the real USA booklet, the reference content.
const SEED: &str = include_str!("fixtures/usa-progress-card.txt");

fn headings(document: &Document, level: u8) -> Vec<&Heading> {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading(heading) if heading.level == level => Some(heading),
            _ => None,
        })
        .collect()
}

#[test]
fn the_real_data_loads_without_warnings() {
    let project = common::project();
    assert!(
        project.warnings().is_empty(),
        "{}",
        common::render(project.warnings())
    );
    assert_eq!(project.country_ids(), ["usa"]);
    let cover = project.theme().cover_image.as_ref().expect("cover image");
    assert_eq!((cover.width, cover.height), (1200, 800));
}

#[test]
fn every_text_points_at_the_string_it_was_composed_from() {
    common::assert_texts_point_at_their_strings(&usa());
}

#[test]
fn metadata_and_cover_come_from_the_campaign_and_locale() {
    let document = usa();
    assert_eq!(document.title, "USA Country Progress Card");
    assert_eq!(document.lang, "en");
    assert_eq!(document.toc_title, "TABLE OF CONTENTS");
    assert_eq!(document.page_label, "Page");
    assert_eq!(document.cover.title, ["USA", "COUNTRY PROGRESS CARD"]);
    assert_eq!(
        document.cover.subtitle,
        "Stop Sex Trafficking of Children and Young People"
    );
    assert!(document.cover.image.is_some());
}

#[test]
fn seven_numbered_sections_and_three_lettered_goals() {
    let document = usa();
    let sections = headings(&document, 1);
    let numbers: Vec<_> = sections
        .iter()
        .map(|h| h.number.as_deref().unwrap())
        .collect();
    assert_eq!(numbers, ["1.", "2.", "3.", "4.", "5.", "6.", "7."]);
    assert!(sections.iter().all(|h| h.in_toc));
    assert_eq!(
        text(&sections[0].text),
        "PROGRESS TOWARDS STOPPING SEX TRAFFICKING OF CHILDREN AND YOUNG PEOPLE IN THE USA"
    );
    assert_eq!(text(&sections[2].text), "THE SITUATION OF THE USA");
    assert_eq!(sections[5].anchor, "methodology");
    let new_pages: Vec<bool> = sections.iter().map(|h| h.new_page).collect();
    assert_eq!(new_pages, [true, false, true, true, true, true, true]);

    let goals = headings(&document, 2);
    let goals: Vec<_> = goals
        .iter()
        .map(|h| {
            (
                h.number.as_deref().unwrap(),
                text(&h.text),
                h.anchor.as_str(),
                h.in_toc,
            )
        })
        .collect();
    assert_eq!(
        goals,
        [
            (
                "A.",
                "Community-Based Prevention Measures on Child Trafficking".to_owned(),
                "goal-a",
                true
            ),
            (
                "B.",
                "National Legal Framework Harmonisation with International Standards".to_owned(),
                "goal-b",
                true
            ),
            (
                "C.",
                "Specialised Support Services for Child Victims of Trafficking".to_owned(),
                "goal-c",
                true
            ),
        ]
    );
    let minor = headings(&document, 3);
    assert_eq!(minor.len(), 1);
    assert_eq!(text(&minor[0].text), "Child Sex Trafficking in the USA");
    assert!(!minor[0].in_toc);
}

#[test]
fn twelve_ratings_as_assessed() {
    let document = usa();
    let tables: Vec<_> = blocks(&document)
        .into_iter()
        .filter_map(|block| match block {
            Block::Table(table) if table.style == TableStyle::Indicators => Some(table),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 3);
    assert_eq!(
        text(tables[0].caption.as_ref().unwrap()),
        "Community-based prevention programmes in the USA"
    );
    assert_eq!(
        text(&tables[0].header[0].cells[0].text[0]),
        "1.1. Provision for prevention programs on child trafficking"
    );
    let marks: Vec<(ColorName, bool)> = tables
        .iter()
        .flat_map(|table| {
            assert_eq!(table.rows.len(), 1);
            table.rows[0].cells.iter().map(|cell| {
                let mark = cell.rating.as_ref().expect("a rating");
                (mark.color, mark.star)
            })
        })
        .collect();
    use ColorName::{Green, Red, Yellow};
    assert_eq!(
        marks,
        [
            (Yellow, false),
            (Yellow, false),
            (Red, true),
            (Red, true),
            (Green, false),
            (Green, false),
            (Yellow, false),
            (Yellow, false),
            (Yellow, false),
            (Red, false),
            (Yellow, false),
            (Yellow, false),
        ]
    );
    let label = &tables[0].rows[0].cells[0].rating.as_ref().unwrap().label;
    assert_eq!(label, "SOME PROGRESS");
}

#[test]
fn notes_are_numbered_in_order_of_first_reference() {
    let document = usa();
    let of_kind = |kind| document.notes.iter().filter(move |note| note.kind == kind);
    assert_eq!(of_kind(NoteKind::Footnote).count(), 3);
    assert_eq!(of_kind(NoteKind::Endnote).count(), 30);
    assert_eq!(of_kind(NoteKind::Source).count(), 3);
    let markers = |kind| {
        of_kind(kind)
            .map(|note| note.marker.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        markers(NoteKind::Endnote),
        (1..=30).map(|n| n.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(markers(NoteKind::Footnote), ["1", "2", "3"]);
    assert_eq!(markers(NoteKind::Source), ["i", "ii", "iii"]);
    assert_eq!(
        of_kind(NoteKind::Endnote).nth(11).unwrap().anchor,
        "endnote-12"
    );

    // Walking the document, each kind's notes are first met in marker order.
    let mut cited = Vec::new();
    for block in blocks(&document) {
        inline_runs(block)
            .into_iter()
            .for_each(|run| note_refs(run, &mut cited));
    }
    let mut first_seen = Vec::new();
    for index in cited {
        if !first_seen.contains(&index) {
            first_seen.push(index);
        }
    }
    assert_eq!(
        first_seen.len(),
        document.notes.len(),
        "every note is cited from the body"
    );
    for kind in [NoteKind::Footnote, NoteKind::Endnote, NoteKind::Source] {
        let order: Vec<&str> = first_seen
            .iter()
            .map(|&i| &document.notes[i])
            .filter(|n| n.kind == kind)
            .map(|n| n.marker.as_str())
            .collect();
        assert_eq!(
            order,
            markers(kind).iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
}

#[test]
fn endnotes_match_the_seed_number_for_number() {
    let document = usa();
    let section = &SEED[SEED.rfind("\n7. ENDNOTES").unwrap()..];
    let expected: Vec<Vec<String>> = section
        .lines()
        .filter(|line| line.starts_with("- "))
        .map(words)
        .collect();
    let actual: Vec<Vec<String>> = document
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Endnote)
        .map(|note| words(&text(&note.text)))
        .collect();
    assert_eq!(actual.len(), expected.len());
    for (number, (actual, expected)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(actual, expected, "endnote {}", number + 1);
    }
}

#[test]
fn footnote_two_refers_to_the_methodology_page() {
    let document = usa();
    let footnote = document
        .notes
        .iter()
        .find(|note| note.kind == NoteKind::Footnote && note.marker == "2")
        .unwrap();
    assert!(footnote.text.contains(&Inline::PageRef {
        anchor: "methodology".into()
    }));
    assert_eq!(footnote.anchor, "footnote-2");
}

#[test]
fn sources_are_listed_under_the_goals_that_cite_them() {
    let document = usa();
    let lists: Vec<_> = blocks(&document)
        .into_iter()
        .filter_map(|block| match block {
            Block::List(list) if list.marker == ListMarker::Labelled => Some(list),
            _ => None,
        })
        .collect();
    let labels: Vec<Vec<(&str, &str)>> = lists
        .iter()
        .map(|list| {
            assert!(list.small);
            list.items
                .iter()
                .map(|item| {
                    (
                        item.label.as_deref().unwrap(),
                        item.anchor.as_deref().unwrap(),
                    )
                })
                .collect()
        })
        .collect();
    assert_eq!(
        labels,
        [
            vec![("i.", "source-i"), ("ii.", "source-ii")],
            vec![("iii.", "source-iii")]
        ]
    );
    let sources: Vec<_> = document
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Source)
        .collect();
    assert!(sources.iter().all(|note| note.text.is_empty()));
}

#[test]
fn figure_one_shares_come_from_the_dataset() {
    let document = usa();
    let bars = document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Figure(figure) => match &figure.body {
                FigureBody::BarChart(bars) => Some(bars),
                FigureBody::Table(_) => None,
            },
            _ => None,
        })
        .unwrap();
    let total: f32 = bars.iter().map(|bar| bar.percent).sum();
    assert!((total - 100.0).abs() <= 1.0, "{total}");
    let labels: Vec<_> = bars
        .iter()
        .map(|bar| (bar.label.as_str(), bar.value_label.as_str(), bar.highlight))
        .collect();
    assert_eq!(
        labels,
        [
            ("SLOW PROGRESS", "12% (5)", false),
            ("LIMITED MEASURES", "26% (11)", true),
            ("SOME PROGRESS", "52% (22)", false),
            ("NOTABLE EFFORTS", "10% (4)", false),
        ]
    );
}

#[test]
fn figure_two_lists_countries_in_rank_order_with_the_usa_in_bold() {
    let document = usa();
    let (figure, table) = document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Figure(figure) => match &figure.body {
                FigureBody::Table(table) => Some((figure, table)),
                FigureBody::BarChart(_) => None,
            },
            _ => None,
        })
        .unwrap();
    assert_eq!(
        text(&figure.title),
        "FIGURE 2. STATES’ EFFORTS TO COMBAT CHILD TRAFFICKING"
    );
    assert_eq!(table.style, TableStyle::Columns);
    let limited = &table.rows[0].cells[1].text;
    assert_eq!(limited.len(), 11);
    assert_eq!(text(&limited[0]), "Cyprus");
    assert_eq!(
        limited[10],
        [Inline::Strong(vec![Inline::Text("USA".into())])]
    );
    assert!(figure.alt.contains("limited measures: Cyprus, Greece"));
}

#[test]
fn computed_figures_in_the_prose() {
    let document = usa();
    let lead = document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Paragraph(paragraph) if paragraph.style == ParagraphStyle::Lead => {
                Some(text(&paragraph.text))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(
        lead,
        "The USA is among the 26% of countries which have taken limited measures to stop sex trafficking of children and young people."
    );
    let all = common::reading_text(&document);
    assert!(all.contains("the progress of 42 states’ efforts"));
    assert!(all.contains("three key goals and 12 specific indicators"));
    assert!(all.contains("each of the 42 countries"));
    assert!(all.contains("as of January 2010."));
}

#[test]
fn boxes_hold_case_studies_and_calls_to_action() {
    let document = usa();
    let boxes: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Boxed(boxed) => Some((boxed.kind, text(&boxed.title))),
            _ => None,
        })
        .collect();
    assert_eq!(
        boxes,
        [
            (BoxKind::CaseStudy, "Case Study: Child Trafficking and the Prostitution of Children".to_owned()),
            (BoxKind::CaseStudy, "Case Study: 700 Arrested by FBI across the Country".to_owned()),
            (BoxKind::CallToAction, "CALL TO ACCELERATED ACTION TO PREVENT CHILD TRAFFICKING IN THE USA".to_owned()),
            (BoxKind::CallToAction, "CALL TO ACCELERATED ACTION TO ENSURE PROSECUTION OF CHILD TRAFFICKING IN THE USA".to_owned()),
            (
                BoxKind::CallToAction,
                "CALL TO ACCELERATED ACTION TO DELIVER ADEQUATE CARE AND SUPPORT TO CHILD VICTIMS OF TRAFFICKING IN THE USA".to_owned()
            ),
        ]
    );
    assert_eq!(document.blocks.last(), Some(&Block::Endnotes));
}

/// Longest common subsequence length of two word sequences.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn every_word_of_the_seed_is_in_the_booklet_in_order() {
    // The table of contents is generated by layout, with its page numbers.
    let toc_start = SEED.find("TABLE OF CONTENTS").unwrap();
    let toc_end = SEED.rfind("\n1. PROGRESS").unwrap();
    let seed = format!("{}{}", &SEED[..toc_start], &SEED[toc_end..]);
    let expected: Vec<String> = words(&seed);
    let actual = words(&common::reading_text(&usa()));
    let common = lcs(&expected, &actual);
    let share = common as f64 / expected.len() as f64;
    assert!(
        share >= 0.98,
        "{common} of {} seed words found in order ({:.1}%)",
        expected.len(),
        share * 100.0
    );
}
