//! Folio's content model: the data folder a communications officer edits,
//! loaded, checked, and composed into one [`doc::Document`] per edition (a
//! country in a language; see [`i18n`] for the languages).
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
mod formats;
mod i18n;
mod load;
mod markup;
mod new_country;
mod notes;
mod origin;
mod placeholders;
pub mod theme;
mod todo;
mod validate;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use content::{Campaign, Country};
use dataset::Dataset;
pub use diag::{Diagnostic, Severity};
use i18n::{EnglishLocale, Language, Strings};
pub use i18n::{Import, PSEUDO, SOURCE_LANG, Status};
use load::files::{Loaded, SourceFile};
pub use new_country::CountryTemplate;
use rayon::prelude::*;
use todo::Todos;

/// A loaded and checked data folder.
#[derive(Debug)]
pub struct Project {
    data_dir: PathBuf,
    campaign: Loaded<Campaign>,
    dataset: Dataset,
    english_locale: EnglishLocale,
    theme: theme::Theme,
    countries: BTreeMap<String, Loaded<Country>>,
    /// By tag: English, every language with files in the data folder, and
    /// the pseudo language.
    languages: BTreeMap<String, Language>,
    warnings: Vec<Diagnostic>,
    todos: Todos,
}

impl Project {
    /// Reads and validates every file of `data_dir`; returns all problems at
    /// once (errors and warnings) when there is any error.
    ///
    /// Every country's English booklet is composed once here, so that a
    /// project that loads can compose any of its countries without error.
    /// Problems in a translation do not stop loading: they keep that
    /// language's editions from being built (see [`Project::compose`]).
    pub fn load(data_dir: &Path) -> Result<Project, Vec<Diagnostic>> {
        let (files, mut diagnostics) = load::files(data_dir);
        check(&files, &mut diagnostics);
        let english_locale = files.locale.as_ref().map(|locale| EnglishLocale {
            strings: i18n::locale_strings(&locale.file, &mut diagnostics),
            file: locale.file.clone(),
        });
        let mut diagnostics = deduplicated(diagnostics);
        let todos = Todos::find(&files);
        match (files, english_locale) {
            (
                load::Files {
                    campaign: Some(campaign),
                    dataset: Some(dataset),
                    locale: Some(locale),
                    theme: Some(theme),
                    countries,
                },
                Some(english_locale),
            ) if !diag::has_errors(&diagnostics) => {
                let mut project = Project {
                    data_dir: data_dir.to_owned(),
                    campaign,
                    dataset,
                    english_locale,
                    theme,
                    countries,
                    languages: BTreeMap::new(),
                    warnings: diagnostics,
                    todos,
                };
                project.languages = project.load_languages(locale.content);
                Ok(project)
            }
            _ => {
                diagnostics.extend(todos.all().cloned());
                Err(diagnostics)
            }
        }
    }

    fn load_languages(&self, english: content::Locale) -> BTreeMap<String, Language> {
        let strings = self.english();
        let tags = i18n::languages(&self.data_dir);
        let (mut languages, pseudo): (BTreeMap<String, Language>, _) = rayon::join(
            || {
                tags.into_par_iter()
                    .map(|tag| {
                        let language =
                            Language::load(&self.data_dir, &tag, &strings, &self.english_locale);
                        (tag, language)
                    })
                    .collect()
            },
            || Language::pseudo(&strings, &self.english_locale),
        );
        languages.insert(PSEUDO.to_owned(), pseudo);
        languages.insert(SOURCE_LANG.to_owned(), Language::source(english));
        languages
    }

