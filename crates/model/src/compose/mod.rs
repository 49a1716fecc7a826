//! One country's booklet as a [`Document`].
//!
//! Composing reads every text of the campaign and the country in reading
//! order, so it is also where text-level problems are found: unknown
//! placeholders, notes cited but not defined, page references to anchors
//! that do not exist, markup that is not inline. [`crate::Project::load`]
//! composes every country once to report them all before any build.

mod goals;
mod inlines;
mod sections;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::content::{Campaign, Country, Locale, Origin, Text};
use crate::dataset::{Category, Dataset};
use crate::diag::Diagnostic;
use crate::doc::{Block, Cover, Document, Image, Note, NoteKind};
use crate::figures::Share;
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

/// What every booklet is composed from besides its country's file.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    pub campaign: &'a Loaded<Campaign>,
    pub dataset: &'a Dataset,
    pub locale: &'a Locale,
    pub cover: Option<&'a Image>,
}

pub fn compose(shared: Shared<'_>, country: &Loaded<Country>) -> Composition {
    let mut composer = Composer::new(shared, country);
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
    origin: Origin,
    text: &'p Text,
    at: Range<usize>,
}

impl<'p> Composer<'p> {
    fn new(shared: Shared<'p>, country: &'p Loaded<Country>) -> Composer<'p> {
        let campaign = &shared.campaign.content;
        let category = shared
            .dataset
            .category_of(country.content.dataset_name().get_ref());
        let mut values = Values::default();
        values.set(Placeholder::Country, country.content.name.get_ref());
        values.set(
            Placeholder::TheCountry,
            country.content.name_in_text.get_ref(),
        );
        values.set(
            Placeholder::CountriesTotal,
            shared.dataset.total().to_string(),
        );
        let indicators: usize = campaign
            .goals
            .get_ref()
            .iter()
            .map(|goal| goal.indicators.get_ref().len())
            .sum();
        values.set(Placeholder::IndicatorsTotal, indicators.to_string());
        values.set(Placeholder::AsOf, &shared.dataset.as_of);
        if let Some(category) = category {
            let share = Share::of(shared.dataset, category);
            values.set(
                Placeholder::CategoryPercent,
                format!("{}%", share.percent()),
            );
            values.set(Placeholder::CategoryCount, share.count.to_string());
            values.set(
                Placeholder::CategoryPhrase,
                &shared.locale.categories.get(category).phrase,
            );
        }
        Composer {
            shared,
            country,
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
            lang: crate::load::LANG.to_owned(),
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
            toc_title: locale.toc_title.clone(),
            page_label: locale.page_label.clone(),
            running_header: self.plain(Origin::Campaign, &campaign.running_header),
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
                self.file(r.origin)
                    .error_in(
                        r.text,
                        r.at.clone(),
                        format!("no place in the booklet is called \"#{}\"", r.anchor),
                    )
                    .with_hint(format!("expected one of {known}"))
            })
            .collect();
        self.diagnostics.extend(diagnostics);
    }

    fn file(&self, origin: Origin) -> &'p SourceFile {
        match origin {
            Origin::Campaign => &self.shared.campaign.file,
            Origin::Country => &self.country.file,
        }
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
        });
        self.numbered.insert(id.to_owned(), index);
        index
    }
}
