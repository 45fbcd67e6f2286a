//! The output of `aws s3 sync` (and `cp`, `mv`, `rm`): one line per object it changed.
//!
//! Source: AWS CLI Command Reference, `aws s3 sync`: `upload: LOCAL to s3://BUCKET/KEY`,
//! `copy: s3://A/KEY to s3://B/KEY`, `move: …`, `delete: s3://BUCKET/KEY`, each after
//! `(dryrun) ` with `--dryrun`; `download: …` writes to the local disk only. Its progress
//! (`Completed 1.2 MiB/3.4 MiB … with 3 file(s) remaining`) is overwritten with a carriage
//! return, so a captured log holds it on the same line as the next object.

use super::{Name, Read, numbered};

pub fn read_sync(text: &str) -> Read {
    let mut read = Read::default();
    // Every change read so far was a dry run.
    let mut all_dry = true;
    for (line, raw) in numbered(text) {
        let mut took = false;
        let mut progress = false;
        for piece in raw.split('\r').map(str::trim).filter(|p| !p.is_empty()) {
            if piece.starts_with("Completed ") {
                progress = true;
                continue;
            }
            match one(piece) {
                Ok((names, dry_run)) => {
                    for (name, deleted) in names {
                        read.change(name, deleted);
                    }
                    all_dry &= dry_run;
                    took = true;
                }
                Err(why) => read.skip(line, piece, why),
            }
        }
        if took {
            read.lines_read += 1;
        } else if progress {
            read.skip(line, raw.trim(), "progress of aws s3, not a change");
        }
    }
    read.dry_run = all_dry && read.lines_read > 0;
    read
}

type Changes = Vec<(Name, bool)>;

/// The objects one line changed, and whether it was a dry run.
fn one(piece: &str) -> Result<(Changes, bool), &'static str> {
    let (line, dry_run) = s3_line(piece);
    match line {
        S3Line::Changed(objects) => Ok((
            objects
                .into_iter()
                .map(|o| (Name::Key(o.key.to_string()), o.deleted))
                .collect(),
            dry_run,
        )),
        S3Line::Download => Err("a download changes nothing in the bucket"),
        S3Line::Other(why) => Err(why),
    }
}

/// An object a line of `aws s3` output changed: its URL as printed, its key, whether it is
/// gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touched<'a> {
    pub url: &'a str,
    pub key: &'a str,
    pub deleted: bool,
}

/// What a line of `aws s3` output says (the batch judge reads a pasted one the same way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum S3Line<'a> {
    /// The objects it changed in a bucket: a move from a bucket to a bucket names two.
    Changed(Vec<Touched<'a>>),
    /// A download: nothing changed in the bucket.
    Download,
    /// Not a line of `aws s3` output, or one that changed no object; why.
    Other(&'static str),
}

/// A line of `aws s3` output, and whether it was a dry run.
pub fn s3_line(piece: &str) -> (S3Line<'_>, bool) {
    let (line, dry_run) = match piece.strip_prefix("(dryrun) ") {
        Some(rest) => (rest, true),
        None => (piece, false),
    };
    let not_s3 = S3Line::Other("not a line of aws s3 output (upload:, copy:, move:, delete:)");
    let Some((action, rest)) = line.split_once(": ") else {
        return (not_s3, dry_run);
    };
    let said = match action {
        "upload" | "copy" => match split_to(rest).and_then(|(_, to)| touched(to, false)) {
            Some(object) => S3Line::Changed(vec![object]),
            None => S3Line::Other("it writes to no s3:// object"),
        },
        // From a bucket to a bucket: the old key is gone and the new one is there.
        "move" => {
            let objects: Vec<Touched> = split_to(rest)
                .map(|(from, to)| [touched(from, true), touched(to, false)])
                .into_iter()
                .flatten()
                .flatten()
                .collect();
            if objects.is_empty() {
                S3Line::Other("it moves nothing in a bucket")
            } else {
                S3Line::Changed(objects)
            }
        }
        "delete" => match touched(rest, true) {
            Some(object) => S3Line::Changed(vec![object]),
            None => S3Line::Other("it deletes nothing in a bucket"),
        },
        "download" => S3Line::Download,
        _ => not_s3,
    };
    (said, dry_run)
}

/// `FROM to TO`: the ` to ` before `s3://` when there is one (a name may hold ` to `).
fn split_to(rest: &str) -> Option<(&str, &str)> {
    match rest.find(" to s3://") {
        Some(at) => Some((&rest[..at], &rest[at + 4..])),
        None => rest.rsplit_once(" to "),
    }
}

/// The object of `s3://bucket/key` (keys are printed unencoded).
fn touched(text: &str, deleted: bool) -> Option<Touched<'_>> {
    let url = text.trim();
    let key = url.strip_prefix("s3://")?.split_once('/')?.1;
    (!key.is_empty()).then_some(Touched { url, key, deleted })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deploy::Changed;

    fn keys(read: &Read) -> Vec<(String, bool)> {
        read.changed
            .iter()
            .map(|Changed { name, deleted }| match name {
                Name::Key(k) => (k.clone(), *deleted),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn uploads_copies_moves_and_deletes_are_read() {
        let text = "upload: dist/index.html to s3://site/index.html\n\
                    upload: dist/my file.html to s3://site/my file.html\n\
                    upload: dist/café/menü.html to s3://site/café/menü.html\n\
                    copy: s3://staging/a.js to s3://site/a.js\n\
                    move: s3://site/old.css to s3://site/new.css\n\
                    move: local.txt to s3://site/moved.txt\n\
                    delete: s3://site/gone.png\n";
        let read = read_sync(text);
        assert_eq!(
            keys(&read),
            vec![
                ("index.html".into(), false),
                ("my file.html".into(), false),
                ("café/menü.html".into(), false),
                ("a.js".into(), false),
                ("old.css".into(), true),
                ("new.css".into(), false),
                ("moved.txt".into(), false),
                ("gone.png".into(), true),
            ]
        );
        assert_eq!(read.lines_read, 7);
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        assert!(!read.dry_run);
    }

    #[test]
    fn a_dry_run_is_read_and_said() {
        let text = "(dryrun) upload: build/a to s3://b/a\n(dryrun) delete: s3://b/c\n";
        let read = read_sync(text);
        assert_eq!(keys(&read), vec![("a".into(), false), ("c".into(), true)]);
        assert!(read.dry_run);
    }

    #[test]
    fn progress_downloads_and_other_lines_are_skipped_with_a_reason() {
        let text = "Completed 1.2 MiB/3.4 MiB (1.1 MiB/s) with 2 file(s) remaining\r\
                    upload: d/x.js to s3://b/x.js\r\n\
                    Completed 3.4 MiB/3.4 MiB (1.1 MiB/s) with 0 file(s) remaining\n\
                    download: s3://b/k to k\n\
                    warning: Skipping file /x. File does not exist.\n";
        let read = read_sync(text);
        assert_eq!(keys(&read), vec![("x.js".into(), false)]);
        assert_eq!(read.lines_read, 1);
        let lines: Vec<usize> = read.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(
            read.skipped[1].why.contains("download"),
            "{:?}",
            read.skipped
        );
    }

    #[test]
    fn a_key_holding_to_is_kept_whole() {
        let read = read_sync("upload: a to b.txt to s3://b/a to b.txt\n");
        assert_eq!(keys(&read), vec![("a to b.txt".into(), false)]);
    }
}
