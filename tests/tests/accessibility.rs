//! The screen edition of the USA booklet is accessible: its structure tree,
//! read back from the PDF, says what a reader sees, in reading order.

use std::path::PathBuf;
use std::sync::OnceLock;

use folio::{Edition, Folio};
use folio_model::doc::{Block, FigureBody};
use folio_tests::{PdfReadBack, StructElement, word_sequence_coverage};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn folio() -> &'static Folio {
    static FOLIO: OnceLock<Folio> = OnceLock::new();
    FOLIO.get_or_init(|| Folio::open(&data_dir()).expect("the shipped data loads"))
}

fn usa() -> &'static PdfReadBack {
    static DOC: OnceLock<PdfReadBack> = OnceLock::new();
    DOC.get_or_init(|| {
        let pdf = folio()
            .render(&Edition::new("usa"))
            .expect("usa renders")
            .pdf;
        PdfReadBack::parse(&pdf).expect("the PDF parses")
    })
}

/// The `Document` element krilla puts at the root.
fn document() -> &'static StructElement {
    static ROOT: OnceLock<StructElement> = OnceLock::new();
    ROOT.get_or_init(|| {
        let mut roots = usa().structure().expect("the PDF is tagged");
        assert_eq!(roots.len(), 1, "one root element");
        let root = roots.remove(0);
        assert_eq!(root.role, "Document");
        root
    })
}

fn elements(role: &str) -> Vec<&'static StructElement> {
    document()
        .descendants()
        .into_iter()
        .filter(|e| e.role == role)
        .collect()
}

fn heading_level(element: &StructElement) -> Option<usize> {
    match element.role.as_str() {
        "H1" => Some(1),
        "H2" => Some(2),
        "H3" => Some(3),
        _ => None,
    }
}

#[test]
fn title_language_and_title_bar() {
    assert_eq!(usa().title().as_deref(), Some("USA Country Progress Card"));
    assert_eq!(usa().lang().as_deref(), Some("en"));
    assert!(usa().displays_title(), "the title bar shows the title");
}

#[test]
fn headings_start_at_h1_and_never_skip_a_level() {
    let levels: Vec<usize> = document()
        .descendants()
        .into_iter()
        .filter_map(heading_level)
        .collect();
    assert!(levels.len() > 15, "{levels:?}");
    assert_eq!(levels[0], 1, "the cover title");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a level is skipped: {levels:?}");
    }
    assert!(levels.contains(&2) && levels.contains(&3));
    for heading in document()
        .descendants()
        .into_iter()
        .filter(|e| heading_level(e).is_some())
    {
        assert_eq!(heading.title.as_deref(), Some(heading.text().as_str()));
    }
}

#[test]
fn headings_nest_as_the_outline() {
    // Every bookmark is a heading of the level of its depth in the outline.
    let headings: Vec<(usize, String)> = document()
        .descendants()
        .into_iter()
        .filter_map(|e| Some((heading_level(e)?, e.text())))
        .collect();
    let outline = usa().outline();
    assert!(outline.len() >= 10);
    for entry in outline {
        let title = entry.title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            headings.contains(&(entry.depth + 1, title.clone())),
            "bookmark {title:?} at depth {} is not a heading of that level",
            entry.depth + 1
        );
    }
}

#[test]
fn tables_have_header_cells_with_column_scope() {
    let tables = elements("Table");
    assert!(tables.len() >= 4, "indicators, conventions, Figure 2");
    for table in tables {
        let rows: Vec<&StructElement> = table
            .elements()
            .into_iter()
            .filter(|e| e.role == "TR")
            .collect();
        assert!(rows.len() >= 2, "a header row and data: {}", table.text());
        let header = rows[0].elements();
        assert!(!header.is_empty());
        for cell in header {
            assert_eq!(cell.role, "TH", "{}", cell.text());
            assert_eq!(cell.scope.as_deref(), Some("Column"), "{}", cell.text());
        }
        for row in &rows[1..] {
            assert!(row.elements().iter().all(|cell| cell.role == "TD"));
        }
    }
}

#[test]
fn rating_cells_say_their_rating_in_words() {
    // The rating names of `locales/en.toml`.
    let words = ["NOTABLE EFFORTS", "SOME PROGRESS", "LOW PROGRESS"];
    let rated: Vec<String> = elements("TD")
        .into_iter()
        .map(|cell| cell.text())
        .filter(|text| words.iter().any(|w| text.starts_with(w)))
        .collect();
    assert_eq!(rated.len(), 12, "the 12 indicators: {rated:?}");
    let indicator_headers = elements("TH")
        .into_iter()
        .filter(|th| th.text().starts_with("2.1."))
        .count();
    assert_eq!(indicator_headers, 1);
}

#[test]
fn lists_have_items_with_labels_and_bodies() {
    let lists = elements("L");
    assert!(lists.len() >= 3, "calls to action and sources");
    for list in &lists {
        assert!(list.list_numbering.is_some(), "{}", list.text());
        for item in list.elements() {
            assert_eq!(item.role, "LI");
            let parts: Vec<&str> = item.elements().iter().map(|e| e.role.as_str()).collect();
            assert_eq!(parts, ["Lbl", "LBody"], "{}", item.text());
        }
    }
    let numberings: Vec<&str> = lists
        .iter()
        .filter_map(|l| l.list_numbering.as_deref())
        .collect();
    assert!(numberings.contains(&"Disc"), "{numberings:?}");
    assert!(
        numberings.contains(&"LowerRoman"),
        "source lists: {numberings:?}"
    );
}

