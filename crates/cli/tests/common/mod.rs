//! Helpers shared by the `folio` command's integration tests and its
//! benchmark: the real data folder, the command, and copies of the folder
//! to break on purpose.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The `folio` binary, to spawn: colour off whatever the terminal, and
/// blind to the fonts installed on this machine, so a test passes or fails
/// the same on a machine with none. Every test starts Folio through this.
pub fn folio_process() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .env_remove("NO_COLOR")
        .env_remove("FOLIO_FONT_PATH")
        .args(["--color=never", "--no-system-fonts"]);
    command
}

/// [`folio_process`], to run to its end and assert on.
pub fn folio() -> assert_cmd::Command {
    assert_cmd::Command::from_std(folio_process())
}

/// The test fixtures' fonts: a subset of Noto Sans CJK JP.
pub fn fixture_fonts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fonts")
}

#[allow(unused_imports)] // like the functions here, used by some test binaries only
pub use folio_tests::copy_dir;
