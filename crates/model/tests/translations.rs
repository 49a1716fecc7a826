//! Editions in other languages: the shipped French edition, fallbacks to
//! English with a warning per string, stale translations, the pseudo
//! edition, and the PO round trip.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{blocks, inline_runs, text};
use folio_model::doc::{Block, Document, FigureBody, ParagraphStyle};
use folio_model::{Project, Severity};
use tempfile::TempDir;

fn compose(project: &Project, lang: &str) -> Document {
    project
        .compose("usa", lang)
        .unwrap_or_else(|diagnostics| panic!("{}", common::render(&diagnostics)))
}

fn paragraphs(document: &Document, style: ParagraphStyle) -> Vec<String> {
    blocks(document)
        .into_iter()
        .filter_map(|block| match block {
            Block::Paragraph(p) if p.style == style => Some(text(&p.text)),
            _ => None,
        })
        .collect()
}

/// A copy of `data/` in a temporary folder.
struct Scratch {
    _dir: TempDir,
    data: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        common::copy_dir(&common::data_dir(), &data);
        Scratch { _dir: dir, data }
    }

    fn project(&self) -> Project {
        Project::load(&self.data).unwrap_or_else(|d| panic!("{}", common::render(&d)))
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.data.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} is not in {file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// The 1-based line of the first `needle` in `file`.
    fn line(&self, file: &str, needle: &str) -> usize {
        let text = fs::read_to_string(self.data.join(file)).unwrap();
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {file}"));
        text[..at].matches('\n').count() + 1
    }
}

/// `msgctxt` → `msgstr` of every entry of a PO file.
fn po_translations(po: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let (mut context, mut field, mut value) = (String::new(), "", String::new());
    let mut finish = |context: &str, field: &str, value: &str| {
        if field == "msgstr" && !context.is_empty() {
            out.insert(context.to_owned(), value.to_owned());
        }
    };
    for line in po.lines().chain(std::iter::once("")) {
        let quoted = |s: &str| {
            s.trim()
                .trim_matches('"')
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
        };
        if let Some(rest) = line.strip_prefix("msgctxt ") {
            context = quoted(rest);
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            (field, value) = ("msgid", quoted(rest));
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            (field, value) = ("msgstr", quoted(rest));
        } else if line.starts_with('"') {
            value.push_str(&quoted(line));
        } else if line.is_empty() {
            finish(&context, field, &value);
            (field, value) = ("", String::new());
            context.clear();
        }
    }
    out
}

/// `po` with every empty translation filled in with `prefix` and the
/// English, which keeps its markup, references and placeholders.
fn fill(po: &str, prefix: &str) -> String {
    let mut out = Vec::new();
    let mut msgid: Vec<&str> = Vec::new();
    let mut in_msgid = false;
    let lines: Vec<&str> = po.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(value) = line.strip_prefix("msgid ") {
            (in_msgid, msgid) = (true, vec![value]);
        } else if in_msgid && line.starts_with('"') {
            msgid.push(line);
        } else if line.starts_with("msgstr") {
            in_msgid = false;
            let empty = *line == "msgstr \"\""
                && lines.get(i + 1).is_none_or(|next| !next.starts_with('"'))
                && msgid != ["\"\""];
            if empty {
                out.push(format!("msgstr \"{prefix}\""));
                out.extend(msgid.iter().map(|part| part.to_string()));
                continue;
            }
        }
        out.push(line.to_string());
    }
    out.join("\n") + "\n"
}

#[test]
fn the_french_edition_is_complete_and_composes_in_french() {
    let project = common::project();
    let status = project.status("usa", "fr").unwrap();
    assert!(
        status.untranslated.is_empty() && status.stale.is_empty() && status.problems.is_empty(),
        "{}\n{}",
        common::render(&status.untranslated),
        common::render(&status.stale)
    );
    assert_eq!(status.translated(), status.total);
    assert!(status.warnings(true).is_empty());

    let document = compose(&project, "fr");
    assert_eq!(document.lang, "fr");
    assert_eq!(document.toc_title, "TABLE DES MATIÈRES");
    assert_eq!(
        document.cover.title,
        ["ÉTATS-UNIS", "FICHE DE SUIVI DES PROGRÈS"]
    );
    let body = paragraphs(&document, ParagraphStyle::Body);
    assert!(
        body[0].starts_with("La campagne «\u{202f}Stop à la traite"),
        "{}",
        body[0]
    );
    // Figures from the dataset in French formats: "26 %", "janvier 2010".
    let lead = &paragraphs(&document, ParagraphStyle::Lead)[0];
    assert!(lead.contains("26\u{a0}% de pays"), "{lead}");
    assert!(
        lead.contains("«\u{202f}mesures limitées\u{202f}»"),
        "{lead}"
    );
    let footnotes: Vec<String> = document.notes.iter().map(|n| text(&n.text)).collect();
    assert!(
        footnotes
            .iter()
            .any(|n| n.ends_with("en date de janvier 2010."))
    );
    let figure = blocks(&document)
        .into_iter()
        .find_map(|block| match block {
            Block::Figure(f) if matches!(f.body, FigureBody::Table(_)) => Some(f),
            _ => None,
        })
        .unwrap();
    let names: Vec<String> = inline_runs(&Block::Figure(figure.clone()))
        .iter()
        .map(|run| text(run))
        .collect();
    assert!(names.contains(&"Cambodge".to_owned()) && names.contains(&"États-Unis".to_owned()));
    assert!(
        figure
            .alt
            .contains("Cambodge, Mexique, Pakistan, Malaisie et Singapour"),
        "{}",
        figure.alt
    );
    // The same notes as in English, in the same order.
    assert_eq!(document.notes.len(), compose(&project, "en").notes.len());
}

