use std::path::Path;

use super::*;
use crate::app::{Action, Context, Key, Keymap};
use crate::store::test_dir::TestDir;

const EXAMPLE: &str = include_str!("../../../assets/config.example.toml");

fn parsed(text: &str) -> Config {
    match parse(text, Path::new("config.toml")) {
        Ok(config) => config,
        Err(e) => panic!("should parse: {e}\n{text}"),
    }
}

/// The line and the message of a rejected file.
fn rejected(text: &str) -> (Option<usize>, String) {
    match parse(text, Path::new("/home/me/.config/edgepurge/config.toml")) {
        Ok(config) => panic!("should be rejected: {config:?}\n{text}"),
        Err(ConfigError::Invalid { line, problem, .. }) => (line, problem),
        Err(e) => panic!("unexpected error {e:?}"),
    }
}

fn assert_has(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{part:?} not in: {message}");
    }
}

#[test]
fn no_file_or_an_empty_one_means_the_defaults() {
    let t = TestDir::new("config-missing");
    assert_eq!(
        load_from(&t.path().join("config.toml")).unwrap(),
        Config::default()
    );
    assert_eq!(parsed(""), Config::default());
    assert_eq!(parsed("# nothing but a comment\n"), Config::default());
}

#[test]
fn the_defaults_are_the_documented_ones() {
    let c = Config::default();
    assert_eq!(c.refresh.list, Duration::from_secs(60));
    assert_eq!(c.refresh.poll_first, Duration::from_secs(3));
    assert_eq!(c.refresh.poll_max, Duration::from_secs(30));
    assert!(c.notifications.bell);
    assert_eq!(c.notifications.desktop, Desktop::Off);
    assert!(c.colors.enabled);
    assert_eq!(
        (
            c.colors.accent,
            c.colors.in_progress,
            c.colors.completed,
            c.colors.error
        ),
        (Color::Cyan, Color::Yellow, Color::Green, Color::Red)
    );
    assert_eq!(c.keymap, Keymap::default());
}

#[test]
fn the_example_as_shipped_is_the_defaults() {
    assert_eq!(parsed(EXAMPLE), Config::default());
}

/// The example's commented-out settings (`#name = …`, `#[section]`; prose is `# …`) are the
/// defaults, as it says.
#[test]
fn the_example_uncommented_says_the_defaults() {
    let uncommented: String = EXAMPLE
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if !rest.is_empty() && !rest.starts_with(' ') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(uncommented.contains("\n[colors]\n"), "{uncommented}");
    let c = parsed(&uncommented);
    assert_eq!(c.refresh, Refresh::default());
    assert_eq!(c.notifications, Notifications::default());
    assert_eq!(c.colors, Colors::default());
    assert_eq!(c.batch, BatchLimits::default());
    assert_eq!(c.deploy.default, crate::domain::deploy::Site::default());

    assert_eq!(c.keymap, Keymap::default());
    for context in Context::ALL {
        let section = format!("\n[keys.{}]\n", context.name());
        assert!(
            uncommented.contains(&section),
            "every place is in the example: {section}"
        );
    }
}

