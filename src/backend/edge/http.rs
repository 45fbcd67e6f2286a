//! Edges over the network: hyper's client with rustls, the stack the AWS SDK already uses.

use async_trait::async_trait;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::{Edge, EdgeAnswer, EdgeError, EdgeRequest, USER_AGENT};

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

pub struct HttpEdge {
    client: Client<Https, Empty<Bytes>>,
}

impl HttpEdge {
    /// A client trusting the system's root certificates (as the SDK's client does); with none
    /// found, HTTPS answers fail with their certificate error and plain HTTP still works.
    pub fn new() -> Self {
        let provider = rustls::crypto::aws_lc_rs::default_provider();
        let builder = hyper_rustls::HttpsConnectorBuilder::new();
        let builder = match builder.with_provider_and_native_roots(provider) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "no root certificates: HTTPS edges cannot be trusted");
                let config = rustls::ClientConfig::builder_with_provider(
                    rustls::crypto::aws_lc_rs::default_provider().into(),
                )
                .with_safe_default_protocol_versions();
                let roots = rustls::RootCertStore::empty();
                let config = match config {
                    Ok(c) => c.with_root_certificates(roots).with_no_client_auth(),
                    // Unreachable with the built-in provider; an empty default keeps it safe.
                    Err(_) => rustls::ClientConfig::builder()
                        .with_root_certificates(rustls::RootCertStore::empty())
                        .with_no_client_auth(),
                };
                hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(config)
            }
        };
        let https = builder.https_or_http().enable_http1().build();
        Self {
            client: Client::builder(TokioExecutor::new()).build(https),
        }
    }
}

impl Default for HttpEdge {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl Edge for HttpEdge {
    async fn get(&self, request: &EdgeRequest) -> Result<EdgeAnswer, EdgeError> {
        let uri: hyper::Uri = request
            .url
            .parse()
            .map_err(|e| EdgeError::BadUrl(format!("{}: {e}", request.url)))?;
        // GET, as a visitor: some caches do not keep HEAD answers; no Cache-Control, which
        // would go around the cache being checked.
        let req = hyper::Request::get(uri)
            .header(hyper::header::USER_AGENT, USER_AGENT)
            .header(hyper::header::ACCEPT, "*/*")
            .body(Empty::<Bytes>::new())
            .map_err(|e| EdgeError::BadUrl(e.to_string()))?;
        let response = self
            .client
            .request(req)
            .await
            .map_err(|e| EdgeError::Network(error_chain(&e)))?;
        let answer = answer_of(response.status().as_u16(), response.headers());
        if request.whole_body {
            let mut body = response.into_body();
            while let Some(frame) = body.frame().await {
                frame.map_err(|e| EdgeError::Network(error_chain(&e)))?;
            }
        }
        Ok(answer)
    }
}

/// The answer's status and the headers the verdict reads.
pub fn answer_of(status: u16, headers: &hyper::HeaderMap) -> EdgeAnswer {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    EdgeAnswer {
        status,
        x_cache: header("x-cache"),
        age: header("age"),
        etag: header("etag"),
        last_modified: header("last-modified"),
        date: header("date"),
        pop: header("x-amz-cf-pop"),
        location: header("location"),
    }
}

/// hyper's errors say little at the top ("client error (Connect)"): the causes say why.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests;
