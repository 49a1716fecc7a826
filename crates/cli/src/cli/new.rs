//! `folio new`: writes the file that starts a country's booklet.

use std::io::Write;
use std::process::ExitCode;

use folio::NewCountryError;

use super::args::NewConfig;
use super::report::Reporter;

/// Writes the new file and prints its path, or says why not: 2 for a
/// country the dataset lacks or that has a file already (usage errors), 1
/// for errors in the content it is made from or in writing it.
pub fn run(config: &NewConfig, reporter: &Reporter) -> ExitCode {
    let new = match folio::new_country(&config.data, &config.country) {
        Ok(new) => new,
        Err(NewCountryError::Content(errors)) => {
            reporter.diagnostics(&errors);
            return reporter.exit_code();
        }
        Err(NewCountryError::Refused(errors)) => {
            reporter.diagnostics(&errors);
            return ExitCode::from(2);
        }
    };
    if let Err(err) = new.write() {
        reporter.error(format_args!(
            "could not write {}: {err}",
            new.path.display()
        ));
        return reporter.exit_code();
    }
    // The path on stdout, for scripts and editors.
    let _ = writeln!(std::io::stdout().lock(), "{}", new.path.display());
    reporter.info(format_args!(
        "write {}'s text in place of each TODO; `folio check {}` lists those left",
        new.id, new.id
    ));
    ExitCode::SUCCESS
}
