//! The shape of the content files a communications officer edits:
//! `campaign.toml`, `countries/*.toml` and `locales/*.toml`.
//!
//! Every field keeps its place in the file (`Spanned`) so that checks made
//! after parsing can still name the line to fix. Unknown keys are refused:
//! a misspelt key would otherwise silently drop content from the booklet.
//!
//! Fields of type [`Text`] hold inline Markdown with placeholders (see
//! [`crate::markup`] and [`crate::placeholders`]); fields of type
//! [`Plain`] hold placeholders only.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_spanned::Spanned;

use crate::doc::NoteKind;
use crate::theme::ColorName;

/// Inline Markdown with `{placeholders}` and `[^note]` references.
pub type Text = Spanned<String>;
/// Text with `{placeholders}` but no markup (metadata, cover lines).
pub type Plain = Spanned<String>;
/// Note bodies by note id.
pub type NoteTable = BTreeMap<Spanned<String>, Text>;

/// `campaign.toml`: what every country's booklet shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Campaign {
    /// The campaign's name: the cover's subtitle and the PDF subject.
    pub name: Plain,
    /// PDF author.
    pub author: Plain,
    pub document_title: Plain,
    pub running_header: Plain,
    pub cover_title: Vec<Plain>,
    pub imprint: Plain,
    #[serde(default)]
    pub keywords: Vec<Plain>,
    pub introduction: Section,
    pub overview: Overview,
    pub situation: SituationTemplate,
    pub progress: Titled,
    pub goals: Spanned<Vec<Goal>>,
    pub petition: PetitionTemplate,
    pub methodology: Section,
    pub endnotes_section: Titled,
    #[serde(default)]
    pub footnotes: NoteTable,
    #[serde(default)]
    pub endnotes: NoteTable,
    #[serde(default)]
    pub sources: NoteTable,
    /// The outside back cover; a booklet without one ends with its last
    /// page of content (or of padding).
    pub back_cover: Option<BackCover>,
}

/// What the outside back cover says: the side of the booklet a reader
/// sees when it lies face down, so it carries who made it and how to reach
/// them rather than any of the booklet's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BackCover {
    /// A sentence or two set large: what the campaign asks of the reader.
    pub statement: Plain,
    /// The words before the partners, e.g. "A campaign by".
    pub partners_label: Plain,
    /// One line per organisation.
    pub partners: Vec<Plain>,
    /// Postal address or other way to reach the publisher, one line each.
    #[serde(default)]
    pub contact: Vec<Plain>,
    /// The web address(es), as printed.
    pub web: Plain,
    /// Copyright, permissions, who designed and printed the booklet.
    pub credits: Plain,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Titled {
    pub title: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    pub title: Text,
    pub paragraphs: Vec<Text>,
}

/// Section 2: the global overview and its two figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Overview {
    pub title: Text,
    pub paragraphs: Vec<Text>,
    /// Title of Figure 1, the share of countries in each category.
    pub chart_title: Text,
    /// Title of Figure 2, the countries of each category in rank order.
    pub table_title: Text,
}

/// Section 3's campaign side: its title and the lead sentence, whose
/// figures are computed from the dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SituationTemplate {
    pub title: Text,
    pub lead: Text,
}

/// One of the campaign's goals (section 4's subsections). Its letter comes
/// from its position: the first goal is "A".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Goal {
    /// Key of the goal's content in country files (`[goals.<id>]`).
    pub id: Spanned<String>,
    pub title: Text,
    pub intro: Vec<Text>,
    pub quote: Option<Quote>,
    pub table_caption: Text,
    pub indicators: Spanned<Vec<Indicator>>,
    /// What the indicators measure and why, set after the indicator table.
    pub explanation: Text,
    pub call_to_action_title: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Quote {
    pub text: Text,
    pub attribution: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Indicator {
    /// Printed before the title ("1.1. …") and the key of the assessment in
    /// country files (`[assessments."1.1"]`).
    pub id: Spanned<String>,
    pub title: Text,
}

/// Section 5's campaign side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PetitionTemplate {
    pub title: Text,
    pub preamble: Vec<Text>,
    /// The sentence introducing the country's demands.
    pub demands_intro: Text,
    /// Set after the demands, labelled with the locale's "Note:".
    pub note: Text,
}

/// `countries/<id>.toml`: one country's content.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Country {
    /// Short name, as in "USA Progress Card" (placeholder `{country}`).
    pub name: Spanned<String>,
    /// Name inside a sentence, as in "in the USA" (`{the_country}`).
    pub name_in_text: Spanned<String>,
    /// The country's name in `dataset.toml` when it differs from `name`.
    pub dataset_name: Option<Spanned<String>>,
    /// Who produced the booklet; closes the methodology section.
    pub credits: Text,
    pub situation: Situation,
    pub goals: Spanned<BTreeMap<Spanned<String>, CountryGoal>>,
    pub assessments: Spanned<BTreeMap<Spanned<String>, Assessment>>,
    pub petition: Petition,
    #[serde(default)]
    pub footnotes: NoteTable,
    #[serde(default)]
    pub endnotes: NoteTable,
    #[serde(default)]
    pub sources: NoteTable,
}

impl Country {
    /// The name that links the country to its dataset entry.
    pub fn dataset_name(&self) -> &Spanned<String> {
        self.dataset_name.as_ref().unwrap_or(&self.name)
    }
}

