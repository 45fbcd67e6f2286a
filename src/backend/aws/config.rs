//! Where the AWS backend connects and with what: the user's choices, the SDK configuration
//! built from them (lazily, by the backend), and the clients.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};

use super::attempts::AttemptLog;
use crate::logging::redact::redact;

/// "Domain and distribution APIs are only available in the N. Virginia (us-east-1) Amazon Web
/// Services Region" (Lightsail API reference, InvalidInputException of GetDistributions).
const LIGHTSAIL_REGION: &str = "us-east-1";

/// "CloudFront is a global service … CloudTrail … events are delivered to US East (N.
/// Virginia)" (Amazon CloudFront Developer Guide, "Logging Amazon CloudFront API calls using
/// AWS CloudTrail"): the creators of invalidations are looked up there.
const CLOUDTRAIL_REGION: &str = "us-east-1";

/// CloudFront is global and signed for us-east-1; the SDK still wants a region, so this one is
/// used when neither the flags nor the profile name one.
const FALLBACK_REGION: &str = "us-east-1";

/// Attempts per call, the first included. Standard retry mode backs off exponentially with
/// jitter; one more attempt than the SDK's default of 3 because CreateInvalidation's rate
/// limit is low and throttling is the most common transient failure.
const MAX_ATTEMPTS: u32 = 4;
/// Time to open a connection (the SDK's default is 3.1 s; a slow VPN needs more).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// One attempt, from sending to the last byte of the answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);
/// A whole call, retries and their back-off included.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(60);

/// What the user chose on the command line; empty fields leave the choice to aws-config (its
/// `AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL*` variables and the config files).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
}

impl AwsSettings {
    /// One line for the dashboard header: which profile (or credentials), region and endpoint.
    /// Reads only the process environment, never a file or the network.
    pub fn describe(&self) -> String {
        self.describe_with(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    fn describe_with(&self, env: impl Fn(&str) -> Option<String>) -> String {
        let mut parts = vec![self.credentials_source(&env)];
        if let Some(region) = self
            .region
            .clone()
            .or_else(|| env("AWS_REGION"))
            .or_else(|| env("AWS_DEFAULT_REGION"))
        {
            parts.push(region);
        }
        if let Some(url) = self
            .endpoint_url
            .clone()
            .or_else(|| env("AWS_ENDPOINT_URL_CLOUDFRONT"))
            .or_else(|| env("AWS_ENDPOINT_URL"))
        {
            // A user:password in the URL is for the server, not for the screen.
            parts.push(redact(&url).into_owned());
        }
        parts.join(" · ")
    }

    fn credentials_source(&self, env: &impl Fn(&str) -> Option<String>) -> String {
        if let Some(profile) = &self.profile {
            return format!("profile {profile}");
        }
        // aws-config's default chain reads access keys from the environment before any profile.
        if env("AWS_ACCESS_KEY_ID").is_some() {
            return "environment credentials".into();
        }
        format!(
            "profile {}",
            env("AWS_PROFILE").unwrap_or_else(|| "default".into())
        )
    }

    /// What to do when no valid credentials were found, for the profile in use.
    pub fn credentials_hint(&self) -> String {
        self.credentials_hint_with(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    fn credentials_hint_with(&self, env: impl Fn(&str) -> Option<String>) -> String {
        let profile = self.profile.clone().or_else(|| env("AWS_PROFILE"));
        match profile {
            Some(p) => format!(
                "for an SSO profile run `aws sso login --profile {p}`; otherwise check the keys of profile {p} (`aws configure --profile {p}`)"
            ),
            None if env("AWS_ACCESS_KEY_ID").is_some() => {
                "the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment were refused or have expired; renew them, or unset them to use a profile".into()
            }
            None => "run `aws configure` (or `aws sso login`), or choose a profile with --profile or AWS_PROFILE".into(),
        }
    }
}

/// Load the SDK configuration: the default chain (environment, profiles, SSO, assume-role,
/// web identity, container and instance metadata) with the user's choices on top. This may
/// take seconds (SSO, metadata probes), so the backend calls it on first use, never before
/// the dashboard's first frame.
pub async fn load(settings: &AwsSettings) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .operation_timeout(OPERATION_TIMEOUT)
                .build(),
        );
    if let Some(profile) = &settings.profile {
        // The default chain reads AWS_ACCESS_KEY_ID before any profile, so with keys in the
        // environment `--profile` alone would be ignored; a profile provider honours it, with
        // everything a profile can hold (keys, SSO, assume-role, credential_process).
        let credentials = aws_config::profile::ProfileFileCredentialsProvider::builder()
            .profile_name(profile)
            .build();
        loader = loader
            .profile_name(profile)
            .credentials_provider(credentials);
    }
    if let Some(region) = &settings.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    with_fallback_region(loader.load().await)
}

fn with_fallback_region(config: SdkConfig) -> SdkConfig {
    if config.region().is_some() {
        return config;
    }
    config
        .into_builder()
        .region(Region::from_static(FALLBACK_REGION))
        .build()
}

/// The service clients, sharing one configuration (and so one credentials cache and the
/// `--endpoint-url`).
#[derive(Debug, Clone)]
pub struct Clients {
    pub cloudfront: aws_sdk_cloudfront::Client,
    pub lightsail: aws_sdk_lightsail::Client,
    pub sts: aws_sdk_sts::Client,
    pub cloudtrail: aws_sdk_cloudtrail::Client,
}

impl Clients {
    pub fn new(config: &SdkConfig) -> Self {
        let lightsail = aws_sdk_lightsail::config::Builder::from(config)
            .region(Region::from_static(LIGHTSAIL_REGION))
            .interceptor(AttemptLog)
            .build();
        let cloudfront = aws_sdk_cloudfront::config::Builder::from(config)
            .interceptor(AttemptLog)
            .build();
        let cloudtrail = aws_sdk_cloudtrail::config::Builder::from(config)
            .region(Region::from_static(CLOUDTRAIL_REGION))
            .interceptor(AttemptLog)
            .build();
        Self {
            cloudfront: aws_sdk_cloudfront::Client::from_conf(cloudfront),
            lightsail: aws_sdk_lightsail::Client::from_conf(lightsail),
            sts: aws_sdk_sts::Client::new(config),
            cloudtrail: aws_sdk_cloudtrail::Client::from_conf(cloudtrail),
        }
    }
}

/// An STS client with no credentials, for backends built on mocked service clients: its calls
/// fail as a missing credential would, never reaching AWS.
#[cfg(any(test, feature = "fixtures"))]
pub fn unconfigured_sts() -> aws_sdk_sts::Client {
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::from_static(FALLBACK_REGION))
        .build();
    aws_sdk_sts::Client::from_conf(config)
}

/// A CloudTrail client with no credentials, for backends built on mocked service clients.
#[cfg(any(test, feature = "fixtures"))]
pub fn unconfigured_cloudtrail() -> aws_sdk_cloudtrail::Client {
    let config = aws_sdk_cloudtrail::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::from_static(CLOUDTRAIL_REGION))
        .build();
    aws_sdk_cloudtrail::Client::from_conf(config)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn the_header_names_profile_region_and_endpoint() {
        let flags = AwsSettings {
            profile: Some("prod".into()),
            region: Some("eu-west-1".into()),
            endpoint_url: None,
        };
        assert_eq!(
            flags.describe_with(env(&[("AWS_REGION", "us-west-2")])),
            "profile prod · eu-west-1"
        );
        let from_env = AwsSettings::default();
        assert_eq!(
            from_env.describe_with(env(&[
                ("AWS_PROFILE", "staging"),
                ("AWS_DEFAULT_REGION", "ap-south-1")
            ])),
            "profile staging · ap-south-1"
        );
        assert_eq!(from_env.describe_with(env(&[])), "profile default");
        let local = AwsSettings {
            endpoint_url: Some("http://127.0.0.1:5000".into()),
            ..AwsSettings::default()
        };
        assert_eq!(
            local.describe_with(env(&[("AWS_ACCESS_KEY_ID", "x")])),
            "environment credentials · http://127.0.0.1:5000"
        );
        let with_user = AwsSettings::default();
        assert_eq!(
            with_user.describe_with(env(&[(
                "AWS_ENDPOINT_URL",
                "http://me:hunter2@127.0.0.1:5000"
            )])),
            "profile default · http://***@127.0.0.1:5000"
        );
    }

