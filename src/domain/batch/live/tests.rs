use proptest::prelude::*;

use super::*;

fn lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

/// The live batch reads out what parsing the whole text gives, line by line and as a whole.
fn assert_as_parsed(live: &LiveBatch, lines: &[String]) {
    let parsed = PathBatch::parse(&lines.join("\n"));
    assert_eq!(live.to_batch(), parsed, "{lines:?}");
    assert_eq!(live.summary(), parsed.summary(), "{lines:?}");
    assert_eq!(live.kept(), parsed.kept());
    assert_eq!(live.problems(), parsed.problems());
    let first = parsed.parts().into_iter().next().unwrap_or_default();
    assert_eq!(live.first_part_load(), InProgressLoad::of_items(&first));
    assert_eq!(live.len(), lines.len());
}

/// Replace lines `range` of `text` by `new` in both, and compare.
fn edit(live: &mut LiveBatch, text: &mut Vec<String>, range: Range<usize>, new: &[&str]) {
    text.splice(range.clone(), new.iter().map(|s| s.to_string()));
    live.edit(range, new);
    assert_as_parsed(live, text);
}

#[test]
fn a_batch_read_at_once_is_the_parsed_one() {
    let text = lines("/a\n\n/img/*\n/img/a.png\n/a\n#T\n#t\nnope\n/blog/\n/*\n");
    assert_as_parsed(&LiveBatch::from_lines(&text), &text);
}

#[test]
fn removing_the_first_of_duplicates_keeps_the_next() {
    let mut text = lines("/a\n/b\n/a\n/a");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 0..1, &[]);
    assert_eq!(live.item(1).map(|i| i.verdict), Some(Verdict::Keep));
    let dup = live.item(2).expect("a verdict");
    assert!(dup.messages().any(|m| m.contains("duplicate of line 2")));
}

#[test]
fn a_line_inserted_above_renumbers_what_notes_name() {
    let mut text = lines("/a\n/b\n/a");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 0..0, &["", "/x"]);
    let dup = live.item(4).expect("a verdict");
    assert!(dup.messages().any(|m| m.contains("duplicate of line 3")));
}

#[test]
fn a_wildcard_added_covers_and_removed_uncovers() {
    let mut text = lines("/img/a.png\n/img/b/c.png\n/js/app.js\n/img/b/*");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 2..2, &["/img/*"]);
    assert_eq!(
        live.summary().dropped,
        3,
        "two paths and a narrower wildcard"
    );
    edit(&mut live, &mut text, 2..3, &["/img/"]);
    assert_eq!(live.summary().dropped, 1, "only under /img/b/*");
    edit(&mut live, &mut text, 4..5, &[]);
    assert_eq!(live.summary().dropped, 0);
}

#[test]
fn a_directory_is_hinted_until_its_slashless_twin_is_there() {
    let mut text = lines("/blog/");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 1..1, &["/blog"]);
    edit(&mut live, &mut text, 1..2, &["/blo"]);
}

#[test]
fn a_byte_order_mark_counts_only_on_the_first_line() {
    let mut text = lines("/a\n\u{feff}/b\n/c");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 0..1, &[]);
    edit(&mut live, &mut text, 0..0, &["/z"]);
    edit(&mut live, &mut text, 0..1, &["\u{feff}/z"]);
}

#[test]
fn a_carriage_return_counts_only_on_the_last_line() {
    let mut text = lines("/a\r\n/b\r");
    let mut live = LiveBatch::from_lines(&text);
    edit(&mut live, &mut text, 1..2, &[]);
    edit(&mut live, &mut text, 1..1, &["/c"]);
    edit(&mut live, &mut text, 2..2, &[]);
}

#[test]
fn syncing_finds_the_changed_lines() {
    let mut text = lines("/a\n/b\n/c\n/b\n/c");
    let mut live = LiveBatch::from_lines(&text);
    for next in [
        "/a\n/b\n/cx\n/b\n/c",
        "/a\n/b\n/b\n/c",
        "/a\n/b\n/b\n/c\n",
        "",
        "/*\n/x",
    ] {
        text = lines(next);
        live.sync(&text);
        assert_as_parsed(&live, &text);
    }
}

/// 3,000 lines: every tenth a wildcard of its own, the rest paths, one path repeated.
fn large() -> Vec<String> {
    (0..3_000)
        .map(|i| match i % 10 {
            0 => format!("/assets/{i}/*"),
            9 => "/index.html".to_string(),
            _ => format!("/img/products/item-{i}.jpg"),
        })
        .collect()
}

#[test]
fn an_edit_settles_the_lines_it_touches_not_the_batch() {
    let mut text = large();
    let mut live = LiveBatch::from_lines(&text);
    let mut changed = text[1_501].clone();
    changed.push('x');
    text[1_501] = changed;
    live.sync(&text);
    assert_eq!(live.work, 1, "a character typed on a line");
    text.remove(1_502);
    live.sync(&text);
    assert_eq!(live.work, 0, "a line removed that nothing else depended on");
    text.insert(1_000, String::new());
    live.sync(&text);
    assert_eq!(live.work, 1, "a blank line inserted");
    // The first of 300 `/index.html` leaves: the next one becomes the first.
    text[9] = "/index.htm".into();
    live.sync(&text);
    assert_eq!(live.work, 2);
    assert_as_parsed(&live, &text);
    // `/img/*` covers the 2,400 product paths: each is settled again, and only those.
    text.push("/img/*".into());
    live.sync(&text);
    assert_eq!(live.work, 1 + 2_400 - 1);
    assert_eq!(live.summary().dropped, 2_400 - 1 + 298);
    text.pop();
    live.sync(&text);
    assert_eq!(live.work, 2_400 - 1);
    assert_as_parsed(&live, &text);
}

/// Lines that meet each other: duplicates, wildcards over paths, directories and their
/// slashless twins, tags in two cases, rejected lines, and the text-reading edge cases.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "/",
            "/*",
            "/a",
            "/a/",
            "/a/*",
            "/a*",
            "/a/b",
            "/a/b/",
            "/a/b/*",
            "/ab",
            "/a0",
            " /a ",
            "/a,/b",
            "/a /b",
            "a",
            "#t",
            "#T",
            "#",
            "/café",
            "/caf%C3%A9",
            "/a/*b",
            "/a**",
            "\u{feff}/a",
            "/a\r",
            "\r",
            "https://x.com/a/",
        ])
        .prop_map(str::to_string),
        "[/#ab*,\r\u{feff} é]{0,6}",
    ]
}

#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    removed: usize,
    new: Vec<String>,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let one = (
        any::<usize>(),
        0..4usize,
        prop::collection::vec(line(), 0..4),
    )
        .prop_map(|(at, removed, new)| Edit { at, removed, new });
    prop::collection::vec(one, 1..25)
}

proptest! {
    #[test]
    fn any_edits_read_out_as_the_parsed_text(
        start in prop::collection::vec(line(), 0..12),
        edits in edits(),
    ) {
        let mut text = start;
        let mut live = LiveBatch::from_lines(&text);
        let mut synced = live.clone();
        assert_as_parsed(&live, &text);
        for e in edits {
            let at = e.at % (text.len() + 1);
            let end = (at + e.removed).min(text.len());
            text.splice(at..end, e.new.iter().cloned());
            live.edit(at..end, &e.new);
            assert_as_parsed(&live, &text);
            synced.sync(&text);
            assert_as_parsed(&synced, &text);
        }
    }
}
