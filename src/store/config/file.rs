//! The file as written, with where each value is, checked and turned into a [`Config`]. Values
//! are read as plain TOML values and checked here rather than by serde, so that every message
//! names the setting, says what it accepts, and shows what was found.

use std::ops::Range;
use std::str::FromStr;
use std::time::Duration;

use ratatui::style::Color;
use serde::Deserialize;
use toml::{Spanned, Value};

use super::{Colors, Config, Desktop, Notifications, Refresh};

/// What is wrong, and where in the text.
#[derive(Debug)]
pub(super) struct Problem {
    pub(super) span: Option<Range<usize>>,
    pub(super) message: String,
}

impl Problem {
    pub(super) fn at(span: Range<usize>, message: String) -> Self {
        Self {
            span: Some(span),
            message,
        }
    }

    /// The 1-based line the problem is on.
    pub(super) fn line(&self, text: &str) -> Option<usize> {
        let start = self.span.as_ref()?.start.min(text.len());
        Some(line_of(text, start))
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub(super) type Field = Option<Spanned<Value>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct File {
    keys: super::keys::KeysFile,
    refresh: RefreshFile,
    notifications: NotificationsFile,
    colors: ColorsFile,
    memory: super::memory::MemoryFile,
    batch: super::batch::BatchFile,
    deploy: super::deploy::DeployFile,
    mouse: MouseFile,
    accounts: AccountsFile,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "an [accounts] table")]
struct AccountsFile {
    profiles: Field,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [mouse] table")]
struct MouseFile {
    capture: Field,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [refresh] table")]
struct RefreshFile {
    list_seconds: Field,
    poll_first_seconds: Field,
    poll_max_seconds: Field,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [notifications] table")]
struct NotificationsFile {
    bell: Field,
    desktop: Field,
    command: Field,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [colors] table")]
struct ColorsFile {
    enabled: Field,
    accent: Field,
    in_progress: Field,
    completed: Field,
    error: Field,
}

pub(super) fn parse(text: &str) -> Result<Config, Problem> {
    let file: File = toml::from_str(text).map_err(|e| from_toml(text, &e))?;
    Ok(Config {
        keymap: super::keys::keymap(file.keys)?,
        refresh: refresh(file.refresh)?,
        notifications: notifications(file.notifications)?,
        colors: colors(file.colors)?,
        memory: super::memory::memory(file.memory)?,
        batch: super::batch::limits(file.batch)?,
        deploy: super::deploy::deploy(file.deploy)?,
        mouse_capture: boolean(file.mouse.capture.as_ref(), "capture in [mouse]", true)?,
        profiles: profiles(file.accounts.profiles.as_ref())?,
    })
}

/// `[accounts] profiles`: the AWS profiles the dashboard shows together when no
/// `--profile` is given.
fn profiles(field: Option<&Spanned<Value>>) -> Result<Vec<String>, Problem> {
    let Some(value) = field else {
        return Ok(Vec::new());
    };
    let wrong = || {
        Problem::at(
            value.span(),
            format!(
                "profiles in [accounts] is a list of AWS profile names, e.g. \
                 profiles = [\"prod\", \"staging\"]; found {}",
                value.get_ref()
            ),
        )
    };
    let list = value.get_ref().as_array().ok_or_else(wrong)?;
    let mut names: Vec<String> = Vec::new();
    for item in list {
        let name = item
            .as_str()
            .map(str::trim)
            .filter(|n| !n.is_empty() && !n.contains(','));
        let name = name.ok_or_else(wrong)?;
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    Ok(names)
}

/// A syntax error or an unknown name, found by the TOML reader.
fn from_toml(text: &str, e: &toml::de::Error) -> Problem {
    let span = e.span();
    let message = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let section = span.as_ref().and_then(|s| section_of(text, s.start));
    let spanned = span.as_ref().and_then(|s| text.get(s.clone()));
    // toml says only "duplicate key": name it, and say what to do.
    let message = match (message.as_str(), spanned, section) {
        ("duplicate key", Some(name), None) => {
            format!("[{name}] appears twice; put its settings under one [{name}]")
        }
        ("duplicate key", Some(name), Some(_)) => format!("{name} is set twice; keep one"),
        (m, _, Some("[keys]")) if m.contains("expected a map") => format!(
            "keys go under {}, e.g. [keys.browse] then down = \"j\"",
            super::keys::PLACES
        ),
        // serde's words for a typo: "unknown field `x`, expected one of `a`, `b`".
        _ => message
            .replace("unknown field", "unknown name")
            .replace(", expected one of ", "; the names here are ")
            .replace(", expected ", "; expected "),
    };
    let message = match section {
        Some(section) => format!("in {section}: {message}"),
        None => message,
    };
    Problem { span, message }
}

/// The `[section]` the line holding `offset` belongs to; None for a line before any header
/// and for a header line itself.
fn section_of(text: &str, offset: usize) -> Option<&str> {
    let line = line_of(text, offset);
    let own = text.lines().nth(line - 1).and_then(header);
    if own.is_some() {
        return None;
    }
    text.lines().take(line - 1).filter_map(header).last()
}

/// `[name]` from a table header line.
fn header(line: &str) -> Option<&str> {
    let l = line.trim_start();
    let end = l.find(']')?;
    l.starts_with('[').then(|| &l[..=end])
}

const MAX_SECONDS: i64 = 3600;

fn refresh(file: RefreshFile) -> Result<Refresh, Problem> {
    let default = Refresh::default();
    let list = seconds(file.list_seconds.as_ref(), "list_seconds", default.list)?;
    let poll_first = seconds(
        file.poll_first_seconds.as_ref(),
        "poll_first_seconds",
        default.poll_first,
    )?;
    let poll_max = seconds(
        file.poll_max_seconds.as_ref(),
        "poll_max_seconds",
        default.poll_max,
    )?;
    if poll_first > poll_max {
        let given = |f: &Field| {
            if f.is_some() { "" } else { ", the default" }
        };
        let span = file
            .poll_first_seconds
            .as_ref()
            .or(file.poll_max_seconds.as_ref())
            .map(Spanned::span);
        return Err(Problem {
            span,
            message: format!(
                "poll_first_seconds ({}{}) is more than poll_max_seconds ({}{}) in [refresh]; \
                 polling starts at the first and backs off to the max, so make \
                 poll_first_seconds at most poll_max_seconds",
                poll_first.as_secs(),
                given(&file.poll_first_seconds),
                poll_max.as_secs(),
                given(&file.poll_max_seconds),
            ),
        });
    }
    Ok(Refresh {
        list,
        poll_first,
        poll_max,
    })
}

fn seconds(
    field: Option<&Spanned<Value>>,
    name: &str,
    default: Duration,
) -> Result<Duration, Problem> {
    let Some(value) = field else {
        return Ok(default);
    };
    let whole = value.get_ref().as_integer();
    match whole.filter(|n| (1..=MAX_SECONDS).contains(n)) {
        Some(n) => Ok(Duration::from_secs(n.unsigned_abs())),
        None => Err(Problem::at(
            value.span(),
            format!(
                "{name} in [refresh] must be a whole number of seconds from 1 to {MAX_SECONDS}, \
                 like {}; found {}",
                default.as_secs(),
                value.get_ref()
            ),
        )),
    }
}

fn notifications(file: NotificationsFile) -> Result<Notifications, Problem> {
    let default = Notifications::default();
    let bell = boolean(file.bell.as_ref(), "bell in [notifications]", default.bell)?;
    let desktop = match &file.desktop {
        None => default.desktop,
        Some(value) => match value
            .get_ref()
            .as_str()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("off") => Desktop::Off,
            Some("osc9") => Desktop::Osc9,
            Some("osc777") => Desktop::Osc777,
            _ => {
                return Err(Problem::at(
                    value.span(),
                    format!(
                        "desktop in [notifications] must be \"off\", \"osc9\" or \"osc777\" \
                         (the escape your terminal understands); found {}",
                        value.get_ref()
                    ),
                ));
            }
        },
    };
    let command = match &file.command {
        None => None,
        Some(value) => match value.get_ref().as_str().map(str::trim) {
            Some("") => None,
            Some(command) => Some(command.to_string()),
            None => {
                return Err(Problem::at(
                    value.span(),
                    format!(
                        "command in [notifications] must be text, a shell command such as \
                         'notify-send \"$EDGEPURGE_TARGET\" \"$EDGEPURGE_STATUS\"'; found {}",
                        value.get_ref()
                    ),
                ));
            }
        },
    };
    Ok(Notifications {
        bell,
        desktop,
        command,
    })
}

pub(super) fn boolean(
    field: Option<&Spanned<Value>>,
    what: &str,
    default: bool,
) -> Result<bool, Problem> {
    match field {
        None => Ok(default),
        Some(value) => value.get_ref().as_bool().ok_or_else(|| {
            Problem::at(
                value.span(),
                format!("{what} must be true or false; found {}", value.get_ref()),
            )
        }),
    }
}

fn colors(file: ColorsFile) -> Result<Colors, Problem> {
    let default = Colors::default();
    Ok(Colors {
        enabled: boolean(
            file.enabled.as_ref(),
            "enabled in [colors]",
            default.enabled,
        )?,
        accent: color(file.accent.as_ref(), "accent", default.accent)?,
        in_progress: color(
            file.in_progress.as_ref(),
            "in_progress",
            default.in_progress,
        )?,
        completed: color(file.completed.as_ref(), "completed", default.completed)?,
        error: color(file.error.as_ref(), "error", default.error)?,
    })
}

fn color(field: Option<&Spanned<Value>>, name: &str, default: Color) -> Result<Color, Problem> {
    let Some(value) = field else {
        return Ok(default);
    };
    let parsed = match value.get_ref() {
        Value::String(s) => Color::from_str(s).ok(),
        Value::Integer(n) => u8::try_from(*n).ok().map(Color::Indexed),
        _ => None,
    };
    parsed.ok_or_else(|| {
        Problem::at(
            value.span(),
            format!(
                "{name} in [colors] must be a colour name (black, red, green, yellow, blue, \
                 magenta, cyan, gray, dark_gray, white, or light_red … light_cyan), \"#rrggbb\", \
                 or a terminal colour number 0 to 255; found {}",
                value.get_ref()
            ),
        )
    })
}
