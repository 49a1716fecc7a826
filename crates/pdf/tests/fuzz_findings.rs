//! Pages the `render_pdf` fuzz target (`fuzz/`) found that made the PDF
//! writer panic, each reduced to what triggers it. Layout does not produce
//! them today, but the writer promises an error, never a panic, for any
//! pages it is given.

use std::collections::BTreeMap;

use folio_layout::fonts::FontBook;
use folio_layout::frame::{Item, ItemKind, LaidOut, Metadata, Page, Point, Role, Size};
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
