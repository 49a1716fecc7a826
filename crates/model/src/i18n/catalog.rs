//! The English strings a translation translates, each with a stable id.
//!
//! An id is the string's path in its file, with list items numbered from 1
//! and goals, indicators and notes named by their own ids:
//! `introduction.paragraphs.2`, `goals.prevention.indicators.1.1.title`,
//! `endnotes.tip-2009-destination`. Ids of notes, goals and indicators do
//! not move when text is added around them; list positions do, and the
//! fingerprint each translation keeps then shows it stale rather than
//! silently wrong.

use serde_spanned::Spanned;

use crate::content::{BackCover, Campaign, Country, DefinesNotes, Goal, Section, Text};
use crate::doc::NoteKind;
use crate::load::files::SourceFile;

/// A content file that holds strings to translate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    Campaign,
    /// A country file, by country id.
    Country(String),
    Dataset,
    /// The English locale file's interface words.
    Locale,
}

impl FileKey {
    /// The English file, relative to the data folder; also how exchange
    /// files name the file a string belongs to.
    pub fn english_path(&self) -> String {
        match self {
            FileKey::Campaign => "campaign.toml".into(),
            FileKey::Country(id) => format!("countries/{id}.toml"),
            FileKey::Dataset => "dataset.toml".into(),
            FileKey::Locale => format!("locales/{}.toml", super::SOURCE_LANG),
        }
    }

    /// Where the translation into `lang` lives, relative to the data
    /// folder. Interface words keep the shape of the English locale file;
    /// content translations live apart from the English, one file per
    /// English file.
    pub fn translation_path(&self, lang: &str) -> String {
        match self {
            FileKey::Locale => format!("locales/{lang}.toml"),
            other => format!("translations/{lang}/{}", other.english_path()),
        }
    }
}

/// How a string is written, which decides what a translation must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Inline Markdown with placeholders and note references.
    Markdown,
    /// Text with placeholders but no markup (metadata, cover, names).
    Plain,
}

/// One English string to translate.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    pub id: String,
    pub source: &'a Spanned<String>,
    pub format: Format,
    /// Where the string is printed, for the translator.
    pub context: String,
}

/// The strings of one English file, in file order.
#[derive(Debug, Clone)]
pub struct FileMessages<'a> {
    pub key: FileKey,
    pub file: &'a SourceFile,
    pub messages: Vec<Message<'a>>,
}

#[derive(Default)]
struct Collector<'a> {
    messages: Vec<Message<'a>>,
}

impl<'a> Collector<'a> {
    fn add(&mut self, id: String, source: &'a Spanned<String>, format: Format, context: String) {
        self.messages.push(Message {
            id,
            source,
            format,
            context,
        });
    }

    fn text(&mut self, id: impl Into<String>, source: &'a Text, context: impl Into<String>) {
        self.add(id.into(), source, Format::Markdown, context.into());
    }

    fn plain(&mut self, id: impl Into<String>, source: &'a Text, context: impl Into<String>) {
        self.add(id.into(), source, Format::Plain, context.into());
    }

    /// Items of a list, numbered from 1 in their ids and contexts.
    fn texts(&mut self, id: &str, sources: &'a [Text], format: Format, what: &str) {
        for (n, source) in (1..).zip(sources) {
            let context = format!("{what} {n} of {}.", sources.len());
            self.add(format!("{id}.{n}"), source, format, context);
        }
    }

    /// The messages in the order a translator reads the file: tables of
    /// goals, assessments and notes are collected by id.
    fn in_file_order(mut self) -> Vec<Message<'a>> {
        self.messages
            .sort_by_key(|message| message.source.span().start);
        self.messages
    }

    fn notes(&mut self, file: &'a impl DefinesNotes) {
        for (kind, table) in file.note_tables() {
            let (key, what) = match kind {
                NoteKind::Footnote => ("footnotes", "A footnote, set at the foot of the page."),
                NoteKind::Endnote => ("endnotes", "An endnote, listed in the endnotes section."),
                NoteKind::Source => (
                    "sources",
                    "A source, listed under the goal whose call to action cites it.",
                ),
            };
            for (id, text) in table {
                self.text(format!("{key}.{}", id.get_ref()), text, what);
            }
        }
    }
}

