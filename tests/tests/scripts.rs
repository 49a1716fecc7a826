//! Every script Folio supports, laid out, written as PDF and read back:
//! text in logical order (right-to-left text too), no `.notdef` glyph, no
//! line past its measure, Thai and Japanese lines starting only where the
//! line segmenter allows a break. The fixtures are in `fixtures/scripts/`;
//! the PDFs are left in Cargo's test scratch folder
//! (`target/tmp/scripts/`) for a person to look at. The fonts are the
//! bundled ones and, for Japanese, a subset of Noto Sans CJK JP in
//! `fixtures/fonts/`: never the machine's, so the tests pass the same on a
//! machine with no font installed.

use std::path::{Path, PathBuf};

use folio_layout::coverage::missing_characters;
use folio_layout::fonts::{FontBook, FontSources};
use folio_layout::frame::{CellPos, Item, ItemKind, LaidOut, ListPart, Role, TextRun};
use folio_layout::layout_document;
use folio_layout::measure::hang_allowance;
use folio_model::Project;
use folio_model::doc::{
    Block, Cell, Cover, Document, Heading, Inline, List, ListItem, ListMarker, Note, NoteKind,
    NoteRef, Paragraph, ParagraphStyle, Row, Table, TableStyle,
};
use folio_model::theme::Theme;
use folio_pdf::{PdfOptions, write_pdf};
use folio_tests::PdfReadBack;

const SCRIPTS: [&str; 9] = ["fr", "el", "ru", "ar", "ur", "hi", "th", "km", "ja"];

struct Fixture {
    lang: String,
    page: String,
    heading: String,
    paragraphs: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> Fixture {
    let path = root().join(format!("tests/fixtures/scripts/{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut fixture = Fixture {
        lang: String::new(),
        page: String::new(),
        heading: String::new(),
        paragraphs: vec![],
    };
    for block in text.split("\n\n") {
        let mut paragraph: Vec<&str> = vec![];
        for line in block.lines() {
            if let Some(lang) = line.strip_prefix("lang: ") {
                fixture.lang = lang.to_owned();
            } else if let Some(page) = line.strip_prefix("page: ") {
                fixture.page = page.to_owned();
            } else if let Some(heading) = line.strip_prefix("# ") {
                fixture.heading = heading.to_owned();
            } else {
                paragraph.push(line);
            }
        }
        if !paragraph.is_empty() {
            fixture.paragraphs.push(paragraph.join(" "));
        }
    }
    fixture
}

fn document(f: &Fixture) -> Document {
    let text = |s: &str| vec![Inline::Text(s.to_owned())];
    let mut blocks = vec![Block::Heading(Heading {
        level: 1,
        number: Some("1.".to_owned()),
        text: text(&f.heading),
        anchor: "start".to_owned(),
        in_toc: true,
        new_page: false,
        origin: None,
    })];
    blocks.extend(f.paragraphs.iter().map(|p| {
        Block::Paragraph(Paragraph {
            style: ParagraphStyle::Body,
            text: text(p),
            origin: None,
        })
    }));
    Document {
        lang: f.lang.clone(),
        title: f.heading.clone(),
        author: String::new(),
        subject: String::new(),
        keywords: vec![],
        cover: Cover {
            title: vec![f.heading.clone()],
            subtitle: String::new(),
            imprint: String::new(),
            image: None,
        },
        back_cover: None,
        notes_title: "Notes".into(),
        toc_title: f.heading.clone(),
        page_label: f.page.clone(),
        running_header: f.heading.clone(),
        draft_mark: None,
        continued_label: "(continued)".into(),
        blocks,
        notes: vec![],
    }
}

/// Where a run starts and ends, horizontally.
fn extent(item: &Item, run: &TextRun) -> (f32, f32) {
    (item.pos.x, item.pos.x + run.width())
}

#[test]
fn right_to_left_pages_are_mirrored() {
    let f = fixture("ar");
    let mut doc = document(&f);
    let text = |s: &str| vec![Inline::Text(s.to_owned())];
    let cell = |s: &str| Cell {
        text: vec![text(s)],
        fill: None,
        strong: false,
        rating: None,
        origin: None,
    };
    doc.blocks.push(Block::List(List {
        marker: ListMarker::Bullet,
        items: vec![ListItem {
            text: vec![
                Inline::Text("تعزيز التشريعات".to_owned()),
                Inline::NoteRef(NoteRef { index: 0 }),
            ],
            anchor: None,
            label: None,
            origin: None,
        }],
        small: false,
    }));
    doc.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![1.0, 2.0],
        header: vec![Row {
            cells: vec![cell("المؤشر"), cell("التقييم")],
        }],
        rows: vec![Row {
            cells: vec![cell("التشريعات"), cell("تقدم ملحوظ")],
        }],
        style: TableStyle::Grid,
        caption_origin: None,
    }));
    doc.notes.push(Note {
        kind: NoteKind::Footnote,
        marker: "1".to_owned(),
        anchor: "note-1".to_owned(),
        text: text("تقرير عام 2024."),
        origin: None,
    });
    let theme = theme();
    let laid = layout_document(&doc, &theme, book(&theme));
    save("ar-mirrored", &laid, &theme);
    let runs: Vec<_> = runs(&laid).collect();
    let span = |pick: &dyn Fn(&Role) -> bool| {
        runs.iter()
            .filter(|(_, item, _)| pick(&item.role))
            .map(|(_, item, run)| extent(item, run))
            .fold((f32::MAX, f32::MIN), |(a, b), (x, y)| (a.min(x), b.max(y)))
    };
    let marker = span(&|r| matches!(r, Role::ListItem(ListPart { marker: true, .. })));
    let item = span(&|r| matches!(r, Role::ListItem(ListPart { marker: false, .. })));
    assert!(
        marker.0 > item.1,
        "the bullet {marker:?} is right of its text {item:?}"
    );
    let first = span(&|r| matches!(r, Role::TableCell(CellPos { column: 0, .. })));
    let second = span(&|r| matches!(r, Role::TableCell(CellPos { column: 1, .. })));
    assert!(
        first.0 > second.1,
        "column 1 {first:?} is right of column 2 {second:?}"
    );
    let number = runs
        .iter()
        .find(|(_, item, run)| matches!(item.role, Role::Footnote(_)) && run.text == "1")
        .map(|(_, item, run)| extent(item, run))
        .expect("the footnote's number is drawn");
    let note = span(&|r| matches!(r, Role::Footnote(_)));
    assert_eq!(
        number.1, note.1,
        "the footnote's number {number:?} hangs on the right"
    );
}

