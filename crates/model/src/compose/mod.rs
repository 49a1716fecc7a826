//! One edition, a country's booklet in a language, as a [`Document`].
//!
//! Composing reads every text of the campaign and the country in reading
//! order, so it is also where text-level problems are found: unknown
//! placeholders, notes cited but not defined, page references to anchors
//! that do not exist, markup that is not inline. [`crate::Project::load`]
//! composes every country once to report them all before any build.
//!
//! In another language, each English text is looked up in the edition's
//! [`Strings`] and its translation composed instead, with problems pointing
//! into the translation's file.

mod goals;
mod inlines;
mod punctuation;
mod sections;

pub(crate) use goals::letter;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::content::{Campaign, Country, Locale, Origin, Text};
use crate::dataset::{Category, Dataset};
use crate::diag::Diagnostic;
use crate::doc::{self, BackCover, Block, Cover, Document, Image, Note, NoteKind};
use crate::figures::Share;
use crate::formats::Formats;
use crate::i18n::Strings;
use crate::load::files::{Loaded, SourceFile};
use crate::notes::{self, Definition};
use crate::placeholders::{Placeholder, Values};

/// A composed booklet with the problems found on the way and the ids of
/// the notes it cites (to find notes no booklet cites).
pub struct Composition {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
    pub cited: BTreeSet<String>,
}

/// What every booklet of a language is composed from besides its
/// country's file.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    pub campaign: &'a Loaded<Campaign>,
    pub dataset: &'a Dataset,
    /// The language's interface words.
    pub locale: &'a Locale,
    /// BCP 47 tag of the language, for the document and its formats.
    pub lang: &'a str,
    pub cover: Option<&'a Image>,
}

/// `country`'s booklet, with the translations of `strings`.
pub fn compose<'p>(
    shared: Shared<'p>,
    country: &'p Loaded<Country>,
    strings: &'p Strings<'p>,
) -> Composition {
    let mut composer = Composer::new(shared, country, strings);
    let blocks = composer.body();
    let document = composer.document(blocks);
    composer.check_page_refs(&document);
    Composition {
        document,
        diagnostics: composer.diagnostics,
        cited: composer.numbered.into_keys().collect(),
    }
}

/// The state of one composition.
struct Composer<'p> {
    shared: Shared<'p>,
    country: &'p Loaded<Country>,
    strings: &'p Strings<'p>,
    formats: Formats,
    /// The country's category, when the dataset lists it.
    category: Option<Category>,
    values: Values,
    definitions: BTreeMap<&'p str, Definition<'p>>,
    /// Notes in order of first citation; `numbered` maps ids to positions.
    notes: Vec<Note>,
    numbered: BTreeMap<String, usize>,
    /// Sources cited in the goal being composed, listed at its end. `None`
    /// outside goals, where sources cannot be cited.
    goal_sources: Option<Vec<&'p str>>,
    /// Page references, checked once every anchor is known.
    page_refs: Vec<PageRefUse<'p>>,
    anchors: BTreeSet<String>,
    /// Level-1 headings so far, for their numbers.
    sections: usize,
    diagnostics: Vec<Diagnostic>,
}

struct PageRefUse<'p> {
    anchor: String,
    source: Source<'p>,
    at: Range<usize>,
}

/// A text as the edition prints it: the English, or its translation, with
/// the file it is in.
#[derive(Debug, Clone, Copy)]
struct Source<'p> {
    /// The English text's file, which decides what it may cite.
    origin: Origin,
    file: &'p SourceFile,
    text: &'p Text,
}

