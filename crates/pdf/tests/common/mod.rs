//! A small hand-made booklet and helpers to read PDFs back with lopdf,
//! shared by the tests of each profile.
#![allow(dead_code)] // each test file uses some of them

use std::io::Cursor;
use std::sync::Arc;

use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{
    Block, Glyph, Item, ItemKind, LaidOut, LinkTarget, Location, Metadata, OutlineEntry, Page,
    Point, Role, Size, TextRun,
};
use folio_model::doc::{Image, ImageFormat};
use folio_model::theme::Color;
use folio_pdf::{PdfOptions, write_pdf};
use lopdf::{Dictionary, Document, Object};

pub const SERIF: FontId = FontId(0);
pub const SANS_BOLD: FontId = FontId(5);
pub const ACCENT: Color = Color {
    rgb: [0, 90, 160],
    cmyk: [1.0, 0.45, 0.0, 0.1],
};

/// Shape `text` as layout does, with the bundled face `font` at `size`.
pub fn shape(font: FontId, size: f32, text: &str) -> Vec<Glyph> {
    let face = rustybuzz::Face::from_slice(FontBook::bundled().face(font).data, 0).unwrap();
    let scale = size / face.units_per_em() as f32;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let infos = shaped.glyph_infos();
    let clusters: Vec<usize> = infos.iter().map(|info| info.cluster as usize).collect();
    infos
        .iter()
        .zip(shaped.glyph_positions())
        .enumerate()
        .map(|(i, (info, pos))| {
            let start = clusters[i];
            let end = clusters[i..]
                .iter()
                .copied()
                .find(|&c| c != start)
                .unwrap_or(text.len());
            Glyph {
                id: info.glyph_id as u16,
                x_advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                range: start..end,
            }
        })
        .collect()
}

pub fn run(font: FontId, size: f32, text: &str) -> TextRun {
    TextRun {
        font,
        size,
        fill: Color::BLACK,
        text: text.to_string(),
        glyphs: shape(font, size, text),
        lang: "en".to_string(),
    }
}

pub fn item(x: f32, y: f32, kind: ItemKind, role: Role) -> Item {
    Item {
        pos: Point::new(x, y),
        kind,
        role,
    }
}

pub fn text(x: f32, y: f32, run: TextRun, role: Role) -> Item {
    item(x, y, ItemKind::Text(run), role)
}

