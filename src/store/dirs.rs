//! Where edgepurge's files live. The config file is `config.toml` in the XDG config directory
//! (`$XDG_CONFIG_HOME/edgepurge`, else `~/.config/edgepurge`); drafts (and later the log) go in
//! the XDG state directory (`$XDG_STATE_HOME/edgepurge`, else `~/.local/state/edgepurge`), or the
//! local data directory where the platform has no state directory. Two variables override them,
//! for tests and for people who keep their files elsewhere.

use std::ffi::OsString;
use std::path::PathBuf;

use directories::ProjectDirs;

use super::StoreError;

/// The config file's path, overriding the XDG location.
pub const CONFIG_ENV: &str = "EDGEPURGE_CONFIG";
/// The state directory, overriding the XDG location.
pub const STATE_DIR_ENV: &str = "EDGEPURGE_STATE_DIR";

/// The config file's path (it may not exist).
pub fn config_file() -> Result<PathBuf, StoreError> {
    config_file_from(std::env::var_os(CONFIG_ENV), project_dirs().as_ref())
}

/// The directory for drafts and logs (it may not exist yet).
pub fn state_dir() -> Result<PathBuf, StoreError> {
    state_dir_from(std::env::var_os(STATE_DIR_ENV), project_dirs().as_ref())
}

/// The database's file name in the state directory: the demo account keeps its own, so that
/// nothing of it mixes with real accounts.
pub fn database_name(demo: bool) -> &'static str {
    if demo { "demo.db" } else { "edgepurge.db" }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "edgepurge")
}

fn config_file_from(
    overridden: Option<OsString>,
    dirs: Option<&ProjectDirs>,
) -> Result<PathBuf, StoreError> {
    if let Some(path) = non_empty(overridden) {
        return Ok(path);
    }
    let dirs = dirs.ok_or(StoreError::NoHome)?;
    Ok(dirs.config_dir().join("config.toml"))
}

fn state_dir_from(
    overridden: Option<OsString>,
    dirs: Option<&ProjectDirs>,
) -> Result<PathBuf, StoreError> {
    if let Some(path) = non_empty(overridden) {
        return Ok(path);
    }
    let dirs = dirs.ok_or(StoreError::NoHome)?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

/// An empty variable counts as unset, as `NO_COLOR=` and the XDG variables do.
fn non_empty(value: Option<OsString>) -> Option<PathBuf> {
    value.filter(|v| !v.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variables_override_the_xdg_locations() {
        let dirs = project_dirs();
        assert_eq!(
            config_file_from(Some("/tmp/x/my.toml".into()), dirs.as_ref()).unwrap(),
            PathBuf::from("/tmp/x/my.toml")
        );
        assert_eq!(
            state_dir_from(Some("/tmp/x/state".into()), dirs.as_ref()).unwrap(),
            PathBuf::from("/tmp/x/state")
        );
        // Even without a home directory.
        assert_eq!(
            state_dir_from(Some("rel".into()), None).unwrap(),
            PathBuf::from("rel")
        );
    }

    #[test]
    fn without_a_home_the_error_names_the_variables() {
        let e = config_file_from(Some("".into()), None).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(CONFIG_ENV) && text.contains(STATE_DIR_ENV),
            "{text}"
        );
        assert!(matches!(
            state_dir_from(None, None),
            Err(StoreError::NoHome)
        ));
    }

    #[test]
    fn the_xdg_locations_are_edgepurge_s_own() {
        // Only where the machine running the tests has a home directory.
        let Some(dirs) = project_dirs() else { return };
        let config = config_file_from(None, Some(&dirs)).unwrap();
        assert!(config.ends_with("edgepurge/config.toml"), "{config:?}");
        let state = state_dir_from(Some("".into()), Some(&dirs)).unwrap();
        assert!(state.ends_with("edgepurge"), "{state:?}");
        // On Linux they are separate XDG directories (macOS keeps both in Application Support).
        #[cfg(target_os = "linux")]
        assert_ne!(state, config.parent().unwrap().to_path_buf());
    }
}
