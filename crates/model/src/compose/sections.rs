//! The booklet's sections, in reading order: introduction, global
//! overview with two figures, the country's situation, progress on each
//! goal, petition, methodology, endnotes. The order and the design decisions
//! (which sections start a page, what goes in a box) live here; the words
//! live in the content files.

use super::Composer;
use super::inlines::Role;
use crate::content::{Campaign, CaseStudy, Origin, Text};
use crate::doc::{
    self, Block, BoxKind, Boxed, Figure, FigureBody, Heading, Inline, List, ListItem, ListMarker,
    Paragraph, ParagraphStyle,
};
use crate::figures;

pub(super) const HEADING: Role = Role::NoNotes("headings");
pub(super) const CAPTION: Role = Role::NoNotes("captions");

impl<'p> Composer<'p> {
    pub(super) fn body(&mut self) -> Vec<Block> {
        let campaign = &self.shared.campaign.content;
        let mut blocks = Vec::new();
        self.introduction(campaign, &mut blocks);
        self.overview(campaign, &mut blocks);
        self.situation(campaign, &mut blocks);
        self.progress(campaign, &mut blocks);
        self.petition(campaign, &mut blocks);
        self.methodology(campaign, &mut blocks);
        blocks.push(self.section(&campaign.endnotes_section.title, None, true));
        blocks.push(Block::Endnotes);
        blocks
    }

    fn introduction(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        let section = &campaign.introduction;
        blocks.push(self.section(&section.title, None, true));
        blocks.extend(self.paragraphs(Origin::Campaign, &section.paragraphs, ParagraphStyle::Body));
    }

    /// Section 2 follows the introduction on its page: together they read
    /// as the booklet's opening.
    fn overview(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        let overview = &campaign.overview;
        blocks.push(self.section(&overview.title, None, false));
        blocks.extend(self.paragraphs(
            Origin::Campaign,
            &overview.paragraphs,
            ParagraphStyle::Body,
        ));
        let shared = self.shared;
        let (bars, alt) =
            figures::category_bars(shared.dataset, shared.locale, &self.formats, self.category);
        blocks.push(self.figure(1, &overview.chart_title, FigureBody::BarChart(bars), alt));
        let own = self.country.content.dataset_name().get_ref();
        let strings = self.strings;
        let (table, alt) =
            figures::ranking_table(shared.dataset, shared.locale, &self.formats, own, |name| {
                strings.name(name)
            });
        blocks.push(self.figure(2, &overview.table_title, FigureBody::Table(table), alt));
    }

    fn situation(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        let situation = &self.country.content.situation;
        blocks.push(self.section(&campaign.situation.title, None, true));
        blocks.push(self.paragraph(
            Origin::Campaign,
            &campaign.situation.lead,
            ParagraphStyle::Lead,
        ));
        blocks.extend(self.paragraphs(Origin::Country, &situation.summary, ParagraphStyle::Body));
        if let Some(heading) = &situation.heading {
            let text = self.inlines(Origin::Country, heading, HEADING);
            // From the English as written, so that a page reference to the
            // heading lands in every language.
            let anchor = self.anchor(&slug(heading.get_ref()));
            blocks.push(Block::Heading(Heading {
                level: 3,
                number: None,
                text,
                anchor,
                in_toc: false,
                new_page: false,
                origin: Some(self.origin_of(Origin::Country, heading)),
            }));
        }
        for part in &situation.parts {
            blocks.extend(self.paragraphs(Origin::Country, &part.paragraphs, ParagraphStyle::Body));
            if let Some(study) = &part.case_study {
                blocks.push(self.case_study(study));
            }
        }
    }

    fn progress(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        blocks.push(self.section(&campaign.progress.title, None, true));
        for (position, goal) in campaign.goals.get_ref().iter().enumerate() {
            self.goal(position, goal, blocks);
        }
    }

    fn case_study(&mut self, study: &'p CaseStudy) -> Block {
        let mut title = vec![Inline::Text(format!(
            "{} ",
            self.shared.locale.case_study_label
        ))];
        title.extend(self.inlines(Origin::Country, &study.title, HEADING));
        let mut blocks = self.paragraphs(Origin::Country, &study.paragraphs, ParagraphStyle::Body);
        let texts: Vec<(Vec<Inline>, doc::Origin)> = study
            .sources
            .iter()
            .map(|source| {
                let role = Role::NoNotes("case-study sources");
                (
                    self.inlines(Origin::Country, source, role),
                    self.origin_of(Origin::Country, source),
                )
            })
            .collect();
        blocks.extend(self.labelled_sources(texts));
        Block::Boxed(Boxed {
            kind: BoxKind::CaseStudy,
            title,
            origin: Some(self.origin_of(Origin::Country, &study.title)),
            blocks,
        })
    }

