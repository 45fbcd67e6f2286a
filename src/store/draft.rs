//! `draft.json`: where earlier versions kept the compose form's draft. Drafts now live in the
//! store (`store::drafts`); a file left by an earlier version is read once and imported.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{StoreError, atomic};

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

/// [`save`] into a given state directory.
pub fn save_in(dir: &Path, draft: &Draft) -> Result<(), StoreError> {
    let path = path_in(dir);
    let io_error = |source| StoreError::Io {
        action: "save the draft to",
        path: path.clone(),
        source,
    };
    let json = serde_json::to_vec_pretty(draft).map_err(|e| io_error(io::Error::other(e)))?;
    atomic::write(&path, &json).map_err(io_error)
}

/// [`load`] from a given state directory.
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

/// [`discard`] in a given state directory. No draft is not an error.
pub fn discard_in(dir: &Path) -> Result<(), StoreError> {
    let path = path_in(dir);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            action: "delete the saved draft",
            path,
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
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
        let many: String = (0..3000).map(|i| format!("/img/{i}.png\n")).collect();
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
    fn saving_creates_the_state_directory() {
        let t = TestDir::new("draft-mkdir");
        let dir = t.path().join("state/edgepurge");
        save_in(&dir, &draft("/x")).unwrap();
        assert_eq!(load_from(&dir).unwrap(), Some(draft("/x")));
    }

    #[test]
    fn the_file_is_readable_json_with_named_fields() {
        let t = TestDir::new("draft-json");
        save_in(t.path(), &draft("/a\n/b")).unwrap();
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path_in(t.path())).unwrap()).unwrap();
        assert_eq!(value["text"], "/a\n/b");
        assert_eq!(value["targets"][1], "tenant:dt_2abc");
        assert_eq!(value["caller_reference"], "edgepurge-20250102-0304");
        assert_eq!(value["saved_at"], "2025-01-02T03:04:05Z");
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

    #[test]
    fn discarding_removes_the_draft_and_is_harmless_twice() {
        let t = TestDir::new("draft-discard");
        save_in(t.path(), &draft("/a")).unwrap();
        discard_in(t.path()).unwrap();
        assert_eq!(load_from(t.path()).unwrap(), None);
        discard_in(t.path()).unwrap();
        assert!(!path_in(t.path()).exists());
    }

    #[test]
    fn a_state_directory_that_cannot_be_made_is_an_error_naming_the_path() {
        let t = TestDir::new("draft-blocked");
        let file = t.path().join("plain");
        std::fs::write(&file, b"").unwrap();
        let e = save_in(&file, &draft("/a")).unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("cannot save the draft to "), "{text}");
        assert!(text.contains("plain/draft.json"), "{text}");
    }
}
