//! The booklet as a printed object, on the real USA booklet laid out with
//! the shipped theme and variations of it: whole sheets with the padding
//! before the back cover, copyfitting that wins a sheet back when the
//! content runs a page over, and the next sheet when it runs further.
//!
//! The USA content as shipped needs 17 pages (cover, 15 of content, back
//! cover): one page over four sheets, which is what the fitting tests
//! start from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{Block as Id, FitStep, ItemKind, LaidOut, Page, Role};
use folio_layout::layout_document;
use folio_model::Project;
use folio_model::doc::{Block, Document, Inline, NoteKind, Paragraph, ParagraphStyle};
use folio_model::theme::{Copyfit, InsideCover, Padding, Theme};

fn usa() -> (Document, Theme) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let project = Project::load(&data).expect("the shipped data loads");
    let doc = project.compose("usa", "en").expect("usa composes");
    (doc, project.theme().clone())
}

/// The shipped theme, which never fits.
fn unfitted(theme: &Theme) -> Theme {
    Theme {
        copyfit: Copyfit::default(),
        ..theme.clone()
    }
}

fn lay_out(doc: &Document, theme: &Theme) -> LaidOut {
    layout_document(doc, theme, FontBook::bundled())
}

fn text(page: &Page) -> String {
    page.items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `page` carries nothing to read: a blank or ruled page.
fn is_padding(page: &Page) -> bool {
    page.items.iter().all(|i| i.role == Role::Artifact)
}

/// The padding pages: those before the back cover that carry nothing to
/// read.
fn padding(laid: &LaidOut) -> usize {
    let before_back = &laid.pages[..laid.pages.len() - 1];
    before_back
        .iter()
        .rev()
        .take_while(|p| is_padding(p))
        .count()
}

/// Asserts the booklet is whole sheets of 4 and ends with the back cover,
/// which holds its own text and nothing of the booklet's, after the
/// padding pages, ruled for notes as `theme` asks or blank.
fn ends_with_the_back_cover(laid: &LaidOut, doc: &Document, theme: &Theme) {
    assert_eq!(laid.pages.len() % 4, 0, "{} pages", laid.pages.len());
    let back = doc
        .back_cover
        .as_ref()
        .expect("the campaign has a back cover");
    let last = laid.pages.last().unwrap();
    let last_text = text(last);
    for partner in &back.partners {
        assert!(last_text.contains(partner.as_str()), "{last_text}");
    }
    assert!(last_text.contains("www.ecpat.org"), "{last_text}");
    assert!(last_text.starts_with(&back.name), "{last_text}");
    assert!(!last_text.contains("Ibid"), "no endnote: {last_text}");
    assert!(!last_text.contains("Page "), "no footer: {last_text}");
    assert!(
        last.items
            .iter()
            .all(|i| matches!(i.role, Role::Artifact | Role::Paragraph(_))),
        "the back cover holds paragraphs and artifacts only"
    );
    for page in &laid.pages[laid.pages.len() - 1 - padding(laid)..laid.pages.len() - 1] {
        match theme.binding.padding {
            Padding::Notes => {
                let ruled = page
                    .items
                    .iter()
                    .any(|i| matches!(i.kind, ItemKind::Line { .. }));
                assert!(ruled, "padding pages are ruled for notes");
                assert!(text(page).contains(&doc.notes_title), "{}", text(page));
            }
            Padding::Blank => assert!(page.items.is_empty(), "padding pages are blank"),
        }
    }
}

/// Lines of each paragraph on each page: (block, page) → the lines' y.
fn paragraph_lines(laid: &LaidOut) -> BTreeMap<Id, BTreeMap<usize, BTreeSet<i64>>> {
    let mut lines: BTreeMap<Id, BTreeMap<usize, BTreeSet<i64>>> = BTreeMap::new();
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let (Role::Paragraph(block), ItemKind::Text(_)) = (item.role, &item.kind) {
                lines
                    .entry(block)
                    .or_default()
                    .entry(n)
                    .or_default()
                    .insert((item.pos.y * 10.0).round() as i64);
            }
        }
    }
    lines
}

/// No page starts with a paragraph's last line or ends with its first, and
/// paragraphs of up to three lines are never split.
fn no_widows_or_orphans(laid: &LaidOut) {
    for (block, pages) in paragraph_lines(laid) {
        if pages.len() < 2 {
            continue;
        }
        let total: usize = pages.values().map(BTreeSet::len).sum();
        assert!(total > 3, "{block:?}: a short paragraph split over pages");
        let first = pages.values().next().unwrap().len();
        let last = pages.values().last().unwrap().len();
        assert!(first >= 2, "{block:?}: an orphan (first line alone)");
        assert!(last >= 2, "{block:?}: a widow (last line alone)");
    }
}

