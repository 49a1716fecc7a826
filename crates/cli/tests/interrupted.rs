//! A `folio build` killed at any moment (`kill -9`: no chance to clean up)
//! leaves the PDF of an earlier build intact, byte for byte, and the temp
//! files of killed builds do not pile up in the out folder.

#![cfg(unix)]

mod common;

use common::{data_dir, folio_process};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Kills per run: enough to land before, during and after the write.
const KILLS: usize = 12;

fn build(out: &Path) -> Command {
    let mut command = folio_process();
    command
        .args(["build", "usa", "--data"])
        .arg(data_dir())
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// The names in `out` that are temp files of a PDF being written.
fn temp_files(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".pdf.tmp"))
        .collect();
    names.sort();
    names
}

/// A small xorshift generator: the delays only need to be spread out, and
/// the seed printed on failure replays a run.
struct Delays(u64);

impl Delays {
    fn next(&mut self, max: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        max.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

#[test]
fn a_killed_build_leaves_the_earlier_pdf_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let pdf = out.join("usa-en.pdf");

    let started = Instant::now();
    assert!(build(out).status().unwrap().success(), "the first build");
    let duration = started.elapsed();
    let good = fs::read(&pdf).unwrap();
    assert!(good.starts_with(b"%PDF"));

    let seed = std::env::var("FOLIO_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            now.as_nanos() as u64 | 1
        });
    let mut delays = Delays(seed);
    for kill in 1..=KILLS {
        let mut child = build(out).spawn().unwrap();
        // Up to a little longer than a whole build, so some kills land
        // during the write at the very end.
        sleep(delays.next(duration.mul_f64(1.1)));
        let _ = child.kill();
        child.wait().unwrap();
        let context = format!("kill {kill} of {KILLS} (FOLIO_KILL_SEED={seed})");
        assert_eq!(fs::read(&pdf).unwrap(), good, "{context}: the PDF changed");
        // Each new build removes what the killed ones left: at most the
        // last one's temp file remains.
        let temps = temp_files(out);
        assert!(temps.len() <= 1, "{context}: temp files pile up: {temps:?}");
    }

    assert!(build(out).status().unwrap().success(), "the last build");
    assert_eq!(fs::read(&pdf).unwrap(), good);
    assert_eq!(temp_files(out), Vec::<String>::new(), "no temp file left");
}
