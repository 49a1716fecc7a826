//! Texts of the content files turned into [`Inline`]s: markup parsed,
//! placeholders filled in, notes numbered, page references recorded, and
//! the language's punctuation put in.

use std::ops::Range;

use super::punctuation::{self, Marks};
use super::{Composer, PageRefUse, Source};
use crate::content::{Origin, Text};
use crate::doc::{Inline, NoteKind, NoteRef};
use crate::markup::{self, Node};
use crate::placeholders;

/// Where a text is set, which decides whether it may cite notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text, table cells, list items and figure titles.
    Prose,
    /// A place whose name completes "note references are not allowed in …":
    /// headings (which are repeated in the table of contents), captions,
    /// and notes themselves.
    NoNotes(&'static str),
}

impl<'p> Composer<'p> {
    /// `text`, from the English file `origin`, as inline content in the
    /// edition's language.
    pub(super) fn inlines(&mut self, origin: Origin, text: &'p Text, role: Role) -> Vec<Inline> {
        let source = self.source(origin, text);
        let (nodes, errors) = markup::parse(source.text.get_ref());
        for error in errors {
            let diagnostic = source
                .file
                .error_in(source.text, error.at, error.message)
                .with_hint(error.hint);
            self.diagnostics.push(diagnostic);
        }
        let mut inlines = self.convert(source, role, nodes);
        if let Some(marks) = Marks::of(self.shared.lang) {
            punctuation::apply(&mut inlines, marks);
        }
        inlines
    }

    /// `text` with its placeholders filled in, for fields without markup.
    pub(super) fn plain(&mut self, origin: Origin, text: &'p Text) -> String {
        let source = self.source(origin, text);
        let text = self.substitute(source, source.text.get_ref(), 0);
        match Marks::of(self.shared.lang) {
            Some(marks) => punctuation::apply_to_text(&text, marks),
            None => text,
        }
    }

    fn convert(&mut self, source: Source<'p>, role: Role, nodes: Vec<Node>) -> Vec<Inline> {
        let mut inlines = Vec::with_capacity(nodes.len());
        for node in nodes {
            match node {
                Node::Text { text: piece, at } => {
                    inlines.push(Inline::Text(self.substitute(source, &piece, at)))
                }
                Node::Emphasis(content) => {
                    inlines.push(Inline::Emphasis(self.convert(source, role, content)))
                }
                Node::Strong(content) => {
                    inlines.push(Inline::Strong(self.convert(source, role, content)))
                }
                Node::Link { url, content } => inlines.push(Inline::Link {
                    url,
                    content: self.convert(source, role, content),
                }),
                Node::LineBreak => inlines.push(Inline::LineBreak),
                Node::PageRef { anchor, at } => {
                    self.page_refs.push(PageRefUse {
                        anchor: anchor.clone(),
                        source,
                        at,
                    });
                    inlines.push(Inline::PageRef { anchor });
                }
                Node::NoteRef { id, at } => inlines.extend(self.cite(source, &id, at, role)),
            }
        }
        inlines
    }

    /// `piece`, found at byte `at` of the text of `source`, with
    /// placeholders filled in.
    fn substitute(&mut self, source: Source<'p>, piece: &str, at: usize) -> String {
        let (substituted, unknown) = self.values.substitute(piece);
        for (range, name) in unknown {
            let diagnostic = source
                .file
                .error_in(
                    source.text,
                    at + range.start..at + range.end,
                    format!("unknown placeholder {{{name}}}"),
                )
                .with_hint(format!("expected one of {}", placeholders::names()));
            self.diagnostics.push(diagnostic);
        }
        substituted
    }

    /// The reference to note `id`, numbering the note at its first citation.
    fn cite(
        &mut self,
        source: Source<'p>,
        id: &str,
        at: Range<usize>,
        role: Role,
    ) -> Option<Inline> {
        let problem = match (role, self.definitions.get_key_value(id)) {
            (Role::NoNotes(place), _) => Some((
                format!("note references are not allowed in {place}"),
                "move the reference into the body text",
            )),
            (_, None) => Some((
                format!("note \"{id}\" is not defined"),
                "define it in the [footnotes], [endnotes] or [sources] table of the campaign or country file",
            )),
            (_, Some((_, definition)))
                if source.origin == Origin::Campaign && definition.origin == Origin::Country =>
            {
                Some((
                    format!("campaign text cites the country's note \"{id}\""),
                    "notes cited by campaign text are defined in the campaign file",
                ))
            }
            (_, Some((_, definition)))
                if definition.kind == NoteKind::Source && self.goal_sources.is_none() =>
            {
                Some((
                    format!("source \"{id}\" is cited outside a goal"),
                    "sources are listed under the goal that cites them; use an endnote here",
                ))
            }
            _ => None,
        };
        if let Some((message, hint)) = problem {
            let diagnostic = source
                .file
                .error_in(source.text, at, message)
                .with_hint(hint);
            self.diagnostics.push(diagnostic);
            return None;
        }
        if let Some(&index) = self.numbered.get(id) {
            return Some(Inline::NoteRef(NoteRef { index }));
        }
        let (&key, &definition) = self.definitions.get_key_value(id)?;
        let index = self.number(key, definition.kind);
        match (definition.kind, self.goal_sources.as_mut()) {
            (NoteKind::Source, Some(sources)) => sources.push(key),
            _ => {
                self.notes[index].text =
                    self.inlines(definition.origin, definition.text, Role::NoNotes("notes"));
                self.notes[index].origin = Some(self.origin_of(definition.origin, definition.text));
            }
        }
        Some(Inline::NoteRef(NoteRef { index }))
    }
}
