//! The command line: global flags, subcommands, exit statuses.

mod demo_args;
mod drafts;
mod input;
mod validate;

use std::process::ExitCode;

use std::sync::Arc;

use chrono::{Local, Utc};
use clap::{Args, Parser, Subcommand};

use crate::app::{Keymap, Model};
use crate::backend::demo::DemoBackend;
use crate::clock::{SharedClock, TokioClock};

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
    if !global.demo {
        eprintln!(
            "edgepurge: connecting to AWS is not available in this build yet; run the dashboard on the demo account with --demo"
        );
        return exit::INVALID;
    }
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
        let backend = DemoBackend::new(global.demo_args.settings(), Arc::clone(&clock))?;
        let mut model = Model::new("DEMO", Utc::now(), *Local::now().offset());
        model.colors = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        model.read_only = global.read_only;
        model.seed = rand::random();
        crate::dashboard::run(
            Arc::new(backend),
            model,
            Keymap::default(),
            clock,
            Box::new(drafts::DiskDrafts),
        )
        .await
    });
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("edgepurge: {e:#}");
            exit::FAILURE
        }
    }
}
