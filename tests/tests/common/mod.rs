//! Helpers shared by this crate's integration tests: the repository and
//! copies of its data folder to change on purpose.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[allow(unused_imports)] // like the functions here, used by some test binaries only
pub use folio_tests::copy_dir;
