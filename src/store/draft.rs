//! `draft.json`: where earlier versions kept the compose form's draft. Drafts now live in the
//! store (`store::drafts`); a file left by an earlier version is read once and imported.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;

/// The draft's file name in the state directory.
pub const FILE_NAME: &str = "draft.json";

/// What the compose form held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The chosen targets, as their display strings: `E2QWRUHAPOMQZL`, `tenant:dt_…`,
    /// `lightsail:name`.
    pub targets: Vec<String>,
    /// The editor's text exactly, every line, including blank and rejected ones.
    pub text: String,
    pub caller_reference: String,
    pub saved_at: DateTime<Utc>,
}

/// The draft's path in a state directory.
pub fn path_in(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Writes a draft file as earlier versions did (tests: a file to import).
#[cfg(test)]
pub fn save_in(dir: &Path, draft: &Draft) -> Result<(), StoreError> {
    let path = path_in(dir);
    let io_error = |source| StoreError::Io {
        action: "save the draft to",
        path: path.clone(),
        source,
    };
    let json = serde_json::to_vec_pretty(draft).map_err(|e| io_error(io::Error::other(e)))?;
    super::atomic::write(&path, &json).map_err(io_error)
}

/// The draft file left in a state directory, if any.
pub fn load_from(dir: &Path) -> Result<Option<Draft>, StoreError> {
    let path = path_in(dir);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Io {
                action: "read the saved draft",
                path,
                source,
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| StoreError::CorruptDraft {
            path,
            problem: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::fixtures::batch::{lines, paths};
    use crate::store::test_dir::TestDir;

    fn draft(text: &str) -> Draft {
        Draft {
            targets: vec![
                "E2QWRUHAPOMQZL".into(),
                "tenant:dt_2abc".into(),
                "lightsail:shop".into(),
            ],
            text: text.into(),
            caller_reference: "edgepurge-20250102-0304".into(),
            saved_at: Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
        }
    }

    #[test]
    fn a_saved_draft_comes_back_exactly() {
        let t = TestDir::new("draft-roundtrip");
        let many = lines(&paths("/img/", 3000));
        for text in [
            "",
            "/index.html",
            "/a\n\n  /b with spaces  \n/c\n\n",
            "/windows\r\n/line-endings\r\n",
            "/ünïcode/日本語\t/tab\n# not a path",
            many.as_str(),
        ] {
            let d = draft(text);
            save_in(t.path(), &d).unwrap();
            assert_eq!(load_from(t.path()).unwrap(), Some(d));
        }
    }

    #[test]
    fn no_draft_is_none_even_without_the_directory() {
        let t = TestDir::new("draft-none");
        assert_eq!(load_from(t.path()).unwrap(), None);
        assert_eq!(load_from(&t.path().join("never-made")).unwrap(), None);
    }

    #[test]
    fn a_file_as_earlier_versions_wrote_it_is_read() {
        let t = TestDir::new("draft-json");
        let json = r#"{
  "targets": ["E2QWRUHAPOMQZL", "tenant:dt_2abc", "lightsail:shop"],
  "text": "/a\n/b",
  "caller_reference": "edgepurge-20250102-0304",
  "saved_at": "2025-01-02T03:04:05Z"
}"#;
        std::fs::write(path_in(t.path()), json).unwrap();
        assert_eq!(load_from(t.path()).unwrap(), Some(draft("/a\n/b")));
    }

    #[test]
    fn a_corrupt_draft_is_an_error_naming_the_file_and_the_way_out() {
        let t = TestDir::new("draft-corrupt");
        let path = path_in(t.path());
        for junk in ["{\"text\": \"/a\"", "not json", "{\"text\": 5}"] {
            std::fs::write(&path, junk).unwrap();
            let e = load_from(t.path()).unwrap_err();
            assert!(matches!(e, StoreError::CorruptDraft { .. }), "{e:?}");
            let text = e.to_string();
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains("delete that file"), "{text}");
        }
    }
}
