//! The CLI against a real moto server, compared with what the AWS CLI reports: distributions,
//! every invalidation across pages, one invalidation, purges (split ones too) and waits.
//! `scripts/test.sh` starts moto; see `common/moto.rs`.

mod common;

use common::moto::{Moto, moto};
use common::{code, is_rfc3339, json, keys, stderr, stdout};
use edgepurge::backend::Backend;
use edgepurge::domain::caller_reference::CallerReference;
use edgepurge::domain::target::CloudFrontTarget;
use edgepurge::fixtures::batch::{lines, paths};
use serde_json::Value;
use tokio::sync::Mutex;

/// Tests that create distributions and compare whole lists take turns.
static DISTRIBUTIONS: Mutex<()> = Mutex::const_new(());

async fn distribution(moto: &Moto, comment: &str) -> String {
    let _turn = DISTRIBUTIONS.lock().await;
    moto.create_distribution(comment)
}

#[tokio::test]
async fn distributions_are_the_ones_the_aws_cli_lists() {
    let Some(moto) = moto() else { return };
    let _turn = DISTRIBUTIONS.lock().await;
    let made = moto.create_distribution("edgepurge cli distributions");
    let out = moto.edgepurge(&["distributions", "--kind", "distribution", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let ids: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let cli = Moto::ids(&moto.cli(&[
        "list-distributions",
        "--query",
        "DistributionList.Items[].Id",
    ]));
    assert_eq!(ids, cli);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == made.as_str())
        .unwrap();
    assert_eq!(row["kind"], "distribution");
    assert_eq!(row["enabled"], true);
    assert_eq!(row["distribution"], Value::Null);
    assert!(row["domain"].as_str().unwrap().ends_with(".cloudfront.net"));
}

#[tokio::test]
async fn without_kind_what_moto_cannot_list_is_said_and_the_rest_shown() {
    // moto serves no Lightsail: the CloudFront distributions still come, with exit 1.
    let Some(moto) = moto() else { return };
    let made = distribution(&moto, "edgepurge cli partial").await;
    let out = moto.edgepurge(&["distributions", "--json"], None);
    assert_eq!(code(&out), 1);
    assert!(
        json(&out)
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == made.as_str())
    );
    let err = stderr(&out);
    assert!(
        err.contains("Lightsail distributions could not be listed"),
        "{err}"
    );
    assert!(err.contains("--kind distribution,tenant"), "{err}");
}

#[tokio::test]
async fn all_invalidations_across_pages_match_the_aws_cli() {
    let Some(moto) = moto() else { return };
    let id = distribution(&moto, "edgepurge cli paging").await;
    let backend = moto.backend().await;
    let target = CloudFrontTarget::distribution(&id);
    // More than one page of a thousand.
    for n in 0..1_050 {
        let reference = CallerReference::parse(&format!("cli-{n}")).unwrap();
        backend
            .create_invalidation(&target, &[format!("/n/{n}")], &reference)
            .await
            .unwrap();
    }
    let out = moto.edgepurge(&["invalidations", &id, "--all", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let cli = Moto::ids(&moto.cli(&[
        "list-invalidations",
        "--distribution-id",
        &id,
        "--query",
        "InvalidationList.Items[].Id",
    ]));
    assert_eq!(cli.len(), 1_050);
    assert_eq!(ids, cli, "the same invalidations in the same order");
    assert!(
        rows.iter()
            .all(|r| r["status"] == "Completed" && is_rfc3339(&r["create_time"]))
    );

    let out = moto.edgepurge(&["invalidations", &id, "--limit", "3", "--json"], None);
    let newest: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(newest, cli[..3]);
}

#[tokio::test]
async fn a_purge_is_what_the_aws_cli_then_reads() {
    let Some(moto) = moto() else { return };
    let id = distribution(&moto, "edgepurge cli purge").await;
    let out = moto.edgepurge(
        &[
            "purge",
            &id,
            "/a",
            "/b/*",
            "--caller-reference",
            "cli-purge-1",
            "--yes",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let created = json(&out)[0].clone();
    assert_eq!(
        keys(&created),
        [
            "caller_reference",
            "create_time",
            "id",
            "paths",
            "status",
            "target"
        ]
    );
    assert_eq!(created["target"], id.as_str());
    assert_eq!(created["paths"], 2);
    let inv = created["id"].as_str().unwrap();
    let read = moto.cli(&["get-invalidation", "--distribution-id", &id, "--id", inv]);
    let batch = &read["Invalidation"]["InvalidationBatch"];
    assert_eq!(batch["CallerReference"], "cli-purge-1");
    assert_eq!(batch["Paths"]["Items"], serde_json::json!(["/a", "/b/*"]));

    let shown = moto.edgepurge(&["show", &id, inv, "--json"], None);
    assert_eq!(code(&shown), 0, "{}", stderr(&shown));
    let shown = json(&shown);
    assert_eq!(shown["paths"], serde_json::json!(["/a", "/b/*"]));
    assert_eq!(shown["caller_reference"], "cli-purge-1");
    assert_eq!(
        shown["status"], "Completed",
        "moto's COMPLETED, as CloudFront spells it"
    );

    let waited = moto.edgepurge(&["wait", &id, inv], None);
    assert_eq!(code(&waited), 0, "{}", stderr(&waited));
    assert_eq!(stdout(&waited), format!("{id}  {inv}  Completed\n"));
}

#[tokio::test]
async fn a_split_purge_from_standard_input_makes_two_invalidations() {
    let Some(moto) = moto() else { return };
    let id = distribution(&moto, "edgepurge cli split").await;
    let many = lines(&paths("/s/", 3_100));
    let out = moto.edgepurge(
        &[
            "purge",
            &id,
            "-",
            "--caller-reference",
            "cli-split",
            "--wait",
            "--json",
        ],
        Some(&many),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let created = json(&out);
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2);
    for (object, (reference, paths)) in created
        .iter()
        .zip([("cli-split-1of2", 3_000), ("cli-split-2of2", 100)])
    {
        assert_eq!(object["caller_reference"], reference);
        assert_eq!(object["status"], "Completed");
        let read = moto.cli(&[
            "get-invalidation",
            "--distribution-id",
            &id,
            "--id",
            object["id"].as_str().unwrap(),
        ]);
        assert_eq!(
            read["Invalidation"]["InvalidationBatch"]["Paths"]["Quantity"],
            paths
        );
    }
}

#[tokio::test]
async fn an_unknown_distribution_is_a_failure_from_aws() {
    // (moto lists no invalidations for an unknown distribution instead of refusing, so
    // `invalidations` is not tried here; the demo account refuses it as CloudFront does.)
    let Some(moto) = moto() else { return };
    for args in [
        vec!["purge", "E000NOSUCHDIST", "/a", "--yes"],
        vec!["show", "E000NOSUCHDIST", "I000"],
    ] {
        let out = moto.edgepurge(&args, None);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("was not found"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
