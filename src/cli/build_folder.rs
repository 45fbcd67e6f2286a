//! A build folder on disk: its files, named from the folder with `/`, and their content
//! hashes (SHA-256), as the deploy manifest records them.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::output::Failure;
use crate::domain::deploy::Manifest;

/// A file of the folder.
pub struct BuildFile {
    /// From the folder, with `/` between parts.
    pub name: String,
    pub path: PathBuf,
}

/// Every file under `dir` (symbolic links to files included; links to folders are not
/// followed, so a loop cannot be), sorted by name.
pub fn files(dir: &Path) -> Result<Vec<BuildFile>, Failure> {
    let cannot = |at: &Path, e: std::io::Error| {
        Failure::invalid(format!(
            "cannot read the build folder {}: {e}; check the path",
            at.display()
        ))
    };
    let mut out = Vec::new();
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = todo.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| cannot(&folder, e))? {
            let entry = entry.map_err(|e| cannot(&folder, e))?;
            let path = entry.path();
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                return Err(Failure::invalid(format!(
                    "{}: a file name that is not UTF-8; a URL path is sent as UTF-8, so rename it",
                    path.display()
                )));
            };
            let kind = entry.file_type().map_err(|e| cannot(&path, e))?;
            let name = format!("{prefix}{name}");
            if kind.is_dir() {
                todo.push((path, format!("{name}/")));
            } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
                out.push(BuildFile { name, path });
            }
        }
    }
    out.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The folder's manifest: each file's SHA-256, in hex.
pub fn manifest(files: &[BuildFile]) -> Result<Manifest, Failure> {
    files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(&f.path)
                .map_err(|e| Failure::invalid(format!("cannot read {}: {e}", f.path.display())))?;
            let digest = Sha256::digest(&bytes);
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            Ok((f.name.clone(), hex))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_from_the_folder_and_hashed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("docs/é")).unwrap();
        std::fs::write(dir.path().join("index.html"), "hi").unwrap();
        std::fs::write(dir.path().join("docs/é/a b.html"), "x").unwrap();
        let found = files(dir.path()).unwrap();
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["docs/é/a b.html", "index.html"]);
        let m = manifest(&found).unwrap();
        assert_eq!(
            m["index.html"],
            "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4"
        );
    }
}
