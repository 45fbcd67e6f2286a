//! How a changed file or object becomes the URL paths visitors ask for.
//!
//! Each name gives its own path first, then the other paths the same object answers to: an
//! index document's folder (`docs/index.html` is also `/docs/` and `/docs`; the root one is
//! also `/`), and with clean URLs a page without its `.html`. Paths are percent-encoded as the
//! batch judge encodes an S3 key. Every other path of an object is a prefix of its own path,
//! which the planner relies on: a wildcard that covers any of them covers the object's own.

use super::{Changed, Name};
use crate::domain::batch::encode::{encode_key, encode_path};

/// The mapping's settings (the config's `[deploy]`, per target in `[deploy.targets."ID"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The folder that is the site's root (`dist/`), cut from files; empty: the tree itself.
    root: String,
    /// The distribution's origin path (`/prod`), cut from object keys; empty: none.
    origin_path: String,
    /// The document a folder's URL serves (`index.html`); none: folders are not pages.
    index_document: Option<String>,
    /// `about.html` is also `/about`.
    clean_urls: bool,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            root: String::new(),
            origin_path: String::new(),
            index_document: Some("index.html".into()),
            clean_urls: false,
        }
    }
}

/// Why a name has no path on the site.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteProblem {
    #[error("{name} is outside the site's root folder {root}")]
    OutsideRoot { name: String, root: String },
    #[error("s3 key {key} is not under the distribution's origin path {origin_path}")]
    OutsideOrigin { key: String, origin_path: String },
    #[error(
        "{0} holds a '*', which CloudFront reads as a wildcard: purge it by hand with a wildcard"
    )]
    Star(String),
    #[error("{0} names the root folder itself, not a file")]
    Nothing(String),
}

impl Site {
    /// The settings, each written as a person would (`dist`, `./dist/`, `/prod/`), made
    /// canonical. An index document with a `/` is refused: it names a file in each folder.
    pub fn new(
        root: &str,
        origin_path: &str,
        index_document: Option<&str>,
        clean_urls: bool,
    ) -> Result<Self, String> {
        let root = root.trim().trim_start_matches("./").trim_matches('/');
        if root.split('/').any(|s| s == "..") {
            return Err(format!(
                "root {root} climbs out with '..': name the build folder"
            ));
        }
        let root = if root.is_empty() || root == "." {
            String::new()
        } else {
            format!("{root}/")
        };
        let origin = origin_path.trim().trim_matches('/');
        let origin_path = if origin.is_empty() {
            String::new()
        } else {
            format!("/{origin}")
        };
        let index_document = match index_document.map(str::trim) {
            Some(doc) if doc.contains('/') || doc.is_empty() => {
                return Err(format!(
                    "index_document {doc:?} must be a file name like index.html, without a '/'"
                ));
            }
            doc => doc.map(str::to_string),
        };
        Ok(Self {
            root,
            origin_path,
            index_document,
            clean_urls,
        })
    }

    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn origin_path(&self) -> &str {
        &self.origin_path
    }

    /// Every path of a changed name: its own first.
    pub fn paths(&self, changed: &Changed) -> Result<Vec<String>, SiteProblem> {
        self.paths_of(&changed.name)
    }

    pub fn paths_of(&self, name: &Name) -> Result<Vec<String>, SiteProblem> {
        let (relative, site_path) = self.relative(name)?;
        let encode = |rel: &str| {
            if site_path {
                encode_path(&format!("/{rel}"))
            } else {
                encode_key(rel)
            }
        };
        let mut paths = vec![encode(relative)];
        if let Some(doc) = &self.index_document
            && let Some(folder) = folder_of(relative, doc)
        {
            paths.push(encode(folder));
            if let Some(bare) = folder.strip_suffix('/') {
                paths.push(encode(bare));
            }
        } else if self.clean_urls
            && let Some(page) = relative.strip_suffix(".html")
            && !page.is_empty()
            && !page.ends_with('/')
        {
            paths.push(encode(page));
        }
        Ok(paths)
    }

    /// The object's own path (the first of [`Site::paths_of`]).
    pub fn own_path(&self, name: &Name) -> Result<String, SiteProblem> {
        let (relative, site_path) = self.relative(name)?;
        Ok(if site_path {
            encode_path(&format!("/{relative}"))
        } else {
            encode_key(relative)
        })
    }

