//! A target called by a name: a distribution's alias or domain name, a tenant's name or
//! domain, a Lightsail distribution's name or domain. Which of the account's targets it is,
//! or the candidates when it is none or several.

use super::distribution::{Distribution, LightsailDistribution, Tenant};
use super::target::{CloudFrontTarget, Target};

/// One of the account's targets and every name it answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedTarget {
    pub target: Target,
    /// What a person calls it, shown beside its id: a tenant's name, a distribution's first
    /// alias, a Lightsail distribution's first custom domain.
    pub label: Option<String>,
    /// Every name it is found by, besides its id.
    pub names: Vec<String>,
}

impl NamedTarget {
    pub fn distribution(d: &Distribution) -> Self {
        let mut names = d.aliases.clone();
        names.push(d.domain.clone());
        Self {
            target: Target::CloudFront(CloudFrontTarget::distribution(&d.id)),
            label: d.aliases.first().cloned(),
            names: non_empty(names),
        }
    }

    pub fn tenant(t: &Tenant) -> Self {
        let mut names = vec![t.name.clone()];
        names.extend(t.domains.iter().cloned());
        Self {
            target: Target::CloudFront(CloudFrontTarget::tenant(
                &t.id,
                Some(t.distribution_id.clone()),
            )),
            label: Some(t.name.clone()).filter(|n| !n.is_empty()),
            names: non_empty(names),
        }
    }

    pub fn lightsail(l: &LightsailDistribution) -> Self {
        let mut names = l.alternative_domains.clone();
        names.push(l.domain.clone());
        Self {
            target: Target::Lightsail {
                name: l.name.clone(),
            },
            label: l.alternative_domains.first().cloned(),
            names: non_empty(names),
        }
    }

    /// The id as the commands take it (`E…`, `tenant:ID`, `lightsail:NAME`) and its label:
    /// `E2QWRUHAPOMQZL (www.example.com)`.
    pub fn described(&self) -> String {
        described(&self.target, self.label.as_deref())
    }

    /// The bare id: a distribution's, a tenant's, a Lightsail distribution's name.
    fn id(&self) -> &str {
        match &self.target {
            Target::CloudFront(t) => t.id(),
            Target::Lightsail { name } => name,
        }
    }
}

/// A target and, when known, what a person calls it: `E2QWRUHAPOMQZL (www.example.com)`. The
/// label, from AWS, is kept on one line (shown escaped, as all such text is, when printed).
pub fn described(target: &Target, label: Option<&str>) -> String {
    match label {
        Some(label) => format!("{target} ({})", super::visible::line(label)),
        None => target.to_string(),
    }
}

fn non_empty(names: Vec<String>) -> Vec<String> {
    names.into_iter().filter(|n| !n.is_empty()).collect()
}

/// What a typed name turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(NamedTarget),
    /// No target answers to it; the suggestions are those whose names come close.
    Unknown {
        typed: String,
        suggestions: Vec<NamedTarget>,
    },
    /// Several targets answer to it: the user has to write one's id.
    Ambiguous {
        typed: String,
        candidates: Vec<NamedTarget>,
    },
}

/// At most this many suggestions for an unknown name: more would be a listing.
const SUGGESTIONS: usize = 8;

/// Which of `known` the user means by `typed`.
///
/// In order: a target written as the commands take it (`E…`, `tenant:ID`, `lightsail:NAME`),
/// then an id, a name or a domain ignoring case (a domain also as `https://host/` or with a
/// trailing dot), then a wildcard alias covering the domain (`*.example.com`): CloudFront
/// serves a domain by its exact alias before a wildcard one.
pub fn resolve(typed: &str, known: &[NamedTarget]) -> Resolution {
    let typed = typed.trim();
    if let Ok(target) = typed.parse::<Target>() {
        let found = known.iter().find(|k| k.target == target);
        return Resolution::Found(found.cloned().unwrap_or(NamedTarget {
            target,
            label: None,
            names: Vec::new(),
        }));
    }
    let host = host(typed);
    let exact: Vec<&NamedTarget> = known
        .iter()
        .filter(|k| k.id().eq_ignore_ascii_case(typed) || answers_to(k, host))
        .collect();
    let found = if exact.is_empty() {
        known.iter().filter(|k| covered(k, host)).collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Resolution::Found((*one).clone()),
        [] => Resolution::Unknown {
            typed: typed.to_string(),
            suggestions: suggestions(host, known),
        },
        many => Resolution::Ambiguous {
            typed: typed.to_string(),
            candidates: many.iter().map(|k| (*k).clone()).collect(),
        },
    }
}

/// Whether `text` could name a target: one word, not a path (`/…`, a URL with one), not a
/// cache tag (`#…`), not standard input (`-`). Purge tells its targets from its items by it.
pub fn looks_like_name(text: &str) -> bool {
    let text = text.trim();
    let host = host(text);
    !host.is_empty()
        && !text.starts_with(['/', '#', '-'])
        && !host.contains(|c: char| c.is_whitespace() || matches!(c, '/' | ':' | '?' | '#'))
}

/// The name a domain is written as in a URL or a DNS zone: `https://Shop.Example.com/` and
/// `shop.example.com.` are `shop.example.com`.
fn host(typed: &str) -> &str {
    let lower = typed.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find(|scheme| lower.starts_with(*scheme))
        .map_or(typed, |scheme| &typed[scheme.len()..]);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    rest.strip_suffix('.').unwrap_or(rest)
}

fn answers_to(known: &NamedTarget, host: &str) -> bool {
    known.names.iter().any(|n| n.eq_ignore_ascii_case(host))
}

/// A wildcard alias (`*.example.com`) covers one label in its place (`shop.example.com`).
fn covered(known: &NamedTarget, host: &str) -> bool {
    let Some((_, parent)) = host.split_once('.') else {
        return false;
    };
    known.names.iter().any(|n| {
        n.strip_prefix("*.")
            .is_some_and(|suffix| suffix.eq_ignore_ascii_case(parent))
    })
}

/// Targets whose id or a name contains what was typed (or is contained in it), or is one or
/// two typing mistakes away from it.
fn suggestions(host: &str, known: &[NamedTarget]) -> Vec<NamedTarget> {
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        return Vec::new();
    }
    let close = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.contains(&host)
            || (host.len() >= 4 && host.contains(&name) && name.len() >= 4)
            || (host.len() >= 4 && within_two_edits(&host, &name))
    };
    known
        .iter()
        .filter(|k| close(k.id()) || k.names.iter().any(|n| close(n)))
        .take(SUGGESTIONS)
        .cloned()
        .collect()
}

/// Whether `a` becomes `b` with at most two insertions, deletions or substitutions.
fn within_two_edits(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Levenshtein by rows; the names are short and few.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut next = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let swap = row[j] + usize::from(ca != cb);
            next[j + 1] = swap.min(row[j + 1] + 1).min(next[j] + 1);
        }
        row = next;
    }
    row[b.len()] <= 2
}

#[cfg(test)]
mod tests;
