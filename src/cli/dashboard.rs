//! Starting the dashboard: the config file, the account, the model, and the drafts on disk.

use std::io::IsTerminal;
use std::sync::Arc;

use chrono::Local;

use super::output::say;
use super::{GlobalArgs, exit};
use crate::app::{Accounts, BackfillSettings, Flash, Lane, Loop, Memory, Model, Runtime, Signal};
use crate::backend::Backend;
use crate::backend::aws::{AwsSettings, profiles};
use crate::clock::{SharedClock, TokioClock};
use crate::store::config;

/// The dashboard: the default mode. `log_note` (logging is off, and why) is said once, in
/// the status line, as the dashboard cannot write to the terminal.
pub fn run(global: &GlobalArgs, log_note: Option<String>) -> u8 {
    if let Some(why) = terminal_problem(
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
        std::env::var("TERM").ok().as_deref(),
    ) {
        say!("edgepurge: {why}");
        return exit::INVALID;
    }
    // A mistake in the config file stops the start: a setting silently ignored is worse.
    let config = match config::load() {
        Ok(config) => config,
        Err(e) => {
            say!("edgepurge: {e}");
            return exit::INVALID;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            say!("edgepurge: cannot start: {e}");
            return exit::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let clock: SharedClock = Arc::new(TokioClock::system());
        // Several accounts: `--profile prod,staging`, else the config's `[accounts]` list.
        let mut profiles = global.aws.profiles();
        if profiles.is_empty() && !global.demo {
            profiles = config.profiles.clone();
        }
        // Built without I/O: the first frame is drawn before any credential work.
        let (lanes, connection) = if profiles.len() > 1 {
            let mut each = super::aws_args::connect_each(global, &profiles, Arc::clone(&clock))?;
            let first = each.remove(0);
            (Some((first.0, each)), first.1)
        } else if let Some(profile) = profiles.first().filter(|_| global.aws.profile.is_none()) {
            // One profile from the config: as if given with --profile.
            let mut each = super::aws_args::connect_each(
                global,
                std::slice::from_ref(profile),
                Arc::clone(&clock),
            )?;
            (None, each.remove(0).1)
        } else {
            (None, super::connect(global, Arc::clone(&clock))?)
        };
        // Said before the dashboard takes the screen, so it is there again when it leaves.
        if let Some(warning) = &connection.warning {
            say!("edgepurge: {warning}");
        }
        let source = match &lanes {
            Some(_) if global.demo => format!("DEMO {}", profiles.join(", ")),
            Some(_) => format!("profiles {}", profiles.join(", ")),
            None => connection.source.clone(),
        };
        let mut model = Model::new(source, clock.now(), *Local::now().offset());
        if lanes.is_some() {
            model.lanes = profiles.iter().map(Lane::new).collect();
        }
        model.colors = config
            .colors
            .use_color(std::env::var_os("NO_COLOR").as_deref());
        model.settings = config.settings();
        model.read_only = global.read_only;
        model.seed = rand::random();
        let model_seed = model.seed;
        model.flash = log_note.map(|text| Flash { text, error: false });
        let mut memory = memory(global, model_seed, &config.memory);
        if lanes.is_none() && global.aws.profile.is_none() && !global.demo {
            memory.sender.profile = profiles.first().cloned();
        }
        let accounts = Arc::new(CliAccounts {
            demo: global.demo,
            settings: global.aws.settings(),
        });
        let terminal = crate::tui::Terminal::enter(config.mouse_capture && !global.no_mouse)?;
        let inputs = crate::tui::inputs()?;
        let backend = connection.backend;
        let start = {
            let clock = Arc::clone(&clock);
            move || match lanes {
                Some((first, others)) => Runtime::start_accounts(
                    (first, backend),
                    others.into_iter().map(|(p, c)| (p, c.backend)).collect(),
                    clock,
                    memory,
                    accounts,
                ),
                None => Runtime::start(backend, clock, memory, accounts),
            }
        };
        Loop::begin(
            terminal,
            crate::ui::Ui,
            inputs,
            model,
            config.keymap.clone(),
            clock,
            start,
        )?
        .run()
        .await
    });
    match result {
        Ok(ending) => {
            // The terminal is restored by now: what could not be kept is said where it stays.
            if let Err(e) = ending.unsaved {
                say!("edgepurge: the batch in the form could NOT be saved: {e}");
            }
            ending.signal.map_or(exit::OK, Signal::exit_status)
        }
        Err(e) if no_controlling_terminal(&e) => {
            say!(
                "edgepurge: the dashboard needs a terminal; for scripts use a command such as \
                 `edgepurge invalidations` (this process has no controlling terminal: {e})"
            );
            exit::INVALID
        }
        Err(e) => {
            say!("edgepurge: {e:#}");
            exit::FAILURE
        }
    }
}

