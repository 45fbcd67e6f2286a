use proptest::prelude::*;

use super::*;

fn item<'a>(batch: &'a PathBatch, input: &str) -> &'a BatchItem {
    batch
        .items
        .iter()
        .find(|i| i.input == input)
        .unwrap_or_else(|| panic!("no item {input}"))
}

#[test]
fn blank_lines_are_ignored_and_line_numbers_kept() {
    let b = PathBatch::parse("\n/a\n\n   \n/b\n");
    assert_eq!(b.items.len(), 2);
    assert_eq!(b.items[0].line, 2);
    assert_eq!(b.items[1].line, 5);
    assert_eq!(b.kept(), vec!["/a", "/b"]);
}

#[test]
fn surrounding_whitespace_is_trimmed_with_a_warning_and_a_fix() {
    let b = PathBatch::parse("  /a.png\t\r\n/b");
    let a = item(&b, "/a.png");
    assert_eq!(a.verdict, Verdict::Keep);
    assert_eq!(a.notes[0].level, Level::Warning);
    assert!(a.notes[0].text.contains("whitespace"));
    assert_eq!(a.fix.as_ref().unwrap().lines, vec!["/a.png"]);
    assert!(item(&b, "/b").notes.is_empty());
}

#[test]
fn a_duplicate_after_normalization_is_dropped_naming_the_first() {
    let b = PathBatch::parse("/café\n/caf%C3%A9\n/other\n/café");
    assert_eq!(b.kept(), vec!["/caf%C3%A9", "/other"]);
    let dup = &b.items[1];
    assert_eq!(dup.verdict, Verdict::Drop);
    assert!(
        dup.notes
            .iter()
            .any(|n| n.text.contains("duplicate of line 1"))
    );
    assert_eq!(dup.fix.as_ref().unwrap().lines, Vec::<String>::new());
    assert_eq!(b.items[3].verdict, Verdict::Drop);
    assert_eq!(b.summary().dropped, 2);
}

#[test]
fn tags_are_duplicates_whatever_their_case_but_paths_are_not() {
    let b = PathBatch::parse("#Product-1\n#product-1\n/A\n/a");
    assert_eq!(b.kept(), vec!["#Product-1", "/A", "/a"]);
}

#[test]
fn a_path_under_a_wildcard_of_the_batch_is_dropped_even_before_it() {
    let b = PathBatch::parse("/img/a.png\n/img/*\n/img/sub/*\n/img/\n/imgs/b.png\n#img");
    let a = item(&b, "/img/a.png");
    assert_eq!(a.verdict, Verdict::Drop);
    assert!(
        a.notes[0].text.contains("covered by /img/* on line 2"),
        "{:?}",
        a.notes
    );
    assert_eq!(item(&b, "/img/sub/*").verdict, Verdict::Drop);
    assert_eq!(
        item(&b, "/img/").verdict,
        Verdict::Keep,
        "/img/* does not cover /img/"
    );
    assert_eq!(item(&b, "/imgs/b.png").verdict, Verdict::Keep);
    assert_eq!(
        item(&b, "#img").verdict,
        Verdict::Keep,
        "tags are not paths"
    );
    assert_eq!(b.kept(), vec!["/img/*", "/img/", "/imgs/b.png", "#img"]);
}

#[test]
fn the_whole_distribution_wildcard_leaves_only_itself_and_the_root() {
    let b = PathBatch::parse("/index.html\n/\n/*\n/img/*");
    assert_eq!(b.kept(), vec!["/", "/*"]);
    assert!(b.purges_everything());
    assert!(b.is_submittable());
}

#[test]
fn a_directory_with_a_trailing_slash_offers_the_one_without() {
    let b = PathBatch::parse("/blog/");
    let blog = &b.items[0];
    assert_eq!(blog.verdict, Verdict::Keep);
    assert!(blog.notes[0].text.contains("/blog (without the slash)"));
    assert_eq!(blog.fix.as_ref().unwrap().lines, vec!["/blog/", "/blog"]);
    // It adds a path: offered on the line, never applied by fix all.
    assert!(!blog.fix.as_ref().unwrap().same_meaning);
    assert_eq!(apply_fixes("/blog/\n"), "/blog/\n");
    // No hint once both are there, or for the root.
    assert!(PathBatch::parse("/blog/\n/blog").items[0].notes.is_empty());
    assert!(PathBatch::parse("/").items[0].notes.is_empty());
    let covered = PathBatch::parse("/blog/\n/b*");
    assert_eq!(covered.items[0].verdict, Verdict::Drop);
    assert!(
        !covered.items[0]
            .messages()
            .any(|m| m.contains("without the slash"))
    );
}

