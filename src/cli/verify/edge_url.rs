//! `--edge-url URL`: another base URL to ask instead of the target's own hosts (a staging
//! host, or a local server in tests).

/// A checked base URL: `scheme://authority[/path]`, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeUrl {
    pub base: String,
    /// `host[:port]`, what a redirect may point to and stay on it.
    pub authority: String,
}

impl EdgeUrl {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let uri: http::Uri = text.parse().map_err(|e| {
            format!("--edge-url {text}: not a URL ({e}); e.g. https://staging.example.com")
        })?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => {
                return Err(format!(
                    "--edge-url {text}: give an http:// or https:// URL, e.g. https://staging.example.com"
                ));
            }
        }
        let Some(authority) = uri.authority() else {
            return Err(format!("--edge-url {text}: the URL names no host"));
        };
        if authority.as_str().contains('@') {
            // Edges are asked as a visitor asks: without credentials.
            return Err(format!(
                "--edge-url {}: leave out the user:password@ part: edges are asked without \
                 credentials",
                authority.host()
            ));
        }
        if uri.query().is_some() {
            return Err(format!(
                "--edge-url {text}: leave out the query: each path is appended to the URL"
            ));
        }
        let path = uri.path().trim_end_matches('/');
        Ok(Self {
            base: format!(
                "{}://{}{path}",
                uri.scheme_str().unwrap_or("https"),
                authority
            ),
            authority: authority.as_str().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_is_kept_without_its_trailing_slash() {
        let u = EdgeUrl::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(u.base, "http://127.0.0.1:8080");
        assert_eq!(u.authority, "127.0.0.1:8080");
        let u = EdgeUrl::parse("https://staging.example.com/site").unwrap();
        assert_eq!(u.base, "https://staging.example.com/site");
    }

    #[test]
    fn what_is_not_a_base_url_is_refused_with_the_fix() {
        for (text, why) in [
            ("staging.example.com", "http:// or https://"),
            ("ftp://x.example", "http:// or https://"),
            ("https://user:secret@x.example", "user:password@"),
            ("https://x.example/?a=1", "query"),
            ("https://exa mple.com", "not a URL"),
        ] {
            let e = EdgeUrl::parse(text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
            assert!(!e.contains("secret"), "{e}");
        }
    }
}
