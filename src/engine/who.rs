//! Who is sending: the OS user and host, recorded with every journal entry.

/// `user@host`, from the environment and the system; `?` for what cannot be told.
pub fn user_at_host() -> String {
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "?".into());
    format!("{user}@{}", host())
}

/// The name of the process's user in the password database (containers and cron often set
/// no USER).
fn account_name() -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: zeroed passwd is a valid out-parameter; getpwuid_r writes only within `buf`.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut found,
        )
    };
    if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string inside `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
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
