//! Writes a small hand-made booklet and reads the PDF back with lopdf.

use std::io::Cursor;
use std::sync::Arc;

use folio_layout::fonts::{FontBook, FontId};
use folio_layout::frame::{
    Glyph, Item, ItemKind, LaidOut, LinkTarget, Location, Metadata, OutlineEntry, Page, Point,
    Role, Size, TextRun,
};
use folio_model::doc::{Image, ImageFormat};
use folio_model::theme::Color;
use folio_pdf::{PdfOptions, write_pdf};
use lopdf::{Dictionary, Document, Object};

const SERIF: FontId = FontId(0);
const SANS_BOLD: FontId = FontId(5);
const ACCENT: Color = Color {
    rgb: [0, 90, 160],
    cmyk: [1.0, 0.45, 0.0, 0.1],
};

/// Shape `text` as layout does, with the bundled face `font` at `size`.
fn shape(font: FontId, size: f32, text: &str) -> Vec<Glyph> {
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

fn run(font: FontId, size: f32, text: &str) -> TextRun {
    TextRun {
        font,
        size,
        fill: Color::BLACK,
        text: text.to_string(),
        glyphs: shape(font, size, text),
        lang: "en".to_string(),
    }
}

fn item(x: f32, y: f32, kind: ItemKind, role: Role) -> Item {
    Item {
        pos: Point::new(x, y),
        kind,
        role,
    }
}

fn text(x: f32, y: f32, run: TextRun, role: Role) -> Item {
    item(x, y, ItemKind::Text(run), role)
}

fn encode(format: image::ImageFormat) -> Vec<u8> {
    let pixels =
        image::RgbImage::from_fn(8, 8, |x, y| image::Rgb([x as u8 * 30, y as u8 * 30, 128]));
    let mut bytes = Cursor::new(Vec::new());
    pixels.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn png() -> Arc<Image> {
    let data = Arc::new(encode(image::ImageFormat::Png));
    Arc::new(Image {
        data,
        format: ImageFormat::Png,
        width: 8,
        height: 8,
        alt: "A gradient".into(),
    })
}

fn jpeg() -> Arc<Image> {
    let data = Arc::new(encode(image::ImageFormat::Jpeg));
    Arc::new(Image {
        data,
        format: ImageFormat::Jpeg,
        width: 8,
        height: 8,
        alt: "A photo".into(),
    })
}

const A5: Size = Size {
    width: 420.0,
    height: 595.0,
};

/// Three pages: a cover, a page with text, shapes and links, a page with
/// the cover's image again and a photo.
fn booklet() -> LaidOut {
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
                },
                Role::Artifact,
            ),
            item(
                60.0,
                100.0,
                ItemKind::Image {
                    size: Size::new(300.0, 200.0),
                    image: picture.clone(),
                },
                Role::Figure,
            ),
            text(
                60.0,
                400.0,
                run(SANS_BOLD, 28.0, "Country Card"),
                Role::Cover,
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
                Role::Heading(1),
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
            text(50.0, 100.0, body, Role::Paragraph),
            text(50.0 + body_width, 96.0, marker, Role::NoteRef),
            text(50.0, 120.0, link_text, Role::Paragraph),
            item(
                50.0,
                111.0,
                ItemKind::Link {
                    size: Size::new(link_width, 12.0),
                    target: LinkTarget::Url("https://example.org/".into()),
                },
                Role::Paragraph,
            ),
            text(50.0, 140.0, see, Role::Paragraph),
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
                Role::Paragraph,
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
                Role::Figure,
            ),
        ],
    };
    let last = Page {
        size: A5,
        label: "3".into(),
        items: vec![
            text(50.0, 60.0, run(SANS_BOLD, 12.0, "Detail"), Role::Heading(3)),
            item(
                50.0,
                80.0,
                ItemKind::Image {
                    size: Size::new(60.0, 40.0),
                    image: picture,
                },
                Role::Figure,
            ),
            item(
                50.0,
                140.0,
                ItemKind::Image {
                    size: Size::new(60.0, 60.0),
                    image: jpeg(),
                },
                Role::Figure,
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
        warnings: vec![],
    }
}

fn write(doc: &LaidOut) -> Vec<u8> {
    write_pdf(doc, FontBook::bundled(), &PdfOptions::default()).unwrap()
}

fn error(doc: &LaidOut) -> String {
    write_pdf(doc, FontBook::bundled(), &PdfOptions::default())
        .unwrap_err()
        .to_string()
}

/// Every dictionary of the file, including those of streams.
fn dictionaries(pdf: &Document) -> impl Iterator<Item = &Dictionary> {
    pdf.objects.values().filter_map(|object| match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    })
}

