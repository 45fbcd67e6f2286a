//! End to end: the real binary on the demo account in a pseudo-terminal at 80×24, driven with
//! keystrokes, the screen read back through a terminal emulator (vt100).
//!
//! Every wait polls the screen until a deadline and fails with the screen as it was; nothing
//! here asserts on how long anything took.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// Generous: a loaded machine building other things may be slow, and a wait ends as soon as
/// the screen is right.
const DEADLINE: Duration = Duration::from_secs(20);
/// The escape that leaves the alternate screen: the last thing a restored terminal is sent.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

/// Counts the bells the program rings (a BEL that ends an OSC escape is not one).
#[derive(Default)]
struct Bells(usize);

impl vt100::Callbacks for Bells {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0 += 1;
    }
}

/// edgepurge running in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    /// Everything the program wrote, for the checks on how it left the terminal.
    raw: Vec<u8>,
    terminal: vt100::Parser<Bells>,
    /// The reader thread saw the end of the output (the program closed the terminal).
    closed: bool,
    /// The pty's line settings before the program started, to compare after it leaves.
    termios_before: libc::termios,
}

impl Session {
    fn start(state_dir: &Path, extra_args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_edgepurge"));
        cmd.args(["--demo", "--demo-speed", "200"]);
        cmd.args(extra_args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("EDGEPURGE_STATE_DIR", state_dir);
        cmd.env("EDGEPURGE_CONFIG", "/dev/null");
        // Whatever the program writes under the user's directories stays in the temp dir too.
        cmd.env("HOME", state_dir);
        cmd.env("XDG_STATE_HOME", state_dir.join("xdg-state"));
        cmd.env("XDG_CONFIG_HOME", state_dir.join("xdg-config"));
        cmd.env("XDG_DATA_HOME", state_dir.join("xdg-data"));
        cmd.cwd(state_dir);
        let termios_before = termios(&*pair.master);
        let child = pair.slave.spawn_command(cmd).expect("start edgepurge");
        // Only the child holds the terminal's other end now, so reads end when it exits.
        drop(pair.slave);

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // EOF, or EIO on Linux once the child's side is closed.
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Self {
            child,
            master: pair.master,
            writer,
            output,
            raw: Vec::new(),
            terminal: vt100::Parser::new_with_callbacks(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("columns"),
                0,
                Bells::default(),
            ),
            closed: false,
            termios_before,
        }
    }

    /// Take in what the program wrote, waiting at most `timeout` for the first of it.
    fn pump(&mut self, timeout: Duration) {
        match self.output.recv_timeout(timeout) {
            Ok(bytes) => self.take(bytes),
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                return;
            }
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.take(bytes);
        }
    }

    fn take(&mut self, bytes: Vec<u8>) {
        self.terminal.process(&bytes);
        self.raw.extend_from_slice(&bytes);
    }

    fn screen(&self) -> String {
        self.terminal.screen().contents()
    }

    fn bells(&self) -> usize {
        self.terminal.callbacks().0
    }

    /// Poll until `ready` holds, or fail saying what was awaited and what the screen showed.
    fn wait_for(&mut self, what: &str, ready: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if ready(self) {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("timed out after {DEADLINE:?} waiting for {what}"));
            }
            if self.closed {
                self.fail(&format!(
                    "the program closed the terminal while waiting for {what}"
                ));
            }
            self.pump(Duration::from_millis(50));
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.screen().contains(text)
        });
    }

    fn fail(&mut self, why: &str) -> ! {
        let screen = self.screen();
        let _ = self.child.kill();
        panic!("{why}\n--- screen ---\n{screen}\n--------------");
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Wait for the program to exit; its status, with the output read to the end.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for edgepurge") {
                // The reader ends once the terminal's other side is closed: read it all.
                while !self.closed && Instant::now() < deadline {
                    self.pump(Duration::from_millis(50));
                }
                return status;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("edgepurge did not exit within {DEADLINE:?}"));
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// The terminal is as the program found it: out of the alternate screen (the last thing
    /// written), no mouse reports, no bracketed paste, the cursor shown, and the line settings
    /// (cooked mode, echo) back.
    fn assert_restored(&self) {
        let tail = String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(64)..]);
        assert!(
            self.raw.ends_with(LEAVE_ALTERNATE_SCREEN),
            "the output does not end by leaving the alternate screen; it ends with {tail:?}"
        );
        let screen = self.terminal.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reports left on"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste left on");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        let after = termios(&*self.master);
        let modes = (libc::ICANON | libc::ECHO | libc::ISIG) as libc::tcflag_t;
        assert_eq!(
            after.c_lflag & modes,
            self.termios_before.c_lflag & modes,
            "raw mode left on (c_lflag {:#o}, was {:#o})",
            after.c_lflag,
            self.termios_before.c_lflag
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave the program running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn termios(master: &dyn MasterPty) -> libc::termios {
    let fd = master.as_raw_fd().expect("the pty's file descriptor");
    // SAFETY: tcgetattr writes into the zeroed struct it is given; fd is the open pty master.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(fd, &mut t), 0, "tcgetattr on the pty");
        t
    }
}

