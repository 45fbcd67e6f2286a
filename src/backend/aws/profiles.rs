//! The profile names of the AWS config and credentials files, for a profile picker.
//!
//! File format (AWS CLI user guide, "Configuration and credential file settings"): INI
//! sections; in the config file a profile is `[default]` or `[profile NAME]` (other kinds,
//! such as `[sso-session NAME]` and `[services NAME]`, are not profiles); in the credentials
//! file every section `[NAME]` is a profile. Lines starting with `#` or `;` are comments.
//! `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` move the files.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

/// Which file a text came from: the two name their profiles differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileFile {
    Config,
    Credentials,
}

/// The profile names a file's text declares, in order of appearance.
pub fn profile_names(text: &str, kind: ProfileFile) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(inner) = line.strip_prefix('[') else {
            continue;
        };
        // A section header may carry a comment after its closing bracket.
        let Some((section, _)) = inner.split_once(']') else {
            continue;
        };
        let section = section.trim();
        let name = match kind {
            ProfileFile::Credentials => Some(section),
            ProfileFile::Config if section == "default" => Some(section),
            ProfileFile::Config => section
                .strip_prefix("profile")
                .filter(|rest| rest.starts_with([' ', '\t']))
                .map(str::trim),
        };
        if let Some(name) = name.filter(|n| !n.is_empty() && !n.contains(char::is_whitespace))
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    }
    names
}

/// Every profile of the user's config and credentials files.
pub fn list_profiles() -> io::Result<Vec<String>> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let variable = |name: &str| std::env::var(name).ok();
    read_profiles(
        file_path(variable("AWS_CONFIG_FILE"), home.as_deref(), "config").as_deref(),
        file_path(
            variable("AWS_SHARED_CREDENTIALS_FILE"),
            home.as_deref(),
            "credentials",
        )
        .as_deref(),
    )
}

/// Every profile of both files, `default` first, the rest sorted. A file that does not exist
/// has none; one that cannot be read is an error naming it.
pub fn read_profiles(config: Option<&Path>, credentials: Option<&Path>) -> io::Result<Vec<String>> {
    let mut all = BTreeSet::new();
    for (path, kind) in [
        (config, ProfileFile::Config),
        (credentials, ProfileFile::Credentials),
    ] {
        let Some(path) = path else { continue };
        match std::fs::read_to_string(path) {
            Ok(text) => all.extend(profile_names(&text, kind)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("cannot read {}: {e}", path.display()),
                ));
            }
        }
    }
    let has_default = all.remove("default");
    Ok(has_default
        .then(|| "default".to_string())
        .into_iter()
        .chain(all)
        .collect())
}

/// A file's path: the variable's value if set (a leading `~/` is the home directory, as
/// aws-config reads it), else `~/.aws/NAME`.
fn file_path(value: Option<String>, home: Option<&Path>, name: &str) -> Option<PathBuf> {
    match value.filter(|v| !v.is_empty()) {
        Some(value) => match (value.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => Some(home.join(rest)),
            _ => Some(PathBuf::from(value)),
        },
        None => home.map(|h| h.join(".aws").join(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
# company profiles
[default]
region = eu-west-1

[profile prod]
sso_session = corp
sso_account_id = 111122223333

[sso-session corp]
sso_start_url = https://example.awsapps.com/start

[services local]
cloudfront =
  endpoint_url = http://127.0.0.1:5000

[profile  staging ] ; two spaces
role_arn = arn:aws:iam::111122223333:role/deploy
[profileless]
[profile]
";

    #[test]
    fn config_sections_name_profiles_only_with_the_profile_prefix() {
        assert_eq!(
            profile_names(CONFIG, ProfileFile::Config),
            ["default", "prod", "staging"]
        );
    }

    #[test]
    fn every_credentials_section_is_a_profile() {
        let text = "[default]\naws_access_key_id = x\n;[commented]\n[ci]\n[ci]\n  [ spaced ]\n";
        assert_eq!(
            profile_names(text, ProfileFile::Credentials),
            ["default", "ci", "spaced"]
        );
    }

    #[test]
    fn broken_lines_name_nothing() {
        let text = "[unclosed\nkey = [value]\n[]\n[two words]\n";
        assert!(profile_names(text, ProfileFile::Credentials).is_empty());
        assert!(profile_names("", ProfileFile::Config).is_empty());
    }

    #[test]
    fn the_variables_move_the_files_from_the_home_directory() {
        let home = Path::new("/home/me");
        assert_eq!(
            file_path(None, Some(home), "config"),
            Some(PathBuf::from("/home/me/.aws/config"))
        );
        assert_eq!(
            file_path(Some(String::new()), Some(home), "credentials"),
            Some(PathBuf::from("/home/me/.aws/credentials"))
        );
        assert_eq!(
            file_path(Some("~/work/aws.ini".into()), Some(home), "config"),
            Some(PathBuf::from("/home/me/work/aws.ini"))
        );
        assert_eq!(
            file_path(Some("/etc/aws".into()), None, "config"),
            Some(PathBuf::from("/etc/aws"))
        );
        assert_eq!(file_path(None, None, "config"), None);
    }

    #[test]
    fn both_files_together_default_first_then_sorted() {
        let dir = std::env::temp_dir().join(format!("edgepurge-profiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config");
        let credentials = dir.join("credentials");
        std::fs::write(&config, CONFIG).unwrap();
        std::fs::write(&credentials, "[ci]\n[default]\n[alpha]\n").unwrap();
        let names = read_profiles(Some(&config), Some(&credentials)).unwrap();
        assert_eq!(names, ["default", "alpha", "ci", "prod", "staging"]);
        let missing = dir.join("absent");
        assert_eq!(
            read_profiles(Some(&missing), None).unwrap(),
            Vec::<String>::new()
        );
        let err = read_profiles(Some(&dir), None).unwrap_err();
        assert!(err.to_string().contains("cannot read"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
