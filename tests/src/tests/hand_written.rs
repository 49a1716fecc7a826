//! PDFs assembled object by object with lopdf, covering producer habits that
//! krilla does not exhibit but that the read-back promises to handle: simple
//! WinAnsi fonts, `bfrange` maps, Type3 fonts, form XObjects, `/Properties`
//! ActualText, nested page trees and every form of named destination.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

use crate::{FontInfo, LinkTarget, OutlineEntry, PdfReadBack};

/// Hex-string helper: `hex("0041")` is the PDF string `<0041>`.
fn hex(digits: &str) -> Object {
    let digits: Vec<u8> = digits.bytes().filter(u8::is_ascii_hexdigit).collect();
    let bytes = digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).expect("ascii"), 16).expect("hex"))
        .collect();
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn literal(text: &str) -> Object {
    Object::string_literal(text)
}

/// A Flate-compressed stream, as real producers write them (lopdf leaves
/// streams too short to benefit uncompressed).
fn compressed(dict: Dictionary, content: &str) -> Stream {
    let mut stream = Stream::new(dict, content.as_bytes().to_vec());
    stream.compress().expect("zlib");
    stream
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("lopdf writes the PDF");
    bytes
}

const TO_UNICODE: &str = "\
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test-UCS def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0001> <0048>
<0002> <D834DD1E>
<0003> <00660066>
endbfchar
2 beginbfrange
<0010> <0012> <0061>
<0020> <0022> [<03B1> <03B2> <D83DDE00>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

/// Page 1: a WinAnsi Helvetica, a Type0 font with a hand-written
/// `/ToUnicode`, a Type3 font, a form XObject and an ActualText span.
const PAGE_1: &str = "\
BT
/F1 12 Tf
14 TL
72 700 Td
(Hello ) Tj
[(W) 120 (orld) -400 (again)] TJ
T*
<93436166E994> Tj
(next) '
ET
BT
/F2 10 Tf
1 0 0 1 72 600 Tm
<000100100011001200020003> Tj
[<0020> -300 <00210022>] TJ
0 -14 Td
<0003> Tj
ET
BT
/F3 12 Tf
72 560 Td
(ABC) Tj
ET
q 1 0 0 1 0 -100 cm /Fm1 Do Q
/Span /P0 BDC
BT /F1 12 Tf 72 480 Td (xx) Tj ET
EMC";

const FORM: &str = "BT /F1 12 Tf 72 550 Td (in a form) Tj ET";

const PAGE_2: &str = "BT /F1 12 Tf 72 700 Td (Second page) Tj ET";

struct Fixture {
    bytes: Vec<u8>,
}

fn fixture() -> Fixture {
    let mut doc = Document::with_version("1.7");
    let root_pages = doc.new_object_id();
    let inner_pages = doc.new_object_id();
    let page_1 = doc.new_object_id();
    let page_2 = doc.new_object_id();

    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let to_unicode = doc.add_object(compressed(Dictionary::new(), TO_UNICODE));
    let font_file = doc.add_object(Stream::new(
        Dictionary::new(),
        b"not really a font".to_vec(),
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "ABCDEF+Test",
        "FontFile2" => font_file,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+Test",
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => vec![
            1.into(), vec![600.into(), 700.into(), 800.into()].into(),
            16.into(), 18.into(), 500.into(),
            32.into(), 34.into(), 550.into(),
        ],
    });
    let type0 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+Test",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    });
    let type3 = type3_font(&mut doc);
    let fonts = dictionary! { "F1" => helvetica, "F2" => type0, "F3" => type3 };
    let form = doc.add_object(compressed(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 420.into(), 595.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => helvetica } },
        },
        FORM,
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => fonts,
        "XObject" => dictionary! { "Fm1" => form },
        "Properties" => dictionary! { "P0" => dictionary! { "ActualText" => literal("replacement") } },
    });

    let content_1 = doc.add_object(compressed(Dictionary::new(), PAGE_1));
    let content_2 = doc.add_object(Stream::new(Dictionary::new(), PAGE_2.as_bytes().to_vec()));
    let annotations = annotations(&mut doc, page_1, page_2);
    doc.objects.insert(
        page_1,
        dictionary! { "Type" => "Page", "Parent" => inner_pages, "Contents" => vec![content_1.into()] }.into(),
    );
    doc.objects.insert(
        page_2,
        dictionary! {
            "Type" => "Page",
            "Parent" => root_pages,
            "Contents" => content_2,
            "MediaBox" => vec![0.into(), 0.into(), 420.into(), 595.into()],
            "Annots" => annotations,
        }
        .into(),
    );
    doc.objects.insert(
        inner_pages,
        dictionary! { "Type" => "Pages", "Parent" => root_pages, "Kids" => vec![page_1.into()], "Count" => 1 }
            .into(),
    );
    doc.objects.insert(
        root_pages,
        dictionary! {
            "Type" => "Pages",
            "Kids" => vec![inner_pages.into(), page_2.into()],
            "Count" => 2,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }
        .into(),
    );

    let names = name_tree(&mut doc, page_1, page_2);
    let outlines = outlines(&mut doc, page_1, page_2);
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => root_pages,
        "Names" => dictionary! { "Dests" => names },
        "Dests" => dictionary! {
            "OldName" => vec![page_1.into(), "XYZ".into(), 0.into(), 700.into(), Object::Null],
        },
        "Outlines" => outlines,
        "Lang" => literal("de-CH"),
        "PageLabels" => dictionary! { "Nums" => vec![0.into(), dictionary! { "S" => "r" }.into()] },
    });
    let info = doc.add_object(dictionary! { "Title" => hex("FEFF00DC0062006500720073") });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    Fixture {
        bytes: save(&mut doc),
    }
}

