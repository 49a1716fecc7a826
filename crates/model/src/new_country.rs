//! The country file `folio new` starts a booklet with: every field a
//! country file needs, TODO in each text and rating (see [`crate::todo`]),
//! the campaign's goals and indicators named in comments by their titles,
//! and comments that say what each field is for.
//!
//! It is made from `campaign.toml` and `dataset.toml` alone, so that a
//! country can be started while another country's file is half edited.
//! The fixed part is `new_country.toml`, written as the file it produces;
//! only the goals and indicators, which come from the campaign, are
//! generated.

use std::path::Path;

use crate::compose::letter;
use crate::content::Campaign;
use crate::diag::{self, Diagnostic};
use crate::i18n::quoted;
use crate::todo::TODO;
use crate::{load, validate};

const TEMPLATE: &str = include_str!("new_country.toml");

/// What new country files are made from: the campaign's goals and
/// indicators, and the countries of the dataset.
#[derive(Debug)]
pub struct CountryTemplate {
    campaign: Campaign,
    /// The dataset's country names, in file order.
    countries: Vec<String>,
}

impl CountryTemplate {
    /// Reads and checks `campaign.toml` and `dataset.toml` of `data_dir`;
    /// fails with their errors.
    pub fn load(data_dir: &Path) -> Result<CountryTemplate, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let campaign = load::parse::<Campaign>(data_dir, "campaign.toml", &mut diagnostics);
        let dataset = load::dataset(data_dir, &mut diagnostics);
        if let Some(campaign) = &campaign {
            validate::campaign(campaign, &mut diagnostics);
        }
        match (campaign, dataset) {
            (Some(campaign), Some(dataset)) if !diag::has_errors(&diagnostics) => {
                Ok(CountryTemplate {
                    campaign: campaign.content,
                    countries: dataset.names.into_iter().map(|n| n.into_inner()).collect(),
                })
            }
            _ => Err(diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect()),
        }
    }

    /// The names of the dataset's countries, in its order.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.countries.iter().map(String::as_str)
    }

    /// The text of a new country file for the country the dataset calls
    /// `name`.
    pub fn file(&self, name: &str) -> String {
        let goals = self.campaign.goals.get_ref();
        let mut goal_tables = String::new();
        let mut assessments = String::new();
        for (position, goal) in goals.iter().enumerate() {
            goal_tables.push_str(&format!(
                "\n# {}. {}\n[goals.{}]\nparagraphs = [\n  \"{TODO}\",\n]\n\
                 call-to-action = [\n  \"{TODO}\",\n]\n",
                letter(position),
                one_line(goal.title.get_ref()),
                key(goal.id.get_ref()),
            ));
            for indicator in goal.indicators.get_ref() {
                let id = indicator.id.get_ref();
                assessments.push_str(&format!(
                    "\n# {id}. {}\n[assessments.{}]\nrating = \"{TODO}\"\ntext = \"{TODO}\"\n",
                    one_line(indicator.title.get_ref()),
                    key(id),
                ));
            }
        }
        let indicators: usize = goals.iter().map(|g| g.indicators.get_ref().len()).sum();
        TEMPLATE
            .replace("@NAME_QUOTED@", &quoted(name))
            .replace("@NAME@", &one_line(name))
            .replace("@GOALS@", &goal_tables)
            .replace("@INDICATORS@", &indicators.to_string())
            .replace("@ASSESSMENTS@", &assessments)
    }
}

/// A TOML key for `id`: bare when TOML allows it, quoted otherwise.
fn key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { id.to_owned() } else { quoted(id) }
}

/// `text` on one line, for a comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Country;
    use crate::load::files::SourceFile;

    fn template() -> CountryTemplate {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        CountryTemplate::load(&data).expect("the shipped campaign and dataset load")
    }

    #[test]
    fn a_new_file_has_every_goal_and_indicator_of_the_campaign() {
        let template = template();
        let name = template.countries().nth(1).unwrap().to_owned();
        let text = template.file(&name);
        let country = SourceFile {
            path: Path::new("countries/new.toml").into(),
            text: text.clone().into(),
        }
        .parse::<Country>()
        .unwrap();
        assert_eq!(country.content.name.get_ref(), &name);
        let goals = template.campaign.goals.get_ref();
        let goal_ids: Vec<&str> = goals.iter().map(|g| g.id.get_ref().as_str()).collect();
        let written: Vec<&str> = country
            .content
            .goals
            .get_ref()
            .keys()
            .map(|k| k.get_ref().as_str())
            .collect();
        assert_eq!(written.len(), goal_ids.len());
        assert!(goal_ids.iter().all(|id| written.contains(id)));
        for goal in goals {
            for indicator in goal.indicators.get_ref() {
                let id = indicator.id.get_ref();
                let comment = format!(
                    "# {id}. {}\n[assessments.\"{id}\"]",
                    indicator.title.get_ref()
                );
                assert!(text.contains(&comment), "{comment}");
            }
        }
    }

    #[test]
    fn keys_are_quoted_when_toml_needs_it() {
        assert_eq!(key("legal-framework"), "legal-framework");
        assert_eq!(key("1.1"), "\"1.1\"");
        assert_eq!(key("a b"), "\"a b\"");
    }

    #[test]
    fn a_name_with_quotes_stays_one_string() {
        let file = template().file("Côte \"d'Ivoire\"");
        assert!(
            file.contains("name = \"Côte \\\"d'Ivoire\\\"\"\n"),
            "{file}"
        );
    }
}
