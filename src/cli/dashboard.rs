//! Starting the dashboard: the config file, the account, the model, and the drafts on disk.

use std::sync::Arc;

use chrono::{Local, Utc};

use super::{GlobalArgs, exit};
use crate::app::{Draft, Keymap, Model};
use crate::backend::Backend;
use crate::backend::aws::{AwsBackend, AwsSettings, profiles};
use crate::clock::{SharedClock, TokioClock};
use crate::dashboard::{Accounts, DraftStore};
use crate::store::{config, draft};

/// The dashboard: the default mode.
pub fn run(global: &GlobalArgs) -> u8 {
    // A mistake in the config file stops the start: a setting silently ignored is worse.
    let config = match config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("edgepurge: {e}");
            return exit::INVALID;
        }
    };
    let keymap = match Keymap::default().with_context_overrides(config.keymap_overrides()) {
        Ok(keymap) => keymap,
        Err(e) => {
            eprintln!("edgepurge: the config file's keys: {}", e.message);
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
            eprintln!("edgepurge: cannot start: {e}");
            return exit::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let clock: SharedClock = Arc::new(TokioClock::system());
        // Built without I/O: the first frame is drawn before any credential work.
        let connection = super::connect(global, Arc::clone(&clock))?;
        // Said before the dashboard takes the screen, so it is there again when it leaves.
        if let Some(warning) = &connection.warning {
            eprintln!("edgepurge: {warning}");
        }
        let mut model = Model::new(connection.source, Utc::now(), *Local::now().offset());
        model.colors = config
            .colors
            .use_color(std::env::var_os("NO_COLOR").as_deref());
        model.settings = config.settings();
        model.read_only = global.read_only;
        model.seed = rand::random();
        crate::dashboard::run(
            connection.backend,
            model,
            keymap,
            clock,
            Box::new(DiskDrafts),
            Arc::new(CliAccounts {
                demo: global.demo,
                settings: global.aws.settings(),
            }),
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
        let backend = AwsBackend::new(AwsSettings {
            profile: profile.or_else(|| self.settings.profile.clone()),
            region: region.or_else(|| self.settings.region.clone()),
            endpoint_url: self.settings.endpoint_url.clone(),
        });
        let source = backend.describe();
        Ok((Arc::new(backend), source))
    }
}

/// Drafts in the state directory (`draft.json`).
struct DiskDrafts;

impl DraftStore for DiskDrafts {
    fn load(&self) -> anyhow::Result<Option<Draft>> {
        Ok(draft::load()?.map(|d| Draft {
            targets: d.targets,
            text: d.text,
            caller_reference: d.caller_reference,
        }))
    }

    fn save(&self, d: &Draft) -> anyhow::Result<()> {
        draft::save(&draft::Draft {
            targets: d.targets.clone(),
            text: d.text.clone(),
            caller_reference: d.caller_reference.clone(),
            saved_at: Utc::now(),
        })?;
        Ok(())
    }

    fn forget(&self) -> anyhow::Result<()> {
        draft::discard()?;
        Ok(())
    }
}
