//! The print edition of the USA booklet is what a printer accepts: every
//! page boxed for trimming with bleed, whole sheets ending with the back
//! cover, the PDF/X-4 output intent; and it is the same booklet as the
//! screen edition.

use std::path::PathBuf;
use std::sync::OnceLock;

mod common;

use common::{copy_dir, repo};
use folio::{Edition, Folio, Profile, Rendered};
use folio_tests::PdfReadBack;
use lopdf::{Document, Object};

fn folio() -> &'static Folio {
    static FOLIO: OnceLock<Folio> = OnceLock::new();
    FOLIO.get_or_init(|| {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
        Folio::open(&data).expect("the shipped data loads")
    })
}

fn print() -> &'static Rendered {
    static PRINT: OnceLock<Rendered> = OnceLock::new();
    PRINT.get_or_init(|| {
        let edition = Edition::new("usa").with_profile(Profile::Print {
            saddle_spreads: true,
        });
        folio().render(&edition).expect("the print edition renders")
    })
}

fn boxes(pdf: &Document, page: lopdf::ObjectId) -> [[f32; 4]; 3] {
    let page = pdf.get_dictionary(page).unwrap();
    [b"MediaBox".as_slice(), b"BleedBox", b"TrimBox"].map(|key| {
        let values: Vec<f32> = page
            .get(key)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        values.try_into().unwrap()
    })
}

#[test]
fn every_page_is_boxed_for_trimming_with_bleed() {
    let pdf = Document::load_mem(&print().pdf).unwrap();
    let bleed = folio().project().theme().page.bleed;
    assert!(bleed > 8.0, "3 mm");
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), print().pages);
    assert_eq!(pages.len() % 4, 0, "whole sheets for saddle stitching");
    for page in pages.into_values() {
        let [media, bleed_box, trim] = boxes(&pdf, page);
        for i in 0..2 {
            assert!((trim[i] - bleed_box[i] - bleed).abs() < 0.01);
            assert!((bleed_box[i + 2] - trim[i + 2] - bleed).abs() < 0.01);
            assert!(bleed_box[i] - media[i] > 14.0, "room for the marks");
            assert!(media[i + 2] - bleed_box[i + 2] > 14.0, "room for the marks");
        }
        // A4 trimmed.
        assert!((trim[2] - trim[0] - 595.28).abs() < 0.01);
        assert!((trim[3] - trim[1] - 841.89).abs() < 0.01);
    }
}

#[test]
fn it_is_pdfx4_with_a_cmyk_output_intent() {
    let pdf = Document::load_mem(&print().pdf).unwrap();
    assert_eq!(pdf.version, "1.6");
    let catalog = pdf.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = pdf.dereference(&intents[0]).unwrap().1.as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
    let profile = pdf
        .dereference(intent.get(b"DestOutputProfile").unwrap())
        .unwrap()
        .1
        .as_stream()
        .unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    let info = pdf
        .dereference(pdf.trailer.get(b"Info").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert_eq!(
        info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap(),
        b"PDF/X-4"
    );
    assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
    // No RGB anywhere: not in images, not as a colour space.
    for object in pdf.objects.values() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        for (_, value) in dict.iter() {
            assert_ne!(value.as_name().ok(), Some(&b"DeviceRGB"[..]));
        }
        if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
            let space = dict.get(b"ColorSpace").and_then(Object::as_name).unwrap();
            assert!(space == b"DeviceCMYK" || dict.has(b"SMaskInData") || space == b"DeviceGray");
        }
    }
}

#[test]
fn saddle_spreads_have_half_as_many_sides() {
    let spreads = PdfReadBack::parse(print().spreads.as_ref().expect("spreads")).unwrap();
    assert_eq!(spreads.page_count() * 2, print().pages);
    // The outer sheet's front: the back cover left of the fold, the cover
    // right of it.
    let text = spreads.page_text(0);
    let cover = text.find("COUNTRY PROGRESS CARD").expect("the cover");
    let back = text.find("A campaign by").expect("the back cover");
    assert!(back < cover, "{text}");
}

/// Asserts `page`'s text is the back cover's: who made the booklet and how
/// to reach them, none of the booklet's text and no page number.
fn is_the_back_cover(text: &str) {
    for line in ["A campaign by", "The Body Shop", "www.ecpat.org", "Bangkok"] {
        assert!(text.contains(line), "{line} on the back cover: {text}");
    }
    assert!(
        !text.contains("Ibid"),
        "no endnote on the back cover: {text}"
    );
    assert!(!text.contains("Page "), "no page number: {text}");
    assert!(!text.contains("ENDNOTES"), "{text}");
}

#[test]
fn the_booklet_is_whole_sheets_ending_with_the_back_cover() {
    let pdf = PdfReadBack::parse(&print().pdf).unwrap();
    let pages = pdf.page_count();
    assert_eq!(pages % 4, 0, "whole sheets for saddle stitching");
    is_the_back_cover(&pdf.page_text(pages - 1));
    // The endnotes end on the page before.
    assert!(pdf.page_text(pages - 2).contains("Ibid"));
    // Fitted into those sheets, and said so.
    let fitted = print().fitted.as_ref().expect("the USA content is fitted");
    assert_eq!(fitted.pages, pages);
    assert!(
        fitted.to_string().starts_with("fitted into 16 pages: "),
        "{fitted}"
    );
}

