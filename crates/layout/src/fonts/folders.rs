//! Fonts Folio does not bundle, found by family name in folders.
//!
//! Families too large to bundle (CJK, ~20 MB a weight), or that a theme
//! adds, come from the folders of a [`FontSources`]: the data folder's
//! `fonts/` and `--fonts` folders, which a translator can fill without
//! root, and, when asked for, the machine's installed fonts. Each folder is
//! catalogued once per process reading only each face's `name` and `OS/2`
//! tables (a CJK collection is 20 MB; its tables of names a few kilobytes);
//! a file is read whole, and kept for the process, only when one of its
//! faces is used.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::Style;

/// Where the fonts Folio does not bundle are looked for.
///
/// The default looks nowhere: a book built from it has the bundled faces
/// only, the same on every machine. System fonts are read only when
/// [`FontSources::system`] says so, which the `folio` command does unless
/// told not to and tests never do, so a test cannot pass or fail by what
/// happens to be installed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FontSources {
    /// Folders a person gave Folio (the data folder's `fonts/`, `--fonts`),
    /// searched first, in order. A folder that does not exist is empty.
    pub folders: Vec<PathBuf>,
    /// Also the machine's installed fonts: the folders of `FOLIO_FONT_PATH`
    /// (separated like `PATH`), then the system's and the user's.
    pub system: bool,
}

impl FontSources {
    /// The folders to search, each with what it is, in order.
    fn folders(&self) -> Vec<(PathBuf, Origin)> {
        let given = self.folders.iter().map(|f| (f.clone(), Origin::Folder));
        let system = self
            .system
            .then(system_folders)
            .into_iter()
            .flatten()
            .map(|f| (f, Origin::System));
        given.chain(system).collect()
    }
}

/// Which kind of folder a face was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A folder given to Folio: the data folder's `fonts/` or `--fonts`.
    Folder,
    /// The machine's installed fonts.
    System,
}

/// Where a face is: its file, its index in the file, and the kind of
/// folder it was found in.
#[derive(Debug, Clone)]
pub struct Location {
    pub path: PathBuf,
    pub index: u32,
    pub origin: Origin,
}

impl Location {
    /// The whole file, read on first use and kept for the process, so faces
    /// can borrow it for `'static` like the bundled ones.
    pub fn data(&self) -> Option<&'static [u8]> {
        static FILES: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
        let mut files = FILES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(&data) = files.get(&self.path) {
            return Some(data);
        }
        let data: &'static [u8] = Box::leak(std::fs::read(&self.path).ok()?.into_boxed_slice());
        files.insert(self.path.clone(), data);
        Some(data)
    }
}

/// One face of one file, as catalogued.
#[derive(Debug)]
pub struct Entry {
    pub location: Location,
    /// Typographic and legacy family names (name ids 16 and 1).
    pub families: Vec<String>,
    weight: u16,
    italic: bool,
}

impl Entry {
    /// The name to show and to match: the typographic family if the face
    /// has one.
    pub fn family(&self) -> &str {
        self.families.first().map_or("", String::as_str)
    }
}

/// Folders nest a few levels (`/usr/share/fonts/opentype/noto`); the bound
/// stops symbolic-link loops.
const MAX_DEPTH: usize = 8;
/// Bounds on what a font file's directory may ask to read, so a corrupt
/// file cannot make the search allocate gigabytes.
const MAX_FACES: u32 = 64;
const MAX_TABLE: u32 = 1 << 20;

/// The regular, bold, italic and bold italic faces of `family` (those that
/// exist) in `faces`, each the face whose weight is closest to 400 or 700;
/// among equals, the first, so earlier folders win.
pub fn faces_of<'a>(faces: &'a [Arc<[Entry]>], family: &str) -> Vec<(Style, &'a Entry)> {
    let mut found = Vec::new();
    for (bold, italic) in [(false, false), (true, false), (false, true), (true, true)] {
        let target: u16 = if bold { 700 } else { 400 };
        let best = faces
            .iter()
            .flat_map(|folder| folder.iter())
            .filter(|e| e.italic == italic && (e.weight >= 600) == bold)
            .filter(|e| e.families.iter().any(|f| f.eq_ignore_ascii_case(family)))
            .min_by_key(|e| e.weight.abs_diff(target));
        if let Some(entry) = best {
            found.push((Style { bold, italic }, entry));
        }
    }
    found
}

