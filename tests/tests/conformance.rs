//! The screen edition passes an independent PDF/UA-1 and PDF/A-2a
//! validator, not only krilla's own checks: `page` (PyPI: page-validation),
//! run through `.ci/validate_pdf.py`.
//!
//! Where `page` is not installed the test says so and passes, unless
//! `FOLIO_REQUIRE_VALIDATOR` is set (as CI sets it), where it fails.

use std::path::PathBuf;
use std::process::Command;

use folio::{Edition, Folio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether `python3` can import `page`.
fn validator_installed() -> bool {
    Command::new("python3")
        .args(["-c", "import page"])
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn screen_pdf_passes_pdf_ua_1_and_pdf_a_2a() {
    if !validator_installed() {
        let message = "the PDF/UA and PDF/A validator is not installed \
                       (pip install page-validation): not validated";
        assert!(
            std::env::var_os("FOLIO_REQUIRE_VALIDATOR").is_none(),
            "{message}"
        );
        eprintln!("skipped: {message}");
        return;
    }
    let folio = Folio::open(&root().join("data")).expect("the shipped data loads");
    let pdf = folio.render(&Edition::new("usa")).expect("usa renders").pdf;
    let dir = std::env::temp_dir().join(format!("folio-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("usa-en.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("python3")
        .arg(root().join(".ci/validate_pdf.py"))
        .arg(&file)
        .args(["--profile", "ua1", "--profile", "2a"])
        .output()
        .expect("python3 runs");
    std::fs::remove_dir_all(&dir).unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    assert!(
        out.status.success(),
        "the validator found failed rules:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
