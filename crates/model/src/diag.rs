//! Problems found in the content files, as values.
//!
//! Loading never stops at the first problem: every check appends to a list
//! so the communications officer sees everything to fix in one run. Each
//! diagnostic names the file, line and column so an editor can jump there,
//! and keeps the byte span for renderers that print a source snippet.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The booklet cannot be built.
    Error,
    /// The booklet can be built but something looks wrong.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as the data folder was given to [`crate::Project::load`]
    /// joined with the file's place in it (e.g. `data/countries/usa.toml`).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the file as a whole
    /// (e.g. it is missing).
    pub line: usize,
    /// 1-based column counted in characters; 0 with `line` 0.
    pub column: usize,
    /// Short, lowercase, says what was expected.
    pub message: String,
    pub hint: Option<String>,
    /// Byte range in the file, for snippet rendering.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A problem with a whole file, which has no position to point at.
    pub fn file_error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            span: None,
        }
    }

    /// Something odd about a whole file that does not stop a build.
    pub fn file_warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::file_error(file, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.file.display())?;
        if self.line > 0 {
            write!(f, "{}:{}:", self.line, self.column)?;
        }
        write!(f, " {}: {}", self.severity, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// True when any of `diagnostics` is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// `["a", "b"]` as "a, b", for hints that list what is accepted.
pub(crate) fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_position_severity_and_hint() {
        let diagnostic = Diagnostic {
            severity: Severity::Error,
            file: PathBuf::from("data/countries/usa.toml"),
            line: 12,
            column: 9,
            message: "unknown rating \"GREN\"".into(),
            hint: Some("expected one of GREEN, YELLOW, RED".into()),
            span: Some(200..206),
        };
        assert_eq!(
            diagnostic.to_string(),
            "data/countries/usa.toml:12:9: error: unknown rating \"GREN\"\n  = hint: expected one of GREEN, YELLOW, RED"
        );
    }

    #[test]
    fn a_file_level_problem_has_no_position() {
        let diagnostic = Diagnostic::file_error("data/theme.toml", "cannot read file");
        assert_eq!(
            diagnostic.to_string(),
            "data/theme.toml: error: cannot read file"
        );
    }
}
