//! What the binary-level tests share: running `edgepurge` as a user runs it, and the moto
//! server that `scripts/test.sh` starts.
#![allow(dead_code)] // each test binary uses its part

pub mod moto;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// `edgepurge ARGS` with `stdin` piped in (empty when none); standard output and error are
/// pipes too, so the run is never on a terminal.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_with(
        Command::new(env!("CARGO_BIN_EXE_edgepurge")).args(args),
        stdin,
    )
}

/// Where the binary keeps its state (its log among it) when a test did not choose: the target
/// directory, never the home directory of whoever runs the tests.
pub const STATE_DIR: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/edgepurge-state");

/// Run a prepared command with `stdin` piped in. Unless the test chose a state directory, the
/// run gets a fresh one of its own, so runs in parallel never see each other's state.
pub fn run_with(command: &mut Command, stdin: Option<&str>) -> Output {
    let chosen = command
        .get_envs()
        .any(|(name, _)| name == "EDGEPURGE_STATE_DIR");
    // Removed when the run is over.
    let _state = (!chosen).then(|| {
        let dir = tempfile::Builder::new()
            .prefix("state-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a state directory");
        command.env("EDGEPURGE_STATE_DIR", dir.path());
        dir
    });
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    // A command that refuses early may not read its input: a closed pipe is no error here.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().expect("it finishes")
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output as JSON; the test fails with both streams shown when it is not.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(out), stderr(out)))
}

/// The keys of a JSON object, sorted.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// Whether `text` is an RFC 3339 time.
pub fn is_rfc3339(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok())
}
