//! Where a text of a composed document was written.
//!
//! Loading and composing point every problem at its file, line and column.
//! Layout finds problems of its own (a character no font has, a word wider
//! than its column, content taller than any page) in text that composing
//! has already turned into a tree with no trace of the files; each string
//! therefore carries its [`Origin`] through layout, so those problems can be
//! pointed at the content or translation file like the others.

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde_spanned::Spanned;

use crate::diag::{Diagnostic, Severity};
use crate::load::files::SourceFile;

/// The content or translation string a text of the document was composed
/// from. Cheap to clone: the file is shared, not copied.
#[derive(Clone)]
pub struct Origin {
    /// The whole file, to find line and column, and a part of the string,
    /// only when a problem is reported.
    file: SourceFile,
    /// The string's token in the file, quotes included.
    token: Range<usize>,
}

impl Origin {
    /// The string `text` of `file`.
    pub(crate) fn new(file: &SourceFile, text: &Spanned<String>) -> Origin {
        Origin {
            file: file.clone(),
            token: text.span(),
        }
    }

    /// The file, as diagnostics name it.
    pub fn file(&self) -> &Path {
        &self.file.path
    }

    /// A problem with the string as a whole, pointing at its start and
    /// underlining the string.
    pub fn diagnostic(&self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        self.file.diagnostic(severity, self.written(), message)
    }

    /// A problem with `part` of the string (a character, a word): pointing
    /// at it where the file shows it as it is printed, else at the string.
    /// A part that was not written there (it came from a placeholder, or is
    /// split by markup or an escape) is not guessed at.
    pub fn diagnostic_at(
        &self,
        part: &str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let written = self.written();
        let text = self.file.text.get(written.clone()).unwrap_or("");
        match text.find(part).filter(|_| !part.is_empty()) {
            Some(at) => {
                let start = written.start + at;
                self.file
                    .diagnostic(severity, start..start + part.len(), message)
            }
            None => self.diagnostic(severity, message),
        }
    }

    /// The string's content in the file as written (escapes not decoded):
    /// inside its quotes, after the newline that opens a multi-line string.
    /// Found only when a problem is reported, so carrying an origin costs
    /// nothing but two reference counts.
    fn written(&self) -> Range<usize> {
        let token = self.file.text.get(self.token.clone()).unwrap_or("");
        let quotes = if token.starts_with("\"\"\"") || token.starts_with("'''") {
            3
        } else if token.starts_with(['"', '\'']) {
            1
        } else {
            0
        };
        let rest = &token[quotes..];
        let newline = match quotes {
            3 if rest.starts_with("\r\n") => 2,
            3 if rest.starts_with('\n') => 1,
            _ => 0,
        };
        let start = quotes + newline;
        let end = token.len().saturating_sub(quotes).max(start);
        self.token.start + start..self.token.start + end
    }
}

/// Two origins are the same string of the same file.
impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        self.token == other.token && self.file.path == other.file.path
    }
}

impl Eq for Origin {}

/// `path@start..end`: not the file's text.
impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{:?}", self.file.path.display(), self.token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str, value: &str) -> Origin {
        let file = SourceFile {
            path: Path::new("data/campaign.toml").into(),
            text: text.into(),
        };
        let token = text.find('"').unwrap()..text.rfind('"').unwrap() + 1;
        Origin::new(&file, &Spanned::new(token, value.to_owned()))
    }

    #[test]
    fn points_at_the_start_of_the_string() {
        let origin = origin("a = 1\ntext = \"Hello world\"\n", "Hello world");
        let diagnostic = origin.diagnostic(Severity::Error, "too tall");
        assert_eq!((diagnostic.line, diagnostic.column), (2, 9));
        assert_eq!(diagnostic.file, Path::new("data/campaign.toml"));
        assert_eq!(diagnostic.span, Some(14..25));
    }

    #[test]
    fn points_inside_a_multi_line_string() {
        let text = "text = \"\"\"\nHello\nworld\"\"\"\n";
        let origin = origin(text, "Hello\nworld");
        let diagnostic = origin.diagnostic(Severity::Error, "too tall");
        assert_eq!((diagnostic.line, diagnostic.column), (2, 1));
        assert_eq!(&text[diagnostic.span.unwrap()], "Hello\nworld");
    }

    #[test]
    fn points_at_a_part_written_as_printed() {
        let origin = origin("text = \"Tōkyō 東京 is far\"\n", "Tōkyō 東京 is far");
        let diagnostic = origin.diagnostic_at("東", Severity::Error, "no font");
        assert_eq!((diagnostic.line, diagnostic.column), (1, 15));
        let span = diagnostic.span.unwrap();
        assert_eq!(&"text = \"Tōkyō 東京 is far\"\n"[span], "東");
    }

    #[test]
    fn a_part_not_written_there_points_at_the_string() {
        let origin = origin("text = \"In {country}\"\n", "In {country}");
        let diagnostic = origin.diagnostic_at("東", Severity::Error, "no font");
        assert_eq!((diagnostic.line, diagnostic.column), (1, 9));
    }
}
