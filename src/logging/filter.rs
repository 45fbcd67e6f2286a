//! Which lines are written: the user's filter (`EDGEPURGE_LOG`, else `RUST_LOG`, in
//! `EnvFilter` syntax), default `info`; the SDK and HTTP crates stay at `warn` unless the filter
//! names them, since at debug/trace they dump requests (headers included) and flood the file.

use tracing_subscriber::EnvFilter;

pub const LOG_ENV: &str = "EDGEPURGE_LOG";
const FALLBACK_ENV: &str = "RUST_LOG";
const DEFAULT: &str = "info";

/// Target prefixes kept at `warn` by default (EnvFilter matches targets by prefix, so `aws_`
/// covers aws_config, aws_sigv4, aws_smithy_*, the service crates…).
const QUIET_CRATES: &[&str] = &["aws_", "hyper", "h2", "rustls", "tokio_rustls", "tower"];

/// The filter from the environment, and a note when the user's filter had to be set aside.
pub fn from_env() -> (EnvFilter, Option<String>) {
    let var = |name| std::env::var(name).ok();
    choose(var(LOG_ENV), var(FALLBACK_ENV))
}

/// An empty variable counts as unset.
fn choose(own: Option<String>, fallback: Option<String>) -> (EnvFilter, Option<String>) {
    let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    match given(own)
        .map(|v| (LOG_ENV, v))
        .or_else(|| given(fallback).map(|v| (FALLBACK_ENV, v)))
    {
        Some((name, spec)) => match build(&spec) {
            Ok(filter) => (filter, None),
            Err(e) => (
                default(),
                Some(format!(
                    "{name}={spec:?} is not a log filter ({e}); logging at info"
                )),
            ),
        },
        None => (default(), None),
    }
}

fn default() -> EnvFilter {
    // The built-in spec always parses; `parse_lossy` keeps that from being an unwrap.
    EnvFilter::builder().parse_lossy(with_quiet_crates(DEFAULT))
}

/// The user's spec, with the SDK crates quieted unless it names them.
pub fn build(spec: &str) -> Result<EnvFilter, tracing_subscriber::filter::ParseError> {
    EnvFilter::builder().parse(with_quiet_crates(spec))
}

fn with_quiet_crates(spec: &str) -> String {
    let named: Vec<&str> = spec.split(',').filter_map(directive_target).collect();
    let mut out = spec.trim().to_string();
    for quiet in QUIET_CRATES {
        // `aws=debug` and `aws_sigv4=trace` both name (part of) `aws_`: the user's wins.
        if !named
            .iter()
            .any(|t| t.starts_with(quiet) || quiet.starts_with(t))
        {
            out.push_str(&format!(",{quiet}=warn"));
        }
    }
    out
}

/// The target a directive names: `aws_config=debug` → `aws_config`; `debug` → none.
fn directive_target(directive: &str) -> Option<&str> {
    let directive = directive.trim();
    let head = directive
        .split(['[', '='])
        .next()
        .unwrap_or_default()
        .trim();
    let is_level = !directive.contains('=')
        && head
            .parse::<tracing_subscriber::filter::LevelFilter>()
            .is_ok();
    (!head.is_empty() && !is_level).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sdk_stays_at_warn_unless_named() {
        assert_eq!(
            with_quiet_crates("trace"),
            "trace,aws_=warn,hyper=warn,h2=warn,rustls=warn,tokio_rustls=warn,tower=warn"
        );
        let named = with_quiet_crates("debug,aws_sigv4=trace,hyper_util=debug");
        assert!(!named.contains("aws_=warn"), "{named}");
        assert!(!named.contains("hyper=warn"), "{named}");
        assert!(named.contains("h2=warn"), "{named}");
        // A shorter prefix names them too.
        assert!(!with_quiet_crates("aws=debug").contains("aws_=warn"));
    }

    #[test]
    fn directives_are_read_for_their_target() {
        assert_eq!(directive_target("debug"), None);
        assert_eq!(directive_target(" aws_config=debug "), Some("aws_config"));
        assert_eq!(directive_target("edgepurge"), Some("edgepurge"));
        assert_eq!(directive_target("[backend]=debug"), None);
        assert_eq!(directive_target("h2[conn]=trace"), Some("h2"));
    }

    #[test]
    fn edgepurge_log_wins_over_rust_log() {
        use tracing_subscriber::filter::LevelFilter;
        let level = |f: &EnvFilter| f.max_level_hint();
        let (filter, note) = choose(Some("trace".into()), Some("debug".into()));
        assert_eq!((level(&filter), note), (Some(LevelFilter::TRACE), None));
        let (filter, _) = choose(Some(" ".into()), Some("debug".into()));
        assert_eq!(level(&filter), Some(LevelFilter::DEBUG));
        let (filter, note) = choose(None, None);
        assert_eq!((level(&filter), note), (Some(LevelFilter::INFO), None));
        let (filter, note) = choose(Some("edgepurge=loud".into()), Some("trace".into()));
        assert_eq!(level(&filter), Some(LevelFilter::INFO));
        let note = note.unwrap_or_default();
        assert!(
            note.contains("EDGEPURGE_LOG") && note.contains("at info"),
            "{note}"
        );
    }

    #[test]
    fn a_broken_filter_is_refused() {
        assert!(build("edgepurge=loud").is_err());
        assert!(build("debug,edgepurge::backend=trace").is_ok());
        assert_eq!(default().to_string(), build(DEFAULT).unwrap().to_string());
    }
}
