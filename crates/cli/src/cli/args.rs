//! Command-line arguments, and the validated configuration they become
//! before any work starts.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{ArgGroup, CommandFactory, Parser, Subcommand, ValueEnum};
use folio::{FontSources, Profile};

/// Builds Country Progress Cards (PDF booklets) from a folder of TOML content.
#[derive(Debug, Parser)]
#[command(name = "folio", version, propagate_version = true)]
pub struct Cli {
    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Also look for fonts in DIR (before the data folder's fonts/ and the
    /// installed fonts); may be given several times.
    #[arg(long, global = true, value_name = "DIR")]
    pub fonts: Vec<PathBuf>,

    /// Use only the bundled fonts, the data folder's fonts/ and --fonts
    /// folders, not the fonts installed on this machine: the same booklet
    /// on every machine.
    #[arg(long, global = true)]
    pub no_system_fonts: bool,

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
    /// Start a country's file, DATA/countries/ID.toml
    ///
    /// For a country of DATA/dataset.toml, named by its id (`czech-republic`)
    /// or its name ("Czech Republic"): every field the booklet needs, TODO in
    /// each text and rating, the campaign's goals and indicators named in
    /// comments. `folio check` then lists the TODOs left, by line; a booklet
    /// built before they are all written is marked DRAFT. Never overwrites a
    /// file. Prints the new file's path.
    New(NewArgs),
    /// Rebuild a country's booklets whenever the data folder changes
    ///
    /// Builds them as `folio build` does, then watches DATA and builds them
    /// again after every change (each save in an editor) until stopped with
    /// Ctrl-C. Each rebuild prints its time, or its problems, on stderr,
    /// and the path of each PDF written on stdout. A PDF is only ever
    /// replaced by a complete, error-free one: a viewer that reloads on
    /// change shows every good save, and problems keep the last good PDF.
    Watch(WatchArgs),
    /// Translate booklets: see what is missing, exchange with tools
    ///
    /// Translations live in DATA/translations/LANG/ (content) and
    /// DATA/locales/LANG.toml (interface words); the English files are
    /// never changed.
    I18n(I18nArgs),
    /// Show which fonts the theme names and where each is found
    ///
    /// For the body and heading families and, per script, each family of
    /// the theme's fallback chains: bundled, found in the data folder's
    /// fonts/ or a --fonts folder, installed on this machine, or missing
    /// (with how to get it). Exits with 1 if a family is missing.
    Fonts {
        /// The data folder to read.
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// Page images and review sheets of a booklet, into OUT/proof/EDITION/
    ///
    /// Builds the edition and renders its PDF: one PNG per page and a
    /// contact sheet of all pages. With --against, also a diff sheet and a
    /// line per page (or run of pages) on stdout saying what changed since
    /// that PDF; with --beside, one sheet per spread with the pages of
    /// another language's edition that hold the same content.
    Proof(ProofArgs),
}

#[derive(Debug, clap::Args)]
pub struct ProofArgs {
    /// The country id (a file stem in DATA/countries, e.g. `usa`).
    #[arg(value_name = "COUNTRY")]
    pub country: String,

    #[command(flatten)]
    pub folders: Folders,

    /// The edition's language.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,

    /// `screen` or `print` (trim, bleed and marks shown).
    #[arg(long, value_enum, default_value_t = ProfileArg::Screen)]
    pub profile: ProfileArg,

    /// Resolution of the page images, in dots per inch (20 to 300).
    #[arg(long, value_name = "N", default_value_t = folio::proof::DEFAULT_DPI,
          value_parser = clap::value_parser!(u32).range(20..=300))]
    pub dpi: u32,

    /// An earlier PDF of the edition (the approved one): show what changed.
    #[arg(long, value_name = "OLD.pdf")]
    pub against: Option<PathBuf>,

    /// Another language: each spread beside its pages of the same content.
    #[arg(long, value_name = "LANG")]
    pub beside: Option<String>,
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

    #[command(flatten)]
    pub folders: Folders,

    #[command(flatten)]
    pub languages: LangArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The country id to build (a file stem in DATA/countries, e.g. `usa`).
    #[arg(value_name = "COUNTRY")]
    pub country: String,

