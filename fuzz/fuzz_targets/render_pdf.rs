//! Rendering arbitrary pages to PDF: pages of any size holding text runs
//! (any font id, glyph id, size, text and cluster ranges), rectangles,
//! lines, polygons and links (to pages that may not exist), with any
//! outline, in the screen and the print profile.
//!
//! The PDF writer promises that every misuse of krilla that would panic is
//! either impossible or reported as a `PdfError`; this checks the promise.
//! A panic, a PDF that does not start like one, or a file the object
//! stream packer could not re-frame is a finding.

#![no_main]

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{
    Block, Glyph, Item, ItemKind, LaidOut, LinkTarget, Location, Metadata, OutlineEntry, Page,
    Point, Role, Size, TextRun,
};
use folio_model::theme::Color;
use folio_pdf::{PdfOptions, Print, Profile, write_pdf};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    pages: Vec<PageIn>,
    outline: Vec<(u8, String, u8, i16)>,
    title: String,
    lang: String,
    print: bool,
}

#[derive(Debug, Arbitrary)]
struct PageIn {
    width: u16,
    height: u16,
    label: String,
    items: Vec<(i16, i16, RoleIn, ItemIn)>,
}

#[derive(Debug, Arbitrary)]
enum RoleIn {
    Artifact,
    Heading(u8, u8),
    Paragraph(u8),
    Caption(u8),
    Figure(u8),
    Footnote(u8),
    TocEntry(u8),
    Symbol(char),
}

#[derive(Debug, Arbitrary)]
enum ItemIn {
    Text {
        font: u8,
        /// Raw: sizes from layout are positive, but the writer checks.
        size: f32,
        text: String,
        glyphs: Vec<(u16, i16, u8, u8)>,
        lang: String,
    },
    Rect(i16, i16, [u8; 3]),
    Line(i16, i16, u8),
    Polygon(Vec<(i16, i16)>),
    Link(i16, i16, Option<(u8, i16)>, String),
}

fn pt(v: i16) -> f32 {
    f32::from(v) / 8.0
}

fn color([r, g, b]: [u8; 3]) -> Color {
    Color {
        rgb: [r, g, b],
        cmyk: [r, g, b, 0].map(|v| f32::from(v) / 255.0),
    }
}

fn role(role: &RoleIn) -> Role {
    match *role {
        RoleIn::Artifact => Role::Artifact,
        RoleIn::Heading(level, b) => Role::Heading(level % 4, Block(b.into())),
        RoleIn::Paragraph(b) => Role::Paragraph(Block(b.into())),
        RoleIn::Caption(b) => Role::Caption(Block(b.into())),
        RoleIn::Figure(b) => Role::Figure(Block(b.into())),
        RoleIn::Footnote(b) => Role::Footnote(Block(b.into())),
        RoleIn::TocEntry(b) => Role::TocEntry(Block(b.into())),
        RoleIn::Symbol(c) => Role::Symbol(c),
    }
}

fn kind(item: &ItemIn) -> ItemKind {
    match item {
        ItemIn::Text {
            font,
            size,
            text,
            glyphs,
            lang,
        } => ItemKind::Text(TextRun {
            font: FontId(u16::from(*font % 24)),
            size: *size,
            fill: Color::BLACK,
            text: text.clone(),
            glyphs: glyphs
                .iter()
                .map(|&(id, advance, start, end)| Glyph {
                    id,
                    x_advance: pt(advance),
                    x_offset: 0.0,
                    y_offset: 0.0,
                    range: usize::from(start)..usize::from(end),
                })
                .collect(),
            lang: lang.clone(),
        }),
        ItemIn::Rect(w, h, rgb) => ItemKind::Rect {
            size: Size::new(pt(*w), pt(*h)),
            fill: color(*rgb),
            bleed: w % 2 == 0,
        },
        ItemIn::Line(x, y, width) => ItemKind::Line {
            to: Point::new(pt(*x), pt(*y)),
            width: f32::from(*width) / 16.0,
            color: Color::BLACK,
        },
        ItemIn::Polygon(points) => ItemKind::Polygon {
            points: points
                .iter()
                .map(|&(x, y)| Point::new(pt(x), pt(y)))
                .collect(),
            fill: Color::BLACK,
        },
        ItemIn::Link(w, h, internal, url) => ItemKind::Link {
            size: Size::new(pt(*w), pt(*h)),
            target: match internal {
                Some((page, y)) => LinkTarget::Internal(Location {
                    page: usize::from(*page),
                    pos: Point::new(0.0, pt(*y)),
                }),
                None => LinkTarget::Url(url.clone()),
            },
        },
    }
}

fuzz_target!(|input: Input| {
    let pages = input
        .pages
        .iter()
        .map(|page| Page {
            size: Size::new(f32::from(page.width) / 4.0, f32::from(page.height) / 4.0),
            label: page.label.clone(),
            items: page
                .items
                .iter()
                .map(|(x, y, r, item)| Item {
                    pos: Point::new(pt(*x), pt(*y)),
                    kind: kind(item),
                    role: role(r),
                })
                .collect(),
        })
        .collect();
    let doc = LaidOut {
        pages,
        outline: input
            .outline
            .iter()
            .map(|(level, title, page, y)| OutlineEntry {
                level: *level,
                title: title.clone(),
                target: Location {
                    page: usize::from(*page),
                    pos: Point::new(0.0, pt(*y)),
                },
            })
            .collect(),
        meta: Metadata {
            title: input.title.clone(),
            author: String::new(),
            subject: String::new(),
            keywords: vec![],
            lang: input.lang.clone(),
        },
        alt_texts: BTreeMap::new(),
        warnings: vec![],
        errors: vec![],
        fitted: None,
    };
    let profile = if input.print {
        Profile::Print(Print::default())
    } else {
        Profile::Screen
    };
    let options = PdfOptions {
        profile,
        ..PdfOptions::default()
    };
    match write_pdf(&doc, FontBook::bundled(), &options) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
        // Packing krilla's file into object streams must never fail: that
        // would mean krilla wrote something the packer misreads.
        Err(err) => assert!(
            !err.to_string().contains("object streams"),
            "{err}"
        ),
    }
});
