//! End to end, the mouse and the clipboard: a click selects the row under it, the copy key
//! writes OSC 52, and `--no-mouse` leaves the mouse to the terminal. The real binary on the
//! demo account in a pseudo-terminal at 80×24.

mod pty;

use base64::Engine;
use pty::*;

/// Mouse reports on: any-event tracking, as crossterm asks for them.
const MOUSE_ON: &[u8] = b"\x1b[?1000h";

fn ready(state: &std::path::Path, extra: &[&str]) -> Session {
    let mut s = Session::start(state, extra);
    s.wait_for("the targets pane to list a distribution", |s| {
        listed_distributions(s).len() >= 3
    });
    s
}

/// What the last OSC 52 the program wrote put on the clipboard.
fn clipboard(s: &Session) -> Option<String> {
    let raw = &s.raw;
    let start = raw.windows(7).rposition(|w| w == b"\x1b]52;c;")? + 7;
    let end = start + raw[start..].iter().position(|&b| b == 0x07)?;
    let text = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .ok()?;
    String::from_utf8(text).ok()
}

#[test]
fn a_click_selects_the_target_under_it_and_y_copies_it() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = ready(state.path(), &["--no-backfill"]);
    assert!(
        s.raw.windows(MOUSE_ON.len()).any(|w| w == MOUSE_ON),
        "mouse reports were not asked for"
    );
    s.send(b"y");
    s.wait_for("the first target on the clipboard", |s| {
        clipboard(s).as_deref() == Some(listed_distributions(s)[0].as_str())
    });
    // The row of the third distribution, as drawn.
    let third = listed_distributions(&s)[2].clone();
    let row = (0..ROWS)
        .find(|&r| cells(&s, r, 0, COLS / 3).contains(&third))
        .expect("the third distribution on screen");
    // A left click there (SGR report, 1-based column and row), then its release.
    s.send(format!("\x1b[<0;4;{}M\x1b[<0;4;{}m", row + 1, row + 1).as_bytes());
    s.pump(std::time::Duration::from_millis(200));
    s.send(b"y");
    s.wait_for("the clicked target on the clipboard", |s| {
        clipboard(s).as_deref() == Some(third.as_str())
    });
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let state = tempfile::tempdir().expect("temp dir");
    let mut s = ready(state.path(), &["--no-backfill", "--no-mouse"]);
    assert!(
        !s.raw.windows(MOUSE_ON.len()).any(|w| w == MOUSE_ON),
        "mouse reports were asked for"
    );
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 0);
    s.assert_restored();
}
