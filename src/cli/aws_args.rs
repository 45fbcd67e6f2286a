//! The AWS flags (`--profile`, `--region`, `--endpoint-url`) and the one place a mode gets its
//! backend: the demo account with `--demo`, else AWS.
//!
//! The flags have no `env` fallback here: aws-config reads `AWS_PROFILE`, `AWS_REGION` and
//! `AWS_ENDPOINT_URL*` itself, and reading them twice could disagree.

use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::GlobalArgs;
use crate::backend::Backend;
use crate::backend::aws::{AwsBackend, AwsSettings};
use crate::backend::demo::{DemoBackend, FixtureError, MEMORY_FILE_NAME};
use crate::backend::logged::LoggedBackend;
use crate::clock::SharedClock;
use crate::store::{StoreError, dirs};

#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub struct AwsArgs {
    /// The AWS profile to use (default: AWS_PROFILE, else the default credential chain).
    /// The dashboard shows several accounts at once: --profile prod,staging. With --demo:
    /// the demo's accounts, demo and demo-staging.
    #[arg(
        long,
        value_name = "NAME[,NAME…]",
        global = true,
        add = super::complete::offer_profiles()
    )]
    pub profile: Option<String>,
    /// The AWS region (default: AWS_REGION or the profile's). CloudFront is global; Lightsail
    /// distributions are always reached in us-east-1.
    #[arg(long, value_name = "REGION", global = true, conflicts_with = "demo")]
    pub region: Option<String>,
    /// Send requests to this URL instead of AWS, e.g. a local emulator (default: AWS_ENDPOINT_URL).
    #[arg(long, value_name = "URL", global = true, conflicts_with = "demo")]
    pub endpoint_url: Option<String>,
}

impl AwsArgs {
    /// The first AWS flag given that `--demo` refuses (its `--profile` names the demo's
    /// own accounts).
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.region.is_some(), "--region"),
            (self.endpoint_url.is_some(), "--endpoint-url"),
        ]
        .into_iter()
        .find_map(|(given, flag)| given.then_some(flag))
    }

    pub fn settings(&self) -> AwsSettings {
        AwsSettings {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
        }
    }
}

impl AwsArgs {
    /// The profiles `--profile` names, each once, in order (`prod,staging`: two).
    pub fn profiles(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in self
            .profile
            .iter()
            .flat_map(|p| p.split(','))
            .map(str::trim)
        {
            if !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    }

    /// What is wrong with `--profile`: several for a command (a command works on one
    /// account), or with `--demo` a name the demo has no account for.
    pub fn profile_problem(&self, demo: bool, dashboard: bool) -> Option<String> {
        let given = self.profile.as_deref()?;
        let names = self.profiles();
        if names.is_empty() {
            return Some(format!(
                "--profile '{given}' names no profile; write one (--profile prod), or \
                 several for the dashboard (--profile prod,staging)"
            ));
        }
        if names.len() > 1 && !dashboard {
            return Some(format!(
                "--profile {given} names {} accounts: the dashboard shows several at once, \
                 a command works on one; run it once per profile (--profile {})",
                names.len(),
                names[0]
            ));
        }
        if demo {
            let known: Vec<&str> = crate::backend::demo::ACCOUNTS
                .iter()
                .map(|(n, _)| *n)
                .collect();
            if let Some(unknown) = names.iter().find(|n| !known.contains(&n.as_str())) {
                return Some(format!(
                    "the demo has no account '{unknown}': with --demo, --profile names the \
                     demo's own accounts ({}), e.g. --demo --profile demo,demo-staging",
                    known.join(", ")
                ));
            }
        }
        None
    }

    /// `--endpoint-url` checked after parsing, not by clap's value parser: clap's own error
    /// would repeat the text as typed, password included.
    pub fn endpoint_problem(&self) -> Option<String> {
        let url = self.endpoint_url.as_deref()?;
        check_endpoint(url)
            .err()
            .map(|why| format!("--endpoint-url: {why}"))
    }
}

/// The variables aws-config reads an endpoint from when `--endpoint-url` is not given.
const ENDPOINT_VARIABLES: [&str; 3] = [
    "AWS_ENDPOINT_URL_CLOUDFRONT",
    "AWS_ENDPOINT_URL_LIGHTSAIL",
    "AWS_ENDPOINT_URL",
];

/// A malformed endpoint in the environment, named with its variable: refused at start rather
/// than retried for seconds on every call.
pub fn endpoint_in_environment() -> Result<(), String> {
    endpoint_in(|name| std::env::var(name).ok())
}

fn endpoint_in(env: impl Fn(&str) -> Option<String>) -> Result<(), String> {
    for name in ENDPOINT_VARIABLES {
        if let Some(value) = env(name).filter(|v| !v.is_empty()) {
            check_endpoint(&value).map_err(|why| format!("{name}: {why}"))?;
        }
    }
    Ok(())
}

/// An endpoint is `http://` or `https://`, a host (and port) that parse, and nothing the SDK
/// cannot send to. The text is said back without any `user:password@`.
fn check_endpoint(text: &str) -> Result<(), String> {
    let shown = crate::domain::redact::url_userinfo(text);
    let example = "e.g. http://127.0.0.1:5000";
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return Err(format!(
            "'{shown}' is not an endpoint URL; write it with its scheme, {example}"
        ));
    }
    let uri: http::Uri = text
        .parse()
        .map_err(|e| format!("'{shown}' is not a valid URL ({e}); write it as {example}"))?;
    let (Some(authority), Some(host)) = (uri.authority(), uri.host()) else {
        return Err(format!(
            "'{shown}' names no host; write it with one, {example}"
        ));
    };
    // The URI parser takes `host:port` with any text as the port.
    let after_host = authority
        .as_str()
        .rfind(host)
        .map_or("", |at| &authority.as_str()[at + host.len()..]);
    if host.is_empty() || (!after_host.is_empty() && authority.port_u16().is_none()) {
        return Err(format!(
            "'{shown}' has no valid host and port; write it as {example}"
        ));
    }
    Ok(())
}