#[test]
fn a_batch_needs_something_to_send() {
    let empty = PathBatch::parse("\n  \n");
    assert!(!empty.is_submittable());
    assert!(empty.problems()[0].text.contains("nothing to invalidate"));
    let only_drops = PathBatch::parse("/a\n/a");
    assert!(only_drops.is_submittable());
}

#[test]
fn a_rejected_item_makes_the_batch_unsubmittable() {
    let b = PathBatch::parse("/ok\nbad");
    assert!(!b.is_submittable());
    assert!(b.problems()[0].text.contains("1 item is rejected"));
    assert_eq!(b.summary().rejected, 1);
}

#[test]
fn more_than_3000_items_are_split_into_parts() {
    let text: String = (0..6_001).map(|i| format!("/p/{i}\n")).collect();
    let b = PathBatch::parse(&text);
    let parts = b.parts();
    assert_eq!(
        parts.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![3_000, 3_000, 1]
    );
    assert_eq!(parts[2], vec!["/p/6000"]);
    assert_eq!(b.summary().parts, 3);
    assert!(b.is_submittable(), "a split batch can still be sent");
    assert!(
        b.problems()
            .iter()
            .any(|n| n.text.contains("go as 3 invalidations"))
    );
    let exact: String = (0..3_000).map(|i| format!("/p/{i}\n")).collect();
    assert_eq!(PathBatch::parse(&exact).parts().len(), 1);
}

#[test]
fn more_than_15_wildcards_cannot_be_in_progress() {
    let fifteen: String = (0..15).map(|i| format!("/d{i}/*\n")).collect();
    assert!(PathBatch::parse(&fifteen).is_submittable());
    let sixteen = format!("{fifteen}/d15/*\n");
    let b = PathBatch::parse(&sixteen);
    assert!(!b.is_submittable());
    assert!(b.problems()[0].text.contains("16 wildcard paths"));
}

#[test]
fn the_summary_counts_paths_wildcards_and_tags() {
    let b = PathBatch::parse("/a\n/b/*\n#t\n/a\nnope");
    let s = b.summary();
    assert_eq!(
        (s.paths, s.wildcards, s.tags, s.dropped, s.rejected),
        (2, 1, 1, 1, 1)
    );
    assert_eq!(s.kept(), 3);
}

#[test]
fn tags_carry_a_hint_about_configuration() {
    let b = PathBatch::parse("#product-1");
    assert!(
        b.problems()
            .iter()
            .any(|n| n.level == Level::Hint && n.text.contains("cache tags configured"))
    );
}

#[test]
fn from_items_takes_one_item_each() {
    let b = PathBatch::from_items(&["/a", " /b ", "c"]);
    assert_eq!(b.items.len(), 3);
    assert_eq!(b.items[2].verdict, Verdict::Reject);
}

#[test]
fn accepting_every_fix_repairs_the_batch_and_keeps_the_rest() {
    let text =
        "images/a.png\n\n  /b.png\n/c.png\n/c.png\n/img/%2A\n/x /y\nhttps://example.com/blog/\n";
    let fixed = apply_fixes(text);
    // `%2A` decoded would be a wildcard: it is left, as is the trailing slash's second path.
    assert_eq!(
        fixed,
        "/images/a.png\n\n/b.png\n/c.png\n/img/%2A\n/x\n/y\n/blog/\n"
    );
    assert_eq!(apply_fixes(&fixed), fixed, "nothing more keeps the meaning");
    let batch = PathBatch::parse(&fixed);
    let left: Vec<&Fix> = batch.items.iter().filter_map(|i| i.fix.as_ref()).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.iter().all(|f| !f.same_meaning));
    assert_eq!(left[0].lines, ["/img/*"]);
}

#[test]
fn fix_all_never_widens_what_a_line_names() {
    let text = "/a/*/b\n/img/*.png\n/a.png,/b.png\n/img/%2A\n/blog/\n";
    assert_eq!(apply_fixes(text), text);
    let batch = PathBatch::parse(text);
    let offered: Vec<Vec<String>> = batch
        .items
        .iter()
        .map(|i| i.fix.as_ref().unwrap().lines.clone())
        .collect();
    assert_eq!(offered[0], ["/a/*"], "offered on its line");
    assert!(
        batch.items[0].notes[0]
            .text
            .contains("fix all leaves it to you")
    );
    assert_eq!(offered[1], ["/img/*"]);
    assert_eq!(offered[2], ["/a.png", "/b.png"]);
}

