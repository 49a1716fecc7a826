//! The bad-input catalogue (`tests/bad-input/`): malformed content that a
//! communications officer or translator could plausibly save, each refused
//! with the diagnostic recorded in its snapshot, never with a panic, a hang
//! or a PDF.
//!
//! Every case is a folder with a `case.toml` that says how to break a copy
//! of `data/` (or what to put in an empty folder), optional `files/` copied
//! over it, and `expected.txt`, the snapshot: the stage that refused the
//! input (`open`, `check` or `render`; `new` for a case that runs
//! `folio new`) and every diagnostic with its file,
//! line, column, message and hint. A few inputs are worth a warning but
//! not a refusal (a word too wide for its line); their cases say `builds`,
//! and their snapshot holds the warnings. See `tests/bad-input/README.md`.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p folio-tests --test bad_input` rewrites
//! the snapshots from what Folio reports now; review the diff before
//! committing it. `BAD_INPUT=name` runs only the cases whose name contains
//! `name`.

use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{copy_dir, repo};
use folio::{Diagnostic, Diagnostics, Edition, Folio, NewCountryError, Severity};
use serde::Deserialize;

mod common;

/// Longer than any case takes in a debug build, short enough that a hang
/// fails the run instead of stalling it.
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn catalogue() -> PathBuf {
    repo().join("tests/bad-input")
}

/// `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What is wrong with the input, in a sentence.
    about: String,
    /// `data` (a copy of the real data folder, the default) or `empty`.
    #[serde(default)]
    base: Base,
    /// Files to delete from the copy, relative to the data folder.
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    /// Runs `folio new` with this country instead of a build.
    new: Option<String>,
    /// The language of the editions to build: a translation's problems
    /// show in its editions only.
    #[serde(default = "english")]
    lang: String,
    /// The input is built all the same, with warnings.
    #[serde(default)]
    builds: bool,
}

fn english() -> String {
    folio::DEFAULT_LANG.to_owned()
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Base {
    #[default]
    Data,
    Empty,
}

/// Replaces the first occurrence of `find` in `file` by `replace` repeated
/// `repeat` times (for inputs too long to write out).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
    #[serde(default = "one")]
    repeat: usize,
}

fn one() -> usize {
    1
}

/// A symbolic link at `path` (relative to the data folder) to `target`
/// (as written into the link).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

/// A scratch data folder built from a case, removed when dropped.
struct Scratch {
    _dir: tempfile::TempDir,
    data: PathBuf,
    out: PathBuf,
}

impl Scratch {
    fn build(case_dir: &Path, case: &Case) -> Result<Scratch, String> {
        let dir = tempfile::Builder::new()
            .prefix("folio-bad-input")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let data = dir.path().join("data");
        let out = dir.path().join("out");
        fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        match case.base {
            Base::Data => copy_dir(&repo().join("data"), &data),
            Base::Empty => fs::create_dir_all(&data).map_err(|e| e.to_string())?,
        }
        let overlay = case_dir.join("files");
        if overlay.is_dir() {
            copy_dir(&overlay, &data);
        }
        for file in &case.remove {
            fs::remove_file(data.join(file)).map_err(|e| format!("remove {file}: {e}"))?;
        }
        for edit in &case.edit {
            let path = data.join(&edit.file);
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", edit.file))?;
            if !text.contains(&edit.find) {
                return Err(format!(
                    "the case is stale: {:?} is no longer in {}",
                    edit.find, edit.file
                ));
            }
            let replacement = edit.replace.repeat(edit.repeat);
            fs::write(&path, text.replacen(&edit.find, &replacement, 1))
                .map_err(|e| e.to_string())?;
        }
        for link in &case.symlink {
            let path = data.join(&link.path);
            let _ = fs::remove_file(&path);
            symlink(&link.target, &path).map_err(|e| format!("symlink {}: {e}", link.path))?;
        }
        Ok(Scratch {
            _dir: dir,
            data,
            out,
        })
    }
}

#[cfg(unix)]
fn symlink(target: &str, path: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn symlink(_target: &str, _path: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "symbolic links are tested on Unix only",
    ))
}

