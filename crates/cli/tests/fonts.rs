//! Fonts without root: a family the theme names is found in the data
//! folder's `fonts/` or a `--fonts` folder exactly as an installed one is,
//! and `folio fonts` tells where each family comes from. The `folio`
//! helper hides the machine's fonts, so these hold on any machine.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, data_dir, fixture_fonts, folio};
use tempfile::TempDir;

const FONT: &str = "NotoSansCJKjp-Regular-subset.otf";

fn scratch_data(tmp: &TempDir) -> PathBuf {
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);
    data
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What `folio fonts` prints on stdout for `data`, with more arguments.
fn fonts_listing(data: &Path, more: &[&OsStr]) -> String {
    stdout_of(
        folio()
            .args(["fonts", "--data"])
            .arg(data)
            .args(more)
            .assert()
            .success()
            .get_output(),
    )
}

/// The line of `folio fonts` about `script`'s family.
fn line_of<'a>(listing: &'a str, script: &str) -> &'a str {
    listing
        .lines()
        .find(|line| line.starts_with(script))
        .unwrap_or_else(|| panic!("no line for {script} in:\n{listing}"))
}

#[test]
fn fonts_lists_bundled_and_missing_families_with_how_to_get_them() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let output = folio()
        .args(["fonts", "--data"])
        .arg(&data)
        .assert()
        .success()
        .get_output()
        .clone();
    let listing = stdout_of(&output);
    assert!(line_of(&listing, "body").ends_with("bundled"), "{listing}");
    assert!(
        line_of(&listing, "arabic").ends_with("bundled"),
        "{listing}"
    );
    let han = line_of(&listing, "han");
    assert!(
        han.contains("Noto Sans CJK JP") && han.ends_with("missing"),
        "{listing}"
    );
    // The hint follows the first mention of the family, and names the
    // folder to drop the files in.
    let after = listing.split(han).nth(1).unwrap();
    let hint = after.lines().nth(1).unwrap();
    assert!(
        hint.contains(&data.join("fonts").display().to_string()),
        "{listing}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("missing: Noto Sans CJK JP, Noto Sans CJK KR"),
        "{stderr}"
    );
}

#[test]
fn a_font_dropped_in_the_data_folder_is_found_by_family_name() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    fs::create_dir_all(data.join("fonts")).unwrap();
    let dropped = data.join("fonts").join(FONT);
    fs::copy(fixture_fonts().join(FONT), &dropped).unwrap();
    let listing = fonts_listing(&data, &[]);
    assert!(
        line_of(&listing, "han").ends_with("found in a font folder given to Folio"),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("{} (regular)", dropped.display())),
        "{listing}"
    );

    // And the Japanese edition builds with it, with no font installed.
    let out = tmp.path().join("out");
    let build = folio()
        .args(["build", "usa", "--lang", "ja", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "the Japanese edition should build with the font in data/fonts (if a character \
         is missing, the Japanese translation has grown: run \
         tests/fixtures/fonts/make-cjk-subset.py):\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let pdf = fs::read(out.join("usa-ja.pdf")).unwrap();
    let fonts = folio_tests::PdfReadBack::parse(&pdf).unwrap().fonts();
    assert!(
        fonts
            .iter()
            .any(|f| f.embedded && f.base_font.contains("NotoSansCJKjp")),
        "{fonts:?}"
    );
}

#[test]
fn without_the_font_the_japanese_edition_fails_naming_the_family() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let output = folio()
        .args(["check", "usa", "--lang", "ja", "--data"])
        .arg(&data)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("Noto Sans CJK JP"), "{stderr}");
    assert!(
        stderr.contains(&data.join("fonts").display().to_string()),
        "{stderr}"
    );
}

#[test]
fn fonts_given_with_the_fonts_option_are_found_too() {
    let fonts = fixture_fonts();
    let listing = fonts_listing(&data_dir(), &["--fonts".as_ref(), fonts.as_os_str()]);
    assert!(
        line_of(&listing, "han").ends_with("found in a font folder given to Folio"),
        "{listing}"
    );
    assert!(
        line_of(&listing, "hangul").ends_with("missing"),
        "{listing}"
    );
}
