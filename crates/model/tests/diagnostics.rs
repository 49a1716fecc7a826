//! Broken copies of the real data folder: each problem is reported with the
//! file, line and column to fix, and loading never panics.

mod common;

use std::fs;
use std::path::PathBuf;

use folio_model::{Diagnostic, Project, Severity};
use tempfile::TempDir;

/// A copy of `data/` in a temporary folder, to corrupt.
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

    /// Replaces the first `from` in `file` by `to`.
    fn edit(self, file: &str, from: &str, to: &str) -> Scratch {
        let path = self.data.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?} is not in {file}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(self, file: &str, bytes: &[u8]) -> Scratch {
        fs::write(self.data.join(file), bytes).unwrap();
        self
    }

    /// The 1-based line and character column where `needle` starts in
    /// `file` (as edited).
    fn position(&self, file: &str, needle: &str) -> (usize, usize) {
        let text = fs::read_to_string(self.data.join(file)).unwrap();
        let offset = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in {file}"));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }

    fn errors(&self) -> Vec<Diagnostic> {
        match Project::load(&self.data) {
            Ok(_) => panic!("the broken data loaded"),
            Err(diagnostics) => diagnostics,
        }
    }

    /// The one error whose message is `message`.
    fn error(&self, message: &str) -> Diagnostic {
        let errors = self.errors();
        let matching: Vec<_> = errors.iter().filter(|d| d.message == message).collect();
        assert_eq!(
            matching.len(),
            1,
            "expected one {message:?} among:\n{}",
            common::render(&errors)
        );
        assert_eq!(matching[0].severity, Severity::Error);
        matching[0].clone()
    }
}

fn at(diagnostic: &Diagnostic) -> (usize, usize) {
    (diagnostic.line, diagnostic.column)
}

const USA: &str = "countries/usa.toml";
const CAMPAIGN: &str = "campaign.toml";

#[test]
fn a_misspelt_rating_is_named_with_the_valid_ones() {
    let scratch = Scratch::new().edit(
        USA,
        "rating = \"RED\"\nstar = true",
        "rating = \"GREN\"\nstar = true",
    );
    let error = scratch.error("unknown rating \"GREN\"");
    assert!(error.file.ends_with(USA));
    assert_eq!(at(&error), scratch.position(USA, "\"GREN\""));
    assert_eq!(
        error.to_string(),
        format!(
            "{}:{}:{}: error: unknown rating \"GREN\"\n  = hint: expected one of GREEN, YELLOW, RED",
            scratch.data.join(USA).display(),
            error.line,
            error.column
        )
    );
    let span = error.span.clone().unwrap();
    assert_eq!(
        &fs::read_to_string(scratch.data.join(USA)).unwrap()[span],
        "\"GREN\""
    );
}

#[test]
fn an_undefined_note_is_reported_where_it_is_cited() {
    let scratch = Scratch::new().edit(USA, "[^estes-weiner-2001]", "[^estes-wiener-2001]");
    let error = scratch.error("note \"estes-wiener-2001\" is not defined");
    assert!(error.file.ends_with(USA));
    assert_eq!(at(&error), scratch.position(USA, "[^estes-wiener-2001]"));
    // The note it should have cited is now unused.
    let unused = scratch.error("note \"estes-weiner-2001\" is never referenced");
    assert_eq!(at(&unused), scratch.position(USA, "estes-weiner-2001 ="));
}

#[test]
fn a_note_nobody_cites_is_an_error() {
    let scratch = Scratch::new().edit(
        USA,
        "[endnotes]\n",
        "[endnotes]\norphan = \"Never cited.\"\n",
    );
    let error = scratch.error("note \"orphan\" is never referenced");
    assert!(error.file.ends_with(USA));
    assert_eq!(at(&error), scratch.position(USA, "orphan ="));
    assert_eq!(
        error.hint.as_deref(),
        Some("cite it with [^orphan] or remove it")
    );
}

#[test]
fn a_toml_syntax_error_has_its_position() {
    let scratch = Scratch::new().edit(USA, "name = \"USA\"", "name = \"USA");
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", common::render(&errors));
    assert!(errors[0].file.ends_with(USA));
    let (line, _) = scratch.position(USA, "name = \"USA");
    assert_eq!(errors[0].line, line);
    assert!(errors[0].column > 1);
}

