//! Reading the data folder: every file parsed, every problem collected.
//!
//! ```text
//! data/
//!   campaign.toml        content shared by every booklet
//!   dataset.toml         every monitored country's category and rank
//!   theme.toml           page, type, colours, cover art
//!   locales/en.toml      interface words of the English edition
//!   countries/<id>.toml  one file per country booklet
//!   art/                 artwork the theme refers to
//!   locales/<lang>.toml, translations/<lang>/   other languages (see
//!                        `crate::i18n`, which reads them)
//! ```

pub mod files;
mod image;
pub mod spans;
mod theme;

use std::collections::BTreeMap;
use std::path::Path;

use files::{Loaded, SourceFile, country_files};

use crate::content::{Campaign, Country, Locale};
use crate::dataset::Dataset;
use crate::diag::Diagnostic;
use crate::theme::Theme;

/// Everything read from a data folder. A file that could not be read is
/// `None` and its error is among the diagnostics; the others are still
/// checked so that one run reports every problem.
pub struct Files {
    pub campaign: Option<Loaded<Campaign>>,
    pub dataset: Option<Dataset>,
    pub locale: Option<Loaded<Locale>>,
    pub theme: Option<Theme>,
    /// By id (file stem). A country file that failed to parse is missing
    /// here and its error is among the diagnostics.
    pub countries: BTreeMap<String, Loaded<Country>>,
}

/// Reads every file of `data_dir`, with the problems found in each.
pub fn files(data_dir: &Path) -> (Files, Vec<Diagnostic>) {
    // The theme names the cover image, which is decoded to check it: the
    // longest step, so it runs beside the others. Diagnostics keep the
    // order of a sequential load.
    let ((campaign, dataset, locale, mut diagnostics), (theme, theme_diagnostics)) = rayon::join(
        || {
            let mut diagnostics = Vec::new();
            let campaign = parse::<Campaign>(data_dir, "campaign.toml", &mut diagnostics);
            let dataset = dataset(data_dir, &mut diagnostics);
            let locale = parse::<Locale>(
                data_dir,
                &format!("locales/{}.toml", crate::i18n::SOURCE_LANG),
                &mut diagnostics,
            );
            (campaign, dataset, locale, diagnostics)
        },
        || {
            let mut diagnostics = Vec::new();
            let theme = match SourceFile::read(data_dir.join("theme.toml")) {
                Ok(file) => theme::load(data_dir, file, &mut diagnostics),
                Err(error) => {
                    diagnostics.push(error);
                    None
                }
            };
            (theme, diagnostics)
        },
    );
    diagnostics.extend(theme_diagnostics);
    let countries = countries(data_dir, &mut diagnostics);
    (
        Files {
            campaign,
            dataset,
            locale,
            theme,
            countries,
        },
        diagnostics,
    )
}

fn countries(
    data_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Loaded<Country>> {
    let folder = data_dir.join("countries");
    let listed = match country_files(&folder) {
        Ok(listed) => listed,
        Err(error) => {
            diagnostics.push(error);
            return BTreeMap::new();
        }
    };
    if listed.is_empty() {
        diagnostics.push(
            Diagnostic::file_error(&folder, "no country file")
                .with_hint("add a file such as countries/usa.toml"),
        );
    }
    listed
        .into_iter()
        .filter_map(|(id, path)| {
            let loaded = SourceFile::read(path).and_then(SourceFile::parse::<Country>);
            loaded
                .map_err(|error| diagnostics.push(error))
                .ok()
                .map(|loaded| (id, loaded))
        })
        .collect()
}

/// `dataset.toml`, checked; `None` if it could not be read or parsed.
pub fn dataset(data_dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Dataset> {
    match SourceFile::read(data_dir.join("dataset.toml")) {
        Ok(file) => Dataset::load(file, diagnostics),
        Err(error) => {
            diagnostics.push(error);
            None
        }
    }
}

/// The file `name` of `data_dir`, parsed as `T`.
pub fn parse<T: serde::de::DeserializeOwned>(
    data_dir: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    SourceFile::read(data_dir.join(name))
        .and_then(SourceFile::parse)
        .map_err(|error| diagnostics.push(error))
        .ok()
}