#[test]
fn every_setting_is_read() {
    let c = parsed(
        r##"
[keys.browse]
quit = "ctrl-q"
down = ["j", "down", "f6"]

[refresh]
list_seconds = 120
poll_first_seconds = 5
poll_max_seconds = 3600

[notifications]
bell = false
desktop = "osc777"
command = "notify-send \"$EDGEPURGE_TARGET\" \"$EDGEPURGE_STATUS\""

[colors]
enabled = false
accent = "#ff8800"
in_progress = "light_blue"
completed = 208
error = "Dark Gray"
"##,
    );
    let keys = |specs: &[&str]| -> Vec<Key> { specs.iter().map(|s| s.parse().unwrap()).collect() };
    assert_eq!(
        c.keymap.keys_in(Context::Browse, Action::Quit),
        keys(&["ctrl-q"])
    );
    assert_eq!(
        c.keymap.keys_in(Context::Browse, Action::Down),
        keys(&["j", "down", "f6"]),
        "in file order"
    );
    assert_eq!(
        c.refresh,
        Refresh {
            list: Duration::from_secs(120),
            poll_first: Duration::from_secs(5),
            poll_max: Duration::from_secs(3600),
        }
    );
    assert_eq!(
        c.notifications,
        Notifications {
            bell: false,
            desktop: Desktop::Osc777,
            command: Some(r#"notify-send "$EDGEPURGE_TARGET" "$EDGEPURGE_STATUS""#.into()),
        }
    );
    assert_eq!(
        c.colors,
        Colors {
            enabled: false,
            accent: Color::Rgb(0xff, 0x88, 0x00),
            in_progress: Color::LightBlue,
            completed: Color::Indexed(208),
            error: Color::DarkGray,
        }
    );
    assert_eq!(
        parsed("[notifications]\ndesktop = \"osc9\"")
            .notifications
            .desktop,
        Desktop::Osc9
    );
}

#[test]
fn the_keys_drive_the_keymap_and_its_hints() {
    let c = parsed("[keys.browse]\nquit = \"ctrl-q\"\n");
    let default = Keymap::default();
    assert_eq!(
        c.keymap.keys_in(Context::Browse, Action::Quit),
        vec!["ctrl-q".parse::<Key>().unwrap()]
    );
    assert_eq!(
        c.keymap.keys_in(Context::Browse, Action::Down),
        default.keys_in(Context::Browse, Action::Down)
    );
    assert_eq!(
        c.keymap.keys_in(Context::Form, Action::Quit),
        default.keys_in(Context::Form, Action::Quit),
        "only the place named"
    );
    assert_eq!(
        c.settings().hints.key(Context::Browse, Action::Quit),
        "Ctrl-q"
    );
}

#[test]
fn an_error_names_the_file_and_the_line() {
    let e = parse(
        "[refresh]\n\nlist_seconds = 0\n",
        Path::new("/home/me/.config/edgepurge/config.toml"),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "/home/me/.config/edgepurge/config.toml, line 3: list_seconds in [refresh] must be a \
         whole number of seconds from 1 to 3600, like 60; found 0"
    );
}

#[test]
fn an_unknown_action_lists_the_actions() {
    let (line, m) = rejected("[keys.browse]\ndown = \"j\"\ndwn = \"n\"\n");
    assert_eq!(line, Some(3));
    assert_has(
        &m,
        &[
            "unknown action \"dwn\" in [keys.browse]; actions are: up, down, ",
            "quit",
        ],
    );
}

#[test]
fn a_bad_key_says_how_keys_are_written() {
    let (line, m) = rejected("[keys.browse]\n\ndown = [\"j\", \"pgdown2\"]\n");
    assert_eq!(line, Some(3));
    assert_has(
        &m,
        &["down in [keys.browse]: unknown key \"pgdown2\"", "ctrl-"],
    );
    let (line, m) = rejected("[keys.browse]\ndown = 5\n");
    assert_eq!(line, Some(2));
    assert_has(
        &m,
        &[
            "down in [keys.browse] takes a key like \"j\" or a list",
            "found 5",
        ],
    );
    let (_, m) = rejected("[keys.browse]\ndown = [\"j\", 5]\n");
    assert_has(&m, &["found [\"j\", 5]"]);
    let (line, m) = rejected("[keys.browse]\ndown = []\n");
    assert_eq!(line, Some(2));
    assert_has(&m, &["down is given no key"]);
}

#[test]
fn a_key_clash_names_both_actions_at_the_overriding_line() {
    let (line, m) = rejected("[keys.browse]\nquit = \"ctrl-q\"\ndown = [\"j\", \"k\"]\n");
    assert_eq!(line, Some(3));
    assert_has(&m, &["in [keys.browse]: ", "\"k\"", "down", "up's key"]);
    // Naming both actions frees the keys for a swap.
    parsed("[keys.browse]\ndown = [\"k\"]\nup = [\"j\"]\n");
}

#[test]
fn an_unknown_setting_or_section_is_a_typo_reported_with_the_right_names() {
    let (line, m) = rejected("[refresh]\nlist_seconds = 5\nlst_seconds = 5\n");
    assert_eq!(line, Some(3));
    assert_eq!(
        m,
        "in [refresh]: unknown name `lst_seconds`; the names here are `list_seconds`, \
         `poll_first_seconds`, `poll_max_seconds`"
    );
    let (line, m) = rejected("[refresh]\nlist_seconds = 5\n\n[colour]\naccent = \"red\"\n");
    assert_eq!(line, Some(4));
    assert_has(&m, &["colour", "colors", "notifications"]);
    assert!(!m.starts_with("in [refresh]"), "{m}");
    let (_, m) = rejected("refresh = 5\n");
    assert_has(&m, &["a [refresh] table"]);
}

#[test]
fn intervals_are_whole_seconds_from_1_to_3600() {
    for bad in ["0", "-5", "3601", "1.5", "\"60\"", "true"] {
        let (line, m) = rejected(&format!("[refresh]\npoll_max_seconds = {bad}\n"));
        assert_eq!(line, Some(2), "{bad}");
        assert_has(
            &m,
            &[
                "poll_max_seconds in [refresh]",
                "from 1 to 3600, like 30",
                &format!("found {bad}"),
            ],
        );
    }
    parsed("[refresh]\nlist_seconds = 1\npoll_first_seconds = 1\npoll_max_seconds = 3600");
}

#[test]
fn polling_cannot_start_slower_than_its_limit() {
    let (line, m) = rejected("[refresh]\npoll_max_seconds = 10\npoll_first_seconds = 20\n");
    assert_eq!(line, Some(3));
    assert_has(
        &m,
        &[
            "poll_first_seconds (20) is more than poll_max_seconds (10)",
            "at most",
        ],
    );
    let (line, m) = rejected("[refresh]\npoll_first_seconds = 40\n");
    assert_eq!(line, Some(2));
    assert_has(
        &m,
        &["(40) is more than poll_max_seconds (30, the default)"],
    );
    let (line, m) = rejected("[refresh]\n\npoll_max_seconds = 2\n");
    assert_eq!(line, Some(3));
    assert_has(&m, &["poll_first_seconds (3, the default)"]);
    parsed("[refresh]\npoll_first_seconds = 30\npoll_max_seconds = 30");
}

#[test]
fn notifications_and_colours_say_what_they_accept() {
    let (line, m) = rejected("[notifications]\nbell = \"yes\"\n");
    assert_eq!(line, Some(2));
    assert_has(
        &m,
        &["bell in [notifications] must be true or false; found \"yes\""],
    );
    let (_, m) = rejected("[notifications]\ndesktop = \"osc7\"\n");
    assert_has(&m, &["\"off\", \"osc9\" or \"osc777\"", "found \"osc7\""]);
    let (_, m) = rejected("[colors]\nenabled = 1\n");
    assert_has(&m, &["enabled in [colors] must be true or false"]);
    for bad in ["\"cyna\"", "\"#12345\"", "256", "-1", "[1, 2, 3]"] {
        let (line, m) = rejected(&format!("[colors]\n\naccent = {bad}\n"));
        assert_eq!(line, Some(3), "{bad}");
        assert_has(
            &m,
            &[
                "accent in [colors] must be a colour name",
                "\"#rrggbb\"",
                bad,
            ],
        );
    }
}

#[test]
fn a_syntax_error_has_its_line() {
    let (line, m) = rejected("[refresh]\nlist_seconds = 60\npoll_max_seconds =\n");
    assert_eq!(line, Some(3));
    assert!(!m.is_empty() && !m.contains('\n'), "{m}");
    let (line, _) = rejected("[refresh\n");
    assert_eq!(line, Some(1));
    let (line, m) = rejected("[refresh]\nlist_seconds = 5\nlist_seconds = 6\n");
    assert_eq!(line, Some(3));
    assert_eq!(m, "in [refresh]: list_seconds is set twice; keep one");
    let (line, m) = rejected("[colors]\nenabled = true\n\n[colors]\naccent = \"red\"\n");
    assert_eq!(line, Some(4));
    assert_eq!(
        m,
        "[colors] appears twice; put its settings under one [colors]"
    );
}

#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let t = TestDir::new("config-unreadable");
    // A directory where the file should be cannot be read as one.
    let e = load_from(t.path()).unwrap_err();
    assert!(matches!(e, ConfigError::Read { .. }), "{e:?}");
    assert_has(
        &e.to_string(),
        &[&t.path().display().to_string(), "EDGEPURGE_CONFIG"],
    );
    let path = t.path().join("config.toml");
    std::fs::write(&path, "[colors]\nerror = \"nope\"\n").unwrap();
    let e = load_from(&path).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("{}, line 2: error in [colors]", path.display())),
        "{e}"
    );
}

