//! Who is sending: the OS user and host, recorded with every journal entry.

/// `user@host`, from the environment and the system; `?` for what cannot be told.
pub fn user_at_host() -> String {
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "?".into());
    format!("{user}@{}", host())
}

fn host() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; gethostname writes at most that much.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "?".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// The command line as typed, for the journal's "where from" (arguments with spaces quoted;
/// a URL's password never kept).
pub fn command_line() -> String {
    let line = std::env::args()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '\'') {
                format!("'{}'", a.replace('\'', r"'\''"))
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    crate::domain::redact::url_userinfo(&line)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_and_host_are_named() {
        let who = super::user_at_host();
        let (user, host) = who.split_once('@').unwrap();
        assert!(!user.is_empty() && !host.is_empty(), "{who}");
    }
}