/// The strings of `campaign.toml`.
pub fn campaign(campaign: &Campaign) -> Vec<Message<'_>> {
    let mut out = Collector::default();
    let c = campaign;
    out.plain(
        "name",
        &c.name,
        "The campaign's name: the cover's subtitle and the PDF's subject.",
    );
    out.plain("author", &c.author, "The PDF's author.");
    out.plain(
        "document-title",
        &c.document_title,
        "The PDF's title, shown in the reader's title bar.",
    );
    out.plain(
        "running-header",
        &c.running_header,
        "Printed at the top of every page but the cover.",
    );
    out.texts(
        "cover-title",
        &c.cover_title,
        Format::Plain,
        "Line of the cover's large title (capitals):",
    );
    out.plain("imprint", &c.imprint, "The line at the foot of the cover.");
    out.texts(
        "keywords",
        &c.keywords,
        Format::Plain,
        "A keyword of the PDF's metadata:",
    );
    section(&mut out, "introduction", "section 1", &c.introduction);
    let o = &c.overview;
    out.text(
        "overview.title",
        &o.title,
        "Heading of section 2 (capitals), also in the table of contents.",
    );
    out.texts(
        "overview.paragraphs",
        &o.paragraphs,
        Format::Markdown,
        "Section 2, paragraph",
    );
    out.text(
        "overview.chart-title",
        &o.chart_title,
        "Title of Figure 1, a bar chart of the share of countries in each category.",
    );
    out.text(
        "overview.table-title",
        &o.table_title,
        "Title of Figure 2, the countries of each category in rank order.",
    );
    out.text(
        "situation.title",
        &c.situation.title,
        "Heading of section 3 (capitals), also in the table of contents.",
    );
    out.text(
        "situation.lead",
        &c.situation.lead,
        "The sentence that opens section 3, set larger.",
    );
    out.text(
        "progress.title",
        &c.progress.title,
        "Heading of section 4 (capitals), also in the table of contents.",
    );
    for goal in c.goals.get_ref() {
        self::goal(&mut out, goal);
    }
    let p = &c.petition;
    out.text(
        "petition.title",
        &p.title,
        "Heading of section 5 (capitals), also in the table of contents.",
    );
    out.texts(
        "petition.preamble",
        &p.preamble,
        Format::Markdown,
        "Section 5, paragraph",
    );
    out.text(
        "petition.demands-intro",
        &p.demands_intro,
        "Introduces the bulleted list of the country's demands.",
    );
    out.text(
        "petition.note",
        &p.note,
        "Small print after the demands, after the word \"Note:\".",
    );
    section(&mut out, "methodology", "section 6", &c.methodology);
    out.text(
        "endnotes-section.title",
        &c.endnotes_section.title,
        "Heading of section 7, the endnotes (capitals).",
    );
    if let Some(back) = &c.back_cover {
        back_cover(&mut out, back);
    }
    out.notes(campaign);
    out.in_file_order()
}

fn back_cover<'a>(out: &mut Collector<'a>, back: &'a BackCover) {
    out.plain(
        "back-cover.statement",
        &back.statement,
        "The sentence set large on the outside back cover.",
    );
    out.plain(
        "back-cover.partners-label",
        &back.partners_label,
        "On the back cover, the words before the partners' names.",
    );
    out.texts(
        "back-cover.partners",
        &back.partners,
        Format::Plain,
        "On the back cover, partner",
    );
    out.texts(
        "back-cover.contact",
        &back.contact,
        Format::Plain,
        "On the back cover, line of the publisher's address",
    );
    out.plain(
        "back-cover.web",
        &back.web,
        "On the back cover, the web address(es).",
    );
    out.plain(
        "back-cover.credits",
        &back.credits,
        "Small print at the foot of the back cover: copyright, credits.",
    );
}

