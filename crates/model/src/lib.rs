//! Folio's content model: the data folder a communications officer edits,
//! loaded, checked, and composed into one [`doc::Document`] per country.
//!
//! The model knows the campaign's vocabulary (goals, indicators, ratings,
//! case studies) and nothing of layout or PDF. Layout consumes the neutral
//! tree of [`doc`] and the design of [`theme`].

#![forbid(unsafe_code)]

mod compose;
mod content;
mod dataset;
pub mod diag;
pub mod doc;
mod figures;
mod load;
mod markup;
mod notes;
mod placeholders;
pub mod theme;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use content::{Campaign, Country, Locale};
use dataset::Dataset;
pub use diag::{Diagnostic, Severity};
use load::files::Loaded;

/// A loaded and checked data folder.
#[derive(Debug)]
pub struct Project {
    campaign: Loaded<Campaign>,
    dataset: Dataset,
    locale: Locale,
    theme: theme::Theme,
    countries: BTreeMap<String, Loaded<Country>>,
    warnings: Vec<Diagnostic>,
}

impl Project {
    /// Reads and validates every file of `data_dir`; returns all problems at
    /// once (errors and warnings) when there is any error.
    ///
    /// Every country's booklet is composed once here, so that a project that
    /// loads can compose any of its countries without error.
    pub fn load(data_dir: &Path) -> Result<Project, Vec<Diagnostic>> {
        let (files, mut diagnostics) = load::files(data_dir);
        check(&files, &mut diagnostics);
        let diagnostics = deduplicated(diagnostics);
        match files {
            load::Files {
                campaign: Some(campaign),
                dataset: Some(dataset),
                locale: Some(locale),
                theme: Some(theme),
                countries,
            } if !diag::has_errors(&diagnostics) => Ok(Project {
                campaign,
                dataset,
                locale,
                theme,
                countries,
                warnings: diagnostics,
            }),
            _ => Err(diagnostics),
        }
    }

    /// The ids of the countries (file stems of `countries/*.toml`), sorted.
    pub fn country_ids(&self) -> Vec<&str> {
        self.countries.keys().map(String::as_str).collect()
    }

    pub fn theme(&self) -> &theme::Theme {
        &self.theme
    }

    /// Problems that do not stop a build, found while loading.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The document tree of one country's English booklet.
    pub fn compose(&self, country: &str) -> Result<doc::Document, Vec<Diagnostic>> {
        let Some(loaded) = self.countries.get(country) else {
            let known = self.country_ids().join(", ");
            let path = self
                .campaign
                .file
                .path
                .with_file_name("countries")
                .join(format!("{country}.toml"));
            return Err(vec![
                Diagnostic::file_error(path, format!("unknown country \"{country}\""))
                    .with_hint(format!("expected one of {known}")),
            ]);
        };
        let composition = compose::compose(self.shared(), loaded);
        let errors: Vec<Diagnostic> = composition
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if errors.is_empty() {
            Ok(composition.document)
        } else {
            Err(deduplicated(errors))
        }
    }
}

impl Project {
    fn shared(&self) -> compose::Shared<'_> {
        compose::Shared {
            campaign: &self.campaign,
            dataset: &self.dataset,
            locale: &self.locale,
            cover: self.theme.cover_image.as_ref(),
        }
    }
}

/// Every check whose files loaded: the campaign alone, each country against
/// the campaign and dataset, then every booklet composed (which checks
/// markup, placeholders, notes and cross-references) and the notes no
/// booklet cites.
fn check(files: &load::Files, diagnostics: &mut Vec<Diagnostic>) {
    let Some(campaign) = &files.campaign else {
        return;
    };
    validate::campaign(campaign, diagnostics);
    for country in files.countries.values() {
        validate::country(
            &campaign.content,
            files.dataset.as_ref(),
            country,
            diagnostics,
        );
    }
    let (Some(dataset), Some(locale)) = (&files.dataset, &files.locale) else {
        return;
    };
    let cover = files
        .theme
        .as_ref()
        .and_then(|theme| theme.cover_image.as_ref());
    let shared = compose::Shared {
        campaign,
        dataset,
        locale,
        cover,
    };
    let mut cited_anywhere = BTreeSet::new();
    for country in files.countries.values() {
        let composition = compose::compose(shared, country);
        diagnostics.extend(composition.diagnostics);
        validate::unused_notes(country, &composition.cited, diagnostics);
        cited_anywhere.extend(composition.cited);
    }
    if !files.countries.is_empty() {
        validate::unused_notes(campaign, &cited_anywhere, diagnostics);
    }
}

/// `diagnostics` without repeats: campaign text is composed once per
/// country, and its problems would otherwise be reported once per country.
fn deduplicated(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    diagnostics
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.file.clone(),
                d.span.clone().map(|s| (s.start, s.end)),
                d.message.clone(),
            ))
        })
        .collect()
}
