use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = edgepurge::cli::Cli::parse();
    edgepurge::cli::run(cli)
}
