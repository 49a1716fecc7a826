//! A booklet started with `folio new` and built before its TODOs are
//! written says so on every page between the covers: the locale's draft
//! mark in the running footer, an artifact like the rest of the footer (the
//! accessible PDF still validates, or it would not have been written). A
//! finished booklet carries no mark.

mod common;

use std::fs;

use common::{copy_dir, repo};
use folio::{Edition, Folio};
use folio_tests::PdfReadBack;

/// The draft mark of the locale file of `lang`.
fn mark(lang: &str) -> String {
    let path = repo().join(format!("data/locales/{lang}.toml"));
    let locale: toml::Table = fs::read_to_string(path).unwrap().parse().unwrap();
    locale["draft-mark"].as_str().unwrap().to_owned()
}

fn artifacts(pdf: &PdfReadBack, page: usize) -> String {
    pdf.marked_content(page)
        .iter()
        .filter(|m| m.tag == "Artifact")
        .map(|m| m.text.as_str())
        .collect()
}

#[test]
fn a_draft_is_marked_on_every_page_between_the_covers_and_a_finished_booklet_is_not() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&repo().join("data"), &data);
    let new = folio::new_country(&data, "Japan").expect("Japan is in the dataset");
    new.write().unwrap();
    let folio = Folio::open(&data).expect("a new country file loads");
    let read = |edition: &Edition| {
        let rendered = folio.render(edition).expect("a draft builds");
        PdfReadBack::parse(&rendered.pdf).unwrap()
    };

    for lang in ["en", "fr"] {
        let mark = mark(lang);
        let draft = read(&Edition::in_language(&new.id, lang));
        assert!(
            !artifacts(&draft, 0).contains(&mark),
            "the cover has no footer"
        );
        let back_cover = draft.page_count() - 1;
        assert!(
            !artifacts(&draft, back_cover).contains(&mark),
            "the back cover has no footer"
        );
        for page in 1..back_cover {
            assert!(
                artifacts(&draft, page).contains(&mark),
                "{lang}, page {}: no {mark} in the footer",
                page + 1
            );
        }
        let tree = draft.structure().expect("the draft is tagged");
        assert!(
            tree.iter().all(|element| !element.text().contains(&mark)),
            "the mark is no content of the structure tree"
        );
    }

    let finished = read(&Edition::new("usa"));
    assert!(!finished.text().contains(&mark("en")));
}