    #[command(flatten)]
    pub folders: Folders,

    #[command(flatten)]
    pub languages: LangArgs,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

/// Where content is read from and PDFs are written to.
#[derive(Debug, clap::Args)]
pub struct Folders {
    /// The data folder to read.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,

    /// The folder to write PDFs into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

/// What the PDFs are for.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// What the PDFs are for: `screen` (tagged and accessible,
    /// OUT/COUNTRY-LANG.pdf) or `print` (PDF/X-4 for a commercial printer,
    /// OUT/COUNTRY-LANG-print.pdf).
    #[arg(long, value_enum, default_value_t = ProfileArg::Screen)]
    pub profile: ProfileArg,

    /// With `--profile print`, also write printer spreads imposed for a
    /// saddle-stitched booklet (OUT/COUNTRY-LANG-print-saddle.pdf).
    #[arg(long, value_enum, value_name = "STYLE")]
    pub impose: Option<ImposeArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Reading on screen and on the web.
    Screen,
    /// A commercial printer.
    Print,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImposeArg {
    /// Two pages per side, in saddle-stitch order.
    Saddle,
}

/// Which languages to build or check, and how strictly.
#[derive(Debug, clap::Args)]
pub struct LangArgs {
    /// Languages: a tag such as `fr`, several (`fr,de`), `all` for every
    /// language in the data folder, or `pseudo` for a pseudo-localised
    /// edition (accented, longer, bracketed strings).
    #[arg(long, value_name = "LANG", value_delimiter = ',', default_value = "en")]
    pub lang: Vec<String>,

    /// Fail an edition when any string has no current translation, instead
    /// of printing the English with a warning, or when its content still has
    /// a TODO, instead of marking it DRAFT.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The country: its id (`czech-republic`) or its name in the dataset.
    #[arg(value_name = "COUNTRY")]
    pub country: String,

    /// The data folder to read and write the file into.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Country ids to check; all countries if none is given.
    #[arg(value_name = "COUNTRY")]
    pub countries: Vec<String>,

    /// The data folder to read.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,

    #[command(flatten)]
    pub languages: LangArgs,
}

#[derive(Debug, clap::Args)]
pub struct I18nArgs {
    #[command(subcommand)]
    pub command: I18nCommand,