fn deref<'a>(pdf: &'a Document, object: &'a Object) -> &'a Object {
    pdf.dereference(object).unwrap().1
}

fn get<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a Object {
    deref(pdf, dict.get(key).unwrap())
}

fn name<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    get(pdf, dict, key).as_name().unwrap()
}

fn string<'a>(pdf: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    get(pdf, dict, key).as_str().unwrap()
}

fn int(pdf: &Document, dict: &Dictionary, key: &[u8]) -> i64 {
    get(pdf, dict, key).as_i64().unwrap()
}

fn parse(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the PDF parses")
}

#[test]
fn writes_every_page() {
    let pdf = parse(&write(&booklet()));
    assert_eq!(pdf.get_pages().len(), 3);
    let page = pdf.get_dictionary(pdf.get_pages()[&1]).unwrap();
    let media_box: Vec<f32> = get(&pdf, page, b"MediaBox")
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    assert_eq!(media_box, [0.0, 0.0, 420.0, 595.0]);
}

#[test]
fn output_is_byte_identical_across_writes() {
    let doc = booklet();
    let first = write(&doc);
    assert_eq!(first, write(&doc));
    // Fresh allocations of the same images change nothing either.
    assert_eq!(first, write(&booklet()));
}

#[test]
fn fonts_are_embedded_and_subset() {
    let pdf = parse(&write(&booklet()));
    let fonts: Vec<&Dictionary> = dictionaries(&pdf)
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font"))
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
        .collect();
    // Noto Serif Regular and Noto Sans Bold, once each.
    assert_eq!(fonts.len(), 2);
    for font in fonts {
        let base = name(&pdf, font, b"BaseFont");
        let (tag, rest) = base.split_at(7);
        assert!(
            tag[..6].iter().all(u8::is_ascii_uppercase) && tag[6] == b'+',
            "{base:?} is not subset"
        );
        assert!(!rest.is_empty());
        assert!(font.has(b"ToUnicode"));
        let descendant = deref(
            &pdf,
            &get(&pdf, font, b"DescendantFonts").as_array().unwrap()[0],
        );
        let descriptor = get(&pdf, descendant.as_dict().unwrap(), b"FontDescriptor")
            .as_dict()
            .unwrap();
        assert!(
            descriptor.has(b"FontFile2") || descriptor.has(b"FontFile3"),
            "font not embedded"
        );
    }
}

#[test]
fn text_extracts_as_the_source_text() {
    let body = run(SERIF, 10.0, "The office offers fine coffee.");
    assert!(
        body.glyphs.len() < body.text.chars().count(),
        "the sample should contain ligatures"
    );

    let pdf = parse(&write(&booklet()));
    let text = pdf.extract_text(&[2]).unwrap();
    assert!(text.contains("The office offers fine coffee."), "{text:?}");
    assert!(text.contains("Contents"), "{text:?}");
    assert!(text.contains("see page 3"), "{text:?}");
    let text = pdf.extract_text(&[1]).unwrap();
    assert!(text.contains("Country Card"), "{text:?}");
}

/// The note marker sits on its own raised baseline after the paragraph.
#[test]
fn superscript_marker_keeps_its_text() {
    let pdf = parse(&write(&booklet()));
    let text = pdf.extract_text(&[2]).unwrap();
    assert!(text.contains("coffee.") && text.contains('1'), "{text:?}");
}

