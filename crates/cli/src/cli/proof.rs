//! `folio proof`: page images and review sheets of one edition, written
//! into OUT/proof/EDITION/; what the reviewer reads (what changed, which
//! pages go together) on stdout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use folio::proof::{Proof, png};
use folio::{Edition, Folio, FontSources};
use image::RgbaImage;
use rayon::prelude::*;

use super::args::ProofConfig;
use super::build::open;
use super::report::Reporter;

/// Proofs what `config` asks for; problems go to the reporter.
pub fn run(config: &ProofConfig, fonts: &FontSources, reporter: &Reporter) {
    let started = Instant::now();
    let Some(folio) = open(&config.data, fonts, reporter) else {
        return;
    };
    let edition = Edition::in_language(&config.country, &config.lang).with_profile(config.profile);
    let old = match &config.against {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => Some((path, bytes)),
            Err(err) => {
                reporter.error(format_args!("--against {}: {err}", path.display()));
                return;
            }
        },
        None => None,
    };
    let dpi = config.dpi;
    let (proof, other) = rayon::join(
        || proof(&folio, &edition, dpi, reporter),
        || {
            let lang = config.beside.as_ref()?;
            let other = Edition::in_language(&config.country, lang).with_profile(config.profile);
            proof(&folio, &other, dpi, reporter)
        },
    );
    let Some(proof) = proof else { return };
    if config.beside.is_some() && other.is_none() {
        return;
    }
    let folder = config.out.join("proof").join(edition.to_string());
    if let Err(err) = clear(&folder) {
        reporter.error(format_args!(
            "could not prepare {}: {err}",
            folder.display()
        ));
        return;
    }

    let mut images: Vec<(String, RgbaImage)> =
        vec![("contact-sheet.png".into(), proof.contact_sheet())];
    let mut report = vec![];
    if let Some((path, bytes)) = &old {
        match proof.against(bytes) {
            Ok(against) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                images.push(("diff-sheet.png".into(), against.sheet(&name)));
                report.extend(against.summary());
            }
            Err(err) => {
                reporter.error(format_args!("--against {}: {err}", path.display()));
                return;
            }
        }
    }
    if let Some(other) = &other {
        let lang = &other.edition().lang;
        for (index, sheet) in proof.beside(other).into_iter().enumerate() {
            images.push((format!("beside-{lang}-{:02}.png", index + 1), sheet));
        }
        report.extend(pairing_lines(&proof, other));
    }

    let pages: Vec<(String, &RgbaImage)> = proof
        .pages()
        .iter()
        .enumerate()
        .map(|(index, page)| (format!("page-{:02}.png", index + 1), page))
        .collect();
    let sheets = images.iter().map(|(name, image)| (name.clone(), image));
    let files: Vec<(String, &RgbaImage)> = pages.into_iter().chain(sheets).collect();
    let written: Result<Vec<PathBuf>, String> = files
        .par_iter()
        .map(|(name, image)| save(&folder.join(name), image))
        .collect();
    let written = match written {
        Ok(written) => written,
        Err(err) => {
            reporter.error(err);
            return;
        }
    };
    let mut stdout = std::io::stdout().lock();
    // The sheets' paths, then what the reviewer reads; a closed stdout
    // does not undo the proof.
    for path in &written[proof.pages().len()..] {
        let _ = writeln!(stdout, "{}", path.display());
    }
    for line in report {
        let _ = writeln!(stdout, "{line}");
    }
    let seconds = started.elapsed().as_secs_f64();
    reporter.info(format_args!(
        "{edition}: {} page images and {} in {seconds:.2} s",
        proof.pages().len(),
        super::build::plural(images.len(), "sheet", "sheets"),
    ));
}

/// Builds and renders `edition`, reporting its problems.
fn proof(folio: &Folio, edition: &Edition, dpi: u32, reporter: &Reporter) -> Option<Proof> {
    reporter
        .guard(edition, || match folio.proof(edition, dpi) {
            Ok(proof) => {
                reporter.diagnostics(proof.warnings());
                Some(proof)
            }
            Err(diagnostics) => {
                reporter.diagnostics(&diagnostics);
                None
            }
        })
        .flatten()
}

/// "page 5: beside en pages 5–6", one line per page of the edition.
fn pairing_lines(proof: &Proof, other: &Proof) -> Vec<String> {
    let lang = &other.edition().lang;
    proof
        .pairs(other)
        .iter()
        .enumerate()
        .map(|(index, pages)| match pages[..] {
            [] => format!("page {}: nothing in {lang}", index + 1),
            [one] => format!("page {}: beside {lang} page {}", index + 1, one + 1),
            [first, .., last] => format!(
                "page {}: beside {lang} pages {}–{}",
                index + 1,
                first + 1,
                last + 1
            ),
        })
        .collect()
}

/// Makes `folder` and takes out the images an earlier proof left in it
/// (a booklet that had more pages), so that it holds this proof only.
fn clear(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "png") {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn save(path: &Path, image: &RgbaImage) -> Result<PathBuf, String> {
    let failed = |err: &dyn std::fmt::Display| format!("could not write {}: {err}", path.display());
    let bytes = png(image).map_err(|err| failed(&err))?;
    folio::write_atomically_unsynced(path, &bytes).map_err(|err| failed(&err))?;
    Ok(path.to_owned())
}
