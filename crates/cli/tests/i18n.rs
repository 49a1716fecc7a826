//! A translator's commands as they run them: building editions in other
//! languages, strictly or not, and `folio i18n status/export/import`.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{copy_dir, data_dir, folio};
use predicates::prelude::*;
use tempfile::TempDir;

#[test]
fn the_french_edition_builds_without_a_warning() {
    let out = TempDir::new().unwrap();
    folio()
        .args(["build", "usa", "--lang", "fr", "--strict", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::ends_with("usa-fr.pdf\n"))
        .stderr(predicate::str::contains("warning").not());
    let pdf = fs::read(out.path().join("usa-fr.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn an_incomplete_edition_warns_per_string_or_fails_with_strict() {
    let out = TempDir::new().unwrap();
    folio()
        .args(["check", "usa", "--lang", "de", "--data"])
        .arg(data_dir())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: \"introduction.paragraphs.1\" has no de translation",
        ))
        .stderr(predicate::str::contains("data/campaign.toml:"));
    folio()
        .args(["build", "usa", "--lang", "de", "--strict", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: \"introduction.paragraphs.1\" has no de translation",
        ));
    assert!(!out.path().join("usa-de.pdf").exists());
}

#[test]
fn an_unknown_language_is_refused_with_the_known_ones() {
    folio()
        .args(["check", "usa", "--lang", "xx", "--data"])
        .arg(data_dir())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no `xx` edition"))
        .stderr(predicate::str::contains("en, ar, de, es, fr, ja, ru, th"));
}

#[test]
fn status_reports_each_edition_honestly() {
    let output = folio()
        .args(["i18n", "status", "--data"])
        .arg(data_dir())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let summaries: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(summaries.len(), 7, "{stdout}");
    assert!(
        summaries.contains(&"usa-fr: 238 of 238 strings translated"),
        "{stdout}"
    );
    let german = summaries
        .iter()
        .find(|l| l.starts_with("usa-de: "))
        .unwrap();
    assert!(german.ends_with("untranslated, 0 out of date)"), "{german}");
    let campaign = fs::read_to_string(data_dir().join("campaign.toml")).unwrap();
    let line = campaign
        .lines()
        .position(|l| l.starts_with("name = "))
        .unwrap()
        + 1;
    assert!(
        stdout.contains(&format!(
            "data/campaign.toml:{line}:8: \"name\" has no de translation"
        )),
        "{stdout}"
    );
}

/// A copy of the data folder in `tmp`, and its French strings exported to
/// `tmp/fr.po` by the command, which prints the file's path.
fn exported_french(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);
    let po = tmp.path().join("fr.po");
    folio()
        .args(["i18n", "export", "--lang", "fr", "--data"])
        .arg(&data)
        .arg("-o")
        .arg(&po)
        .assert()
        .success()
        .stdout(format!("{}\n", po.display()));
    (data, po)
}

#[test]
fn export_and_import_round_trip_through_the_command() {
    let tmp = TempDir::new().unwrap();
    let (data, po) = exported_french(&tmp);
    let text = fs::read_to_string(&po).unwrap();
    assert!(text.contains("\"Language: fr\\n\""));
    assert!(text.contains("msgctxt \"campaign.toml:introduction.title\""));
    let before = fs::read(data.join("translations/fr/campaign.toml")).unwrap();
    folio()
        .args(["i18n", "import", "--data"])
        .arg(&data)
        .arg(&po)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("took 238 translations"))
        .stderr(predicate::str::contains("0 files changed"));
    assert_eq!(
        fs::read(data.join("translations/fr/campaign.toml")).unwrap(),
        before
    );

    // A translation that lost a placeholder: nothing is written.
    let broken = text.replacen(
        "msgstr \"Fiche de suivi des progrès – {country}\"",
        "msgstr \"Fiche de suivi des progrès\"",
        1,
    );
    assert_ne!(broken, text);
    fs::write(&po, broken).unwrap();
    folio()
        .args(["i18n", "import", "--data"])
        .arg(&data)
        .arg(&po)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: the translation lacks {country}",
        ));
    assert_eq!(
        fs::read(data.join("translations/fr/campaign.toml")).unwrap(),
        before
    );
}

#[test]
fn import_reports_entries_that_match_no_english_string() {
    let tmp = TempDir::new().unwrap();
    let (data, po) = exported_french(&tmp);
    let mut text = fs::read_to_string(&po).unwrap();
    // Entries of strings the English no longer has: one left untranslated,
    // one fuzzy. Nothing would be imported from them, but a translator
    // should hear that they lead nowhere, at their line.
    text.push_str(
        "\nmsgctxt \"campaign.toml:removed-string\"\nmsgid \"Gone\"\nmsgstr \"\"\n\
         \n#, fuzzy\nmsgctxt \"campaign.toml:renamed-string\"\nmsgid \"Moved\"\nmsgstr \"Déplacé\"\n",
    );
    fs::write(&po, &text).unwrap();
    let line_of = |context: &str| {
        text.lines()
            .position(|l| l == format!("msgctxt \"{context}\""))
            .unwrap()
            + 1
    };
    let output = folio()
        .args(["i18n", "import", "--data"])
        .arg(&data)
        .arg(&po)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    for context in [
        "campaign.toml:removed-string",
        "campaign.toml:renamed-string",
    ] {
        assert!(
            stderr.contains(&format!("warning: no English string \"{context}\"")),
            "{stderr}"
        );
        // The diagnostic points into the PO file near the entry.
        let near = (line_of(context)..line_of(context) + 3)
            .any(|line| stderr.contains(&format!("fr.po:{line}:")));
        assert!(near, "{context} at line {}: {stderr}", line_of(context));
    }
}
