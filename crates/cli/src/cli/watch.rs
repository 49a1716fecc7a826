//! `folio watch`: builds a country's editions, then builds them again
//! whenever a file under the data folder changes, until stopped (Ctrl-C).
//!
//! The point is the time from a save in an editor to the PDF in a viewer
//! that reloads on change. One process serves the whole session, so what a
//! `folio build` process pays for at every run is paid once: the font book
//! and the encoded cover image are kept per process, shaped and hyphenated
//! words per thread of rayon's pool, whose threads live as long as the
//! process (and are all warmed after the first build). Each rebuild opens
//! the data folder anew, a few milliseconds, rather than working out which
//! parts of the content a change touched; it writes through the same
//! [`write_edition`] as `folio build`, so a PDF is only ever replaced by a
//! complete one, and never when its edition has an error. Only without
//! waiting for the disk ([`folio::write_atomically_unsynced`]): the PDFs
//! are previews, made again at the next start, and an fsync, a few
//! milliseconds on an idle disk, took up to 0.8 s while other programs
//! wrote (see BENCHMARKS.md).
//!
//! Changes come from `notify` (inotify on Linux, FSEvents on macOS,
//! ReadDirectoryChangesW on Windows) and are debounced here rather than by
//! `notify-debouncer-mini` or `-full`: those wait for one fixed quiet
//! period, with a timer thread that ticks at a fraction of it, and know
//! nothing of which files are content. An editor's save is a burst of
//! events within a millisecond or two, of which this loop leaves out the
//! editors' own files before they can extend the wait, and it waits
//! according to what the events say: [`SETTLED`] once every changed file
//! looks complete, [`QUIET`] while one does not, longer for a file still
//! being written ([`HALF_WRITTEN`]).

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use folio::{Edition, FONTS_FOLDER, Folio, FontSources};
use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind, RenameMode};
use notify::{Event, RecursiveMode, Watcher};
use rayon::prelude::*;

use super::args::{BuildConfig, Langs, Targets};
use super::build::{editions, open, plural, report_todos, write_edition};
use super::progress::Progress;
use super::report::Reporter;

/// How long the data folder must be quiet before a rebuild starts while a
/// change looks unfinished: a file removed or renamed away (vim and emacs
/// move the file to a backup, then write the new one), a file written to
/// and not yet closed, or a change the platform says no more about
/// (macOS and Windows report no closes). An editor's save is several
/// events within a millisecond or two; this gathers them into one rebuild.
const QUIET: Duration = Duration::from_millis(15);

/// The same once every changed file looks complete: closed after writing
/// (an in-place save) or renamed into place (an atomic save). What follows
/// at once, such as the next file of a "save all", still joins the
/// rebuild; this is all the wait adds to the time from save to PDF.
const SETTLED: Duration = Duration::from_millis(3);

/// How long to wait for a writer to close a file it is still writing
/// before building anyway (where the platform reports closes: Linux).
const HALF_WRITTEN: Duration = Duration::from_millis(500);

/// A folder that changes without a pause (a long copy, a program writing a
/// file continuously) is built at least this often.
const LONGEST_WAIT: Duration = Duration::from_secs(1);

/// How often to look whether a data folder that was removed is back.
const FOLDER_POLL: Duration = Duration::from_millis(250);

