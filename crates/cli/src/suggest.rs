//! Suggestions for mistyped names ("did you mean …?").

/// The known name closest to a mistyped one, if one is close enough to be a
/// likely typo (same name in another case, or at most a third of it wrong).
pub(crate) fn suggest<'a>(wrong: &str, known: &[&'a str]) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    known
        .iter()
        .map(|&name| (edit_distance(&wrong, &name.to_lowercase()), name))
        .filter(|&(distance, name)| distance <= name.chars().count().max(3) / 3)
        .min()
        .map(|(_, name)| name)
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
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("uas", "usa"), 1);
    }
}