/// ENXIO from `/dev/tty`: standard input looks like a terminal but the process has none of
/// its own (started with `setsid`, or by a daemon).
fn no_controlling_terminal(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::raw_os_error)
            == Some(libc::ENXIO)
    })
}

/// Why the dashboard cannot be drawn here, if it cannot: no terminal to read keys from or
/// draw on (a pipe, cron, CI), or one that cannot move the cursor (`TERM=dumb`).
fn terminal_problem(stdin: bool, stdout: bool, term: Option<&str>) -> Option<String> {
    const SCRIPTS: &str = "for scripts use a command such as `edgepurge invalidations`";
    if !(stdin && stdout) {
        let which = if stdin {
            "standard output"
        } else {
            "standard input"
        };
        return Some(format!(
            "the dashboard needs a terminal; {SCRIPTS} ({which} is not a terminal; \
             `edgepurge --help` lists the commands)"
        ));
    }
    if term == Some("dumb") {
        return Some(format!(
            "the dashboard cannot draw on TERM=dumb; run it in a terminal that can (e.g. \
             TERM=xterm-256color), or {SCRIPTS}"
        ));
    }
    None
}

/// Switching accounts from the dashboard: the profiles of the AWS config files, and a new AWS
/// backend for the one chosen.
struct CliAccounts {
    demo: bool,
    /// As started: what "(as configured)" keeps.
    settings: AwsSettings,
}

impl Accounts for CliAccounts {
    fn profiles(&self) -> Result<Vec<String>, String> {
        if self.demo {
            return Err(
                "the demo account has no AWS profiles; start edgepurge without --demo to \
                        switch between the profiles of ~/.aws/config"
                    .into(),
            );
        }
        profiles::list_profiles()
            .map_err(|e| format!("the AWS config files could not be read: {e}"))
    }

    fn connect(
        &self,
        profile: Option<String>,
        region: Option<String>,
    ) -> Result<(Arc<dyn Backend>, String), String> {
        if self.demo {
            return Err("the demo account cannot switch to an AWS profile".into());
        }
        Ok(super::aws_backend(AwsSettings {
            profile: profile.or_else(|| self.settings.profile.clone()),
            region: region.or_else(|| self.settings.region.clone()),
            endpoint_url: self.settings.endpoint_url.clone(),
        }))
    }
}

/// The store this dashboard keeps its memory in (the demo account has its own), its own
/// draft's id, who it writes as, and the backfill unless `--no-backfill` (or the config's
/// `backfill = false`).
fn memory(global: &GlobalArgs, seed: u64, settings: &config::Memory) -> Memory {
    let sender = super::memory::sender(global, "dashboard".into());
    let mut memory = Memory::new(
        super::memory::path(global),
        format!("dashboard-{}-{seed:016x}", std::process::id()),
        sender,
        (settings.backfill && !global.no_backfill).then(|| BackfillSettings {
            window: chrono::Duration::days(i64::from(settings.backfill_days)),
            rate: f64::from(settings.backfill_rate),
        }),
    );
    if global.demo {
        memory.edges = crate::app::runtime::Edges::Demo;
    }
    memory
}

#[cfg(test)]
mod tests {
    use super::terminal_problem;

    #[test]
    fn without_a_terminal_it_says_what_to_use_instead() {
        let why = terminal_problem(false, true, Some("xterm")).unwrap();
        assert!(
            why.starts_with(
                "the dashboard needs a terminal; for scripts use a command such \
                 as `edgepurge invalidations` (standard input is not a terminal"
            ),
            "{why}"
        );
        let why = terminal_problem(true, false, None).unwrap();
        assert!(why.contains("standard output is not a terminal"), "{why}");
        let why = terminal_problem(true, true, Some("dumb")).unwrap();
        assert!(why.contains("TERM=dumb"), "{why}");
        assert_eq!(terminal_problem(true, true, Some("xterm-256color")), None);
        assert_eq!(terminal_problem(true, true, None), None);
    }
}
