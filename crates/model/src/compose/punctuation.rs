//! Typographic punctuation in the edition's language, applied as text is
//! composed so that content files keep whatever their authors typed.
//!
//! Straight quotes become the language's quotation marks (CLDR's
//! delimiters: English “…” ‘…’, French « … », German „…“ ‚…‘, Russian «…»
//! „…“ …), an apostrophe between letters becomes ’, and ` -- ` between
//! spaces an en dash. French also gets its narrow no-break spaces inside
//! guillemets and before ; : ! ?, which keep a mark from starting a line.
//! Only text is touched: note markers, page references and links' targets
//! are other inlines, placeholders are filled in before this runs (their
//! values hold no quotes), and a word that looks like a URL or an e-mail
//! address is left as typed. Languages whose marks Folio does not know, and
//! Chinese, Japanese and Korean, are left as written.

use crate::doc::Inline;

/// The marks of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    /// Opening and closing quotation marks.
    primary: (char, char),
    /// Opening and closing marks of a quotation within a quotation.
    secondary: (char, char),
    /// French spacing: a narrow no-break space inside guillemets and before
    /// `;`, `:`, `!` and `?`.
    french: bool,
}

const APOSTROPHE: char = '\u{2019}';
const NARROW_NO_BREAK_SPACE: char = '\u{202F}';

impl Marks {
    /// The marks of `lang` (a BCP 47 tag), or `None` to leave its text as
    /// written.
    pub fn of(lang: &str) -> Option<Marks> {
        let language = lang.split(['-', '_']).next().unwrap_or(lang);
        let marks = |primary, secondary, french| Marks {
            primary,
            secondary,
            french,
        };
        Some(match language {
            // The pseudo-localised edition is English underneath.
            "en" | "pseudo" | "hi" | "th" => marks(('“', '”'), ('‘', '’'), false),
            "fr" => marks(('«', '»'), ('“', '”'), true),
            "de" => marks(('„', '“'), ('‚', '‘'), false),
            "es" | "el" | "it" | "pt" => marks(('«', '»'), ('“', '”'), false),
            "ru" | "uk" => marks(('«', '»'), ('„', '“'), false),
            _ => return None,
        })
    }
}

/// Puts the language's punctuation into `inlines`, in place. The text of
/// one string is read as one run, so a quote opened before an emphasis
/// closes after it.
pub fn apply(inlines: &mut [Inline], marks: Marks) {
    Typesetter::new(marks).inlines(inlines);
}

/// [`apply`] for a string without markup.
pub fn apply_to_text(text: &str, marks: Marks) -> String {
    Typesetter::new(marks).text(text)
}

/// What the marks so far tell about the next one.
struct Typesetter {
    marks: Marks,
    /// The character before the one being read, across inlines.
    previous: Option<char>,
    /// A secondary quotation is open: the next closing single quote ends
    /// it rather than being an apostrophe.
    single_open: bool,
}

impl Typesetter {
    fn new(marks: Marks) -> Typesetter {
        Typesetter {
            marks,
            previous: None,
            single_open: false,
        }
    }

    fn inlines(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => *text = self.text(text),
                Inline::Emphasis(content) | Inline::Strong(content) => self.inlines(content),
                // A link's text is often its address, typed as it is.
                Inline::Link { url, content } => {
                    if !matches!(content.as_slice(), [Inline::Text(text)] if text == url) {
                        self.inlines(content);
                    }
                }
                Inline::NoteRef(_) | Inline::PageRef { .. } => self.previous = Some('0'),
                Inline::LineBreak => self.previous = None,
            }
        }
    }

    fn text(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        for word in text.split_inclusive(char::is_whitespace) {
            let bare = word.trim_end();
            if looks_like_an_address(bare) {
                out.push_str(word);
                self.previous = word.chars().next_back();
            } else if bare == "--" && self.previous.is_none_or(char::is_whitespace) {
                out.push('–');
                out.push_str(&word[bare.len()..]);
                self.previous = out.chars().next_back();
            } else {
                self.word(word, &mut out);
            }
        }
        if self.marks.french {
            french_spacing(&out)
        } else {
            out
        }
    }

    fn word(&mut self, word: &str, out: &mut String) {
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            let opening = self.previous.is_none_or(opens);
            let (primary, secondary) = (self.marks.primary, self.marks.secondary);
            let mark = match c {
                '"' if opening => primary.0,
                '"' => primary.1,
                '\'' if self.previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric) =>
                {
                    APOSTROPHE
                }
                '\'' if opening => {
                    self.single_open = true;
                    secondary.0
                }
                '\'' if self.single_open => {
                    self.single_open = false;
                    secondary.1
                }
                // "States' efforts": a possessive after a plural.
                '\'' => APOSTROPHE,
                other => other,
            };
            out.push(mark);
            self.previous = Some(mark);
        }
    }
}

