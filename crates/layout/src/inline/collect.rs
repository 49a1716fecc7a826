//! Flattens inline content into one string with styled spans.
//!
//! Line-break opportunities and hyphenation are properties of the whole
//! paragraph's text, not of its styled pieces ("word¹" must not break before
//! the marker), so the paragraph is first made one string.

use std::ops::Range;

use folio_model::doc::{Inline, NoteKind};

use crate::context::Ctx;
use crate::style::{RunStyle, TextStyle, superscript};

/// Where a span of text links to.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTo {
    Url(String),
    /// An anchor in the document, resolved after pagination.
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub range: Range<usize>,
    pub style: RunStyle,
    pub link: Option<LinkTo>,
    /// A note marker: never hyphenated, never separated from the word
    /// before it.
    pub marker: bool,
}

/// A paragraph's text and styles.
#[derive(Debug, Default)]
pub struct StyledText {
    pub text: String,
    pub spans: Vec<Span>,
    /// Indices into `Document::notes` of footnotes referenced, with the
    /// byte offset of each marker, so a line knows which notes it carries.
    pub footnotes: Vec<(usize, usize)>,
}

impl StyledText {
    fn push(&mut self, text: &str, style: RunStyle, link: &Option<LinkTo>, marker: bool) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        if let Some(last) = self.spans.last_mut()
            && last.style == style
            && last.link == *link
            && last.marker == marker
            && last.range.end == start
        {
            last.range.end = end;
            return;
        }
        self.spans.push(Span {
            range: start..end,
            style,
            link: link.clone(),
            marker,
        });
    }

    /// The span covering byte `offset`.
    pub fn span_at(&self, offset: usize) -> &Span {
        let i = self.spans.partition_point(|s| s.range.end <= offset);
        &self.spans[i.min(self.spans.len() - 1)]
    }
}

/// Collects `inlines` set in `base`.
pub fn collect(ctx: &Ctx, inlines: &[Inline], base: TextStyle) -> StyledText {
    let mut out = StyledText::default();
    walk(ctx, inlines, base, &None, &mut out);
    out
}

fn walk(
    ctx: &Ctx,
    inlines: &[Inline],
    style: TextStyle,
    link: &Option<LinkTo>,
    out: &mut StyledText,
) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push(&normalize(text), style.resolve(ctx), link, false),
            Inline::Emphasis(children) => walk(ctx, children, style.italic(), link, out),
            Inline::Strong(children) => walk(ctx, children, style.bold(), link, out),
            Inline::Link { url, content } => {
                walk(ctx, content, style, &Some(LinkTo::Url(url.clone())), out)
            }
            Inline::NoteRef(note_ref) => {
                let Some(note) = ctx.doc.notes.get(note_ref.index) else {
                    continue;
                };
                if note.kind == NoteKind::Footnote {
                    out.footnotes.push((note_ref.index, out.text.len()));
                }
                let target = Some(LinkTo::Anchor(note.anchor.clone()));
                out.push(&note.marker, superscript(style.resolve(ctx)), &target, true);
            }
            Inline::PageRef { anchor } => {
                let target = Some(LinkTo::Anchor(anchor.clone()));
                out.push(&ctx.page_of(anchor), style.resolve(ctx), &target, false);
            }
            Inline::LineBreak => out.push("\n", style.resolve(ctx), link, false),
        }
    }
}

/// Content files may wrap text over several lines; in running text any
/// run of white space is one word space. No-break spaces stay as they are:
/// they bind what they separate (French puts a narrow one before `:`).
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}
