//! PDFs produced with krilla 0.8, the crate Folio writes with, so that the
//! read-back is proven against exactly the structures Folio will emit.

use krilla::Document;
use krilla::action::LinkAction;
use krilla::annotation::{LinkAnnotation, Target};
use krilla::destination::{NamedDestination, XyzDestination};
use krilla::geom::{Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph, TextDirection};

use crate::cmap::CMap;
use crate::objects::{as_dict, get, get_dict, stream_bytes};
use crate::{FontInfo, LinkTarget, OutlineEntry, PdfReadBack};

const NOTO_SERIF: &[u8] = include_bytes!("../../../fonts/NotoSerif-Regular.ttf");

const PAGE_WIDTH: f32 = 420.0;
const PAGE_HEIGHT: f32 = 595.0;
const SIZE: f32 = 12.0;

/// Lines drawn one `draw_text` call each, 20pt apart, on the first page.
const LINES: [&str; 6] = [
    "“Curly quotes” and ‘single’ ones, it’s true.",
    "Greek: Ὅμηρος ἄειδε θεά — αβγ ΩΜΕΓΑ",
    "Cyrillic: Привет, мир! Ёлка.",
    "The office’s coffee is affine and efficient.",
    "Superscripts¹²³ and x² + y² — done",
    "Double  spaces  stay double",
];

fn font() -> Font {
    Font::new(NOTO_SERIF.into(), 0).expect("Noto Serif loads")
}

fn line_y(line: usize) -> f32 {
    60.0 + 20.0 * line as f32
}

/// Two pages of text with links, a named destination, an outline and
/// metadata — everything Folio's booklets contain.
fn booklet() -> Vec<u8> {
    let font = font();
    let mut document = Document::new();
    let settings = || PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("valid page size");

    let mut page = document.start_page_with(settings());
    let mut surface = page.surface();
    for (i, line) in LINES.iter().enumerate() {
        surface.draw_text(
            Point::from_xy(40.0, line_y(i)),
            font.clone(),
            SIZE,
            line,
            false,
            TextDirection::Auto,
        );
    }
    // Words placed apart without a space glyph between them, as a justifying
    // layout might draw them.
    let y = line_y(LINES.len());
    for (x, word) in [(40.0, "separately"), (140.0, "drawn"), (200.0, "words")] {
        surface.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            SIZE,
            word,
            false,
            TextDirection::Auto,
        );
    }
    surface.finish();
    let link_rect =
        |line: usize| Rect::from_xywh(40.0, line_y(line) - SIZE, 200.0, SIZE + 4.0).expect("rect");
    page.add_annotation(
        LinkAnnotation::new(
            link_rect(0),
            Target::Destination(XyzDestination::new(1, Point::from_xy(0.0, 50.0)).into()),
        )
        .into(),
    );
    page.add_annotation(
        LinkAnnotation::new(
            link_rect(1),
            Target::Destination(
                NamedDestination::new(
                    "chapter-2".to_string(),
                    XyzDestination::new(1, Point::from_xy(0.0, 100.0)),
                )
                .into(),
            ),
        )
        .into(),
    );
    page.add_annotation(
        LinkAnnotation::new(
            link_rect(2),
            Target::Action(LinkAction::new("https://example.org/folio?a=1&b=ü".to_string()).into()),
        )
        .into(),
    );
    page.finish();

    let mut page = document.start_page_with(settings());
    let mut surface = page.surface();
    surface.draw_text(
        Point::from_xy(40.0, 60.0),
        font.clone(),
        18.0,
        "Chapter 2",
        false,
        TextDirection::Auto,
    );
    surface.draw_text(
        Point::from_xy(40.0, 100.0),
        font.clone(),
        SIZE,
        "Back to the start.",
        false,
        TextDirection::Auto,
    );
    surface.finish();
    page.add_annotation(
        LinkAnnotation::new(
            Rect::from_xywh(40.0, 88.0, 100.0, 16.0).expect("rect"),
            Target::Action(krilla::action::Action::Goto(
                XyzDestination::new(0, Point::from_xy(0.0, 0.0)).into(),
            )),
        )
        .into(),
    );
    page.finish();

    let mut outline = Outline::new();
    let mut chapter_1 = OutlineNode::new(
        "Chapter 1 — “Openings”".to_string(),
        XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    );
    chapter_1.push_child(OutlineNode::new(
        "Section 1.1".to_string(),
        XyzDestination::new(0, Point::from_xy(0.0, line_y(3))),
    ));
    outline.push_child(chapter_1);
    outline.push_child(OutlineNode::new(
        "Chapter 2".to_string(),
        XyzDestination::new(1, Point::from_xy(0.0, 50.0)),
    ));
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title("Folio read-back: ünïcode title".to_string())
            .language("en-GB".to_string()),
    );
    document.finish().expect("krilla writes the booklet")
}

