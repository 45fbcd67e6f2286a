//! Which paths a batch's own wildcards already cover.
//!
//! A CloudFront wildcard is a prefix match: `/img/*` invalidates every path that begins with
//! `/img/`. A path it covers would only be billed again. Coverage is strict: `/dir/*` does not
//! cover `/dir/` itself (CloudFront advises invalidating a directory with and without the
//! slash), and a wildcard does not cover itself.

/// The wildcard prefixes of a batch, each with the line it came from.
pub struct Wildcards {
    /// Sorted and prefix-free: no prefix here begins with another one.
    prefixes: Vec<(String, usize)>,
}

impl Wildcards {
    /// From (prefix without the `*`, line) pairs.
    pub fn new(mut prefixes: Vec<(String, usize)>) -> Self {
        prefixes.sort();
        // In sorted order a prefix comes right before the prefixes that extend it, so keeping
        // only those not extending the last kept one leaves the shortest of each family.
        let mut minimal: Vec<(String, usize)> = Vec::with_capacity(prefixes.len());
        for (prefix, line) in prefixes {
            match minimal.last() {
                Some((last, _)) if prefix.starts_with(last.as_str()) => {}
                _ => minimal.push((prefix, line)),
            }
        }
        Self { prefixes: minimal }
    }

    /// The wildcard (prefix and line) that covers `key`: a path, or a wildcard's prefix.
    ///
    /// In a sorted prefix-free set, the only candidate is the greatest prefix not after `key`:
    /// any prefix between it and `key` would either extend it (not prefix-free) or sort after
    /// `key`.
    pub fn covering(&self, key: &str) -> Option<(&str, usize)> {
        let at = self.prefixes.partition_point(|(p, _)| p.as_str() <= key);
        let (prefix, line) = self.prefixes.get(at.checked_sub(1)?)?;
        (key.len() > prefix.len() && key.starts_with(prefix.as_str())).then_some((prefix, *line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(prefixes: &[&str]) -> Wildcards {
        Wildcards::new(
            prefixes
                .iter()
                .enumerate()
                .map(|(i, p)| (p.to_string(), i + 1))
                .collect(),
        )
    }

    #[test]
    fn a_prefix_covers_longer_paths_only() {
        let w = set(&["/img/"]);
        assert_eq!(w.covering("/img/a.png"), Some(("/img/", 1)));
        assert_eq!(w.covering("/img/"), None, "/img/* does not cover /img/");
        assert_eq!(w.covering("/img"), None);
        assert_eq!(w.covering("/IMG/a.png"), None, "paths are case-sensitive");
        assert_eq!(w.covering("/images/a.png"), None);
    }

    #[test]
    fn the_shortest_wildcard_is_named() {
        let w = set(&["/img/a/", "/img/", "/js/"]);
        assert_eq!(w.covering("/img/a/b.png"), Some(("/img/", 2)));
        assert_eq!(
            w.covering("/img/a/"),
            Some(("/img/", 2)),
            "a narrower wildcard is covered"
        );
        assert_eq!(w.covering("/js/app.js"), Some(("/js/", 3)));
        assert_eq!(w.covering("/css/site.css"), None);
    }

    #[test]
    fn a_prefix_without_a_slash_matches_any_continuation() {
        let w = set(&["/img"]);
        assert_eq!(w.covering("/imgs/a.png"), Some(("/img", 1)));
        assert_eq!(w.covering("/img.png"), Some(("/img", 1)));
        assert_eq!(
            w.covering("/images/a.png"),
            None,
            "/ima… does not begin with /img"
        );
        assert_eq!(w.covering("/img"), None);
    }

    #[test]
    fn the_root_wildcard_covers_everything_but_the_root() {
        let w = set(&["/", "/img/"]);
        assert_eq!(w.covering("/img/"), Some(("/", 1)));
        assert_eq!(w.covering("/"), None);
    }

    #[test]
    fn unrelated_prefixes_between_do_not_hide_a_cover() {
        let w = set(&["/a", "/a/b", "/a0"]);
        // "/a0" sorts between "/a/..." and "/ab": the cover of "/ab" is still "/a".
        assert_eq!(w.covering("/ab"), Some(("/a", 1)));
        assert_eq!(w.covering("/a0x"), Some(("/a", 1)));
    }
}
