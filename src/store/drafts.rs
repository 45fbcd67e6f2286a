//! The compose form of each dashboard, saved as it is typed. Each dashboard writes its own row,
//! so two dashboards never overwrite each other's work; at start every unsent draft is offered.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::db::DbError;
use super::draft as legacy;
use super::journal::{rfc3339, time};
use crate::domain::draft::Draft;

/// A draft as stored: whose it is and when it was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDraft {
    /// The dashboard run that wrote it.
    pub id: String,
    pub draft: Draft,
    pub saved_at: DateTime<Utc>,
}

/// Save (or replace) a dashboard's draft.
pub fn save(c: &Connection, d: &SavedDraft) -> Result<(), DbError> {
    let targets = serde_json::to_string(&d.draft.targets).unwrap_or_else(|_| "[]".into());
    c.execute(
        "INSERT INTO drafts (id, targets, text, caller_reference, saved_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO UPDATE SET targets = excluded.targets, text = excluded.text, \
            caller_reference = excluded.caller_reference, saved_at = excluded.saved_at",
        params![
            d.id,
            targets,
            d.draft.text,
            d.draft.caller_reference,
            rfc3339(d.saved_at)
        ],
    )
    .map(drop)
    .map_err(DbError::failed("save the draft"))
}

/// Every saved draft, newest first.
pub fn all(c: &Connection) -> Result<Vec<SavedDraft>, DbError> {
    let mut s = c
        .prepare_cached(
            "SELECT id, targets, text, caller_reference, saved_at FROM drafts \
             ORDER BY saved_at DESC, id",
        )
        .map_err(DbError::failed("read the drafts"))?;
    let rows = s
        .query_map([], |r| {
            let targets: String = r.get(1)?;
            Ok(SavedDraft {
                id: r.get(0)?,
                draft: Draft {
                    targets: serde_json::from_str(&targets).unwrap_or_default(),
                    text: r.get(2)?,
                    caller_reference: r.get(3)?,
                },
                saved_at: time(r, "saved_at")?.unwrap_or_default(),
            })
        })
        .map_err(DbError::failed("read the drafts"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(DbError::failed("read the drafts"))?;
    Ok(rows)
}

/// Forget a draft (sent, discarded, or taken over by another dashboard).
pub fn forget(c: &Connection, id: &str) -> Result<(), DbError> {
    c.execute("DELETE FROM drafts WHERE id = ?1", [id])
        .map(drop)
        .map_err(DbError::failed("forget the draft"))
}

/// The `draft.json` of earlier versions becomes a draft in the store (once: the file is then
/// renamed `draft.json.imported`, never deleted).
pub fn import_legacy(c: &Connection, state_dir: &Path) -> Result<(), DbError> {
    let Ok(Some(old)) = legacy::load_from(state_dir) else {
        return Ok(());
    };
    save(
        c,
        &SavedDraft {
            id: format!("imported-{}", old.saved_at.timestamp()),
            draft: Draft {
                targets: old.targets,
                text: old.text,
                caller_reference: old.caller_reference,
            },
            saved_at: old.saved_at,
        },
    )?;
    let path = legacy::path_in(state_dir);
    let mut done = path.as_os_str().to_os_string();
    done.push(".imported");
    if let Err(e) = std::fs::rename(&path, &done) {
        tracing::warn!(error = %e, "the old draft file could not be renamed after its import");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::fixtures::store::{now, open_in};
    use crate::store::test_dir::TestDir;

    fn draft(id: &str, text: &str, at: DateTime<Utc>) -> SavedDraft {
        SavedDraft {
            id: id.into(),
            draft: Draft {
                targets: vec!["E1".into(), "tenant:dt_a".into()],
                text: text.into(),
                caller_reference: "ref".into(),
            },
            saved_at: at,
        }
    }

    #[test]
    fn each_dashboard_keeps_its_own_draft_and_all_come_back_newest_first() {
        let t = TestDir::new("drafts-own");
        let now = now();
        let c = open_in(t.path());
        save(&c, &draft("a", "/one", now)).unwrap();
        save(
            &c,
            &draft("b", "/two\n\n  /x  \r\n", now + Duration::seconds(1)),
        )
        .unwrap();
        save(&c, &draft("a", "/one more", now + Duration::seconds(2))).unwrap();
        let all = all(&c).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0], draft("a", "/one more", now + Duration::seconds(2)));
        assert_eq!(
            all[1].draft.text, "/two\n\n  /x  \r\n",
            "every character kept"
        );
        forget(&c, "a").unwrap();
        assert_eq!(super::all(&c).unwrap().len(), 1);
    }

    #[test]
    fn an_old_draft_file_is_imported_once_and_kept_aside() {
        let t = TestDir::new("drafts-import");
        let now = now();
        legacy::save_in(
            t.path(),
            &legacy::Draft {
                targets: vec!["E1".into()],
                text: "/old".into(),
                caller_reference: "r".into(),
                saved_at: now,
            },
        )
        .unwrap();
        let c = open_in(t.path());
        import_legacy(&c, t.path()).unwrap();
        import_legacy(&c, t.path()).unwrap();
        let all = all(&c).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].draft.text, "/old");
        assert!(t.path().join("draft.json.imported").exists());
        assert!(!t.path().join("draft.json").exists());
    }
}