#[test]
fn padding_pages_sit_before_the_back_cover() {
    // The USA content runs a page past four sheets: with copyfitting
    // turned off, it takes a fifth, its three spare pages ruled for notes
    // before the back cover.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&repo().join("data"), &data);
    let theme = std::fs::read_to_string(data.join("theme.toml")).unwrap();
    let never = theme.replacen("max-overrun = 2", "max-overrun = 0", 1);
    assert_ne!(never, theme, "the theme fits up to two pages over");
    std::fs::write(data.join("theme.toml"), never).unwrap();
    let folio = Folio::open(&data).expect("the data loads with max-overrun = 0");
    let edition = Edition::new("usa").with_profile(Profile::Print {
        saddle_spreads: false,
    });
    let rendered = folio.render(&edition).expect("the print edition renders");
    assert_eq!(rendered.fitted, None);
    let pdf = PdfReadBack::parse(&rendered.pdf).unwrap();
    assert_eq!(pdf.page_count(), 20);
    assert!(
        pdf.page_text(15).contains("Ibid"),
        "the endnotes end on page 16"
    );
    for page in 16..19 {
        let text = pdf.page_text(page);
        assert!(text.contains("Notes"), "{text}");
        assert!(text.contains(&format!("Page {}", page + 1)), "{text}");
        assert!(!text.contains("Ibid"), "{text}");
    }
    is_the_back_cover(&pdf.page_text(19));
}

#[test]
fn print_and_screen_show_the_same_booklet() {
    let screen = folio()
        .render(&Edition::new("usa"))
        .expect("the screen edition renders");
    let screen = PdfReadBack::parse(&screen.pdf).unwrap();
    let print = PdfReadBack::parse(&print().pdf).unwrap();
    assert_eq!(screen.page_count(), print.page_count());
    for page in 0..screen.page_count() {
        // The screen edition's stars carry their text, "★", for readers.
        let text = screen.page_text(page).replace('★', "");
        assert_eq!(
            text,
            without_slug(&print.page_text(page)),
            "page {}",
            page + 1
        );
    }
    is_the_back_cover(&screen.page_text(screen.page_count() - 1));
}

/// The slug line each print page ends with, outside the trim, names the
/// file first.
const SLUG: &str = "usa-en-print.pdf · usa · en · print (PDF/X-4) · ";

/// A print page's text without the slug line drawn after the page (and
/// the line break before it).
fn without_slug(text: &str) -> &str {
    text.split(SLUG).next().unwrap_or(text).trim_end()
}

#[test]
fn the_slug_names_the_file_the_edition_the_date_and_the_page() {
    let pdf = PdfReadBack::parse(&print().pdf).unwrap();
    for page in 0..pdf.page_count() {
        let text = pdf.page_text(page);
        let slug = &text[text.find(SLUG).expect("a slug on every page")..];
        // The date is the build's (SOURCE_DATE_EPOCH), as ISO 8601 writes it.
        let date = &slug[SLUG.len()..][..10];
        assert!(
            date.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            }),
            "{slug}"
        );
        let end = format!(" · page {} of {}", page + 1, pdf.page_count());
        assert!(slug.trim_end().ends_with(&end), "{slug}");
    }
    let spreads = PdfReadBack::parse(print().spreads.as_ref().expect("spreads")).unwrap();
    assert!(
        spreads
            .page_text(0)
            .contains("usa-en-print-saddle.pdf · usa · en · print (PDF/X-4) · "),
        "{}",
        spreads.page_text(0)
    );
    assert!(spreads.page_text(3).contains("sheet 2 back, pages 4 | 13"));
}

/// Whether each text object of `page` is wrapped in the overprinting
/// graphics state, with its fill (the last `k` before it: Folio sets the
/// fill for every run) and font size.
fn text_objects(pdf: &Document, page: lopdf::ObjectId) -> Vec<(bool, Vec<f32>, f32)> {
    let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
    let ops = content.operations;
    let numbers = |op: &lopdf::content::Operation| -> Vec<f32> {
        op.operands.iter().map(|n| n.as_float().unwrap()).collect()
    };
    let mut fill = vec![];
    let mut objects = vec![];
    for (i, op) in ops.iter().enumerate() {
        match op.operator.as_str() {
            "k" => fill = numbers(op),
            "cs" => fill = vec![],
            "BT" => {
                let wrapped = i >= 2
                    && ops[i - 2].operator == "q"
                    && ops[i - 1].operator == "gs"
                    && ops[i - 1].operands[0].as_name().unwrap() == b"FolioOverprint";
                let size = ops[i..]
                    .iter()
                    .take_while(|op| op.operator != "ET")
                    .find(|op| op.operator == "Tf")
                    .map_or(0.0, |op| op.operands[1].as_float().unwrap());
                objects.push((wrapped, fill.clone(), size));
            }
            _ => {}
        }
    }
    objects
}

#[test]
fn black_text_below_24_pt_overprints_and_nothing_else_does() {
    let pdf = Document::load_mem(&print().pdf).unwrap();
    let mut overprinted = 0;
    for (number, page) in pdf.get_pages() {
        let objects = text_objects(&pdf, page);
        for (wrapped, fill, size) in &objects {
            let solid_black = fill == &[0.0, 0.0, 0.0, 1.0];
            assert_eq!(
                *wrapped,
                solid_black && *size < 24.0,
                "page {number}: {size} pt text in {fill:?}"
            );
        }
        let on_page = objects.iter().filter(|(wrapped, ..)| *wrapped).count();
        // Every page but the cover and the padding has body text.
        if (2..=15).contains(&number) {
            assert!(on_page > 0, "page {number} has no overprinting text");
        }
        overprinted += on_page;
    }
    assert!(overprinted > 100, "{overprinted} text objects overprint");
}
