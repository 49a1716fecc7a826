//! The fonts a booklet can use, loaded once per process.
//!
//! Folio bundles its default families into the binary — Noto Serif and Noto
//! Sans (Latin, Greek, Cyrillic) and one family for each of Arabic, Hebrew,
//! Devanagari, Thai and Khmer — so booklets in those scripts build the same
//! on every machine whatever fonts are installed. Families too large to
//! bundle (CJK, ~20 MB a weight) are found by name in the folders of a
//! [`FontSources`] ([`folders`]): the data folder's `fonts/`, folders given
//! on the command line and, if asked for, the machine's installed fonts. A
//! book is built once per process for the fonts a theme names and the
//! sources it may search, and shared across threads (a [`FontBook`] is
//! `Sync`); the glyph ids of laid-out pages refer to its faces.

mod folders;

use std::path::{Path, PathBuf};

use std::sync::{Mutex, OnceLock, PoisonError};

use folio_model::theme::{Fonts, ScriptFallback, Theme};
use unicode_script::Script;

pub use folders::{FontSources, Origin};

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
    /// The font file, embedded in the binary or read once per process.
    pub data: &'static [u8],
    /// Index of the face in its file: collections (`.ttc`) hold several.
    pub index: u32,
    pub(crate) shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender (negative) in em units.
    pub ascender: f32,
    pub descender: f32,
    /// Cap height in em units, for aligning text optically in boxes.
    pub cap_height: f32,
    /// Which characters below [`BITMAP_END`] the face has, one bit each,
    /// made on first use. Font selection asks for every character of every
    /// word; a binary search of the cmap each time was a tenth of layout.
    bitmap: OnceLock<Box<[u64]>>,
}

/// The characters [`Face::has_char`] answers from a bitmap: every script
/// Folio bundles, punctuation and symbols (1.5 kB a face).
const BITMAP_END: u32 = 0x3000;

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family)
            .field("style", &self.style)
            .finish()
    }
}

