//! `folio watch` as a person uses it: save a change, see the new PDF; save
//! a mistake, see the diagnostic while the last good PDF stays; fix it, see
//! the PDF again. Everything waits for what it expects with a generous
//! bound (a debug build on a busy machine is slow): nothing here is timed.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{copy_dir, data_dir, folio_process};
use folio_tests::PdfReadBack;

/// How long anything may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `folio watch`, killed when dropped (also when the test fails).
struct Watching {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Watching {
    fn start(data: &Path, out: &Path) -> Watching {
        let mut child = folio_process()
            .args(["watch", "usa", "--data"])
            .arg(data)
            .arg("--out")
            .arg(out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("folio starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(read @ 1..) = pipe.read(&mut buffer) {
                let text = String::from_utf8_lossy(&buffer[..read]);
                sink.lock().unwrap().push_str(&text);
            }
        });
        Watching { child, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until `done` holds, failing with `what` and folio's stderr if
    /// it doesn't within [`PATIENCE`] or folio exits.
    fn wait_for<T>(&mut self, what: &str, mut done: impl FnMut(&Watching) -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(value) = done(self) {
                return value;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "folio watch exited ({status}) while waiting for {what}; stderr:\n{}",
                    self.stderr()
                );
            }
            if started.elapsed() > PATIENCE {
                panic!(
                    "no {what} after {PATIENCE:?}; folio's stderr:\n{}",
                    self.stderr()
                );
            }
            sleep(Duration::from_millis(20));
        }
    }

    /// Waits for `pdf` to differ from `before` (`None`: to exist) and
    /// returns its bytes and text.
    fn new_pdf(&mut self, pdf: &Path, before: Option<&[u8]>) -> (Vec<u8>, String) {
        let bytes = self.wait_for("new PDF", |_| {
            // Written atomically: what exists is complete.
            fs::read(pdf)
                .ok()
                .filter(|bytes| Some(&bytes[..]) != before)
        });
        let text = PdfReadBack::parse(&bytes)
            .unwrap_or_else(|err| panic!("{}: {err}", pdf.display()))
            .text();
        (bytes, text)
    }

    /// Waits for `count` lines of stderr that contain `line`.
    fn wait_for_lines(&mut self, line: &str, count: usize) {
        self.wait_for(&format!("{count} × {line:?} on stderr"), |watching| {
            (watching.stderr().matches(line).count() >= count).then_some(())
        });
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `words` as they come out of the PDF, hyphenation at line ends undone.
fn has_words(text: &str, words: &str) -> bool {
    let joined = text.replace("-\n", "").replace('\n', " ");
    joined.contains(words)
}

/// Writes `text` into `path` as an editor saving in place does.
fn save(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
}

#[test]
fn rebuilds_on_save_and_keeps_the_last_good_pdf_through_mistakes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&data_dir(), &data);
    let out = tmp.path().join("out");
    let usa: PathBuf = data.join("countries/usa.toml");
    let pdf = out.join("usa-en.pdf");
    let original = fs::read_to_string(&usa).unwrap();
    let with_word = |word: &str| original.replacen("A Maryland man", &format!("A {word} man"), 1);
    assert_ne!(with_word("Vermont"), original, "usa.toml has the sentence");

    let mut watching = Watching::start(&data, &out);
    let (first, text) = watching.new_pdf(&pdf, None);
    assert!(has_words(&text, "A Maryland man"), "{text}");
    assert!(!has_words(&text, "Vermont"));
    watching.wait_for_lines("watching ", 1);
    assert!(
        watching.stderr().contains("built "),
        "{}",
        watching.stderr()
    );

    // A one-word change.
    save(&usa, &with_word("Vermont"));
    let (vermont, text) = watching.new_pdf(&pdf, Some(&first));
    assert!(has_words(&text, "A Vermont man"), "{text}");
    assert!(!has_words(&text, "Maryland man"));
    watching.wait_for_lines("rebuilt ", 1);

    // Files that editors write beside the one they edit start no build
    // (were they taken for content, the pause would end a batch of their
    // own, and its build would print one more `rebuilt` line below).
    let countries = data.join("countries");
    fs::write(countries.join(".usa.toml.swp"), "vim's swap file").unwrap();
    fs::write(countries.join("4913"), "").unwrap();
    fs::remove_file(countries.join("4913")).unwrap();
    fs::write(countries.join("usa.toml~"), &original).unwrap();
    sleep(Duration::from_millis(100));
    save(&usa, &with_word("Oregon"));
    let (good, text) = watching.new_pdf(&pdf, Some(&vermont));
    assert!(has_words(&text, "A Oregon man"), "{text}");
    watching.wait_for_lines("rebuilt ", 2);

    // A mistake: the TOML no longer parses. The diagnostic, and the last
    // good PDF stays.
    save(
        &usa,
        &with_word("Ohio").replacen("name = \"USA\"", "name = \"USA", 1),
    );
    watching.wait_for_lines("kept the previous ", 1);
    let stderr = watching.stderr();
    assert!(stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("usa.toml:7:"), "{stderr}");
    assert_eq!(fs::read(&pdf).unwrap(), good, "the last good PDF is kept");
    // Builds run one after another: every one before the mistake's has
    // printed its line by now.
    assert_eq!(stderr.matches("rebuilt ").count(), 2, "{stderr}");

    // A file deleted mid-watch: a diagnostic too, and watching goes on.
    fs::remove_file(&usa).unwrap();
    watching.wait_for_lines("kept the previous ", 2);
    assert_eq!(fs::read(&pdf).unwrap(), good, "the last good PDF is kept");

    // Fixed: the PDF follows again, byte for byte the first build's.
    save(&usa, &original);
    let (fixed, text) = watching.new_pdf(&pdf, Some(&good));
    assert!(has_words(&text, "A Maryland man"), "{text}");
    assert!(fixed == first, "the same content gives the same PDF");
    watching.wait_for_lines("rebuilt ", 3);
}
