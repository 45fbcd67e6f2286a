//! `edgepurge plan (--from-sync F | --from-git-diff F | --from-list F | --dir DIR) [TARGET]`:
//! the paths a deploy changed, and the cheapest batch that purges them beside the exact one.

use clap::Args;
use serde::Serialize;

use super::changes::{self, Changes, ChangesFrom, Planning, Previous};
use super::flags::{Json, help};
use super::names;
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::backend::in_progress_load;
use crate::domain::cost::{CostEstimate, MonthUse, brief, estimate, month_said};
use crate::domain::deploy::{Manifest, Plan, PlanLimits, Planned, Site, plan};
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::{plural, thousands};
use crate::store::{deploys, usage};

#[derive(Debug, Args)]
#[command(
    override_usage = "edgepurge plan (--from-sync FILE | --from-git-diff FILE | --from-list FILE | --dir DIR) [--objects DIR|FILE] [TARGET] [--max-extra N] [--json]"
)]
#[command(mut_arg(
    "json",
    help("Print the plan and the exact batch as JSON (items, paths, wildcards, changed, …)")
))]
pub struct PlanArgs {
    /// The target whose [deploy.targets] settings, in-progress wildcards and last deploy
    /// (--dir) count (a distribution id, tenant:ID, or a name).
    #[arg(value_name = "TARGET", add = super::complete::offer_cloudfront_targets())]
    pub target: Option<String>,
    #[command(flatten)]
    pub from: ChangesFrom,
    #[command(flatten)]
    pub planning: Planning,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(args: &PlanArgs, global: &GlobalArgs) -> u8 {
    finish(run_plan(args, global))
}

/// What a target brings to a plan.
pub struct TargetContext {
    pub target: CloudFrontTarget,
    pub load: InProgressLoad,
    /// Its last deploy recorded from a build folder.
    pub previous: Option<Manifest>,
}

fn run_plan(args: &PlanArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    if !args.from.given() {
        return Err(Failure::invalid(
            "say what changed: --from-sync FILE, --from-git-diff FILE, --from-list FILE or \
             --dir DIR (- reads standard input)",
        ));
    }
    let (context, month) = match &args.target {
        Some(typed) => {
            let (context, month) = session::runtime()?.block_on(async {
                let mut session = Session::new(global)?;
                let context =
                    context(&mut session, global, typed, true, args.from.dir.is_some()).await?;
                if args.from.dir.is_none() {
                    session.remember(global).await;
                }
                Ok::<_, Failure>((context, month_use(&session).await))
            })?;
            (Some(context), month)
        }
        None => (None, None),
    };
    let site = site_for(context.as_ref().map(|c| &c.target), args.target.as_deref())?;
    let id = context.as_ref().map(|c| c.target.to_string());
    let changes = changes::read(
        &args.from,
        &args.planning,
        &site,
        match (&context, &id) {
            (Some(c), Some(id)) => Previous::Of(id, c.previous.as_ref()),
            _ => Previous::NoTarget,
        },
    )?;
    let limits = changes::limits(&args.planning, &changes, context.as_ref().map(|c| c.load))?;
    let planned = plan(&changes.paths, changes.objects.as_deref(), &limits);
    let out = if args.output.json {
        output::json(&PlanJson::of(&planned, &changes, month))?
    } else {
        text(&planned, &changes, &limits, context.as_ref(), month)
    };
    Ok(output::write_stdout(&out, exit::OK))
}

/// The target, what it has in progress (when a plan needs it), and (for a build folder) its
/// last deploy.
pub async fn context(
    session: &mut Session,
    global: &GlobalArgs,
    typed: &str,
    with_load: bool,
    with_previous: bool,
) -> Result<TargetContext, Failure> {
    let (target, _) = names::cloudfront(
        session.backend.as_ref(),
        typed,
        "it has no paths; its whole cache is reset with edgepurge reset",
    )
    .await?;
    let load = if with_load {
        in_progress_load(session.backend.as_ref(), &target)
            .await
            .map_err(|e| Failure::failed(format!("{target}: {e}")))?
    } else {
        InProgressLoad::default()
    };
    let previous = if with_previous {
        session.remember(global).await;
        previous_deploy(session, &target).await
    } else {
        None
    };
    Ok(TargetContext {
        target,
        load,
        previous,
    })
}

/// The deploy settings of the target (by id, then as typed), else the defaults. A config
/// file with a mistake stops here: a wrong mapping would purge the wrong paths.
pub fn site_for(target: Option<&CloudFrontTarget>, typed: Option<&str>) -> Result<Site, Failure> {
    let config = crate::store::config::load().map_err(|e| Failure::invalid(e.to_string()))?;
    let id = target.map(ToString::to_string);
    let names: Vec<&str> = id.as_deref().into_iter().chain(typed).collect();
    Ok(config.deploy.site(&names).clone())
}

/// The target's last deploy from a build folder; a store that cannot say is said, and the
/// folder is then taken whole.
pub async fn previous_deploy(session: &Session, target: &CloudFrontTarget) -> Option<Manifest> {
    let account = session.engine.account().unwrap_or_default().to_string();
    let t = target.to_string();
    match session
        .store()
        .call(move |c| deploys::last(c, &account, &t))
        .await
    {
        Ok(found) => found,
        Err(e) => {
            say!("edgepurge: the last deploy could not be read from the store: {e}");
            None
        }
    }
}

/// Record a build folder as the target's last deploy; a failure is said, never fatal.
pub async fn record_deploy(session: &Session, target: &CloudFrontTarget, files: Manifest) {
    let account = session.engine.account().unwrap_or_default().to_string();
    let t = target.to_string();
    let now = session.clock.now();
    let recorded = session
        .store()
        .call(move |c| deploys::record(c, &account, &t, &files, now))
        .await;
    if let Err(e) = recorded {
        say!(
            "edgepurge: {target}: this deploy could not be recorded ({e}); the next --dir takes \
             the folder whole again"
        );
    }
}

/// The account's use of this month's free paths as the store knows it (whole only when every
/// target's history reaches back to the month's start: `edgepurge usage` brings it so); none
/// when the account or its targets cannot be told.
async fn month_use(session: &Session) -> Option<MonthUse> {
    let account = session.engine.account()?.to_string();
    let targets = crate::history::all_targets(session.backend.as_ref())
        .await
        .ok()?;
    let names: Vec<String> = targets.iter().map(ToString::to_string).collect();
    let (from, to) = usage::month_of(session.clock.now());
    session
        .store()
        .call(move |c| usage::month_use(c, &account, &names, from, to))
        .await
        .ok()
}

/// A batch's cost: with the month's use when it is known whole, else the most it can be.
fn cost(plan: &Plan, month: Option<MonthUse>) -> CostEstimate {
    let used = month.filter(|m| m.complete).map(|m| m.paths);
    estimate(plan.items.len() as u64, used)
}

/// `exact 2,412 paths (up to $12.060)`, `9 wildcards + 31 paths (free)`.
fn figures(plan: &Plan, month: Option<MonthUse>) -> String {
    let paths = plan.file_paths();
    let count = if plan.wildcards == 0 {
        format!(
            "{} {}",
            thousands(paths as u64),
            if paths == 1 { "path" } else { "paths" }
        )
    } else {
        format!(
            "{} + {} {}",
            plural(plan.wildcards, "wildcard"),
            thousands(paths as u64),
            if paths == 1 { "path" } else { "paths" }
        )
    };
    format!("{count} ({})", brief(plan.items.len() as u64, month))
}

/// The plan in a line; `month`: the account's use of the month, when known.
pub fn summary(planned: &Planned, changes: &Changes, month: Option<MonthUse>) -> String {
    let mut line = format!(
        "{} changed {} ({} {} read from {}): exact {}; planned {}",
        thousands(planned.changed as u64),
        if planned.changed == 1 {
            "path"
        } else {
            "paths"
        },
        thousands(changes.files as u64),
        if changes.files == 1 {
            "change"
        } else {
            "changes"
        },
        changes.source,
        figures(&planned.exact, month),
        figures(&planned.planned, month),
    );
    if let Some(extra) = planned.planned.extra.filter(|e| *e > 0) {
        line.push_str(&format!(
            ", also purging {} unchanged {}",
            thousands(extra as u64),
            if extra == 1 { "object" } else { "objects" }
        ));
    } else if planned.planned.extra.is_none() && planned.planned.wildcards > 0 {
        line.push_str(
            ", also purging whatever else is in those folders (the objects are not known)",
        );
    }
    line
}

fn text(
    planned: &Planned,
    changes: &Changes,
    limits: &PlanLimits,
    context: Option<&TargetContext>,
    month: Option<MonthUse>,
) -> String {
    let mut out = summary(planned, changes, month);
    out.push('\n');
    if let Some(said) = month_said(month) {
        out.push_str(&said);
        out.push('\n');
    }
    for line in why(planned, limits, context) {
        out.push_str(&line);
        out.push('\n');
    }
    if changes.dry_run {
        out.push_str("(read from a dry run: nothing has changed in the bucket yet)\n");
    }
    out.push('\n');
    for item in &planned.planned.items {
        out.push_str(item);
        out.push('\n');
    }
    out
}

/// Why the plan is what it is: what bounded it.
fn why(planned: &Planned, limits: &PlanLimits, context: Option<&TargetContext>) -> Vec<String> {
    let mut lines = Vec::new();
    if !planned.wildcards_allowed && planned.changed > 1 {
        if limits.wildcards == 0 {
            lines.push(
                "no wildcards: the target already has 15 in progress, the most CloudFront runs"
                    .to_string(),
            );
        } else {
            lines.push(
                "no wildcards: the site's objects are not known, so what a wildcard would also \
                 purge cannot be counted; give --objects DIR|FILE (or plan from --dir), or \
                 allow whole folders with --wildcard-depth N"
                    .to_string(),
            );
        }
    } else if planned.wildcards_allowed {
        let in_progress = context.map_or_else(String::new, |c| {
            format!(
                "; {} has {} in progress",
                c.target,
                plural(c.load.wildcards, "wildcard")
            )
        });
        let extra = match (planned.planned.extra, limits.folder_depth) {
            (Some(_), _) => format!(
                "at most {} unchanged {} purged (--max-extra)",
                thousands(limits.max_extra as u64),
                if limits.max_extra == 1 {
                    "object"
                } else {
                    "objects"
                }
            ),
            (None, Some(depth)) => {
                format!("wildcards only for whole folders at depth {depth} or more")
            }
            (None, None) => String::new(),
        };
        lines.push(format!(
            "bounds: at most {}{in_progress}; {extra}",
            plural(limits.wildcards, "wildcard")
        ));
    }
    if !planned.planned.fits(limits) {
        lines.push(format!(
            "the planned batch cannot go as one invalidation that starts now ({} items; {} file \
             paths in progress, 3000 at most): purge sends it in parts, each when there is room",
            thousands(planned.planned.items.len() as u64),
            thousands(limits.file_paths_in_progress as u64)
        ));
    }
    lines
}

/// One batch's figures, as the JSON has them.
#[derive(Serialize)]
struct BatchJson<'a> {
    items: &'a [String],
    paths: usize,
    wildcards: usize,
    uncovered: usize,
    extra_objects: Option<usize>,
    extra_object_paths: Option<&'a [String]>,
    usd: f64,
    micro_usd: u64,
}

impl<'a> BatchJson<'a> {
    fn of(plan: &'a Plan, month: Option<MonthUse>) -> Self {
        let cost = cost(plan, month);
        Self {
            items: &plan.items,
            paths: plan.items.len(),
            wildcards: plan.wildcards,
            uncovered: plan.uncovered,
            extra_objects: plan.extra,
            extra_object_paths: plan.extra_paths.as_deref(),
            usd: cost.micro_usd as f64 / 1_000_000.0,
            micro_usd: cost.micro_usd,
        }
    }
}

#[derive(Serialize)]
struct PlanJson<'a> {
    changed: usize,
    #[serde(flatten)]
    planned: BatchJson<'a>,
    exact: BatchJson<'a>,
    /// Whether the month's use of the free paths was counted (else the most it can cost).
    use_known: bool,
    dry_run: bool,
}

impl<'a> PlanJson<'a> {
    fn of(planned: &'a Planned, changes: &Changes, month: Option<MonthUse>) -> Self {
        Self {
            changed: planned.changed,
            planned: BatchJson::of(&planned.planned, month),
            exact: BatchJson::of(&planned.exact, month),
            use_known: month.is_some_and(|m| m.complete),
            dry_run: changes.dry_run,
        }
    }
}
