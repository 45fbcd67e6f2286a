//! The command line: global flags, subcommands, exit statuses.

mod aws_args;
mod dashboard;
mod demo_args;
mod input;
mod validate;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use aws_args::{AwsArgs, Connection, connect};
pub use demo_args::DemoArgs;

/// Exit statuses every subcommand keeps to.
pub mod exit {
    pub const OK: u8 = 0;
    /// A failure from AWS or the network.
    pub const FAILURE: u8 = 1;
    /// Invalid input or usage.
    pub const INVALID: u8 = 2;
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
    #[command(flatten, next_help_heading = "Demo account (with --demo)")]
    pub demo_args: DemoArgs,
    #[command(flatten, next_help_heading = "AWS (without --demo)")]
    pub aws: AwsArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge a batch of paths and cache tags: each item's verdict, its normalized form, the summary.
    Validate(validate::ValidateArgs),
}

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Some(Command::Validate(args)) => validate::run(&args, &cli.global),
        None => dashboard::run(&cli.global),
    };
    ExitCode::from(code)
}
