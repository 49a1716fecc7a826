//! Diagnostics as values: the error type of the library and their plain,
//! one-line text form.

use std::fmt;
use std::path::PathBuf;

use crate::{Diagnostic, Severity};

/// Why something could not be done: at least one diagnostic of severity
/// [`Severity::Error`], possibly with warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether any diagnostic is an error (as opposed to a warning).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics(diagnostics)
    }
}

/// One diagnostic a line, `file:line:column: error: message`, each followed
/// by its hint (if any) on an indented line.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write_diagnostic(f, diagnostic)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Writes `file:line:column: severity: message` (location parts that are
/// unknown are left out) and an indented `= hint: …` line.
///
/// This is the plain, one-line form of a diagnostic, for logs and for
/// programs; the `folio` command shows the source line instead when it can.
pub fn write_diagnostic(f: &mut impl fmt::Write, diagnostic: &Diagnostic) -> fmt::Result {
    if let Some(location) = location(diagnostic) {
        write!(f, "{location}: ")?;
    }
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    write!(f, "{severity}: {}", diagnostic.message)?;
    if let Some(hint) = &diagnostic.hint {
        write!(f, "\n  = hint: {hint}")?;
    }
    Ok(())
}

/// `file:line:column`, `file:line` or `file`, or nothing for a diagnostic
/// about no file in particular.
pub fn location(diagnostic: &Diagnostic) -> Option<String> {
    if diagnostic.file.as_os_str().is_empty() {
        return None;
    }
    let file = diagnostic.file.display();
    Some(match (diagnostic.line, diagnostic.column) {
        (0, _) => format!("{file}"),
        (line, 0) => format!("{file}:{line}"),
        (line, column) => format!("{file}:{line}:{column}"),
    })
}

/// A diagnostic about no file in particular.
pub(crate) fn general(severity: Severity, message: String, hint: Option<String>) -> Diagnostic {
    Diagnostic {
        severity,
        file: PathBuf::new(),
        line: 0,
        column: 0,
        message,
        hint,
        span: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_per_diagnostic_with_hints() {
        let diagnostics = Diagnostics(vec![
            Diagnostic {
                severity: Severity::Error,
                file: "data/countries/usa.toml".into(),
                line: 12,
                column: 10,
                message: "unknown rating `GREN`".into(),
                hint: Some("use one of: green, amber, red".into()),
                span: Some(200..206),
            },
            general(Severity::Warning, "usa-en: overfull line".into(), None),
        ]);
        assert_eq!(
            diagnostics.to_string(),
            "data/countries/usa.toml:12:10: error: unknown rating `GREN`\n  \
             = hint: use one of: green, amber, red\nwarning: usa-en: overfull line"
        );
        assert!(diagnostics.has_errors());
    }
}
