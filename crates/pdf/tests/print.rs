//! The print profile: writes the small hand-made booklet for a printer and
//! reads the PDF/X file back with lopdf.

mod common;

use common::*;
use folio_layout::fonts::FontBook;
use folio_layout::frame::{Block, LaidOut, Page, Role};
use folio_model::theme::{Color, PT_PER_MM};
use folio_pdf::{Imposition, PdfOptions, Print, Profile, Timestamp, write_pdf};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

const BLEED: f32 = 3.0 * PT_PER_MM;
const SLUG: &str = "card.pdf · test";

fn print(doc: &LaidOut, imposition: Imposition) -> Vec<u8> {
    let options = PdfOptions {
        profile: Profile::Print(Print {
            bleed: BLEED,
            imposition,
            slug: SLUG.into(),
            ..Print::default()
        }),
        created: Timestamp(1_709_210_096),
    };
    write_pdf(doc, FontBook::bundled(), &options).unwrap()
}

fn pages(pdf: &Document) -> Vec<ObjectId> {
    pdf.get_pages().into_values().collect()
}

fn rect(pdf: &Document, page: ObjectId, key: &[u8]) -> [f32; 4] {
    let page = pdf.get_dictionary(page).unwrap();
    let values: Vec<f32> = get(pdf, page, key)
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_float().unwrap())
        .collect();
    values.try_into().unwrap()
}

fn operations(pdf: &Document, page: ObjectId) -> Vec<lopdf::content::Operation> {
    Content::decode(&pdf.get_page_content(page))
        .unwrap()
        .operations
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().map(|n| n.as_float().unwrap()).collect()
}

#[test]
fn every_page_has_trim_bleed_and_media_boxes() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    for page in pages(&pdf) {
        let [tx0, ty0, tx1, ty1] = rect(&pdf, page, b"TrimBox");
        let [bx0, by0, bx1, by1] = rect(&pdf, page, b"BleedBox");
        let [mx0, my0, mx1, my1] = rect(&pdf, page, b"MediaBox");
        // The trim is the finished A5 page.
        assert!((tx1 - tx0 - A5.width).abs() < 0.01 && (ty1 - ty0 - A5.height).abs() < 0.01);
        // The bleed is 3 mm around it on every side.
        for (bleed, trim) in [(bx0, tx0), (by0, ty0)] {
            assert!((trim - bleed - BLEED).abs() < 0.01);
        }
        for (bleed, trim) in [(bx1, tx1), (by1, ty1)] {
            assert!((bleed - trim - BLEED).abs() < 0.01);
        }
        // The media leaves at least 5 mm outside the bleed for the marks.
        assert_eq!((mx0, my0), (0.0, 0.0));
        assert!(bx0 - mx0 >= 5.0 * PT_PER_MM && by0 - my0 >= 5.0 * PT_PER_MM);
        assert!(mx1 - bx1 >= 5.0 * PT_PER_MM && my1 - by1 >= 5.0 * PT_PER_MM);
    }
}

/// The test booklet made up to a sheet of 4 as layout pads it, with a
/// blank page before its last.
fn whole_sheet() -> LaidOut {
    let mut doc = booklet();
    let blank = Page {
        size: doc.pages[0].size,
        label: "3".into(),
        items: vec![],
    };
    doc.pages.insert(2, blank);
    doc.pages[3].label = "4".into();
    doc
}

#[test]
fn every_laid_out_page_is_printed_and_a_blank_one_carries_only_marks() {
    // Padding is layout's: print adds no page.
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    assert_eq!(pages(&pdf).len(), 3);
    let pdf = parse(&print(&whole_sheet(), Imposition::Pages));
    let pages = pages(&pdf);
    assert_eq!(
        pages.len(),
        4,
        "the blank page of layout's padding is printed"
    );
    // The blank page carries only the marks: no picture, no text but the
    // slug, no fill but the colour bar's patches.
    let blank = operations(&pdf, pages[2]);
    assert!(!blank.iter().any(|op| op.operator == "Do"));
    assert_eq!(shown(&pdf)[2], format!("{SLUG} · 2024-02-29 · page 3 of 4"));
    let fills = blank.iter().filter(|op| op.operator == "f").count();
    assert!(fills >= 11, "the colour bar's patches");
    assert!(
        blank.iter().any(|op| op.operator == "S"),
        "marks are stroked"
    );
}

