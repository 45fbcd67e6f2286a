//! What a deploy changed, as `plan` and `purge` read it: the flags that say where it comes
//! from (`--from-sync`, `--from-git-diff`, `--from-list`, `--dir`) and what the planner may
//! do (`--objects`, `--max-extra`, `--wildcard-depth`), and the reading of them into the
//! site's URL paths.

use std::path::{Path, PathBuf};

use clap::Args;

use super::output::{Failure, say};
use crate::domain::deploy::{Format, Manifest, Name, PlanLimits, Read, Site, manifest};
use crate::domain::quota::{InProgressLoad, MAX_WILDCARDS_IN_PROGRESS};
use crate::domain::words::plural;

// Where the changes come from; at most one.
#[derive(Debug, Args, Default)]
#[group(skip)]
pub struct ChangesFrom {
    /// What changed: the output of aws s3 sync (or cp, mv, rm), - for standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["from_git_diff", "from_list", "dir"])]
    pub from_sync: Option<PathBuf>,
    /// What changed: git diff --name-status output (the files under [deploy] root are the
    /// site), - for standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["from_list", "dir"])]
    pub from_git_diff: Option<PathBuf>,
    /// What changed: files, s3:// URLs or site paths, one a line, - for standard input.
    #[arg(long, value_name = "FILE", conflicts_with = "dir")]
    pub from_list: Option<PathBuf>,
    /// What changed in this build folder (the site's root) since the target's last deploy
    /// that edgepurge recorded; its files are the site's objects too.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl ChangesFrom {
    pub fn given(&self) -> bool {
        self.from_sync.is_some()
            || self.from_git_diff.is_some()
            || self.from_list.is_some()
            || self.dir.is_some()
    }

    /// The input and how to read it (a build folder is compared, not read).
    fn file(&self) -> Option<(Format, &Path)> {
        [
            (Format::Sync, &self.from_sync),
            (Format::GitDiff, &self.from_git_diff),
            (Format::List, &self.from_list),
        ]
        .into_iter()
        .find_map(|(f, p)| Some((f, p.as_deref()?)))
    }
}

// What the planner may do.
#[derive(Debug, Args, Default)]
#[group(skip)]
pub struct Planning {
    /// Every object of the site: a build folder, or a listing of keys (aws s3 ls --recursive
    /// output, or one file, s3:// URL or site path a line).
    #[arg(long, value_name = "DIR|FILE")]
    pub objects: Option<PathBuf>,
    /// Unchanged objects the wildcards may purge too: a count (50) or a share of the site's
    /// objects (2%); default 0. Needs the objects (--objects or --dir).
    #[arg(long, value_name = "N|N%", value_parser = MaxExtra::parse)]
    pub max_extra: Option<MaxExtra>,
    /// Allow wildcards for whole folders this deep or deeper (/img/ is 1), also when the
    /// objects are not known (their unchanged objects are then purged uncounted).
    #[arg(long, value_name = "N")]
    pub wildcard_depth: Option<usize>,
}

/// `--max-extra`: a count, or a percentage of the objects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MaxExtra {
    Count(usize),
    Percent(f64),
}

impl MaxExtra {
    fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not a count (50) nor a percentage (2%)");
        match text.trim().strip_suffix('%') {
            Some(n) => {
                let p: f64 = n.trim().parse().map_err(|_| bad())?;
                if !(0.0..=100.0).contains(&p) {
                    return Err(format!("{text}: a percentage is from 0% to 100%"));
                }
                Ok(Self::Percent(p))
            }
            None => text.trim().parse().map(Self::Count).map_err(|_| bad()),
        }
    }

    /// The count it allows among `objects`.
    pub fn of(self, objects: usize) -> usize {
        match self {
            Self::Count(n) => n,
            Self::Percent(p) => (objects as f64 * p / 100.0).floor() as usize,
        }
    }
}

/// A deploy's changes, read and mapped.
pub struct Changes {
    /// What was read, for the messages (`aws s3 sync output`).
    pub source: String,
    /// The changed URL paths, each object's own first, in the order read.
    pub paths: Vec<String>,
    /// Files or keys read.
    pub files: usize,
    /// Every object's own path, when known.
    pub objects: Option<Vec<String>>,
    pub dry_run: bool,
    /// The build folder's manifest (`--dir`), to record once it is deployed.
    pub manifest: Option<Manifest>,
}

