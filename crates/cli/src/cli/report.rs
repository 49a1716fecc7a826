//! Shows diagnostics on stderr the way compilers do: the offending source
//! line with the mistake underlined, then `= hint:` lines.
//!
//! A diagnostic whose file can't be read (or that names no line) falls back
//! to one line, `file:line:col: error: message`. Everything is written to
//! stderr one diagnostic at a time, so parallel builds never interleave a
//! diagnostic's lines. The reporter counts errors so that the exit code can
//! reflect every problem once all the work is done.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::{self, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{
    Ansi, BufferWriter, Color, ColorChoice, ColorSpec, NoColor, WriteColor,
};
use codespan_reporting::term::{self, emit_to_write_style};
use folio::{Diagnostic, Severity};

/// Writes diagnostics and messages to stderr and remembers how many errors
/// there were. Shared by reference between the threads of a build.
pub struct Reporter {
    stderr: BufferWriter,
    errors: AtomicUsize,
    warnings: AtomicUsize,
    /// Files read to show their lines, each read once (`None`: unreadable).
    sources: Mutex<HashMap<PathBuf, Option<Arc<str>>>>,
}

impl Reporter {
    pub fn new(color: bool) -> Reporter {
        let choice = if color {
            ColorChoice::Always
        } else {
            ColorChoice::Never
        };
        Reporter {
            stderr: BufferWriter::stderr(choice),
            errors: AtomicUsize::new(0),
            warnings: AtomicUsize::new(0),
            sources: Mutex::default(),
        }
    }

    /// Shows each diagnostic and counts it.
    pub fn diagnostics<'a>(&self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        for diagnostic in diagnostics {
            let counter = match diagnostic.severity {
                Severity::Error => &self.errors,
                Severity::Warning => &self.warnings,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            let source = self.source(diagnostic);
            let mut buffer = self.stderr.buffer();
            // Writing to a memory buffer can't fail.
            let _ = render(&mut buffer, diagnostic, source.as_deref());
            let _ = self.stderr.print(&buffer);
        }
    }

    /// Shows an error that is about no content file (I/O, internal errors)
    /// and counts it.
    pub fn error(&self, message: impl Display) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut buffer = self.stderr.buffer();
        let _ = write_header(&mut buffer, ReportSeverity::Error, &message.to_string());
        let _ = self.stderr.print(&buffer);
    }

    /// A line of progress.
    pub fn info(&self, message: impl Display) {
        let mut buffer = self.stderr.buffer();
        let _ = writeln!(buffer, "{message}");
        let _ = self.stderr.print(&buffer);
    }

    /// Forgets the files read to show diagnostics' lines, so that the
    /// next diagnostics show them as they are now (`folio watch` reports on
    /// files that change between builds).
    pub fn forget_sources(&self) {
        self.sources
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    pub fn errors(&self) -> usize {
        self.errors.load(Ordering::Relaxed)
    }

    pub fn warnings(&self) -> usize {
        self.warnings.load(Ordering::Relaxed)
    }

    /// 1 if any error was reported, else 0.
    pub fn exit_code(&self) -> ExitCode {
        if self.errors() > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Runs `work`; if it panics (a bug in Folio, never the content's
    /// fault), reports an internal error about `what` instead of aborting
    /// the other work, and returns `None`.
    pub fn guard<T>(&self, what: impl Display, work: impl FnOnce() -> T) -> Option<T> {
        match panic::catch_unwind(AssertUnwindSafe(work)) {
            Ok(value) => Some(value),
            Err(payload) => {
                let reason = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_owned());
                self.error(format_args!(
                    "internal error while working on {what}: {reason} (this is a bug in Folio, \
                     not in the content; please report it)"
                ));
                None
            }
        }
    }

    fn source(&self, diagnostic: &Diagnostic) -> Option<Arc<str>> {
        if diagnostic.file.as_os_str().is_empty() || diagnostic.line == 0 {
            return None;
        }
        let mut sources = self
            .sources
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        sources
            .entry(diagnostic.file.clone())
            .or_insert_with(|| {
                std::fs::read_to_string(&diagnostic.file)
                    .ok()
                    .map(Arc::from)
            })
            .clone()
    }
}

/// Writes `diagnostic` with the snippet of `source` it points at, or in the
/// one-line form if there is no source or it doesn't contain the location.
pub fn render(
    out: &mut impl WriteColor,
    diagnostic: &Diagnostic,
    source: Option<&str>,
) -> io::Result<()> {
    let severity = match diagnostic.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    if let Some(source) = source
        && let Some(range) = label_range(diagnostic, source)
    {
        let mut report = Report::new(severity)
            .with_message(&diagnostic.message)
            .with_label(Label::primary((), range));
        if let Some(hint) = &diagnostic.hint {
            report = report.with_note(format!("hint: {hint}"));
        }
        let file = SimpleFile::new(diagnostic.file.display().to_string(), source);
        // Into a scratch buffer, so that a failure half-way leaves nothing
        // behind and the one-line form can be written instead.
        let config = term::Config::default();
        let mut buffer = Vec::new();
        let written = if out.supports_color() {
            emit_to_write_style(&mut Ansi::new(&mut buffer), &config, &file, &report)
        } else {
            emit_to_write_style(&mut NoColor::new(&mut buffer), &config, &file, &report)
        };
        if written.is_ok() {
            return out.write_all(&buffer);
        }
    }
    render_plain(out, severity, diagnostic)
}

/// `file:line:col: error: message` and `  = hint: …`.
fn render_plain(
    out: &mut impl WriteColor,
    severity: ReportSeverity,
    diagnostic: &Diagnostic,
) -> io::Result<()> {
    if let Some(location) = folio::location(diagnostic) {
        out.set_color(ColorSpec::new().set_bold(true))?;
        write!(out, "{location}: ")?;
        out.reset()?;
    }
    write_header(out, severity, &diagnostic.message)?;
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  = hint: {hint}")?;
    }
    Ok(())
}