#[test]
fn no_color_in_the_environment_wins() {
    let on = Colors::default();
    assert!(on.use_color(None));
    assert!(
        on.use_color(Some(std::ffi::OsStr::new(""))),
        "empty means unset"
    );
    assert!(!on.use_color(Some(std::ffi::OsStr::new("1"))));
    let off = Colors {
        enabled: false,
        ..Colors::default()
    };
    assert!(!off.use_color(None));
}

#[test]
fn keys_go_under_their_place() {
    let (line, m) = rejected("[keys]\ndown = \"j\"\n");
    assert_eq!(line, Some(2));
    assert_has(&m, &["[keys.browse]", "[keys.form]"]);
    let (line, m) = rejected("[keys.panes]\ndown = \"j\"\n");
    assert_eq!(line, Some(1));
    assert_has(&m, &["unknown place [keys.panes]", "[keys.browse]"]);
    let c = parsed("[keys.form]\nsubmit = \"ctrl-enter\"\n");
    assert_eq!(
        c.keymap.keys_in(Context::Form, Action::Submit),
        vec!["ctrl-enter".parse::<Key>().unwrap()]
    );
}

#[test]
fn memory_settings_are_read_and_a_wrong_one_says_its_range() {
    let c = parsed(
        "[memory]\nresume_minutes = 30\nbackfill = false\nbackfill_days = 7\nbackfill_rate = 2\n",
    );
    assert_eq!(c.memory.resume_window, Duration::from_secs(1800));
    assert!(!c.memory.backfill);
    assert_eq!((c.memory.backfill_days, c.memory.backfill_rate), (7, 2));
    let (line, message) = rejected("[memory]\nbackfill_days = 365\n");
    assert_eq!(line, Some(2));
    assert_has(
        &message,
        &["backfill_days in [memory]", "from 1 to 90", "found 365"],
    );
    let (_, message) = rejected("[memory]\nresume_minutes = \"15m\"\n");
    assert_has(&message, &["whole number of minutes"]);
}

