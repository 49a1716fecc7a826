//! Edit-to-PDF latency of `folio watch`: the time from saving a one-word
//! change to `countries/usa.toml` to the new `usa-en.pdf` being renamed into
//! place, as a viewer that reloads on change would see it.
//!
//! Runs the `folio` binary of this build (the bench profile: release) as
//! `folio watch usa` on a copy of the data folder, saves the file in place
//! (as most editors do) `FOLIO_WATCH_EDITS` times (default 30) a quarter
//! second apart, and waits for each PDF through the same file notifications
//! a viewer uses. Prints the median, quartiles and extremes, and the build
//! times `folio watch` reports (from the start of the rebuild, so without
//! the debounce window and the notification).
//!
//! `cargo bench -p folio --bench watch`; BENCHMARKS.md has the figures. Run
//! without `--bench` (`cargo test --benches`), it makes 3 edits as a smoke
//! test.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::{copy_dir, data_dir};
use notify::event::{EventKind, ModifyKind, RenameMode};
use notify::{Event, RecursiveMode, Watcher};

/// Longest wait for any one PDF: a failure, not a figure.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Kills `folio watch` when the bench ends, however it ends.
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits for `pdf` to be renamed into place (or created); the time it was
/// seen. Earlier notifications are read and dropped.
fn wait_for_pdf(events: &Receiver<notify::Result<Event>>, pdf: &Path) -> Instant {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no new {} within {TIMEOUT:?}", pdf.display()))
            .expect("watching the out folder");
        let replaced = matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Any))
                | EventKind::Create(_)
        );
        if replaced && event.paths.iter().any(|path| path == pdf) {
            return Instant::now();
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = (sorted.len() - 1) as f64 * p;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (at - low as f64)
}

fn summary(name: &str, values: &mut [f64]) {
    values.sort_by(f64::total_cmp);
    println!(
        "{name}: median {:.1} ms (quartiles {:.1}–{:.1}, min {:.1}, max {:.1}, n = {})",
        percentile(values, 0.5),
        percentile(values, 0.25),
        percentile(values, 0.75),
        values[0],
        values[values.len() - 1],
        values.len()
    );
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let edits: usize = match std::env::var("FOLIO_WATCH_EDITS") {
        Ok(n) => n.parse().expect("FOLIO_WATCH_EDITS is a number"),
        Err(_) if full => 30,
        Err(_) => 3,
    };

    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("watch-bench");
    let _ = fs::remove_dir_all(&root);
    let data = root.join("data");
    copy_dir(&data_dir(), &data);
    let out = root.join("out");
    fs::create_dir_all(&out).unwrap();
    let out = fs::canonicalize(&out).unwrap();
    let pdf: PathBuf = out.join("usa-en.pdf");
    let usa = data.join("countries/usa.toml");
    let original = fs::read_to_string(&usa).unwrap();
    let sentence = "A Maryland man";
    assert!(original.contains(sentence));
    // Two versions that differ by one word, saved in turn.
    let versions = [
        original.clone(),
        original.replacen(sentence, "A Delaware man", 1),
    ];

    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).unwrap();
    watcher.watch(&out, RecursiveMode::NonRecursive).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["--color=never", "watch", "usa", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio starts");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let _watching = Watching(child);
    // folio's own report of each build, and word that it is watching.
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let (ready, is_ready) = mpsc::channel();
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if line.starts_with("watching ") {
                let _ = ready.send(());
            }
            sink.lock().unwrap().push(line);
        }
    });
    wait_for_pdf(&events, &pdf);
    is_ready
        .recv_timeout(TIMEOUT)
        .expect("folio watch starts watching");

    let mut latencies = Vec::new();
    // Two edits first, unmeasured: the first rebuilds of a process.
    for edit in 0..edits + 2 {
        sleep(Duration::from_millis(250));
        while events.try_recv().is_ok() {}
        let saved = Instant::now();
        fs::write(&usa, &versions[(edit + 1) % 2]).unwrap();
        let seen = wait_for_pdf(&events, &pdf);
        if edit >= 2 {
            latencies.push((seen - saved).as_secs_f64() * 1000.0);
        }
    }
    sleep(Duration::from_millis(100));

    let lines = lines.lock().unwrap();
    let mut builds: Vec<f64> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("rebuilt "))
        .filter_map(|line| line.split(" in ").nth(1)?.split(" ms").next()?.parse().ok())
        .skip(2)
        .collect();
    if lines.iter().any(|line| line.starts_with("error")) {
        panic!("folio watch reported errors:\n{}", lines.join("\n"));
    }
    summary("usa.toml saved → usa-en.pdf renamed", &mut latencies);
    summary("rebuild as folio watch reports it", &mut builds);
}
