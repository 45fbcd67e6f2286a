//! The completion command (`[notifications] command`): run by `sh -c` off the UI, with what
//! ended in its environment. It never touches the dashboard's terminal (no standard input, its
//! output discarded, its errors kept for the message), and one that hangs is stopped.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// A command still running after this is stopped, and said to have failed.
const AT_MOST: Duration = Duration::from_secs(60);
/// How much of its standard error is kept for the message.
const ERROR_BYTES: u64 = 4096;

/// Run `command`; why it failed, if it did (its exit status and the start of its errors).
pub async fn run(command: &str, env: &[(String, String)]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("it could not be started: {e}"))?;
    let mut errors = String::new();
    let waited = tokio::time::timeout(AT_MOST, async {
        if let Some(mut stderr) = child.stderr.take() {
            // The start is kept; the rest is read to the end, so that the command never
            // blocks on a full pipe.
            let mut kept = Vec::new();
            let _ = (&mut stderr).take(ERROR_BYTES).read_to_end(&mut kept).await;
            let _ = tokio::io::copy(&mut stderr, &mut tokio::io::sink()).await;
            errors = String::from_utf8_lossy(&kept).trim().to_string();
        }
        child.wait().await
    })
    .await;
    let status = match waited {
        Ok(Ok(status)) => status,
        Ok(Err(e)) => return Err(format!("it could not be waited for: {e}")),
        Err(_) => {
            return Err(format!(
                "it was still running after {}s and was stopped",
                AT_MOST.as_secs()
            ));
        }
    };
    if status.success() {
        return Ok(());
    }
    let code = status.code().map_or_else(
        || "it was ended by a signal".to_string(),
        |c| format!("exit status {c}"),
    );
    let first = errors.lines().next().unwrap_or_default();
    Err(if first.is_empty() {
        code
    } else {
        format!("{code}: {first}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Vec<(String, String)> {
        vec![("EDGEPURGE_STATUS".into(), "Completed".into())]
    }

    #[tokio::test]
    async fn a_command_gets_the_environment_and_its_failure_is_said() {
        assert_eq!(
            run("test \"$EDGEPURGE_STATUS\" = Completed", &env()).await,
            Ok(())
        );
        assert_eq!(
            run("echo 'no webhook configured' >&2; exit 3", &env()).await,
            Err("exit status 3: no webhook configured".into())
        );
        assert_eq!(run("exit 1", &env()).await, Err("exit status 1".into()));
    }

    #[tokio::test]
    async fn its_output_never_reaches_the_terminal() {
        // Standard output is discarded and standard error drained: a command that writes a
        // lot to either still ends.
        assert_eq!(
            run("yes | head -c 1000000; yes | head -c 1000000 >&2", &env()).await,
            Ok(())
        );
    }
}
