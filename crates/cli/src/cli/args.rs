//! Command-line arguments, and the validated configuration they become
//! before any work starts.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{ArgGroup, CommandFactory, Parser, Subcommand, ValueEnum};

/// Builds Country Progress Cards (PDF booklets) from a folder of TOML content.
#[derive(Debug, Parser)]
#[command(name = "folio", version, propagate_version = true)]
pub struct Cli {
    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When stderr is a terminal and NO_COLOR is not set.
    Auto,
    /// Always, e.g. when piping into a pager that shows colours.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build booklets into OUT/COUNTRY-LANG.pdf
    ///
    /// Prints the path of each PDF written on stdout, one per line; progress
    /// and problems go to stderr. A PDF is replaced only once its new version
    /// is complete, so a failed build leaves the previous one untouched.
    /// Exits with 1 if any edition failed.
    Build(BuildArgs),
    /// Check content without writing PDFs
    ///
    /// Loads the data folder, then composes and lays out each country given
    /// (every country if none is), showing every problem found. Exits with 1
    /// if there is any error.
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("editions").required(true).args(["countries", "all"])))]
pub struct BuildArgs {
    /// Country ids to build (file stems in DATA/countries, e.g. `usa`).
    #[arg(value_name = "COUNTRY")]
    pub countries: Vec<String>,

    /// Build every country in the data folder, in parallel.
    #[arg(long)]
    pub all: bool,

    /// The data folder to read.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,

    /// The folder to write PDFs into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Country ids to check; all countries if none is given.
    #[arg(value_name = "COUNTRY")]
    pub countries: Vec<String>,

    /// The data folder to read.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

/// What to do, checked for consistency; nothing has been read or written
/// yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Whether diagnostics on stderr are coloured.
    pub color: bool,
    pub task: Task,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    Build(BuildConfig),
    Check(CheckConfig),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    pub data: PathBuf,
    pub out: PathBuf,
    pub targets: Targets,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    pub data: PathBuf,
    pub targets: Targets,
}

/// Which countries to work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Targets {
    /// Every country in the data folder.
    All,
    /// These countries, in the order given, each once.
    Countries(Vec<String>),
}

impl Config {
    /// Parses the process's arguments and validates them.
    pub fn from_args() -> Result<Config, clap::Error> {
        let cli = Cli::try_parse()?;
        Config::from_cli(cli)
    }

    /// Validates parsed arguments; the error is a usage error (exit code 2).
    pub fn from_cli(cli: Cli) -> Result<Config, clap::Error> {
        let color = match cli.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        let task = match cli.command {
            Command::Build(args) => {
                // clap's group already demands countries or --all, not both.
                let targets = if args.all {
                    Targets::All
                } else {
                    targets(args.countries, "build")?
                };
                check_data_dir(&args.data)?;
                if args.out.exists() && !args.out.is_dir() {
                    return Err(usage(format!(
                        "--out {}: not a folder (PDFs are written into it)",
                        args.out.display()
                    )));
                }
                Task::Build(BuildConfig {
                    data: args.data,
                    out: args.out,
                    targets,
                })
            }
            Command::Check(args) => {
                let targets = if args.countries.is_empty() {
                    Targets::All
                } else {
                    targets(args.countries, "check")?
                };
                check_data_dir(&args.data)?;
                Task::Check(CheckConfig {
                    data: args.data,
                    targets,
                })
            }
        };
        Ok(Config { color, task })
    }
}

/// The countries named, each once, in the order first given.
fn targets(countries: Vec<String>, command: &str) -> Result<Targets, clap::Error> {
    if let Some(bad) = countries.iter().find(|c| c.trim().is_empty()) {
        return Err(usage(format!(
            "`folio {command}`: {bad:?} is not a country id"
        )));
    }
    let mut seen = HashSet::new();
    let countries = countries
        .into_iter()
        .filter(|c| seen.insert(c.clone()))
        .collect();
    Ok(Targets::Countries(countries))
}

fn check_data_dir(data: &std::path::Path) -> Result<(), clap::Error> {
    if data.is_dir() {
        return Ok(());
    }
    let problem = if data.exists() {
        "not a folder"
    } else {
        "no such folder"
    };
    Err(usage(format!(
        "--data {}: {problem} (run folio from the project's root, or pass --data DIR)",
        data.display()
    )))
}

fn usage(message: String) -> clap::Error {
    Cli::command().error(ErrorKind::ValueValidation, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, clap::Error> {
        Config::from_cli(Cli::try_parse_from(args)?)
    }

    fn data_dir() -> String {
        // Any existing folder will do for argument validation.
        env!("CARGO_MANIFEST_DIR").to_owned()
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn build_defaults_and_dedupes() {
        let data = data_dir();
        let config = parse(&[
            "folio", "--color", "never", "build", "usa", "fra", "usa", "--data", &data,
        ])
        .unwrap();
        assert_eq!(
            config,
            Config {
                color: false,
                task: Task::Build(BuildConfig {
                    data: data.into(),
                    out: "out".into(),
                    targets: Targets::Countries(vec!["usa".into(), "fra".into()]),
                }),
            }
        );
    }

    #[test]
    fn build_needs_countries_or_all_but_not_both() {
        let data = data_dir();
        let err = parse(&["folio", "build", "--data", &data]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let err = parse(&["folio", "build", "usa", "--all", "--data", &data]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let config = parse(&["folio", "build", "--all", "--data", &data]).unwrap();
        assert!(matches!(
            config.task,
            Task::Build(BuildConfig {
                targets: Targets::All,
                ..
            })
        ));
    }

    #[test]
    fn check_without_countries_checks_all() {
        let data = data_dir();
        let config = parse(&["folio", "check", "--data", &data]).unwrap();
        assert_eq!(
            config.task,
            Task::Check(CheckConfig {
                data: data.into(),
                targets: Targets::All
            })
        );
    }

    #[test]
    fn missing_data_folder_and_file_as_out_are_usage_errors() {
        let err = parse(&["folio", "check", "--data", "/no/such/folio/data"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("no such folder"), "{err}");
        let data = data_dir();
        let file = format!("{data}/Cargo.toml");
        let err = parse(&["folio", "build", "usa", "--data", &data, "--out", &file]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let err = parse(&["folio", "build", "", "--data", &data]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
