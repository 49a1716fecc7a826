//! The `folio` command as a user runs it: exit codes, what goes to stdout
//! and stderr, and what is (and is not) written to the out folder.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, data_dir, folio};
use predicates::prelude::*;
use tempfile::TempDir;

/// A copy of the data folder in a temp dir, to break on purpose.
fn scratch_data(tmp: &TempDir) -> PathBuf {
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);
    data
}

/// Replaces the first rating of `usa.toml` with a typo; returns the
/// 1-based line and column of the typo's opening quote.
fn break_a_rating(data: &Path) -> (usize, usize) {
    let path = data.join("countries/usa.toml");
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("rating = \"").expect("usa.toml has a rating") + "rating = ".len();
    let end = at + text[at + 1..].find('"').unwrap() + 2;
    let broken = format!("{}\"GREN\"{}", &text[..at], &text[end..]);
    fs::write(&path, broken).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn build_writes_the_pdf_and_prints_its_path() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("not/yet/there");
    let output = folio()
        .args(["build", "usa", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("usa-en:"))
        // The USA content runs a page past four sheets; the build says
        // what it changed to save the fifth.
        .stderr(predicate::str::contains("usa-en: fitted into 16 pages: "))
        .get_output()
        .clone();
    let pdf = out.join("usa-en.pdf");
    assert_eq!(stdout_of(&output), format!("{}\n", pdf.display()));
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        ["usa-en.pdf"],
        "no temp file is left in the out folder"
    );
}

#[test]
fn build_all_builds_every_country_and_summarises() {
    let tmp = TempDir::new().unwrap();
    let countries: Vec<String> = fs::read_dir(data_dir().join("countries"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".toml").map(str::to_owned)
        })
        .collect();
    let output = folio()
        .args(["build", "--all", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .success()
        .stderr(
            predicate::str::is_match(r"built \d+ editions? \(\d+ pages\) in \d+\.\d\d s").unwrap(),
        )
        .get_output()
        .clone();
    let stdout = stdout_of(&output);
    let mut printed: Vec<&str> = stdout.lines().collect();
    printed.sort();
    let mut expected: Vec<String> = countries
        .iter()
        .map(|c| tmp.path().join(format!("{c}-en.pdf")).display().to_string())
        .collect();
    expected.sort();
    assert_eq!(printed, expected);
}

#[test]
fn check_points_at_a_mistake_with_line_and_column() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let (line, column) = break_a_rating(&data);
    folio()
        .arg("check")
        .arg("--data")
        .arg(&data)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "usa.toml:{line}:{column}"
        )))
        .stderr(predicate::str::contains("error:"))
        .stderr(predicate::str::contains("GREN"))
        .stderr(predicate::str::contains("= hint:"));
}

#[test]
fn check_names_a_character_no_font_can_draw() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let path = data.join("countries/usa.toml");
    let text = fs::read_to_string(&path).unwrap();
    // Tibetan: no bundled font and no family of the theme has it.
    let text = text.replacen(
        "The United States has made",
        "The United States (ཀ) has made",
        1,
    );
    fs::write(&path, text).unwrap();
    folio()
        .args(["check", "usa", "--data"])
        .arg(&data)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no font can draw “ཀ” (U+0F40)"))
        .stderr(predicate::str::contains("The United States (ཀ) has made"))
        .stderr(predicate::str::contains("Tibetan"));
}

#[test]
fn check_passes_on_the_real_data() {
    folio()
        .args(["check", "usa", "--data"])
        .arg(data_dir())
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("checked 1 edition: 0 errors"));
}

#[test]
fn a_failed_build_leaves_the_previous_pdf_untouched() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let out = tmp.path().join("out");
    let build = || {
        let mut command = folio();
        command
            .args(["build", "usa", "--data"])
            .arg(&data)
            .arg("--out")
            .arg(&out);
        command
    };
    build().assert().success();
    let pdf = out.join("usa-en.pdf");
    let before = fs::read(&pdf).unwrap();

    break_a_rating(&data);
    build().assert().code(1).stdout("");
    assert_eq!(
        fs::read(&pdf).unwrap(),
        before,
        "the old PDF is byte-identical"
    );
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["usa-en.pdf"]);
}

#[test]
fn build_without_countries_is_a_usage_error() {
    folio()
        .args(["build", "--data"])
        .arg(data_dir())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("Usage:"));
}