/// Builds `config`'s editions, then again after each change to its data
/// folder. Returns only if watching cannot start or stops working.
pub fn run(config: &BuildConfig, fonts: &FontSources, reporter: &Reporter) {
    if let Err(err) = fs::create_dir_all(&config.out) {
        reporter.error(format_args!(
            "could not create {}: {err}",
            config.out.display()
        ));
        return;
    }
    // As the watcher reports paths: symbolic links resolved.
    let canonical = |dir: &Path| {
        fs::canonicalize(dir)
            .map_err(|err| reporter.error(format_args!("could not open {}: {err}", dir.display())))
    };
    let (Ok(root), Ok(out)) = (canonical(&config.data), canonical(&config.out)) else {
        return;
    };
    let (sender, events) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(sender) {
        Ok(watcher) => watcher,
        Err(err) => {
            reporter.error(format_args!("could not watch for changes: {err}"));
            return;
        }
    };
    // Watching starts before the first build, so that a save during it
    // is not missed.
    if let Err(err) = watcher.watch(&root, RecursiveMode::Recursive) {
        reporter.error(format_args!(
            "could not watch {}: {err}",
            config.data.display()
        ));
        return;
    }
    let content = Content { root, out };
    let mut builds = Builds::new(config, fonts, reporter);
    builds.build();
    reporter.info(format_args!(
        "watching {} for changes (Ctrl-C to stop)",
        config.data.display()
    ));

    // Whether the platform reports that a writer closed a file: inotify
    // does; elsewhere, known once one is seen.
    let mut closes_reported = cfg!(any(target_os = "linux", target_os = "android"));
    loop {
        // Changes that come during a build wait in the channel: they make
        // the next batch, and so one more build.
        let Some(batch) = next_batch(&events, &content, &mut closes_reported, reporter) else {
            reporter.error("stopped watching: the file watcher stopped working");
            return;
        };
        if batch.folder_gone {
            reporter.info(format_args!(
                "{} is gone: waiting for it to come back",
                config.data.display()
            ));
            while !config.data.is_dir() {
                std::thread::sleep(FOLDER_POLL);
            }
            // The old watch went with the folder; this one is on the new.
            let _ = watcher.unwatch(&content.root);
            if let Err(err) = watcher.watch(&content.root, RecursiveMode::Recursive) {
                reporter.error(format_args!(
                    "could not watch {}: {err}",
                    config.data.display()
                ));
                return;
            }
        }
        builds.build();
        if batch.fonts_changed {
            // The font files found are kept for the life of the process.
            reporter.info(format_args!(
                "note: {} changed: restart `folio watch` to use new fonts",
                config.data.join(FONTS_FOLDER).display()
            ));
        }
    }
}

/// Which changed paths are content: those under the data folder, except
/// the out folder and what editors write beside the files they edit.
struct Content {
    /// The data folder, as the watcher reports paths in it.
    root: PathBuf,
    out: PathBuf,
}

impl Content {
    fn contains(&self, path: &Path) -> bool {
        // The out folder may be inside the data folder, or be it.
        if self.out != self.root && path.starts_with(&self.out) {
            return false;
        }
        if path.parent() == Some(&self.out) && path.extension() == Some(OsStr::new("pdf")) {
            return false;
        }
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        relative.components().all(|component| match component {
            Component::Normal(name) => !not_content(name),
            _ => true,
        })
    }
}

/// Names of files that editors, version control and file managers write
/// and that Folio never reads.
fn not_content(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    const ENDINGS: [&str; 10] = [
        "~",            // backups: vim, emacs, nano, gedit
        ".swp",         // vim's swap files (hidden too), and the next ones
        ".swo",         //
        ".swx",         //
        ".tmp",         // many editors' atomic saves
        ".bak",         // backups
        ".kate-swp",    // Kate
        "___jb_tmp___", // JetBrains IDEs' safe write
        "___jb_old___", //
        ".crswap",      // browsers' File System Access writes
    ];
    // Hidden: vim's `.usa.toml.swp`, emacs's lock `.#usa.toml`, gedit's
    // `.goutputstream-…`, `.git`, `.DS_Store`, Folio's own temp PDFs.
    name.starts_with('.')
        // emacs's auto-save `#usa.toml#`
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || ENDINGS.iter().any(|ending| name.ends_with(ending))
        // vim checks that it may create files in the folder with `4913`
        // (or 5036, 5159…: 4913 plus a multiple of 123)
        || name.bytes().all(|b| b.is_ascii_digit())
}

/// The changes gathered for one rebuild.
#[derive(Default)]
struct Batch {
    /// Some content changed.
    changed: bool,
    /// Content files created or written to, and not yet closed by their
    /// writer.
    writing: HashSet<PathBuf>,
    /// Content paths whose last change leaves them unfinished: removed or
    /// renamed away (perhaps to be replaced), or changed in a way the
    /// platform does not detail.
    unsettled: HashSet<PathBuf>,
    /// The data folder itself was removed or renamed.
    folder_gone: bool,
    /// Something changed in the data folder's `fonts/`.
    fonts_changed: bool,
}