    /// The data folder to read (and, for import, to write translations into).
    #[arg(long, global = true, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// List every untranslated and out-of-date string of each edition
    ///
    /// For each country in each language (every language but English if
    /// none is given): each string printed in English for want of a
    /// translation, and each translation whose English has changed since,
    /// with file and line; then how many strings are translated.
    Status {
        /// Languages to report on (`fr`, `fr,de`); all if not given.
        #[arg(long, value_name = "LANG", value_delimiter = ',')]
        lang: Vec<String>,
    },
    /// Write a language's strings to a PO file for translation tools
    ///
    /// Every string of every content and locale file, with its translation
    /// if there is one (marked fuzzy if its English has changed), where it
    /// is printed and what it must keep. Works for a language with no
    /// translations yet: that is how a translation starts.
    Export {
        /// The language to export, e.g. `fr`.
        #[arg(long, value_name = "LANG")]
        lang: String,
        /// The file to write.
        #[arg(long, short, value_name = "FILE", default_value = "LANG.po")]
        output: PathBuf,
    },
    /// Write the translations of a PO file into the translation files
    ///
    /// Takes every translated entry that is not fuzzy, after checking that
    /// it keeps its English's note references, page references and
    /// placeholders; writes nothing if any entry is wrong.
    Import {
        /// The PO file, as `folio i18n export` wrote it and a translation
        /// tool filled it in.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// What to do, checked for consistency; nothing has been read or written
/// yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Whether diagnostics on stderr are coloured.
    pub color: bool,
    /// Where to look for fonts Folio does not bundle, besides the data
    /// folder's `fonts/`.
    pub fonts: FontSources,
    pub task: Task,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    Build(BuildConfig),
    /// Build one country's editions, then again after each change.
    Watch(BuildConfig),
    Check(CheckConfig),
    New(NewConfig),
    I18n(I18nTask),
    /// `folio fonts`, for this data folder.
    Fonts(PathBuf),
    Proof(ProofConfig),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofConfig {
    pub data: PathBuf,
    pub out: PathBuf,
    pub country: String,
    pub lang: String,
    pub profile: Profile,
    pub dpi: u32,
    pub against: Option<PathBuf>,
    pub beside: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildConfig {
    pub data: PathBuf,
    pub out: PathBuf,
    pub targets: Targets,
    pub langs: Langs,
    pub strict: bool,
    pub profile: Profile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    pub data: PathBuf,
    pub targets: Targets,
    pub langs: Langs,
    pub strict: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConfig {
    pub data: PathBuf,
    pub country: String,
}

/// Which languages to work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Langs {
    /// Every language of the data folder, English included.
    All,
    /// These, in the order given, each once.
    These(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum I18nTask {
    Status {
        data: PathBuf,
        /// `None`: every language but English.
        langs: Option<Vec<String>>,
    },
    Export {
        data: PathBuf,
        lang: String,
        output: PathBuf,
    },
    Import {
        data: PathBuf,
        file: PathBuf,
    },
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
        if let Some(bad) = cli.fonts.iter().find(|dir| !dir.is_dir()) {
            return Err(usage(format!(
                "--fonts {}: not a folder of font files",
                bad.display()
            )));
        }
        let fonts = FontSources {
            folders: cli.fonts,
            system: !cli.no_system_fonts,
        };
        let task = match cli.command {
            Command::Build(args) => {
                // clap's group already demands countries or --all, not both.
                let targets = if args.all {
                    Targets::All
                } else {
                    targets(args.countries, "build")?
                };
                Task::Build(build_config(
                    targets,
                    args.folders,
                    args.languages,
                    &args.profile,
                )?)
            }
            Command::Watch(args) => {
                let targets = targets(vec![args.country], "watch")?;
                Task::Watch(build_config(
                    targets,
                    args.folders,
                    args.languages,
                    &args.profile,
                )?)
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
                    langs: langs(args.languages.lang)?,
                    strict: args.languages.strict,
                })
            }
            Command::New(args) => {
                if args.country.trim().is_empty() {
                    return Err(usage(format!(
                        "`folio new`: {:?} is not a country",
                        args.country
                    )));
                }
                check_data_dir(&args.data)?;
                Task::New(NewConfig {
                    data: args.data,
                    country: args.country,
                })
            }
            Command::I18n(args) => {
                check_data_dir(&args.data)?;
                let data = args.data;
                Task::I18n(match args.command {
                    I18nCommand::Status { lang } => I18nTask::Status {
                        data,
                        langs: match langs(lang)? {
                            Langs::These(langs) if !langs.is_empty() => Some(langs),
                            _ => None,
                        },
                    },
                    I18nCommand::Export { lang, output } => {
                        if lang.trim().is_empty() || lang == "all" {
                            return Err(usage(format!(
                                "`folio i18n export --lang {lang}`: name one language, e.g. fr"
                            )));
                        }
                        let output = if output == Path::new("LANG.po") {
                            PathBuf::from(format!("{lang}.po"))
                        } else {
                            output
                        };
                        I18nTask::Export { data, lang, output }
                    }
                    I18nCommand::Import { file } => I18nTask::Import { data, file },
                })
            }
            Command::Fonts { data } => {
                check_data_dir(&data)?;
                Task::Fonts(data)
            }
            Command::Proof(args) => Task::Proof(proof_config(args)?),
        };
        Ok(Config { color, fonts, task })
    }
}

/// What `build` and `watch` do, checked.
fn build_config(
    targets: Targets,
    folders: Folders,
    languages: LangArgs,
    profile: &ProfileArgs,
) -> Result<BuildConfig, clap::Error> {
    check_data_dir(&folders.data)?;
    if folders.out.exists() && !folders.out.is_dir() {
        return Err(usage(format!(
            "--out {}: not a folder (PDFs are written into it)",
            folders.out.display()
        )));
    }
    let profile = match (profile.profile, profile.impose) {
        (ProfileArg::Screen, None) => Profile::Screen,
        (ProfileArg::Screen, Some(_)) => {
            return Err(usage(
                "--impose makes printer spreads: add --profile print".into(),
            ));
        }
        (ProfileArg::Print, impose) => Profile::Print {
            saddle_spreads: impose == Some(ImposeArg::Saddle),
        },
    };
    Ok(BuildConfig {
        data: folders.data,
        out: folders.out,
        targets,
        langs: langs(languages.lang)?,
        strict: languages.strict,
        profile,
    })
}

/// What `proof` does, checked.
fn proof_config(args: ProofArgs) -> Result<ProofConfig, clap::Error> {
    let lang = args.lang;
    if lang.trim().is_empty() || lang.contains(',') || lang == "all" {
        return Err(usage(format!(
            "--lang {lang:?}: `folio proof` proofs one edition, in one language"
        )));
    }
    if let Some(other) = &args.beside
        && (other.trim().is_empty() || *other == lang)
    {
        return Err(usage(format!(
            "--beside {other:?}: name a language other than the edition's ({lang})"
        )));
    }
    let profile = ProfileArgs {
        profile: args.profile,
        impose: None,
    };
    let languages = LangArgs {
        lang: vec![lang.clone()],
        strict: false,
    };
    let targets = targets(vec![args.country.clone()], "proof")?;
    let build = build_config(targets, args.folders, languages, &profile)?;
    Ok(ProofConfig {
        data: build.data,
        out: build.out,
        country: args.country,
        lang,
        profile: build.profile,
        dpi: args.dpi,
        against: args.against,
        beside: args.beside,
    })
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

/// The languages named, each once; `all` alone means every language.
fn langs(langs: Vec<String>) -> Result<Langs, clap::Error> {
    if let Some(bad) = langs.iter().find(|l| l.trim().is_empty()) {
        return Err(usage(format!("--lang {bad:?}: not a language tag")));
    }
    if langs.iter().any(|l| l == "all") {
        return if langs.len() == 1 {
            Ok(Langs::All)
        } else {
            Err(usage("--lang all already means every language".to_owned()))
        };
    }
    let mut seen = HashSet::new();
    Ok(Langs::These(
        langs
            .into_iter()
            .filter(|l| seen.insert(l.clone()))
            .collect(),
    ))
}

fn check_data_dir(data: &Path) -> Result<(), clap::Error> {
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
                fonts: FontSources {
                    folders: vec![],
                    system: true,
                },
                task: Task::Build(BuildConfig {
                    data: data.into(),
                    out: "out".into(),
                    targets: Targets::Countries(vec!["usa".into(), "fra".into()]),
                    langs: Langs::These(vec!["en".into()]),
                    strict: false,
                    profile: Profile::Screen,
                }),
            }
        );
    }