#[test]
fn text_comes_back_line_by_line_with_non_ascii_intact() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    assert_eq!(pdf.page_count(), 2);
    let expected_first_page = [
        "“Curly quotes” and ‘single’ ones, it’s true.",
        "Greek: Ὅμηρος ἄειδε θεά — αβγ ΩΜΕΓΑ",
        "Cyrillic: Привет, мир! Ёлка.",
        "The office’s coffee is affine and efficient.",
        "Superscripts¹²³ and x² + y² — done",
        "Double  spaces  stay double",
        "separately drawn words",
    ]
    .join("\n");
    assert_eq!(pdf.page_text(0), expected_first_page);
    assert_eq!(pdf.page_text(1), "Chapter 2\nBack to the start.");
    assert_eq!(
        pdf.text(),
        format!("{expected_first_page}\nChapter 2\nBack to the start.")
    );
}

#[test]
fn ligatures_are_written_as_single_glyphs_and_read_back_as_letters() {
    let bytes = booklet();
    let pdf = PdfReadBack::parse(&bytes).expect("parses");
    // Guard against a vacuous pass: krilla must really have used ligature
    // glyphs, which it maps to several characters in /ToUnicode.
    let multi_char: Vec<String> = to_unicode_maps(&pdf)
        .iter()
        .flat_map(|cmap| cmap.char_mappings().map(str::to_owned).collect::<Vec<_>>())
        .filter(|text| text.chars().count() > 1)
        .collect();
    assert!(multi_char.iter().any(|t| t == "ffi"), "{multi_char:?}");
    assert!(
        pdf.page_text(0)
            .contains("office’s coffee is affine and efficient")
    );
}

fn to_unicode_maps(pdf: &PdfReadBack) -> Vec<CMap> {
    let doc = &pdf.doc;
    pdf.pages
        .iter()
        .filter_map(|&page| {
            let resources = crate::objects::inherited(doc, page, b"Resources").and_then(as_dict)?;
            let fonts = get_dict(doc, resources, b"Font")?;
            Some(
                fonts
                    .iter()
                    .filter_map(|(_, font)| {
                        let font = crate::objects::resolve(doc, font).and_then(as_dict)?;
                        match get(doc, font, b"ToUnicode")? {
                            lopdf::Object::Stream(stream) => {
                                Some(CMap::parse(&stream_bytes(stream)?))
                            }
                            _ => None,
                        }
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect()
}

#[test]
fn links_resolve_to_pages_named_destinations_and_uris() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    let links = pdf.links(0);
    let targets: Vec<&LinkTarget> = links.iter().map(|link| &link.target).collect();
    assert_eq!(
        targets,
        [
            &LinkTarget::Page {
                index: 1,
                y: Some(PAGE_HEIGHT - 50.0)
            },
            &LinkTarget::Page {
                index: 1,
                y: Some(PAGE_HEIGHT - 100.0)
            },
            &LinkTarget::Uri("https://example.org/folio?a=1&b=ü".to_string()),
        ]
    );
    // krilla's rectangles are top-down; the PDF's are bottom-up.
    let top = PAGE_HEIGHT - (line_y(0) - SIZE);
    assert_eq!(links[0].rect, [40.0, top - (SIZE + 4.0), 240.0, top]);

    assert_eq!(
        pdf.links(1).iter().map(|l| &l.target).collect::<Vec<_>>(),
        [&LinkTarget::Page {
            index: 0,
            y: Some(PAGE_HEIGHT)
        }]
    );
}

#[test]
fn fonts_are_embedded_subsets() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    let fonts = pdf.fonts();
    assert_eq!(fonts.len(), 1, "{fonts:?}");
    let FontInfo {
        base_font,
        subtype,
        embedded,
        subset,
    } = &fonts[0];
    assert!(base_font.ends_with("+NotoSerif-Regular"), "{base_font}");
    assert_eq!(subtype, "Type0");
    assert!(embedded);
    assert!(subset);
}

#[test]
fn outline_is_flattened_with_depths_and_pages() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    let entry = |depth, title: &str, page| OutlineEntry {
        depth,
        title: title.to_string(),
        page: Some(page),
    };
    assert_eq!(
        pdf.outline(),
        [
            entry(0, "Chapter 1 — “Openings”", 0),
            entry(1, "Section 1.1", 0),
            entry(0, "Chapter 2", 1),
        ]
    );
}

#[test]
fn metadata_title_language_and_page_size() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    assert_eq!(
        pdf.title().as_deref(),
        Some("Folio read-back: ünïcode title")
    );
    assert_eq!(pdf.lang().as_deref(), Some("en-GB"));
    assert!(!pdf.has_page_labels());
    assert_eq!(pdf.page_size(1), Some([PAGE_WIDTH, PAGE_HEIGHT]));
}

/// Shapes `text` one glyph per char with the font's own advances, as a
/// layout engine without kerning would, so that runs can be placed exactly.
fn glyph_run(text: &str, y_offsets: &[f32]) -> (Vec<KrillaGlyph>, f32) {
    let face = ttf_parser::Face::parse(NOTO_SERIF, 0).expect("Noto Serif parses");
    let units_per_em = f32::from(face.units_per_em());
    let mut width = 0.0;
    let glyphs = text
        .char_indices()
        .enumerate()
        .map(|(i, (at, c))| {
            let glyph = face
                .glyph_index(c)
                .expect("Noto Serif covers the test text");
            let advance = f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) / units_per_em;
            width += advance * SIZE;
            let y_offset = y_offsets.get(i).copied().unwrap_or(0.0);
            KrillaGlyph::new(
                GlyphId::new(glyph.0.into()),
                advance,
                0.0,
                y_offset,
                0.0,
                at..at + c.len_utf8(),
                None,
            )
        })
        .collect();
    (glyphs, width)
}

