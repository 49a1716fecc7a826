//! Reading content files and turning their problems into diagnostics.

use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_spanned::Spanned;

use super::spans::{line_column, value_start};
use crate::diag::{Diagnostic, Severity};

/// A content file's text and the path to print in diagnostics. Both are
/// shared: every text of a composed document keeps its file, to point into
/// it when layout finds a problem (see [`crate::doc::Origin`]).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<Path>,
    pub text: Arc<str>,
}

/// A parsed content file, kept with its source so later checks can point
/// into it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub file: SourceFile,
    pub content: T,
}

impl SourceFile {
    pub fn read(path: PathBuf) -> Result<SourceFile, Diagnostic> {
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                return Err(Diagnostic::file_error(
                    path,
                    format!("cannot read file: {error}"),
                ));
            }
        };
        String::from_utf8(bytes)
            .map(|text| SourceFile {
                path: path.as_path().into(),
                text: text.into(),
            })
            .map_err(|error| not_utf8(path, error))
    }

    /// Parses the file as TOML into `T`. A syntax error or a field of the
    /// wrong shape becomes one diagnostic at the place the parser names.
    pub fn parse<T: DeserializeOwned>(self) -> Result<Loaded<T>, Diagnostic> {
        match toml::from_str::<T>(&self.text) {
            Ok(content) => Ok(Loaded {
                file: self,
                content,
            }),
            Err(error) => {
                // The parser says "…, expected …"; the second half is advice.
                let message = error.message().trim_end_matches('\n');
                let (message, hint) = match message.split_once(", expected ") {
                    Some((what, expected)) => {
                        (what.to_owned(), Some(format!("expected {expected}")))
                    }
                    None => (message.to_owned(), None),
                };
                let span = error.span().unwrap_or(0..0);
                let diagnostic = self.diagnostic(Severity::Error, span, message);
                Err(match hint {
                    Some(hint) => diagnostic.with_hint(hint),
                    None => diagnostic,
                })
            }
        }
    }

    pub fn diagnostic(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = line_column(&self.text, span.start);
        Diagnostic {
            severity,
            file: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
            span: Some(span),
        }
    }

    pub fn error<T>(&self, at: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, at.span(), message)
    }

    pub fn warning<T>(&self, at: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Warning, at.span(), message)
    }

    /// An error at `range`, a byte range inside the decoded value of the
    /// string `text` (e.g. an unknown placeholder in a paragraph).
    pub fn error_in(
        &self,
        text: &Spanned<String>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = value_start(&self.text, text.span(), text.get_ref()) + range.start;
        let end = (start + range.len()).min(self.text.len());
        self.diagnostic(Severity::Error, start.min(end)..end, message)
    }
}

/// Where a file stops being UTF-8, for the person who saved it in another
/// encoding: the text before that point is valid, so its line and column
/// are exact.
fn not_utf8(path: PathBuf, error: std::string::FromUtf8Error) -> Diagnostic {
    let valid = error.utf8_error().valid_up_to();
    let bytes = error.as_bytes();
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let (line, column) = line_column(before, valid);
    let shown: Vec<String> = bytes[valid..]
        .iter()
        .take(error.utf8_error().error_len().unwrap_or(1))
        .map(|b| format!("0x{b:02X}"))
        .collect();
    Diagnostic {
        line,
        column,
        span: Some(valid..valid),
        ..Diagnostic::file_error(
            path,
            format!(
                "the file is not UTF-8 text: invalid byte {}",
                shown.join(" ")
            ),
        )
    }
    .with_hint(
        "save the file as UTF-8 (an editor set to Latin-1 or Windows-1252 writes “é” as the \
         single byte 0xE9)",
    )
}

/// `relative` resolved against `data_dir`, refused when it could reach
/// outside the data folder: content files are edited by people who should
/// not be able to make a build read arbitrary files.
pub fn inside(data_dir: &Path, relative: &str) -> Result<PathBuf, &'static str> {
    let path = Path::new(relative);
    if relative.is_empty() {
        return Err("the path is empty");
    }
    for component in path.components() {
        match component {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Err("the path leaves the data folder with `..`"),
            Component::RootDir | Component::Prefix(_) => return Err("the path is absolute"),
        }
    }
    let joined = data_dir.join(path);
    // A symbolic link could still point elsewhere.
    match (joined.canonicalize(), data_dir.canonicalize()) {
        (Ok(real), Ok(root)) if !real.starts_with(&root) => {
            Err("the path leads outside the data folder")
        }
        _ => Ok(joined),
    }
}

/// The country files of `countries_dir`: `(id, path)` sorted by id, where
/// the id is the file stem (`usa` for `usa.toml`).
pub fn country_files(countries_dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let entries = fs::read_dir(countries_dir).map_err(|error| {
        Diagnostic::file_error(countries_dir, format!("cannot read folder: {error}"))
    })?;
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .filter_map(|path| Some((path.file_stem()?.to_str()?.to_owned(), path)))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape_the_data_folder() {
        let root = Path::new("data");
        assert!(inside(root, "art/cover.png").is_ok());
        assert!(inside(root, "../secret.png").is_err());
        assert!(inside(root, "art/../../secret.png").is_err());
        assert!(inside(root, "/etc/passwd").is_err());
        assert!(inside(root, "").is_err());
    }

    #[test]
    fn points_at_the_first_byte_that_is_not_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("france.toml");
        fs::write(&path, b"name = \"France\"\ntext = \"R\xe9publique\"\n").unwrap();
        let error = SourceFile::read(path).unwrap_err();
        assert_eq!((error.line, error.column), (2, 10));
        assert_eq!(
            error.message,
            "the file is not UTF-8 text: invalid byte 0xE9"
        );
        assert!(error.hint.unwrap().contains("UTF-8"));
    }

    #[test]
    fn reports_toml_errors_with_position_and_hint() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Sample {
            name: String,
        }
        let file = SourceFile {
            path: Path::new("x.toml").into(),
            text: "name = \"a\"\nnmae = \"b\"\n".into(),
        };
        let error = file.parse::<Sample>().unwrap_err();
        assert_eq!((error.line, error.column), (2, 1));
        assert_eq!(error.message, "unknown field `nmae`");
        assert_eq!(error.hint.as_deref(), Some("expected `name`"));
    }
}
