//! The editions the typography guard and its example measure: the shipped
//! data, with the second test country (`tests/fixtures/second-country/`)
//! added. That country is a fixture, not content, so it never ships in
//! `data/`: the data folder is copied to a temporary folder and the
//! fixture added to its `countries/`.

use std::fs;
use std::path::{Path, PathBuf};

use folio_tests::copy_dir;

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A temporary copy of `data/` with the second test country in it; the
/// folder is removed when the value is dropped.
pub fn data_with_second_country() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(&root().join("data"), dir.path());
    let fixtures = root().join("tests/fixtures/second-country");
    for entry in fs::read_dir(&fixtures).expect("the second country's fixture folder") {
        let path = entry.expect("a fixture").path();
        let name = path.file_name().expect("a file name");
        fs::copy(&path, dir.path().join("countries").join(name)).expect("the fixture copies");
    }
    dir
}
