//! Characters no font can draw, found before layout.
//!
//! Shaping falls back from face to face ([`FontBook::face_for`]); a
//! character that no face of the book has comes out as `.notdef`, an empty
//! box in print. [`missing_characters`] goes through every text of a
//! document as layout will set it (body text in the body family; headings,
//! tables, figures, the cover and page furniture in the heading family) and
//! reports each such character with where it occurs, so `folio check` can
//! name it before any PDF is written.

use folio_model::doc::{
    Block, Cell, Document, FigureBody, Inline, ListMarker, NoteKind, Origin, Table,
};
use folio_model::theme::Theme;
use unicode_script::{Script, UnicodeScript};

use crate::fonts::{FontBook, Style};
use crate::shape::split_runs;

/// A character that no configured font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub ch: char,
    /// Its Unicode script, e.g. `Tibetan`; for punctuation common to
    /// several scripts, the script of the text around it.
    pub script: &'static str,
    /// Where in the booklet: `heading`, `paragraph in “4. Situation”`, …
    pub place: String,
    /// The text it occurs in, shortened around it.
    pub context: String,
    /// The content string it occurs in; `None` in text the booklet
    /// generates or takes from the locale (labels, the cover's lines).
    pub origin: Option<Origin>,
}

/// Every character of `doc` that no face of `book` can draw in the fonts
/// `theme` sets it in, once per text it occurs in, in document order.
pub fn missing_characters(doc: &Document, theme: &Theme, book: &FontBook) -> Vec<Missing> {
    let mut walk = Walk {
        book,
        body: &theme.fonts.body,
        heading: &theme.fonts.heading,
        section: None,
        found: Vec::new(),
    };
    let heading = Family::Heading;
    for line in &doc.cover.title {
        walk.plain(line, heading, "cover title");
    }
    walk.plain(&doc.cover.subtitle, heading, "cover");
    walk.plain(&doc.cover.imprint, heading, "cover");
    walk.plain(&doc.toc_title, heading, "table of contents title");
    walk.plain(&doc.running_header, heading, "running header");
    walk.plain(&doc.page_label, heading, "page footer");
    walk.plain(
        &doc.continued_label,
        heading,
        "a box's title on its next page",
    );
    if let Some(mark) = &doc.draft_mark {
        walk.plain(mark, heading, "page footer");
    }
    for block in &doc.blocks {
        walk.block(doc, block);
    }
    walk.section = None;
    for note in &doc.notes {
        let place = match note.kind {
            NoteKind::Footnote => format!("footnote {}", note.marker),
            NoteKind::Endnote => format!("endnote {}", note.marker),
            NoteKind::Source => format!("source {}", note.marker),
        };
        walk.plain(&note.marker, Family::Body, &place);
        let text = Text::new(&note.text, note.origin.as_ref());
        walk.inlines(doc, text, Family::Body, Style::default(), &place);
    }
    walk.found
}

/// Inline content and the content string it was composed from.
#[derive(Clone, Copy)]
struct Text<'a> {
    inlines: &'a [Inline],
    origin: Option<&'a Origin>,
}

impl<'a> Text<'a> {
    fn new(inlines: &'a [Inline], origin: Option<&'a Origin>) -> Text<'a> {
        Text { inlines, origin }
    }
}

#[derive(Clone, Copy)]
enum Family {
    Body,
    Heading,
}

struct Walk<'a> {
    book: &'a FontBook,
    body: &'a str,
    heading: &'a str,
    /// Title of the level-1 heading above, to say where a text is.
    section: Option<String>,
    found: Vec<Missing>,
}

