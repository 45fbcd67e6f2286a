//! The command line: global flags, subcommands, exit statuses.

mod aws_args;
mod demo_args;
mod input;
mod validate;

use std::process::ExitCode;

use std::sync::Arc;

use chrono::{Local, Utc};
use clap::{Args, Parser, Subcommand};

use crate::app::{Keymap, Model};
use crate::clock::{SharedClock, TokioClock};

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
        None => dashboard(&cli.global),
    };
    ExitCode::from(code)
}

/// The dashboard: the default mode.
fn dashboard(global: &GlobalArgs) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("edgepurge: cannot start: {e}");
            return exit::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let clock: SharedClock = Arc::new(TokioClock::system());
        // Built without I/O: the first frame is drawn before any credential work.
        let connection = connect(global, Arc::clone(&clock))?;
        let mut model = Model::new(connection.source, Utc::now(), *Local::now().offset());
        model.colors = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        crate::dashboard::run(connection.backend, model, Keymap::default(), clock).await
    });
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("edgepurge: {e:#}");
            exit::FAILURE
        }
    }
}