/// A backend and the words the dashboard header shows for it.
pub struct Connection {
    pub backend: Arc<dyn Backend>,
    /// "DEMO", or the profile, region and endpoint in use.
    pub source: String,
    /// Something the user should hear once before the run goes on (the demo account cannot
    /// remember this run).
    pub warning: Option<String>,
}

/// The backend the global flags ask for. Building the AWS backend does no I/O: its
/// configuration and credentials are loaded on the first call. The demo account reads (and
/// creates) its memory in the state directory.
pub fn connect(global: &GlobalArgs, clock: SharedClock) -> Result<Connection, FixtureError> {
    connect_in(global, clock, dirs::state_dir())
}

fn connect_in(
    global: &GlobalArgs,
    clock: SharedClock,
    state_dir: Result<PathBuf, StoreError>,
) -> Result<Connection, FixtureError> {
    if global.demo {
        let name = global.aws.profiles().into_iter().next();
        return demo_connection(global, name.as_deref().unwrap_or("demo"), clock, state_dir);
    }
    let (backend, source) = aws_backend(global.aws.settings());
    Ok(Connection {
        backend,
        source,
        warning: None,
    })
}

/// A backend for each profile the dashboard shows together, in order, each with its name
/// (AWS profiles, or the demo's accounts with `--demo`).
pub fn connect_each(
    global: &GlobalArgs,
    profiles: &[String],
    clock: SharedClock,
) -> Result<Vec<(String, Connection)>, FixtureError> {
    let mut connections = Vec::new();
    for profile in profiles {
        let connection = if global.demo {
            demo_connection(global, profile, Arc::clone(&clock), dirs::state_dir())?
        } else {
            let (backend, source) = aws_backend(AwsSettings {
                profile: Some(profile.clone()),
                ..global.aws.settings()
            });
            Connection {
                backend,
                source,
                warning: None,
            }
        };
        connections.push((profile.clone(), connection));
    }
    Ok(connections)
}

/// The demo account `name`, remembering what it is sent in a file of its own.
fn demo_connection(
    global: &GlobalArgs,
    name: &str,
    clock: SharedClock,
    state_dir: Result<PathBuf, StoreError>,
) -> Result<Connection, FixtureError> {
    {
        let mut backend = match DemoBackend::named(name, global.demo_args.settings(), clock) {
            Some(backend) => backend?,
            // Checked with the arguments (`profile_problem`): only the demo's names get here.
            None => return Err(FixtureError::unknown(name)),
        };
        let warning = match state_dir {
            Ok(dir) => {
                let file = if name == "demo" {
                    MEMORY_FILE_NAME.to_string()
                } else {
                    format!("{name}-account.json")
                };
                let path = dir.join(file);
                backend.remember(path).err().map(|e| e.to_string())
            }
            Err(e) => Some(e.to_string()),
        }
        .map(|why| {
            format!(
                "the demo account cannot remember this run ({why}); it starts afresh and \
                 forgets what this run sends"
            )
        });
        Ok(Connection {
            backend: Arc::new(LoggedBackend::new(backend)),
            source: if name == "demo" {
                "DEMO".into()
            } else {
                format!("DEMO {name}")
            },
            warning,
        })
    }
}