    /// Small paragraphs after "Source:" (one source, on the same line) or
    /// "Sources:" (several, one per line).
    fn labelled_sources(&self, mut texts: Vec<(Vec<Inline>, doc::Origin)>) -> Vec<Block> {
        let locale = self.shared.locale;
        let small = |(text, origin)| {
            Block::Paragraph(Paragraph {
                style: ParagraphStyle::Small,
                text,
                origin: Some(origin),
            })
        };
        match texts.len() {
            0 => Vec::new(),
            1 => {
                let (text, origin) = texts.remove(0);
                vec![small((labelled(&locale.source_label, text), origin))]
            }
            _ => {
                let mut blocks = vec![Block::Paragraph(Paragraph {
                    style: ParagraphStyle::Label,
                    text: labelled(&locale.sources_label, Vec::new()),
                    origin: None,
                })];
                blocks.extend(texts.into_iter().map(small));
                blocks
            }
        }
    }

    fn petition(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        let petition = &self.country.content.petition;
        blocks.push(self.section(&campaign.petition.title, None, true));
        blocks.extend(self.paragraphs(
            Origin::Campaign,
            &campaign.petition.preamble,
            ParagraphStyle::Body,
        ));
        blocks.extend(self.paragraphs(Origin::Country, &petition.paragraphs, ParagraphStyle::Body));
        blocks.push(self.paragraph(
            Origin::Campaign,
            &campaign.petition.demands_intro,
            ParagraphStyle::Body,
        ));
        blocks.push(self.list(&petition.demands));
        let note = self.inlines(Origin::Campaign, &campaign.petition.note, Role::Prose);
        let text = labelled(&self.shared.locale.note_label, note);
        blocks.push(Block::Paragraph(Paragraph {
            style: ParagraphStyle::Small,
            text,
            origin: Some(self.origin_of(Origin::Campaign, &campaign.petition.note)),
        }));
    }

    fn methodology(&mut self, campaign: &'p Campaign, blocks: &mut Vec<Block>) {
        blocks.push(self.section(&campaign.methodology.title, Some("methodology"), true));
        blocks.extend(self.paragraphs(
            Origin::Campaign,
            &campaign.methodology.paragraphs,
            ParagraphStyle::Body,
        ));
        blocks.push(self.paragraph(
            Origin::Country,
            &self.country.content.credits,
            ParagraphStyle::Body,
        ));
    }

    /// A numbered level-1 heading, listed in the table of contents. Its
    /// anchor is `section-N` unless a name is given (cross-references in the
    /// text use names that survive reordering, e.g. `#methodology`).
    fn section(&mut self, title: &'p Text, name: Option<&str>, new_page: bool) -> Block {
        self.sections += 1;
        let number = self.sections;
        let text = self.inlines(Origin::Campaign, title, HEADING);
        let anchor = self.anchor(name.unwrap_or(&format!("section-{number}")));
        Block::Heading(Heading {
            level: 1,
            number: Some(format!("{number}.")),
            text,
            anchor,
            in_toc: true,
            new_page,
            origin: Some(self.origin_of(Origin::Campaign, title)),
        })
    }

    fn figure(&mut self, number: usize, title: &'p Text, body: FigureBody, alt: String) -> Block {
        let mut text = vec![Inline::Text(format!(
            "{} {number}. ",
            self.shared.locale.figure_label
        ))];
        text.extend(self.inlines(Origin::Campaign, title, Role::Prose));
        let anchor = self.anchor(&format!("figure-{number}"));
        Block::Figure(Figure {
            title: text,
            origin: Some(self.origin_of(Origin::Campaign, title)),
            anchor,
            body,
            alt,
        })
    }

    pub(super) fn paragraph(
        &mut self,
        origin: Origin,
        text: &'p Text,
        style: ParagraphStyle,
    ) -> Block {
        Block::Paragraph(Paragraph {
            style,
            text: self.inlines(origin, text, Role::Prose),
            origin: Some(self.origin_of(origin, text)),
        })
    }

    pub(super) fn paragraphs(
        &mut self,
        origin: Origin,
        texts: &'p [Text],
        style: ParagraphStyle,
    ) -> Vec<Block> {
        texts
            .iter()
            .map(|text| self.paragraph(origin, text, style))
            .collect()
    }

    /// A bullet list of the country's items.
    pub(super) fn list(&mut self, items: &'p [Text]) -> Block {
        let items = items
            .iter()
            .map(|item| ListItem {
                text: self.inlines(Origin::Country, item, Role::Prose),
                anchor: None,
                label: None,
                origin: Some(self.origin_of(Origin::Country, item)),
            })
            .collect();
        Block::List(List {
            marker: ListMarker::Bullet,
            items,
            small: false,
        })
    }
}

/// `label` in bold, then `rest` after a space.
pub(super) fn labelled(label: &str, rest: Vec<Inline>) -> Vec<Inline> {
    let mut text = vec![Inline::Strong(vec![Inline::Text(label.to_owned())])];
    if !rest.is_empty() {
        text.push(Inline::Text(" ".into()));
        text.extend(rest);
    }
    text
}

/// A lowercase, hyphenated anchor from the words of `text` (placeholder
/// names count as words).
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "heading".to_owned()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words() {
        assert_eq!(
            slug("Child Sex Trafficking in *{the_country}*"),
            "child-sex-trafficking-in-the-country"
        );
        assert_eq!(slug(""), "heading");
    }
}
