//! `folio proof` as a reviewer uses it: page images and the contact sheet,
//! what changed since an approved PDF, and a translation beside its
//! original. Every check reads what the command wrote (the PNGs, its
//! stdout) and the PDFs it proofs.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, data_dir, folio};
use folio_tests::PdfReadBack;
use tempfile::TempDir;

/// Low enough to keep the tests quick, high enough for pages to hold ink.
const DPI: u32 = 40;

fn run(args: &[&str]) -> String {
    let output = folio().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "folio {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Builds `usa` from `data` into `out` and reads the PDF back.
fn build(data: &Path, out: &Path, extra: &[&str]) -> (PathBuf, PdfReadBack) {
    let mut args = vec!["build", "usa", "--data", path(data), "--out", path(out)];
    args.extend(extra);
    let stdout = run(&args);
    let pdf = PathBuf::from(stdout.lines().next().expect("build prints the PDF's path"));
    let read = PdfReadBack::parse(&fs::read(&pdf).unwrap()).unwrap();
    (pdf, read)
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Proofs `usa` with `extra` arguments; its stdout.
fn proof(data: &Path, out: &Path, extra: &[&str]) -> String {
    let dpi = DPI.to_string();
    let mut args = vec![
        "proof",
        "usa",
        "--data",
        path(data),
        "--out",
        path(out),
        "--dpi",
        &dpi,
    ];
    args.extend(extra);
    run(&args)
}

/// The page images of a proof folder, in page order.
fn page_images(folder: &Path) -> Vec<image::RgbaImage> {
    let mut names: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("page-")
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| image::open(name).unwrap().to_rgba8())
        .collect()
}

#[test]
fn proof_writes_a_sized_image_per_page_and_a_contact_sheet() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let (_, pdf) = build(&data_dir(), &out, &[]);
    let stdout = proof(&data_dir(), &out, &[]);

    let folder = out.join("proof/usa-en");
    let sheet = folder.join("contact-sheet.png");
    assert_eq!(stdout.lines().collect::<Vec<_>>(), [path(&sheet)]);
    let contact = image::open(&sheet).unwrap().to_rgba8();
    let pages = page_images(&folder);
    assert_eq!(pages.len(), pdf.page_count());
    for (index, page) in pages.iter().enumerate() {
        let [width, height] = pdf.page_size(index).unwrap();
        let pixels = |points: f32| (points * DPI as f32 / 72.0) as u32;
        assert_eq!(
            page.dimensions(),
            (pixels(width), pixels(height)),
            "page {}",
            index + 1
        );
    }
    // The contact sheet shows every page as a thumbnail: it is taller than
    // a page and wider than two.
    assert!(contact.height() > pages[0].height() && contact.width() > 2 * pages[0].width());

    // Page 3 is text: inside its text block (the middle of the page) many
    // pixels are ink, not paper.
    let page = &pages[2];
    let (w, h) = page.dimensions();
    let middle = (w / 5..4 * w / 5).flat_map(|x| (h / 5..4 * h / 5).map(move |y| (x, y)));
    let (mut ink, mut all) = (0, 0);
    for (x, y) in middle {
        all += 1;
        if page.get_pixel(x, y).0[..3].iter().any(|&c| c < 160) {
            ink += 1;
        }
    }
    assert!(
        ink * 20 > all,
        "page 3 looks blank: {ink} of {all} pixels are ink"
    );
}

/// What `folio proof --against` said of each page (1-based), from its
/// stdout lines "page 7: …" and "pages 8–16: …".
fn verdicts(stdout: &str) -> BTreeMap<usize, String> {
    let mut pages = BTreeMap::new();
    for line in stdout.lines() {
        let Some((which, what)) = line.split_once(": ") else {
            continue;
        };
        let range = if let Some(one) = which.strip_prefix("page ") {
            let one: usize = one.parse().unwrap();
            one..=one
        } else if let Some(run) = which.strip_prefix("pages ") {
            let (first, last) = run.split_once('–').unwrap();
            first.parse().unwrap()..=last.parse().unwrap()
        } else {
            continue;
        };
        for page in range {
            pages.insert(page, what.to_owned());
        }
    }
    pages
}

/// The 1-based pages whose text holds `word`.
fn pages_with(pdf: &PdfReadBack, word: &str) -> Vec<usize> {
    (0..pdf.page_count())
        .filter(|&i| pdf.page_text(i).contains(word))
        .map(|i| i + 1)
        .collect()
}

