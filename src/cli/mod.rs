//! The command line: global flags, subcommands, exit statuses.

mod aws_args;
mod build_folder;
mod changes;
mod complete;
mod completions;
mod dashboard;
mod demo_args;
mod distributions;
mod duration;
mod flags;
mod follow;
mod history;
mod input;
mod invalidations;
mod journal;
mod memory;
mod names;
mod output;
mod plan;
mod progress;
mod purge;
mod qualified;
mod rerun;
mod reset;
mod resume;
mod search;
mod send;
mod session;
mod show;
mod terminal;
#[cfg(test)]
mod testing;
mod usage;
mod validate;
mod verify;
mod wait;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use aws_args::AwsArgs;
use aws_args::{aws_backend, connect};
pub use complete::answer_if_asked as answer_completion;
pub use demo_args::DemoArgs;
use output::say;

/// Exit statuses every subcommand keeps to.
pub mod exit {
    pub const OK: u8 = 0;
    /// A failure from AWS or the network.
    pub const FAILURE: u8 = 1;
    /// Invalid input or usage.
    pub const INVALID: u8 = 2;
    /// A wait that reached its `--timeout`.
    pub const TIMEOUT: u8 = 3;
    /// An edge served a copy older than the invalidation (`verify`, `purge --verify`).
    pub const STALE: u8 = 4;
}

#[derive(Debug, Parser)]
#[command(
    name = "edgepurge",
    version,
    about = "CDN cache invalidations for CloudFront distributions, distribution tenants and Lightsail",
    long_about = None,
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags every mode takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use the built-in demo account instead of AWS.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Refuse every write (invalidations, cache resets); everything can still be looked at.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Do not fetch the history of invalidations in the background (dashboard).
    #[arg(long, global = true)]
    pub no_backfill: bool,
    /// Leave the mouse to the terminal, so that its own selection works (dashboard; also
    /// `[mouse] capture = false` in the config).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Also write the log to standard error (commands only; the dashboard logs to its file).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(flatten, next_help_heading = "Demo account (with --demo)")]
    pub demo_args: DemoArgs,
    #[command(flatten, next_help_heading = "AWS (without --demo)")]
    pub aws: AwsArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List CloudFront distributions, their tenants and Lightsail distributions.
    Distributions(distributions::DistributionsArgs),
    /// List a target's invalidations, newest first.
    Invalidations(invalidations::InvalidationsArgs),
    /// Show one invalidation: status, caller reference, paths.
    Show(show::ShowArgs),
    /// Invalidate paths and cache tags on one or more targets.
    Purge(purge::PurgeArgs),
    /// The paths a deploy changed, and the cheapest batch that purges them beside the exact one.
    Plan(plan::PlanArgs),
    /// Follow an invalidation (or a Lightsail cache reset) to its end.
    Wait(wait::WaitArgs),
    /// Reset the whole cache of a Lightsail distribution.
    Reset(reset::ResetArgs),
    /// List the journal: every purge and reset sent or tried, newest first.
    Journal(journal::JournalArgs),
    /// Send unconfirmed purges again with their own caller references (never twice).
    Resume(resume::ResumeArgs),
    /// Which invalidations purged a path: exact, covered by a wildcard, or containing it.
    Search(search::SearchArgs),
    /// The paths the account created in a month, the free ones left, and the cost.
    Usage(usage::UsageArgs),
    /// Ask the target's edges whether an invalidation took effect: fresh, stale or unknown
    /// per URL.
    Verify(verify::VerifyArgs),
    /// Judge a batch of paths and cache tags: each item's verdict, its normalized form, the summary.
    Validate(validate::ValidateArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh).
    Completions(completions::CompletionsArgs),
}

impl Cli {
    /// What clap cannot check itself when `--demo` stands before the subcommand and the
    /// other flag after it: the `--demo-*` settings need `--demo`, the AWS flags exclude it.
    pub fn checked(self) -> Result<Self, clap::Error> {
        let g = &self.global;
        let problem = match (g.demo, g.demo_args.first_given(), g.aws.first_given()) {
            (false, Some(flag), _) => Some((
                clap::error::ErrorKind::MissingRequiredArgument,
                format!("{flag} sets up the demo account: it needs --demo"),
            )),
            (true, _, Some(flag)) => Some((
                clap::error::ErrorKind::ArgumentConflict,
                format!("{flag} is for AWS: it cannot be used with --demo"),
            )),
            _ => g
                .aws
                .endpoint_problem()
                .or_else(|| g.aws.profile_problem(g.demo, self.command.is_none()))
                .map(|why| (clap::error::ErrorKind::ValueValidation, why)),
        };
        match problem {
            Some((kind, message)) => {
                Err(<Self as clap::CommandFactory>::command().error(kind, message))
            }
            None => Ok(self),
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let mut cli = match cli.checked() {
        Ok(cli) => cli,
        Err(e) => {
            // Printed as clap prints its own usage errors.
            let _ = e.print();
            return ExitCode::from(exit::INVALID);
        }
    };
    if let Err(why) = qualified::take_profiles(&mut cli) {
        say!("edgepurge: {why}");
        return ExitCode::from(exit::INVALID);
    }
    let global = &cli.global;
    // An endpoint from the environment is checked as `--endpoint-url` is, by whatever may
    // reach AWS (validate and completions never do).
    let reaches_aws = !matches!(
        cli.command,
        Some(Command::Validate(_) | Command::Completions(_))
    );
    if reaches_aws
        && !global.demo
        && global.aws.endpoint_url.is_none()
        && let Err(why) = aws_args::endpoint_in_environment()
    {
        say!("edgepurge: {why}");
        return ExitCode::from(exit::INVALID);
    }
    // Completions print a script and nothing else happens: nothing to log.
    let logging = match &cli.command {
        Some(Command::Completions(_)) => None,
        // The dashboard owns the terminal: its log goes only to the file.
        None => Some(crate::logging::init(false)),
        Some(_) => Some(crate::logging::init(global.verbose)),
    };
    let (log_off, filter_note) = logging
        .as_ref()
        .map_or((None, None), |l| (l.off.clone(), l.filter_note.clone()));
    if cli.command.is_some() {
        // A log that cannot be written is no concern of a script that did not ask for it.
        let off = log_off.as_ref().filter(|_| global.verbose);
        for note in filter_note.iter().chain(off) {
            say!("edgepurge: {note}");
        }
    }
    let code = match &cli.command {
        Some(Command::Distributions(args)) => distributions::run(args, global),
        Some(Command::Invalidations(args)) => invalidations::run(args, global),
        Some(Command::Show(args)) => show::run(args, global),
        Some(Command::Purge(args)) => purge::run(args, global),
        Some(Command::Plan(args)) => plan::run(args, global),
        Some(Command::Wait(args)) => wait::run(args, global),
        Some(Command::Reset(args)) => reset::run(args, global),
        Some(Command::Journal(args)) => journal::run(args, global),
        Some(Command::Resume(args)) => resume::run(args, global),
        Some(Command::Verify(args)) => verify::run(args, global),
        Some(Command::Search(args)) => search::run(args, global),
        Some(Command::Usage(args)) => usage::run(args, global),
        Some(Command::Validate(args)) => validate::run(args, global),
        Some(Command::Completions(args)) => completions::run(args),
        None => dashboard::run(global, log_off.or(filter_note)),
    };
    // Flushes the log before the process ends.
    drop(logging);
    ExitCode::from(code)
}