pub fn encode(format: image::ImageFormat) -> Vec<u8> {
    let pixels =
        image::RgbImage::from_fn(8, 8, |x, y| image::Rgb([x as u8 * 30, y as u8 * 30, 128]));
    let mut bytes = Cursor::new(Vec::new());
    pixels.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

pub fn png() -> Arc<Image> {
    let data = Arc::new(encode(image::ImageFormat::Png));
    Arc::new(Image {
        data,
        format: ImageFormat::Png,
        width: 8,
        height: 8,
        alt: "A gradient".into(),
    })
}

pub fn jpeg() -> Arc<Image> {
    let data = Arc::new(encode(image::ImageFormat::Jpeg));
    Arc::new(Image {
        data,
        format: ImageFormat::Jpeg,
        width: 8,
        height: 8,
        alt: "A photo".into(),
    })
}

pub const A5: Size = Size {
    width: 420.0,
    height: 595.0,
};

/// Three pages: a cover, a page with text, shapes and links, a page with
/// the cover's image again and a photo.
pub fn booklet() -> LaidOut {
    let picture = png();
    let body = run(SERIF, 10.0, "The office offers fine coffee.");
    let body_width = body.width();
    let mut marker = run(SERIF, 6.0, "1");
    marker.fill = ACCENT;
    let link_text = run(SERIF, 10.0, "example.org");
    let link_width = link_text.width();
    let see = run(SERIF, 10.0, "see page 3");
    let see_width = see.width();

    let cover = Page {
        size: A5,
        label: String::new(),
        items: vec![
            item(
                0.0,
                0.0,
                ItemKind::Rect {
                    size: A5,
                    fill: ACCENT,
                    bleed: true,
                },
                Role::Artifact,
            ),
            item(
                60.0,
                100.0,
                ItemKind::Image {
                    size: Size::new(300.0, 200.0),
                    image: picture.clone(),
                    bleed: false,
                },
                Role::Figure(Block(1)),
            ),
            text(
                60.0,
                400.0,
                run(SANS_BOLD, 28.0, "Country Card"),
                Role::Heading(1, Block(0)),
            ),
        ],
    };
    let contents = Page {
        size: A5,
        label: "2".into(),
        items: vec![
            text(
                50.0,
                60.0,
                run(SANS_BOLD, 16.0, "Contents"),
                Role::Heading(1, Block(2)),
            ),
            item(
                50.0,
                66.0,
                ItemKind::Line {
                    to: Point::new(370.0, 66.0),
                    width: 0.5,
                    color: ACCENT,
                },
                Role::Artifact,
            ),
            text(50.0, 100.0, body, Role::Paragraph(Block(3))),
            text(50.0 + body_width, 96.0, marker, Role::Paragraph(Block(3))),
            text(50.0, 120.0, link_text, Role::Paragraph(Block(4))),
            item(
                50.0,
                111.0,
                ItemKind::Link {
                    size: Size::new(link_width, 12.0),
                    target: LinkTarget::Url("https://example.org/".into()),
                },
                Role::Paragraph(Block(4)),
            ),
            text(50.0, 140.0, see, Role::Paragraph(Block(5))),
            item(
                50.0,
                131.0,
                ItemKind::Link {
                    size: Size::new(see_width, 12.0),
                    target: LinkTarget::Internal(Location {
                        page: 2,
                        pos: Point::new(0.0, 40.0),
                    }),
                },
                Role::Artifact,
            ),
            item(
                50.0,
                200.0,
                ItemKind::Polygon {
                    points: vec![
                        Point::new(0.0, 0.0),
                        Point::new(40.0, 0.0),
                        Point::new(20.0, 30.0),
                    ],
                    fill: ACCENT,
                },
                Role::Figure(Block(6)),
            ),
        ],
    };
    let last = Page {
        size: A5,
        label: "3".into(),
        items: vec![
            text(
                50.0,
                60.0,
                run(SANS_BOLD, 12.0, "Detail"),
                Role::Heading(3, Block(7)),
            ),
            item(
                50.0,
                80.0,
                ItemKind::Image {
                    size: Size::new(60.0, 40.0),
                    image: picture,
                    bleed: false,
                },
                Role::Figure(Block(8)),
            ),
            item(
                50.0,
                140.0,
                ItemKind::Image {
                    size: Size::new(60.0, 60.0),
                    image: jpeg(),
                    bleed: false,
                },
                Role::Figure(Block(9)),
            ),
            text(50.0, 560.0, run(SERIF, 8.0, "3"), Role::Artifact),
        ],
    };
    LaidOut {
        pages: vec![cover, contents, last],
        outline: vec![
            OutlineEntry {
                level: 1,
                title: "Contents".into(),
                target: Location {
                    page: 1,
                    pos: Point::new(0.0, 40.0),
                },
            },
            OutlineEntry {
                level: 3,
                title: "Detail".into(),
                target: Location {
                    page: 2,
                    pos: Point::new(0.0, 40.0),
                },
            },
            OutlineEntry {
                level: 1,
                title: "Last words".into(),
                target: Location {
                    page: 2,
                    pos: Point::new(0.0, 500.0),
                },
            },
        ],
        meta: Metadata {
            title: "Country Card".into(),
            author: "Folio Tests".into(),
            subject: "A test booklet".into(),
            keywords: vec!["tests".into(), "pdf".into()],
            lang: "en".into(),
        },
        alt_texts: (1..=11)
            .map(|id| (Block(id), format!("Figure {id}")))
            .collect(),
        warnings: vec![],
        errors: vec![],
        fitted: None,
    }
}

pub fn write(doc: &LaidOut) -> Vec<u8> {
    write_pdf(doc, FontBook::bundled(), &PdfOptions::default()).unwrap()
}

pub fn error(doc: &LaidOut) -> String {
    write_pdf(doc, FontBook::bundled(), &PdfOptions::default())
        .unwrap_err()
        .to_string()
}

/// Every dictionary of the file, including those of streams.
pub fn dictionaries(pdf: &Document) -> impl Iterator<Item = &Dictionary> {
    pdf.objects.values().filter_map(|object| match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    })
}

pub fn deref<'a>(pdf: &'a Document, object: &'a Object) -> &'a Object {
    pdf.dereference(object).unwrap().1
}

pub fn get<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a Object {
    deref(pdf, dict.get(key).unwrap())
}

pub fn name<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    get(pdf, dict, key).as_name().unwrap()
}

pub fn string<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    get(pdf, dict, key).as_str().unwrap()
}

pub fn int(pdf: &Document, dict: &Dictionary, key: &[u8]) -> i64 {
    get(pdf, dict, key).as_i64().unwrap()
}

pub fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}