/// Glyphs 100 units wide in a 1/100 font matrix: half an em, like krilla's
/// Type3 fonts whose matrix is 1/unitsPerEm.
fn type3_font(doc: &mut Document) -> ObjectId {
    let glyph = doc.add_object(Stream::new(Dictionary::new(), b"50 0 d0".to_vec()));
    let to_unicode = doc.add_object(Stream::new(
        Dictionary::new(),
        b"begincmap 2 beginbfchar <41> <0051> <42> <0071> endbfchar endcmap".to_vec(),
    ));
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "Name" => "Glyphs3",
        "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        "FirstChar" => 65,
        "LastChar" => 67,
        "Widths" => vec![50.into(), 50.into(), 50.into()],
        "Encoding" => dictionary! {
            "Type" => "Encoding",
            "Differences" => vec![65.into(), "g1".into(), "g2".into(), "C".into()],
        },
        "CharProcs" => dictionary! { "g1" => glyph, "g2" => glyph, "C" => glyph },
        "ToUnicode" => to_unicode,
    })
}

/// A two-level `/Names /Dests` tree, to exercise the `/Kids` recursion.
fn name_tree(doc: &mut Document, page_1: ObjectId, page_2: ObjectId) -> ObjectId {
    let leaf_a = doc.add_object(dictionary! {
        "Limits" => vec![literal("aaa"), literal("aaa")],
        "Names" => vec![literal("aaa"), vec![page_2.into(), "Fit".into()].into()],
    });
    let deep_dest =
        doc.add_object(dictionary! { "D" => vec![page_1.into(), "FitH".into(), 500.into()] });
    let leaf_b = doc.add_object(dictionary! {
        "Limits" => vec![literal("bbb"), literal("deep")],
        "Names" => vec![
            literal("bbb"), vec![page_2.into(), "XYZ".into(), 1.into(), 2.into(), 0.into()].into(),
            literal("deep"), deep_dest.into(),
        ],
    });
    let middle = doc.add_object(dictionary! { "Kids" => vec![leaf_b.into()] });
    doc.add_object(dictionary! { "Kids" => vec![leaf_a.into(), middle.into()] })
}

fn annotations(doc: &mut Document, page_1: ObjectId, page_2: ObjectId) -> Vec<Object> {
    let link = |rect: [i64; 4], target: (&str, Object)| -> Object {
        let mut dict = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            "Rect" => rect.iter().map(|&v| v.into()).collect::<Vec<Object>>(),
        };
        dict.set(target.0, target.1);
        dict.into()
    };
    let goto = |dest: Object| dictionary! { "S" => "GoTo", "D" => dest }.into();
    let explicit = doc.add_object(vec![
        page_1.into(),
        "XYZ".into(),
        10.into(),
        650.5.into(),
        Object::Null,
    ]);
    let uri_action =
        doc.add_object(dictionary! { "S" => "URI", "URI" => literal("mailto:folio@example.org") });
    let annotations = vec![
        link([0, 0, 10, 10], ("Dest", explicit.into())),
        link([0, 0, 10, 10], ("Dest", "OldName".into())),
        link([0, 0, 10, 10], ("Dest", literal("deep"))),
        link([0, 0, 10, 10], ("A", goto(literal("aaa")))),
        link(
            [0, 0, 10, 10],
            (
                "A",
                goto(vec![page_2.into(), "XYZ".into(), Object::Null, Object::Null].into()),
            ),
        ),
        link([200, 100, 100, 50], ("A", uri_action.into())),
        dictionary! { "Type" => "Annot", "Subtype" => "Text", "Rect" => vec![0.into(); 4] }.into(),
        link(
            [0, 0, 10, 10],
            (
                "A",
                dictionary! { "S" => "Launch", "F" => literal("x.exe") }.into(),
            ),
        ),
        link([0, 0, 10, 10], ("Dest", literal("missing"))),
    ];
    annotations
        .into_iter()
        .map(|annotation| doc.add_object(annotation).into())
        .collect()
}