impl Batch {
    fn add(
        &mut self,
        event: notify::Result<Event>,
        content: &Content,
        closes_reported: &mut bool,
        reporter: &Reporter,
    ) {
        let event = match event {
            Ok(event) => event,
            Err(err) => {
                // E.g. too many folders for the system's watch limit: say
                // so, and rebuild in case the change that failed was one.
                reporter.error(format_args!("watching for changes: {err}"));
                self.changed = true;
                return;
            }
        };
        // Events were lost (the kernel's queue overflowed): rebuild.
        self.changed |= event.need_rescan();
        let closed_after_writing = EventKind::Access(AccessKind::Close(AccessMode::Write));
        if event.kind == closed_after_writing {
            *closes_reported = true;
        } else if matches!(
            event.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        ) {
            // Reading a file (Folio's own loads) or changing its
            // permissions or times changes no content.
            return;
        }
        let is_content = |path: &&PathBuf| content.contains(path);
        let paths: Vec<&PathBuf> = event.paths.iter().filter(is_content).collect();
        self.changed |= !paths.is_empty();
        let fonts = content.root.join(FONTS_FOLDER);
        self.fonts_changed |= paths.iter().any(|path| path.starts_with(&fonts));
        match event.kind {
            // Closed after writing (`touch` too), created as a folder, or
            // renamed into place: complete.
            EventKind::Access(_)
            | EventKind::Create(CreateKind::Folder)
            | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => self.settle(&paths),
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Data(_)) => {
                self.settle(&paths);
                self.writing.extend(paths.into_iter().cloned());
            }
            // Both names, the old first, after a `From` and a `To` event.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                if let [from, to] = event.paths.as_slice() {
                    self.settle(&[to]);
                    if content.contains(from) {
                        self.unsettle(&[from]);
                    }
                }
            }
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                self.folder_gone |= paths.contains(&&content.root);
                self.unsettle(&paths);
            }
            _ => self.unsettle(&paths),
        }
    }

    /// `paths` are complete as they are.
    fn settle(&mut self, paths: &[&PathBuf]) {
        for path in paths {
            self.writing.remove(*path);
            self.unsettled.remove(*path);
        }
    }

    fn unsettle(&mut self, paths: &[&PathBuf]) {
        for path in paths {
            self.writing.remove(*path);
            self.unsettled.insert((*path).clone());
        }
    }
}

