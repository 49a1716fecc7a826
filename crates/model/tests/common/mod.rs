//! Helpers shared by the integration tests: the real data folder and copies
//! of it, and the document's text flattened in reading order.

#![allow(dead_code)] // each test binary uses its own subset

use std::fs;
use std::path::PathBuf;

use folio_model::doc::{
    Block, Cell, Document, FigureBody, Heading, Inline, NoteKind, Origin, ParagraphStyle,
};
use folio_model::{Diagnostic, Project, Severity};

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

#[allow(unused_imports)] // like the functions here, used by some test binaries only
pub use folio_tests::copy_dir;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn project() -> Project {
    Project::load(&data_dir()).unwrap_or_else(|diagnostics| panic!("{}", render(&diagnostics)))
}

pub fn usa() -> Document {
    project()
        .compose("usa", "en")
        .unwrap_or_else(|diagnostics| panic!("{}", render(&diagnostics)))
}

/// The text of `inlines`, without note markers or page numbers.
pub fn text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_text(inlines, &mut out);
    out
}

fn push_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(text),
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Link { content, .. } => {
                push_text(content, out)
            }
            Inline::LineBreak => out.push(' '),
            Inline::NoteRef(_) | Inline::PageRef { .. } => {}
        }
    }
}

/// Every top-level block and the blocks nested in boxes, in reading order.
pub fn blocks(document: &Document) -> Vec<&Block> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
        for block in blocks {
            out.push(block);
            if let Block::Boxed(boxed) = block {
                walk(&boxed.blocks, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&document.blocks, &mut out);
    out
}

/// Every inline sequence of `block` (not of nested blocks), in reading order.
pub fn inline_runs(block: &Block) -> Vec<&[Inline]> {
    fn cells(cells: &[Cell]) -> Vec<&[Inline]> {
        cells
            .iter()
            .flat_map(|cell| cell.text.iter().map(Vec::as_slice))
            .collect()
    }
    match block {
        Block::Heading(heading) => vec![&heading.text],
        Block::Paragraph(paragraph) => vec![&paragraph.text],
        Block::List(list) => list.items.iter().map(|item| item.text.as_slice()).collect(),
        Block::Boxed(boxed) => vec![&boxed.title],
        Block::Table(table) => {
            let mut runs: Vec<&[Inline]> = table.caption.iter().map(Vec::as_slice).collect();
            for row in table.header.iter().chain(&table.rows) {
                runs.extend(cells(&row.cells));
            }
            runs
        }
        Block::Figure(figure) => {
            let mut runs: Vec<&[Inline]> = vec![&figure.title];
            if let FigureBody::Table(table) = &figure.body {
                for row in table.header.iter().chain(&table.rows) {
                    runs.extend(cells(&row.cells));
                }
            }
            runs
        }
        Block::Endnotes | Block::PageBreak => Vec::new(),
    }
}

/// The note indices of every reference in `inlines`, in order.
pub fn note_refs(inlines: &[Inline], out: &mut Vec<usize>) {
    for inline in inlines {
        match inline {
            Inline::NoteRef(note) => out.push(note.index),
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Link { content, .. } => {
                note_refs(content, out)
            }
            _ => {}
        }
    }
}

/// The document's words as a reader meets them: each block's text, then the
/// footnotes it cites first (set at the foot of the page), and the endnotes
/// where `Block::Endnotes` stands.
pub fn reading_text(document: &Document) -> String {
    let mut out = document.cover.title.join(" ");
    let mut footnotes_shown = vec![false; document.notes.len()];
    for block in blocks(document) {
        let runs = inline_runs(block);
        match block {
            Block::List(list) => {
                for item in &list.items {
                    out.push(' ');
                    out.push_str(item.label.as_deref().unwrap_or_default());
                    out.push(' ');
                    out.push_str(&text(&item.text));
                }
            }
            _ => {
                if let Block::Heading(Heading {
                    number: Some(number),
                    ..
                }) = block
                {
                    out.push(' ');
                    out.push_str(number);
                }
                for run in &runs {
                    out.push(' ');
                    out.push_str(&text(run));
                }
            }
        }
        let mut cited = Vec::new();
        runs.iter().for_each(|run| note_refs(run, &mut cited));
        for index in cited {
            let note = &document.notes[index];
            if note.kind == NoteKind::Footnote && !footnotes_shown[index] {
                footnotes_shown[index] = true;
                out.push(' ');
                out.push_str(&text(&note.text));
            }
        }
        if let Block::Endnotes = block {
            for note in document
                .notes
                .iter()
                .filter(|note| note.kind == NoteKind::Endnote)
            {
                out.push(' ');
                out.push_str(&text(&note.text));
            }
        }
    }
    out
}

/// Lowercase words without punctuation, note markers or stars, for
/// comparing texts whose typography differs.
pub fn words(text: &str) -> Vec<String> {
    const MARKS: &str = "¹²³⁴⁵⁶⁷⁸⁹⁰ⁱ★";
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphanumeric() && !MARKS.contains(*c))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Every text of `document` composed from a content string, with the
/// origin it carries: headings, paragraphs (labels are the locale's),
/// list items, box titles, table captions and cells (Figure 2's are the
/// dataset's), figure titles and notes.
fn texts_from_content(document: &Document) -> Vec<(String, Option<&Origin>)> {
    let mut out = Vec::new();
    for block in blocks(document) {
        match block {
            Block::Heading(h) => out.push((text(&h.text), h.origin.as_ref())),
            Block::Paragraph(p) if p.style != ParagraphStyle::Label => {
                out.push((text(&p.text), p.origin.as_ref()))
            }
            Block::List(list) => out.extend(
                list.items
                    .iter()
                    .map(|item| (text(&item.text), item.origin.as_ref())),
            ),
            Block::Boxed(boxed) => out.push((text(&boxed.title), boxed.origin.as_ref())),
            Block::Table(table) => {
                if let Some(caption) = &table.caption {
                    out.push((text(caption), table.caption_origin.as_ref()));
                }
                for cell in table
                    .header
                    .iter()
                    .chain(&table.rows)
                    .flat_map(|r| &r.cells)
                {
                    let paragraphs: Vec<String> = cell.text.iter().map(|t| text(t)).collect();
                    out.push((paragraphs.join(" "), cell.origin.as_ref()));
                }
            }
            Block::Figure(figure) => out.push((text(&figure.title), figure.origin.as_ref())),
            _ => {}
        }
    }
    let notes = document.notes.iter().filter(|note| !note.text.is_empty());
    out.extend(notes.map(|note| (text(&note.text), note.origin.as_ref())));
    out
}

/// Asserts that every text of `document` composed from a content string
/// points at the string it was composed from: most of its longer words are
/// written where its origin points.
pub fn assert_texts_point_at_their_strings(document: &Document) {
    for (text, origin) in texts_from_content(document) {
        let origin = origin.unwrap_or_else(|| panic!("no origin: {text}"));
        let diagnostic = origin.diagnostic(Severity::Error, "");
        assert!(diagnostic.line > 0, "{text}: {diagnostic}");
        let source = fs::read_to_string(&diagnostic.file).unwrap();
        let written = &source[diagnostic.span.clone().unwrap()];
        let long: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| word.chars().count() >= 5)
            .collect();
        let found = long.iter().filter(|word| written.contains(*word)).count();
        assert!(
            found * 2 >= long.len(),
            "{text:?} is not what {} points at: {written:?}",
            diagnostic.file.display()
        );
    }
}