fn annotations(pdf: &Document, page: u32) -> Vec<&Dictionary> {
    let page = pdf.get_dictionary(pdf.get_pages()[&page]).unwrap();
    match page.get(b"Annots") {
        Ok(annots) => deref(pdf, annots)
            .as_array()
            .unwrap()
            .iter()
            .map(|a| deref(pdf, a).as_dict().unwrap())
            .collect(),
        Err(_) => vec![],
    }
}

#[test]
fn links_become_annotations() {
    let pdf = parse(&write(&booklet()));
    assert!(annotations(&pdf, 1).is_empty());
    let links = annotations(&pdf, 2);
    assert_eq!(links.len(), 2);
    assert!(links.iter().all(|l| name(&pdf, l, b"Subtype") == b"Link"));

    let url = links.iter().find(|l| l.has(b"A")).expect("a URL link");
    let action = get(&pdf, url, b"A").as_dict().unwrap();
    assert_eq!(name(&pdf, action, b"S"), b"URI");
    assert_eq!(string(&pdf, action, b"URI"), b"https://example.org/");
    assert_eq!(string(&pdf, url, b"Contents"), b"example.org");

    let internal = links
        .iter()
        .find(|l| l.has(b"Dest"))
        .expect("an internal link");
    let dest = get(&pdf, internal, b"Dest").as_array().unwrap();
    let target = dest[0].as_reference().unwrap();
    assert_eq!(target, pdf.get_pages()[&3]);
    assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
    // y flips to PDF's bottom-up space: 595 - 40.
    assert_eq!(dest[3].as_float().unwrap(), 555.0);
    assert_eq!(string(&pdf, internal, b"Contents"), b"see page 3");

    // The rectangle is the link area, flipped: x 50.., y 595 - 143 .. 595 - 131.
    let rect: Vec<f32> = get(&pdf, internal, b"Rect")
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    assert_eq!((rect[0], rect[1], rect[3]), (50.0, 452.0, 464.0));
}

fn titles(pdf: &Document, parent: &Dictionary) -> Vec<String> {
    let mut titles = vec![];
    let mut next = parent.get(b"First").ok();
    while let Some(item) = next {
        let item = deref(pdf, item).as_dict().unwrap();
        titles.push(String::from_utf8(string(pdf, item, b"Title").to_vec()).unwrap());
        next = item.get(b"Next").ok();
    }
    titles
}

#[test]
fn outline_nests_by_level() {
    let pdf = parse(&write(&booklet()));
    let catalog = pdf.catalog().unwrap();
    let outlines = get(&pdf, catalog, b"Outlines").as_dict().unwrap();
    // All open: two entries and the child of the first.
    assert_eq!(int(&pdf, outlines, b"Count"), 3);
    assert_eq!(titles(&pdf, outlines), ["Contents", "Last words"]);
    let first = get(&pdf, outlines, b"First").as_dict().unwrap();
    // The level 3 right after a level 1 nests under it.
    assert_eq!(titles(&pdf, first), ["Detail"]);
    let dest = get(&pdf, first, b"Dest").as_array().unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), pdf.get_pages()[&2]);
}

#[test]
fn metadata_and_language_are_set() {
    let pdf = parse(&write(&booklet()));
    let catalog = pdf.catalog().unwrap();
    assert_eq!(string(&pdf, catalog, b"Lang"), b"en");
    let info = get(&pdf, &pdf.trailer, b"Info").as_dict().unwrap();
    assert_eq!(string(&pdf, info, b"Title"), b"Country Card");
    assert_eq!(string(&pdf, info, b"Author"), b"Folio Tests");
    assert_eq!(string(&pdf, info, b"Subject"), b"A test booklet");
    assert_eq!(string(&pdf, info, b"Keywords"), b"tests, pdf");
    assert!(!info.has(b"CreationDate") && !info.has(b"ModDate"));
}

