//! End to end, the dashboard against what a hostile or odd environment does to it: a paste
//! that tries to press keys, leaving while a batch is on its way, stops and signals from
//! outside, and no terminal at all. The real binary on the demo account in a pseudo-terminal.

mod pty;

use std::path::Path;
use std::time::Duration;

use pty::*;

fn journal(state: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .args(["--demo", "journal", "--json"])
        .env("EDGEPURGE_STATE_DIR", state)
        .output()
        .expect("read the journal");
    serde_json::from_slice(&out.stdout).expect("the journal as JSON")
}

fn pid(s: &Session) -> libc::pid_t {
    s.child.process_id().expect("the child's pid") as libc::pid_t
}

fn signal(pid: libc::pid_t, signal: libc::c_int) {
    // SAFETY: kill() only sends a signal, to a process this test started.
    assert_eq!(
        unsafe { libc::kill(pid, signal) },
        0,
        "send signal {signal}"
    );
}

/// The process's state letter from /proc (`T` when stopped).
fn state_of(pid: libc::pid_t) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (name) S ...`: the name may hold spaces, so the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn raw_mode(s: &Session) -> bool {
    termios(&*s.master).c_lflag & (libc::ICANON | libc::ECHO) as libc::tcflag_t == 0
}

fn ready(state: &Path, extra: &[&str]) -> Session {
    let mut s = Session::start(state, extra);
    s.wait_for("the targets pane to list a distribution", |s| {
        !listed_distributions(s).is_empty()
    });
    s
}

/// A key opens the form (keys arrive one by one), Ctrl-c on the empty form quits, and the
/// terminal is left as it was found.
fn keys_work_and_it_quits(mut s: Session) {
    s.send(b"n");
    s.wait_for_text("New batch");
    s.send(b"\x03");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
}

#[test]
fn a_paste_holding_the_paste_end_is_text_and_never_sends() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = ready(state.path(), &["--no-backfill"]);
    // The paste `/evil ESC[201~ ^S y`, wrapped by the terminal: read as keys, the pasted
    // end would let Ctrl-S ask to send and `y` confirm it.
    s.send(b"\x1b[200~/evil\x1b[201~\x13y\x1b[201~");
    s.wait_for("the whole paste on the form's first line", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /evil") && l.contains('y'))
    });
    // Time for a wrongly pressed key to show; nothing is asserted about the time itself.
    s.pump(Duration::from_millis(500));
    let screen = s.screen();
    assert!(!screen.contains("Send?"), "{screen}");
    assert!(!screen.contains("sent 1"), "{screen}");
    s.send(b"\x03");
    s.wait_for_text("Quit edgepurge?");
    s.send(b"y");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
    assert_eq!(journal(state.path()), serde_json::json!([]));
}

#[test]
fn a_batch_on_its_way_shows_where_it_goes_and_can_be_left() {
    let state = tempfile::tempdir().expect("temp dir");
    // Every demo call takes 2 s: the create is still on its way when the user leaves.
    let mut s = ready(state.path(), &["--no-backfill", "--demo-latency", "2000"]);
    let first = listed_distributions(&s)[0].clone();
    s.send(b"n");
    s.wait_for_text("New batch");
    s.send(b"/on/its/way.html");
    s.wait_for("the typed line", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /on/its/way.html"))
    });
    s.send(b"\x13");
    s.wait_for_text("Send?");
    s.send(b"y");
    s.wait_for_text(&format!("sending to {first}"));
    s.wait_for_text("Esc stop waiting");
    s.send(b"\x03");
    s.wait_for_text("Still sending to 1 target: quit anyway?");
    s.send(b"y");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
    // The create was journaled before it was sent, and is not forgotten.
    let entries = journal(state.path());
    assert_eq!(entries.as_array().map(Vec::len), Some(1), "{entries}");
    assert_eq!(entries[0]["items"][0], "/on/its/way.html", "{entries}");
}

#[test]
fn a_stop_from_outside_gives_the_terminal_back_until_fg() {
    let state = tempfile::tempdir().expect("temp dir");
    let fifo = state.path().join("go-on");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // A shell with job control, as a user's: it waits while the dashboard is stopped, then
    // `fg` continues it once the test writes to the fifo.
    let script = format!(
        "set -m; \"$@\"; read -r _ < '{}'; fg >/dev/null",
        fifo.display()
    );
    let mut s = Session::start_under(state.path(), &["bash", "-c", &script, "bash"], &[]);
    s.wait_for("the targets pane to list a distribution", |s| {
        !listed_distributions(s).is_empty()
    });
    assert!(raw_mode(&s));
    let shell = pid(&s);
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    let dashboard: libc::pid_t = children
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .expect("the dashboard's pid");

    signal(dashboard, libc::SIGTSTP);
    s.wait_for("the dashboard stopped", |_| {
        state_of(dashboard) == Some('T')
    });
    s.pump(Duration::from_millis(100));
    // While it is stopped, the terminal is the shell's again: cooked, echoing, main screen.
    assert!(!raw_mode(&s), "the terminal was left raw while stopped");
    assert!(!s.terminal.screen().alternate_screen());

    std::fs::write(&fifo, b"\n").expect("let the shell go on");
    s.wait_for("the dashboard back on its screen", |s| {
        s.terminal.screen().alternate_screen() && !listed_distributions(s).is_empty()
    });
    assert!(raw_mode(&s), "the terminal was not taken back after fg");
    keys_work_and_it_quits(s);
}

#[test]
fn continued_after_a_stop_it_could_not_see_the_terminal_is_taken_back() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = ready(state.path(), &["--no-backfill"]);
    let dashboard = pid(&s);
    // SIGSTOP cannot be caught: meanwhile a shell may put the terminal back in cooked mode.
    signal(dashboard, libc::SIGSTOP);
    s.wait_for("the dashboard stopped", |_| {
        state_of(dashboard) == Some('T')
    });
    let fd = s.master.as_raw_fd().expect("the pty's fd");
    let mut cooked = termios(&*s.master);
    cooked.c_lflag |= (libc::ICANON | libc::ECHO) as libc::tcflag_t;
    // SAFETY: tcsetattr reads the struct it is given; fd is the open pty master.
    assert_eq!(unsafe { libc::tcsetattr(fd, libc::TCSANOW, &cooked) }, 0);
    // The shell's own screen shows meanwhile.
    s.take(b"\x1b[?1049l\x1b[2J".to_vec());
    signal(dashboard, libc::SIGCONT);
    s.wait_for("the dashboard drawn whole again", |s| {
        s.terminal.screen().alternate_screen() && !listed_distributions(s).is_empty()
    });
    s.wait_for("raw mode again", raw_mode);
    keys_work_and_it_quits(s);
}

#[test]
fn interrupt_and_hangup_end_it_as_a_shell_expects() {
    for (sig, status) in [(libc::SIGINT, 130), (libc::SIGHUP, 129)] {
        let state = tempfile::tempdir().expect("temp dir");
        let mut s = ready(state.path(), &["--no-backfill"]);
        signal(pid(&s), sig);
        assert_eq!(s.wait_exit().exit_code(), status, "signal {sig}");
        s.assert_restored();
    }
}

#[test]
fn without_a_terminal_it_says_which_command_to_use() {
    let state = tempfile::tempdir().expect("temp dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .arg("--demo")
        .env("EDGEPURGE_STATE_DIR", state.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run edgepurge");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "the dashboard needs a terminal; for scripts use a command such as \
             `edgepurge invalidations`"
        ),
        "{err}"
    );
}

#[test]
fn a_dumb_terminal_is_refused_with_what_to_do() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start_under(state.path(), &["env", "TERM=dumb"], &[]);
    assert_eq!(s.wait_exit().exit_code(), 2);
    let screen = s.screen();
    assert!(screen.contains("cannot draw on TERM=dumb"), "{screen}");
}