/// The text of screen row `row` between columns `from` and `to`.
fn cells(s: &Session, row: u16, from: u16, to: u16) -> String {
    let screen = s.terminal.screen();
    (from..to)
        .filter_map(|col| screen.cell(row, col))
        .map(|c| c.contents())
        .collect()
}

/// The distribution ids listed in the targets pane, top to bottom.
fn listed_distributions(s: &Session) -> Vec<String> {
    (0..ROWS)
        .map(|row| cells(s, row, 0, COLS / 3))
        .filter_map(|line| {
            // ` E2QWRUHAPOMQZL www.…`: a CloudFront distribution id is E and 13 more.
            let word = line.trim_start_matches(['┃', '│', ' ']).split(' ').next()?;
            let id = word.len() == 14
                && word.starts_with('E')
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            id.then(|| word.to_string())
        })
        .collect()
}

/// The form's line `n` as shown: `1 /index.html   ✓`.
fn form_line(s: &Session, n: usize) -> Option<String> {
    let prefix = format!("{n} ");
    s.screen()
        .lines()
        .map(|l| l.trim_start_matches(['┃', '│', ' ']).to_string())
        .find(|l| l.starts_with(&prefix))
}

#[test]
fn a_batch_with_a_bad_line_is_fixed_sent_and_watched_to_completed() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(state.path(), &[]);

    s.wait_for("the targets pane to list two distributions", |s| {
        listed_distributions(s).len() >= 2
    });
    let second = listed_distributions(&s)[1].clone();
    s.send(b"j");
    s.wait_for(&format!("{second}'s invalidations"), |s| {
        s.screen().contains(&format!("Invalidations · {second}"))
    });

    s.send(b"n");
    s.wait_for_text("New batch");
    s.wait_for(&format!("{second} chosen in the form"), |s| {
        s.screen().contains(&format!("[x] {second}"))
    });

    // A path without its leading slash, and a good one.
    s.send(b"index.html\r/ok");
    s.wait_for("line 1 rejected with its fix offered", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 index.html") && l.contains('✗'))
    });
    s.wait_for("line 2 kept", |s| {
        form_line(s, 2).is_some_and(|l| l.starts_with("2 /ok") && l.contains('✓'))
    });

    s.send(b"\x06"); // Ctrl-f: accept every offered fix
    s.wait_for("line 1 fixed to /index.html", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /index.html") && l.contains('✓'))
            && !s.screen().contains('✗')
    });

    s.send(b"\x13"); // Ctrl-s: submit
    s.wait_for_text("Send 2 paths to 1 target");
    assert_eq!(s.bells(), 0, "a bell before anything was sent");

    s.send(b"y");
    s.wait_for("the form to close on the new batch being watched", |s| {
        let screen = s.screen();
        screen.contains("Watching") && !screen.contains("New batch")
    });
    s.wait_for(&format!("the batch on {second} shown Completed"), |s| {
        s.screen()
            .lines()
            .any(|l| l.contains(&format!("on {second}")) && l.contains("Completed after"))
    });
    s.wait_for("the bell", |s| s.bells() > 0);

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.assert_restored();
}

#[test]
fn sigterm_with_text_in_the_form_keeps_the_draft_and_restores_the_terminal() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(state.path(), &[]);
    s.wait_for("the targets pane to list a distribution", |s| {
        !listed_distributions(s).is_empty()
    });
    let first = listed_distributions(&s)[0].clone();
    s.send(b"n");
    s.wait_for_text("New batch");
    s.send(b"/keep/me.html");
    s.wait_for("the typed line in the form", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /keep/me.html"))
    });

    let pid = s.child.process_id().expect("edgepurge's pid") as libc::pid_t;
    // SAFETY: kill() only sends a signal, to the child this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "send SIGTERM");
    let status = s.wait_exit();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    s.assert_restored();

    let saved = saved_drafts(state.path());
    assert!(
        saved.iter().any(|t| t.contains("/keep/me.html")),
        "{saved:?}"
    );

    // The next start offers it back; taking it opens the form with the line.
    let mut s = Session::start(state.path(), &[]);
    s.wait_for_text("A batch from last time was not sent");
    s.wait_for_text(&format!("1 line for {first}"));
    s.send(b"y");
    s.wait_for("the draft's line back in the form", |s| {
        s.screen().contains("New batch")
            && form_line(s, 1).is_some_and(|l| l.starts_with("1 /keep/me.html"))
    });
    s.send(b"\x03"); // Ctrl-c: quit; with a batch in the form it asks first
    s.wait_for_text("Quit edgepurge?");
    s.send(b"y");
    let status = s.wait_exit();
    assert!(status.success(), "exit status after quitting: {status:?}");
    s.assert_restored();
}

