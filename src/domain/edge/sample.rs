//! Which URLs to ask after a purge: each path of the invalidation, up to a sample size.
//!
//! A wildcard names no URL of its own: the known objects under it are asked instead (a
//! CloudFront wildcard is a prefix match at any character: `/img/a*` covers `/img/a.png` and
//! `/img/ab/c`, Developer Guide "Specifying the objects to invalidate"). A cache tag names
//! objects only the origin knows: it cannot be checked from outside.

/// One item of the invalidation, as it will be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Ask this path (for a wildcard, a known object under it).
    Ask { path: String, item: String },
    /// Not asked, and why.
    NotCheckable { item: String, reason: String },
}

/// What to ask, what cannot be, and how many paths the sample size left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SamplePlan {
    pub checks: Vec<Check>,
    pub left_out: usize,
}

impl SamplePlan {
    /// The paths to ask, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.checks.iter().filter_map(|c| match c {
            Check::Ask { path, .. } => Some(path.as_str()),
            Check::NotCheckable { .. } => None,
        })
    }
}

/// The checks for an invalidation's `items`, asking at most `sample` paths. `known` are
/// object paths known to exist (for wildcards; empty when none are known).
pub fn plan(items: &[String], known: &[String], sample: usize) -> SamplePlan {
    let mut out = SamplePlan::default();
    let mut asked = 0;
    let mut ask = |out: &mut SamplePlan, path: &str, item: &str| {
        if asked < sample {
            asked += 1;
            out.checks.push(Check::Ask {
                path: path.to_string(),
                item: item.to_string(),
            });
        } else {
            out.left_out += 1;
        }
    };
    for item in items {
        if item.starts_with('#') {
            out.checks.push(Check::NotCheckable {
                item: item.clone(),
                reason: "a cache tag names no URL: the objects carrying it are known only to \
                         the origin"
                    .into(),
            });
        } else if let Some(prefix) = item.strip_suffix('*') {
            let under: Vec<&String> = known
                .iter()
                .filter(|k| k.starts_with(prefix) && !k.ends_with('*') && !k.starts_with('#'))
                .collect();
            if under.is_empty() {
                out.checks.push(Check::NotCheckable {
                    item: item.clone(),
                    reason: "a wildcard, and no object under it is known".into(),
                });
            }
            for path in under {
                ask(&mut out, path, item);
            }
        } else {
            ask(&mut out, item, item);
        }
    }
    out
}
