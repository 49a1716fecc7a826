//! Writes the small hand-made booklet for the screen and reads the PDF back
//! with lopdf.

mod common;

use std::sync::Arc;

use common::*;
use folio_layout::fonts::FontBook;
use folio_layout::frame::{Block, ItemKind, LinkTarget, Location, Point, Role, Size};
use folio_model::doc::{Image, ImageFormat};
use folio_pdf::{PdfOptions, Timestamp, write_pdf};
use lopdf::{Dictionary, Document, Object};

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
}

#[test]
fn the_only_date_is_the_one_given() {
    let options = PdfOptions {
        created: Timestamp(1_709_210_096),
        ..PdfOptions::default()
    };
    let bytes = write_pdf(&booklet(), FontBook::bundled(), &options).unwrap();
    let pdf = parse(&bytes);
    let info = get(&pdf, &pdf.trailer, b"Info").as_dict().unwrap();
    for key in [&b"CreationDate"[..], b"ModDate"] {
        let date = string(&pdf, info, key);
        assert!(date.starts_with(b"D:20240229123456"), "{key:?}: {date:?}");
    }
    assert_eq!(
        bytes,
        write_pdf(&booklet(), FontBook::bundled(), &options).unwrap()
    );
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
        Role::Artifact,
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
        .push(text(10.0, 10.0, bad, Role::Paragraph(Block(10))));
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
            bleed: false,
        },
        Role::Figure(Block(11)),
    ));
    assert!(error(&doc).starts_with("the image on page 3 could not be read: "));
}

#[test]
fn accessibility_problems_fail_the_build() {
    // A figure without a text alternative: PDF/UA forbids it.
    let mut doc = booklet();
    doc.alt_texts.remove(&Block(6));
    assert_eq!(
        error(&doc),
        "the PDF does not conform: a figure has no alternative text"
    );
}
