//! The log as the binary writes it: a real request path (the AWS SDK signing with keys and a
//! session token, against a loopback server that fails once, then answers) at the most
//! verbose filter, and not one secret in the file or on standard error.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use common::{code, run_with, stderr, stdout};

const KEY_ID: &str = "AKIAEDGEPURGETEST123";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYedgepurgeKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEdgepurgeSessionToken//////////wEaCXVzLWVhc3QtMSJH";
const URL_PASSWORD: &str = "hunter2pw";

const LIST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<InvalidationList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
  <Marker></Marker><MaxItems>20</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity>
  <Items><InvalidationSummary><Id>I2J0I21PCUYOIK</Id><CreateTime>2026-11-22T09:30:00Z</CreateTime><Status>Completed</Status></InvalidationSummary></Items>
</InvalidationList>"#;

/// A CloudFront stand-in on loopback: answers 500 to the first `failures` requests, then the
/// list; keeps the head of every request it got.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(failures: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { return };
                let head = answer(stream, n < failures, n);
                seen.lock().unwrap().push(head);
            }
        });
        Self { port, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn answer(stream: TcpStream, fail: bool, n: usize) -> String {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0usize);
    let _ = reader.take(length as u64).read_to_end(&mut Vec::new());
    let (status, body) = if fail {
        (
            "500 Internal Server Error",
            "<ErrorResponse><Error><Code>InternalError</Code><Message>try again</Message></Error></ErrorResponse>",
        )
    } else {
        ("200 OK", LIST)
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nx-amzn-RequestId: req-edgepurge-{n}\r\nContent-Type: text/xml\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    head
}

/// `edgepurge ARGS` with only the environment given here: keys, token and region in the
/// environment, no AWS files, no instance metadata, the state directory in `home`.
fn edgepurge(home: &Path, log_filter: &str, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_edgepurge"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("EDGEPURGE_STATE_DIR", state_dir(home))
        .env("EDGEPURGE_LOG", log_filter)
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN);
    run_with(&mut command, None)
}

fn state_dir(home: &Path) -> PathBuf {
    home.join("state")
}

fn log_text(home: &Path) -> String {
    std::fs::read_to_string(state_dir(home).join("edgepurge.log")).unwrap_or_default()
}

/// The signature the server received: it must not be in the log either.
fn signature(requests: &[String]) -> String {
    requests
        .iter()
        .flat_map(|r| r.lines())
        .find_map(|l| {
            l.split_once("Signature=")
                .map(|(_, s)| s.trim().to_string())
        })
        .unwrap_or_default()
}

/// The target of a log line: `TIME LEVEL [spans:] target: message`, the first word after
/// the spans that is a module path and a colon.
fn target_of(line: &str) -> Option<&str> {
    line.split_whitespace().skip(2).find_map(|word| {
        let path = word.strip_suffix(':')?;
        let is_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':');
        is_path.then_some(path)
    })
}

fn assert_no_secret(text: &str, extra: &[&str], what: &str) {
    for secret in [KEY_ID, SECRET, TOKEN, URL_PASSWORD].iter().chain(extra) {
        assert!(!secret.is_empty());
        assert!(!text.contains(secret), "{what} holds {secret}:\n{text}");
    }
}

#[test]
fn no_secret_reaches_the_log_even_with_every_crate_at_trace() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(1);
    let endpoint = format!("http://user:{URL_PASSWORD}@127.0.0.1:{}", server.port);
    // Naming the SDK and HTTP crates lifts them from warn: everything they can say is said.
    let filter = "trace,aws_=trace,hyper=trace,h2=trace,rustls=trace,tower=trace";
    let out = edgepurge(
        home.path(),
        filter,
        &["--endpoint-url", &endpoint, "invalidations", "E123", "-v"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("I2J0I21PCUYOIK"), "{}", stdout(&out));

    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    // The requests were signed with these keys and carried the token: the test is honest.
    assert!(
        requests[1].contains(KEY_ID) && requests[1].contains(TOKEN),
        "{}",
        requests[1]
    );
    let signature = signature(&requests);

    let log = log_text(home.path());
    // The signer's canonical request (headers, token) was written, and masked.
    assert!(
        log.lines()
            .any(|l| target_of(l) == Some("aws_sigv4::http_request::sign")
                && l.contains("canonical_request")),
        "the SDK was not heard:\n{log}"
    );
    assert!(log.contains("retrying"), "{log}");
    assert!(
        log.lines()
            .any(|l| l.contains("operation=list_invalidations target=E123")
                && l.contains("request_id=req-edgepurge-0,req-edgepurge-1")
                && l.contains(" ok ")),
        "{log}"
    );
    assert_no_secret(&log, &[&signature], "the log file");
    assert_no_secret(&stderr(&out), &[&signature], "standard error");
}

#[test]
fn by_default_the_sdk_says_only_warnings() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(0);
    let endpoint = format!("http://127.0.0.1:{}", server.port);
    let out = edgepurge(
        home.path(),
        "trace",
        &["--endpoint-url", &endpoint, "invalidations", "E123"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Without -v nothing is said on standard error.
    assert_eq!(stderr(&out), "");
    let log = log_text(home.path());
    assert!(log.contains("operation=list_invalidations"), "{log}");
    for line in log.lines() {
        let Some(target) = target_of(line) else {
            continue;
        };
        let quiet = ["aws_", "hyper", "h2", "rustls"]
            .iter()
            .any(|q| target.starts_with(q));
        assert!(
            !quiet || line.contains(" WARN ") || line.contains(" ERROR "),
            "{line}"
        );
    }
    assert_no_secret(&log, &[&signature(&server.requests())], "the log file");
}

#[cfg(unix)]
#[test]
fn the_log_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let out = edgepurge(home.path(), "info", &["--demo", "validate", "/a"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = state_dir(home.path());
    assert_eq!(mode(&dir), 0o700);
    // Through the link: today's file.
    assert_eq!(mode(&dir.join("edgepurge.log")), 0o600);
}

#[test]
fn a_state_directory_that_cannot_be_written_leaves_the_command_working() {
    let home = tempfile::tempdir().unwrap();
    // A file where the state directory should be: not even root can create it.
    std::fs::write(state_dir(home.path()), "").unwrap();
    let quiet = edgepurge(home.path(), "info", &["--demo", "validate", "/a"]);
    assert_eq!(code(&quiet), 0, "{}", stderr(&quiet));
    assert!(
        !stderr(&quiet).contains("logging is off"),
        "{}",
        stderr(&quiet)
    );
    let verbose = edgepurge(home.path(), "info", &["--demo", "validate", "/a", "-v"]);
    assert_eq!(code(&verbose), 0);
    let said = stderr(&verbose);
    assert_eq!(said.matches("logging is off").count(), 1, "{said}");
}

#[test]
fn completions_leave_no_log() {
    let home = tempfile::tempdir().unwrap();
    let out = edgepurge(home.path(), "trace", &["completions", "bash"]);
    assert_eq!(code(&out), 0);
    assert!(!state_dir(home.path()).exists());
}

#[test]
fn a_filter_that_does_not_parse_is_said_and_set_aside() {
    let home = tempfile::tempdir().unwrap();
    let out = edgepurge(home.path(), "edgepurge=loud", &["--demo", "validate", "/a"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("EDGEPURGE_LOG"), "{}", stderr(&out));
}