/// Lines of an input said at most, one by one; the rest are counted.
const SAID: usize = 10;

/// What a build folder is compared with.
pub enum Previous<'a> {
    /// No target was given: there is nothing to compare with.
    NoTarget,
    /// The target's last deploy, if one is recorded.
    Of(&'a str, Option<&'a Manifest>),
}

/// Read the changes (and the objects, if given) and map them with `site`; a build folder is
/// compared with `previous`, the target's last deploy. What was passed over is said on
/// standard error; nothing recognised at all is invalid input.
pub fn read(
    from: &ChangesFrom,
    planning: &Planning,
    site: &Site,
    previous: Previous<'_>,
) -> Result<Changes, Failure> {
    let mut now = None;
    let (source, read, dir_objects) = if let Some(dir) = &from.dir {
        let files = super::build_folder::files(dir)?;
        let found = super::build_folder::manifest(&files)?;
        let read = match previous {
            Previous::Of(_, Some(before)) => manifest::compare(before, &found),
            Previous::Of(target, None) => {
                say!(
                    "edgepurge: no earlier deploy of {target} is recorded: every file of {} is \
                     taken as changed (purge --dir records the folder once it is sent)",
                    dir.display()
                );
                manifest::everything(&found)
            }
            Previous::NoTarget => {
                say!(
                    "edgepurge: no target was given, so there is no earlier deploy to compare \
                     with: every file of {} is taken as changed",
                    dir.display()
                );
                manifest::everything(&found)
            }
        };
        let objects: Vec<Name> = files
            .iter()
            .map(|f| Name::Relative(f.name.clone()))
            .collect();
        now = Some(found);
        if read.changed.is_empty() {
            return Err(Failure {
                code: super::exit::OK,
                message: format!(
                    "nothing changed in {} since the last deploy recorded: nothing to purge",
                    dir.display()
                ),
            });
        }
        (
            format!("build folder {}", dir.display()),
            read,
            Some(objects),
        )
    } else {
        let (format, path) = from.file().ok_or_else(|| {
            Failure::invalid(
                "say what changed: --from-sync FILE, --from-git-diff FILE, --from-list FILE or \
                 --dir DIR (- reads standard input)",
            )
        })?;
        let text = super::input::read_batch_text(&[], Some(path)).map_err(Failure::invalid)?;
        (format.describe().to_string(), format.read(&text), None)
    };
    tell_skipped(&source, &read);
    let mut paths = Vec::new();
    let mut outside = Vec::new();
    for change in &read.changed {
        match site.paths(change) {
            Ok(p) => paths.extend(p),
            Err(e) => outside.push(e.to_string()),
        }
    }
    for why in outside.iter().take(SAID) {
        say!("edgepurge: not purged: {why}");
    }
    if outside.len() > SAID {
        say!("edgepurge: … and {} more not purged", outside.len() - SAID);
    }
    if paths.is_empty() {
        return Err(Failure::invalid(format!(
            "{source}: nothing to purge was found in it ({} read, {} passed over); check that \
             it is {source} and that [deploy] root and origin_path say where the site is",
            plural(read.changed.len(), "change"),
            plural(read.skipped.len() + outside.len(), "line"),
        )));
    }
    let objects = match (&planning.objects, dir_objects) {
        (Some(given), _) => Some(objects_of(given, site)?),
        (None, Some(names)) => Some(own_paths(&names, site)),
        (None, None) => None,
    };
    Ok(Changes {
        source,
        paths,
        files: read.changed.len(),
        objects,
        dry_run: read.dry_run,
        manifest: now,
    })
}

