//! The AWS backend against a real moto server (a local CloudFront emulator): distributions made
//! with the AWS CLI, then listed, invalidated, paged and read through edgepurge, and compared
//! with what the AWS CLI reports.
//!
//! `scripts/test.sh` starts moto and sets `EDGEPURGE_MOTO_URL` (and `EDGEPURGE_AWS_CLI`); see
//! `common/moto.rs` for what happens without it, and the dummy credentials.

mod common;

use std::process::Command;

use common::moto::{DUMMY_ENV, Moto, moto};
use edgepurge::backend::{Backend, BackendError};
use edgepurge::domain::caller_reference::CallerReference;
use edgepurge::domain::invalidation::{PageRequest, Status};
use edgepurge::domain::target::CloudFrontTarget;
use serde_json::Value;
use tokio::sync::Mutex;

/// Tests that create distributions and compare whole lists take turns.
static DISTRIBUTIONS: Mutex<()> = Mutex::const_new(());

fn reference(text: &str) -> CallerReference {
    CallerReference::parse(text).unwrap()
}

#[tokio::test]
async fn distributions_are_listed_as_the_cli_lists_them() {
    let Some(moto) = moto() else { return };
    let _turn = DISTRIBUTIONS.lock().await;
    let shop = moto.create_distribution("edgepurge moto shop");
    let blog = moto.create_distribution("edgepurge moto blog");
    let listed = moto.backend().await.list_distributions().await.unwrap();
    let cli = Moto::ids(&moto.cli(&[
        "list-distributions",
        "--query",
        "DistributionList.Items[].Id",
    ]));
    let ids: Vec<String> = listed.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, cli, "the same distributions in the same order");
    let d = listed
        .iter()
        .find(|d| d.id == shop)
        .expect("the shop is listed");
    assert_eq!(d.comment, "edgepurge moto shop");
    assert!(d.enabled);
    assert!(d.domain.ends_with(".cloudfront.net"), "{}", d.domain);
    assert!(!d.multi_tenant, "moto has no connection mode: standard");
    assert!(listed.iter().any(|d| d.id == blog));
}

#[tokio::test]
async fn more_than_250_invalidations_page_as_the_cli_lists_them() {
    let Some(moto) = moto() else { return };
    let id = {
        let _turn = DISTRIBUTIONS.lock().await;
        moto.create_distribution("edgepurge moto paging")
    };
    let backend = moto.backend().await;
    let target = CloudFrontTarget::distribution(&id);
    let mut created = Vec::new();
    for n in 0..260 {
        let items = vec![format!("/page/{n}"), format!("/img/{n}/*")];
        let made = backend
            .create_invalidation(&target, &items, &reference(&format!("moto-{n}")))
            .await
            .unwrap();
        assert_eq!(made.items, items);
        assert_eq!(made.caller_reference, format!("moto-{n}"));
        created.push(made.id);
    }

    let mut paged = Vec::new();
    let mut sizes = Vec::new();
    let mut request = PageRequest::first(100);
    loop {
        let page = backend.list_invalidations(&target, &request).await.unwrap();
        assert_eq!(page.max_items, 100);
        sizes.push(page.items.len());
        paged.extend(page.items.iter().map(|s| s.id.clone()));
        match page.next_request() {
            Some(next) => request = next,
            None => break,
        }
    }
    assert_eq!(sizes, [100, 100, 60]);
    let cli = Moto::ids(&moto.cli(&[
        "list-invalidations",
        "--distribution-id",
        &id,
        "--query",
        "InvalidationList.Items[].Id",
    ]));
    assert_eq!(cli.len(), 260);
    assert_eq!(paged, cli, "exactly the CLI's ids, in its order");
    let mut sorted_created = created.clone();
    sorted_created.sort();
    let mut sorted_paged = paged.clone();
    sorted_paged.sort();
    assert_eq!(
        sorted_paged, sorted_created,
        "every invalidation made, once"
    );

    let one = backend
        .get_invalidation(&target, &created[7])
        .await
        .unwrap();
    assert_eq!(one.id, created[7]);
    assert_eq!(one.items, ["/page/7", "/img/7/*"]);
    assert_eq!(one.caller_reference, "moto-7");
    assert_eq!(one.status, Status::Completed, "moto says COMPLETED");
    assert_eq!(backend.in_progress_count(&id).await, Ok(0));
}

#[tokio::test]
async fn the_account_is_the_one_moto_serves() {
    // STS is built from the same configuration as CloudFront, so the endpoint reaches it too.
    let Some(moto) = moto() else { return };
    let me = moto.backend().await.caller_identity().await.unwrap();
    assert_eq!(me.account, "123456789012", "moto's account");
    assert!(
        me.arn.starts_with("arn:aws:") && me.arn.contains(":123456789012:"),
        "{}",
        me.arn
    );
}

#[tokio::test]
async fn an_unknown_distribution_is_not_found() {
    let Some(moto) = moto() else { return };
    let backend = moto.backend().await;
    let unknown = CloudFrontTarget::distribution("E000NOSUCHDIST");
    let not_found = BackendError::NotFound {
        what: "distribution E000NOSUCHDIST".into(),
    };
    assert_eq!(
        backend
            .create_invalidation(&unknown, &["/a".to_string()], &reference("nope-1"))
            .await,
        Err(not_found.clone())
    );
    assert_eq!(
        backend.get_invalidation(&unknown, "I000").await,
        Err(not_found.clone())
    );
    assert_eq!(
        backend.in_progress_count("E000NOSUCHDIST").await,
        Err(not_found)
    );
}

#[tokio::test]
async fn the_binary_finds_moto_through_endpoint_url() {
    // The whole configuration path: flags, aws-config's environment, the lazy load.
    let Some(moto) = moto() else { return };
    let id = {
        let _turn = DISTRIBUTIONS.lock().await;
        moto.create_distribution("edgepurge moto binary")
    };
    let state = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .env("EDGEPURGE_STATE_DIR", state.path())
        .args([
            "--endpoint-url",
            &moto.url,
            "validate",
            "--json",
            "--target",
            &id,
            "/index.html",
        ])
        .envs(DUMMY_ENV)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .env(common::STATE_DIR_ENV, state.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["headroom"].is_object(), "{report}");
}