/// A copy of the data folder, the approved PDF built from it, and the
/// folder to write the new version's proof into.
fn approved(tmp: &TempDir) -> (PathBuf, PathBuf, PathBuf) {
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);
    let (pdf, _) = build(&data, &tmp.path().join("approved"), &[]);
    (data, pdf, tmp.path().join("out"))
}

fn edit_usa(data: &Path, from: &str, to: &str) {
    let file = data.join("countries/usa.toml");
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    fs::write(&file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn one_word_changed_marks_exactly_its_page() {
    let tmp = TempDir::new().unwrap();
    let (data, approved, out) = approved(&tmp);
    edit_usa(&data, "A Maryland man", "A Virginia man");
    let (_, new) = build(&data, &out, &[]);
    let stdout = proof(&data, &out, &["--against", path(&approved)]);

    let changed = pages_with(&new, "Virginia");
    assert_eq!(changed.len(), 1, "{changed:?}");
    let verdicts = verdicts(&stdout);
    assert_eq!(verdicts.len(), new.page_count(), "{stdout}");
    for (page, what) in &verdicts {
        if changed.contains(page) {
            assert_eq!(what, "text changed in one place", "page {page}");
        } else {
            assert_eq!(what, "unchanged", "page {page}: {stdout}");
        }
    }
    // The diff sheet outlines the change in magenta.
    let diff = image::open(out.join("proof/usa-en/diff-sheet.png"))
        .unwrap()
        .to_rgba8();
    assert!(diff.pixels().any(|p| p.0 == [226, 0, 122, 255]));
}

#[test]
fn a_paragraph_inserted_in_section_3_moves_the_pages_after_it() {
    let tmp = TempDir::new().unwrap();
    let (data, approved, out) = approved(&tmp);
    let old = PdfReadBack::parse(&fs::read(&approved).unwrap()).unwrap();
    // Two paragraphs, long enough to push the rest of the section over
    // the end of its page.
    let paragraph = "Zanzibar inserted paragraph: reviewers must find these words \
        on the page where they were added, and only there. "
        .repeat(12);
    let paragraph = paragraph.trim_end();
    edit_usa(
        &data,
        "paragraphs = [\n  \"The United States of America is",
        &format!(
            "paragraphs = [\n  \"{paragraph}\",\n  \"{paragraph}\",\n  \"The United States of America is"
        ),
    );
    let (_, new) = build(&data, &out, &[]);
    let stdout = proof(&data, &out, &["--against", path(&approved)]);
    let verdicts = verdicts(&stdout);

    let section_3 = |pdf: &PdfReadBack| {
        pdf.outline()
            .into_iter()
            .find(|entry| entry.title.starts_with("3."))
            .and_then(|entry| entry.page)
            .expect("section 3 is in the outline")
            + 1
    };
    assert_eq!(section_3(&new), section_3(&old), "the edit is in section 3");
    let added = pages_with(&new, "Zanzibar");
    let last_added = *added.last().unwrap();
    assert!(added[0] >= section_3(&new), "{added:?}");
    for page in &added {
        assert!(
            verdicts[page].starts_with("text changed"),
            "page {page}: {stdout}"
        );
    }
    // Before section 3 nothing changed but the contents' page numbers;
    // after the new paragraphs every page holds the same words as before,
    // further down: moved, not changed. Pages the old version did not
    // have and that hold no text (the padding before the back cover) are
    // new drawings.
    assert!(last_added < new.page_count(), "pages follow the new text");
    for (page, what) in &verdicts {
        if *page > last_added {
            assert!(
                what.starts_with("moved")
                    || (what == "drawing changed" && *page > old.page_count()),
                "page {page}: {stdout}"
            );
        } else if *page < section_3(&new) && !added.contains(page) {
            assert!(
                what == "unchanged"
                    || what.ends_with("number changed")
                    || what.ends_with("numbers changed"),
                "page {page}: {stdout}"
            );
        }
    }
    assert!(verdicts.len() >= new.page_count());
}

#[test]
fn a_translation_is_paired_with_the_pages_of_the_same_content() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let (_, en) = build(&data_dir(), &out, &[]);
    let (_, fr) = build(&data_dir(), &out, &["--lang", "fr"]);
    let stdout = proof(&data_dir(), &out, &["--lang", "fr", "--beside", "en"]);

    // "page 5: beside en pages 5–6"
    let mut pairs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for line in stdout.lines() {
        let Some((page, beside)) = line.split_once(": beside en page") else {
            continue;
        };
        let page: usize = page.strip_prefix("page ").unwrap().parse().unwrap();
        let beside = beside.trim_start_matches('s').trim();
        let en_pages = match beside.split_once('–') {
            Some((first, last)) => (first.parse().unwrap()..=last.parse().unwrap()).collect(),
            None => vec![beside.parse().unwrap()],
        };
        pairs.insert(page, en_pages);
    }
    assert_eq!(pairs.len(), fr.page_count(), "{stdout}");

    // Each numbered section's heading: the page it lands on in French is
    // paired with the page it lands on in English.
    let openings = |pdf: &PdfReadBack| -> Vec<usize> {
        pdf.outline()
            .into_iter()
            .filter(|entry| {
                entry
                    .title
                    .split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            })
            .map(|entry| entry.page.unwrap() + 1)
            .collect()
    };
    let (fr_openings, en_openings) = (openings(&fr), openings(&en));
    assert_eq!(fr_openings.len(), 7);
    assert_eq!(fr_openings.len(), en_openings.len());
    for (fr_page, en_page) in fr_openings.iter().zip(&en_openings) {
        assert!(
            pairs[fr_page].contains(en_page),
            "fr page {fr_page} should be beside en page {en_page}: {:?}",
            pairs[fr_page]
        );
    }
    let sheets = fs::read_dir(out.join("proof/usa-fr"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_str()
                .unwrap()
                .starts_with("beside-en-")
        })
        .count();
    assert_eq!(sheets, fr.page_count() / 2 + 1, "one sheet per spread");
}

/// Where the dark pixels of a contact sheet's first row of thumbnails are,
/// across the sheet: 0 at its left edge, 1 at its right.
fn dark_across_first_row(sheet: &image::RgbaImage) -> f64 {
    let (w, h) = sheet.dimensions();
    let (mut sum, mut count) = (0.0, 0.0);
    // Below the title, within the first row's thumbnails.
    for y in h * 6 / 100..h * 15 / 100 {
        for x in 0..w {
            let [r, g, b, _] = sheet.get_pixel(x, y).0;
            if u32::from(r) + u32::from(g) + u32::from(b) < 240 {
                sum += f64::from(x);
                count += 1.0;
            }
        }
    }
    sum / count / f64::from(w)
}

#[test]
fn a_right_to_left_print_edition_shows_its_marks_and_reads_from_the_right() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("out");
    let (_, print) = build(&data_dir(), &out, &["--lang", "ar", "--profile", "print"]);
    proof(&data_dir(), &out, &["--lang", "ar", "--profile", "print"]);
    proof(&data_dir(), &out, &[]);

    let pages = page_images(&out.join("proof/usa-ar-print"));
    assert_eq!(pages.len(), print.page_count());
    // The whole sheet is shown, bleed and marks around the trimmed page,
    // not just the page a reader holds.
    let [width, height] = print.page_size(0).unwrap();
    let pixels = |points: f32| (points * DPI as f32 / 72.0) as u32;
    assert_eq!(pages[0].dimensions(), (pixels(width), pixels(height)));
    let screen = page_images(&out.join("proof/usa-en"));
    assert!(pages[0].width() > screen[0].width() + pixels(20.0));

    // The cover, the darkest page, opens the sheet: on the right in Arabic,
    // on the left in English.
    let sheet = |edition: &str| {
        image::open(out.join("proof").join(edition).join("contact-sheet.png"))
            .unwrap()
            .to_rgba8()
    };
    assert!(dark_across_first_row(&sheet("usa-ar-print")) > 0.6);
    assert!(dark_across_first_row(&sheet("usa-en")) < 0.4);
}

#[test]
fn against_a_file_that_is_not_a_pdf_is_an_error_and_writes_no_sheet() {
    let tmp = TempDir::new().unwrap();
    let not_a_pdf = tmp.path().join("approved.pdf");
    fs::write(&not_a_pdf, "%PDF-1.7\nnot really").unwrap();
    let out = tmp.path().join("out");
    let output = folio()
        .args(["proof", "usa", "--dpi", "20", "--out", path(&out), "--data"])
        .arg(data_dir())
        .arg("--against")
        .arg(&not_a_pdf)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a PDF this proof can read"), "{stderr}");
    assert!(!out.join("proof/usa-en/diff-sheet.png").exists());
}