/// What the planner may do, from the flags and what the target has in progress.
pub fn limits(
    planning: &Planning,
    changes: &Changes,
    load: Option<InProgressLoad>,
) -> Result<PlanLimits, Failure> {
    let load = load.unwrap_or_default();
    let max_extra = match (planning.max_extra, &changes.objects) {
        (Some(m), Some(objects)) => m.of(objects.len()),
        (Some(_), None) => {
            return Err(Failure::invalid(
                "--max-extra counts the unchanged objects a wildcard purges, which needs every \
                 object of the site: give --objects DIR|FILE (or plan from --dir), or allow \
                 whole folders with --wildcard-depth N",
            ));
        }
        (None, _) => 0,
    };
    Ok(PlanLimits {
        wildcards: MAX_WILDCARDS_IN_PROGRESS.saturating_sub(load.wildcards),
        max_extra,
        folder_depth: planning.wildcard_depth,
        file_paths_in_progress: load.file_paths,
    })
}

fn tell_skipped(source: &str, read: &Read) {
    for s in read.skipped.iter().take(SAID) {
        say!(
            "edgepurge: {source}, line {}: passed over: {}: {}",
            s.line,
            s.text,
            s.why
        );
    }
    if read.skipped.len() > SAID {
        say!(
            "edgepurge: {source}: … and {} more lines passed over",
            read.skipped.len() - SAID
        );
    }
}

fn own_paths(names: &[Name], site: &Site) -> Vec<String> {
    names.iter().filter_map(|n| site.own_path(n).ok()).collect()
}

/// Every object's own path: a build folder's files, or a listing's keys.
fn objects_of(given: &Path, site: &Site) -> Result<Vec<String>, Failure> {
    if given.is_dir() {
        let files = super::build_folder::files(given)?;
        let names: Vec<Name> = files.into_iter().map(|f| Name::Relative(f.name)).collect();
        return Ok(own_paths(&names, site));
    }
    let text = if given == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(given)
    }
    .map_err(|e| {
        Failure::invalid(format!(
            "--objects {}: cannot read it ({e}); give a build folder or a listing of keys",
            given.display()
        ))
    })?;
    let names: Vec<Name> = text.lines().filter_map(listed_object).collect();
    Ok(own_paths(&names, site))
}

/// A line of a listing: `aws s3 ls --recursive` (`2026-11-30 12:00:00   1234 key`), else an
/// entry of a plain list.
fn listed_object(line: &str) -> Option<Name> {
    let line = line.trim_end_matches('\r');
    if let Some(key) = s3_ls_key(line) {
        return Some(Name::Key(key.to_string()));
    }
    let read = crate::domain::deploy::read_list(line);
    read.changed.into_iter().next().map(|c| c.name)
}

/// The key of an `aws s3 ls --recursive` line: after the date, the time and the size.
fn s3_ls_key(line: &str) -> Option<&str> {
    let mut rest = line;
    for check in [
        (|w: &str| w.len() == 10 && w.as_bytes()[4] == b'-') as fn(&str) -> bool,
        |w: &str| w.len() == 8 && w.as_bytes()[2] == b':',
        |w: &str| w.bytes().all(|b| b.is_ascii_digit()),
    ] {
        let trimmed = rest.trim_start();
        let end = trimmed.find(' ')?;
        if !check(&trimmed[..end]) {
            return None;
        }
        rest = &trimmed[end..];
    }
    // One space separates the size from the key, which may itself begin with spaces.
    let key = rest.strip_prefix(' ').unwrap_or(rest);
    let key = key.trim_start_matches(' ');
    (!key.is_empty() && !key.ends_with('/')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_of_aws_s3_ls_gives_its_keys() {
        assert_eq!(
            s3_ls_key("2026-11-30 12:00:00      12345 assets/my file.js"),
            Some("assets/my file.js")
        );
        assert_eq!(s3_ls_key("2026-11-30 12:00:00          0 folder/"), None);
        assert_eq!(s3_ls_key("                           PRE img/"), None);
        assert_eq!(s3_ls_key("dist/a.js"), None);
        assert_eq!(
            listed_object("dist/a.js"),
            Some(Name::File("dist/a.js".into()))
        );
    }

    #[test]
    fn max_extra_is_a_count_or_a_share() {
        assert_eq!(MaxExtra::parse("50"), Ok(MaxExtra::Count(50)));
        assert_eq!(MaxExtra::parse("2%").map(|m| m.of(1_000)), Ok(20));
        assert!(MaxExtra::parse("101%").is_err());
        assert!(MaxExtra::parse("ten").unwrap_err().contains("not a count"));
    }
}