    /// The name relative to the site's root, and whether it is a site path (already perhaps
    /// percent-encoded, so its escapes are kept).
    fn relative<'a>(&self, name: &'a Name) -> Result<(&'a str, bool), SiteProblem> {
        let (relative, site_path, whole) = match name {
            Name::File(file) => {
                let file = file.strip_prefix("./").unwrap_or(file);
                let rel = file.strip_prefix(self.root.as_str()).ok_or_else(|| {
                    SiteProblem::OutsideRoot {
                        name: file.to_string(),
                        root: self.root.clone(),
                    }
                })?;
                (rel, false, file)
            }
            Name::Key(key) => {
                let origin = self.origin_path.trim_start_matches('/');
                let rel = if origin.is_empty() {
                    Some(key.as_str())
                } else {
                    key.strip_prefix(origin).and_then(|r| r.strip_prefix('/'))
                };
                let rel = rel.ok_or_else(|| SiteProblem::OutsideOrigin {
                    key: key.clone(),
                    origin_path: self.origin_path.clone(),
                })?;
                (rel, false, key.as_str())
            }
            Name::SitePath(path) => (path.trim_start_matches('/'), true, path.as_str()),
            Name::Relative(file) => (file.as_str(), false, file.as_str()),
        };
        if relative.contains('*') {
            return Err(SiteProblem::Star(whole.to_string()));
        }
        if relative.is_empty() && !site_path {
            return Err(SiteProblem::Nothing(whole.to_string()));
        }
        Ok((relative, site_path))
    }
}

/// The folder an index document serves (`docs/` for `docs/index.html`, `` for the root's).
fn folder_of<'a>(relative: &'a str, doc: &str) -> Option<&'a str> {
    let folder = relative.strip_suffix(doc)?;
    (folder.is_empty() || folder.ends_with('/')).then_some(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(f: &str) -> Name {
        Name::File(f.into())
    }

    #[test]
    fn by_default_a_file_is_its_path_and_an_index_its_folder_too() {
        let site = Site::default();
        assert_eq!(site.paths_of(&file("about.html")).unwrap(), ["/about.html"]);
        assert_eq!(
            site.paths_of(&file("docs/index.html")).unwrap(),
            ["/docs/index.html", "/docs/", "/docs"]
        );
        assert_eq!(
            site.paths_of(&file("index.html")).unwrap(),
            ["/index.html", "/"]
        );
        assert_eq!(
            site.paths_of(&file("docs/xindex.html")).unwrap(),
            ["/docs/xindex.html"]
        );
    }

    #[test]
    fn the_root_folder_is_cut_and_files_outside_it_are_refused() {
        let site = Site::new("./dist/", "", Some("index.html"), false).unwrap();
        assert_eq!(site.paths_of(&file("dist/a.js")).unwrap(), ["/a.js"]);
        assert_eq!(
            site.paths_of(&file("./dist/index.html")).unwrap(),
            ["/index.html", "/"]
        );
        let err = site.paths_of(&file("src/a.ts")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "src/a.ts is outside the site's root folder dist/"
        );
        assert!(Site::new("../x", "", None, false).is_err());
    }

    #[test]
    fn the_origin_path_is_cut_from_keys_only() {
        let site = Site::new("", "/prod/", Some("index.html"), false).unwrap();
        assert_eq!(site.origin_path(), "/prod");
        let key = |k: &str| Name::Key(k.into());
        assert_eq!(site.paths_of(&key("prod/a.css")).unwrap(), ["/a.css"]);
        assert!(matches!(
            site.paths_of(&key("production/a.css")),
            Err(SiteProblem::OutsideOrigin { .. })
        ));
        assert_eq!(site.paths_of(&file("prod/a.css")).unwrap(), ["/prod/a.css"]);
    }

    #[test]
    fn clean_urls_add_the_page_without_html() {
        let site = Site::new("", "", Some("index.html"), true).unwrap();
        assert_eq!(
            site.paths_of(&file("about.html")).unwrap(),
            ["/about.html", "/about"]
        );
        assert_eq!(
            site.paths_of(&file("blog/index.html")).unwrap(),
            ["/blog/index.html", "/blog/", "/blog"]
        );
        let none = Site::new("", "", None, true).unwrap();
        assert_eq!(
            none.paths_of(&file("index.html")).unwrap(),
            ["/index.html", "/index"]
        );
        let off = Site::new("", "", None, false).unwrap();
        assert_eq!(
            off.paths_of(&file("docs/index.html")).unwrap(),
            ["/docs/index.html"]
        );
    }

    #[test]
    fn names_are_percent_encoded_and_site_paths_keep_their_escapes() {
        let site = Site::default();
        assert_eq!(
            site.paths_of(&file("café/my page.html")).unwrap(),
            ["/caf%C3%A9/my%20page.html"]
        );
        assert_eq!(site.paths_of(&file("100%.html")).unwrap(), ["/100%25.html"]);
        let path = Name::SitePath("/caf%C3%A9/index.html".into());
        assert_eq!(
            site.paths_of(&path).unwrap(),
            ["/caf%C3%A9/index.html", "/caf%C3%A9/", "/caf%C3%A9"]
        );
        assert!(matches!(
            site.paths_of(&file("a*.js")),
            Err(SiteProblem::Star(_))
        ));
    }

    #[test]
    fn every_other_path_is_a_prefix_of_the_own_path() {
        let site = Site::new("", "", Some("index.html"), true).unwrap();
        for f in ["index.html", "a/index.html", "a/b.html", "x y/é.html"] {
            let paths = site.paths_of(&file(f)).unwrap();
            for p in &paths[1..] {
                assert!(paths[0].starts_with(p.as_str()), "{p} of {}", paths[0]);
            }
        }
    }
}