impl Face {
    fn parse(family: &'static str, style: Style, data: &'static [u8], index: u32) -> Option<Self> {
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        let units_per_em = shaper.units_per_em() as f32;
        let ascender = f32::from(shaper.ascender()) / units_per_em;
        let descender = f32::from(shaper.descender()) / units_per_em;
        let cap_height = shaper
            .capital_height()
            .map_or(0.7, |h| f32::from(h) / units_per_em);
        Some(Face {
            family,
            style,
            data,
            index,
            shaper,
            units_per_em,
            ascender,
            descender,
            cap_height,
            bitmap: OnceLock::new(),
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        let code = u32::from(c);
        if code >= BITMAP_END {
            return self.shaper.glyph_index(c).is_some();
        }
        let bitmap = self.bitmap.get_or_init(|| self.make_bitmap());
        bitmap[(code / 64) as usize] & (1 << (code % 64)) != 0
    }

    /// Walks the mapped code points only (a few thousand), and keeps those
    /// [`rustybuzz::Face::glyph_index`] finds, so the bitmap answers as it
    /// would.
    fn make_bitmap(&self) -> Box<[u64]> {
        let mut bitmap = vec![0u64; BITMAP_END.div_ceil(64) as usize].into_boxed_slice();
        let Some(cmap) = self.shaper.tables().cmap else {
            return bitmap;
        };
        for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            subtable.codepoints(|code| {
                if code < BITMAP_END
                    && char::from_u32(code).is_some_and(|c| self.shaper.glyph_index(c).is_some())
                {
                    bitmap[(code / 64) as usize] |= 1 << (code % 64);
                }
            });
        }
        bitmap
    }
}

/// All faces available to layout, and the order in which to try them.
#[derive(Debug)]
pub struct FontBook {
    /// The bundled faces: the first ids of every book.
    bundled: Vec<Entry>,
    /// Families the theme names that are not bundled, looked for in the
    /// font folders the first time one is asked for: an English booklet
    /// never asks, and cataloguing the system's font folders takes a while.
    wanted: Vec<String>,
    sources: FontSources,
    found: OnceLock<Found>,
    /// Per script, the families to try for characters the requested family
    /// cannot draw, in the theme's order.
    fallback: Vec<(Script, Vec<String>)>,
}

/// The faces of the wanted families found in the font folders, with ids
/// following the bundled ones, and the families not found.
#[derive(Debug, Default)]
struct Found {
    faces: Vec<Entry>,
    missing: Vec<String>,
}

/// A face of the book, parsed (and for a font from a folder, read) on first
/// use: a theme names CJK families for the editions that need them, and an
/// English booklet should not read 40 MB of fonts it never draws with.
#[derive(Debug)]
struct Entry {
    family: &'static str,
    style: Style,
    source: Source,
    face: OnceLock<Face>,
}

#[derive(Debug, Clone)]
enum Source {
    Bundled(&'static [u8]),
    Found(folders::Location),
}

/// Where the faces of a family come from, for people choosing fonts
/// (`folio fonts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance<'a> {
    /// Compiled into Folio.
    Bundled,
    /// A file in a folder given to Folio (the data folder's `fonts/`,
    /// `--fonts`).
    Folder(&'a Path),
    /// A file among the machine's installed fonts.
    System(&'a Path),
}

impl Entry {
    fn new(family: &'static str, style: Style, source: Source) -> Entry {
        Entry {
            family,
            style,
            source,
            face: OnceLock::new(),
        }
    }

    fn face(&self) -> &Face {
        self.face.get_or_init(|| {
            let parsed = match &self.source {
                Source::Bundled(data) => Face::parse(self.family, self.style, data, 0),
                Source::Found(location) => location
                    .data()
                    .and_then(|data| Face::parse(self.family, self.style, data, location.index)),
            };
            // The bundled files are known-good (tested), and found ones
            // were catalogued from their tables: only a file changed since
            // it was catalogued fails here. Its characters then fall back to
            // the first bundled face rather than stopping the build.
            parsed.unwrap_or_else(|| {
                let (_, _, data) = BUNDLED[0];
                Face::parse(self.family, self.style, data, 0).expect("bundled font parses")
            })
        })
    }
}

macro_rules! bundled {
    ($family:literal, $bold:literal, $italic:literal, $file:literal) => {
        (
            $family,
            Style {
                bold: $bold,
                italic: $italic,
            },
            include_bytes!(concat!("../../../../fonts/", $file)).as_slice(),
        )
    };
}

/// The families compiled into Folio; see `fonts/README.md` for why these.
const BUNDLED: [(&str, Style, &[u8]); 18] = [
    bundled!("Noto Serif", false, false, "NotoSerif-Regular.ttf"),
    bundled!("Noto Serif", true, false, "NotoSerif-Bold.ttf"),
    bundled!("Noto Serif", false, true, "NotoSerif-Italic.ttf"),
    bundled!("Noto Serif", true, true, "NotoSerif-BoldItalic.ttf"),
    bundled!("Noto Sans", false, false, "NotoSans-Regular.ttf"),
    bundled!("Noto Sans", true, false, "NotoSans-Bold.ttf"),
    bundled!("Noto Sans", false, true, "NotoSans-Italic.ttf"),
    bundled!("Noto Sans", true, true, "NotoSans-BoldItalic.ttf"),
    bundled!(
        "Noto Naskh Arabic",
        false,
        false,
        "NotoNaskhArabic-Regular.ttf"
    ),
    bundled!("Noto Naskh Arabic", true, false, "NotoNaskhArabic-Bold.ttf"),
    bundled!(
        "Noto Sans Hebrew",
        false,
        false,
        "NotoSansHebrew-Regular.ttf"
    ),
    bundled!("Noto Sans Hebrew", true, false, "NotoSansHebrew-Bold.ttf"),
    bundled!(
        "Noto Sans Devanagari",
        false,
        false,
        "NotoSansDevanagari-Regular.ttf"
    ),
    bundled!(
        "Noto Sans Devanagari",
        true,
        false,
        "NotoSansDevanagari-Bold.ttf"
    ),
    bundled!("Noto Sans Thai", false, false, "NotoSansThai-Regular.ttf"),
    bundled!("Noto Sans Thai", true, false, "NotoSansThai-Bold.ttf"),
    bundled!("Noto Sans Khmer", false, false, "NotoSansKhmer-Regular.ttf"),
    bundled!("Noto Sans Khmer", true, false, "NotoSansKhmer-Bold.ttf"),
];

impl FontBook {
    /// The process-wide book of bundled fonts. Any bundled face may stand in
    /// for a character the requested family lacks.
    pub fn bundled() -> &'static FontBook {
        static BOOK: OnceLock<FontBook> = OnceLock::new();
        BOOK.get_or_init(|| FontBook::new(&[], &[], FontSources::default()))
    }

    /// The book for `theme`'s fonts: the bundled faces, then the faces of
    /// the families the theme names that are not bundled, as found in
    /// `sources`, with the theme's fallback chains. Built once per process
    /// for each distinct set of font settings and sources (in practice,
    /// once).
    pub fn for_theme(theme: &Theme, sources: &FontSources) -> &'static FontBook {
        type Books = Vec<((Fonts, FontSources), &'static FontBook)>;
        static BOOKS: Mutex<Books> = Mutex::new(Vec::new());
        let mut books = BOOKS.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, book)) = books
            .iter()
            .find(|((fonts, known), _)| *fonts == theme.fonts && known == sources)
        {
            return book;
        }
        let fonts = &theme.fonts;
        let named: Vec<String> = [&fonts.body, &fonts.heading]
            .into_iter()
            .chain(fonts.fallback.iter().flat_map(|chain| &chain.families))
            .cloned()
            .collect();
        // Leaked on purpose: a book lives as long as the process, like the
        // bundled one, so faces and their data can be `'static`.
        let book: &'static FontBook = Box::leak(Box::new(FontBook::new(
            &named,
            &fonts.fallback,
            sources.clone(),
        )));
        books.push(((theme.fonts.clone(), sources.clone()), book));
        book
    }

    fn new(named: &[String], fallback: &[ScriptFallback], sources: FontSources) -> FontBook {
        let bundled: Vec<Entry> = BUNDLED
            .iter()
            .map(|&(family, style, data)| Entry::new(family, style, Source::Bundled(data)))
            .collect();
        let mut wanted: Vec<String> = Vec::new();
        for family in named {
            if !bundled.iter().any(|e| e.family == family) && !wanted.contains(family) {
                wanted.push(family.clone());
            }
        }
        FontBook {
            bundled,
            wanted,
            sources,
            found: OnceLock::new(),
            fallback: fallback
                .iter()
                .filter_map(|chain| {
                    Script::from_full_name(&chain.script).map(|s| (s, chain.families.clone()))
                })
                .collect(),
        }
    }

    fn found(&self) -> &Found {
        self.found.get_or_init(|| {
            let catalogue = folders::catalogue(&self.sources);
            let mut found = Found::default();
            for family in &self.wanted {
                let faces = folders::faces_of(&catalogue, family);
                if faces.is_empty() {
                    found.missing.push(family.clone());
                }
                // Leaked once per family and process, like the book.
                let name: &'static str = Box::leak(family.clone().into_boxed_str());
                found.faces.extend(faces.into_iter().map(|(style, entry)| {
                    Entry::new(name, style, Source::Found(entry.location.clone()))
                }));
            }
            found
        })
    }

    fn entry(&self, id: FontId) -> &Entry {
        self.get_entry(id)
            .unwrap_or_else(|| panic!("font {} is not in the book", id.0))
    }

    fn get_entry(&self, id: FontId) -> Option<&Entry> {
        let i = usize::from(id.0);
        self.bundled.get(i).or_else(|| {
            let found = i.checked_sub(self.bundled.len())?;
            self.found().faces.get(found)
        })
    }

    /// The faces `family` may be among, and the id of the first.
    fn entries_of(&self, family: &str) -> (usize, &[Entry]) {
        if self.wanted.iter().any(|f| f == family) {
            (self.bundled.len(), &self.found().faces)
        } else {
            (0, &self.bundled)
        }
    }

    /// The face `id` names. Layout only hands out ids of this book; a
    /// `FontId` from elsewhere panics (see [`FontBook::get_face`]).
    pub fn face(&self, id: FontId) -> &Face {
        self.entry(id).face()
    }

    /// The face `id` names, if the book has it: for readers of laid-out
    /// pages that may not come from this book's layout.
    pub fn get_face(&self, id: FontId) -> Option<&Face> {
        self.get_entry(id).map(Entry::face)
    }

    /// Families the theme names that are neither bundled nor found in the
    /// book's font sources.
    pub fn missing_families(&self) -> &[String] {
        &self.found().missing
    }

    /// Where each face of `family` in the book comes from, regular first;
    /// empty when the book has no face of it.
    pub fn provenance(&self, family: &str) -> Vec<(Style, Provenance<'_>)> {
        self.entries_of(family)
            .1
            .iter()
            .filter(|e| e.family == family)
            .map(|e| {
                let provenance = match &e.source {
                    Source::Bundled(_) => Provenance::Bundled,
                    Source::Found(at) => match at.origin {
                        Origin::Folder => Provenance::Folder(&at.path),
                        Origin::System => Provenance::System(&at.path),
                    },
                };
                (e.style, provenance)
            })
            .collect()
    }

    /// Families with faces in the folders given to Folio (not the system's)
    /// that the book does not use because the theme names none of them, each
    /// with its first file: fonts a person added and has yet to name in
    /// `[fonts.fallback]`.
    pub fn unnamed_families(&self) -> Vec<(String, PathBuf)> {
        let given = FontSources {
            folders: self.sources.folders.clone(),
            system: false,
        };
        let mut unnamed: Vec<(String, PathBuf)> = Vec::new();
        for entry in folders::catalogue(&given).iter().flat_map(|f| f.iter()) {
            let family = entry.family();
            let named =
                self.has_family(family) || entry.families.iter().any(|f| self.wanted.contains(f));
            if !named && !unnamed.iter().any(|(f, _)| f == family) {
                unnamed.push((family.to_owned(), entry.location.path.clone()));
            }
        }
        unnamed
    }

    /// Whether `family` names a face in the book.
    pub fn has_family(&self, family: &str) -> bool {
        self.entries_of(family).1.iter().any(|f| f.family == family)
    }

    /// The face of `family` closest to `style`: exact match first, then the
    /// same weight, then the regular face, then the first face of the book.
    pub fn select(&self, family: &str, style: Style) -> FontId {
        let (first, entries) = self.entries_of(family);
        let in_family = |want: Style| {
            entries
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
            .map_or(0, |i| first + i);
        FontId(index as u16)
    }

    /// The face that draws `c`, a character of `script`, in text set in
    /// `primary`: `primary` itself if it can, else the theme's families for
    /// the script in order, else any face of the same style, else any face.
    /// `None` when no face of the book has the character.
    pub fn face_for(&self, primary: FontId, script: Script, c: char) -> Option<FontId> {
        if self.face(primary).has_char(c) {
            return Some(primary);
        }
        let style = self.entry(primary).style;
        self.fallback
            .iter()
            .filter(|(s, _)| *s == script)
            .flat_map(|(_, families)| families)
            .filter(|family| self.has_family(family))
            .map(|family| self.select(family, style))
            .find(|&id| self.face(id).has_char(c))
            .or_else(|| {
                let count = self.bundled.len() + self.found().faces.len();
                let ids = || (0..count).map(|i| FontId(i as u16));
                ids()
                    .filter(|&id| self.entry(id).style == style)
                    .chain(ids())
                    .find(|&id| self.face(id).has_char(c))
            })
    }
}
