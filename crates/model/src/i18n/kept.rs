//! What a translation keeps from its English string: note references
//! `[^id]`, page references `[](#anchor)` and placeholders `{name}`.
//!
//! They may move (word order differs between languages) but not disappear
//! or multiply: a dropped note reference loses a citation, an extra one
//! renumbers every later note. A placeholder may change case, since
//! capitals are a matter of typography (`{THE_COUNTRY}` in a heading set in
//! capitals, `{the_country}` in a heading that is not).

use super::catalog::Format;
use crate::markup::{self, Node};
use crate::placeholders;

/// The references and placeholders of `text`, sorted, each as written in
/// a content file (placeholders in lower case).
fn kept(text: &str, format: Format) -> Vec<String> {
    let mut out: Vec<String> = placeholders::candidates(text)
        .map(|(_, name)| format!("{{{}}}", name.to_lowercase()))
        .collect();
    if format == Format::Markdown {
        references(&markup::parse(text).0, &mut out);
    }
    out.sort();
    out
}

/// The note and page references among `nodes`, as written.
pub fn references(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::NoteRef { id, .. } => out.push(format!("[^{id}]")),
            Node::PageRef { anchor, .. } => out.push(format!("[](#{anchor})")),
            Node::Emphasis(inner) | Node::Strong(inner) | Node::Link { content: inner, .. } => {
                references(inner, out)
            }
            Node::Text { .. } | Node::LineBreak => {}
        }
    }
}

/// Why `translation` cannot stand for `source`, if it cannot.
pub fn mismatch(source: &str, translation: &str, format: Format) -> Option<String> {
    let mut missing = kept(source, format);
    let mut extra = Vec::new();
    for item in kept(translation, format) {
        match missing.iter().position(|m| *m == item) {
            Some(found) => {
                missing.remove(found);
            }
            None => extra.push(item),
        }
    }
    match (missing.is_empty(), extra.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!("the translation lacks {}", missing.join(" "))),
        (true, false) => Some(format!(
            "the translation has {}, which the English does not",
            extra.join(" ")
        )),
        (false, false) => Some(format!(
            "the translation lacks {} and has {}, which the English does not",
            missing.join(" "),
            extra.join(" ")
        )),
    }
}

/// The hint that goes with a [`mismatch`].
pub const HINT: &str =
    "keep every note reference [^id], page reference [](#…) and placeholder {…} of the English";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_placeholders_may_move_and_change_case() {
        let english = "In {the_country}[^a], see [](#methodology).[^b]";
        let french = "Voir [](#methodology)[^b] ; aux {THE_COUNTRY}[^a].";
        assert_eq!(mismatch(english, french, Format::Markdown), None);
    }

    #[test]
    fn names_what_is_lacking_or_added() {
        assert_eq!(
            mismatch("a[^n] {country}", "a {country} {country}", Format::Markdown).as_deref(),
            Some("the translation lacks [^n] and has {country}, which the English does not")
        );
        assert_eq!(
            mismatch("*a*", "[^x] *a*", Format::Markdown).as_deref(),
            Some("the translation has [^x], which the English does not")
        );
        // Plain text has no markup: brackets are just brackets.
        assert_eq!(mismatch("[^x]", "", Format::Plain), None);
    }
}