/// The texts of the drafts in the demo account's store, as `sqlite3` would read them.
fn saved_drafts(state: &std::path::Path) -> Vec<String> {
    let Ok(db) = rusqlite::Connection::open(state.join("demo.db")) else {
        return Vec::new();
    };
    let Ok(mut query) = db.prepare("SELECT text FROM drafts") else {
        return Vec::new();
    };
    query
        .query_map([], |r| r.get(0))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

#[test]
fn kill_9_while_typing_loses_at_most_the_last_second() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(state.path(), &["--no-backfill"]);
    s.wait_for("the targets pane to list a distribution", |s| {
        !listed_distributions(s).is_empty()
    });
    s.send(b"n");
    s.wait_for_text("New batch");
    s.send(b"/typed/before/the/crash.html");
    // Saved about a second after the typing: waited for in the store itself.
    s.wait_for("the draft in the store", |_| {
        saved_drafts(state.path())
            .iter()
            .any(|t| t.contains("/typed/before/the/crash.html"))
    });
    let pid = s.child.process_id().expect("edgepurge's pid") as libc::pid_t;
    // SAFETY: kill() only sends a signal, to the child this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0, "send SIGKILL");
    let _ = s.wait_exit();

    let mut s = Session::start(state.path(), &["--no-backfill"]);
    s.wait_for_text("A batch from last time was not sent");
    s.send(b"y");
    s.wait_for("the line back in the form", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /typed/before/the/crash.html"))
    });
    s.send(b"\x18"); // Ctrl-x: discard it
    s.wait_for_text("Throw");
    s.send(b"y");
    s.wait_for("the draft forgotten", |_| {
        saved_drafts(state.path()).is_empty()
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
}

#[test]
fn a_purge_killed_mid_flight_is_offered_at_start_and_sent_again_without_a_second() {
    let state = tempfile::tempdir().expect("temp dir");
    // A command killed (SIGKILL) after the service made the invalidation, before the answer
    // was recorded.
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .args([
            "--demo",
            "--demo-speed",
            "200",
            "purge",
            "E2QWRUHAPOMQZL",
            "/killed.html",
            "--yes",
        ])
        .env("EDGEPURGE_STATE_DIR", state.path())
        .env("EDGEPURGE_TEST_CRASH_AT", "after-answer")
        .output()
        .expect("run the purge");
    assert!(!killed.status.success());
    let mut s = Session::start(state.path(), &["--no-backfill"]);
    s.wait_for_text("Unconfirmed purges");
    s.wait_for_text("/killed.html");
    s.send(b"y");
    s.wait_for("the purge found again and watched", |s| {
        s.screen().contains("on E2QWRUHAPOMQZL; watching")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
    s.assert_restored();
    // One invalidation for it, and the journal says it was sent.
    let journal = std::process::Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .args(["--demo", "journal", "--json"])
        .env("EDGEPURGE_STATE_DIR", state.path())
        .output()
        .expect("read the journal");
    let entries: serde_json::Value = serde_json::from_slice(&journal.stdout).expect("JSON");
    assert_eq!(entries.as_array().map(Vec::len), Some(1), "{entries}");
    assert_eq!(entries[0]["state"], "sent", "{entries}");
    assert_eq!(entries[0]["tries"], 2, "{entries}");
}

#[test]
fn the_history_search_finds_a_path_purged_by_an_earlier_run_and_opens_it() {
    let state = tempfile::tempdir().expect("temp dir");
    let sent = std::process::Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .args([
            "--demo",
            "--demo-speed",
            "200",
            "--demo-history",
            "3",
            "purge",
            "E1KTRHKC8G4ZSF",
            "/assets/app.css",
            "--yes",
            "--json",
        ])
        .env("EDGEPURGE_STATE_DIR", state.path())
        .output()
        .expect("run the purge");
    assert!(
        sent.status.success(),
        "{}",
        String::from_utf8_lossy(&sent.stderr)
    );
    let made: serde_json::Value = serde_json::from_slice(&sent.stdout).expect("JSON");
    let id = made[0]["id"].as_str().expect("an id").to_string();
    let mut s = Session::start(state.path(), &["--demo-history", "3"]);
    s.wait_for_text("targets up to date");
    s.send(b"s");
    s.wait_for_text("Search the history");
    s.send(b"app.css");
    s.wait_for(&format!("{id} among the results"), |s| {
        s.screen().contains(&id)
    });
    s.send(b"\r");
    s.wait_for("its list, narrowed to it", |s| {
        s.screen().contains("E1KTRHKC8G4ZSF") && s.screen().contains("/assets/app.css")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_the_dashboard_comes_back_whole() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = Session::start(state.path(), &["--no-backfill"]);
    s.wait_for("the targets pane to list a distribution", |s| {
        !listed_distributions(s).is_empty()
    });
    // The test's pty has no job control (the program leads its own session), so the stop is
    // not taken: what is exercised is the way out and back in, and the frame redrawn whole.
    s.send(b"\x1a");
    s.send(b"n");
    s.wait_for_text("New batch");
    s.send(b"/after/suspend.html");
    s.wait_for("the typed line in the form", |s| {
        form_line(s, 1).is_some_and(|l| l.starts_with("1 /after/suspend.html"))
    });
    s.send(b"\x18"); // Ctrl-x: discard
    s.wait_for_text("Throw");
    s.send(b"y");
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
    s.assert_restored();
}