/// Whether a quote after `c` opens a quotation.
fn opens(c: char) -> bool {
    c.is_whitespace() || "([{/–—-«„‚“‘\u{202F}".contains(c)
}

/// A URL or an e-mail address, whose characters must stay as typed.
fn looks_like_an_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// French spacing: a narrow no-break space inside guillemets and before
/// `;` `:` `!` `?`, in place of a space typed there or added where none
/// was (but not in "10:30", nor before a second mark as in "?!").
fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    // Characters of addresses, which keep their colons as typed.
    let mut address = vec![false; chars.len()];
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let length = word.chars().count();
        if looks_like_an_address(word.trim_end()) {
            address[at..at + length].fill(true);
        }
        at += length;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if address[i] {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let is_space = |c: Option<char>| matches!(c, Some(' ' | '\u{A0}' | NARROW_NO_BREAK_SPACE));
        match c {
            ' ' | '\u{A0}'
                if before == Some('«') || matches!(after, Some('»' | ';' | ':' | '!' | '?')) =>
            {
                out.push(NARROW_NO_BREAK_SPACE)
            }
            '»' | ';' | ':' | '!' | '?'
                if !is_space(before)
                    && before.is_some_and(|b| !";:!?".contains(b))
                    && !(c == ':' && before.is_some_and(|b| b.is_ascii_digit())) =>
            {
                out.push(NARROW_NO_BREAK_SPACE);
                out.push(c);
            }
            _ => {
                out.push(c);
                if c == '«' && !is_space(after) && after.is_some() {
                    out.push(NARROW_NO_BREAK_SPACE);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lang: &str, text: &str) -> String {
        apply_to_text(text, Marks::of(lang).unwrap())
    }

    #[test]
    fn english_quotes_apostrophes_and_dashes() {
        assert_eq!(
            set(
                "en",
                r#"A "destination" country -- 'recruits' children's states' efforts"#
            ),
            "A “destination” country – ‘recruits’ children’s states’ efforts"
        );
        assert_eq!(set("en", "(\"one\") 'two'"), "(“one”) ‘two’");
    }

    #[test]
    fn french_guillemets_with_narrow_no_break_spaces() {
        let nnbsp = NARROW_NO_BREAK_SPACE;
        assert_eq!(
            set("fr", r#"La catégorie "limited" : pourquoi? L'État"#),
            format!("La catégorie «{nnbsp}limited{nnbsp}»{nnbsp}: pourquoi{nnbsp}? L’État")
        );
        assert_eq!(
            set("fr", "« déjà » à 10:30"),
            format!("«{nnbsp}déjà{nnbsp}» à 10:30")
        );
        // Typed already: kept, not doubled.
        let typed = format!("«{nnbsp}oui{nnbsp}»{nnbsp}: non");
        assert_eq!(set("fr", &typed), typed);
    }

    #[test]
    fn german_quotes_open_low() {
        assert_eq!(
            set("de", r#"Er sagt "ja" und 'nein'"#),
            "Er sagt „ja“ und ‚nein‘"
        );
    }

    #[test]
    fn addresses_are_left_as_typed() {
        assert_eq!(
            set("fr", "voir http://example.org/a?b=1 ou x@y.org"),
            "voir http://example.org/a?b=1 ou x@y.org"
        );
    }

    #[test]
    fn a_quote_spans_inlines_and_links_keep_their_address() {
        let mut inlines = vec![
            Inline::Text("\"".into()),
            Inline::Emphasis(vec![Inline::Text("word".into())]),
            Inline::Text("\" at ".into()),
            Inline::Link {
                url: "http://a.org/'x'".into(),
                content: vec![Inline::Text("http://a.org/'x'".into())],
            },
        ];
        apply(&mut inlines, Marks::of("en").unwrap());
        assert_eq!(inlines[0], Inline::Text("“".into()));
        assert_eq!(inlines[2], Inline::Text("” at ".into()));
        assert!(
            matches!(&inlines[3], Inline::Link { content, .. } if content[0] == Inline::Text("http://a.org/'x'".into()))
        );
    }

    #[test]
    fn chinese_japanese_and_korean_are_left_as_written() {
        assert_eq!(Marks::of("ja"), None);
        assert_eq!(Marks::of("zh-Hant"), None);
    }
}
