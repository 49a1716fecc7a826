//! `theme.toml`: the booklet's design, turned into [`crate::theme::Theme`].
//!
//! The file speaks the designer's units (millimetres for the page, points
//! for type, 0–100 for CMYK); the theme speaks points and fractions.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_spanned::Spanned;

use super::files::{Loaded, SourceFile};
use crate::diag::{Diagnostic, list};
use crate::theme::{
    Binding, Color, ColorName, Copyfit, Endnotes, Fonts, InsideCover, PT_PER_MM, Padding,
    PageGeometry, PrintSettings, ScriptFallback, Theme, TypeScale,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ThemeFile {
    /// A named paper size; A4 when neither it nor width and height are given.
    size: Option<Spanned<String>>,
    /// Trimmed page size in millimetres, instead of `size`.
    width: Option<Spanned<f32>>,
    height: Option<Spanned<f32>>,
    /// Millimetres of artwork outside the trim, for the print profile.
    bleed: Spanned<f32>,
    margins: Margins,
    fonts: FontNames,
    #[serde(rename = "type")]
    type_scale: TypeFile,
    colors: Spanned<BTreeMap<Spanned<String>, ColorFile>>,
    /// Relative to the data folder.
    cover_image: Option<Spanned<String>>,
    cover_image_alt: Option<String>,
    #[serde(default)]
    print: PrintFile,
    endnotes: Option<EndnotesFile>,
    binding: Option<BindingFile>,
    copyfit: CopyfitFile,
}

/// `[endnotes]`; size in points (the small size when left out).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EndnotesFile {
    columns: Option<Spanned<u8>>,
    size: Option<Spanned<f32>>,
}

/// `[binding]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BindingFile {
    sheet_pages: Spanned<usize>,
    padding: Option<Spanned<String>>,
    inside_front_cover: Option<Spanned<String>>,
    inside_back_cover: Option<Spanned<String>>,
    #[serde(default)]
    back_cover_art: bool,
}

/// `[copyfit]`, which every theme has (`max-overrun = 0` never fits); an
/// absent step is not tried.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CopyfitFile {
    max_overrun: Spanned<usize>,
    #[serde(default)]
    endnote_columns: bool,
    min_block_gap: Option<Spanned<f32>>,
    min_endnote_size: Option<Spanned<f32>>,
    #[serde(default)]
    shorter_paragraphs: usize,
}

/// `[print]`: settings only the print profile uses.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PrintFile {
    /// Millimetres of paper thickness per sheet, for creep compensation.
    creep: Option<Spanned<f32>>,
}

/// The most creep per sheet that is paper rather than a typo: 0.5 mm is
/// already heavy board, far beyond any sheet a booklet is stapled from.
const MAX_CREEP_MM: f32 = 0.5;