/// Waits for a change to the content, then until the folder has been
/// quiet for [`SETTLED`] or [`QUIET`] (and files being written are
/// closed); `None` if the watcher stopped.
fn next_batch(
    events: &Receiver<notify::Result<Event>>,
    content: &Content,
    closes_reported: &mut bool,
    reporter: &Reporter,
) -> Option<Batch> {
    let mut batch = Batch::default();
    while !batch.changed {
        batch.add(events.recv().ok()?, content, closes_reported, reporter);
    }
    let first = Instant::now();
    loop {
        let window = if batch.writing.is_empty() && batch.unsettled.is_empty() {
            SETTLED
        } else {
            QUIET
        };
        match events.recv_timeout(window) {
            Ok(event) => batch.add(event, content, closes_reported, reporter),
            Err(RecvTimeoutError::Timeout) => {
                let half_written = *closes_reported && !batch.writing.is_empty();
                if !half_written || first.elapsed() >= HALF_WRITTEN {
                    return Some(batch);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        if first.elapsed() >= LONGEST_WAIT {
            return Some(batch);
        }
    }
}

/// Builds the editions, reporting on each.
struct Builds<'a> {
    config: &'a BuildConfig,
    fonts: &'a FontSources,
    reporter: &'a Reporter,
    /// The editions of the last load that worked (before one, those named
    /// on the command line): the PDFs kept when a load fails.
    editions: Vec<Edition>,
    /// Whether every thread of the pool has laid the booklet out once.
    warm: bool,
    built: bool,
}

impl<'a> Builds<'a> {
    fn new(config: &'a BuildConfig, fonts: &'a FontSources, reporter: &'a Reporter) -> Builds<'a> {
        let editions = match (&config.targets, &config.langs) {
            (Targets::Countries(countries), Langs::These(langs)) => countries
                .iter()
                .flat_map(|country| {
                    langs
                        .iter()
                        .map(move |lang| Edition::in_language(country, lang))
                })
                .map(|edition| edition.with_profile(config.profile))
                .collect(),
            _ => Vec::new(),
        };
        Builds {
            config,
            fonts,
            reporter,
            editions,
            warm: false,
            built: false,
        }
    }

    /// Opens the data folder and builds every edition; on a problem,
    /// reports it and keeps the previous PDF.
    fn build(&mut self) {
        let (config, reporter) = (self.config, self.reporter);
        // The files may have changed since the last diagnostics showed them.
        reporter.forget_sources();
        let started = Instant::now();
        let verb = if self.built { "rebuilt" } else { "built" };
        self.built = true;
        let folio = reporter
            .guard("the data folder", || {
                open(&config.data, self.fonts, reporter)
            })
            .flatten();
        let Some(folio) = folio else {
            self.editions.iter().for_each(|edition| self.kept(edition));
            if self.editions.is_empty() {
                reporter.info("no PDF written");
            }
            return;
        };
        let folio = folio.strict(config.strict);
        self.editions = editions(&folio, &config.targets, &config.langs)
            .into_iter()
            .map(|edition| edition.with_profile(config.profile))
            .collect();
        if !config.strict {
            report_todos(&folio, &self.editions, reporter);
        }
        let progress = Progress::Lines(reporter);
        let built = |edition: &Edition| {
            let pages = reporter
                .guard(edition, || {
                    let save = folio::write_atomically_unsynced;
                    write_edition(&folio, edition, &config.out, save, reporter, &progress)
                })
                .flatten();
            match pages {
                Some(pages) => reporter.info(format_args!(
                    "{verb} {} in {} ms ({})",
                    config.out.join(edition.file_name()).display(),
                    started.elapsed().as_millis(),
                    plural(pages, "page", "pages")
                )),
                None => self.kept(edition),
            }
            pages.is_some()
        };
        // One edition (the usual case) on this thread; several in parallel.
        let any_built = match self.editions.as_slice() {
            [edition] => built(edition),
            editions => editions
                .par_iter()
                .map(built)
                .reduce(|| false, |a, b| a || b),
        };
        if any_built && !self.warm {
            self.warm = true;
            warm_up(&folio, &self.editions[0]);
        }
    }

    /// Says that the PDF of `edition` was left as it was.
    fn kept(&self, edition: &Edition) {
        let path = self.config.out.join(edition.file_name());
        if path.exists() {
            self.reporter
                .info(format_args!("kept the previous {}", path.display()));
        } else {
            self.reporter
                .info(format_args!("{} not written", path.display()));
        }
    }
}

/// Lays `edition` out on every thread of rayon's pool, so that each has
/// shaped and hyphenated its words. Layout runs on whichever thread of the
/// pool is free; without this, the first rebuild that lands on a thread
/// the first build did not use would shape every word again (a third
/// more time).
fn warm_up(folio: &Folio, edition: &Edition) {
    rayon::broadcast(|_| {
        // Its problems, if any, were reported by the build.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| folio.check(edition)));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, MetadataKind, RemoveKind};

    fn content() -> Content {
        Content {
            root: PathBuf::from("/p/data"),
            out: PathBuf::from("/p/data/out"),
        }
    }

    #[test]
    fn content_is_what_folio_reads() {
        let content = content();
        for path in [
            "/p/data/countries/usa.toml",
            "/p/data/campaign.toml",
            "/p/data/images/cover.jpg",
            "/p/data/translations/fr/countries/usa.toml",
            "/p/data/countries",
            "/p/data",
        ] {
            assert!(content.contains(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn editors_files_and_the_out_folder_are_not_content() {
        let content = content();
        for path in [
            "/p/data/countries/.usa.toml.swp",
            "/p/data/countries/.usa.toml.swx",
            "/p/data/countries/usa.toml~",
            "/p/data/countries/4913",
            "/p/data/countries/5036",
            "/p/data/countries/#usa.toml#",
            "/p/data/countries/.#usa.toml",
            "/p/data/countries/.goutputstream-X1B2C3",
            "/p/data/countries/usa.toml.tmp",
            "/p/data/countries/usa.toml___jb_tmp___",
            "/p/data/countries/usa.toml.kate-swp",
            "/p/data/.git/index",
            "/p/data/out/usa-en.pdf",
            "/p/data/out/.usa-en.pdf.tmp123-abcdef",
            "/p/elsewhere/usa.toml",
        ] {
            assert!(!content.contains(Path::new(path)), "{path}");
        }
        // PDFs written into the data folder itself.
        let same = Content {
            root: PathBuf::from("/p/data"),
            out: PathBuf::from("/p/data"),
        };
        assert!(!same.contains(Path::new("/p/data/usa-en.pdf")));
        assert!(same.contains(Path::new("/p/data/countries/usa.toml")));
    }

    /// The batch that `events` make (each of a kind and its paths,
    /// separated by spaces), and whether closes were reported.
    fn gather(events: &[(EventKind, &str)]) -> (Batch, bool) {
        let (content, reporter) = (content(), Reporter::new(false));
        let mut closes = false;
        let mut batch = Batch::default();
        for &(kind, paths) in events {
            let event = paths
                .split(' ')
                .fold(Event::new(kind), |event, path| event.add_path(path.into()));
            batch.add(Ok(event), &content, &mut closes, &reporter);
        }
        assert_eq!(reporter.errors(), 0);
        (batch, closes)
    }

    const USA: &str = "/p/data/countries/usa.toml";
    const DATA: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
    const FROM: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    const TO: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::To));
    const BOTH: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
    const CREATED: EventKind = EventKind::Create(CreateKind::File);
    const REMOVED: EventKind = EventKind::Remove(RemoveKind::File);

    fn settled(batch: &Batch) -> bool {
        batch.writing.is_empty() && batch.unsettled.is_empty()
    }

    #[test]
    fn reads_and_editors_files_are_no_change() {
        let (batch, closes) = gather(&[
            (EventKind::Access(AccessKind::Open(AccessMode::Any)), USA),
            (EventKind::Access(AccessKind::Close(AccessMode::Read)), USA),
            (
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                USA,
            ),
            (CREATED, "/p/data/countries/.usa.toml.swp"),
            (DATA, "/p/data/countries/.usa.toml.swp"),
            (CLOSED, "/p/data/out/usa-en.pdf"),
        ]);
        assert!(!batch.changed && closes);
    }

    #[test]
    fn saves_in_place_and_atomic_saves_end_settled() {
        // An in-place save (most editors): truncated, written, closed.
        let (batch, closes) = gather(&[(DATA, USA), (DATA, USA), (CLOSED, USA)]);
        assert!(batch.changed && closes && settled(&batch));
        // A temp file renamed over the file (gedit, Kate, JetBrains).
        let temp = "/p/data/countries/.goutputstream-X1B2C3";
        let renamed = format!("{temp} {USA}");
        let (batch, _) = gather(&[
            (CREATED, temp),
            (DATA, temp),
            (CLOSED, temp),
            (FROM, temp),
            (TO, USA),
            (BOTH, &renamed),
        ]);
        assert!(batch.changed && settled(&batch));
        // vim: the file renamed to a backup, written anew, the backup
        // deleted.
        let backup = "/p/data/countries/usa.toml~";
        let renamed = format!("{USA} {backup}");
        let (batch, _) = gather(&[
            (CREATED, "/p/data/countries/4913"),
            (REMOVED, "/p/data/countries/4913"),
            (FROM, USA),
            (TO, backup),
            (BOTH, &renamed),
            (CREATED, USA),
            (DATA, USA),
            (CLOSED, USA),
            (REMOVED, backup),
        ]);
        assert!(batch.changed && settled(&batch));
    }

    #[test]
    fn half_saves_and_removals_are_unsettled() {
        let (batch, _) = gather(&[(FROM, USA), (TO, "/p/data/countries/usa.toml~")]);
        assert!(batch.changed && !settled(&batch));
        let (batch, _) = gather(&[(DATA, USA)]);
        assert!(batch.changed && !settled(&batch));
        let (batch, _) = gather(&[(REMOVED, USA)]);
        assert!(batch.changed && !settled(&batch) && !batch.folder_gone);
        let (batch, _) = gather(&[(EventKind::Remove(RemoveKind::Folder), "/p/data")]);
        assert!(batch.folder_gone);
        // Platforms that say less: anything else waits.
        let (batch, _) = gather(&[(EventKind::Modify(ModifyKind::Any), USA)]);
        assert!(batch.changed && !settled(&batch));
    }

    #[test]
    fn changes_to_fonts_are_noticed() {
        let (batch, _) = gather(&[(CREATED, "/p/data/fonts/NotoSansCJK.otf")]);
        assert!(batch.changed && batch.fonts_changed);
        let (batch, _) = gather(&[(DATA, USA), (CLOSED, USA)]);
        assert!(batch.changed && !batch.fonts_changed);
    }

    #[test]
    fn lost_events_are_a_change() {
        let rescan = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        let (content, reporter) = (content(), Reporter::new(false));
        let mut batch = Batch::default();
        batch.add(Ok(rescan), &content, &mut false, &reporter);
        assert!(batch.changed);
    }
}
