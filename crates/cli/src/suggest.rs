//! Suggestions for mistyped names ("did you mean …?").

/// The known name closest to a mistyped one, if one is close enough to be a
/// likely typo (same name in another case, or at most a third of it wrong).
pub(crate) fn suggest<'a>(wrong: &str, known: &[&'a str]) -> Option<&'a str> {
    ranked(wrong, known)
        .into_iter()
        .find(|&(distance, name)| distance <= name.chars().count().max(3) / 3)
        .map(|(_, name)| name)
}

/// The `n` known names closest to `wrong`, closest first, however far:
/// for naming what there is when nothing is close.
pub(crate) fn closest<'a>(wrong: &str, known: &[&'a str], n: usize) -> Vec<&'a str> {
    ranked(wrong, known)
        .into_iter()
        .take(n)
        .map(|(_, name)| name)
        .collect()
}

/// `known` by edit distance from `wrong`, ignoring case, then by name.
fn ranked<'a>(wrong: &str, known: &[&'a str]) -> Vec<(usize, &'a str)> {
    let wrong = wrong.to_lowercase();
    let mut ranked: Vec<(usize, &str)> = known
        .iter()
        .map(|&name| (edit_distance(&wrong, &name.to_lowercase()), name))
        .collect();
    ranked.sort();
    ranked
}

/// Edit distance in characters, counting a swap of two neighbours as one
/// edit (optimal string alignment), since `uas` for `usa` is a typical typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["usa", "france", "germany"];
        assert_eq!(suggest("USA", &known), Some("usa"));
        assert_eq!(suggest("uas", &known), Some("usa"));
        assert_eq!(suggest("frnace", &known), Some("france"));
        assert_eq!(suggest("germny", &known), Some("germany"));
        assert_eq!(suggest("japan", &known), None);
        assert_eq!(suggest("", &known), None);
    }

    #[test]
    fn names_the_closest_however_far() {
        let known = ["usa", "france", "germany", "uk"];
        assert_eq!(closest("japan", &known, 2), ["usa", "france"]);
        assert_eq!(closest("gremany", &known, 1), ["germany"]);
        assert_eq!(closest("x", &known, 9).len(), known.len());
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("uas", "usa"), 1);
    }
}
