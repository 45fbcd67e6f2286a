//! `[deploy]`: how a deploy's files become the site's URL paths (`edgepurge plan`, `purge
//! --from-*`), with `[deploy.targets."ID"]` tables for targets whose site differs.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::file::{Field, Problem, boolean};
use crate::domain::deploy::Site;

/// The site's settings by default, and per target (as the commands take it: `E…`,
/// `tenant:ID`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deploy {
    pub default: Site,
    pub targets: BTreeMap<String, Site>,
    /// `max_extra`: unchanged objects the dashboard's plan may purge with its wildcards.
    pub max_extra: usize,
}

impl Deploy {
    /// The settings of the first of `names` (a target's id, the name typed) that has its own
    /// table; else the defaults.
    pub fn site(&self, names: &[&str]) -> &Site {
        names
            .iter()
            .find_map(|n| self.targets.get(*n))
            .unwrap_or(&self.default)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [deploy] table")]
pub(super) struct DeployFile {
    // The defaults, as a target's table has them (not `flatten`: it would lose the places
    // the messages name).
    root: Field,
    origin_path: Field,
    index_document: Field,
    clean_urls: Field,
    max_extra: Field,
    targets: BTreeMap<String, SiteFile>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, default, expecting = "a table of deploy settings")]
pub(super) struct SiteFile {
    root: Field,
    origin_path: Field,
    index_document: Field,
    clean_urls: Field,
}

pub(super) fn deploy(file: DeployFile) -> Result<Deploy, Problem> {
    let defaults = SiteFile {
        root: file.root.clone(),
        origin_path: file.origin_path.clone(),
        index_document: file.index_document.clone(),
        clean_urls: file.clean_urls.clone(),
    };
    let default = site(&defaults, None, "[deploy]")?;
    let mut targets = BTreeMap::new();
    for (target, table) in &file.targets {
        let place = format!("[deploy.targets.\"{target}\"]");
        targets.insert(target.clone(), site(table, Some(&defaults), &place)?);
    }
    Ok(Deploy {
        default,
        targets,
        max_extra: max_extra(&file.max_extra)?,
    })
}

/// A count of objects, 0 or more (a wildcard that purges more than it may is not chosen).
fn max_extra(field: &Field) -> Result<usize, Problem> {
    let Some(value) = field else {
        return Ok(0);
    };
    value
        .get_ref()
        .as_integer()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            Problem::at(
                value.span(),
                format!(
                    "max_extra in [deploy] must be a whole number of objects, 0 or more, like \
                     50; found {}",
                    value.get_ref()
                ),
            )
        })
}

/// A table's settings, each missing one taken from `defaults` (then the built-in default).
fn site(table: &SiteFile, defaults: Option<&SiteFile>, place: &str) -> Result<Site, Problem> {
    let pick =
        |own: &Field, theirs: Option<&Field>| own.clone().or_else(|| theirs.cloned().flatten());
    let root = pick(&table.root, defaults.map(|d| &d.root));
    let origin = pick(&table.origin_path, defaults.map(|d| &d.origin_path));
    let index = pick(&table.index_document, defaults.map(|d| &d.index_document));
    let clean = pick(&table.clean_urls, defaults.map(|d| &d.clean_urls));
    let root_text = text(&root, "root", place, "dist")?.unwrap_or_default();
    let origin_text = text(&origin, "origin_path", place, "/prod")?.unwrap_or_default();
    let index_text = match text(&index, "index_document", place, "index.html")? {
        None => Some("index.html".to_string()),
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t),
    };
    let clean_urls = boolean(clean.as_ref(), &format!("clean_urls in {place}"), false)?;
    Site::new(&root_text, &origin_text, index_text.as_deref(), clean_urls).map_err(|why| {
        let span = [&root, &index]
            .into_iter()
            .flatten()
            .map(|v| v.span())
            .next()
            .unwrap_or_default();
        Problem::at(span, format!("{place}: {why}"))
    })
}

fn text(field: &Field, name: &str, place: &str, like: &str) -> Result<Option<String>, Problem> {
    let Some(value) = field else {
        return Ok(None);
    };
    match value.get_ref().as_str() {
        Some(s) => Ok(Some(s.to_string())),
        None => Err(Problem::at(
            value.span(),
            format!(
                "{name} in {place} must be text in quotes, like \"{like}\"; found {}",
                value.get_ref()
            ),
        )),
    }
}