/// The fixtures' fonts: the bundled faces and the fixture folder's, and no
/// system folder, whatever this machine has installed.
fn book(theme: &Theme) -> &'static FontBook {
    let sources = FontSources {
        folders: vec![root().join("tests/fixtures/fonts")],
        system: false,
    };
    FontBook::for_theme(theme, &sources)
}

fn theme() -> Theme {
    Project::load(&root().join("data"))
        .expect("the shipped data loads")
        .theme()
        .clone()
}

fn laid_out(name: &str) -> (Fixture, Theme, LaidOut) {
    let f = fixture(name);
    let theme = theme();
    let doc = document(&f);
    let book = book(&theme);
    assert_eq!(missing_characters(&doc, &theme, book), vec![], "{name}");
    let laid = layout_document(&doc, &theme, book);
    assert!(laid.warnings.is_empty(), "{name}: {:#?}", laid.warnings);
    (f, theme, laid)
}

fn runs(laid: &LaidOut) -> impl Iterator<Item = (usize, &Item, &TextRun)> {
    laid.pages.iter().enumerate().flat_map(|(n, page)| {
        page.items.iter().filter_map(move |item| match &item.kind {
            ItemKind::Text(run) => Some((n, item, run)),
            _ => None,
        })
    })
}

fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

#[test]
fn body_text_is_drawn_in_logical_order() {
    for name in SCRIPTS {
        let (f, _, laid) = laid_out(name);
        let drawn: String = runs(&laid)
            .filter(|(_, item, _)| matches!(item.role, Role::Paragraph(_)))
            .map(|(_, _, run)| visible(&run.text))
            .collect();
        assert_eq!(drawn, visible(&f.paragraphs.concat()), "{name}");
    }
}

#[test]
fn every_glyph_exists_in_its_font() {
    for name in SCRIPTS {
        let (_, _, laid) = laid_out(name);
        for (n, _, run) in runs(&laid) {
            assert!(
                run.glyphs.iter().all(|g| g.id != 0),
                "{name}, page {}: .notdef in “{}”",
                n + 1,
                run.text
            );
        }
    }
}