#[test]
fn build_with_countries_and_all_is_a_usage_error() {
    folio().args(["build", "usa", "--all"]).assert().code(2);
}

#[test]
fn a_missing_data_folder_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    folio()
        .args(["check", "--data"])
        .arg(tmp.path().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such folder"));
}

#[test]
fn an_unknown_country_is_a_content_error_naming_the_known_ones() {
    let tmp = TempDir::new().unwrap();
    folio()
        .args(["build", "atlantis", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unknown country `atlantis`"))
        .stderr(predicate::str::contains("usa"));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn known_countries_are_built_even_if_another_is_unknown() {
    let tmp = TempDir::new().unwrap();
    let output = folio()
        .args(["build", "uas", "usa", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `usa`?"))
        .stderr(predicate::str::contains("built 1 of 2 editions"))
        .get_output()
        .clone();
    let pdf = tmp.path().join("usa-en.pdf");
    assert_eq!(stdout_of(&output), format!("{}\n", pdf.display()));
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// `folio new COUNTRY` in `data`: the new file's path and text.
fn new_country(data: &Path, country: &str) -> (PathBuf, String) {
    let output = folio()
        .args(["new", country, "--data"])
        .arg(data)
        .assert()
        .success()
        .get_output()
        .clone();
    let path = PathBuf::from(stdout_of(&output).trim_end());
    let text = fs::read_to_string(&path).unwrap();
    (path, text)
}

/// The 1-based lines of `text` that hold a TODO value (not a comment).
fn todo_lines(text: &str) -> Vec<usize> {
    (1..)
        .zip(text.lines())
        .filter(|(_, line)| !line.starts_with('#') && line.contains("\"TODO\""))
        .map(|(n, _)| n)
        .collect()
}

#[test]
fn new_then_check_lists_every_todo_by_line() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let (path, text) = new_country(&data, "Czech Republic");
    assert_eq!(path, data.join("countries/czech-republic.toml"));
    let lines = todo_lines(&text);
    assert!(!lines.is_empty());
    let output = folio()
        .args(["check", "czech-republic", "--data"])
        .arg(&data)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "checked 1 edition: 0 errors, {} warnings",
            lines.len()
        )))
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    for line in lines {
        assert!(
            stderr.contains(&format!("czech-republic.toml:{line}:")),
            "no warning on line {line}:\n{stderr}"
        );
    }
}

#[test]
fn a_new_country_filled_in_checks_clean_and_builds() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let (path, text) = new_country(&data, "japan");
    let written = text
        .replace("rating = \"TODO\"", "rating = \"GREEN\"")
        .replace("\"TODO\"", "\"Written by the communications officer.\"");
    fs::write(&path, written).unwrap();
    folio()
        .args(["check", "japan", "--strict", "--data"])
        .arg(&data)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "checked 1 edition: 0 errors, 0 warnings",
        ));
    let out = tmp.path().join("out");
    folio()
        .args(["build", "japan", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(
        fs::read(out.join("japan-en.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn strict_refuses_a_booklet_with_todos_left() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let (_, text) = new_country(&data, "japan");
    let todos = todo_lines(&text).len();
    folio()
        .args(["check", "japan", "--strict", "--data"])
        .arg(&data)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: TODO left in credits"))
        .stderr(predicate::str::contains(format!(
            "checked 1 edition: {todos} errors, 0 warnings"
        )));
    let out = tmp.path().join("out");
    folio()
        .args(["build", "japan", "--strict", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    assert!(!out.join("japan-en.pdf").exists());
}

#[test]
fn new_refuses_an_existing_file_and_names_the_closest_countries() {
    let tmp = TempDir::new().unwrap();
    let data = scratch_data(&tmp);
    let usa = data.join("countries/usa.toml");
    let before = fs::read(&usa).unwrap();
    folio()
        .args(["new", "USA", "--data"])
        .arg(&data)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("usa.toml"))
        .stderr(predicate::str::contains("has a file already"));
    assert_eq!(fs::read(&usa).unwrap(), before, "usa.toml is untouched");
    folio()
        .args(["new", "gemrany", "--data"])
        .arg(&data)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no country \"gemrany\""))
        .stderr(predicate::str::contains("the closest are germany"));
    let countries: Vec<_> = fs::read_dir(data.join("countries"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(countries, ["usa.toml"], "no file was written");
}
