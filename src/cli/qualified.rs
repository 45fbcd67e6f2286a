//! A target qualified by the profile of its account: `prod:E2QWRUHAPOMQZL`,
//! `staging:tenant:dt_…`, `prod:lightsail:blog-cdn`, `prod:www.example.com`. The command then
//! works on that profile's account, as `--profile prod` would make it.
//!
//! The qualifier is read only when it names a profile of the AWS config files (with `--demo`,
//! one of the demo's accounts), so `tenant:`, `lightsail:`, a URL's scheme or a mistake such
//! as `s3:bucket` keep their own meaning and messages.

use super::{Cli, Command};

/// Take the profile qualifiers off the command's targets and make it the command's profile.
/// A command works on one account: targets of several, or a qualifier other than the
/// `--profile` given, are refused (with the way that works).
pub fn take_profiles(cli: &mut Cli) -> Result<(), String> {
    let demo = cli.global.demo;
    // The AWS config files are read only when a target could be qualified.
    let mut known: Option<Vec<String>> = None;
    let mut found: Vec<String> = Vec::new();
    {
        let mut take = |text: &mut String| {
            if !text.contains(':') {
                return;
            }
            let known = known.get_or_insert_with(|| known_profiles(demo));
            if let Some((profile, rest)) = split(text, known) {
                *text = rest;
                if !found.contains(&profile) {
                    found.push(profile);
                }
            }
        };
        match &mut cli.command {
            Some(Command::Invalidations(a)) => take(&mut a.target),
            Some(Command::Show(a)) => take(&mut a.target),
            Some(Command::Wait(a)) => take(&mut a.target),
            Some(Command::Reset(a)) => take(&mut a.target),
            Some(Command::Purge(a)) => a.args.iter_mut().for_each(take),
            Some(Command::Validate(a)) => a.target.iter_mut().for_each(take),
            Some(Command::Search(a)) => a.target.iter_mut().for_each(take),
            _ => {}
        }
    }
    let given = cli.global.aws.profiles();
    match (found.as_slice(), given.as_slice()) {
        ([], _) => Ok(()),
        ([one], []) => {
            cli.global.aws.profile = Some(one.clone());
            Ok(())
        }
        ([one], [flag]) if one == flag => Ok(()),
        ([one], [flag, ..]) => Err(format!(
            "the target is in profile {one}'s account but --profile {flag} was given; \
             drop one of them"
        )),
        (several, _) => Err(format!(
            "the targets are in {} accounts ({}): a command works on one account; run it \
             once per profile (the dashboard shows several: --profile {})",
            several.len(),
            several.join(", "),
            several.join(",")
        )),
    }
}

/// `profile:target` split when `profile` is one of `known` and a target follows.
fn split(text: &str, known: &[String]) -> Option<(String, String)> {
    let (profile, rest) = text.trim().split_once(':')?;
    let usable = known.iter().any(|k| k == profile) && !rest.is_empty() && !rest.starts_with("//");
    usable.then(|| (profile.to_string(), rest.to_string()))
}

/// The profiles a qualifier may name: the AWS config files' (none if they cannot be read),
/// or the demo's accounts.
fn known_profiles(demo: bool) -> Vec<String> {
    if demo {
        return crate::backend::demo::ACCOUNTS
            .iter()
            .map(|(name, _)| (*name).to_string())
            .collect();
    }
    crate::backend::aws::profiles::list_profiles().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::parse;

    fn known() -> Vec<String> {
        vec!["prod".into(), "staging".into()]
    }

    #[test]
    fn a_qualifier_is_a_known_profile_followed_by_a_target() {
        let s = |t: &str| split(t, &known());
        assert_eq!(
            s("prod:E2QWRUHAPOMQZL"),
            Some(("prod".into(), "E2QWRUHAPOMQZL".into()))
        );
        assert_eq!(
            s("staging:tenant:dt_abc"),
            Some(("staging".into(), "tenant:dt_abc".into()))
        );
        assert_eq!(
            s("prod:www.example.com"),
            Some(("prod".into(), "www.example.com".into()))
        );
        // Kinds, schemes, unknown words and empty targets keep their own meaning.
        for text in [
            "tenant:dt_abc",
            "lightsail:blog",
            "https://www.example.com/",
            "s3:bucket",
            "prod:",
            "dev:E1",
            "/index.html",
        ] {
            assert_eq!(s(text), None, "{text}");
        }
    }

    #[test]
    fn the_qualifier_becomes_the_command_s_profile() {
        let mut cli = parse(&["--demo", "invalidations", "demo-staging:E3STG7K2QX9LMB"]).unwrap();
        take_profiles(&mut cli).unwrap();
        assert_eq!(cli.global.aws.profile.as_deref(), Some("demo-staging"));
        let Some(Command::Invalidations(args)) = &cli.command else {
            panic!("{:?}", cli.command)
        };
        assert_eq!(args.target, "E3STG7K2QX9LMB");
    }

    #[test]
    fn one_command_works_on_one_account() {
        let mut cli = parse(&[
            "--demo",
            "purge",
            "demo:E2QWRUHAPOMQZL",
            "demo-staging:E3STG7K2QX9LMB",
            "/index.html",
        ])
        .unwrap();
        let why = take_profiles(&mut cli).unwrap_err();
        assert!(why.contains("2 accounts (demo, demo-staging)"), "{why}");
        assert!(why.contains("--profile demo,demo-staging"), "{why}");
        let mut cli = parse(&[
            "--demo",
            "--profile",
            "demo",
            "show",
            "demo-staging:E3STG7K2QX9LMB",
            "I1",
        ])
        .unwrap();
        let why = take_profiles(&mut cli).unwrap_err();
        assert!(why.contains("--profile demo was given"), "{why}");
        // The same profile twice is no conflict.
        let mut cli = parse(&[
            "--demo",
            "--profile",
            "demo-staging",
            "show",
            "demo-staging:E3STG7K2QX9LMB",
            "I1",
        ])
        .unwrap();
        take_profiles(&mut cli).unwrap();
    }
}
