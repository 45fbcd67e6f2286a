//! What the binary-level tests share: running `edgepurge` as a user runs it, and the moto
//! server that `scripts/test.sh` starts.
#![allow(dead_code)] // each test binary uses its part

pub mod loopback;
pub mod moto;
pub mod proxy;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Where edgepurge keeps its files (drafts, the demo account's memory); every run gets one, so
/// no test writes under the user's home.
pub const STATE_DIR_ENV: &str = "EDGEPURGE_STATE_DIR";

/// `edgepurge` with a state directory of its own, removed when the directory is dropped: for a
/// run a test sets up itself.
pub fn command() -> (Command, tempfile::TempDir) {
    let state = tempfile::tempdir().expect("a temporary state directory");
    let mut command = Command::new(env!("CARGO_BIN_EXE_edgepurge"));
    command.env(STATE_DIR_ENV, state.path());
    (command, state)
}

/// `edgepurge ARGS` with `stdin` piped in (empty when none); standard output and error are
/// pipes too, so the run is never on a terminal. It has a state directory of its own, so the
/// demo account starts afresh.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_with(
        Command::new(env!("CARGO_BIN_EXE_edgepurge")).args(args),
        stdin,
    )
}

/// `edgepurge ARGS` as `run` does, with `state_dir` as its state directory: runs given the
/// same one share the demo account's memory.
pub fn run_in(state_dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    run_with(
        Command::new(env!("CARGO_BIN_EXE_edgepurge"))
            .args(args)
            .env(STATE_DIR_ENV, state_dir),
        stdin,
    )
}

/// Run a prepared command with `stdin` piped in, in a fresh state directory unless the command
/// names one.
pub fn run_with(command: &mut Command, stdin: Option<&str>) -> Output {
    let fresh = if command.get_envs().any(|(name, _)| name == STATE_DIR_ENV) {
        None
    } else {
        let dir = tempfile::tempdir().expect("a temporary state directory");
        command.env(STATE_DIR_ENV, dir.path());
        Some(dir)
    };
    let out = run_piped(command, stdin);
    drop(fresh);
    out
}

fn run_piped(command: &mut Command, stdin: Option<&str>) -> Output {
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