/// Section 3's country side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Situation {
    /// Paragraphs after the lead sentence, before the minor heading.
    pub summary: Vec<Text>,
    pub heading: Option<Text>,
    /// Runs of paragraphs, each optionally followed by a case study.
    pub parts: Vec<SituationPart>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SituationPart {
    pub paragraphs: Vec<Text>,
    pub case_study: Option<CaseStudy>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CaseStudy {
    /// Printed after the locale's "Case Study:".
    pub title: Text,
    pub paragraphs: Vec<Text>,
    pub sources: Vec<Text>,
}

/// A goal's country side (`[goals.<id>]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CountryGoal {
    /// A table set after the goal's introduction (e.g. ratified conventions).
    pub table: Option<GridTable>,
    /// The country's paragraphs, after the campaign's explanation.
    pub paragraphs: Vec<Text>,
    /// The call to action's bullet points.
    pub call_to_action: Vec<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GridTable {
    /// Relative column widths; equal when left out.
    pub columns: Option<Spanned<Vec<f32>>>,
    pub header: Spanned<Vec<Text>>,
    pub rows: Vec<Spanned<Vec<Text>>>,
}

/// How a country does on one indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Assessment {
    /// `GREEN`, `YELLOW` or `RED`; checked by [`Rating::parse`] so that a
    /// misspelling gets a helpful message.
    pub rating: Spanned<String>,
    /// Work undertaken by NGOs in the field.
    #[serde(default)]
    pub star: bool,
    pub text: Text,
}

/// Section 5's country side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Petition {
    pub paragraphs: Vec<Text>,
    pub demands: Vec<Text>,
}

/// The notes a campaign or country file defines; where a note is defined
/// decides its kind.
pub trait DefinesNotes {
    fn note_tables(&self) -> [(NoteKind, &NoteTable); 3];
}

impl DefinesNotes for Campaign {
    fn note_tables(&self) -> [(NoteKind, &NoteTable); 3] {
        [
            (NoteKind::Footnote, &self.footnotes),
            (NoteKind::Endnote, &self.endnotes),
            (NoteKind::Source, &self.sources),
        ]
    }
}

impl DefinesNotes for Country {
    fn note_tables(&self) -> [(NoteKind, &NoteTable); 3] {
        [
            (NoteKind::Footnote, &self.footnotes),
            (NoteKind::Endnote, &self.endnotes),
            (NoteKind::Source, &self.sources),
        ]
    }
}

/// An indicator's rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Green,
    Yellow,
    Red,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Green, Rating::Yellow, Rating::Red];

    /// The word written in country files.
    pub fn key(self) -> &'static str {
        match self {
            Rating::Green => "GREEN",
            Rating::Yellow => "YELLOW",
            Rating::Red => "RED",
        }
    }

    pub fn parse(key: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.key() == key)
    }

    pub fn color(self) -> ColorName {
        match self {
            Rating::Green => ColorName::Green,
            Rating::Yellow => ColorName::Yellow,
            Rating::Red => ColorName::Red,
        }
    }
}

/// `locales/<lang>.toml`: words of the booklet that belong to no country
/// and no campaign.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Locale {
    pub toc_title: String,
    /// Title of the ruled pages that pad a booklet to whole sheets, when
    /// the theme asks for ruled pages (`[binding] padding = "notes"`).
    pub notes_title: String,
    pub page_label: String,
    pub source_label: String,
    pub sources_label: String,
    pub note_label: String,
    pub figure_label: String,
    pub case_study_label: String,
    /// Printed in the running footer of a booklet whose content still has
    /// TODOs, so that a draft is never taken for the finished booklet.
    pub draft_mark: String,
    /// After a shaded box's title where it is repeated at the top of the
    /// page the box continues on, e.g. "(continued)".
    pub continued_label: String,
    /// Figure 1's text alternative; `{bars}` is the list of `bar_alt`s.
    pub bar_chart_alt: String,
    /// One bar of Figure 1: `{count}` of `{total}` countries, `{percent}`,
    /// `{category}` (the category's phrase).
    pub bar_alt: String,
    /// Figure 2's text alternative; `{columns}` is the `column_alt`s.
    pub ranking_table_alt: String,
    /// One column of Figure 2: `{category}` and its `{countries}`.
    pub column_alt: String,
    pub ratings: RatingLabels,
    pub categories: CategoryNames,
}

/// The words shown on rating bands, so colour is never the only carrier of
/// meaning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RatingLabels {
    pub green: String,
    pub yellow: String,
    pub red: String,
}

impl RatingLabels {
    pub fn label(&self, rating: Rating) -> &str {
        match rating {
            Rating::Green => &self.green,
            Rating::Yellow => &self.yellow,
            Rating::Red => &self.red,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryNames {
    pub slow_progress: CategoryName,
    pub limited_measures: CategoryName,
    pub some_progress: CategoryName,
    pub notable_efforts: CategoryName,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryName {
    /// As a heading, e.g. "LIMITED MEASURES".
    pub name: String,
    /// Inside a sentence (`{category_phrase}`), e.g. "limited measures".
    pub phrase: String,
}

/// Which content file a text comes from, so that problems found while
/// composing point into the right file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Campaign,
    Country,
}
