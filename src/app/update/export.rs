//! `e` / `E`: the invalidations shown (the selected target's list, as filtered) to a CSV or
//! JSON file in the current directory, named after the target and the time. Built here from
//! the model; the runtime writes it, never over an existing file.

use chrono::SecondsFormat;
use serde_json::json;

use super::super::model::{Model, Slot};
use super::super::msg::Effect;
use crate::domain::csv::record;
use crate::domain::words::plural;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

pub fn shown(model: &mut Model, format: Format) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        model.warn("nothing to export here: select a CloudFront target and its list");
        return vec![Effect::Render];
    };
    // As shown: filtered, and in the order chosen.
    let rows: Vec<usize> = list
        .order()
        .map_or_else(|| (0..list.items().len()).collect(), <[usize]>::to_vec);
    if rows.is_empty() {
        model.warn("nothing to export: the list shows no invalidation");
        return vec![Effect::Render];
    }
    let mut csv = record(&["id", "status", "created_at", "paths", "items", "target"]);
    let mut json_rows = Vec::new();
    for &i in &rows {
        let Some(s) = list.items().get(i) else {
            continue;
        };
        let known = match model.details.get(&(target.clone(), s.id.clone())) {
            Some(Slot::Ready(inv)) => Some(&inv.items),
            _ => None,
        };
        let created = s.create_time.to_rfc3339_opts(SecondsFormat::Secs, true);
        match format {
            Format::Csv => csv.push_str(&record(&[
                s.id.clone(),
                s.status.to_string(),
                created,
                known
                    .map(|items| items.len().to_string())
                    .unwrap_or_default(),
                // Items never hold a space (they are percent-encoded): a space separates them.
                known.map(|items| items.join(" ")).unwrap_or_default(),
                target.to_string(),
            ])),
            Format::Json => json_rows.push(json!({
                "id": s.id,
                "status": s.status.to_string(),
                "created_at": created,
                "paths": known.map(Vec::len),
                "items": known,
                "target": target.to_string(),
            })),
        }
    }
    let (extension, contents) = match format {
        Format::Csv => ("csv", csv),
        Format::Json => (
            "json",
            serde_json::to_string_pretty(&json_rows).unwrap_or_default() + "\n",
        ),
    };
    // A file name from the target as the CLI writes it: `tenant:dt_…` without its colon.
    let name = format!(
        "edgepurge-{}-{}.{extension}",
        target.to_string().replace([':', '/'], "-"),
        model.now.format("%Y%m%dT%H%M%SZ")
    );
    model.say(format!(
        "exporting {} to {name}…",
        plural(rows.len(), "invalidation")
    ));
    vec![
        Effect::Render,
        Effect::Export {
            path: name.into(),
            contents,
        },
    ]
}