#[test]
fn no_line_leaves_its_measure() {
    for name in SCRIPTS {
        let (f, theme, laid) = laid_out(name);
        let page = theme.page;
        // Right-to-left editions are bound on the right: their margins are
        // mirrored.
        let rtl = matches!(f.lang.as_str(), "ar" | "ur");
        for (n, item, run) in
            runs(&laid).filter(|(n, item, _)| *n > 0 && item.role != Role::Artifact)
        {
            let left = if (n % 2 == 0) != rtl {
                page.margin_inner
            } else {
                page.margin_outer
            };
            let right = left + page.width - page.margin_inner - page.margin_outer;
            let (hang_left, hang_right) = hang_allowance(run);
            assert!(
                item.pos.x >= left - hang_left - 0.5
                    && item.pos.x + run.width() <= right + hang_right + 0.5,
                "{name}, page {}: “{}” spans {:.1}–{:.1}, the measure {left:.1}–{right:.1}",
                n + 1,
                run.text,
                item.pos.x,
                item.pos.x + run.width()
            );
        }
    }
}

#[test]
fn right_to_left_paragraphs_are_set_from_the_right() {
    for name in ["ar", "ur"] {
        let (_, theme, laid) = laid_out(name);
        let page = theme.page;
        let measure = page.width - page.margin_inner - page.margin_outer;
        // The first line of a paragraph is full or right-aligned: its
        // rightmost glyph touches the right edge of the text area.
        let first = runs(&laid)
            .filter(|(_, item, _)| matches!(item.role, Role::Paragraph(_)))
            .map(|(n, item, run)| (n, item.pos.x + run.width()))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        let left = if first.0 % 2 == 0 {
            page.margin_outer
        } else {
            page.margin_inner
        };
        assert!(
            (first.1 - (left + measure)).abs() < 0.5,
            "{name}: {first:?}"
        );
    }
}

/// Lines of body text: (page, baseline) → text of its runs in order.
fn body_lines(laid: &LaidOut) -> Vec<String> {
    let mut lines: Vec<((usize, f32), String)> = Vec::new();
    for (n, item, run) in runs(laid).filter(|(_, item, _)| matches!(item.role, Role::Paragraph(_)))
    {
        let key = (n, item.pos.y);
        match lines.iter_mut().find(|(k, _)| *k == key) {
            Some((_, text)) => text.push_str(&run.text),
            None => lines.push((key, run.text.clone())),
        }
    }
    lines.into_iter().map(|(_, text)| text).collect()
}

#[test]
fn thai_and_japanese_lines_start_at_legal_breaks() {
    let segmenter = icu_segmenter::LineSegmenter::new_dictionary(Default::default());
    for name in ["th", "ja"] {
        let (f, _, laid) = laid_out(name);
        let lines = body_lines(&laid);
        assert!(
            lines.len() >= 4,
            "{name}: the fixture should wrap: {lines:#?}"
        );
        let mut lines = lines.iter().peekable();
        for paragraph in &f.paragraphs {
            let breaks: Vec<usize> = segmenter.segment_str(paragraph).collect();
            let mut cursor = 0;
            while cursor < paragraph.len() {
                let line = lines.next().expect("every paragraph is drawn");
                let line = line.trim_end();
                cursor += paragraph[cursor..].len() - paragraph[cursor..].trim_start().len();
                assert!(
                    paragraph[cursor..].starts_with(line),
                    "{name}: “{line}” is not next in “{}”",
                    &paragraph[cursor..]
                );
                assert!(
                    breaks.contains(&cursor),
                    "{name}: a line starts at byte {cursor}, where no break is allowed: “{line}”"
                );
                cursor += line.len();
            }
        }
        assert!(lines.peek().is_none(), "{name}: lines left over");
    }
}

/// The fixture's PDF, also saved for a person to look at.
fn pdf(name: &str) -> (Fixture, Vec<u8>) {
    let (f, theme, laid) = laid_out(name);
    (f, save(name, &laid, &theme))
}

/// Writes `laid` as `target/tmp/scripts/{name}.pdf`; returns the bytes.
fn save(name: &str, laid: &LaidOut, theme: &Theme) -> Vec<u8> {
    let bytes = write_pdf(laid, book(theme), &PdfOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scripts");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("{name}.pdf")), &bytes).unwrap();
    bytes
}

#[test]
fn pdf_text_reads_back_in_logical_order() {
    for name in SCRIPTS {
        let (f, bytes) = pdf(name);
        let text = PdfReadBack::parse(&bytes).unwrap().text();
        assert!(
            !text.contains('\u{FFFD}'),
            "{name}: a glyph without text: {text}"
        );
        let text = visible(&text);
        for expected in std::iter::once(&f.heading).chain(&f.paragraphs) {
            assert!(
                text.contains(&visible(expected)),
                "{name}: “{expected}” is not in the PDF's text:\n{text}"
            );
        }
    }
}
