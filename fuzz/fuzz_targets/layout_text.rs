//! Laying out arbitrary Unicode text into arbitrary measures: paragraphs,
//! headings, lists, table cells and footnotes of any characters (mixed
//! scripts, combining marks, zero-width and control characters, emoji,
//! very long words, empty strings) on pages whose text area is anything
//! from a tenth of a point (narrower than one glyph) to metres wide.
//!
//! The theme stays within what loading guarantees (positive sizes, a page
//! larger than its margins); everything else is the fuzzer's. Layout must
//! return, never panic or hang, and place everything at finite positions.

#![no_main]

use arbitrary::Arbitrary;
use folio_layout::fonts::FontBook;
use folio_layout::frame::ItemKind;
use folio_layout::layout_document;
use folio_model::doc::{
    Block, Cell, Cover, Document, Heading, Inline, List, ListItem, ListMarker, Note, NoteKind,
    NoteRef, Paragraph, ParagraphStyle, Row, Table, TableStyle,
};
use folio_model::theme::{
    Binding, Color, ColorName, Copyfit, Endnotes, Fonts, PageGeometry, PrintSettings, Theme, TypeScale,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    /// Tenths of a point.
    measure: u16,
    /// Points, above the margins.
    height: u16,
    /// Quarter points.
    size: u8,
    justify: bool,
    blocks: Vec<Piece>,
}

#[derive(Debug, Arbitrary)]
enum Piece {
    Paragraph(Vec<Span>),
    Heading(String),
    List(Vec<String>),
    Table(Vec<Vec<String>>),
}

#[derive(Debug, Arbitrary)]
enum Span {
    Text(String),
    Emphasis(String),
    Strong(String),
    Link(String),
    Footnote(String),
    Break,
}

fn theme(input: &Input) -> Theme {
    let margin = 10.0;
    let measure = f32::from(input.measure.max(1)) / 10.0;
    let height = f32::from(input.height.max(1));
    let size = f32::from(input.size.max(1)) / 4.0;
    Theme {
        page: PageGeometry {
            width: measure + 2.0 * margin,
            height: height + 2.0 * margin,
            margin_top: margin,
            margin_bottom: margin,
            margin_inner: margin,
            margin_outer: margin,
            bleed: 0.0,
        },
        fonts: Fonts {
            body: "Noto Serif".into(),
            heading: "Noto Sans".into(),
            fallback: vec![],
        },
        type_scale: TypeScale {
            body_size: size,
            body_leading: size * 1.3,
            lead_size: size * 1.2,
            small_size: size * 0.8,
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
            size: size * 0.8,
        },
        binding: Binding::default(),
        copyfit: Copyfit::default(),
        print: PrintSettings::default(),
    }
}

fn document(input: &Input) -> Document {
    let mut notes = vec![];
    let style = if input.justify {
        ParagraphStyle::Body
    } else {
        ParagraphStyle::Small
    };
    let blocks = input
        .blocks
        .iter()
        .enumerate()
        .map(|(n, piece)| match piece {
            Piece::Paragraph(spans) => Block::Paragraph(Paragraph {
                style,
                text: spans
                    .iter()
                    .map(|span| match span {
                        Span::Text(t) => Inline::Text(t.clone()),
                        Span::Emphasis(t) => Inline::Emphasis(vec![Inline::Text(t.clone())]),
                        Span::Strong(t) => Inline::Strong(vec![Inline::Text(t.clone())]),
                        Span::Link(t) => Inline::Link {
                            url: "https://example.org".into(),
                            content: vec![Inline::Text(t.clone())],
                        },
                        Span::Footnote(t) => {
                            notes.push(Note {
                                kind: NoteKind::Footnote,
                                marker: (notes.len() + 1).to_string(),
                                anchor: format!("note-{}", notes.len()),
                                text: vec![Inline::Text(t.clone())],
                                origin: None,
                            });
                            Inline::NoteRef(NoteRef {
                                index: notes.len() - 1,
                            })
                        }
                        Span::Break => Inline::LineBreak,
                    })
                    .collect(),
                origin: None,
            }),
            Piece::Heading(text) => Block::Heading(Heading {
                level: (n % 3 + 1) as u8,
                number: Some(format!("{n}.")),
                text: vec![Inline::Text(text.clone())],
                anchor: format!("heading-{n}"),
                in_toc: true,
                new_page: n % 4 == 0,
                origin: None,
            }),
            Piece::List(items) => Block::List(List {
                marker: ListMarker::Bullet,
                items: items
                    .iter()
                    .map(|t| ListItem {
                        text: vec![Inline::Text(t.clone())],
                        anchor: None,
                        label: None,
                        origin: None,
                    })
                    .collect(),
                small: n % 2 == 0,
            }),
            Piece::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0).clamp(1, 6);
                let cell = |t: &String| Cell {
                    text: vec![vec![Inline::Text(t.clone())]],
                    fill: None,
                    strong: false,
                    rating: None,
                    origin: None,
                };
                Block::Table(Table {
                    caption: None,
                    columns: vec![1.0; columns],
                    header: vec![],
                    rows: rows
                        .iter()
                        .map(|r| Row {
                            cells: r.iter().take(columns).map(cell).collect(),
                        })
                        .collect(),
                    style: TableStyle::Grid,
                    caption_origin: None,
                })
            }
        })
        .collect();
    Document {
        lang: "en".into(),
        title: "Fuzz".into(),
        author: String::new(),
        subject: String::new(),
        keywords: vec![],
        cover: Cover {
            title: vec!["FUZZ".into()],
            subtitle: String::new(),
            imprint: String::new(),
            image: None,
        },
        back_cover: None,
        notes_title: "Notes".into(),
        toc_title: "CONTENTS".into(),
        page_label: "Page".into(),
        running_header: "Fuzz".into(),
        draft_mark: None,
        continued_label: "(continued)".into(),
        blocks,
        notes,
    }
}

fuzz_target!(|input: Input| {
    let laid = layout_document(&document(&input), &theme(&input), FontBook::bundled());
    for item in laid.pages.iter().flat_map(|p| &p.items) {
        assert!(item.pos.x.is_finite() && item.pos.y.is_finite(), "{item:?}");
        if let ItemKind::Text(run) = &item.kind {
            assert!(run.width().is_finite(), "{run:?}");
        }
    }
});
