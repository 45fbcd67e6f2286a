//! `edgepurge validate`: judge a batch without sending it.

use std::fmt::Write as _;
use std::sync::Arc;

use clap::Args;
use serde::Serialize;

use super::flags::{ItemsFile, Json, help};
use super::output::{fail, say, write_json_as_made, write_stdout, write_stdout_as_made};
use super::{GlobalArgs, exit, input};
use crate::backend::{BackendError, in_progress_load};
use crate::clock::TokioClock;
use crate::domain::batch::{BatchItem, Fix, ItemKind, Level, Note, PathBatch, apply_fixes};
use crate::domain::cost::{CostEstimate, estimate};
use crate::domain::quota::{Headroom, headroom};
use crate::domain::target::CloudFrontTarget;
use crate::domain::visible;
use crate::domain::words::plural;

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print one JSON object instead of text")))]
pub struct ValidateArgs {
    /// Paths and #cache-tags; read from --file or standard input when none are given (or
    /// when the one item is -).
    #[arg(value_name = "ITEM")]
    pub items: Vec<String>,
    #[command(flatten)]
    pub input: ItemsFile,
    #[command(flatten)]
    pub output: Json,
    /// Print the batch with every fix that keeps its meaning applied, instead of the verdicts
    /// (fixes that would purge more, like a wildcard cut short, are left to you).
    #[arg(long, conflicts_with = "json")]
    pub fix: bool,
    /// Also say whether the batch (its first part, when split) can start now next to what this
    /// target has in progress: a distribution id or tenant:ID (on AWS, or the demo account
    /// with --demo).
    #[arg(long, value_name = "TARGET", add = super::complete::offer_cloudfront_targets())]
    pub target: Option<String>,
}

pub fn run(args: &ValidateArgs, global: &GlobalArgs) -> u8 {
    let text = match input::read_batch_text(&args.items, args.input.file.as_deref()) {
        Ok(text) => text,
        Err(message) => return fail(exit::INVALID, &message),
    };
    if args.fix {
        return print_fixed(&text);
    }
    let batch = PathBatch::parse(&text);
    let headroom = match &args.target {
        None => None,
        Some(text) => match target_headroom(&batch, text, global) {
            Ok(h) => Some(h),
            Err((code, message)) => return fail(code, &message),
        },
    };
    let report = Report::new(&batch, headroom, args.output.json);
    let status = if report.submittable {
        exit::OK
    } else {
        exit::INVALID
    };
    if args.output.json {
        // A batch of 100,000 items is 30 MB of JSON: written as it is made.
        return write_json_as_made(&report, status);
    }
    write_stdout_as_made(status, |out| render_text(out, &batch, &report))
}

fn print_fixed(text: &str) -> u8 {
    let fixed = apply_fixes(text);
    let status = if PathBatch::parse(&fixed).is_submittable() {
        exit::OK
    } else {
        exit::INVALID
    };
    let shown: String = fixed.lines().map(fixed_line).collect();
    write_stdout(&shown, status)
}

/// A line of the fixed batch as it is printed: a path's control and format characters
/// percent-encoded, which names the same path (edgepurge encodes them so when it sends), so
/// the output can be sent as it is and shows nothing a terminal would act on. Other lines
/// (tags, which are rejected with such characters) are shown escaped on the way out.
fn fixed_line(line: &str) -> String {
    let trimmed = line.trim();
    if !trimmed.starts_with('/') || !trimmed.chars().any(visible::is_escaped) {
        return format!("{line}\n");
    }
    let mut out = String::with_capacity(trimmed.len() + 16);
    for c in trimmed.chars() {
        if visible::is_escaped(c) {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

fn target_headroom(
    batch: &PathBatch,
    text: &str,
    global: &GlobalArgs,
) -> Result<Headroom, (u8, String)> {
    // Read before any call: a mistake in writing an id is said as it is.
    super::names::Typed::read(text).map_err(|e| (exit::INVALID, e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| (exit::FAILURE, format!("cannot start: {e}")))?;
    // A batch sent in parts starts with its first; the rest follow as room frees up.
    let first_part = batch.parts().into_iter().next().unwrap_or_default();
    runtime.block_on(async {
        let clock = Arc::new(TokioClock::system());
        let connection =
            super::connect(global, clock).map_err(|e| (exit::FAILURE, e.to_string()))?;
        if let Some(warning) = &connection.warning {
            say!("edgepurge: {warning}");
        }
        let backend = connection.backend;
        let backend = backend.as_ref();
        let (target, _) = super::names::cloudfront(
            backend,
            text,
            "it has no paths; its cache is reset as a whole",
        )
        .await
        .map_err(|f| (f.code, f.message))?;
        let failed = |e: BackendError| (exit::FAILURE, format!("{target}: {e}"));
        if let CloudFrontTarget::Distribution { id } = &target {
            let distributions = backend.list_distributions().await.map_err(failed)?;
            if distributions.iter().any(|d| &d.id == id && d.multi_tenant) {
                return Err((
                    exit::INVALID,
                    format!("{id} is a multi-tenant distribution: invalidate its tenants instead (tenant:ID)"),
                ));
            }
        }
        let load = in_progress_load(backend, &target).await.map_err(failed)?;
        Ok(headroom(&first_part, load))
    })
}

/// The JSON report; these keys stay, more may be added.
#[derive(Debug, Serialize)]
struct Report<'a> {
    submittable: bool,
    paths: usize,
    wildcards: usize,
    tags: usize,
    dropped: usize,
    rejected: usize,
    /// Invalidations the kept items go as (3,000 items each).
    parts: usize,
    whole_distribution: bool,
    problems: Vec<String>,
    cost: CostReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    headroom: Option<Headroom>,
    items: ItemsReport<'a>,
}

/// The estimate, with the amount and the sentence as text for scripts that only show them.
#[derive(Debug, Serialize)]
struct CostReport {
    #[serde(flatten)]
    estimate: CostEstimate,
    usd: String,
    text: String,
}

impl From<CostEstimate> for CostReport {
    fn from(estimate: CostEstimate) -> Self {
        Self {
            usd: estimate.usd(),
            text: estimate.to_string(),
            estimate,
        }
    }
}

/// One item as the JSON has it, borrowed from the batch: copies of 100,000 items would double
/// what validating them takes.
#[derive(Debug, Serialize)]
struct ItemReport<'a> {
    line: usize,
    input: &'a str,
    normalized: Option<&'a str>,
    kind: ItemKind,
    action: crate::domain::batch::Verdict,
    messages: MessagesReport<'a>,
    fix: Option<&'a Fix>,
}

/// The items, each turned into its report as it is written.
#[derive(Debug)]
struct ItemsReport<'a>(&'a [BatchItem]);

impl Serialize for ItemsReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(ItemReport::from))
    }
}