    #[test]
    fn the_credentials_hint_fits_the_source() {
        let sso = AwsSettings {
            profile: Some("prod".into()),
            ..AwsSettings::default()
        };
        let hint = sso.credentials_hint_with(env(&[("AWS_ACCESS_KEY_ID", "x")]));
        assert!(hint.contains("aws sso login --profile prod"), "{hint}");
        let none = AwsSettings::default();
        assert!(
            none.credentials_hint_with(env(&[]))
                .contains("aws configure")
        );
        assert!(
            none.credentials_hint_with(env(&[("AWS_PROFILE", "dev")]))
                .contains("--profile dev")
        );
        assert!(
            none.credentials_hint_with(env(&[("AWS_ACCESS_KEY_ID", "x")]))
                .contains("AWS_SECRET_ACCESS_KEY")
        );
    }

    #[tokio::test]
    async fn lightsail_is_pinned_to_us_east_1_whatever_the_region() {
        let config = SdkConfig::builder()
            .region(Region::from_static("eu-west-1"))
            .behavior_version(BehaviorVersion::latest())
            .build();
        let clients = Clients::new(&config);
        assert_eq!(
            clients.lightsail.config().region(),
            Some(&Region::from_static("us-east-1"))
        );
        assert_eq!(
            clients.cloudfront.config().region(),
            Some(&Region::from_static("eu-west-1"))
        );
        assert_eq!(
            clients.sts.config().region(),
            Some(&Region::from_static("eu-west-1"))
        );
        assert_eq!(
            clients.cloudtrail.config().region(),
            Some(&Region::from_static("us-east-1")),
            "CloudFront's events are recorded in us-east-1"
        );
    }

    #[test]
    fn a_missing_region_falls_back_to_us_east_1() {
        let config = with_fallback_region(SdkConfig::builder().build());
        assert_eq!(config.region(), Some(&Region::from_static("us-east-1")));
        let chosen = with_fallback_region(
            SdkConfig::builder()
                .region(Region::from_static("eu-central-1"))
                .build(),
        );
        assert_eq!(chosen.region(), Some(&Region::from_static("eu-central-1")));
    }
}