fn outlines(doc: &mut Document, page_1: ObjectId, page_2: ObjectId) -> ObjectId {
    let root = doc.new_object_id();
    let one = doc.new_object_id();
    let one_a = doc.new_object_id();
    let two = doc.new_object_id();
    doc.objects.insert(
        one,
        dictionary! {
            "Title" => literal("One"),
            "Parent" => root,
            "Dest" => vec![page_1.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null],
            "First" => one_a,
            "Last" => one_a,
            "Next" => two,
        }
        .into(),
    );
    doc.objects.insert(
        one_a,
        dictionary! {
            // UTF-16BE with BOM: "Ünï 𝄞"
            "Title" => hex("FEFF 00DC 006E 00EF 0020 D834 DD1E"),
            "Parent" => one,
            "A" => dictionary! { "S" => "GoTo", "D" => literal("deep") },
        }
        .into(),
    );
    doc.objects.insert(
        two,
        dictionary! { "Title" => literal("Two"), "Parent" => root, "Prev" => one, "Dest" => vec![page_2.into(), "Fit".into()] }
            .into(),
    );
    doc.objects.insert(
        root,
        dictionary! { "Type" => "Outlines", "First" => one, "Last" => two, "Count" => 3 }.into(),
    );
    root
}

#[test]
fn text_of_simple_composite_and_type3_fonts_forms_and_actual_text() {
    let pdf = PdfReadBack::parse(&fixture().bytes).expect("parses");
    assert_eq!(pdf.page_count(), 2);
    let content = pdf.doc.get_page_contents(pdf.pages[0]);
    let first_stream = pdf
        .doc
        .get_object(content[0])
        .and_then(Object::as_stream)
        .expect("stream");
    assert_eq!(
        first_stream.filters().expect("filter"),
        [b"FlateDecode"],
        "page 1 must exercise Flate"
    );
    assert_eq!(
        pdf.page_text(0),
        [
            // `120` tightens "W orld"; `-400` is a 0.4 em gap: a word space.
            "Hello World again",
            // WinAnsi 0x93/0x94 are curly double quotes, 0xE9 is é.
            "“Café”",
            "next",
            // bfchar, incrementing bfrange, surrogate pair, multi-char
            // target; then, continuing the line without a gap, an array
            // bfrange (with a surrogate pair) split by a 0.3 em TJ gap.
            "Habc𝄞ffα β😀",
            "ff",
            // Type3: /ToUnicode for A and B, the /Differences glyph name for C.
            "QqC",
            "in a form",
            "replacement",
        ]
        .join("\n")
    );
    assert_eq!(pdf.page_text(1), "Second page");
}

#[test]
fn links_resolve_every_kind_of_destination() {
    let pdf = PdfReadBack::parse(&fixture().bytes).expect("parses");
    let page = |index, y| LinkTarget::Page { index, y };
    let targets: Vec<LinkTarget> = pdf.links(1).into_iter().map(|link| link.target).collect();
    assert_eq!(
        targets,
        [
            page(0, Some(650.5)),
            page(0, Some(700.0)),
            page(0, Some(500.0)),
            page(1, None),
            page(1, None),
            LinkTarget::Uri("mailto:folio@example.org".into()),
            LinkTarget::Other("/Launch action".into()),
            LinkTarget::Other("unknown named destination \"missing\"".into()),
        ]
    );
    assert_eq!(pdf.links(1)[5].rect, [100.0, 50.0, 200.0, 100.0]);
    assert!(pdf.links(0).is_empty());
}

#[test]
fn outline_metadata_fonts_and_inherited_page_attributes() {
    let pdf = PdfReadBack::parse(&fixture().bytes).expect("parses");
    let entry = |depth, title: &str, page| OutlineEntry {
        depth,
        title: title.into(),
        page: Some(page),
    };
    assert_eq!(
        pdf.outline(),
        [entry(0, "One", 0), entry(1, "Ünï 𝄞", 0), entry(0, "Two", 1)]
    );
    assert_eq!(pdf.title().as_deref(), Some("Übers"));
    assert_eq!(pdf.lang().as_deref(), Some("de-CH"));
    assert!(pdf.has_page_labels());
    assert_eq!(pdf.page_size(0), Some([595.0, 842.0]));
    assert_eq!(pdf.page_size(1), Some([420.0, 595.0]));

    let font = |base_font: &str, subtype: &str, embedded, subset| FontInfo {
        base_font: base_font.into(),
        subtype: subtype.into(),
        embedded,
        subset,
    };
    assert_eq!(
        pdf.fonts(),
        [
            font("Helvetica", "Type1", false, false),
            font("ABCDEF+Test", "Type0", true, true),
            font("Glyphs3", "Type3", true, false),
        ]
    );
}