/// The endnotes laid out, each once.
fn endnotes(laid: &LaidOut) -> usize {
    let ids: BTreeSet<Id> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i.role {
            Role::Endnote(id) => Some(id),
            _ => None,
        })
        .collect();
    ids.len()
}

/// The sizes body paragraphs are set in.
fn body_sizes(laid: &LaidOut) -> BTreeSet<u32> {
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match (&i.role, &i.kind) {
            (Role::Paragraph(_), ItemKind::Text(run)) => Some((run.size * 100.0).round() as u32),
            _ => None,
        })
        .collect()
}

#[test]
fn content_a_page_over_whole_sheets_is_fitted_back() {
    let (doc, theme) = usa();
    let endnote_count = doc
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Endnote)
        .count();

    // As it comes, the content needs 17 pages: 20 printed, three of them
    // ruled for notes before the back cover.
    assert_eq!(theme.binding.padding, Padding::Notes);
    let padded = lay_out(&doc, &unfitted(&theme));
    assert_eq!(padded.pages.len(), 20);
    assert_eq!(padding(&padded), 3);
    assert_eq!(padded.fitted, None);
    ends_with_the_back_cover(&padded, &doc, &theme);

    // Fitted, a sheet fewer, with what changed said.
    let fitted = lay_out(&doc, &theme);
    assert_eq!(fitted.pages.len(), 16);
    assert_eq!(padding(&fitted), 0);
    let report = fitted.fitted.as_ref().expect("fitting is reported");
    assert_eq!(report.pages, 16);
    assert!(!report.steps.is_empty());
    assert!(
        report
            .to_string()
            .starts_with("fitted into 16 pages: endnotes"),
        "{report}"
    );
    ends_with_the_back_cover(&fitted, &doc, &theme);

    // Nothing lost, body text untouched, the rules of page breaking kept.
    assert_eq!(endnotes(&fitted), endnote_count);
    assert_eq!(endnotes(&padded), endnote_count);
    assert_eq!(body_sizes(&fitted), body_sizes(&padded));
    assert!(fitted.errors.is_empty());
    assert!(fitted.warnings.len() <= padded.warnings.len());
    no_widows_or_orphans(&fitted);
    no_widows_or_orphans(&padded);
}

#[test]
fn content_further_over_takes_the_next_sheet() {
    let (mut doc, theme) = usa();
    let endnotes_at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Endnotes))
        .expect("an endnotes section");
    // Paragraphs added before section 7 until the content runs three
    // pages over 16, more than the theme's two pages worth fitting.
    let filler = Block::Paragraph(Paragraph {
        style: ParagraphStyle::Body,
        text: match &doc.blocks[endnotes_at - 2] {
            Block::Paragraph(p) => p.text.clone(),
            other => panic!("a paragraph closes section 6, not {other:?}"),
        },
        origin: None,
    });
    let at = endnotes_at - 1;
    let mut added = 0;
    let padded = loop {
        doc.blocks.insert(at, filler.clone());
        added += 1;
        let laid = lay_out(&doc, &unfitted(&theme));
        if laid.pages.len() == 20 && padding(&laid) == 1 {
            break laid;
        }
        assert!(laid.pages.len() <= 20, "{added} paragraphs overshot");
    };
    assert!(theme.copyfit.max_overrun < 3);
    let laid = lay_out(&doc, &theme);
    assert_eq!(laid.fitted, None, "three pages over is not fitted");
    assert_eq!(laid.pages.len(), padded.pages.len());
    assert_eq!(padding(&laid), 1);
    ends_with_the_back_cover(&laid, &doc, &theme);
    no_widows_or_orphans(&laid);
}

#[test]
fn endnotes_in_two_columns_when_the_theme_asks() {
    let (doc, mut theme) = usa();
    theme.endnotes.columns = 2;
    // Small enough for the URLs of the notes to fit half the measure.
    theme.endnotes.size = 7.5;
    let laid = lay_out(&doc, &unfitted(&theme));
    let measure = theme.page.width - theme.page.margin_inner - theme.page.margin_outer;
    let endnote_count = doc
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Endnote)
        .count();
    assert_eq!(endnotes(&laid), endnote_count);
    assert!(laid.warnings.is_empty(), "{:#?}", laid.warnings);
    // Each note's text starts in one of two columns, both used; no run
    // crosses from one into the other.
    let page = laid
        .pages
        .iter()
        .position(|p| p.items.iter().any(|i| matches!(i.role, Role::Endnote(_))))
        .unwrap();
    let left = if page % 2 == 0 {
        theme.page.margin_inner
    } else {
        theme.page.margin_outer
    };
    let middle = left + measure / 2.0;
    let (mut first, mut second) = (0, 0);
    for item in &laid.pages[page].items {
        if let (Role::Endnote(_), ItemKind::Text(run)) = (item.role, &item.kind) {
            let end = item.pos.x + run.width();
            if item.pos.x < middle {
                first += 1;
                assert!(end <= middle + 1.0, "a left-column run crosses the gutter");
            } else {
                second += 1;
            }
        }
    }
    assert!(first > 0 && second > 0, "{first} runs left, {second} right");
    no_widows_or_orphans(&laid);
}

