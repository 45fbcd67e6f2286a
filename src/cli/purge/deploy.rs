//! `purge TARGET... --from-sync FILE` (and `--from-git-diff`, `--from-list`, `--dir`): the
//! batch is what a deploy changed, the exact paths or, with `--plan`, the planner's batch
//! (`edgepurge plan` shows both). It is then judged, confirmed and sent as any batch.

use clap::Args;
use tokio::runtime::Runtime;

use crate::cli::GlobalArgs;
use crate::cli::changes::{self, ChangesFrom, Planning, Previous};
use crate::cli::output::{Failure, say};
use crate::cli::plan::{self, record_deploy};
use crate::cli::send::Outcome;
use crate::cli::session::Session;
use crate::domain::deploy::{Manifest, plan as plan_batch};
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;

// The deploy inputs of purge, and `--plan`.
#[derive(Debug, Args, Default)]
#[group(skip)]
#[command(mut_arg("objects", |a| a.requires("plan")))]
#[command(mut_arg("max_extra", |a| a.requires("plan")))]
#[command(mut_arg("wildcard_depth", |a| a.requires("plan")))]
pub struct DeployFlags {
    #[command(flatten)]
    pub from: ChangesFrom,
    /// Send the planner's batch (wildcards where they cost less, within the bounds; see
    /// edgepurge plan) instead of every changed path.
    #[arg(long)]
    pub plan: bool,
    #[command(flatten)]
    pub planning: Planning,
}

/// The batch a deploy gives, and the build folder to record once it is sent.
pub struct DeployBatch {
    pub text: String,
    manifest: Option<Manifest>,
}

/// The deploy's batch when one of the inputs was given; none for a batch of items.
pub fn batch(
    flags: &DeployFlags,
    items: &[String],
    file_given: bool,
    targets: &[CloudFrontTarget],
    global: &GlobalArgs,
    runtime: &Runtime,
    early: &mut Option<Session>,
) -> Result<Option<DeployBatch>, Failure> {
    if !flags.from.given() {
        if flags.plan {
            return Err(Failure::invalid(
                "--plan plans the purge of a deploy: say what changed with --from-sync FILE, \
                 --from-git-diff FILE, --from-list FILE or --dir DIR",
            ));
        }
        return Ok(None);
    }
    if !items.is_empty() || file_given {
        return Err(Failure::invalid(format!(
            "the batch is what the deploy changed: give either items ({}) or a deploy's \
             changes, not both",
            items.first().map_or("--file", String::as_str)
        )));
    }
    let sites = targets
        .iter()
        .map(|t| plan::site_for(Some(t), None))
        .collect::<Result<Vec<_>, _>>()?;
    let site = sites.first().cloned().unwrap_or_default();
    if sites.iter().any(|s| *s != site) {
        return Err(Failure::invalid(
            "the targets have different [deploy] settings, so their paths differ: purge them \
             one at a time",
        ));
    }
    if flags.from.dir.is_some() && targets.len() > 1 {
        return Err(Failure::invalid(
            "--dir compares the folder with one target's last deploy: purge one target at a time",
        ));
    }
    // A plan needs what the targets have in progress; a build folder, the last deploy.
    let (load, previous) = if flags.plan || flags.from.dir.is_some() {
        runtime.block_on(async {
            let session = match early.take() {
                Some(s) => s,
                None => Session::new(global)?,
            };
            let session = early.insert(session);
            let mut load = InProgressLoad::default();
            let mut previous = None;
            for t in targets {
                let dir = flags.from.dir.is_some();
                let c = plan::context(session, global, &t.to_string(), flags.plan, dir).await?;
                load.wildcards = load.wildcards.max(c.load.wildcards);
                load.file_paths = load.file_paths.max(c.load.file_paths);
                previous = c.previous;
            }
            Ok::<_, Failure>((load, previous))
        })?
    } else {
        (InProgressLoad::default(), None)
    };
    let first = targets.first().map(ToString::to_string).unwrap_or_default();
    let changes = changes::read(
        &flags.from,
        &flags.planning,
        &site,
        Previous::Of(&first, previous.as_ref()),
    )?;
    let limits = changes::limits(&flags.planning, &changes, Some(load))?;
    let planned = plan_batch(&changes.paths, changes.objects.as_deref(), &limits);
    say!("edgepurge: {}", plan::summary(&planned, &changes, None));
    let chosen = if flags.plan {
        say!("edgepurge: sending the planned batch (--plan)");
        &planned.planned
    } else {
        &planned.exact
    };
    Ok(Some(DeployBatch {
        text: chosen.items.join("\n"),
        manifest: changes.manifest,
    }))
}

/// Once every part reached every target, the build folder is the targets' last deploy.
pub async fn after(
    session: &Session,
    targets: &[CloudFrontTarget],
    batch: Option<&DeployBatch>,
    outcome: &Outcome,
) {
    let Some(manifest) = batch.and_then(|b| b.manifest.as_ref()) else {
        return;
    };
    if outcome.status() != crate::cli::exit::OK {
        return;
    }
    for target in targets {
        record_deploy(session, target, manifest.clone()).await;
    }
}
