//! Layout invariants on the real USA booklet, checked on the frames
//! themselves (before any PDF is written).

use std::path::Path;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{ItemKind, LaidOut, Role};
use folio_layout::layout_document;
use folio_layout::measure::hang_allowance;
use folio_model::Project;
use folio_model::doc::{Block, Document, Inline};

fn usa() -> (Document, Project) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let project = Project::load(&data).expect("the shipped data loads");
    let doc = project.compose("usa", "en").expect("usa composes");
    (doc, project)
}

fn laid_out() -> (Document, Project, LaidOut) {
    let (doc, project) = usa();
    let laid = layout_document(&doc, project.theme(), FontBook::bundled());
    (doc, project, laid)
}

/// Every body text run's source text (not page furniture, not footnotes,
/// which sit at page feet), in drawing order, without spaces and
/// soft hyphens (justification and hyphenation change only those).
fn drawn_text(laid: &LaidOut) -> String {
    laid.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Text(run) if !matches!(i.role, Role::Artifact | Role::Footnote(_)) => {
                Some(run.text.as_str())
            }
            _ => None,
        })
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.extend(t.chars().filter(|c| !c.is_whitespace())),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                inline_text(c, out)
            }
            // Markers and page numbers are drawn as digits: a break point.
            _ => out.push('0'),
        }
    }
}

#[test]
fn every_paragraph_is_laid_out_in_order() {
    let (doc, _, laid) = laid_out();
    let drawn = drawn_text(&laid);
    let mut cursor = 0;
    for block in &doc.blocks {
        let Block::Paragraph(paragraph) = block else {
            continue;
        };
        let mut text = String::new();
        inline_text(&paragraph.text, &mut text);
        // Note markers sit between words; compare the words around them.
        for piece in text
            .split(|c: char| c.is_ascii_digit())
            .filter(|p| p.chars().count() > 12)
        {
            let found = drawn[cursor..]
                .find(piece)
                .unwrap_or_else(|| panic!("“{piece}” is drawn after offset {cursor}"));
            cursor += found + piece.len();
        }
    }
}

#[test]
fn no_text_leaves_the_text_area() {
    let (_, project, laid) = laid_out();
    let page = project.theme().page;
    for (n, p) in laid.pages.iter().enumerate().skip(1) {
        let left = if n % 2 == 0 {
            page.margin_inner
        } else {
            page.margin_outer
        };
        let right = left + page.width - page.margin_inner - page.margin_outer;
        for item in &p.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            if item.role == Role::Artifact {
                continue;
            }
            let (hang_left, hang_right) = hang_allowance(run);
            assert!(
                item.pos.x >= left - hang_left - 0.5,
                "page {}: “{}” starts left of the margin",
                n + 1,
                run.text
            );
            assert!(
                item.pos.x + run.width() <= right + hang_right + 0.5,
                "page {}: “{}” ends {:.1} pt past the measure",
                n + 1,
                run.text,
                item.pos.x + run.width() - right
            );
            assert!(
                item.pos.y >= page.margin_top && item.pos.y <= page.height - page.margin_bottom
            );
        }
    }
}

#[test]
fn layout_reports_no_problems() {
    let (_, _, laid) = laid_out();
    assert!(laid.warnings.is_empty(), "{:#?}", laid.warnings);
}

#[test]
fn layout_is_a_pure_function() {
    let (doc, project, first) = laid_out();
    let second = layout_document(&doc, project.theme(), FontBook::bundled());
    assert_eq!(format!("{:?}", first.pages), format!("{:?}", second.pages));
}

#[test]
fn no_page_starts_with_a_heading_left_behind_or_ends_with_one() {
    let (_, _, laid) = laid_out();
    for (n, page) in laid.pages.iter().enumerate().skip(1) {
        let content: Vec<_> = page
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Text(_)) && i.role != Role::Artifact)
            .collect();
        if let Some(last) = content.last() {
            assert!(
                !matches!(last.role, Role::Heading(..)),
                "page {} ends with a heading",
                n + 1
            );
        }
    }
}
