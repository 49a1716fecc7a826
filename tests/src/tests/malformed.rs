//! Broken input must produce errors or degraded answers, never panics or
//! endless loops: a failing Folio test should say what is wrong.

use lopdf::{Document, Object, Stream, dictionary};

use crate::PdfReadBack;

#[test]
fn garbage_is_an_error() {
    for input in [
        &b""[..],
        b"%PDF-1.7\n",
        b"not a pdf at all",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog",
    ] {
        assert!(
            PdfReadBack::parse(input).is_err(),
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn truncated_files_never_panic() {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".to_vec(),
    ));
    let page =
        doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => content });
    doc.objects.insert(
        pages,
        dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }.into(),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");

    for cut in (0..bytes.len()).step_by(7) {
        if let Ok(pdf) = PdfReadBack::parse(&bytes[..cut]) {
            // Whatever survived must still be queryable.
            let _ = pdf.text();
            let _ = pdf.fonts();
            let _ = pdf.outline();
            for index in 0..pdf.page_count() {
                let _ = pdf.links(index);
            }
        }
    }
}

/// Cycles in the outline, a self-drawing form and a bogus font must all end.
#[test]
fn cyclic_structures_terminate() {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let form = doc.new_object_id();
    let item = doc.new_object_id();
    let outlines = doc.add_object(dictionary! { "First" => item });
    doc.objects.insert(
        item,
        dictionary! { "Title" => Object::string_literal("loop"), "Next" => item, "First" => item }
            .into(),
    );
    let resources = doc.add_object(dictionary! {
        "XObject" => dictionary! { "X" => form },
        "Font" => dictionary! { "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type0" } },
    });
    doc.objects.insert(
        form,
        Stream::new(
            dictionary! { "Subtype" => "Form", "Resources" => resources },
            b"/X Do BT /F1 10 Tf (ab) Tj ET".to_vec(),
        )
        .into(),
    );
    let content = doc.add_object(Stream::new(dictionary! {}, b"/X Do [(unclosed".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content, "Resources" => resources,
    });
    doc.objects.insert(
        pages,
        dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }.into(),
    );
    let catalog = doc
        .add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "Outlines" => outlines });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");

    let pdf = PdfReadBack::parse(&bytes).expect("parses");
    assert_eq!(pdf.outline().len(), 1);
    // The form draws once (its self-reference is cut); the font has no
    // /ToUnicode and no widths, so its one two-byte code is unmapped.
    assert_eq!(pdf.page_text(0), "\u{FFFD}");
    assert_eq!(pdf.fonts().len(), 1);
}

#[test]
#[should_panic(expected = "page index 3 out of range: the PDF has 0 pages")]
fn out_of_range_page_index_is_a_test_bug() {
    let mut doc = Document::with_version("1.7");
    let pages = doc.add_object(
        dictionary! { "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0 },
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saves");
    let pdf = PdfReadBack::parse(&bytes).expect("parses");
    pdf.page_text(3);
}
