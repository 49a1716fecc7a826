//! Document metadata and page labels.
//!
//! Nothing here may vary between runs (no date, no random id): the same
//! booklet must give the same bytes. krilla derives the file's /ID from its
//! content.

use std::num::NonZeroU32;

use folio_layout::frame::Metadata;
use krilla::metadata;
use krilla::page::{NumberingStyle, PageLabel};

/// The document information and XMP metadata; empty fields are left out.
pub(crate) fn metadata(meta: &Metadata) -> metadata::Metadata {
    let keywords = meta
        .keywords
        .iter()
        .filter(|k| !k.is_empty())
        .cloned()
        .collect();
    let mut metadata = metadata::Metadata::new()
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .keywords(keywords);
    if !meta.author.is_empty() {
        metadata = metadata.authors(vec![meta.author.clone()]);
    }
    if !meta.lang.is_empty() {
        metadata = metadata.language(meta.lang.clone());
    }
    metadata
}

/// The label a viewer shows for a page whose printed number is `label`, so
/// "go to page 12" finds the page printed 12. A decimal number becomes an
/// arabic-numeral label with that value; any other label is shown as it is;
/// an empty one (the cover) is left empty.
pub(crate) fn page_label(label: &str) -> PageLabel {
    let number = label
        .parse::<u32>()
        .ok()
        // Only the number's own spelling: "007" or "+7" would show as "7".
        .filter(|n| n.to_string() == label)
        .and_then(NonZeroU32::new);
    match number {
        Some(number) => PageLabel::new(Some(NumberingStyle::Arabic), None, Some(number)),
        None if label.is_empty() => PageLabel::default(),
        None => PageLabel::new(None, Some(label.to_string()), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arabic(n: u32) -> PageLabel {
        PageLabel::new(Some(NumberingStyle::Arabic), None, NonZeroU32::new(n))
    }

    fn literal(label: &str) -> PageLabel {
        PageLabel::new(None, Some(label.to_string()), None)
    }

    #[test]
    fn decimal_labels_count_in_arabic_numerals() {
        assert_eq!(page_label("1"), arabic(1));
        assert_eq!(page_label("16"), arabic(16));
    }

    #[test]
    fn other_labels_show_as_they_are() {
        assert_eq!(page_label(""), PageLabel::default());
        assert_eq!(page_label("iv"), literal("iv"));
        assert_eq!(page_label("007"), literal("007"));
        assert_eq!(page_label("0"), literal("0"));
        assert_eq!(page_label("A-3"), literal("A-3"));
    }
}