#[test]
fn all_colour_is_cmyk() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    for page in pages(&pdf) {
        for op in operations(&pdf, page) {
            assert!(
                !["rg", "RG", "g", "G", "sc", "SC"].contains(&op.operator.as_str()),
                "{} sets a colour that is not CMYK",
                op.operator
            );
        }
        // Named colour spaces are the registration colour: all inks, with a
        // CMYK alternative.
        let page = pdf.get_dictionary(page).unwrap();
        let resources = get(&pdf, page, b"Resources").as_dict().unwrap();
        if let Ok(spaces) = resources.get(b"ColorSpace") {
            for (_, space) in deref(&pdf, spaces).as_dict().unwrap() {
                let space = deref(&pdf, space).as_array().unwrap();
                assert_eq!(space[0].as_name().unwrap(), b"Separation");
                assert_eq!(space[1].as_name().unwrap(), b"All");
                assert_eq!(space[2].as_name().unwrap(), b"DeviceCMYK");
            }
        }
    }
    for dict in dictionaries(&pdf) {
        // The booklet's pictures are opaque: no soft mask in DeviceGray.
        if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
            assert_eq!(name(&pdf, dict, b"ColorSpace"), b"DeviceCMYK");
        }
        for bad in [&b"DeviceRGB"[..], b"DeviceGray", b"CalRGB", b"Lab"] {
            assert!(
                dict.iter().all(|(_, v)| v.as_name().ok() != Some(bad)),
                "{dict:?} uses {bad:?}"
            );
        }
    }
}

/// A page of text in dark colours at body and display sizes.
fn dark_text() -> LaidOut {
    let mut doc = booklet();
    let ink = Color {
        rgb: [31, 35, 40],
        cmyk: [0.0, 0.0, 0.0, 0.9],
    };
    let rich = Color {
        rgb: [0, 0, 0],
        cmyk: [0.6, 0.4, 0.4, 1.0],
    };
    let mut body = run(SERIF, 10.0, "Body text");
    body.fill = ink;
    let mut note = run(SERIF, 7.0, "A note");
    note.fill = rich;
    let mut title = run(SANS_BOLD, 34.0, "Title");
    title.fill = rich;
    doc.pages = vec![Page {
        size: A5,
        label: "1".into(),
        items: vec![
            text(40.0, 60.0, title, Role::Heading(1, Block(0))),
            text(40.0, 100.0, body, Role::Paragraph(Block(1))),
            text(40.0, 120.0, note, Role::Paragraph(Block(2))),
        ],
    }];
    doc.outline.clear();
    doc
}

#[test]
fn small_black_text_is_black_ink_alone() {
    let pdf = parse(&print(&dark_text(), Imposition::Pages));
    let mut fill = vec![];
    let mut text_fills = vec![];
    for op in operations(&pdf, pages(&pdf)[0]) {
        match op.operator.as_str() {
            "k" => fill = numbers(&op.operands),
            // The slug, in registration colour.
            "cs" => fill = vec![],
            "Tj" | "TJ" if !fill.is_empty() => text_fills.push(fill.clone()),
            _ => {}
        }
    }
    assert_eq!(
        text_fills,
        [
            // The 34 pt title keeps its rich black.
            vec![0.6, 0.4, 0.4, 1.0],
            // 10 pt body text in a 90% black and 7 pt text in a rich black
            // print in solid black ink.
            vec![0.0, 0.0, 0.0, 1.0],
            vec![0.0, 0.0, 0.0, 1.0],
        ]
        .map(|v| v
            .iter()
            .map(|c| (c * 255.0_f32).round() / 255.0)
            .collect::<Vec<f32>>())
    );
}

#[test]
fn backgrounds_at_the_edge_run_into_the_bleed() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    // The cover's background is filled from the bleed's corner, in the
    // page's own coordinates (the page is moved onto the sheet first).
    let mut fills = vec![];
    let mut path: Vec<Vec<f32>> = vec![];
    for op in operations(&pdf, pages(&pdf)[0]) {
        match op.operator.as_str() {
            "m" | "l" => path.push(numbers(&op.operands)),
            "f" => fills.push(bounds(&std::mem::take(&mut path))),
            "S" | "n" => path.clear(),
            _ => {}
        }
    }
    let grown = [-BLEED, -BLEED, A5.width + BLEED, A5.height + BLEED];
    assert!(
        fills
            .iter()
            .any(|f| f.iter().zip(grown).all(|(a, b)| (a - b).abs() < 0.01)),
        "no fill covers the bleed: {fills:?}"
    );
}