/// Millimetres.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Margins {
    top: Spanned<f32>,
    bottom: Spanned<f32>,
    inner: Spanned<f32>,
    outer: Spanned<f32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FontNames {
    body: Spanned<String>,
    heading: Spanned<String>,
    /// Script name (`arabic`, `han` …) → families to try, in order.
    #[serde(default)]
    fallback: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// Points, except `paragraph-gap` (a fraction of the body leading).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TypeFile {
    body_size: Spanned<f32>,
    body_leading: Spanned<f32>,
    lead_size: Spanned<f32>,
    small_size: Spanned<f32>,
    note_size: Spanned<f32>,
    table_size: Spanned<f32>,
    h1_size: Spanned<f32>,
    h2_size: Spanned<f32>,
    h3_size: Spanned<f32>,
    cover_title_size: Spanned<f32>,
    paragraph_gap: Spanned<f32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ColorFile {
    /// `#RRGGBB`, for screens.
    rgb: Spanned<String>,
    /// Cyan, magenta, yellow, black, each 0–100, for print.
    cmyk: Spanned<Vec<f32>>,
}

/// Paper sizes by name, in millimetres.
const PAPER: [(&str, f32, f32); 3] = [
    ("A4", 210.0, 297.0),
    ("A5", 148.0, 210.0),
    ("Letter", 215.9, 279.4),
];

/// Text colour and background pairs that must stay legible, WCAG AA for
/// normal text: rating bands carry words, Figure 2's column headings are
/// filled with their category's colour, the cover carries the title.
const LEGIBLE: [(ColorName, ColorName); 8] = [
    (ColorName::OnRating, ColorName::Green),
    (ColorName::OnRating, ColorName::Yellow),
    (ColorName::OnRating, ColorName::Red),
    (ColorName::Ink, ColorName::SlowProgress),
    (ColorName::Ink, ColorName::LimitedMeasures),
    (ColorName::Ink, ColorName::SomeProgress),
    (ColorName::Ink, ColorName::NotableEfforts),
    (ColorName::OnCover, ColorName::Cover),
];
const MIN_CONTRAST: f32 = 4.5;

/// Loads the theme; problems (errors and warnings) go to `diagnostics`.
/// Returns `None` when there is any error.
pub fn load(data_dir: &Path, file: SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Theme> {
    let Loaded { file, content } = match file.parse::<ThemeFile>() {
        Ok(loaded) => loaded,
        Err(error) => {
            diagnostics.push(error);
            return None;
        }
    };
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut check = Check {
        file: &file,
        diagnostics,
    };
    let page = check.page(&content);
    let fonts = Fonts {
        body: check.font(&content.fonts.body),
        heading: check.font(&content.fonts.heading),
        fallback: check.fallback(&content.fonts.fallback),
    };
    let type_scale = check.type_scale(&content.type_scale);
    let colors = check.colors(&content.colors);
    let print = PrintSettings {
        creep: content.print.creep.as_ref().map_or(0.0, |c| check.creep(c)) * PT_PER_MM,
    };
    let cover_image = content.cover_image.as_ref().and_then(|path| {
        if content.cover_image_alt.is_none() {
            check.diagnostics.push(
                file.warning(path, "the cover image has no alternative text")
                    .with_hint("add cover-image-alt = \"…\" describing the artwork"),
            );
        }
        let alt = content.cover_image_alt.clone().unwrap_or_default();
        super::image::read(data_dir, &file, path, alt)
            .map_err(|error| check.diagnostics.push(error))
            .ok()
    });
    let endnotes = check.endnotes(content.endnotes.as_ref(), &type_scale);
    let binding = content
        .binding
        .as_ref()
        .map_or_else(Binding::default, |b| check.binding(b));
    let copyfit = check.copyfit(&content.copyfit, &endnotes);
    let errors_after = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before).then_some(Theme {
        page,
        fonts,
        type_scale,
        colors,
        cover_image,
        endnotes,
        binding,
        copyfit,
        print,
    })
}

struct Check<'a> {
    file: &'a SourceFile,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn page(&mut self, content: &ThemeFile) -> PageGeometry {
        let (width, height) = match (&content.size, &content.width, &content.height) {
            (None, None, None) => (PAPER[0].1, PAPER[0].2),
            (Some(size), None, None) => {
                match PAPER.iter().find(|(name, ..)| name == size.get_ref()) {
                    Some(&(_, width, height)) => (width, height),
                    None => {
                        self.diagnostics.push(
                            self.file
                                .error(size, format!("unknown page size \"{}\"", size.get_ref()))
                                .with_hint(format!(
                                    "expected one of {}, or width and height in mm",
                                    list(PAPER.map(|p| p.0))
                                )),
                        );
                        (PAPER[0].1, PAPER[0].2)
                    }
                }
            }
            (None, Some(width), Some(height)) => (self.positive(width), self.positive(height)),
            (Some(size), ..) => {
                self.diagnostics.push(
                    self.file
                        .error(size, "both a page size and a width or height")
                        .with_hint("give either size or width and height"),
                );
                (PAPER[0].1, PAPER[0].2)
            }
            (None, Some(one), None) | (None, None, Some(one)) => {
                self.diagnostics
                    .push(self.file.error(one, "expected both width and height"));
                (PAPER[0].1, PAPER[0].2)
            }
        };
        let margins = &content.margins;
        let [top, bottom, inner, outer] = [
            &margins.top,
            &margins.bottom,
            &margins.inner,
            &margins.outer,
        ]
        .map(|m| self.not_negative(m));
        if inner + outer >= width || top + bottom >= height {
            self.diagnostics.push(self.file.error(
                &margins.top,
                "the margins leave no room for text on the page",
            ));
        }
        PageGeometry {
            width: width * PT_PER_MM,
            height: height * PT_PER_MM,
            margin_top: top * PT_PER_MM,
            margin_bottom: bottom * PT_PER_MM,
            margin_inner: inner * PT_PER_MM,
            margin_outer: outer * PT_PER_MM,
            bleed: self.not_negative(&content.bleed) * PT_PER_MM,
        }
    }

    fn type_scale(&mut self, t: &TypeFile) -> TypeScale {
        TypeScale {
            body_size: self.positive(&t.body_size),
            body_leading: self.positive(&t.body_leading),
            lead_size: self.positive(&t.lead_size),
            small_size: self.positive(&t.small_size),
            note_size: self.positive(&t.note_size),
            table_size: self.positive(&t.table_size),
            h1_size: self.positive(&t.h1_size),
            h2_size: self.positive(&t.h2_size),
            h3_size: self.positive(&t.h3_size),
            cover_title_size: self.positive(&t.cover_title_size),
            paragraph_gap: self.not_negative(&t.paragraph_gap),
        }
    }

    fn endnotes(&mut self, file: Option<&EndnotesFile>, scale: &TypeScale) -> Endnotes {
        let columns = file.and_then(|f| f.columns.as_ref());
        if let Some(columns) = columns.filter(|c| !(1..=2).contains(c.get_ref())) {
            self.diagnostics.push(
                self.file
                    .error(
                        columns,
                        format!("{} columns of endnotes", columns.get_ref()),
                    )
                    .with_hint("expected 1 or 2"),
            );
        }
        Endnotes {
            columns: columns.map_or(1, |c| *c.get_ref()),
            size: file
                .and_then(|f| f.size.as_ref())
                .map_or(scale.small_size, |size| self.positive(size)),
        }
    }

    fn binding(&mut self, file: &BindingFile) -> Binding {
        if *file.sheet_pages.get_ref() == 0 {
            self.diagnostics.push(
                self.file
                    .error(&file.sheet_pages, "a sheet of no pages")
                    .with_hint("expected 4 for a saddle-stitched booklet, 1 for loose pages"),
            );
        }
        let padding = self.choice(
            file.padding.as_ref(),
            "padding",
            &[("blank", Padding::Blank), ("notes", Padding::Notes)],
            Padding::Blank,
        );
        let sides = [
            ("content", InsideCover::Content),
            ("blank", InsideCover::Blank),
        ];
        Binding {
            sheet_pages: (*file.sheet_pages.get_ref()).max(1),
            padding,
            inside_front_cover: self.choice(
                file.inside_front_cover.as_ref(),
                "inside cover",
                &sides,
                InsideCover::Content,
            ),
            inside_back_cover: self.choice(
                file.inside_back_cover.as_ref(),
                "inside cover",
                &sides,
                InsideCover::Content,
            ),
            back_cover_art: file.back_cover_art,
        }
    }

    fn copyfit(&mut self, file: &CopyfitFile, endnotes: &Endnotes) -> Copyfit {
        let block_gap = file.min_block_gap.as_ref().map(|gap| {
            let factor = self.positive(gap);
            if factor > 1.0 {
                self.diagnostics.push(
                    self.file
                        .error(
                            gap,
                            format!("a block gap of {factor} would widen the space"),
                        )
                        .with_hint("expected a fraction of the usual space, e.g. 0.85"),
                );
            }
            factor
        });
        let endnote_size = file.min_endnote_size.as_ref().map(|size| {
            let points = self.positive(size);
            if points > endnotes.size {
                self.diagnostics.push(
                    self.file
                        .error(
                            size,
                            format!(
                                "a least endnote size of {points} pt is larger than the endnotes' {} pt",
                                endnotes.size
                            ),
                        )
                        .with_hint("the least size the endnotes may be set in to save a sheet"),
                );
            }
            points
        });
        Copyfit {
            max_overrun: *file.max_overrun.get_ref(),
            endnote_columns: file.endnote_columns,
            block_gap: block_gap.filter(|&f| f < 1.0),
            endnote_size: endnote_size.filter(|&s| s < endnotes.size),
            shorter_paragraphs: file.shorter_paragraphs,
        }
    }

    /// The value `key` names among `choices` (values of `what`), `default`
    /// when it is left out.
    fn choice<T: Copy>(
        &mut self,
        key: Option<&Spanned<String>>,
        what: &str,
        choices: &[(&str, T)],
        default: T,
    ) -> T {
        let Some(key) = key else { return default };
        match choices.iter().find(|(name, _)| name == key.get_ref()) {
            Some(&(_, value)) => value,
            None => {
                self.diagnostics.push(
                    self.file
                        .error(key, format!("unknown {what} \"{}\"", key.get_ref()))
                        .with_hint(format!(
                            "expected one of {}",
                            list(choices.iter().map(|(name, _)| *name))
                        )),
                );
                default
            }
        }
    }

    fn font(&mut self, name: &Spanned<String>) -> String {
        if name.get_ref().trim().is_empty() {
            self.diagnostics.push(
                self.file
                    .error(name, "expected a font family name")
                    .with_hint("e.g. \"Noto Serif\""),
            );
        }
        name.get_ref().clone()
    }

    fn fallback(
        &mut self,
        chains: &BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    ) -> Vec<ScriptFallback> {
        let mut out = Vec::new();
        for (key, families) in chains {
            let Some(script) = script_name(key.get_ref()) else {
                self.diagnostics.push(
                    self.file
                        .error(key, format!("unknown script \"{}\"", key.get_ref()))
                        .with_hint(
                            "expected a Unicode script name, e.g. arabic, han, hiragana, thai",
                        ),
                );
                continue;
            };
            out.push(ScriptFallback {
                script,
                families: families.iter().map(|f| self.font(f)).collect(),
            });
        }
        out
    }

    fn colors(
        &mut self,
        table: &Spanned<BTreeMap<Spanned<String>, ColorFile>>,
    ) -> BTreeMap<ColorName, Color> {
        let mut colors = BTreeMap::new();
        for (key, spec) in table.get_ref() {
            match ColorName::ALL
                .into_iter()
                .find(|name| name.key() == key.get_ref())
            {
                Some(name) => {
                    if let Some(color) = self.color(spec) {
                        colors.insert(name, color);
                    }
                }
                None => self.diagnostics.push(
                    self.file
                        .error(key, format!("unknown colour \"{}\"", key.get_ref()))
                        .with_hint(format!(
                            "expected one of {}",
                            list(ColorName::ALL.map(ColorName::key))
                        )),
                ),
            }
        }
        let defined = |name: &ColorName| {
            table
                .get_ref()
                .keys()
                .any(|key| key.get_ref() == name.key())
        };
        for missing in ColorName::ALL.iter().filter(|name| !defined(name)) {
            self.diagnostics.push(
                self.file
                    .error(table, format!("missing colour \"{}\"", missing.key()))
                    .with_hint(format!(
                        "add {} = {{ rgb = \"#RRGGBB\", cmyk = [c, m, y, k] }}",
                        missing.key()
                    )),
            );
        }
        for (text, background) in LEGIBLE {
            if let (Some(fg), Some(bg)) = (colors.get(&text), colors.get(&background)) {
                let ratio = contrast(fg.rgb, bg.rgb);
                if ratio < MIN_CONTRAST {
                    self.diagnostics.push(
                        self.file
                            .warning(
                                table,
                                format!(
                                    "{} text on {} has a contrast of {ratio:.1}:1",
                                    text.key(),
                                    background.key()
                                ),
                            )
                            .with_hint(format!(
                                "at least {MIN_CONTRAST}:1 keeps it legible (WCAG AA)"
                            )),
                    );
                }
            }
        }
        colors
    }

    fn color(&mut self, spec: &ColorFile) -> Option<Color> {
        let rgb = parse_hex(spec.rgb.get_ref());
        if rgb.is_none() {
            self.diagnostics.push(
                self.file
                    .error(
                        &spec.rgb,
                        format!("invalid colour \"{}\"", spec.rgb.get_ref()),
                    )
                    .with_hint("expected #RRGGBB with six hexadecimal digits"),
            );
        }
        let cmyk = match spec.cmyk.get_ref().as_slice() {
            &[c, m, y, k] if [c, m, y, k].iter().all(|v| (0.0..=100.0).contains(v)) => {
                Some([c, m, y, k].map(|v| v / 100.0))
            }
            _ => {
                self.diagnostics.push(
                    self.file
                        .error(&spec.cmyk, "invalid CMYK colour")
                        .with_hint("expected [c, m, y, k] with each value from 0 to 100"),
                );
                None
            }
        };
        Some(Color {
            rgb: rgb?,
            cmyk: cmyk?,
        })
    }

    fn positive(&mut self, value: &Spanned<f32>) -> f32 {
        let number = *value.get_ref();
        if !(number.is_finite() && number > 0.0) {
            self.diagnostics.push(
                self.file
                    .error(value, format!("expected a positive number, found {number}")),
            );
        }
        number
    }

    /// Creep in millimetres per sheet: zero or more, up to what paper is.
    fn creep(&mut self, value: &Spanned<f32>) -> f32 {
        let creep = self.not_negative(value);
        if creep > MAX_CREEP_MM {
            self.diagnostics.push(
                self.file
                    .error(value, format!("a creep of {creep} mm per sheet is not paper"))
                    .with_hint(format!(
                        "the paper's thickness in mm, at most {MAX_CREEP_MM} (80 g/m² office paper is about 0.1)"
                    )),
            );
        }
        creep
    }

    fn not_negative(&mut self, value: &Spanned<f32>) -> f32 {
        let number = *value.get_ref();
        if !(number.is_finite() && number >= 0.0) {
            self.diagnostics.push(self.file.error(
                value,
                format!("expected zero or a positive number, found {number}"),
            ));
        }
        number
    }
}

