//! `folio`: builds and checks Country Progress Cards from a data folder.
//!
//! The work is done by the `folio` library; this binary parses arguments
//! into a validated [`cli::args::Config`], runs one subcommand and turns
//! what it found into the exit code (0 success, 1 content errors, 2 usage).
//! `folio watch` runs until it is stopped (Ctrl-C).

mod cli {
    pub mod args;
    pub mod build;
    pub mod check;
    pub mod fonts;
    pub mod i18n;
    pub mod new;
    pub mod progress;
    pub mod proof;
    pub mod report;
    pub mod watch;
}

use std::process::ExitCode;

use cli::args::{Config, Task};
use cli::report::Reporter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Usage errors (and --help/--version) print and exit here, with 2 (0).
    let config = Config::from_args().unwrap_or_else(|err| err.exit());
    let reporter = Reporter::new(config.color);
    match &config.task {
        Task::Build(build) => cli::build::run(build, &config.fonts, &reporter),
        Task::Watch(watch) => cli::watch::run(watch, &config.fonts, &reporter),
        Task::Check(check) => cli::check::run(check, &config.fonts, &reporter),
        Task::I18n(task) => cli::i18n::run(task, &config.fonts, &reporter),
        Task::Fonts(data) => cli::fonts::run(data, &config.fonts, &reporter),
        Task::Proof(proof) => cli::proof::run(proof, &config.fonts, &reporter),
        // Its refusals are usage errors, with their own exit code.
        Task::New(new) => return cli::new::run(new, &reporter),
    }
    reporter.exit_code()
}