/// The faces in each folder of `sources`, in folder order then path order,
/// so the same machine always yields the same choice. Each folder is read
/// once per process.
pub fn catalogue(sources: &FontSources) -> Vec<Arc<[Entry]>> {
    static FOLDERS: OnceLock<Mutex<HashMap<PathBuf, Arc<[Entry]>>>> = OnceLock::new();
    let folders = FOLDERS.get_or_init(Default::default);
    sources
        .folders()
        .into_iter()
        .map(|(folder, origin)| {
            let mut known = folders.lock().unwrap_or_else(PoisonError::into_inner);
            known
                .entry(folder.clone())
                .or_insert_with(|| catalogue_folder(&folder, origin))
                .clone()
        })
        .collect()
}

fn catalogue_folder(folder: &Path, origin: Origin) -> Arc<[Entry]> {
    let mut files = Vec::new();
    font_files(folder, 0, &mut files);
    files.sort();
    files
        .iter()
        .flat_map(|path| faces_in(path, origin).unwrap_or_default())
        .collect()
}

fn system_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::env::var_os("FOLIO_FONT_PATH")
        .map(|paths| std::env::split_paths(&paths).collect())
        .unwrap_or_default();
    folders.extend(
        [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            "/Library/Fonts",
            "/System/Library/Fonts",
            "C:\\Windows\\Fonts",
        ]
        .map(PathBuf::from),
    );
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        folders.extend([".local/share/fonts", ".fonts", "Library/Fonts"].map(|d| home.join(d)));
    }
    folders
}

fn font_files(folder: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth < MAX_DEPTH {
                font_files(&path, depth + 1, out);
            }
        } else if path.extension().is_some_and(|ext| {
            ["ttf", "otf", "ttc", "otc"]
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        }) {
            out.push(path);
        }
    }
}

/// The faces of one file, from its table directory, `name` and `OS/2`.
fn faces_in(path: &Path, origin: Origin) -> io::Result<Vec<Entry>> {
    let mut file = File::open(path)?;
    let head = read_at(&mut file, 0, 12)?;
    let offsets: Vec<u32> = if &head[..4] == b"ttcf" {
        let count = be32(&head, 8).min(MAX_FACES);
        let table = read_at(&mut file, 12, 4 * count)?;
        (0..count as usize).map(|i| be32(&table, 4 * i)).collect()
    } else {
        vec![0]
    };
    let mut entries = Vec::new();
    for (index, offset) in offsets.into_iter().enumerate() {
        let directory = read_at(&mut file, offset, 12)?;
        let tables = u32::from(u16::from_be_bytes([directory[4], directory[5]]));
        let records = read_at(&mut file, offset + 12, 16 * tables)?;
        let table = |tag: &[u8; 4]| {
            records
                .chunks_exact(16)
                .find(|r| &r[..4] == tag)
                .map(|r| (be32(r, 8), be32(r, 12).min(MAX_TABLE)))
        };
        let (Some(name), Some(os2)) = (table(b"name"), table(b"OS/2")) else {
            continue;
        };
        let name = read_at(&mut file, name.0, name.1)?;
        let os2 = read_at(&mut file, os2.0, os2.1)?;
        let (Some(name), Some(os2)) = (
            ttf_parser::name::Table::parse(&name),
            ttf_parser::os2::Table::parse(&os2),
        ) else {
            continue;
        };
        // Typographic family first: it names the family of a Medium or
        // Light face, whose legacy family ("… Medium") is a family of one.
        let mut families: Vec<String> = Vec::new();
        for id in [
            ttf_parser::name_id::TYPOGRAPHIC_FAMILY,
            ttf_parser::name_id::FAMILY,
        ] {
            for family in name.names.into_iter().filter(|n| n.name_id == id) {
                if let Some(family) = family.to_string()
                    && !families.contains(&family)
                {
                    families.push(family);
                }
            }
        }
        entries.push(Entry {
            location: Location {
                path: path.to_owned(),
                index: index as u32,
                origin,
            },
            families,
            weight: os2.weight().to_number(),
            italic: os2.style() != ttf_parser::Style::Normal,
        });
    }
    Ok(entries)
}

fn read_at(file: &mut File, offset: u32, len: u32) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(u64::from(offset)))?;
    let mut buffer = vec![0; len as usize];
    file.read_exact(&mut buffer)?;
    Ok(buffer)
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}