#[test]
fn all_problems_are_reported_at_once() {
    let scratch = Scratch::new()
        .edit(USA, "rating = \"GREEN\"", "rating = \"BLUE\"")
        .edit(USA, "[^fbi-innocence-lost]", "[^fbi]")
        .edit(
            CAMPAIGN,
            "in {the_country} and presents",
            "in {the_contry} and presents",
        )
        .edit("dataset.toml", "rank = 11", "rank = 12")
        .edit(
            "theme.toml",
            "ink = { rgb = \"#1F2328\"",
            "ink = { rgb = \"#1F232\"",
        );
    let messages: Vec<String> = scratch.errors().into_iter().map(|d| d.message).collect();
    for expected in [
        "unknown rating \"BLUE\"",
        "note \"fbi\" is not defined",
        "unknown placeholder {the_contry}",
        "rank 12 in category limited-measures should be 11",
        "invalid colour \"#1F232\"",
    ] {
        assert!(
            messages.iter().any(|m| m == expected),
            "{expected:?} not in {messages:#?}"
        );
    }
}

#[test]
fn an_unknown_placeholder_points_into_the_campaign_text() {
    let scratch = Scratch::new().edit(
        CAMPAIGN,
        "in {the_country} and presents",
        "in {the_contry} and presents",
    );
    let error = scratch.error("unknown placeholder {the_contry}");
    assert!(error.file.ends_with(CAMPAIGN));
    assert_eq!(at(&error), scratch.position(CAMPAIGN, "{the_contry}"));
    assert!(error.hint.unwrap().contains("{the_country}"));
}

#[test]
fn a_page_reference_needs_an_existing_anchor() {
    let scratch = Scratch::new().edit(CAMPAIGN, "page [](#methodology)", "page [](#methodolgy)");
    let error = scratch.error("no place in the booklet is called \"#methodolgy\"");
    assert_eq!(at(&error), scratch.position(CAMPAIGN, "[](#methodolgy)"));
}

#[test]
fn notes_cannot_be_cited_from_headings_or_notes() {
    let scratch = Scratch::new()
        .edit(
            CAMPAIGN,
            "title = \"RESEARCH METHODOLOGY\"",
            "title = \"RESEARCH METHODOLOGY[^agenda-for-action]\"",
        )
        .edit(
            USA,
            "alt-report-funding = \"Ibid\"",
            "alt-report-funding = \"Ibid[^alt-report-runaways]\"",
        );
    let heading = scratch.error("note references are not allowed in headings");
    assert_eq!(
        at(&heading),
        scratch.position(CAMPAIGN, "[^agenda-for-action]\"")
    );
    let note = scratch.error("note references are not allowed in notes");
    let (line, column) = scratch.position(USA, "Ibid[^alt-report-runaways]");
    assert_eq!(at(&note), (line, column + "Ibid".len()));
}

#[test]
fn every_indicator_needs_an_assessment_and_no_other() {
    let scratch = Scratch::new().edit(USA, "[assessments.\"3.4\"]", "[assessments.\"3.5\"]");
    let missing = scratch.error("missing assessment of indicator \"3.4\"");
    assert!(missing.file.ends_with(USA));
    // It points at the assessments table, whose first header starts it.
    assert_eq!(
        missing.line,
        scratch.position(USA, "[assessments.\"1.1\"]").0
    );
    let unknown = scratch.error("unknown indicator \"3.5\"");
    assert_eq!(at(&unknown), scratch.position(USA, "\"3.5\""));
    assert!(
        unknown
            .hint
            .unwrap()
            .starts_with("expected one of 1.1, 1.2")
    );
}

#[test]
fn duplicate_ids_are_reported_at_the_second_use() {
    let scratch = Scratch::new().edit(CAMPAIGN, "{ id = \"3.4\"", "{ id = \"3.3\"");
    let error = scratch.error("duplicate indicator id \"3.3\"");
    let text = fs::read_to_string(scratch.data.join(CAMPAIGN)).unwrap();
    let second = text.match_indices("\"3.3\"").nth(1).unwrap().0;
    assert_eq!(error.span.unwrap().start, second);
}

#[test]
fn the_country_must_be_in_the_dataset() {
    let scratch = Scratch::new().edit(
        USA,
        "name-in-text = \"the USA\"\n",
        "name-in-text = \"the USA\"\ndataset-name = \"United States\"\n",
    );
    let error = scratch.error("country \"United States\" is not in the dataset");
    assert_eq!(at(&error), scratch.position(USA, "\"United States\""));
}

#[test]
fn unknown_keys_are_refused_with_the_expected_ones() {
    let scratch = Scratch::new().edit(USA, "star = true\ntext", "stars = true\ntext");
    let error = scratch.error("unknown field `stars`");
    assert_eq!(at(&error), scratch.position(USA, "stars = true\ntext"));
    assert!(error.hint.unwrap().contains("`star`"));
}

#[test]
fn a_missing_section_is_named() {
    let scratch = Scratch::new().edit(CAMPAIGN, "[endnotes-section]\ntitle = \"ENDNOTES\"\n", "");
    let error = scratch.error("missing field `endnotes-section`");
    assert!(error.file.ends_with(CAMPAIGN));
}

