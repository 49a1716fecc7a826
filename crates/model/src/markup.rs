//! Inline Markdown in content files, parsed with pulldown-cmark.
//!
//! A text field is one paragraph of inline content: `*emphasis*`,
//! `**strong**`, `[text](https://…)` and `<https://…>` links, note
//! references `[^id]`, and page cross-references `[](#anchor)` (a link with
//! no text to a place in the booklet prints the page number it lands on).
//! Anything that would make a block (a list, a heading, a second paragraph)
//! is an error: paragraphs are separate strings in the content files, and
//! the booklet's structure is decided by the design, not by the text.
//!
//! The result keeps byte offsets into the field so that later checks (an
//! unknown note, a missing anchor, an unknown placeholder) can point at the
//! exact place.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Inline content before placeholders and notes are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text at byte `at` of the field (placeholders not yet substituted).
    Text {
        text: String,
        at: usize,
    },
    Emphasis(Vec<Node>),
    Strong(Vec<Node>),
    Link {
        url: String,
        content: Vec<Node>,
    },
    NoteRef {
        id: String,
        at: Range<usize>,
    },
    PageRef {
        anchor: String,
        at: Range<usize>,
    },
    LineBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    /// Byte range in the field.
    pub at: Range<usize>,
    pub message: String,
    pub hint: &'static str,
}

/// Parses one field. Returns what could be read even when there are errors,
/// so that every problem of a file is reported in one run.
pub fn parse(text: &str) -> (Vec<Node>, Vec<MarkupError>) {
    // The old footnote syntax emits a reference for every `[^id]`, defined
    // in the text or not: notes are defined in the files' note tables.
    let parser = Parser::new_ext(text, Options::ENABLE_OLD_FOOTNOTES);
    let mut builder = Builder::default();
    for (event, at) in parser.into_offset_iter() {
        builder.event(event, at);
    }
    malformed_note_references(text, &mut builder);
    builder.finish()
}

/// `[^]` and `[^two words]` look like note references but are none:
/// pulldown-cmark leaves them as text, so the booklet would print them and
/// the note meant would go uncited, reported far from the typo.
fn malformed_note_references(text: &str, builder: &mut Builder) {
    for (start, _) in text.match_indices("[^") {
        let rest = &text[start + 2..];
        let Some(end) = rest.find(']') else {
            continue;
        };
        let at = start..start + 2 + end + 1;
        if end == 0 {
            builder.error(
                at,
                "a note reference without a note id",
                "write the id of the note, e.g. [^tip-2009]",
            );
        } else if rest[..end].contains(char::is_whitespace) {
            builder.error(
                at,
                format!("\"{}\" is not a note id: ids have no spaces", &rest[..end]),
                "write the id of the note, e.g. [^tip-2009]",
            );
        }
    }
}

