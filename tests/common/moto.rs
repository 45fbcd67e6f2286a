//! The moto server `scripts/test.sh` starts (a local CloudFront emulator): the AWS CLI and the
//! edgepurge binary pointed at it, and the backend on it.
//!
//! Without `EDGEPURGE_MOTO_URL` the moto tests fail when `CI` is set, and are skipped with a
//! note otherwise. Every process started here, and every client built, gets dummy
//! credentials: never the user's.

use std::process::{Command, Output};

use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use edgepurge::backend::aws::AwsBackend;
use serde_json::Value;

pub const DUMMY_ENV: [(&str, &str); 5] = [
    ("AWS_ACCESS_KEY_ID", "testing"),
    ("AWS_SECRET_ACCESS_KEY", "testing"),
    ("AWS_DEFAULT_REGION", "us-east-1"),
    ("AWS_REGION", "us-east-1"),
    // No probe of instance metadata from a test.
    ("AWS_EC2_METADATA_DISABLED", "true"),
];

pub struct Moto {
    pub url: String,
    pub aws_cli: String,
}

/// The moto server, if the tests were started with one.
pub fn moto() -> Option<Moto> {
    match std::env::var("EDGEPURGE_MOTO_URL") {
        Ok(url) if !url.is_empty() => Some(Moto {
            url,
            aws_cli: std::env::var("EDGEPURGE_AWS_CLI").unwrap_or_else(|_| "aws".into()),
        }),
        _ if std::env::var_os("CI").is_some() => panic!(
            "EDGEPURGE_MOTO_URL is not set and CI is: the moto tests must run in CI; \
             run them through scripts/test.sh, which starts moto"
        ),
        _ => {
            eprintln!(
                "note: moto tests skipped: EDGEPURGE_MOTO_URL is not set (scripts/test.sh starts moto and sets it)"
            );
            None
        }
    }
}

/// Only dummy credentials, and no profile or config file of the user's.
pub fn isolate(command: &mut Command) -> &mut Command {
    command
        .envs(DUMMY_ENV)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
}

impl Moto {
    /// `aws cloudfront ARGS` against moto, its JSON answer.
    pub fn cli(&self, args: &[&str]) -> Value {
        let out = isolate(Command::new(&self.aws_cli).args([
            "--endpoint-url",
            &self.url,
            "--output",
            "json",
            "cloudfront",
        ]))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.aws_cli));
        assert!(
            out.status.success(),
            "aws cloudfront {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    }

    /// `edgepurge --endpoint-url MOTO ARGS`, with `stdin` piped in.
    pub fn edgepurge(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_edgepurge"));
        isolate(command.args(["--endpoint-url", &self.url]).args(args));
        super::run_with(&mut command, stdin)
    }

    pub fn create_distribution(&self, comment: &str) -> String {
        // Unique, so that the tests can run again against the same server.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let reference = format!("{comment} {} {nanos}", std::process::id());
        let config = serde_json::json!({
            "CallerReference": reference,
            "Comment": comment,
            "Enabled": true,
            "Origins": {"Quantity": 1, "Items": [{
                "Id": "origin", "DomainName": "origin.example.com",
                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}
            }]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "origin", "ViewerProtocolPolicy": "redirect-to-https",
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"
            }
        });
        let made = self.cli(&[
            "create-distribution",
            "--distribution-config",
            &config.to_string(),
        ]);
        made["Distribution"]["Id"]
            .as_str()
            .expect("an id")
            .to_string()
    }

    /// The strings of a JSON array.
    pub fn ids(value: &Value) -> Vec<String> {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The backend on moto, with dummy credentials given to it directly.
    pub async fn backend(&self) -> AwsBackend {
        let config = aws_config::defaults(BehaviorVersion::latest())
            .endpoint_url(&self.url)
            .region(Region::from_static("us-east-1"))
            .credentials_provider(Credentials::new("testing", "testing", None, None, "moto"))
            .load()
            .await;
        AwsBackend::from_sdk_config(&config)
    }
}