/// `error: message` with the severity coloured as codespan does.
fn write_header(
    out: &mut impl WriteColor,
    severity: ReportSeverity,
    message: &str,
) -> io::Result<()> {
    let (color, word) = match severity {
        ReportSeverity::Warning => (Color::Yellow, "warning"),
        _ => (Color::Red, "error"),
    };
    out.set_color(
        ColorSpec::new()
            .set_fg(Some(color))
            .set_bold(true)
            .set_intense(true),
    )?;
    write!(out, "{word}")?;
    out.set_color(ColorSpec::new().set_bold(true))?;
    write!(out, ": {message}")?;
    out.reset()?;
    writeln!(out)
}

/// The bytes to underline: the diagnostic's span if it fits the source,
/// else the character at its line and column.
fn label_range(diagnostic: &Diagnostic, source: &str) -> Option<Range<usize>> {
    if let Some(span) = &diagnostic.span
        && span.start <= span.end
        && span.end <= source.len()
        && source.is_char_boundary(span.start)
        && source.is_char_boundary(span.end)
    {
        return Some(span.clone());
    }
    let line_index = diagnostic.line.checked_sub(1)?;
    let mut line_start = 0;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        if index == line_index {
            let text = line.trim_end_matches(['\n', '\r']);
            let column = diagnostic.column.saturating_sub(1);
            let mut chars = text.char_indices().skip(column);
            return Some(match chars.next() {
                Some((offset, c)) => line_start + offset..line_start + offset + c.len_utf8(),
                None => line_start + text.len()..line_start + text.len(),
            });
        }
        line_start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "name = \"USA\"\n\n[[goals]]\nrating = \"GREN\"\n";

    fn diagnostic(span: Option<Range<usize>>, line: usize, column: usize) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: "data/countries/usa.toml".into(),
            line,
            column,
            message: "unknown rating `GREN`".into(),
            hint: Some("use one of: green, amber, red".into()),
            span,
        }
    }

    fn rendered(diagnostic: &Diagnostic, source: Option<&str>) -> String {
        let mut out = NoColor::new(Vec::new());
        render(&mut out, diagnostic, source).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn shows_the_line_with_the_span_underlined_and_the_hint() {
        let start = SOURCE.find("\"GREN\"").unwrap();
        let text = rendered(&diagnostic(Some(start..start + 6), 4, 10), Some(SOURCE));
        assert!(text.starts_with("error: unknown rating `GREN`\n"), "{text}");
        assert!(text.contains("data/countries/usa.toml:4:10"), "{text}");
        assert!(text.contains("rating = \"GREN\""), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(
            text.contains("= hint: use one of: green, amber, red"),
            "{text}"
        );
    }

    #[test]
    fn without_a_span_underlines_the_character_at_line_and_column() {
        let text = rendered(&diagnostic(None, 4, 10), Some(SOURCE));
        assert!(text.contains("data/countries/usa.toml:4:10"), "{text}");
        assert!(text.contains('^'), "{text}");
    }

    #[test]
    fn falls_back_to_one_line_without_the_file() {
        let text = rendered(&diagnostic(None, 4, 10), None);
        assert_eq!(
            text,
            "data/countries/usa.toml:4:10: error: unknown rating `GREN`\n  \
             = hint: use one of: green, amber, red\n"
        );
        // A location outside the file: the same.
        let text = rendered(&diagnostic(Some(900..905), 40, 1), Some(SOURCE));
        assert!(
            text.starts_with("data/countries/usa.toml:40:1: error:"),
            "{text}"
        );
    }

    #[test]
    fn diagnostics_about_no_file_have_no_location() {
        let mut d = diagnostic(None, 0, 0);
        d.file = PathBuf::new();
        d.severity = Severity::Warning;
        d.hint = None;
        assert_eq!(rendered(&d, None), "warning: unknown rating `GREN`\n");
    }

    #[test]
    fn guard_turns_a_panic_into_a_counted_error() {
        let reporter = Reporter::new(false);
        assert_eq!(reporter.guard("usa-en", || 7), Some(7));
        // (The test harness shows the panic's message; that is expected.)
        let result: Option<()> = reporter.guard("usa-en", || panic!("boom"));
        assert_eq!(result, None);
        assert_eq!(reporter.errors(), 1);
    }
}