    /// The English strings of every file, by file.
    fn english(&self) -> Vec<i18n::FileMessages<'_>> {
        i18n::english(
            &self.campaign,
            &self.countries,
            &self.dataset,
            &self.english_locale,
        )
    }

    /// The ids of the countries (file stems of `countries/*.toml`), sorted.
    pub fn country_ids(&self) -> Vec<&str> {
        self.countries.keys().map(String::as_str).collect()
    }

    pub fn theme(&self) -> &theme::Theme {
        &self.theme
    }

    /// Problems that do not stop a build, found while loading the English
    /// content; the TODOs left are apart, in [`Project::todos`].
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// A warning for every TODO (text or rating still to be written) that
    /// the booklets of `countries` print: the campaign's, then each
    /// country's own. A booklet with any is a draft.
    pub fn todos(&self, countries: &[&str]) -> Vec<&Diagnostic> {
        self.todos.of_booklets(countries)
    }

    /// The languages editions can be built in: English first, then every
    /// language the data folder has a locale file or translations for.
    /// [`PSEUDO`] can be built too, but is no language to publish.
    pub fn languages(&self) -> Vec<&str> {
        let others = self
            .languages
            .keys()
            .map(String::as_str)
            .filter(|&tag| tag != SOURCE_LANG && tag != PSEUDO);
        std::iter::once(SOURCE_LANG).chain(others).collect()
    }

    /// The document tree of `country`'s booklet in `lang`. Strings without
    /// a usable translation are printed in English; [`Project::status`]
    /// lists them. A booklet with TODOs left is marked as a draft.
    pub fn compose(&self, country: &str, lang: &str) -> Result<doc::Document, Vec<Diagnostic>> {
        let loaded = self.country(country)?;
        let language = self.language(lang)?;
        let errors = language.errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let edition = i18n::edition(self.english(), country);
        let strings = Strings::new(language, &edition);
        let shared = compose::Shared {
            lang: language.bcp47(),
            locale: &language.locale,
            ..self.shared()
        };
        let composition = compose::compose(shared, loaded, &strings);
        let errors: Vec<Diagnostic> = composition
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if errors.is_empty() {
            let mut document = composition.document;
            if !self.todos(&[country]).is_empty() {
                document.draft_mark = Some(language.locale.draft_mark.clone());
            }
            Ok(document)
        } else {
            Err(deduplicated(errors))
        }
    }

    /// How complete the translation of `country`'s booklet into `lang` is.
    pub fn status(&self, country: &str, lang: &str) -> Result<Status, Vec<Diagnostic>> {
        self.country(country)?;
        let language = self.language(lang)?;
        let edition = i18n::edition(self.english(), country);
        Ok(i18n::status(&self.data_dir, language, country, &edition))
    }

    /// Every string of the project with its translation into `lang`, as a
    /// PO file for translation tools. `lang` need have no files yet: that
    /// is how a new translation starts.
    pub fn export_po(&self, lang: &str) -> Result<String, Vec<Diagnostic>> {
        let language = self.translatable(lang)?;
        Ok(i18n::export(&language, &self.english()))
    }

    /// Reads the PO file at `path` and works out the translation files its
    /// translations give. Nothing is written: the caller writes
    /// [`Import::files`].
    pub fn import_po(&self, path: &Path) -> Result<Import, Vec<Diagnostic>> {
        let file = SourceFile::read(path.to_owned()).map_err(|error| vec![error])?;
        let incoming = i18n::read(file)?;
        let language = self.translatable(&incoming.lang)?;
        i18n::import(&self.data_dir, &self.english(), &language, &incoming)
    }

    /// `lang`'s files read afresh, for exchange: refused for English, the
    /// pseudo language, and while the files have errors (an import would
    /// otherwise overwrite what could not be read).
    fn translatable(&self, lang: &str) -> Result<Language, Vec<Diagnostic>> {
        let place = self.data_dir.join("translations").join(lang);
        if lang == SOURCE_LANG || lang == PSEUDO {
            return Err(vec![Diagnostic::file_error(
                place,
                format!(
                    "\"{lang}\" is not translated: translations are made from English into other languages"
                ),
            )]);
        }
        let language = Language::load(&self.data_dir, lang, &self.english(), &self.english_locale);
        let errors = language.errors();
        if errors.is_empty() {
            Ok(language)
        } else {
            Err(errors)
        }
    }

    fn language(&self, lang: &str) -> Result<&Language, Vec<Diagnostic>> {
        self.languages.get(lang).ok_or_else(|| {
            let path = self.data_dir.join("locales").join(format!("{lang}.toml"));
            let known = self.languages().join(", ");
            vec![
                Diagnostic::file_error(path, format!("no \"{lang}\" language in the data folder"))
                    .with_hint(format!(
                        "expected one of {known} or {PSEUDO}; a language is added with its locale file or translations"
                    )),
            ]
        })
    }

    fn country(&self, country: &str) -> Result<&Loaded<Country>, Vec<Diagnostic>> {
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
        Ok(loaded)
    }

    fn shared(&self) -> compose::Shared<'_> {
        let english = &self.languages[SOURCE_LANG];
        compose::Shared {
            campaign: &self.campaign,
            dataset: &self.dataset,
            locale: &english.locale,
            lang: SOURCE_LANG,
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
        locale: &locale.content,
        lang: SOURCE_LANG,
        cover,
    };
    let mut cited_anywhere = BTreeSet::new();
    for country in files.countries.values() {
        let composition = compose::compose(shared, country, &Strings::default());
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