    #[test]
    fn print_profile_and_imposition() {
        let data = data_dir();
        let profile = |args: &[&str]| match parse(args).map(|c| c.task) {
            Ok(Task::Build(config)) => Ok(config.profile),
            Ok(task) => panic!("{task:?}"),
            Err(err) => Err(err.exit_code()),
        };
        let build = ["folio", "build", "usa", "--data", &data];
        let with = |more: &[&'static str]| [&build[..], more].concat();
        assert_eq!(
            profile(&with(&["--profile", "print"])),
            Ok(Profile::Print {
                saddle_spreads: false
            })
        );
        assert_eq!(
            profile(&with(&["--profile", "print", "--impose", "saddle"])),
            Ok(Profile::Print {
                saddle_spreads: true
            })
        );
        assert_eq!(
            profile(&with(&["--profile", "screen"])),
            Ok(Profile::Screen)
        );
        assert_eq!(profile(&with(&["--impose", "saddle"])), Err(2));
        assert_eq!(profile(&with(&["--profile", "paper"])), Err(2));
    }

    #[test]
    fn watch_takes_one_country_and_the_options_of_build() {
        let data = data_dir();
        let config = parse(&[
            "folio",
            "watch",
            "usa",
            "--data",
            &data,
            "--out",
            "pdfs",
            "--lang",
            "fr,de",
            "--profile",
            "print",
            "--strict",
        ])
        .unwrap();
        assert_eq!(
            config.task,
            Task::Watch(BuildConfig {
                data: data.clone().into(),
                out: "pdfs".into(),
                targets: Targets::Countries(vec!["usa".into()]),
                langs: Langs::These(vec!["fr".into(), "de".into()]),
                strict: true,
                profile: Profile::Print {
                    saddle_spreads: false
                },
            })
        );
        for args in [
            &["folio", "watch", "--data", &data][..],
            &["folio", "watch", "usa", "fra", "--data", &data],
            &["folio", "watch", "usa", "--all", "--data", &data],
            &[
                "folio", "watch", "usa", "--impose", "saddle", "--data", &data,
            ],
            &["folio", "watch", "usa", "--data", "/no/such/folio/data"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
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
                targets: Targets::All,
                langs: Langs::These(vec!["en".into()]),
                strict: false,
            })
        );
    }