#[test]
fn theme_colours_must_all_be_defined_and_valid() {
    let scratch = Scratch::new()
        .edit(
            "theme.toml",
            "case-study = { rgb = \"#F4F1EA\", cmyk = [3, 4, 8, 0] }\n",
            "",
        )
        .edit("theme.toml", "cmyk = [0, 55, 45, 3]", "cmyk = [0, 155, 45]");
    scratch.error("missing colour \"case-study\"");
    let cmyk = scratch.error("invalid CMYK colour");
    assert_eq!(at(&cmyk), scratch.position("theme.toml", "[0, 155, 45]"));
}

#[test]
fn creep_is_paper_thickness_in_millimetres() {
    let scratch = Scratch::new().edit("theme.toml", "creep = 0\n", "creep = 0.1\n");
    let theme = Project::load(&scratch.data).unwrap().theme().clone();
    assert!((theme.print.creep - 0.1 * folio_model::theme::PT_PER_MM).abs() < 1e-4);
    for (value, message) in [
        ("-0.1", "expected zero or a positive number, found -0.1"),
        ("nan", "expected zero or a positive number, found NaN"),
        ("3", "a creep of 3 mm per sheet is not paper"),
    ] {
        let scratch =
            Scratch::new().edit("theme.toml", "creep = 0\n", &format!("creep = {value}\n"));
        let error = scratch.error(message);
        let (line, column) = scratch.position("theme.toml", "creep = ");
        assert_eq!(at(&error), (line, column + "creep = ".len()));
    }
}

#[test]
fn illegible_rating_colours_are_a_warning() {
    let scratch = Scratch::new()
        .edit(
            "theme.toml",
            "red = { rgb = \"#E8827A\"",
            "red = { rgb = \"#8B1A1A\"",
        )
        .edit(USA, "[^ag-report-2007]", "[^ag-report]");
    let errors = scratch.errors();
    let warning = errors
        .iter()
        .find(|d| d.severity == Severity::Warning)
        .expect("a warning");
    assert!(
        warning
            .message
            .starts_with("on-rating text on red has a contrast of"),
        "{warning}"
    );
}

#[test]
fn the_cover_image_must_be_a_readable_png_or_jpeg_inside_the_data_folder() {
    let escaping = Scratch::new().edit("theme.toml", "\"art/cover.png\"", "\"../cover.png\"");
    let error = escaping.error(
        "cover image must be inside the data folder: the path leaves the data folder with `..`",
    );
    assert_eq!(
        at(&error),
        escaping.position("theme.toml", "\"../cover.png\"")
    );

    let absolute = Scratch::new().edit("theme.toml", "\"art/cover.png\"", "\"/etc/passwd\"");
    absolute.error("cover image must be inside the data folder: the path is absolute");

    let gif = Scratch::new().write("art/cover.png", b"GIF89a\x01\x00\x01\x00");
    gif.error("unsupported cover image format in \"art/cover.png\"");

    let png = fs::read(common::data_dir().join("art/cover.png")).unwrap();
    let truncated = Scratch::new().write("art/cover.png", &png[..png.len() / 2]);
    let errors = truncated.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.message.starts_with("corrupt cover image")),
        "{}",
        common::render(&errors)
    );

    let missing = Scratch::new().edit("theme.toml", "\"art/cover.png\"", "\"art/missing.png\"");
    let errors = missing.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.message.starts_with("cannot read cover image")),
        "{}",
        common::render(&errors)
    );
}

#[test]
fn a_missing_file_is_reported_without_a_position() {
    let scratch = Scratch::new();
    fs::remove_file(scratch.data.join("locales/en.toml")).unwrap();
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].file.ends_with("locales/en.toml"));
    assert_eq!(at(&errors[0]), (0, 0));
}

#[test]
fn truncated_files_never_panic() {
    let scratch = Scratch::new();
    for file in [
        USA,
        CAMPAIGN,
        "dataset.toml",
        "theme.toml",
        "locales/en.toml",
    ] {
        let path = scratch.data.join(file);
        let original = fs::read_to_string(&path).unwrap();
        for cut in (0..original.len())
            .step_by(original.len() / 7 + 1)
            .filter(|&cut| original.is_char_boundary(cut))
        {
            fs::write(&path, &original[..cut]).unwrap();
            assert!(
                Project::load(&scratch.data).is_err(),
                "{file} cut at {cut} loaded"
            );
        }
        fs::write(&path, original).unwrap();
    }
}

#[test]
fn composing_an_unknown_country_is_an_error() {
    let errors = common::project().compose("atlantis", "en").unwrap_err();
    assert_eq!(errors[0].message, "unknown country \"atlantis\"");
    assert_eq!(errors[0].hint.as_deref(), Some("expected one of usa"));
}