/// How far Folio got with a case's data folder.
enum Outcome {
    /// Refused at `stage` with these diagnostics.
    Refused(&'static str, Diagnostics),
    /// Everything built, with these warnings from checking the editions.
    Accepted(Diagnostics),
}

/// Does what `folio new COUNTRY` does, through the library: make the
/// country's new file and write it.
fn run_new(data: &Path, country: &str) -> Outcome {
    match folio::new_country(data, country) {
        Ok(new) => {
            new.write().expect("write the new file");
            Outcome::Accepted(Diagnostics(Vec::new()))
        }
        Err(NewCountryError::Content(diagnostics) | NewCountryError::Refused(diagnostics)) => {
            Outcome::Refused("new", diagnostics)
        }
    }
}

/// Does what `folio build --all --lang <lang>` does, through the library:
/// open the data folder, check every edition, render every edition and
/// write what rendered into `out`.
fn run(data: &Path, out: &Path, lang: &str) -> Outcome {
    let folio = match Folio::open(data) {
        Ok(folio) => folio,
        Err(diagnostics) => return Outcome::Refused("open", diagnostics),
    };
    let editions: Vec<Edition> = folio
        .countries()
        .into_iter()
        .map(|country| Edition::in_language(country, lang))
        .collect();
    let mut warnings = Vec::new();
    for edition in &editions {
        match folio.check(edition) {
            Ok(found) => warnings.extend(found),
            Err(diagnostics) => return Outcome::Refused("check", diagnostics),
        }
    }
    for edition in editions {
        match folio.render(&edition) {
            Ok(rendered) => {
                folio::write_atomically(&out.join(edition.file_name()), &rendered.pdf)
                    .expect("write the PDF");
            }
            Err(diagnostics) => return Outcome::Refused("render", diagnostics),
        }
    }
    Outcome::Accepted(Diagnostics(warnings))
}

/// The snapshot of an outcome: the stage, then each diagnostic with its
/// place relative to the data folder; the scratch folder's path is written
/// `$DATA` wherever a message mentions it.
fn snapshot(stage: &str, diagnostics: &Diagnostics, data: &Path) -> String {
    let mut out = format!("stage: {stage}\n");
    for diagnostic in diagnostics.iter() {
        out.push_str(&render(diagnostic, data));
    }
    out
}

fn render(diagnostic: &Diagnostic, data: &Path) -> String {
    let anonymous = |text: &str| {
        text.replace(&data.display().to_string(), "$DATA")
            .replace(&data.canonicalize().unwrap().display().to_string(), "$DATA")
    };
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{severity}: ");
    if !diagnostic.file.as_os_str().is_empty() {
        let file = diagnostic
            .file
            .strip_prefix(data)
            .unwrap_or(&diagnostic.file);
        let file = file.to_string_lossy().replace('\\', "/");
        match (diagnostic.line, diagnostic.column) {
            (0, _) => write!(out, "{file}: ").unwrap(),
            (line, column) => write!(out, "{file}:{line}:{column}: ").unwrap(),
        }
    }
    writeln!(out, "{}", anonymous(&diagnostic.message)).unwrap();
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  hint: {}", anonymous(hint)).unwrap();
    }
    out
}

/// Runs one case: `Err` with what went wrong if it did not behave.
fn check_case(case_dir: &Path, update: bool) -> Result<(), String> {
    let text = fs::read_to_string(case_dir.join("case.toml")).map_err(|e| e.to_string())?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    assert!(
        !case.about.trim().is_empty(),
        "every case says what it breaks"
    );
    let scratch = Scratch::build(case_dir, &case)?;

    // On its own thread, so that a hang is noticed and a panic is caught
    // even if it happens while the thread holds a lock.
    let (send, receive) = mpsc::channel();
    let (data, out) = (scratch.data.clone(), scratch.out.clone());
    let new = case.new.clone();
    let lang = case.lang.clone();
    thread::spawn(move || {
        let result = panic::catch_unwind(AssertUnwindSafe(|| match &new {
            Some(country) => run_new(&data, country),
            None => run(&data, &out, &lang),
        }));
        let _ = send.send(result);
    });
    let started = Instant::now();
    let outcome = match receive.recv_timeout(TIME_LIMIT) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(panic)) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(format!("panicked: {reason}"));
        }
        Err(_) => {
            return Err(format!(
                "did not finish within {} s",
                started.elapsed().as_secs()
            ));
        }
    };
    let written: Vec<_> = fs::read_dir(&scratch.out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let (stage, diagnostics) = match (outcome, case.builds) {
        (Outcome::Refused(stage, diagnostics), false) => {
            if !written.is_empty() {
                return Err(format!("wrote {written:?} although it was refused"));
            }
            if !diagnostics.has_errors() {
                return Err("was refused without an error".into());
            }
            (stage, diagnostics)
        }
        (Outcome::Accepted(warnings), true) => {
            if warnings.iter().next().is_none() {
                return Err("was built without a warning".into());
            }
            ("built", warnings)
        }
        (Outcome::Accepted(_), false) => {
            return Err(format!("was accepted and wrote {written:?}"));
        }
        (Outcome::Refused(stage, diagnostics), true) => {
            return Err(format!(
                "was refused at {stage}, not built with warnings:\n{}",
                snapshot(stage, &diagnostics, &scratch.data)
            ));
        }
    };
    let actual = snapshot(stage, &diagnostics, &scratch.data);
    let expected_path = case_dir.join("expected.txt");
    if update {
        fs::write(&expected_path, &actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if expected == actual {
        Ok(())
    } else {
        Err(format!(
            "the diagnostics differ from expected.txt\n--- expected\n{expected}--- actual\n{actual}"
        ))
    }
}

#[test]
fn every_bad_input_is_refused_with_its_diagnostic() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let only = std::env::var("BAD_INPUT").unwrap_or_default();
    let mut cases: Vec<PathBuf> = fs::read_dir(catalogue())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.toml").is_file())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(&only))
        .collect();
    cases.sort();
    if only.is_empty() {
        assert!(cases.len() >= 40, "only {} cases", cases.len());
    }

    // Cases are independent: spread them over the cores.
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    if let Err(why) = check_case(case, update) {
                        let name = case.file_name().unwrap().to_string_lossy().into_owned();
                        failures.lock().unwrap().push(format!("{name}: {why}"));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs misbehaved (UPDATE_SNAPSHOTS=1 rewrites the snapshots):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