/// Problems layout finds in a translated text are fixed in the
/// translation, so that is where its origin points.
#[test]
fn translated_texts_point_at_their_translations() {
    let project = common::project();
    let document = compose(&project, "fr");
    common::assert_texts_point_at_their_strings(&document);
    let Some(Block::Heading(first)) = document.blocks.first() else {
        panic!("the booklet starts with a heading");
    };
    let origin = first.origin.as_ref().unwrap();
    assert!(
        origin.file().ends_with("translations/fr/campaign.toml"),
        "{origin:?}"
    );
}

#[test]
fn missing_strings_are_printed_in_english_with_a_warning_each() {
    let project = common::project();
    let status = project.status("usa", "de").unwrap();
    assert!(status.translated() >= 10, "section titles are translated");
    assert_eq!(
        status.translated() + status.untranslated.len(),
        status.total
    );
    let scratch = Scratch::new();
    let warning = status
        .untranslated
        .iter()
        .find(|d| d.message == "\"introduction.paragraphs.1\" has no de translation")
        .expect("a warning for the first paragraph");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(warning.file.ends_with("campaign.toml"));
    assert_eq!(
        warning.line,
        scratch.line("campaign.toml", "\"The Stop Sex Trafficking")
    );
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap()
            .contains("translations/de/campaign.toml"),
        "{warning:?}"
    );

    let document = compose(&project, "de");
    assert_eq!(document.toc_title, "INHALTSVERZEICHNIS");
    let Block::Heading(first) = &document.blocks[0] else {
        panic!("the body starts with a heading")
    };
    // The heading is German; the country's name, untranslated, is English.
    assert_eq!(
        text(&first.text),
        "FORTSCHRITTE BEI DER BEENDIGUNG DES SEXHANDELS MIT KINDERN UND JUGENDLICHEN: THE USA"
    );
    let body = paragraphs(&document, ParagraphStyle::Body);
    assert!(body[0].starts_with("The Stop Sex Trafficking"));
}

#[test]
fn strict_turns_every_fallback_into_an_error() {
    let status = common::project().status("usa", "ru").unwrap();
    let errors = status.warnings(true);
    assert_eq!(errors.len(), status.untranslated.len());
    assert!(
        errors
            .iter()
            .all(|d| d.severity == Severity::Error && d.line > 0)
    );
}

#[test]
fn a_translation_of_changed_english_is_stale_but_still_printed() {
    let scratch = Scratch::new();
    scratch.edit(
        "campaign.toml",
        "title = \"RESEARCH METHODOLOGY\"",
        "title = \"METHODOLOGY OF THE RESEARCH\"",
    );
    let project = scratch.project();
    let status = project.status("usa", "fr").unwrap();
    assert_eq!(status.untranslated.len(), 0);
    assert_eq!(status.stale.len(), 1, "{}", common::render(&status.stale));
    let stale = &status.stale[0];
    assert!(stale.file.ends_with("translations/fr/campaign.toml"));
    assert_eq!(
        stale.line,
        scratch.line(
            "translations/fr/campaign.toml",
            "text = \"MÉTHODOLOGIE DE LA RECHERCHE\""
        )
    );
    assert!(
        stale
            .message
            .contains("\"methodology.title\" is out of date")
    );
    let document = compose(&project, "fr");
    let sections: Vec<String> = blocks(&document)
        .into_iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.level == 1 => Some(text(&h.text)),
            _ => None,
        })
        .collect();
    assert!(sections.contains(&"MÉTHODOLOGIE DE LA RECHERCHE".to_owned()));
}

#[test]
fn a_current_translation_must_keep_note_references_and_placeholders() {
    let scratch = Scratch::new();
    scratch.edit(
        "translations/fr/campaign.toml",
        "inadéquats pour les enfants victimes de la traite).[^ngo-star]",
        "inadéquats pour les enfants victimes de la traite).",
    );
    let project = scratch.project();
    let errors = project.compose("usa", "fr").unwrap_err();
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert_eq!(errors[0].message, "the translation lacks [^ngo-star]");
    assert!(errors[0].file.ends_with("translations/fr/campaign.toml"));
    assert!(errors[0].line > 0);
    // Only the French editions are affected.
    assert!(project.compose("usa", "en").is_ok());
}

