//! What must never be shown or stored as typed: the user-info part of a URL
//! (`http://user:secret@host`).

/// `text` with every `scheme://user:password@` written as `scheme://***@`.
pub fn url_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        // The authority ends at the first '/', '?', '#' or whitespace.
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(userinfo_end) => {
                out.push_str("***");
                out.push_str(&tail[userinfo_end..end]);
            }
            None => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_is_hidden_and_the_rest_kept() {
        assert_eq!(
            url_userinfo("edgepurge --endpoint-url http://user:s3cret@127.0.0.1:5000/x purge"),
            "edgepurge --endpoint-url http://***@127.0.0.1:5000/x purge"
        );
        assert_eq!(
            url_userinfo("https://a:b@h https://c@d/"),
            "https://***@h https://***@d/"
        );
        assert_eq!(url_userinfo("http://127.0.0.1:9"), "http://127.0.0.1:9");
        assert_eq!(url_userinfo("no url, a@b"), "no url, a@b");
    }
}