/// Glyph runs placed by hand: runs that abut must not gain a space, a
/// raised glyph must not start a new line, and one glyph standing for two
/// different texts forces krilla to fall back to `/ActualText`.
#[test]
fn glyph_positions_and_actual_text() {
    let font = font();
    let mut document = Document::new();
    let mut page =
        document.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("size"));
    let mut surface = page.surface();
    let mut draw = |x: f32, y: f32, (glyphs, width): (Vec<KrillaGlyph>, f32), text: &str| {
        surface.draw_glyphs(
            Point::from_xy(x, y),
            &glyphs,
            font.clone(),
            text,
            SIZE,
            false,
        );
        x + width
    };
    // "bar" starts exactly where "foo" ends.
    let end = draw(40.0, 100.0, glyph_run("foo", &[]), "foo");
    draw(end, 100.0, glyph_run("bar", &[]), "bar");
    // The 2 raised by a third of an em (krilla's y offsets point up, as in
    // HarfBuzz), then y back on the baseline.
    draw(40.0, 130.0, glyph_run("x2y", &[0.0, 0.33, 0.0]), "x2y");
    // The glyph for "A" drawn a second time claiming to be "Å": /ToUnicode
    // already maps it to "A", so krilla must use /ActualText.
    let end = draw(40.0, 160.0, glyph_run("A", &[]), "A");
    let (mut a_glyph, width) = glyph_run("A", &[]);
    a_glyph[0].text_range = 0.."Å".len();
    draw(end + SIZE, 160.0, (a_glyph, width), "Å");
    surface.finish();
    page.finish();
    let bytes = document.finish().expect("krilla writes the page");

    let pdf = PdfReadBack::parse(&bytes).expect("parses");
    assert_eq!(pdf.page_text(0), "foobar\nx2y\nA Å");
    let content = page_content_text(&pdf);
    assert!(
        content.contains("/ActualText"),
        "krilla no longer needs ActualText here:\n{content}"
    );
}

/// Right-to-left text is drawn left to right, its glyphs last character
/// first; krilla marks such runs `/ReversedChars` (one span per word), and
/// the read-back gives the characters in reading order.
#[test]
fn reversed_glyphs_read_back_in_reading_order() {
    let font = font();
    let mut document = Document::new();
    let mut page =
        document.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("size"));
    let mut surface = page.surface();
    let text = "abc def";
    let (mut glyphs, _) = glyph_run(text, &[]);
    glyphs.reverse();
    surface.draw_glyphs(
        Point::from_xy(40.0, 100.0),
        &glyphs,
        font,
        text,
        SIZE,
        false,
    );
    surface.finish();
    page.finish();
    let bytes = document.finish().expect("krilla writes the page");

    let pdf = PdfReadBack::parse(&bytes).expect("parses");
    assert!(page_content_text(&pdf).contains("/ReversedChars"));
    assert_eq!(pdf.page_text(0), text);
}

fn page_content_text(pdf: &PdfReadBack) -> String {
    let page = pdf.doc.get_dictionary(pdf.pages[0]).expect("page");
    String::from_utf8_lossy(&crate::text::page_content(&pdf.doc, page)).into_owned()
}

#[test]
#[ignore = "prints krilla's content stream, for studying how it positions text"]
fn dump_krilla_content_stream() {
    let pdf = PdfReadBack::parse(&booklet()).expect("parses");
    println!("{}", page_content_text(&pdf));
}

/// PDF 2.0 deprecates `/Info`, so krilla writes the title only to XMP.
#[test]
fn pdf_2_title_comes_from_xmp() {
    let configuration = krilla::configure::ConfigurationBuilder::new()
        .with_version(krilla::configure::PdfVersion::Pdf20)
        .finish()
        .expect("PDF 2.0 configuration");
    let settings = krilla::SerializeSettings {
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    document.start_page().finish();
    document.set_metadata(Metadata::new().title("Tom & “Jerry” <2.0>".to_string()));
    let pdf =
        PdfReadBack::parse(&document.finish().expect("krilla writes PDF 2.0")).expect("parses");
    assert_eq!(
        pdf.info_string(b"Title"),
        None,
        "the test must exercise XMP"
    );
    assert_eq!(pdf.title().as_deref(), Some("Tom & “Jerry” <2.0>"));
}