fn section<'a>(out: &mut Collector<'a>, key: &str, name: &str, section: &'a Section) {
    out.text(
        format!("{key}.title"),
        &section.title,
        format!("Heading of {name} (capitals), also in the table of contents."),
    );
    let what = format!("{}, paragraph", capitalised(name));
    out.texts(
        &format!("{key}.paragraphs"),
        &section.paragraphs,
        Format::Markdown,
        &what,
    );
}

fn goal<'a>(out: &mut Collector<'a>, goal: &'a Goal) {
    let key = format!("goals.{}", goal.id.get_ref());
    let name = format!("goal \"{}\"", goal.id.get_ref());
    out.text(
        format!("{key}.title"),
        &goal.title,
        format!("Heading of {name} in section 4, also in the table of contents."),
    );
    let what = format!("Introduction of {name}, paragraph");
    out.texts(
        &format!("{key}.intro"),
        &goal.intro,
        Format::Markdown,
        &what,
    );
    if let Some(quote) = &goal.quote {
        out.text(
            format!("{key}.quote.text"),
            &quote.text,
            format!("A quotation set in the introduction of {name}."),
        );
        out.text(
            format!("{key}.quote.attribution"),
            &quote.attribution,
            "Who the quotation is from, set after a dash.",
        );
    }
    out.text(
        format!("{key}.table-caption"),
        &goal.table_caption,
        format!("Caption above the indicator table of {name}."),
    );
    for indicator in goal.indicators.get_ref() {
        let id = indicator.id.get_ref();
        out.text(
            format!("{key}.indicators.{id}.title"),
            &indicator.title,
            format!("Column heading of indicator {id} in the indicator table (after \"{id}. \")."),
        );
    }
    out.text(
        format!("{key}.explanation"),
        &goal.explanation,
        format!("What the indicators of {name} measure, after its indicator table."),
    );
    out.text(
        format!("{key}.call-to-action-title"),
        &goal.call_to_action_title,
        format!("Title of the call-to-action box of {name} (capitals)."),
    );
}

/// The strings of a country file.
pub fn country(country: &Country) -> Vec<Message<'_>> {
    let mut out = Collector::default();
    let c = country;
    out.plain(
        "name",
        &c.name,
        "The country's short name, as in \"USA Country Progress Card\" (placeholder {country}).",
    );
    out.plain(
        "name-in-text",
        &c.name_in_text,
        "The country's name inside a sentence, as in \"in the USA\" (placeholder {the_country}).",
    );
    out.text(
        "credits",
        &c.credits,
        "Who produced the booklet; closes the methodology section.",
    );
    let s = &c.situation;
    out.texts(
        "situation.summary",
        &s.summary,
        Format::Markdown,
        "Section 3, summary paragraph",
    );
    if let Some(heading) = &s.heading {
        out.text(
            "situation.heading",
            heading,
            "A minor heading in section 3.",
        );
    }
    for (n, part) in (1..).zip(&s.parts) {
        let key = format!("situation.parts.{n}");
        let what = format!("Section 3, part {n}, paragraph");
        out.texts(
            &format!("{key}.paragraphs"),
            &part.paragraphs,
            Format::Markdown,
            &what,
        );
        if let Some(study) = &part.case_study {
            out.text(
                format!("{key}.case-study.title"),
                &study.title,
                "Title of a case-study box, after the words \"Case Study:\".",
            );
            out.texts(
                &format!("{key}.case-study.paragraphs"),
                &study.paragraphs,
                Format::Markdown,
                "Case study, paragraph",
            );
            out.texts(
                &format!("{key}.case-study.sources"),
                &study.sources,
                Format::Markdown,
                "Case study, source",
            );
        }
    }
    for (id, goal) in c.goals.get_ref() {
        let key = format!("goals.{}", id.get_ref());
        if let Some(table) = &goal.table {
            out.texts(
                &format!("{key}.table.header"),
                table.header.get_ref(),
                Format::Markdown,
                "Table heading, column",
            );
            for (n, row) in (1..).zip(&table.rows) {
                let what = format!("Table row {n}, column");
                out.texts(
                    &format!("{key}.table.rows.{n}"),
                    row.get_ref(),
                    Format::Markdown,
                    &what,
                );
            }
        }
        let name = format!("goal \"{}\"", id.get_ref());
        out.texts(
            &format!("{key}.paragraphs"),
            &goal.paragraphs,
            Format::Markdown,
            &format!("The country's paragraph on {name}, after the indicators explained;"),
        );
        out.texts(
            &format!("{key}.call-to-action"),
            &goal.call_to_action,
            Format::Markdown,
            &format!("Bullet point of the call-to-action box of {name}:"),
        );
    }
    for (id, assessment) in c.assessments.get_ref() {
        let id = id.get_ref();
        out.text(
            format!("assessments.{id}.text"),
            &assessment.text,
            format!(
                "The country's assessment of indicator {id}, in a cell of the indicator table."
            ),
        );
    }
    out.texts(
        "petition.paragraphs",
        &c.petition.paragraphs,
        Format::Markdown,
        "Section 5, the country's paragraph",
    );
    out.texts(
        "petition.demands",
        &c.petition.demands,
        Format::Markdown,
        "Section 5, demand (bullet point)",
    );
    out.notes(country);
    out.in_file_order()
}