/// An item's notes as the texts of its messages.
#[derive(Debug)]
struct MessagesReport<'a>(&'a [Note]);

impl Serialize for MessagesReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|n| n.text.as_str()))
    }
}

impl<'a> Report<'a> {
    /// The counts and problems; the items only when they are printed as JSON.
    fn new(batch: &'a PathBatch, headroom: Option<Headroom>, with_items: bool) -> Self {
        let s = batch.summary();
        let problems = batch.problems();
        Self {
            // Whether the batch itself can be sent; headroom says whether it can start now.
            submittable: batch.is_submittable(),
            paths: s.paths,
            wildcards: s.wildcards,
            tags: s.tags,
            dropped: s.dropped,
            rejected: s.rejected,
            parts: s.parts,
            whole_distribution: s.whole_distribution,
            problems: problems
                .iter()
                .map(|n| format!("{}: {}", level_word(n.level), n.text))
                .collect(),
            cost: estimate(s.kept() as u64, None).into(),
            headroom,
            items: ItemsReport(if with_items { &batch.items } else { &[] }),
        }
    }
}

impl<'a> From<&'a BatchItem> for ItemReport<'a> {
    fn from(item: &'a BatchItem) -> Self {
        Self {
            line: item.line,
            input: &item.input,
            normalized: item.normalized.as_deref(),
            kind: item.kind,
            action: item.verdict,
            messages: MessagesReport(&item.notes),
            fix: item.fix.as_ref(),
        }
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Hint => "hint",
    }
}

/// The report as text, written as it is made: 100,000 items are 12 MB of it. A failed write
/// is kept by `out` and said once the report is done.
fn render_text(out: &mut dyn std::fmt::Write, batch: &PathBatch, report: &Report) {
    let width = batch.items.last().map_or(1, |i| i.line.to_string().len());
    for item in &batch.items {
        let verdict = format!("{:?}", item.verdict).to_lowercase();
        let shown = visible::line(item.normalized.as_deref().unwrap_or(&item.input));
        let _ = writeln!(out, "{:>width$}  {verdict:<6}  {shown}", item.line);
        for note in &item.notes {
            let level = level_word(note.level);
            let _ = writeln!(out, "{:>width$}  {:<6}  {level}: {}", "", "", note.text);
        }
    }
    if !batch.items.is_empty() {
        let _ = out.write_char('\n');
    }
    let mut summary = format!(
        "{} ({}), {}",
        plural(report.paths, "path"),
        plural(report.wildcards, "wildcard"),
        plural(report.tags, "tag"),
    );
    if report.dropped > 0 {
        let _ = write!(summary, " · {} dropped", report.dropped);
    }
    if report.rejected > 0 {
        let _ = write!(summary, " · {} rejected", report.rejected);
    }
    let _ = writeln!(out, "{summary}");
    let _ = writeln!(out, "cost: {}", report.cost.text);
    if let Some(h) = &report.headroom {
        let _ = writeln!(out, "headroom: {}", h.message);
    }
    for problem in &report.problems {
        let _ = writeln!(out, "{problem}");
    }
    if batch
        .items
        .iter()
        .any(|i| i.fix.as_ref().is_some_and(|f| f.same_meaning))
    {
        let _ = out.write_str(
            "(edgepurge validate --fix prints the batch with every fix that keeps its meaning \
             applied)\n",
        );
    }
    let _ = out.write_str(if report.submittable {
        "ready to send\n"
    } else {
        "cannot be sent as it is\n"
    });
}
