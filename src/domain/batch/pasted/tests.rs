use super::*;

/// The note and the fix (its lines, and whether fix all applies it) of a pasted line.
fn judged(text: &str) -> (String, Option<(Vec<String>, bool)>) {
    let v = judge_pasted(text).unwrap_or_else(|| panic!("{text} should be recognised"));
    assert_eq!(v.normalized, None, "{text} is rejected");
    let fix = v.fix.map(|f| (f.lines, f.same_meaning));
    (v.notes[0].text.clone(), fix)
}

fn same_meaning(path: &str) -> Option<(Vec<String>, bool)> {
    Some((vec![path.to_string()], true))
}

#[test]
fn an_s3_upload_line_offers_the_object_it_changed() {
    let (note, fix) = judged("upload: dist/app.js to s3://bucket/app.js");
    assert!(note.contains("aws s3 output"), "{note}");
    assert!(note.contains("s3://bucket/app.js"), "{note}");
    assert!(note.contains("origin path"), "says what it assumes: {note}");
    assert_eq!(fix, same_meaning("/app.js"));
    let (_, fix) = judged("(dryrun) upload: dist/my file.js to s3://bucket/js/my file.js");
    assert_eq!(fix, same_meaning("/js/my%20file.js"), "encoded as required");
    let (_, fix) = judged("upload: ./a to b/x.js to s3://bucket/100%.html");
    assert_eq!(
        fix,
        same_meaning("/100%25.html"),
        "a key is a name: its % is encoded"
    );
}

#[test]
fn copy_move_and_delete_lines_offer_the_object_changed() {
    let (_, fix) = judged("copy: s3://a/k.css to s3://b/site/k.css");
    assert_eq!(
        fix,
        same_meaning("/site/k.css"),
        "the copy, not the original"
    );
    let (_, fix) = judged("move: s3://a/old.js to s3://a/new.js");
    assert_eq!(fix, same_meaning("/new.js"));
    let (_, fix) = judged("move: s3://a/gone.js to ./gone.js");
    assert_eq!(
        fix,
        same_meaning("/gone.js"),
        "moved out: the object removed"
    );
    let (note, fix) = judged("delete: s3://bucket/old/app.js");
    assert!(note.contains("s3://bucket/old/app.js"), "{note}");
    assert_eq!(fix, same_meaning("/old/app.js"));
}

#[test]
fn a_download_line_changes_nothing_to_purge() {
    let (note, fix) = judged("download: s3://bucket/a.js to a.js");
    assert!(note.contains("nothing to purge"), "{note}");
    assert_eq!(fix, None);
}

#[test]
fn a_key_with_a_star_is_offered_on_its_line_only() {
    let (note, fix) = judged("upload: x to s3://bucket/img/*");
    assert!(note.contains("wildcard"), "{note}");
    assert_eq!(fix, Some((vec!["/img/*".to_string()], false)));
}

#[test]
fn an_access_log_line_offers_its_path_on_its_line_only() {
    let line =
        r#"203.0.113.9 - - [30/Nov/2026:12:00:00 +0000] "GET /img/a.png?v=2 HTTP/1.1" 200 512"#;
    let (note, fix) = judged(line);
    assert!(note.contains("access log"), "{note}");
    assert_eq!(fix, Some((vec!["/img/a.png?v=2".to_string()], false)));
}

#[test]
fn a_log_line_found_by_grep_is_not_a_path_with_spaces() {
    let line = r#"/var/log/nginx/access.log:203.0.113.9 - - [30/Nov/2026] "HEAD /a HTTP/2.0" 200"#;
    let (_, fix) = judged(line);
    assert_eq!(fix, Some((vec!["/a".to_string()], false)));
    assert!(judge_pasted("/my docs/a file.pdf").is_none());
}

#[test]
fn a_windows_file_is_not_a_path_on_the_site() {
    let (note, fix) = judged("C:\\site\\app.js");
    assert!(note.contains("Windows disk"), "{note}");
    assert_eq!(fix, None);
}

#[test]
fn log_lines_are_refused_without_a_fix() {
    for line in [
        "2026-11-30T12:00:00Z deploy finished",
        "[2026-11-30 12:00:00] uploaded 3 files",
        "12:00:01 purge sent",
        "[INFO] purge sent",
        "WARN: slow origin",
    ] {
        let (note, fix) = judged(line);
        assert!(note.contains("log line"), "{line}: {note}");
        assert_eq!(fix, None, "{line}");
    }
    assert!(
        judge_pasted("2026-11-30/report.pdf").is_none(),
        "a dated folder is a path"
    );
}

#[test]
fn shell_prompts_are_refused_without_a_fix() {
    for line in [
        "$ aws s3 sync dist s3://bucket",
        "# systemctl restart nginx",
        "deploy@web-1:~/site$ make deploy",
        "[deploy@web-1 site]$ ls",
        "PS C:\\site> npm run build",
    ] {
        let (note, fix) = judged(line);
        assert!(note.contains("shell prompt"), "{line}: {note}");
        assert_eq!(fix, None, "{line}");
    }
}

#[test]
fn a_message_is_not_a_path() {
    let (note, fix) = judged("Usage: edgepurge validate [ITEM]...");
    assert!(note.contains("a message ('Usage: …')"), "{note}");
    assert_eq!(fix, None);
}

#[test]
fn paths_tags_and_relative_paths_are_left_to_their_own_rules() {
    for line in [
        "/upload: x",
        "#product-1",
        "images/logo.png",
        "https://cdn.example.com/a",
        "user@example.com",
        "a:b",
    ] {
        assert!(judge_pasted(line).is_none(), "{line}");
    }
}
