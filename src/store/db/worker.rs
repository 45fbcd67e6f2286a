//! The database lives on a thread of its own: every read and write is a job sent there, and
//! its answer comes back through a channel, so neither the dashboard's loop nor the CLI's
//! runtime ever waits on the disk. The thread opens the file itself, after the caller has
//! gone on (the dashboard's first frame comes before the store is opened).

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use tokio::sync::oneshot;

use super::open::{OpenProblem, open};

type Job = Box<dyn FnOnce(Option<&mut Connection>) + Send>;

/// Why a store call gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DbError {
    /// The store could not be opened; that was said once, when it happened.
    #[error("edgepurge runs without memory (the store could not be opened)")]
    WithoutMemory,
    #[error("the store could not {action}: {message}")]
    Failed {
        action: &'static str,
        message: String,
    },
}

impl DbError {
    pub fn failed(action: &'static str) -> impl Fn(rusqlite::Error) -> DbError {
        move |e| DbError::Failed {
            action,
            message: e.to_string(),
        }
    }
}

/// What opening the store came to, to be said once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenReport {
    Ready {
        path: PathBuf,
    },
    /// A damaged or foreign file was moved there and a new store begun.
    MovedAside {
        path: PathBuf,
        aside: PathBuf,
    },
    WithoutMemory(OpenProblem),
}

impl OpenReport {
    /// The one line to show, if there is anything to say.
    pub fn message(&self) -> Option<String> {
        match self {
            Self::Ready { .. } => None,
            Self::MovedAside { path, aside } => Some(format!(
                "the store {} was unusable: it was moved to {} (kept, never deleted) and a new \
                 one begun; delete the old one when you no longer need it",
                path.display(),
                aside.display()
            )),
            Self::WithoutMemory(problem) => Some(problem.to_string()),
        }
    }
}

/// A handle to the store's thread; cheap to clone. Dropping the last handle ends the thread
/// once its queued jobs are done.
#[derive(Clone)]
pub struct Store {
    jobs: Option<mpsc::Sender<Job>>,
}

impl Store {
    /// Starts the store's thread, which opens `path` and then serves jobs in order. The
    /// report says how the opening went.
    pub fn open_in_background(
        path: PathBuf,
        now: DateTime<Utc>,
    ) -> (Self, oneshot::Receiver<OpenReport>) {
        let (report_tx, report_rx) = oneshot::channel();
        let (jobs_tx, jobs_rx) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("edgepurge-store".into())
            .spawn(move || serve(&path, now, report_tx, jobs_rx));
        match spawned {
            Ok(_) => (
                Self {
                    jobs: Some(jobs_tx),
                },
                report_rx,
            ),
            Err(e) => {
                let (tx, rx) = oneshot::channel();
                let _ = tx.send(OpenReport::WithoutMemory(OpenProblem::Other {
                    path: PathBuf::new(),
                    reason: format!("its thread could not start: {e}"),
                }));
                (Self::without_memory(), rx)
            }
        }
    }

    /// Opens `path` and waits for it (tests, tools).
    pub fn open_now(path: &Path, now: DateTime<Utc>) -> (Self, OpenReport) {
        let (store, report) = Self::open_in_background(path.to_path_buf(), now);
        let report =
            report
                .blocking_recv()
                .unwrap_or(OpenReport::WithoutMemory(OpenProblem::Other {
                    path: path.to_path_buf(),
                    reason: "its thread stopped".into(),
                }));
        (store, report)
    }

    /// A store that remembers nothing: every call answers `WithoutMemory`.
    pub fn without_memory() -> Self {
        Self { jobs: None }
    }

    /// Run `work` on the store's thread and wait for its answer without blocking the runtime.
    pub async fn call<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let rx = self.submit(work)?;
        rx.await.unwrap_or(Err(DbError::WithoutMemory))
    }

    fn submit<T, F>(&self, work: F) -> Result<oneshot::Receiver<Result<T, DbError>>, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let jobs = self.jobs.as_ref().ok_or(DbError::WithoutMemory)?;
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let answer = match conn {
                Some(conn) => work(conn),
                None => Err(DbError::WithoutMemory),
            };
            if let Err(DbError::Failed { action, message }) = &answer {
                tracing::warn!(action, message, "store call failed");
            }
            let _ = tx.send(answer);
        });
        jobs.send(job).map_err(|_| DbError::WithoutMemory)?;
        Ok(rx)
    }
}

fn serve(
    path: &Path,
    now: DateTime<Utc>,
    report: oneshot::Sender<OpenReport>,
    jobs: mpsc::Receiver<Job>,
) {
    let mut conn = match open(path, now) {
        Ok(opened) => {
            let _ = report.send(match opened.moved_aside {
                Some(aside) => OpenReport::MovedAside {
                    path: path.to_path_buf(),
                    aside,
                },
                None => OpenReport::Ready {
                    path: path.to_path_buf(),
                },
            });
            tracing::info!(path = %path.display(), "store opened");
            Some(opened.connection)
        }
        Err(problem) => {
            tracing::warn!(%problem, "store not opened");
            let _ = report.send(OpenReport::WithoutMemory(problem));
            None
        }
    };
    for job in jobs {
        job(conn.as_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::store::now;
    use crate::store::test_dir::TestDir;

    #[tokio::test]
    async fn calls_run_on_the_store_thread_in_order() {
        let t = TestDir::new("worker-order");
        let (store, report) = Store::open_in_background(t.path().join("e.db"), now());
        for i in 0..3 {
            store
                .call(move |c| {
                    c.execute(
                        "INSERT INTO drafts (id, targets, text, caller_reference, saved_at) \
                         VALUES (?1, '[]', '', '', '')",
                        [i.to_string()],
                    )
                    .map_err(DbError::failed("save"))
                })
                .await
                .unwrap();
        }
        let ids: Vec<String> = store
            .call(|c| {
                let mut s = c.prepare("SELECT id FROM drafts ORDER BY rowid").unwrap();
                let rows = s.query_map([], |r| r.get(0)).unwrap();
                Ok(rows.map(|r| r.unwrap()).collect())
            })
            .await
            .unwrap();
        assert_eq!(ids, ["0", "1", "2"]);
        assert!(matches!(report.await.unwrap(), OpenReport::Ready { .. }));
    }

    #[tokio::test]
    async fn a_store_that_cannot_open_answers_without_memory_and_says_why_once() {
        let t = TestDir::new("worker-fail");
        let file = t.path().join("plain");
        std::fs::write(&file, b"").unwrap();
        let (store, report) = Store::open_in_background(file.join("e.db"), now());
        let answer = store.call(|_| Ok(1)).await;
        assert_eq!(answer, Err(DbError::WithoutMemory));
        let report = report.await.unwrap();
        let line = report.message().unwrap();
        assert!(line.contains("runs without memory"), "{line}");
        assert!(
            Store::without_memory().call(|_| Ok(())).await.is_err(),
            "a store without memory refuses at once"
        );
    }
}