    #[test]
    fn languages_are_listed_once_or_all() {
        let data = data_dir();
        let build = |langs: &str| {
            parse(&["folio", "build", "usa", "--data", &data, "--lang", langs]).map(|config| {
                match config.task {
                    Task::Build(build) => build.langs,
                    other => panic!("{other:?}"),
                }
            })
        };
        assert_eq!(
            build("fr,de,fr").unwrap(),
            Langs::These(vec!["fr".into(), "de".into()])
        );
        assert_eq!(build("all").unwrap(), Langs::All);
        assert_eq!(build("all,fr").unwrap_err().exit_code(), 2);
        assert_eq!(build(",").unwrap_err().exit_code(), 2);
    }

    #[test]
    fn i18n_export_names_its_file_after_the_language() {
        let data = data_dir();
        let config = parse(&["folio", "i18n", "export", "--lang", "fr", "--data", &data]).unwrap();
        assert_eq!(
            config.task,
            Task::I18n(I18nTask::Export {
                data: data.clone().into(),
                lang: "fr".into(),
                output: "fr.po".into(),
            })
        );
        let status = parse(&["folio", "i18n", "status", "--data", &data]).unwrap();
        assert_eq!(
            status.task,
            Task::I18n(I18nTask::Status {
                data: data.into(),
                langs: None
            })
        );
    }

    #[test]
    fn new_takes_one_country() {
        let data = data_dir();
        let config = parse(&["folio", "new", "Czech Republic", "--data", &data]).unwrap();
        assert_eq!(
            config.task,
            Task::New(NewConfig {
                data: data.clone().into(),
                country: "Czech Republic".into(),
            })
        );
        assert_eq!(
            parse(&["folio", "new", "--data", &data])
                .unwrap_err()
                .exit_code(),
            2
        );
        assert_eq!(
            parse(&["folio", "new", " ", "--data", &data])
                .unwrap_err()
                .exit_code(),
            2
        );
        assert_eq!(
            parse(&["folio", "new", "a", "b"]).unwrap_err().exit_code(),
            2
        );
    }

    #[test]
    fn proof_takes_one_edition_and_another_language_beside_it() {
        let data = data_dir();
        let proof = |more: &[&str]| {
            let args = [&["folio", "proof", "usa", "--data", &data][..], more].concat();
            parse(&args).map(|config| config.task)
        };
        assert_eq!(
            proof(&["--lang", "fr", "--beside", "en", "--profile", "print"]).unwrap(),
            Task::Proof(ProofConfig {
                data: data.clone().into(),
                out: "out".into(),
                country: "usa".into(),
                lang: "fr".into(),
                profile: Profile::Print {
                    saddle_spreads: false
                },
                dpi: folio::proof::DEFAULT_DPI,
                against: None,
                beside: Some("en".into()),
            })
        );
        for bad in [
            &["--beside", "en"][..],
            &["--lang", "fr,de"],
            &["--lang", "all"],
            &["--dpi", "1000"],
            &["--dpi", "5"],
        ] {
            assert_eq!(proof(bad).unwrap_err().exit_code(), 2, "{bad:?}");
        }
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