#[test]
fn batch_caps_are_read_and_a_wrong_one_says_its_range() {
    let c = parsed("[batch]\nmax_items = 250000\nmax_megabytes = 128\n");
    assert_eq!(
        c.batch,
        BatchLimits {
            max_items: 250_000,
            max_megabytes: 128
        }
    );
    assert_eq!(c.settings().batch_limits, c.batch);
    assert_eq!(Config::default().batch, BatchLimits::default());
    let (line, message) = rejected("[batch]\nmax_items = 0\n");
    assert_eq!(line, Some(2));
    assert_has(
        &message,
        &["max_items in [batch]", "from 1 to 1000000", "found 0"],
    );
    let (_, message) = rejected("[batch]\nmax_megabytes = \"64MB\"\n");
    assert_has(&message, &["whole number of megabytes"]);
}

#[test]
fn the_accounts_shown_together_are_read_and_a_wrong_list_says_how_to_write_it() {
    let c = parsed("[accounts]\nprofiles = [\"prod\", \"staging\", \"prod\"]\n");
    assert_eq!(c.profiles, vec!["prod".to_string(), "staging".to_string()]);
    assert!(Config::default().profiles.is_empty());
    let (line, message) = rejected("[accounts]\nprofiles = \"prod,staging\"\n");
    assert_eq!(line, Some(2));
    assert_has(
        &message,
        &["list of AWS profile names", "[\"prod\", \"staging\"]"],
    );
    let (_, message) = rejected("[accounts]\nprofiles = [\"prod\", 3]\n");
    assert_has(&message, &["list of AWS profile names"]);
}

#[test]
fn deploy_settings_are_read_per_target_over_the_defaults() {
    use crate::domain::deploy::Site;
    let c = parsed(
        r#"
[deploy]
root = "dist"
clean_urls = true
max_extra = 40

[deploy.targets."E2QWRUHAPOMQZL"]
origin_path = "/prod/"
index_document = ""
"#,
    );
    assert_eq!(
        c.deploy.default,
        Site::new("dist", "", Some("index.html"), true).unwrap()
    );
    let own = c.deploy.site(&["E2QWRUHAPOMQZL"]);
    assert_eq!(own, &Site::new("dist", "/prod", None, true).unwrap());
    assert_eq!(c.deploy.site(&["E1OTHER"]), &c.deploy.default);
    assert_eq!(c.deploy.max_extra, 40);
    assert_eq!(parsed("").deploy.max_extra, 0);
}

#[test]
fn deploy_mistakes_name_the_setting_and_its_line() {
    let (line, problem) = rejected("[deploy]\nroot = 3\n");
    assert_eq!(line, Some(2));
    assert_has(&problem, &["root in [deploy]", "text in quotes"]);
    let (line, problem) = rejected("[deploy.targets.\"E1\"]\nindex_document = \"a/b.html\"\n");
    assert_eq!(line, Some(2));
    assert_has(&problem, &["[deploy.targets.\"E1\"]", "without a '/'"]);
    let (line, problem) = rejected("[deploy]\nmax_extra = -1\n");
    assert_eq!(line, Some(2));
    assert_has(&problem, &["max_extra in [deploy]", "0 or more"]);
    let (_, problem) = rejected("[deploy]\nroots = \"dist\"\n");
    assert_has(&problem, &["roots"]);
}
