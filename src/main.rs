use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A shell asking for completions (EDGEPURGE_COMPLETE=bash …) is answered, and the run ends
    // there.
    edgepurge::cli::answer_completion();
    let cli = edgepurge::cli::Cli::parse();
    edgepurge::cli::run(cli)
}