/// The Unicode spelling (`Old_Italic`) of a script name as a designer
/// writes it in the theme (`old-italic`, `Old Italic`), if it is one.
fn script_name(key: &str) -> Option<String> {
    let spelled = key
        .split(['-', '_', ' '])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join("_");
    unicode_script::Script::from_full_name(&spelled).map(|s| s.full_name().to_owned())
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 contrast ratio of two sRGB colours.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(rgb: [u8; 3]) -> f32 {
    let linear = |channel: u8| {
        let c = f32::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hex_colours() {
        assert_eq!(parse_hex("#0F5C6E"), Some([0x0f, 0x5c, 0x6e]));
        assert_eq!(parse_hex("0F5C6E"), None);
        assert_eq!(parse_hex("#0F5C6"), None);
        assert_eq!(parse_hex("#GG0000"), None);
        assert_eq!(parse_hex("#ééé"), None);
    }

    #[test]
    fn spells_script_names_as_unicode_does() {
        assert_eq!(script_name("arabic").as_deref(), Some("Arabic"));
        assert_eq!(script_name("old-italic").as_deref(), Some("Old_Italic"));
        assert_eq!(script_name("Han").as_deref(), Some("Han"));
        assert_eq!(script_name("klingon"), None);
    }

    #[test]
    fn computes_wcag_contrast() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([119, 119, 119], [255, 255, 255]) - 4.48).abs() < 0.01);
    }
}
