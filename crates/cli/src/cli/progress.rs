//! Progress of a build on stderr: a bar when a person watches a terminal,
//! one plain line per edition when stderr goes to a file or a CI log (where
//! a redrawn bar would be a mess of control characters).

use std::fmt::Display;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::report::Reporter;

pub enum Progress<'a> {
    Bar(ProgressBar),
    Lines(&'a Reporter),
}

impl<'a> Progress<'a> {
    /// Progress over `total` editions. A bar only for several editions on
    /// a terminal: one edition is done before a bar would be worth drawing.
    pub fn new(total: usize, reporter: &'a Reporter) -> Progress<'a> {
        if total < 2 || !std::io::stderr().is_terminal() {
            return Progress::Lines(reporter);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{prefix:>8} [{bar:30}] {pos}/{len} editions, {elapsed} {wide_msg}",
        )
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix("building");
        bar.enable_steady_tick(Duration::from_millis(100));
        Progress::Bar(bar)
    }

    /// Runs `write`, which writes to stderr, with the bar out of the way so
    /// diagnostics are never drawn over.
    pub fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match self {
            Progress::Bar(bar) => bar.suspend(write),
            Progress::Lines(_) => write(),
        }
    }

    /// One edition is done: `line` says how it went.
    pub fn done(&self, line: impl Display) {
        match self {
            Progress::Bar(bar) => {
                bar.set_message(line.to_string());
                bar.inc(1);
            }
            Progress::Lines(reporter) => reporter.info(line),
        }
    }

    /// One edition failed; its diagnostics say why.
    pub fn failed(&self) {
        if let Progress::Bar(bar) = self {
            bar.inc(1);
        }
    }

    /// Removes the bar, leaving the terminal as it was for the summary.
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
