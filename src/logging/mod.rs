//! The log: `tracing` events to a daily file in the state directory (see `file`), and with
//! `-v` to standard error for a CLI command, never while the dashboard owns the terminal.
//! Every line passes through `redact` first.
//!
//! Logging is a help, never a condition: a state directory that cannot be written turns it
//! off, and the reason comes back to the caller to say once.

#[cfg(test)]
pub(crate) mod capture;
mod file;
mod filter;
pub mod redact;

use std::sync::atomic::{AtomicBool, Ordering};

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry, fmt};

use redact::Redacted;

/// Lines waiting for the writer thread; more are dropped rather than waited for.
const QUEUED_LINES: usize = 8192;

/// Where the log goes; keep it for the whole run: dropping it flushes what is still queued.
#[must_use = "dropping it ends the log"]
pub struct Logging {
    _guard: Option<WorkerGuard>,
    /// Why the log file is off, to say once where it helps (with `-v`, in the dashboard).
    pub off: Option<String>,
    /// A filter that was set aside: the user asked for something, so always said.
    pub filter_note: Option<String>,
}

/// Starts logging for this process: the file, and standard error when `to_stderr`. A second
/// call does nothing (a process has one global subscriber).
pub fn init(to_stderr: bool) -> Logging {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if STARTED.swap(true, Ordering::SeqCst) {
        return Logging {
            _guard: None,
            off: None,
            filter_note: None,
        };
    }
    let (filter, filter_note) = filter::from_env();
    let mut off = None;
    let file = crate::store::dirs::state_dir()
        .map_err(|e| e.to_string())
        .and_then(|dir| file::open(&dir));
    let (file, guard) = match file {
        Ok(writer) => {
            // The default queue (128,000 lines) is allocated and initialised up front: 6 ms of
            // every start in a debug build. Even at trace a call writes a few hundred lines.
            let (writer, guard) = NonBlockingBuilder::default()
                .buffered_lines_limit(QUEUED_LINES)
                .thread_name("edgepurge-log")
                .finish(writer);
            (Some(writer), Some(guard))
        }
        Err(reason) => {
            off = Some(format!("logging is off: {reason}"));
            (None, None)
        }
    };
    if file.is_some() || to_stderr {
        // ANSI colours are off on both: an escape code between a name and its value would
        // hide the name from the redaction.
        let file_layer = file.map(|w| {
            fmt::layer()
                .with_ansi(false)
                .with_writer(Redacted::file(w))
                .boxed()
        });
        let stderr_layer = to_stderr.then(|| {
            fmt::layer()
                .with_ansi(false)
                .with_target(false)
                .fmt_fields(StderrFields::default())
                .with_writer(Redacted::terminal(std::io::stderr))
                .boxed()
        });
        let installed = subscriber(filter, file_layer, stderr_layer).try_init();
        if let Err(e) = installed {
            off = Some(format!("logging is off: {e}"));
        }
    }
    Logging {
        _guard: guard,
        off,
        filter_note,
    }
}

/// The default field format under a type of its own. The registry keeps a span's formatted
/// fields once per formatter type; two layers with the same type would each append a field
/// recorded later (`target=E1 target=E1`).
#[derive(Default)]
struct StderrFields(fmt::format::DefaultFields);

impl<'w> fmt::FormatFields<'w> for StderrFields {
    fn format_fields<R: tracing_subscriber::field::RecordFields>(
        &self,
        writer: fmt::format::Writer<'w>,
        fields: R,
    ) -> std::fmt::Result {
        self.0.format_fields(writer, fields)
    }
}

type BoxedLayer = Box<dyn Layer<Registry> + Send + Sync>;

fn subscriber(
    filter: EnvFilter,
    file: Option<BoxedLayer>,
    stderr: Option<BoxedLayer>,
) -> impl tracing::Subscriber + Send + Sync {
    // The filter is global (on the registry), so both outputs see the same lines.
    let layers: Vec<BoxedLayer> = file.into_iter().chain(stderr).collect();
    Registry::default().with(layers).with(filter)
}

#[cfg(test)]
mod tests {
    use tracing::{debug, info, warn};

    use super::capture::Capture;

    #[test]
    fn the_product_s_lines_land_the_sdk_s_chatter_does_not_and_secrets_never() {
        let capture = Capture::default();
        tracing::subscriber::with_default(capture.subscriber("info"), || {
            // As the store, the journal and the retry loop will log.
            warn!(target: "edgepurge::store", path = "/x/edgepurge.db", "the journal is locked");
            info!(target: "edgepurge::engine", part = "1of2", "sent");
            debug!(target: "edgepurge::engine", "not at info");
            warn!(target: "aws_smithy_runtime::client", "the SDK's warnings stay");
            info!(target: "aws_smithy_runtime::client", "its chatter does not");
            info!(
                authorization = "AWS4-HMAC-SHA256 Signature=abc",
                "a careless field"
            );
        });
        let text = capture.text();
        assert!(text.contains("the journal is locked"), "{text}");
        assert!(text.contains("sent part=\"1of2\""), "{text}");
        assert!(text.contains("the SDK's warnings stay"), "{text}");
        assert!(
            !text.contains("not at info") && !text.contains("chatter"),
            "{text}"
        );
        assert!(text.contains("authorization=\"***\""), "{text}");
        assert!(!text.contains("Signature=abc"), "{text}");
    }
}