impl<'p> Composer<'p> {
    fn new(
        shared: Shared<'p>,
        country: &'p Loaded<Country>,
        strings: &'p Strings<'p>,
    ) -> Composer<'p> {
        let campaign = &shared.campaign.content;
        let formats = Formats::new(shared.lang);
        let category = shared
            .dataset
            .category_of(country.content.dataset_name().get_ref());
        let name = |text: &'p Text| {
            strings
                .text(Origin::Country, text)
                .map_or(text.get_ref(), |localised| localised.text.get_ref())
        };
        let mut values = Values::default();
        values.set(Placeholder::Country, name(&country.content.name));
        values.set(Placeholder::TheCountry, name(&country.content.name_in_text));
        values.set(
            Placeholder::CountriesTotal,
            formats.count(shared.dataset.total()),
        );
        let indicators: usize = campaign
            .goals
            .get_ref()
            .iter()
            .map(|goal| goal.indicators.get_ref().len())
            .sum();
        values.set(Placeholder::IndicatorsTotal, formats.count(indicators));
        values.set(Placeholder::AsOf, formats.month(shared.dataset.as_of));
        if let Some(category) = category {
            let share = Share::of(shared.dataset, category);
            values.set(
                Placeholder::CategoryPercent,
                formats.percent(share.percent()),
            );
            values.set(Placeholder::CategoryCount, formats.count(share.count));
            values.set(
                Placeholder::CategoryPhrase,
                &shared.locale.categories.get(category).phrase,
            );
        }
        Composer {
            shared,
            country,
            strings,
            formats,
            category,
            values,
            definitions: notes::definitions(campaign, &country.content),
            notes: Vec::new(),
            numbered: BTreeMap::new(),
            goal_sources: None,
            page_refs: Vec::new(),
            anchors: BTreeSet::new(),
            sections: 0,
            diagnostics: Vec::new(),
        }
    }

    fn document(&mut self, blocks: Vec<Block>) -> Document {
        let campaign = &self.shared.campaign.content;
        let locale = self.shared.locale;
        Document {
            lang: self.shared.lang.to_owned(),
            title: self.plain(Origin::Campaign, &campaign.document_title),
            author: self.plain(Origin::Campaign, &campaign.author),
            subject: self.plain(Origin::Campaign, &campaign.name),
            keywords: campaign
                .keywords
                .iter()
                .map(|keyword| self.plain(Origin::Campaign, keyword))
                .collect(),
            cover: Cover {
                title: campaign
                    .cover_title
                    .iter()
                    .map(|line| self.plain(Origin::Campaign, line))
                    .collect(),
                subtitle: self.plain(Origin::Campaign, &campaign.name),
                imprint: self.plain(Origin::Campaign, &campaign.imprint),
                image: self.shared.cover.cloned(),
            },
            back_cover: campaign.back_cover.as_ref().map(|back| BackCover {
                name: self.plain(Origin::Campaign, &campaign.name),
                statement: self.plain(Origin::Campaign, &back.statement),
                partners_label: self.plain(Origin::Campaign, &back.partners_label),
                partners: back
                    .partners
                    .iter()
                    .map(|line| self.plain(Origin::Campaign, line))
                    .collect(),
                contact: back
                    .contact
                    .iter()
                    .map(|line| self.plain(Origin::Campaign, line))
                    .collect(),
                web: self.plain(Origin::Campaign, &back.web),
                credits: self.plain(Origin::Campaign, &back.credits),
            }),
            notes_title: locale.notes_title.clone(),
            toc_title: locale.toc_title.clone(),
            page_label: locale.page_label.clone(),
            running_header: self.plain(Origin::Campaign, &campaign.running_header),
            // Set by `Project::compose`, which knows the TODOs left.
            draft_mark: None,
            continued_label: locale.continued_label.clone(),
            blocks,
            notes: std::mem::take(&mut self.notes),
        }
    }

    /// `base`, or `base-2`, `base-3`… if already taken: anchors must be
    /// unique for links and cross-references to land in one place.
    fn anchor(&mut self, base: &str) -> String {
        let mut anchor = base.to_owned();
        let mut n = 1;
        while self.anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.anchors.insert(anchor.clone());
        anchor
    }

    /// Reports page references to anchors that no heading, figure or note
    /// of the document carries.
    fn check_page_refs(&mut self, document: &Document) {
        let is_target = |anchor: &String| {
            self.anchors.contains(anchor)
                || document.notes.iter().any(|note| &note.anchor == anchor)
        };
        let known = self.anchors.iter().cloned().collect::<Vec<_>>().join(", ");
        let diagnostics: Vec<Diagnostic> = self
            .page_refs
            .iter()
            .filter(|r| !is_target(&r.anchor))
            .map(|r| {
                r.source
                    .file
                    .error_in(
                        r.source.text,
                        r.at.clone(),
                        format!("no place in the booklet is called \"#{}\"", r.anchor),
                    )
                    .with_hint(format!("expected one of {known}"))
            })
            .collect();
        self.diagnostics.extend(diagnostics);
    }

    /// `text`, of the English file `origin`, as the edition prints it.
    fn source(&self, origin: Origin, text: &'p Text) -> Source<'p> {
        match self.strings.text(origin, text) {
            Some(localised) => Source {
                origin,
                file: localised.file,
                text: localised.text,
            },
            None => Source {
                origin,
                file: match origin {
                    Origin::Campaign => &self.shared.campaign.file,
                    Origin::Country => &self.country.file,
                },
                text,
            },
        }
    }

    /// Where the edition's `text`, of the English file `origin`, was
    /// written: in that file, or in the translation's.
    fn origin_of(&self, origin: Origin, text: &'p Text) -> doc::Origin {
        let source = self.source(origin, text);
        doc::Origin::new(source.file, source.text)
    }

    /// Assigns the next marker of `kind` to note `id` and returns its index
    /// in [`Document::notes`].
    fn number(&mut self, id: &str, kind: NoteKind) -> usize {
        let number = self.notes.iter().filter(|note| note.kind == kind).count() + 1;
        let marker = notes::marker(kind, number);
        let index = self.notes.len();
        self.notes.push(Note {
            kind,
            anchor: notes::anchor(kind, &marker),
            marker,
            text: Vec::new(),
            origin: None,
        });
        self.numbered.insert(id.to_owned(), index);
        index
    }
}