#[test]
fn the_pseudo_edition_brackets_every_string() {
    let project = common::project();
    let document = compose(&project, "pseudo");
    assert_eq!(document.lang, "en-XA");
    let mut checked = 0;
    for block in blocks(&document) {
        let runs: Vec<String> = match block {
            Block::Paragraph(p) if p.style != ParagraphStyle::Attribution => vec![text(&p.text)],
            Block::Heading(h) => vec![text(&h.text)],
            Block::List(list) => list.items.iter().map(|item| text(&item.text)).collect(),
            _ => Vec::new(),
        };
        for run in runs {
            // Labels ("Source:") and the star marks precede some strings.
            let start = run
                .find('[')
                .unwrap_or_else(|| panic!("not bracketed: {run}"));
            assert!(run.trim_end().ends_with(']'), "not bracketed: {run}");
            assert!(
                !run[start..].contains("the "),
                "an English word escaped: {run}"
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked}");
    let english: usize = paragraphs(&compose(&project, "en"), ParagraphStyle::Body)
        .iter()
        .map(|p| p.chars().count())
        .sum();
    let pseudo: usize = paragraphs(&document, ParagraphStyle::Body)
        .iter()
        .map(|p| p.chars().count())
        .sum();
    let growth = pseudo as f32 / english as f32;
    assert!((1.3..1.45).contains(&growth), "{growth}");
}

#[test]
fn export_then_import_changes_nothing() {
    let scratch = Scratch::new();
    let project = scratch.project();
    for lang in ["fr", "de", "ja"] {
        let po = project.export_po(lang).unwrap();
        let path = scratch.data.join(format!("{lang}.po"));
        fs::write(&path, &po).unwrap();
        let import = project.import_po(&path).unwrap();
        assert_eq!(import.lang, lang);
        assert!(import.files.is_empty(), "{lang}: {:?}", import.files);
        assert!(import.warnings.is_empty());
    }
}

#[test]
fn imported_translations_come_back_exactly_as_written() {
    let scratch = Scratch::new();
    let project = scratch.project();
    let exported = project.export_po("de").unwrap();
    let filled = fill(&exported, "DE: ");
    let path = scratch.data.join("de.po");
    fs::write(&path, &filled).unwrap();
    let import = project.import_po(&path).unwrap();
    let written: Vec<&Path> = import.files.iter().map(|(p, _)| p.as_path()).collect();
    assert_eq!(written.len(), 3, "{written:?}");
    for (path, text) in &import.files {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    let project = scratch.project();
    let status = project.status("usa", "de").unwrap();
    assert!(
        status.untranslated.is_empty(),
        "{}",
        common::render(&status.untranslated)
    );
    let document = compose(&project, "de");
    let body = paragraphs(&document, ParagraphStyle::Body);
    assert!(
        body[0].starts_with("DE: The Stop Sex Trafficking"),
        "{}",
        body[0]
    );
    // Markdown, note references and placeholders survived: the German
    // edition cites the same notes as the English one.
    assert_eq!(document.notes.len(), compose(&project, "en").notes.len());

    let expected = po_translations(&filled);
    let again = po_translations(&project.export_po("de").unwrap());
    assert_eq!(again.len(), expected.len());
    for (context, translation) in &expected {
        assert_eq!(again.get(context), Some(translation), "{context}");
    }
}

#[test]
fn an_import_that_drops_a_note_reference_is_refused_where_it_is() {
    let scratch = Scratch::new();
    let project = scratch.project();
    let po = project.export_po("fr").unwrap();
    // In the French of the introduction's third paragraph.
    let at = po.find("traite).[^ngo-star]").unwrap();
    let broken = po.replacen("traite).[^ngo-star]", "traite).", 1);
    let path = scratch.data.join("fr.po");
    fs::write(&path, &broken).unwrap();
    let errors = project.import_po(&path).unwrap_err();
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert_eq!(errors[0].message, "the translation lacks [^ngo-star]");
    assert_eq!(errors[0].file, path);
    let msgstr = po[..at].rfind("\nmsgstr").unwrap();
    assert_eq!(errors[0].line, po[..msgstr].matches('\n').count() + 2);
}

#[test]
fn a_po_file_must_say_its_language() {
    let scratch = Scratch::new();
    let path = scratch.data.join("x.po");
    fs::write(
        &path,
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain\\n\"\n",
    )
    .unwrap();
    let errors = scratch.project().import_po(&path).unwrap_err();
    assert_eq!(errors[0].message, "the file does not say its language");
}
