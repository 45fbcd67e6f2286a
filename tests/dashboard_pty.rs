//! End to end: the real binary on the demo account in a pseudo-terminal at 80×24, driven with
//! keystrokes, the screen read back through a terminal emulator (vt100).

mod pty;

use pty::*;

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
    // As a shell reports a process ended by SIGTERM: 128 + 15.
    assert_eq!(
        status.exit_code(),
        143,
        "exit status after SIGTERM: {status:?}"
    );
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
