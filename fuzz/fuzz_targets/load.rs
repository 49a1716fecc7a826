//! Loading a content folder from arbitrary TOML and markup: one file of a
//! copy of the real data folder is replaced by the input (its first byte
//! chooses which), then the folder is opened (read, checked, every booklet
//! composed) and, if the first byte's top bit is set and it opens, the USA
//! edition is laid out, as `folio check usa` does. Laying out a booklet
//! takes a hundred times longer than loading, so inputs ask for it.
//!
//! Refusing the input with diagnostics is the expected outcome; a panic, a
//! hang or running out of memory is a finding. Seeds: the real files.

#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use folio::{Edition, Folio};
use libfuzzer_sys::fuzz_target;

/// The files an input can stand in for.
const FILES: [&str; 5] = [
    "countries/usa.toml",
    "campaign.toml",
    "dataset.toml",
    "theme.toml",
    "locales/en.toml",
];

/// A copy of `data/` in English only, made once per process: every
/// translation would be loaded and composed for every input, ten times
/// slower, without reaching other code.
fn data() -> &'static Path {
    static DATA: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DATA
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temp dir");
            let data = dir.path().join("data");
            copy(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("../data"),
                &data,
            );
            let _ = fs::remove_dir_all(data.join("translations"));
            for locale in fs::read_dir(data.join("locales")).unwrap() {
                let path = locale.unwrap().path();
                if !path.ends_with("en.toml") {
                    fs::remove_file(path).unwrap();
                }
            }
            (dir, data)
        })
        .1
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fuzz_target!(|input: &[u8]| {
    let Some((&which, content)) = input.split_first() else {
        return;
    };
    let path = data().join(FILES[usize::from(which & 0x7f) % FILES.len()]);
    let original = fs::read(&path).unwrap();
    fs::write(&path, content).unwrap();
    if let Ok(folio) = Folio::open(data())
        && which & 0x80 != 0
    {
        let _ = folio.check(&Edition::new("usa"));
    }
    fs::write(&path, original).unwrap();
});