#[test]
fn figures_have_their_text_alternatives() {
    let document = folio()
        .project()
        .compose("usa", "en")
        .expect("usa composes");
    let chart_alt = document
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Figure(figure) if matches!(figure.body, FigureBody::BarChart(_)) => {
                Some(figure.alt.clone())
            }
            _ => None,
        })
        .expect("Figure 1 is a bar chart");
    let alts: Vec<&str> = elements("Figure")
        .into_iter()
        .map(|f| f.alt.as_deref().expect("every figure has alternative text"))
        .collect();
    assert!(alts.contains(&chart_alt.as_str()), "{alts:?}");
    let cover_alt = document
        .cover
        .image
        .as_ref()
        .expect("cover art")
        .alt
        .clone();
    assert!(alts.contains(&cover_alt.as_str()), "{alts:?}");
    assert!(
        chart_alt.contains("42"),
        "the alternative gives the data: {chart_alt}"
    );
}

#[test]
fn notes_and_contents_are_tagged() {
    let notes = elements("Note");
    assert!(notes.len() >= 20, "footnotes and endnotes: {}", notes.len());
    let toc = elements("TOC");
    assert_eq!(toc.len(), 1);
    let entries = toc[0].elements();
    assert!(entries.len() >= 10 && entries.iter().all(|e| e.role == "TOCI"));
    // Each entry links to its section.
    assert!(
        entries
            .iter()
            .all(|e| e.descendants().iter().any(|d| d.role == "Link"))
    );
}

#[test]
fn running_headers_and_footers_are_artifacts() {
    // Every page between the covers, which carry neither.
    let back_cover = usa().page_count() - 1;
    for page in 1..back_cover {
        let marked = usa().marked_content(page);
        let artifacts: String = marked
            .iter()
            .filter(|m| m.tag == "Artifact")
            .map(|m| m.text.as_str())
            .collect();
        assert!(
            artifacts.contains("USA Country Progress Card"),
            "page {}: the running header is an artifact",
            page + 1
        );
        assert!(artifacts.contains(&format!("Page {}", page + 1)));
        for content in marked.iter().filter(|m| m.mcid.is_some()) {
            assert!(!content.text.contains(&format!("Page {}", page + 1)));
        }
        assert!(
            marked
                .iter()
                .all(|m| m.tag == "Artifact" || m.mcid.is_some()),
            "page {}: content outside both the tree and the artifacts",
            page + 1
        );
    }
    // The back cover's lines are content, read out; its colour field and
    // rule are artifacts.
    let marked = usa().marked_content(back_cover);
    let read: String = marked
        .iter()
        .filter(|m| m.mcid.is_some())
        .map(|m| m.text.as_str())
        .collect();
    assert!(read.contains("www.ecpat.org"), "{read}");
    assert!(marked.iter().any(|m| m.tag == "Artifact"));
    assert!(
        marked
            .iter()
            .filter(|m| m.tag == "Artifact")
            .all(|m| m.text.trim().is_empty()),
        "no text of the back cover is an artifact"
    );
}

#[test]
fn every_piece_of_content_is_in_the_tree_once() {
    let mut in_tree: Vec<(usize, i64)> = document()
        .contents()
        .iter()
        .map(|&(page, mcid, _)| (page, mcid))
        .collect();
    let count = in_tree.len();
    in_tree.sort();
    in_tree.dedup();
    assert_eq!(in_tree.len(), count, "content tagged twice");
    let mut on_pages: Vec<(usize, i64)> = (0..usa().page_count())
        .flat_map(|page| {
            usa()
                .marked_content(page)
                .into_iter()
                .filter_map(move |m| Some((page, m.mcid?)))
        })
        .collect();
    on_pages.sort();
    assert_eq!(in_tree, on_pages);
}

#[test]
fn the_tree_reads_in_the_booklets_order() {
    // The tree's text, depth first, reads as the booklet: the seed's words
    // come in the same order. (The seed has no contents page, and lists
    // the notes of a page after it; both cost little coverage.)
    let seed = include_str!("../fixtures/usa-progress-card.txt");
    let tree = document().text().replace('\u{ad}', "");
    let coverage = word_sequence_coverage(seed, &tree);
    assert!(
        coverage >= 0.95,
        "only {:.1}% of the seed's words are in the tree, in order",
        coverage * 100.0
    );
    // Page by page, the tree visits a page's content in drawing order
    // except where a note or a paragraph from another page intervenes.
    let order: Vec<(usize, i64)> = document()
        .contents()
        .iter()
        .map(|&(page, mcid, _)| (page, mcid))
        .collect();
    let backwards = order
        .windows(2)
        .filter(|pair| pair[1].0 == pair[0].0 && pair[1].1 < pair[0].1)
        .count();
    assert!(
        backwards <= usa().page_count() * 2,
        "{backwards} steps back within a page"
    );
}