/// Left, top, right and bottom of a path's points.
fn bounds(points: &[Vec<f32>]) -> [f32; 4] {
    let xs = points.iter().map(|p| p[0]);
    let ys = points.iter().map(|p| p[1]);
    [
        xs.clone().fold(f32::INFINITY, f32::min),
        ys.clone().fold(f32::INFINITY, f32::min),
        xs.fold(f32::NEG_INFINITY, f32::max),
        ys.fold(f32::NEG_INFINITY, f32::max),
    ]
}

#[test]
fn the_output_intent_is_pdfx_with_an_embedded_cmyk_profile() {
    let bytes = print(&booklet(), Imposition::Pages);
    assert!(
        bytes.starts_with(b"%PDF-1.6"),
        "PDF/X-4 is based on PDF 1.6"
    );
    let pdf = parse(&bytes);
    let catalog = pdf.catalog().unwrap();
    let intents = get(&pdf, catalog, b"OutputIntents").as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = deref(&pdf, &intents[0]).as_dict().unwrap();
    assert_eq!(name(&pdf, intent, b"S"), b"GTS_PDFX");
    assert_eq!(
        string(&pdf, intent, b"OutputConditionIdentifier"),
        b"FOGRA39"
    );
    assert_eq!(
        string(&pdf, intent, b"RegistryName"),
        b"http://www.color.org"
    );
    let profile = get(&pdf, intent, b"DestOutputProfile").as_stream().unwrap();
    assert_eq!(int(&pdf, &profile.dict, b"N"), 4);
    let icc = profile.decompressed_content().unwrap();
    // An ICC output profile ('prtr') for CMYK data, in Lab.
    assert_eq!(&icc[12..24], b"prtrCMYKLab ");
    assert_eq!(
        icc,
        include_bytes!("../assets/folio-fogra39.icc"),
        "the committed profile"
    );
}

#[test]
fn info_and_xmp_identify_pdfx4_and_trapping() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    let info = get(&pdf, &pdf.trailer, b"Info").as_dict().unwrap();
    assert_eq!(string(&pdf, info, b"GTS_PDFXVersion"), b"PDF/X-4");
    assert_eq!(name(&pdf, info, b"Trapped"), b"False");
    assert_eq!(string(&pdf, info, b"Title"), b"Country Card");
    assert!(string(&pdf, info, b"CreationDate").starts_with(b"D:20240229"));
    assert!(string(&pdf, info, b"ModDate").starts_with(b"D:20240229"));
    let catalog = pdf.catalog().unwrap();
    let xmp = get(&pdf, catalog, b"Metadata").as_stream().unwrap();
    let xmp = String::from_utf8(xmp.content.clone()).unwrap();
    for property in [
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:DocumentID>",
        "<xmp:CreateDate>2024-02-29T12:34:56",
    ] {
        assert!(xmp.contains(property), "XMP lacks {property}: {xmp}");
    }
}

#[test]
fn pdfx_keys_are_an_incremental_update_of_krillas_file() {
    let bytes = print(&booklet(), Imposition::Pages);
    // krilla's file, then the update with its own cross-reference section.
    let ends: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i..].starts_with(b"%%EOF"))
        .collect();
    assert_eq!(ends.len(), 2);
    let first_end = ends[0] + "%%EOF".len();
    let original = parse(&bytes[..first_end]);
    assert!(original.catalog().unwrap().get(b"OutputIntents").is_err());
    // The update's trailer chains to krilla's cross-reference section.
    let text = |range: std::ops::Range<usize>| String::from_utf8_lossy(&bytes[range]).into_owned();
    let startxref = |end: usize| {
        let before = text(0..end);
        let at = before.rfind("startxref").unwrap();
        before[at + "startxref".len()..].trim().to_owned()
    };
    let update = text(first_end..bytes.len());
    assert!(
        update.contains(&format!("/Prev {}", startxref(ends[0]))),
        "{update}"
    );
    let updated = parse(&bytes);
    assert_eq!(updated.get_pages().len(), original.get_pages().len());
}

#[test]
fn fonts_are_embedded() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    let descriptors: Vec<&Dictionary> = dictionaries(&pdf)
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
        .collect();
    assert!(!descriptors.is_empty());
    assert!(
        descriptors
            .iter()
            .all(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
    );
}

