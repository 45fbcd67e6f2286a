//! A plain list of what changed, one a line: files (`dist/about.html`), object URLs
//! (`s3://bucket/key`), or paths on the site (`/about.html`).

use super::{Name, Read, numbered};

pub fn read_list(text: &str) -> Read {
    let mut read = Read::default();
    for (line, raw) in numbered(text) {
        let entry = raw.trim();
        if entry.starts_with('#') {
            read.skip(line, raw, "a comment");
            continue;
        }
        let name = if let Some(url) = entry.strip_prefix("s3://") {
            match url.split_once('/') {
                Some((_, key)) if !key.is_empty() => Name::Key(key.to_string()),
                _ => {
                    read.skip(line, raw, "a bucket, not an object: name its key");
                    continue;
                }
            }
        } else if entry.starts_with('/') {
            Name::SitePath(entry.to_string())
        } else {
            Name::File(entry.strip_prefix("./").unwrap_or(entry).to_string())
        };
        read.change(name, false);
        read.lines_read += 1;
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_keys_and_site_paths_are_told_apart() {
        let read = read_list(
            "dist/a b.html\n./dist/c.js\ns3://bucket/k/é.png\n/about\n# note\ns3://bucket/\n",
        );
        let names: Vec<Name> = read.changed.iter().map(|c| c.name.clone()).collect();
        assert_eq!(
            names,
            vec![
                Name::File("dist/a b.html".into()),
                Name::File("dist/c.js".into()),
                Name::Key("k/é.png".into()),
                Name::SitePath("/about".into()),
            ]
        );
        assert_eq!(read.skipped.len(), 2);
    }
}
