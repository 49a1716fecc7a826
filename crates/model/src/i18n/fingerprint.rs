//! Fingerprints of English strings, kept with each translation so that a
//! change to the English shows the translation stale.

use sha2::{Digest, Sha256};

/// 16 hexadecimal digits identifying `text`. Runs of white space count as
/// one space: re-wrapping a paragraph in its file changes nothing a reader
/// sees, and must not make its translations stale.
pub fn fingerprint(text: &str) -> String {
    let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = Sha256::digest(normalised.as_bytes());
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable_and_ignores_wrapping() {
        assert_eq!(fingerprint("hello world"), "b94d27b9934d3e08");
        assert_eq!(fingerprint(" hello\n  world "), fingerprint("hello world"));
        assert_ne!(fingerprint("hello world."), fingerprint("hello world"));
    }
}