/// An AWS backend, its calls logged, and the words the header shows for it.
pub fn aws_backend(settings: AwsSettings) -> (Arc<dyn Backend>, String) {
    let backend = AwsBackend::new(settings);
    let source = backend.describe();
    (Arc::new(LoggedBackend::new(backend)), source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::parse;
    use crate::clock::TokioClock;
    use crate::store::test_dir::TestDir;

    #[test]
    fn aws_flags_reach_the_settings_before_or_after_the_subcommand() {
        let cli = parse(&[
            "--profile",
            "prod",
            "validate",
            "/a",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            "http://127.0.0.1:5000",
        ])
        .unwrap();
        assert_eq!(
            cli.global.aws.settings(),
            AwsSettings {
                profile: Some("prod".into()),
                region: Some("eu-west-1".into()),
                endpoint_url: Some("http://127.0.0.1:5000".into()),
            }
        );
    }

    #[test]
    fn aws_flags_and_demo_exclude_each_other() {
        // With --demo, --profile names the demo's own accounts.
        let err = parse(&["--demo", "--profile", "prod"]).unwrap_err();
        assert!(
            err.to_string().contains("the demo has no account 'prod'"),
            "{err}"
        );
        assert!(parse(&["--demo", "--profile", "demo,demo-staging"]).is_ok());
        let err =
            parse(&["--demo", "--profile", "demo,demo-staging", "distributions"]).unwrap_err();
        assert!(err.to_string().contains("a command works on one"), "{err}");
        let err = parse(&["--demo", "validate", "/a", "--region", "eu-west-1"]).unwrap_err();
        assert!(
            err.to_string()
                .contains("--region is for AWS: it cannot be used with --demo"),
            "{err}"
        );
    }

    #[test]
    fn an_endpoint_needs_its_scheme() {
        let err = parse(&["--endpoint-url", "127.0.0.1:5000"]).unwrap_err();
        assert!(err.to_string().contains("http://127.0.0.1:5000"), "{err}");
        assert!(parse(&["--endpoint-url", "https://"]).is_err());
        assert!(parse(&["--endpoint-url", "https://cloudfront.example"]).is_ok());
        assert!(parse(&["--endpoint-url", "http://[::1]:5000"]).is_ok());
        assert!(parse(&["--endpoint-url", "http://u:p@127.0.0.1:5000/"]).is_ok());
    }

    #[test]
    fn a_malformed_endpoint_is_refused_and_its_password_never_said() {
        for bad in [
            "http://[::1",
            "http://user:s3cret@[::1",
            "http://h:port",
            "http:// x",
        ] {
            let err = parse(&["--endpoint-url", bad]).unwrap_err().to_string();
            assert!(!err.contains("s3cret"), "{err}");
            assert!(err.contains("http://127.0.0.1:5000"), "{err}");
        }
        let env = |bad: &'static str| {
            move |name: &str| (name == "AWS_ENDPOINT_URL").then(|| bad.to_string())
        };
        let err = endpoint_in(env("http://me:s3cret@[::1")).unwrap_err();
        assert!(err.starts_with("AWS_ENDPOINT_URL: "), "{err}");
        assert!(err.contains("http://***@[::1"), "{err}");
        assert!(endpoint_in(env("http://127.0.0.1:5000")).is_ok());
    }

    #[test]
    fn demo_or_aws_by_the_flags() {
        let clock: SharedClock = Arc::new(TokioClock::system());
        let state = TestDir::new("connect-demo");
        let demo = parse(&["--demo"]).unwrap();
        let connection =
            connect_in(&demo.global, Arc::clone(&clock), Ok(state.path().into())).unwrap();
        assert_eq!(connection.source, "DEMO");
        assert_eq!(connection.warning, None);
        assert!(state.path().join("demo-account.lock").exists());
        // The AWS backend is built at once (its configuration loads on the first call); the
        // header names the chosen profile and endpoint.
        let aws = parse(&["--profile", "prod", "--endpoint-url", "http://127.0.0.1:9"]).unwrap();
        let connection = connect_in(&aws.global, clock, Err(StoreError::NoHome)).unwrap();
        assert_eq!(connection.warning, None);
        assert!(
            connection.source.starts_with("profile prod"),
            "{}",
            connection.source
        );
        assert!(
            connection.source.ends_with("http://127.0.0.1:9"),
            "{}",
            connection.source
        );
    }

    #[tokio::test]
    async fn a_demo_memory_that_cannot_be_used_is_said_and_the_demo_goes_on() {
        let clock: SharedClock = Arc::new(TokioClock::system());
        let demo = parse(&["--demo"]).unwrap();
        // A state "directory" that is a file cannot hold the memory.
        let state = TestDir::new("connect-unusable");
        let file = state.path().join("plain");
        std::fs::write(&file, b"").unwrap();
        let connection = connect_in(&demo.global, Arc::clone(&clock), Ok(file)).unwrap();
        let warning = connection.warning.unwrap();
        assert!(warning.contains("cannot remember"), "{warning}");
        assert!(warning.contains("plain"), "{warning}");
        assert!(connection.backend.list_distributions().await.is_ok());

        let connection = connect_in(&demo.global, clock, Err(StoreError::NoHome)).unwrap();
        let warning = connection.warning.unwrap();
        assert!(warning.contains("EDGEPURGE_STATE_DIR"), "{warning}");
    }
}
