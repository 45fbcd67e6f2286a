//! Flags several subcommands take, each defined once: its name, short form, value and rules.
//! A subcommand flattens the ones it takes; where the help depends on what the subcommand
//! prints or does, it gives the words itself (`#[command(mut_arg("json", help("…")))]`).
//!
//! The structs carry no doc comment: clap would make it the subcommand's description. Nor a
//! group of their own (`group(skip)`): nothing refers to one.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Arg, Args};

use super::duration;

/// Sets an argument's help, for `mut_arg`.
pub fn help(text: &'static str) -> impl FnOnce(Arg) -> Arg {
    move |arg| arg.help(text)
}

// `--json`; each subcommand says what it prints.
#[derive(Debug, Args)]
#[group(skip)]
pub struct Json {
    #[arg(long)]
    pub json: bool,
}

// `--yes`, `-y`; each subcommand says what it does without asking.
#[derive(Debug, Args)]
#[group(skip)]
pub struct Yes {
    #[arg(long, short)]
    pub yes: bool,
}

// `--timeout DURATION`.
#[derive(Debug, Args)]
#[group(skip)]
pub struct Timeout {
    /// Stop waiting after this long (e.g. 90s, 10m, 1h) and exit with status 3.
    #[arg(long, value_name = "DURATION", value_parser = duration::parse)]
    pub timeout: Option<Duration>,
}

impl Timeout {
    /// When to stop waiting, counted from now; none without `--timeout`.
    pub fn deadline(&self) -> Option<tokio::time::Instant> {
        self.timeout.map(|t| tokio::time::Instant::now() + t)
    }
}

// `--wait` and its `--timeout`, for commands that make something and may follow it; each says
// what it follows.
#[derive(Debug, Args)]
#[group(skip)]
#[command(mut_arg("timeout", |arg| arg.requires("wait")))]
pub struct Follow {
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub timeout: Timeout,
}

// `--file F`, `-f F`: where the items come from when none are given as arguments.
#[derive(Debug, Args)]
#[group(skip)]
pub struct ItemsFile {
    /// Read items from this file, one a line (- for standard input).
    #[arg(long, short, value_name = "F")]
    pub file: Option<PathBuf>,
}

// `--offline`.
#[derive(Debug, Args)]
#[group(skip)]
pub struct Offline {
    /// Answer from what is stored, without asking AWS.
    #[arg(long)]
    pub offline: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use crate::cli::Cli;
    use crate::cli::testing::parse;

    #[test]
    fn every_flag_of_every_command_says_what_it_does() {
        let cli = Cli::command();
        for command in cli.get_subcommands() {
            for arg in command.get_arguments() {
                assert!(
                    arg.get_help().is_some_and(|h| !h.to_string().is_empty()),
                    "{} --{} has no help",
                    command.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn a_timeout_needs_wait_only_where_waiting_is_a_choice() {
        let refused = [
            ["purge", "E1", "/a", "--timeout", "10m"].as_slice(),
            ["reset", "lightsail:blog", "--timeout", "10m"].as_slice(),
        ];
        for args in refused {
            let err = parse(args).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::MissingRequiredArgument,
                "{args:?}"
            );
        }
        assert!(parse(&["purge", "E1", "/a", "--wait", "--timeout", "10m"]).is_ok());
        assert!(parse(&["reset", "lightsail:blog", "-y", "--wait", "--timeout", "1h"]).is_ok());
        assert!(parse(&["wait", "E1", "I1", "--timeout", "90s"]).is_ok());
    }
}
