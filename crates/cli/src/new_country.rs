//! Starting a country's file (`folio new`): the file the model's
//! [`CountryTemplate`] makes, named after the country's id and written
//! only where no file is.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use folio_model::CountryTemplate;

use crate::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::suggest::closest;

/// A new country file, not yet written.
#[derive(Debug, Clone)]
pub struct NewCountry {
    /// The country's id, its file's stem: the dataset's name in lower case
    /// with words joined by hyphens (`czech-republic`).
    pub id: String,
    /// `DATA/countries/<id>.toml`.
    pub path: PathBuf,
    /// The file's content.
    pub text: String,
}

/// Why [`new_country`] made no file.
#[derive(Debug)]
pub enum NewCountryError {
    /// `campaign.toml` or `dataset.toml` has errors, which the file would
    /// be made from.
    Content(Diagnostics),
    /// The country is not in the dataset, or already has a file: nothing is
    /// wrong with the content, the request is (a usage error).
    Refused(Diagnostics),
}

/// The file that starts the booklet of `country`, a country of
/// `data_dir`'s dataset named by its id (`czech-republic`) or by its name
/// (`Czech Republic`, in any case). Refused when the country has a file
/// already.
pub fn new_country(data_dir: &Path, country: &str) -> Result<NewCountry, NewCountryError> {
    let template = CountryTemplate::load(data_dir)
        .map_err(|errors| NewCountryError::Content(Diagnostics(errors)))?;
    let wanted = id_of(country);
    let Some(name) = template.countries().find(|name| id_of(name) == wanted) else {
        let ids: Vec<String> = template.countries().map(id_of).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let closest = closest(country, &ids, 3).join(", ");
        return Err(NewCountryError::Refused(Diagnostics(vec![
            Diagnostic::file_error(
                data_dir.join("dataset.toml"),
                format!("no country \"{country}\" in the dataset"),
            )
            .with_hint(format!(
                "the closest are {closest}; a country is added to dataset.toml first, \
                 with its category and rank"
            )),
        ])));
    };
    let id = id_of(name);
    let path = data_dir.join("countries").join(format!("{id}.toml"));
    if path.symlink_metadata().is_ok() {
        return Err(NewCountryError::Refused(Diagnostics(vec![
            Diagnostic::file_error(&path, format!("{name} has a file already"))
                .with_hint("`folio new` starts a file and never overwrites one: edit this one, or move it away to start again"),
        ])));
    }
    Ok(NewCountry {
        text: template.file(name),
        id,
        path,
    })
}

impl NewCountry {
    /// Writes the file, never over one that exists (not even one made
    /// since [`new_country`] looked); nothing is left of a failed write.
    pub fn write(&self) -> io::Result<()> {
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder)?;
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&self.path)?;
        file.write_all(self.text.as_bytes())
            .and_then(|()| file.sync_all())
            .inspect_err(|_| {
                let _ = fs::remove_file(&self.path);
            })
    }
}

/// The id of a country named `name`: lower case, every run of other
/// characters than letters and digits one hyphen (`South Korea` →
/// `south-korea`, `USA` → `usa`).
fn id_of(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(id_of("USA"), "usa");
        assert_eq!(id_of("Czech Republic"), "czech-republic");
        assert_eq!(id_of("  Côte d'Ivoire "), "côte-d-ivoire");
        assert_eq!(id_of("south-korea"), "south-korea");
    }
}