/// The country names of `dataset.toml`, printed in Figure 2.
pub fn dataset(names: &[Spanned<String>]) -> Vec<Message<'_>> {
    names
        .iter()
        .map(|name| Message {
            id: format!("countries.{}", name.get_ref()),
            source: name,
            format: Format::Plain,
            context: "A country's name in Figure 2, the countries of each category.".into(),
        })
        .collect()
}

/// The interface words of the English locale file, by key path.
pub fn locale(strings: &[(String, Spanned<String>)]) -> Vec<Message<'_>> {
    strings
        .iter()
        .map(|(id, text)| Message {
            id: id.clone(),
            source: text,
            format: Format::Plain,
            context: locale_context(id).into(),
        })
        .collect()
}

fn locale_context(id: &str) -> &'static str {
    match id {
        "toc-title" => "Heading of the table of contents (capitals).",
        "notes-title" => {
            "Title of the ruled pages left for the reader's notes at the end of the booklet."
        }
        "page-label" => "The word before the page number in each page's footer.",
        "source-label" => "Bold label before a single source, e.g. under a case study.",
        "sources-label" => "Bold label before a list of sources.",
        "note-label" => "Bold label before the small print that follows the petition's demands.",
        "figure-label" => "The word before a figure's number, as in \"FIGURE 1.\" (capitals).",
        "case-study-label" => "Label before a case study's title, in its box.",
        "draft-mark" => {
            "Printed in each page's footer while the booklet's text is still being written (capitals)."
        }
        "continued-label" => {
            "After a case study's or call to action's title where it is repeated at the top of the next page, the box going on there."
        }
        "bar-chart-alt" => {
            "Describes Figure 1 for readers who cannot see it; {bars} is the list of its bars."
        }
        "bar-alt" => "Describes one bar of Figure 1; {category} is the category inside a sentence.",
        "ranking-table-alt" => {
            "Describes Figure 2 for readers who cannot see it; {columns} are its columns."
        }
        "column-alt" => {
            "Describes one column of Figure 2; {countries} is the list of its countries."
        }
        _ if id.starts_with("ratings.") => {
            "A rating, printed on the coloured band of an indicator table (capitals)."
        }
        _ if id.ends_with(".name") => "A category, as a heading of Figures 1 and 2 (capitals).",
        _ if id.ends_with(".phrase") => {
            "A category inside a sentence ({category_phrase}), as in \"taken limited measures\"."
        }
        _ => "A word of the booklet's interface.",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys_name_english_and_translation_files() {
        let usa = FileKey::Country("usa".into());
        assert_eq!(usa.english_path(), "countries/usa.toml");
        assert_eq!(
            usa.translation_path("fr"),
            "translations/fr/countries/usa.toml"
        );
        assert_eq!(FileKey::Locale.translation_path("fr"), "locales/fr.toml");
    }
}