#[test]
fn no_annotations_reach_the_printed_page() {
    let pdf = parse(&print(&booklet(), Imposition::Pages));
    for page in pages(&pdf) {
        assert!(!pdf.get_dictionary(page).unwrap().has(b"Annots"));
    }
}

#[test]
fn output_is_byte_identical_across_writes() {
    let doc = booklet();
    assert_eq!(
        print(&doc, Imposition::Pages),
        print(&doc, Imposition::Pages)
    );
    let doc = whole_sheet();
    assert_eq!(
        print(&doc, Imposition::SaddleStitch),
        print(&doc, Imposition::SaddleStitch)
    );
}

/// `count` pages, each showing its number.
fn numbered(count: usize) -> LaidOut {
    let mut doc = booklet();
    doc.pages = (1..=count)
        .map(|n| Page {
            size: A5,
            label: n.to_string(),
            items: vec![text(
                60.0,
                300.0,
                run(SANS_BOLD, 40.0, &format!("P{n}")),
                Role::Paragraph(Block(n as u32)),
            )],
        })
        .collect();
    doc.outline.clear();
    doc
}

/// The text shown on each PDF page, left to right, words joined by one
/// space.
fn shown(pdf: &Document) -> Vec<String> {
    (1..=pdf.get_pages().len() as u32)
        .map(|page| {
            pdf.extract_text(&[page])
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The page numbers shown on each PDF page, left to right, without the
/// slug.
fn shown_pages(pdf: &Document) -> Vec<String> {
    shown(pdf)
        .into_iter()
        .map(|text| text.split(SLUG).next().unwrap().trim().to_owned())
        .collect()
}

#[test]
fn saddle_spreads_of_eight_pages_are_in_folding_order() {
    let pdf = parse(&print(&numbered(8), Imposition::SaddleStitch));
    assert_eq!(shown_pages(&pdf), ["P8 P1", "P2 P7", "P6 P3", "P4 P5"]);
}

#[test]
fn saddle_spreads_of_sixteen_pages_are_in_folding_order() {
    let pdf = parse(&print(&numbered(16), Imposition::SaddleStitch));
    assert_eq!(
        shown_pages(&pdf),
        [
            "P16 P1", "P2 P15", "P14 P3", "P4 P13", "P12 P5", "P6 P11", "P10 P7", "P8 P9"
        ]
    );
}

#[test]
fn spreads_are_trimmed_to_two_pages() {
    let pdf = parse(&print(&numbered(8), Imposition::SaddleStitch));
    for page in pages(&pdf) {
        let [x0, _, x1, _] = rect(&pdf, page, b"TrimBox");
        assert!((x1 - x0 - 2.0 * A5.width).abs() < 0.01);
        let [bx0, _, bx1, _] = rect(&pdf, page, b"BleedBox");
        assert!((bx1 - bx0 - 2.0 * A5.width - 2.0 * BLEED).abs() < 0.01);
    }
    let catalog = pdf.catalog().unwrap();
    assert!(get(&pdf, catalog, b"OutputIntents").as_array().is_ok());
}

#[test]
fn spreads_of_a_booklet_that_is_not_whole_sheets_are_refused() {
    let options = PdfOptions {
        profile: Profile::Print(Print {
            bleed: BLEED,
            imposition: Imposition::SaddleStitch,
            ..Print::default()
        }),
        created: Timestamp::default(),
    };
    let error = write_pdf(&numbered(6), FontBook::bundled(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "a saddle-stitched booklet has a multiple of 4 pages, not 6 \
         (set sheet-pages = 4 under [binding] in theme.toml)"
    );
}

#[test]
fn a_negative_bleed_is_refused() {
    let options = PdfOptions {
        profile: Profile::Print(Print {
            bleed: -1.0,
            ..Print::default()
        }),
        created: Timestamp::default(),
    };
    let error = write_pdf(&booklet(), FontBook::bundled(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the bleed must be 0 or more points, not -1"
    );
}

#[test]
fn page_counts_follow_the_profile() {
    let print = |imposition| {
        Profile::Print(Print {
            bleed: BLEED,
            imposition,
            ..Print::default()
        })
    };
    assert_eq!(folio_pdf::page_count(13, &Profile::Screen), 13);
    assert_eq!(folio_pdf::page_count(13, &print(Imposition::Pages)), 13);
    assert_eq!(
        folio_pdf::page_count(16, &print(Imposition::SaddleStitch)),
        8
    );
}

/// What a page's content paints, in the sheet's coordinates (PDF user
/// space, y up).
#[derive(Debug, Default)]
struct Painted {
    /// Bounds (left, bottom, right, top) of each filled path.
    fills: Vec<[f32; 4]>,
    /// Bounds of each stroked path, and whether it has curves (a circle).
    strokes: Vec<([f32; 4], bool)>,
    /// Each text object: where its first glyph starts, its font size on
    /// paper, its fill colour's operator and operands, and whether it is
    /// painted in the overprinting graphics state.
    texts: Vec<Text>,
}

#[derive(Debug, Clone)]
struct Text {
    at: [f32; 2],
    size: f32,
    fill: (String, Vec<f32>),
    overprint: bool,
}

/// The graphics state `paint` tracks.
#[derive(Debug, Clone)]
struct Gs {
    ctm: [f32; 6],
    fill: (String, Vec<f32>),
    overprint: bool,
    font_size: f32,
}

fn concat(m: [f32; 6], n: [f32; 6]) -> [f32; 6] {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: [f32; 6], x: f32, y: f32) -> [f32; 2] {
    [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

/// Replays the content of `page`: which graphics states overprint comes
/// from its resources.
fn paint(pdf: &Document, page: ObjectId) -> Painted {
    let dict = pdf.get_dictionary(page).unwrap();
    let resources = get(pdf, dict, b"Resources").as_dict().unwrap();
    let overprinting: Vec<Vec<u8>> = match resources.get(b"ExtGState") {
        Ok(states) => deref(pdf, states)
            .as_dict()
            .unwrap()
            .iter()
            .filter(|(_, state)| {
                let state = deref(pdf, state).as_dict().unwrap();
                state.get(b"op").and_then(Object::as_bool).unwrap_or(false)
            })
            .map(|(name, _)| name.clone())
            .collect(),
        Err(_) => vec![],
    };
    let mut painted = Painted::default();
    let mut gs = Gs {
        ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        fill: (String::new(), vec![]),
        overprint: false,
        font_size: 0.0,
    };
    let mut stack = vec![];
    let mut path: Vec<[f32; 2]> = vec![];
    let mut curved = false;
    let mut text_matrix = None;
    let mut in_text: Option<Text> = None;
    let bounds = |points: &[[f32; 2]]| {
        let xs = points.iter().map(|p| p[0]);
        let ys = points.iter().map(|p| p[1]);
        [
            xs.clone().fold(f32::INFINITY, f32::min),
            ys.clone().fold(f32::INFINITY, f32::min),
            xs.fold(f32::NEG_INFINITY, f32::max),
            ys.fold(f32::NEG_INFINITY, f32::max),
        ]
    };
    for op in operations(pdf, page) {
        let n = || numbers(&op.operands);
        match op.operator.as_str() {
            "q" => stack.push(gs.clone()),
            "Q" => gs = stack.pop().unwrap(),
            "cm" => gs.ctm = concat(n().try_into().unwrap(), gs.ctm),
            "k" | "scn" => gs.fill = (op.operator.clone(), n()),
            "gs" => {
                let name = op.operands[0].as_name().unwrap();
                gs.overprint = overprinting.iter().any(|o| o == name);
            }
            "Tf" => gs.font_size = op.operands[1].as_float().unwrap(),
            "m" | "l" => path.push(apply(gs.ctm, n()[0], n()[1])),
            "c" => {
                curved = true;
                let v = n();
                path.push(apply(gs.ctm, v[4], v[5]));
            }
            "re" => {
                let v = n();
                path.push(apply(gs.ctm, v[0], v[1]));
                path.push(apply(gs.ctm, v[0] + v[2], v[1] + v[3]));
            }
            "f" | "f*" => {
                painted.fills.push(bounds(&path));
                path.clear();
                curved = false;
            }
            "S" => {
                painted.strokes.push((bounds(&path), curved));
                path.clear();
                curved = false;
            }
            "n" => {
                path.clear();
                curved = false;
            }
            "BT" => text_matrix = None,
            "Tm" => text_matrix = Some(<[f32; 6]>::try_from(n()).unwrap()),
            "Tj" | "TJ" if in_text.is_none() => {
                let tm = text_matrix.unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                let m = concat(tm, gs.ctm);
                let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
                in_text = Some(Text {
                    at: apply(m, 0.0, 0.0),
                    size: gs.font_size * scale,
                    fill: gs.fill.clone(),
                    overprint: gs.overprint,
                });
            }
            "ET" => painted.texts.extend(in_text.take()),
            _ => {}
        }
    }
    painted
}

fn outside(bounds: [f32; 4], rect: [f32; 4]) -> bool {
    let [l, b, r, t] = bounds;
    let [x0, y0, x1, y1] = rect;
    r < x0 || l > x1 || t < y0 || b > y1
}

#[test]
fn registration_targets_colour_bar_and_slug_stay_outside_the_bleed() {
    for (imposition, targets) in [(Imposition::Pages, 4), (Imposition::SaddleStitch, 6)] {
        let pdf = parse(&print(&numbered(8), imposition));
        let pages = pages(&pdf);
        // The last side: a page alone, or a spread of two pages.
        let page = *pages.last().unwrap();
        let bleed = rect(&pdf, page, b"BleedBox");
        let [mx0, my0, mx1, my1] = rect(&pdf, page, b"MediaBox");
        let painted = paint(&pdf, page);
        // A target is two circles.
        let circles = painted.strokes.iter().filter(|(_, curved)| *curved);
        assert_eq!(circles.count(), 2 * targets, "{imposition:?}");
        let slug = painted
            .texts
            .iter()
            .filter(|t| t.size < 7.0)
            .collect::<Vec<_>>();
        assert_eq!(slug.len(), 1, "one slug line");
        assert_eq!(slug[0].fill.0, "scn", "in registration colour");
        let marks = painted
            .fills
            .iter()
            .chain(painted.strokes.iter().map(|(b, _)| b))
            .copied()
            .chain(slug.iter().map(|t| [t.at[0], t.at[1], t.at[0], t.at[1]]));
        for mark in marks {
            // Blank pages draw nothing on the page: every mark is outside
            // the bleed, on the media. Spreads' page content is at x > 0 of
            // the bleed's width, only marks reach outside it.
            if imposition == Imposition::Pages || outside(mark, bleed) {
                assert!(outside(mark, bleed), "{mark:?} is in the bleed {bleed:?}");
                let [l, b, r, t] = mark;
                assert!(
                    l >= mx0 && b >= my0 && r <= mx1 && t <= my1,
                    "{mark:?} is off the media"
                );
            }
        }
        // The colour bar: at least the eleven standard patches, above the
        // bleed.
        let above = painted.fills.iter().filter(|f| f[1] > bleed[3]).count();
        assert!(above >= 11, "{imposition:?}: {above} patches");
    }
}

/// A page of black text at small and display sizes, and coloured text.
fn overprint_candidates() -> LaidOut {
    let mut doc = dark_text();
    let black = Color {
        rgb: [0, 0, 0],
        cmyk: [0.0, 0.0, 0.0, 1.0],
    };
    let accent = Color {
        rgb: [11, 79, 92],
        cmyk: [0.9, 0.4, 0.4, 0.4],
    };
    let mut display = run(SANS_BOLD, 30.0, "Display");
    display.fill = black;
    let mut coloured = run(SERIF, 9.0, "Accent");
    coloured.fill = accent;
    doc.pages[0].items.extend([
        text(40.0, 200.0, display, Role::Paragraph(Block(3))),
        text(40.0, 240.0, coloured, Role::Paragraph(Block(4))),
    ]);
    doc
}

#[test]
fn black_text_below_24_pt_overprints() {
    let pdf = parse(&print(&overprint_candidates(), Imposition::Pages));
    let page = pages(&pdf)[0];
    let texts: Vec<(f32, bool)> = paint(&pdf, page)
        .texts
        .iter()
        .map(|t| ((t.size * 10.0).round() / 10.0, t.overprint))
        .collect();
    assert_eq!(
        texts,
        [
            // The 34 pt title in a rich black knocks out.
            (34.0, false),
            // 10 pt and 7 pt text in black ink alone overprint.
            (10.0, true),
            (7.0, true),
            // 30 pt solid black is display type: it knocks out.
            (30.0, false),
            // Coloured type knocks out.
            (9.0, false),
            // The slug is a mark, in registration colour.
            (6.5, false),
        ]
    );
    // The state overprints fills in the nonzero mode, so black leaves the
    // other plates as they are.
    let dict = pdf.get_dictionary(page).unwrap();
    let resources = get(&pdf, dict, b"Resources").as_dict().unwrap();
    let states = deref(&pdf, resources.get(b"ExtGState").unwrap())
        .as_dict()
        .unwrap();
    let state = deref(&pdf, states.get(b"FolioOverprint").unwrap())
        .as_dict()
        .unwrap();
    assert!(state.get(b"OP").unwrap().as_bool().unwrap());
    assert!(state.get(b"op").unwrap().as_bool().unwrap());
    assert_eq!(int(&pdf, state, b"OPM"), 1);
    assert_eq!(name(&pdf, state, b"Type"), b"ExtGState");
}

#[test]
fn creep_moves_inner_sheets_toward_the_fold() {
    const CREEP: f32 = 0.2 * PT_PER_MM;
    let doc = numbered(16);
    let imposed = |creep| {
        let options = PdfOptions {
            profile: Profile::Print(Print {
                bleed: BLEED,
                imposition: Imposition::SaddleStitch,
                creep,
                slug: SLUG.into(),
            }),
            created: Timestamp(1_709_210_096),
        };
        parse(&write_pdf(&doc, FontBook::bundled(), &options).unwrap())
    };
    let (plain, crept) = (imposed(0.0), imposed(CREEP));
    let (plain_pages, crept_pages) = (pages(&plain), pages(&crept));
    for (side, (&plain_side, &crept_side)) in plain_pages.iter().zip(&crept_pages).enumerate() {
        let starts = |pdf: &Document, page| -> Vec<f32> {
            paint(pdf, page).texts.iter().map(|t| t.at[0]).collect()
        };
        let moved: Vec<f32> = starts(&plain, plain_side)
            .iter()
            .zip(starts(&crept, crept_side))
            .map(|(before, after)| after - before)
            .collect();
        // The left page moves right and the right page left, each by one
        // thickness per sheet outside theirs; the slug stays.
        let shift = (side / 2) as f32 * CREEP;
        let expected = [shift, -shift, 0.0];
        assert!(
            moved
                .iter()
                .zip(expected)
                .all(|(m, e)| (m - e).abs() < 0.01),
            "side {side}: moved {moved:?}, expected {expected:?}"
        );
        // The trim, and with it the crop and fold marks, stays.
        assert_eq!(
            rect(&plain, plain_side, b"TrimBox"),
            rect(&crept, crept_side, b"TrimBox")
        );
        let strokes = |pdf: &Document, page| paint(pdf, page).strokes;
        assert_eq!(
            format!("{:?}", strokes(&plain, plain_side)),
            format!("{:?}", strokes(&crept, crept_side))
        );
    }
}

#[test]
fn a_negative_creep_is_refused() {
    let options = PdfOptions {
        profile: Profile::Print(Print {
            creep: -0.1,
            ..Print::default()
        }),
        created: Timestamp::default(),
    };
    let error = write_pdf(&booklet(), FontBook::bundled(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the creep must be 0 or more points per sheet, not -0.1"
    );
}

#[test]
fn overprinting_only_wraps_text_objects() {
    let bytes = print(&overprint_candidates(), Imposition::Pages);
    // krilla's file is the first revision: the update's content must be the
    // same operations with `q /FolioOverprint gs … Q` around some BT … ET.
    let end = (0..bytes.len())
        .find(|&i| bytes[i..].starts_with(b"%%EOF"))
        .unwrap();
    let original = parse(&bytes[..end + "%%EOF".len()]);
    let updated = parse(&bytes);
    let (before, after) = (
        operations(&original, pages(&original)[0]),
        operations(&updated, pages(&updated)[0]),
    );
    let mut unwrapped = vec![];
    let mut i = 0;
    while i < after.len() {
        let wraps = after[i].operator == "q"
            && after.get(i + 1).is_some_and(|op| {
                op.operator == "gs" && op.operands[0].as_name().unwrap() == b"FolioOverprint"
            });
        if wraps {
            let et = i + after[i..]
                .iter()
                .position(|op| op.operator == "ET")
                .unwrap();
            assert_eq!(after[i + 2].operator, "BT");
            assert_eq!(after[et + 1].operator, "Q");
            unwrapped.extend_from_slice(&after[i + 2..=et]);
            i = et + 2;
        } else {
            unwrapped.push(after[i].clone());
            i += 1;
        }
    }
    assert_ne!(before.len(), after.len(), "some text overprints");
    assert_eq!(format!("{before:?}"), format!("{unwrapped:?}"));
}
