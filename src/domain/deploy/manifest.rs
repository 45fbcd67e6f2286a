//! A build folder as edgepurge records it after a deploy: each file (named from the folder)
//! and a hash of its content. The next build compared with it gives what changed, without git
//! or S3.

use std::collections::BTreeMap;

use super::{Name, Read};

/// File name → content hash (hex).
pub type Manifest = BTreeMap<String, String>;

/// What changed from `before` to `now`: files added or whose content differs, and files gone
/// (purged too: an edge may still serve them).
pub fn compare(before: &Manifest, now: &Manifest) -> Read {
    let mut read = Read::default();
    for (name, hash) in now {
        if before.get(name) != Some(hash) {
            read.change(Name::Relative(name.clone()), false);
        }
    }
    for name in before.keys().filter(|n| !now.contains_key(*n)) {
        read.change(Name::Relative(name.clone()), true);
    }
    read.lines_read = read.changed.len();
    read
}

/// Every file of a first deploy, when nothing was recorded before.
pub fn everything(now: &Manifest) -> Read {
    compare(&Manifest::new(), now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(pairs: &[(&str, &str)]) -> Manifest {
        pairs
            .iter()
            .map(|(n, h)| (n.to_string(), h.to_string()))
            .collect()
    }

    #[test]
    fn added_changed_and_removed_files_are_found() {
        let before = manifest(&[("a.html", "1"), ("b.css", "2"), ("gone.js", "3")]);
        let now = manifest(&[("a.html", "1"), ("b.css", "9"), ("new.png", "4")]);
        let read = compare(&before, &now);
        let got: Vec<(Name, bool)> = read
            .changed
            .into_iter()
            .map(|c| (c.name, c.deleted))
            .collect();
        assert_eq!(
            got,
            vec![
                (Name::Relative("b.css".into()), false),
                (Name::Relative("new.png".into()), false),
                (Name::Relative("gone.js".into()), true),
            ]
        );
        assert_eq!(everything(&now).changed.len(), 3);
    }
}
