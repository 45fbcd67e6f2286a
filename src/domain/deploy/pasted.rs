//! Deploy output pasted where paths are typed (the dashboard's form): recognised, and turned
//! into the paths it names, never into paths made of its words.

use super::{Site, recognise};
use crate::domain::words::plural;

/// The paths pasted output names, and a line saying what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    pub paths: Vec<String>,
    pub said: String,
}

/// None when the text is not deploy output (`aws s3 sync`, `git diff --name-status`).
pub fn pasted_paths(text: &str, site: &Site) -> Option<Pasted> {
    let format = recognise(text)?;
    let read = format.read(text);
    let mut paths: Vec<String> = Vec::new();
    let mut outside = 0;
    for change in &read.changed {
        match site.paths(change) {
            Ok(found) => paths.extend(found),
            Err(_) => outside += 1,
        }
    }
    let mut seen = std::collections::HashSet::new();
    paths.retain(|p| seen.insert(p.clone()));
    let mut said = format!(
        "read as {}: {} → {}",
        format.describe(),
        plural(read.changed.len(), "change"),
        plural(paths.len(), "path")
    );
    if !read.skipped.is_empty() {
        said.push_str(&format!(
            "; {} passed over",
            plural(read.skipped.len(), "line")
        ));
    }
    if outside > 0 {
        said.push_str(&format!(
            "; {outside} outside the site ([deploy] root, origin_path)"
        ));
    }
    if read.dry_run {
        said.push_str(" (a dry run: nothing changed yet)");
    }
    Some(Pasted { paths, said })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_output_becomes_its_paths_and_a_line_saying_so() {
        let text = "upload: dist/index.html to s3://b/index.html\n\
                    delete: s3://b/old page.html\nCompleted 1 MiB\n";
        let p = pasted_paths(text, &Site::default()).unwrap();
        assert_eq!(p.paths, ["/index.html", "/", "/old%20page.html"]);
        assert_eq!(
            p.said,
            "read as aws s3 sync output: 2 changes → 3 paths; 1 line passed over"
        );
        assert_eq!(pasted_paths("/a\n/b\n", &Site::default()), None);
    }

    #[test]
    fn git_output_is_mapped_with_the_site_s_root() {
        let site = Site::new("dist", "", Some("index.html"), false).unwrap();
        let p = pasted_paths("M\tdist/a.css\nM\tsrc/x.ts\n", &site).unwrap();
        assert_eq!(p.paths, ["/a.css"]);
        assert!(p.said.contains("1 outside the site"), "{}", p.said);
    }
}
