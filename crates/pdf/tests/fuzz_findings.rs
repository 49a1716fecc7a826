//! Pages the `render_pdf` fuzz target (`fuzz/`) found that made the PDF
//! writer panic, each reduced to what triggers it. Layout does not produce
//! them today, but the writer promises an error, never a panic, for any
//! pages it is given.

use std::collections::BTreeMap;

use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{
    Glyph, Item, ItemKind, LaidOut, Metadata, Page, Point, Role, Size, TextRun,
};
use folio_model::theme::Color;
use folio_pdf::{PdfOptions, Print, Profile, write_pdf};

fn one_page(items: Vec<Item>) -> LaidOut {
    LaidOut {
        pages: vec![Page {
            size: Size::new(595.0, 842.0),
            label: "1".into(),
            items,
        }],
        outline: vec![],
        meta: Metadata {
            title: "Findings".into(),
            author: String::new(),
            subject: String::new(),
            keywords: vec![],
            lang: "en".into(),
        },
        alt_texts: BTreeMap::new(),
        warnings: vec![],
        errors: vec![],
        fitted: None,
    }
}

fn write(doc: &LaidOut, profile: Profile) -> bool {
    let options = PdfOptions {
        profile,
        ..PdfOptions::default()
    };
    write_pdf(doc, FontBook::bundled(), &options).is_ok()
}

/// A background that reaches the trim (`bleed`) and has a negative width:
/// its bounding box is empty, and krilla panics on a background artifact
/// without one ("Background artifact must have a bounding box in PDF
/// 1.7").
#[test]
fn an_empty_background_is_written_without_a_panic() {
    for (width, height) in [(-945.75, 3246.375), (0.0, 10.0), (10.0, 0.0)] {
        let doc = one_page(vec![Item {
            pos: Point::new(1047.875, -4067.75),
            kind: ItemKind::Rect {
                size: Size::new(width, height),
                fill: Color::BLACK,
                bleed: true,
            },
            role: Role::Artifact,
        }]);
        assert!(write(&doc, Profile::Screen), "{width} × {height}");
        assert!(write(&doc, Profile::Print(Print::default())));
    }
}

/// Text in a font id past the end of the font book (the bundled book has
/// 18 faces and no installed ones): the writer indexed the book's installed
/// faces with it and panicked.
#[test]
fn text_in_a_font_the_book_does_not_have_is_an_error() {
    let faces = (0..u16::MAX)
        .take_while(|&id| FontBook::bundled().get_face(FontId(id)).is_some())
        .count() as u16;
    for font in [faces, faces + 1, u16::MAX] {
        let doc = one_page(vec![Item {
            pos: Point::new(72.0, 72.0),
            kind: ItemKind::Text(TextRun {
                font: FontId(font),
                size: 10.0,
                fill: Color::BLACK,
                text: "Hi".into(),
                glyphs: vec![Glyph {
                    id: 1,
                    x_advance: 5.0,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    range: 0..2,
                }],
                lang: "en".into(),
            }),
            role: Role::Artifact,
        }]);
        let options = PdfOptions::default();
        let error = write_pdf(&doc, FontBook::bundled(), &options)
            .err()
            .unwrap_or_else(|| panic!("text in font {font} was written"));
        assert!(error.to_string().contains("font book"), "{error}");
    }
}