/// An open inline container and the nodes read inside it so far.
#[derive(Debug)]
enum Open {
    Emphasis,
    Strong,
    Link {
        url: String,
        at: Range<usize>,
    },
    /// A block the field should not contain; its content is kept inline.
    Ignored,
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<(Open, Vec<Node>)>,
    nodes: Vec<Node>,
    errors: Vec<MarkupError>,
    paragraphs: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, at: Range<usize>) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.paragraphs += 1;
                if self.paragraphs == 2 {
                    self.error(
                        at,
                        "expected a single paragraph",
                        "write each paragraph as its own string in the list",
                    );
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Emphasis) => self.stack.push((Open::Emphasis, Vec::new())),
            Event::Start(Tag::Strong) => self.stack.push((Open::Strong, Vec::new())),
            Event::Start(Tag::Link { dest_url, .. }) => self.stack.push((
                Open::Link {
                    url: dest_url.into_string(),
                    at,
                },
                Vec::new(),
            )),
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => self.close(),
            Event::Start(tag) => {
                let what = block_name(&tag);
                self.error(at, format!("expected inline text, found {what}"), "content files hold inline text only: *emphasis*, **strong**, [links](https://…), [^notes]");
                self.stack.push((Open::Ignored, Vec::new()));
            }
            Event::End(_) => self.close(),
            Event::Text(text) | Event::Code(text) => self.text(&text, at.start),
            Event::SoftBreak => self.text(" ", at.start),
            Event::HardBreak => self.push(Node::LineBreak),
            Event::FootnoteReference(id) => self.push(Node::NoteRef {
                id: id.into_string(),
                at,
            }),
            Event::Html(_) | Event::InlineHtml(_) => self.error(
                at,
                "raw HTML is not supported",
                "write <https://…> for a link; other markup is Markdown",
            ),
            Event::Rule => self.error(
                at,
                "expected inline text, found a rule",
                "remove the line of dashes",
            ),
            other => self.error(
                at,
                format!("unsupported markup {other:?}"),
                "use *emphasis*, **strong**, links and [^notes]",
            ),
        }
    }

    /// Appends text, merged with the text before it: the parser splits text
    /// at characters that might have been markup (`_`, `[`), and a
    /// placeholder such as `{the_country}` must stay in one piece.
    fn text(&mut self, text: &str, at: usize) {
        let nodes = self.current();
        if let Some(Node::Text { text: previous, .. }) = nodes.last_mut() {
            previous.push_str(text);
        } else {
            nodes.push(Node::Text {
                text: text.to_owned(),
                at,
            });
        }
    }

    fn push(&mut self, node: Node) {
        self.current().push(node);
    }

    fn current(&mut self) -> &mut Vec<Node> {
        match self.stack.last_mut() {
            Some((_, nodes)) => nodes,
            None => &mut self.nodes,
        }
    }

    fn close(&mut self) {
        let Some((open, content)) = self.stack.pop() else {
            return;
        };
        match open {
            Open::Emphasis => self.push(Node::Emphasis(content)),
            Open::Strong => self.push(Node::Strong(content)),
            Open::Link { url, at } => match url.strip_prefix('#') {
                Some(anchor) if content.is_empty() => self.push(Node::PageRef {
                    anchor: anchor.to_owned(),
                    at,
                }),
                Some(_) => {
                    self.error(
                        at,
                        "a link to a place in the booklet takes no text",
                        "write [](#anchor) to print the page number of #anchor",
                    );
                    self.current().extend(content);
                }
                None => self.push(Node::Link { url, content }),
            },
            Open::Ignored => self.current().extend(content),
        }
    }

    fn error(&mut self, at: Range<usize>, message: impl Into<String>, hint: &'static str) {
        self.errors.push(MarkupError {
            at,
            message: message.into(),
            hint,
        });
    }

    fn finish(mut self) -> (Vec<Node>, Vec<MarkupError>) {
        while !self.stack.is_empty() {
            self.close();
        }
        (self.nodes, self.errors)
    }
}

fn block_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "a heading",
        Tag::BlockQuote(_) => "a block quotation",
        Tag::CodeBlock(_) => "a code block",
        Tag::List(_) | Tag::Item => "a list",
        Tag::FootnoteDefinition(_) => "a note definition",
        Tag::Image { .. } => "an image",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "a table",
        _ => "unsupported markup",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str, at: usize) -> Node {
        Node::Text {
            text: text.into(),
            at,
        }
    }

    #[test]
    fn a_note_reference_needs_an_id_without_spaces() {
        let (_, errors) = parse("Cited.[^] Twice[^two words] and [^fine].");
        let found: Vec<(Range<usize>, &str)> = errors
            .iter()
            .map(|e| (e.at.clone(), e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (6..9, "a note reference without a note id"),
                (15..27, "\"two words\" is not a note id: ids have no spaces")
            ]
        );
    }

    #[test]
    fn reads_emphasis_links_notes_and_page_references() {
        let (nodes, errors) =
            parse("In {the_country} *a* **b**.[^n1] See [](#methodology) and <https://x.org/a_b>.");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            nodes,
            [
                text("In {the_country} ", 0),
                Node::Emphasis(vec![text("a", 18)]),
                text(" ", 20),
                Node::Strong(vec![text("b", 23)]),
                text(".", 26),
                Node::NoteRef {
                    id: "n1".into(),
                    at: 27..32
                },
                text(" See ", 32),
                Node::PageRef {
                    anchor: "methodology".into(),
                    at: 37..53
                },
                text(" and ", 53),
                Node::Link {
                    url: "https://x.org/a_b".into(),
                    content: vec![text("https://x.org/a_b", 59)]
                },
                text(".", 77),
            ]
        );
    }

    #[test]
    fn joins_lines_of_a_multi_line_string() {
        assert_eq!(parse("one\ntwo").0, [text("one two", 0)]);
    }

    #[test]
    fn refuses_blocks_html_and_labelled_internal_links() {
        let (_, errors) = parse("- item");
        assert_eq!(errors[0].message, "expected inline text, found a list");
        let (_, errors) = parse("one\n\ntwo");
        assert_eq!(errors[0].message, "expected a single paragraph");
        assert_eq!(errors[0].at.start, 5);
        let (_, errors) = parse("a <b>bold</b>");
        assert_eq!(errors[0].message, "raw HTML is not supported");
        let (nodes, errors) = parse("[page](#methodology)");
        assert_eq!(
            errors[0].message,
            "a link to a place in the booklet takes no text"
        );
        assert_eq!(nodes, [text("page", 1)]);
    }
}