#[test]
fn inside_covers_can_be_kept_free_of_content() {
    let (doc, mut theme) = usa();
    theme.binding.inside_front_cover = InsideCover::Blank;
    theme.binding.inside_back_cover = InsideCover::Blank;
    theme.binding.padding = Padding::Blank;
    let laid = lay_out(&doc, &unfitted(&theme));
    let pages = laid.pages.len();
    assert_eq!(pages % 4, 0);
    assert!(laid.pages[1].items.is_empty(), "page 2 is blank");
    let toc = text(&laid.pages[2]);
    assert!(
        toc.contains(&doc.toc_title),
        "the contents on page 3: {toc}"
    );
    assert!(
        laid.pages[pages - 2].items.is_empty(),
        "the inside back cover is blank"
    );
    assert!(padding(&laid) >= 1);
    ends_with_the_back_cover(&laid, &doc, &theme);
}

#[test]
fn a_few_lines_over_are_won_back_by_paragraphs_set_one_line_shorter() {
    let (mut doc, mut theme) = usa();
    // With the endnotes as small as copyfitting sets them, the content
    // fills four sheets; the only step allowed is tightening paragraphs.
    theme.endnotes.size = theme.copyfit.endnote_size.expect("the theme allows it");
    let tighten = Theme {
        copyfit: Copyfit {
            max_overrun: 2,
            shorter_paragraphs: 3,
            ..Copyfit::default()
        },
        ..theme.clone()
    };
    assert_eq!(lay_out(&doc, &unfitted(&theme)).pages.len(), 16);

    // A paragraph at the end of section 6, of the fewest words that make
    // the section spill onto a new page: its last line holds a word, and
    // the page rules carry a line before it over too.
    let endnotes_at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Endnotes))
        .expect("an endnotes section");
    let at = endnotes_at - 1;
    let vocabulary = [
        "states",
        "protect",
        "children",
        "from",
        "sexual",
        "exploitation",
        "through",
        "laws",
        "services",
        "and",
        "sustained",
        "public",
        "awareness",
        "campaigns",
    ];
    let with_words = |count: usize| {
        let mut doc = doc.clone();
        let text: Vec<&str> = (0..count)
            .map(|i| vocabulary[i * 5 % vocabulary.len()])
            .collect();
        doc.blocks.insert(
            at,
            Block::Paragraph(Paragraph {
                style: ParagraphStyle::Body,
                text: vec![Inline::Text(format!("{}.", text.join(" ")))],
                origin: None,
            }),
        );
        doc
    };
    let spills = |count: usize| lay_out(&with_words(count), &unfitted(&theme)).pages.len() > 16;
    let (mut fits, mut over) = (1, 1200);
    assert!(!spills(fits) && spills(over));
    while over - fits > 1 {
        let middle = (fits + over) / 2;
        if spills(middle) {
            over = middle;
        } else {
            fits = middle;
        }
    }
    doc = with_words(over);
    let padded = lay_out(&doc, &unfitted(&theme));
    assert_eq!(padded.pages.len(), 20);

    let fitted = lay_out(&doc, &tighten);
    assert_eq!(fitted.pages.len(), 16, "{:?}", fitted.fitted);
    let report = fitted.fitted.as_ref().expect("fitting is reported");
    let [FitStep::ShorterParagraphs(tightened)] = report.steps[..] else {
        panic!("{report}");
    };
    assert!((1..=3).contains(&tightened), "{report}");
    assert!(report.to_string().ends_with("one line shorter"), "{report}");
    // Exactly that many paragraphs lost one line each; no other changed.
    let count = |laid: &LaidOut| -> BTreeMap<Id, usize> {
        paragraph_lines(laid)
            .into_iter()
            .map(|(id, pages)| (id, pages.values().map(BTreeSet::len).sum()))
            .collect()
    };
    let (before, after) = (count(&padded), count(&fitted));
    assert_eq!(before.len(), after.len());
    let shorter: Vec<_> = before
        .iter()
        .filter(|(id, lines)| after[id] != **lines)
        .map(|(id, lines)| (id, after[id] + 1 == *lines))
        .collect();
    assert_eq!(shorter.len(), tightened, "{shorter:?}");
    assert!(
        shorter.iter().all(|(_, one_fewer)| *one_fewer),
        "{shorter:?}"
    );
    assert_eq!(body_sizes(&fitted), body_sizes(&padded));
    assert!(fitted.errors.is_empty());
    assert!(fitted.warnings.len() <= padded.warnings.len());
    no_widows_or_orphans(&fitted);
    ends_with_the_back_cover(&fitted, &doc, &tighten);
}