#[test]
fn pasted_lines_are_judged_as_what_they_are() {
    let text = "upload: dist/app.js to s3://bucket/app.js\n$ make deploy\n\
                2026-11-30T12:00:00Z done\n//cdn.example.com/x\ns3://bucket/css/site.css\n";
    let batch = PathBatch::parse(text);
    assert!(batch.items.iter().all(|i| i.verdict == Verdict::Reject));
    assert!(
        batch
            .items
            .iter()
            .all(|i| !i.messages().any(|m| m.contains("%20"))),
        "nothing is encoded into a path: {:?}",
        batch.items
    );
    assert_eq!(
        apply_fixes(text),
        "/app.js\n$ make deploy\n2026-11-30T12:00:00Z done\n/x\n/css/site.css\n"
    );
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ /#a-zA-Z0-9%*,.~é\t\"-]{0,40}",
        "(/[a-z%0-9A-F*]{0,6}){1,4}/?\\*?",
        "#[!-~]{0,10}",
        "https?://[a-z.]{1,10}(/[a-z]{1,5}){0,3}",
    ]
}

proptest! {
    #[test]
    fn no_input_panics_and_every_drop_and_reject_says_why(lines in prop::collection::vec(line(), 0..30)) {
        let text = lines.join("\n");
        let batch = PathBatch::parse(&text);
        let _ = batch.problems();
        let _ = apply_fixes(&text);
        for item in &batch.items {
            match item.verdict {
                Verdict::Keep => prop_assert!(item.normalized.is_some()),
                Verdict::Drop => {
                    prop_assert!(item.normalized.is_some());
                    prop_assert!(item.notes.iter().any(|n| n.level >= Level::Warning && !n.text.is_empty()));
                }
                Verdict::Reject => {
                    prop_assert!(item.normalized.is_none());
                    prop_assert!(item.notes.iter().any(|n| n.level == Level::Error && !n.text.is_empty()));
                }
            }
        }
    }

    #[test]
    fn normalizing_a_kept_item_again_changes_nothing(lines in prop::collection::vec(line(), 1..20)) {
        let batch = PathBatch::parse(&lines.join("\n"));
        for kept in batch.kept() {
            let again = PathBatch::parse(&kept);
            prop_assert_eq!(again.items.len(), 1);
            prop_assert_eq!(again.items[0].verdict, Verdict::Keep);
            prop_assert_eq!(again.items[0].normalized.as_deref(), Some(kept.as_str()));
        }
    }

    #[test]
    fn kept_items_obey_the_service_rules(lines in prop::collection::vec(line(), 1..20)) {
        let batch = PathBatch::parse(&lines.join("\n"));
        for kept in batch.kept() {
            if let Some(tag) = kept.strip_prefix('#') {
                prop_assert!(!tag.is_empty() && tag.len() <= 256);
                prop_assert!(tag.bytes().all(|b| (33..=126).contains(&b) && b != b',' && b != b'*'));
            } else {
                prop_assert!(kept.starts_with('/'));
                prop_assert!(kept.is_ascii());
                prop_assert!(!kept.contains(' '));
                prop_assert!(kept.find('*').is_none_or(|i| i == kept.len() - 1));
                prop_assert!(kept.chars().count() <= path::MAX_PATH_CHARS);
                prop_assert!(encode::needless_escapes(&kept).is_empty());
            }
        }
    }

    #[test]
    fn accepting_fixes_settles_within_a_few_rounds(lines in prop::collection::vec(line(), 0..20)) {
        let mut text = lines.join("\n");
        let mut settled = false;
        // A round fixes one problem a line has; one line can have each kind at once (no
        // leading slash, two paths, an escape, a misplaced `*`, then being covered), so
        // "a /*%6A" takes five rounds and a sixth to see nothing change. Eight bounds it.
        for _ in 0..8 {
            let next = apply_fixes(&text);
            if next == text {
                settled = true;
                break;
            }
            text = next;
        }
        prop_assert!(settled, "fixes keep changing: {:?}", text);
    }
}
