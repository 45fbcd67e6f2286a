//! `edgepurge completions SHELL`: a completion script for the shell, on standard output.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::output;
use super::{Cli, exit};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, elvish, fish, powershell or zsh.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "edgepurge", &mut script);
    output::write_own_stdout(&String::from_utf8_lossy(&script), exit::OK)
}
