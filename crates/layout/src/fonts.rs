//! The fonts a booklet can use, loaded once per process.
//!
//! Folio bundles its default families into the binary, so a booklet builds
//! the same on every machine whatever fonts are installed, and parsing a
//! font happens once and is shared across threads (a [`FontBook`] is
//! `Sync`).

use std::sync::OnceLock;

/// Index of a face in the [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// Weight and slope of a face within its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

/// One parsed face.
pub struct Face {
    pub family: &'static str,
    pub style: Style,
    /// The font file, as embedded in the binary.
    pub data: &'static [u8],
    pub(crate) shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender (negative) in em units.
    pub ascender: f32,
    pub descender: f32,
    /// Cap height in em units, for aligning text optically in boxes.
    pub cap_height: f32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family)
            .field("style", &self.style)
            .finish()
    }
}

impl Face {
    fn parse(family: &'static str, style: Style, data: &'static [u8]) -> Self {
        // The bundled files are known-good (tested), so a parse failure is a
        // build defect, not an input error.
        let shaper = rustybuzz::Face::from_slice(data, 0).expect("bundled font parses");
        let units_per_em = shaper.units_per_em() as f32;
        let ascender = f32::from(shaper.ascender()) / units_per_em;
        let descender = f32::from(shaper.descender()) / units_per_em;
        let cap_height = shaper
            .capital_height()
            .map_or(0.7, |h| f32::from(h) / units_per_em);
        Face {
            family,
            style,
            data,
            shaper,
            units_per_em,
            ascender,
            descender,
            cap_height,
        }
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

/// All faces available to layout.
#[derive(Debug)]
pub struct FontBook {
    faces: Vec<Face>,
}

macro_rules! bundled {
    ($family:literal, $bold:literal, $italic:literal, $file:literal) => {
        (
            $family,
            Style {
                bold: $bold,
                italic: $italic,
            },
            include_bytes!(concat!("../../../fonts/", $file)).as_slice(),
        )
    };
}

/// The families compiled into Folio; see `fonts/README.md` for why these.
const BUNDLED: [(&str, Style, &[u8]); 8] = [
    bundled!("Noto Serif", false, false, "NotoSerif-Regular.ttf"),
    bundled!("Noto Serif", true, false, "NotoSerif-Bold.ttf"),
    bundled!("Noto Serif", false, true, "NotoSerif-Italic.ttf"),
    bundled!("Noto Serif", true, true, "NotoSerif-BoldItalic.ttf"),
    bundled!("Noto Sans", false, false, "NotoSans-Regular.ttf"),
    bundled!("Noto Sans", true, false, "NotoSans-Bold.ttf"),
    bundled!("Noto Sans", false, true, "NotoSans-Italic.ttf"),
    bundled!("Noto Sans", true, true, "NotoSans-BoldItalic.ttf"),
];

impl FontBook {
    /// The process-wide book of bundled fonts, parsed on first use.
    pub fn bundled() -> &'static FontBook {
        static BOOK: OnceLock<FontBook> = OnceLock::new();
        BOOK.get_or_init(|| FontBook {
            faces: BUNDLED
                .iter()
                .map(|&(family, style, data)| Face::parse(family, style, data))
                .collect(),
        })
    }

    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[usize::from(id.0)]
    }

    /// Whether `family` names a face in the book.
    pub fn has_family(&self, family: &str) -> bool {
        self.faces.iter().any(|f| f.family == family)
    }

    /// The face of `family` closest to `style`: exact match first, then the
    /// same weight, then the regular face, then the first face of the book.
    pub fn select(&self, family: &str, style: Style) -> FontId {
        let in_family = |want: Style| {
            self.faces
                .iter()
                .position(|f| f.family == family && f.style == want)
        };
        let index = in_family(style)
            .or_else(|| {
                in_family(Style {
                    italic: false,
                    ..style
                })
            })
            .or_else(|| in_family(Style::default()))
            .unwrap_or(0);
        FontId(index as u16)
    }

    /// Faces to try, in order, for a character `primary` cannot draw: the
    /// same style in every other family.
    pub fn fallbacks(&self, primary: FontId) -> impl Iterator<Item = FontId> + '_ {
        let style = self.face(primary).style;
        (0..self.faces.len())
            .map(|i| FontId(i as u16))
            .filter(move |&id| id != primary && self.face(id).style == style)
    }
}