impl Walk<'_> {
    fn block(&mut self, doc: &Document, block: &Block) {
        let bold = Style {
            bold: true,
            italic: false,
        };
        match block {
            Block::Heading(h) => {
                if let Some(number) = &h.number {
                    self.check(number, Family::Heading, bold, number, "heading", None);
                }
                if h.level == 1 {
                    self.section = Some(plain_text(doc, &h.text));
                }
                let text = Text::new(&h.text, h.origin.as_ref());
                self.inlines(doc, text, Family::Heading, bold, "heading");
            }
            Block::Paragraph(p) => {
                let place = self.place("paragraph");
                let text = Text::new(&p.text, p.origin.as_ref());
                self.inlines(doc, text, Family::Body, Style::default(), &place);
            }
            Block::List(list) => {
                let place = self.place("list item");
                if list.marker == ListMarker::Bullet {
                    self.plain("•", Family::Body, &place);
                }
                for item in &list.items {
                    if let Some(label) = &item.label {
                        self.plain(label, Family::Body, &place);
                    }
                    let text = Text::new(&item.text, item.origin.as_ref());
                    self.inlines(doc, text, Family::Body, Style::default(), &place);
                }
            }
            Block::Boxed(boxed) => {
                let place = self.place("box title");
                let title = Text::new(&boxed.title, boxed.origin.as_ref());
                self.inlines(doc, title, Family::Heading, bold, &place);
                for inner in &boxed.blocks {
                    self.block(doc, inner);
                }
            }
            Block::Table(table) => self.table(doc, table),
            Block::Figure(figure) => {
                let place = self.place("figure title");
                let title = Text::new(&figure.title, figure.origin.as_ref());
                self.inlines(doc, title, Family::Heading, bold, &place);
                match &figure.body {
                    FigureBody::BarChart(bars) => {
                        let place = self.place("figure");
                        for bar in bars {
                            self.plain(&bar.label, Family::Heading, &place);
                            self.plain(&bar.value_label, Family::Heading, &place);
                        }
                    }
                    FigureBody::Table(table) => self.table(doc, table),
                }
            }
            Block::Endnotes | Block::PageBreak => {}
        }
    }

    fn table(&mut self, doc: &Document, table: &Table) {
        if let Some(caption) = &table.caption {
            let place = self.place("table caption");
            let bold = Style {
                bold: true,
                italic: false,
            };
            let caption = Text::new(caption, table.caption_origin.as_ref());
            self.inlines(doc, caption, Family::Heading, bold, &place);
        }
        let place = self.place("table cell");
        let cells = table
            .header
            .iter()
            .chain(&table.rows)
            .flat_map(|r| &r.cells);
        for Cell {
            text,
            strong,
            rating,
            origin,
            ..
        } in cells
        {
            let style = Style {
                bold: *strong,
                italic: false,
            };
            if let Some(rating) = rating {
                self.plain(&rating.label, Family::Heading, &place);
            }
            for paragraph in text {
                let paragraph = Text::new(paragraph, origin.as_ref());
                self.inlines(doc, paragraph, Family::Heading, style, &place);
            }
        }
    }

    /// `what`, and the section it is in.
    fn place(&self, what: &str) -> String {
        match &self.section {
            Some(section) => format!("{what} in “{section}”"),
            None => what.to_owned(),
        }
    }

    fn plain(&mut self, text: &str, family: Family, place: &str) {
        self.check(text, family, Style::default(), text, place, None);
    }

    /// Checks inline content, each styled piece in its face; the whole
    /// content's text is the context.
    fn inlines(&mut self, doc: &Document, text: Text, family: Family, style: Style, place: &str) {
        let context = plain_text(doc, text.inlines);
        let mut pieces = Vec::new();
        styled(doc, text.inlines, style, &mut pieces);
        for (piece, style) in pieces {
            self.check(&piece, family, style, &context, place, text.origin);
        }
    }

    fn check(
        &mut self,
        text: &str,
        family: Family,
        style: Style,
        context: &str,
        place: &str,
        origin: Option<&Origin>,
    ) {
        let family = match family {
            Family::Body => self.body,
            Family::Heading => self.heading,
        };
        let primary = self.book.select(family, style);
        if text
            .chars()
            .all(|c| invisible(c) || self.book.face(primary).has_char(c))
        {
            return;
        }
        for run in split_runs(self.book, primary, text) {
            let face = self.book.face(run.font);
            for c in text[run.start..run.end].chars() {
                if invisible(c) || face.has_char(c) {
                    continue;
                }
                // Punctuation common to several scripts is set in its
                // run's, whose fallback families would draw it.
                let script = match c.script() {
                    Script::Common | Script::Inherited => run.script,
                    own => own,
                };
                let already = self.found.iter().any(|m| {
                    m.ch == c
                        && m.place == place
                        && m.context == excerpt(context, c)
                        && m.origin.as_ref() == origin
                });
                if !already {
                    self.found.push(Missing {
                        ch: c,
                        script: script.full_name(),
                        place: place.to_owned(),
                        context: excerpt(context, c),
                        origin: origin.cloned(),
                    });
                }
            }
        }
    }
}

/// Text pieces of `inlines` with the style each is set in.
fn styled(doc: &Document, inlines: &[Inline], style: Style, out: &mut Vec<(String, Style)>) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push((text.clone(), style)),
            Inline::Emphasis(children) => styled(
                doc,
                children,
                Style {
                    italic: true,
                    ..style
                },
                out,
            ),
            Inline::Strong(children) => styled(
                doc,
                children,
                Style {
                    bold: true,
                    ..style
                },
                out,
            ),
            Inline::Link { content, .. } => styled(doc, content, style, out),
            Inline::NoteRef(note) => {
                if let Some(note) = doc.notes.get(note.index) {
                    out.push((note.marker.clone(), style));
                }
            }
            // Page numbers are digits, which every face has.
            Inline::PageRef { .. } | Inline::LineBreak => {}
        }
    }
}

fn plain_text(doc: &Document, inlines: &[Inline]) -> String {
    let mut pieces = Vec::new();
    styled(doc, inlines, Style::default(), &mut pieces);
    pieces.into_iter().map(|(text, _)| text).collect()
}

/// Characters that draw nothing, so need no glyph: white space, controls,
/// and Unicode's default ignorables (joiners, direction marks, soft hyphen,
/// variation selectors), which shaping hides.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Up to about 60 characters of `text` around the first `c`.
fn excerpt(text: &str, c: char) -> String {
    const HALF: usize = 30;
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let start = at.saturating_sub(HALF);
    let end = (at + HALF).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_marked() {
        let text = "a".repeat(100) + "ༀ" + &"b".repeat(100);
        let e = excerpt(&text, 'ༀ');
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert!(e.contains('ༀ'));
        assert!(e.chars().count() <= 62);
        assert_eq!(excerpt("short ༀ", 'ༀ'), "short ༀ");
    }

    #[test]
    fn joiners_and_marks_of_direction_need_no_glyph() {
        assert!(invisible('\u{200D}'));
        assert!(invisible('\u{200F}'));
        assert!(invisible('\u{AD}'));
        assert!(!invisible('ༀ'));
    }
}
