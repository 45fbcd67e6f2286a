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
    let (line, dry_run) = match piece.strip_prefix("(dryrun) ") {
        Some(rest) => (rest, true),
        None => (piece, false),
    };
    let (action, rest) = line
        .split_once(": ")
        .ok_or("not a line of aws s3 output (upload:, copy:, move:, delete:)")?;
    let names = match action {
        "upload" | "copy" => {
            let (_, to) = split_to(rest).ok_or("no ' to ' in it")?;
            vec![(key(to).ok_or("it does not write to s3://")?, false)]
        }
        // From a bucket to a bucket: the old key is gone and the new one is there.
        "move" => {
            let (from, to) = split_to(rest).ok_or("no ' to ' in it")?;
            let names: Changes = [(key(from), true), (key(to), false)]
                .into_iter()
                .filter_map(|(k, deleted)| Some((k?, deleted)))
                .collect();
            if names.is_empty() {
                return Err("it moves nothing in a bucket");
            }
            names
        }
        "delete" => vec![(key(rest).ok_or("it deletes nothing in a bucket")?, true)],
        "download" => return Err("a download changes nothing in the bucket"),
        _ => return Err("not a line of aws s3 output (upload:, copy:, move:, delete:)"),
    };
    Ok((names, dry_run))
}

/// `FROM to TO`: the ` to ` before `s3://` when there is one (a name may hold ` to `).
fn split_to(rest: &str) -> Option<(&str, &str)> {
    match rest.find(" to s3://") {
        Some(at) => Some((&rest[..at], &rest[at + 4..])),
        None => rest.rsplit_once(" to "),
    }
}

/// The key of `s3://bucket/key`, as the line writes it (keys are printed unencoded).
fn key(text: &str) -> Option<Name> {
    let key = text.trim().strip_prefix("s3://")?.split_once('/')?.1;
    (!key.is_empty()).then(|| Name::Key(key.to_string()))
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
