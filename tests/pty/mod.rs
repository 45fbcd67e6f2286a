//! The real binary on the demo account in a pseudo-terminal at 80×24, driven with keystrokes,
//! the screen read back through a terminal emulator (vt100). Shared by the end-to-end tests.
//!
//! Every wait polls the screen until a deadline and fails with the screen as it was; nothing
//! here asserts on how long anything took.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Generous: a loaded machine building other things may be slow, and a wait ends as soon as
/// the screen is right.
pub const DEADLINE: Duration = Duration::from_secs(20);
/// The escape that leaves the alternate screen: the last thing a restored terminal is sent.
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

/// Counts the bells the program rings (a BEL that ends an OSC escape is not one).
#[derive(Default)]
pub struct Bells(usize);

impl vt100::Callbacks for Bells {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0 += 1;
    }
}

/// edgepurge running in a pseudo-terminal.
pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<Vec<u8>>,
    /// Everything the program wrote, for the checks on how it left the terminal.
    pub raw: Vec<u8>,
    pub terminal: vt100::Parser<Bells>,
    /// The reader thread saw the end of the output (the program closed the terminal).
    pub closed: bool,
    /// The pty's line settings before the program started, to compare after it leaves.
    pub termios_before: libc::termios,
}

impl Session {
    pub fn start(state_dir: &Path, extra_args: &[&str]) -> Self {
        Self::start_under(state_dir, &[], extra_args)
    }

    /// Started by `wrapper` (a program and its first arguments, e.g. a shell with job
    /// control), which is given edgepurge's path and arguments after its own.
    pub fn start_under(state_dir: &Path, wrapper: &[&str], extra_args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let binary = env!("CARGO_BIN_EXE_edgepurge");
        let mut cmd = match wrapper.split_first() {
            Some((program, args)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(args);
                cmd.arg(binary);
                cmd
            }
            None => CommandBuilder::new(binary),
        };
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
    pub fn pump(&mut self, timeout: Duration) {
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

    pub fn take(&mut self, bytes: Vec<u8>) {
        self.terminal.process(&bytes);
        self.raw.extend_from_slice(&bytes);
    }

    pub fn screen(&self) -> String {
        self.terminal.screen().contents()
    }

    pub fn bells(&self) -> usize {
        self.terminal.callbacks().0
    }

    /// Poll until `ready` holds, or fail saying what was awaited and what the screen showed.
    pub fn wait_for(&mut self, what: &str, ready: impl Fn(&Session) -> bool) {
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

    pub fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.screen().contains(text)
        });
    }

    pub fn fail(&mut self, why: &str) -> ! {
        let screen = self.screen();
        let _ = self.child.kill();
        panic!("{why}\n--- screen ---\n{screen}\n--------------");
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Wait for the program to exit; its status, with the output read to the end.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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
    pub fn assert_restored(&self) {
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

pub fn termios(master: &dyn MasterPty) -> libc::termios {
    let fd = master.as_raw_fd().expect("the pty's file descriptor");
    // SAFETY: tcgetattr writes into the zeroed struct it is given; fd is the open pty master.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(fd, &mut t), 0, "tcgetattr on the pty");
        t
    }
}

/// The text of screen row `row` between columns `from` and `to`.
pub fn cells(s: &Session, row: u16, from: u16, to: u16) -> String {
    let screen = s.terminal.screen();
    (from..to)
        .filter_map(|col| screen.cell(row, col))
        .map(|c| c.contents())
        .collect()
}

/// The distribution ids listed in the targets pane, top to bottom.
pub fn listed_distributions(s: &Session) -> Vec<String> {
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
pub fn form_line(s: &Session, n: usize) -> Option<String> {
    let prefix = format!("{n} ");
    s.screen()
        .lines()
        .map(|l| l.trim_start_matches(['┃', '│', ' ']).to_string())
        .find(|l| l.starts_with(&prefix))
}