#[test]
fn page_labels_follow_printed_numbers() {
    let pdf = parse(&write(&booklet()));
    let catalog = pdf.catalog().unwrap();
    let labels = get(&pdf, catalog, b"PageLabels").as_dict().unwrap();
    let nums = get(&pdf, labels, b"Nums").as_array().unwrap();
    let entries: Vec<(i64, &Dictionary)> = nums
        .chunks(2)
        .map(|pair| {
            (
                pair[0].as_i64().unwrap(),
                deref(&pdf, &pair[1]).as_dict().unwrap(),
            )
        })
        .collect();
    // The cover has an empty label; the rest count on from 2.
    assert_eq!(entries[0].0, 0);
    assert!(!entries[0].1.has(b"S") && !entries[0].1.has(b"P"));
    assert_eq!(entries[1].0, 1);
    assert_eq!(name(&pdf, entries[1].1, b"S"), b"D");
    assert_eq!(int(&pdf, entries[1].1, b"St"), 2);
    // Page 3 is either covered by the range starting at page 2 or starts
    // its own range at 3.
    if let Some((index, label)) = entries.get(2) {
        assert_eq!((*index, int(&pdf, label, b"St")), (2, 3));
    }
}

#[test]
fn images_are_written_once_and_jpeg_is_not_recompressed() {
    let doc = booklet();
    let pdf = parse(&write(&doc));
    let images: Vec<&lopdf::Stream> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    // The PNG on two pages once, the JPEG once.
    assert_eq!(images.len(), 2);
    let ItemKind::Image { image: photo, .. } = &doc.pages[2].items[2].kind else {
        unreachable!()
    };
    let jpeg = images
        .iter()
        .find(|s| s.dict.get(b"Filter").and_then(Object::as_name).ok() == Some(b"DCTDecode"))
        .expect("the JPEG is passed through");
    assert_eq!(jpeg.content, *photo.data);
}

#[test]
fn empty_documents_are_refused() {
    let mut doc = booklet();
    doc.pages.clear();
    doc.outline.clear();
    assert_eq!(error(&doc), "the document has no pages");
}

#[test]
fn links_to_missing_pages_are_errors_not_panics() {
    let mut doc = booklet();
    doc.pages[1].items.push(item(
        0.0,
        0.0,
        ItemKind::Link {
            size: Size::new(10.0, 10.0),
            target: LinkTarget::Internal(Location {
                page: 7,
                pos: Point::default(),
            }),
        },
        Role::Paragraph,
    ));
    assert_eq!(
        error(&doc),
        "a link on page 2 points to page 8, but the document has 3 pages"
    );

    let mut doc = booklet();
    doc.outline[1].target.page = 3;
    assert_eq!(
        error(&doc),
        "bookmark \"Detail\" points to page 4, but the document has 3 pages"
    );
}

#[test]
fn glyph_ranges_outside_the_text_are_errors_not_panics() {
    let mut doc = booklet();
    let mut bad = run(SERIF, 10.0, "é");
    bad.glyphs[0].range = 0..1; // inside the two bytes of "é"
    doc.pages[1]
        .items
        .push(text(10.0, 10.0, bad, Role::Paragraph));
    assert_eq!(
        error(&doc),
        "a glyph on page 2 maps to bytes 0..1, not a character range of \"é\""
    );
}

#[test]
fn unreadable_images_are_errors() {
    let mut doc = booklet();
    let broken = Arc::new(Image {
        data: Arc::new(b"not a png".to_vec()),
        format: ImageFormat::Png,
        width: 1,
        height: 1,
        alt: String::new(),
    });
    doc.pages[2].items.push(item(
        0.0,
        0.0,
        ItemKind::Image {
            size: Size::new(5.0, 5.0),
            image: broken,
        },
        Role::Figure,
    ));
    assert!(error(&doc).starts_with("the image on page 3 could not be read: "));
}
