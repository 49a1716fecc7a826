//! What layout needs to know about a document's language (a BCP 47 tag
//! such as `en`, `ar`, `ur`, `zh-Hant`, `az-Arab`): its writing direction
//! and its hyphenation patterns.

/// Scripts written right to left (ISO 15924 codes).
const RTL_SCRIPTS: [&str; 8] = [
    "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand",
];

/// Languages written right to left when the tag names no script: Arabic,
/// Hebrew, Persian, Urdu, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Central
/// Kurdish, Syriac, N'Ko.
const RTL_LANGUAGES: [&str; 12] = [
    "ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "nqo",
];

/// The primary language subtag, lowercased (`zh-Hant` → `zh`).
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The script subtag, if the tag has one (`az-Arab` → `Arab`).
fn script(tag: &str) -> Option<&str> {
    tag.split(['-', '_'])
        .skip(1)
        .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Whether text in `tag` is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    match script(tag) {
        Some(script) => RTL_SCRIPTS
            .iter()
            .any(|rtl| rtl.eq_ignore_ascii_case(script)),
        None => RTL_LANGUAGES.contains(&primary(tag).as_str()),
    }
}

/// The hyphenation patterns for `tag`, if `hypher` has them (none for
/// Arabic, Thai, Chinese, Japanese …, which are not hyphenated).
pub fn hyphenation(tag: &str) -> Option<hypher::Lang> {
    let primary = primary(tag);
    let code: [u8; 2] = match primary.as_str() {
        // Norwegian Bokmål and Nynorsk share hypher's Norwegian patterns.
        "nb" | "nn" => *b"no",
        code => code.as_bytes().try_into().ok()?,
    };
    hypher::Lang::from_iso(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_language_or_script() {
        assert!(is_rtl("ar"));
        assert!(is_rtl("ur-PK"));
        assert!(is_rtl("az-Arab"));
        assert!(!is_rtl("en"));
        assert!(!is_rtl("ku-Latn"));
        assert!(!is_rtl("th"));
    }

    #[test]
    fn hyphenation_where_patterns_exist() {
        assert_eq!(hyphenation("en-US"), Some(hypher::Lang::English));
        assert_eq!(hyphenation("ru"), Some(hypher::Lang::Russian));
        assert_eq!(hyphenation("el"), Some(hypher::Lang::Greek));
        assert_eq!(hyphenation("ar"), None);
        assert_eq!(hyphenation("th"), None);
        assert_eq!(hyphenation("ja"), None);
    }
}
