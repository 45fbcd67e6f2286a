//! A loopback HTTP/1.1 proxy between edgepurge and moto that records every request and can
//! lose or hold the answers of chosen ones: the network failures a create must survive,
//! made on purpose. Plain HTTP, `Content-Length` framing (what the SDK sends and moto
//! answers), keep-alive towards the client, one upstream connection per request.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// What the proxy does with moto's answer to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Pass it on.
    Pass,
    /// Read it (so moto did the work), then close the client's connection without a reply.
    Drop,
    /// Read it, keep it this long, then pass it on.
    Hold(Duration),
}

/// A request as the proxy read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// Which client connection it came on (numbered from 1 as they were accepted).
    pub connection: usize,
    pub method: String,
    /// As sent: the path and any query.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// CreateInvalidation: `POST /2020-05-31/distribution/ID/invalidation`.
    pub fn is_create_invalidation(&self) -> bool {
        self.method == "POST"
            && self.path.starts_with("/2020-05-31/distribution/")
            && self.path.ends_with("/invalidation")
    }

    /// The first header of this name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The `<CallerReference>` in the body, if any.
    pub fn caller_reference(&self) -> Option<&str> {
        let start = self.body.find("<CallerReference>")? + "<CallerReference>".len();
        let len = self.body[start..].find("</CallerReference>")?;
        Some(&self.body[start..start + len])
    }
}

/// Which requests get which answer; the first rule that matches and is not used up applies.
struct Rule {
    matches: fn(&Recorded) -> bool,
    answer: Answer,
    /// How many more requests it applies to (None: every one).
    left: Option<usize>,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    arrived: Condvar,
    rules: Mutex<Vec<Rule>>,
    connections: AtomicUsize,
    stopped: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A connection thread that panicked must not hide what was recorded.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub struct Proxy {
    /// `http://127.0.0.1:PORT`, for `--endpoint-url`.
    pub url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Proxy {
    /// A proxy to `upstream` (`http://HOST:PORT`, as `EDGEPURGE_MOTO_URL` says) that passes
    /// everything until told otherwise.
    pub fn start(upstream: &str) -> Proxy {
        let upstream = upstream
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("the proxy speaks plain HTTP only: {upstream}"))
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let shared = Arc::new(Shared::default());
        let accepting = Arc::clone(&shared);
        thread::spawn(move || {
            for client in listener.incoming() {
                if accepting.stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let (shared, upstream) = (Arc::clone(&accepting), upstream.clone());
                thread::spawn(move || {
                    // An error ends this connection only; the client sees it closed, as it
                    // would any network failure. Said, for a test that fails.
                    if let Err(e) = serve(client, &upstream, &shared) {
                        eprintln!("proxy: connection closed: {e}");
                    }
                });
            }
        });
        Proxy {
            url: format!("http://{addr}"),
            addr,
            shared,
        }
    }

    /// Answer every request that `matches` this way from now on.
    pub fn answer(&self, matches: fn(&Recorded) -> bool, answer: Answer) {
        self.push(matches, answer, None);
    }

    /// Answer the next `n` requests that `matches` this way, then as before.
    pub fn answer_next(&self, n: usize, matches: fn(&Recorded) -> bool, answer: Answer) {
        self.push(matches, answer, Some(n));
    }

    fn push(&self, matches: fn(&Recorded) -> bool, answer: Answer, left: Option<usize>) {
        // Newest first, so a later rule overrides an earlier one.
        lock(&self.shared.rules).insert(
            0,
            Rule {
                matches,
                answer,
                left,
            },
        );
    }

    /// Every request so far, in the order they were read.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    /// The requests that `matches`, in order.
    pub fn requests_where(&self, matches: fn(&Recorded) -> bool) -> Vec<Recorded> {
        self.requests().into_iter().filter(matches).collect()
    }

    /// Wait until the requests so far satisfy `done`; panics with what arrived when `within`
    /// runs out first.
    pub fn wait_until(
        &self,
        what: &str,
        within: Duration,
        done: impl Fn(&[Recorded]) -> bool,
    ) -> Vec<Recorded> {
        let deadline = Instant::now() + within;
        let mut requests = lock(&self.shared.requests);
        while !done(&requests) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "waited {within:?} for {what}; the proxy saw: {:#?}",
                *requests
            );
            requests = self
                .shared
                .arrived
                .wait_timeout(requests, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        requests.clone()
    }

    /// What to do with the answer to `request`, using up a counted rule.
    fn decide(shared: &Shared, request: &Recorded) -> Answer {
        let mut rules = lock(&shared.rules);
        let Some(rule) = rules
            .iter_mut()
            .find(|r| r.left != Some(0) && (r.matches)(request))
        else {
            return Answer::Pass;
        };
        if let Some(left) = &mut rule.left {
            *left -= 1;
        }
        rule.answer
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag and lets the port go.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Requests from one client connection, one after another, until it closes.
fn serve(client: TcpStream, upstream: &str, shared: &Shared) -> io::Result<()> {
    let connection = shared.connections.fetch_add(1, Ordering::SeqCst) + 1;
    let mut reader = BufReader::new(client.try_clone()?);
    let mut writer = client;
    while let Some(request) = Message::read(&mut reader, true)? {
        let (method, path) = request.method_and_path();
        let recorded = Recorded {
            connection,
            method: method.to_string(),
            path: path.to_string(),
            headers: request.headers.clone(),
            body: String::from_utf8_lossy(&request.body).into_owned(),
        };
        let answer = Proxy::decide(shared, &recorded);
        lock(&shared.requests).push(recorded);
        shared.arrived.notify_all();

        let mut moto = TcpStream::connect(upstream)?;
        request.write_to(&mut moto)?;
        let mut moto = BufReader::new(moto);
        let body_expected = method != "HEAD";
        let Some(mut response) = Message::read(&mut moto, body_expected)? else {
            return Err(io::Error::other("moto closed without an answer"));
        };
        match answer {
            Answer::Pass => {}
            Answer::Hold(pause) => thread::sleep(pause),
            Answer::Drop => {
                // The request was served; its answer is lost on the way back.
                let _ = writer.shutdown(Shutdown::Both);
                return Ok(());
            }
        }
        let framed = response.header("content-length").is_some() || !body_expected;
        if framed {
            // moto closes after every answer (`Connection: close`); the client may keep its
            // connection to the proxy as it would to CloudFront.
            response.remove_header("connection");
        }
        response.write_to(&mut writer)?;
        if !framed {
            // Its end was moto closing: the client learns it the same way.
            return writer.shutdown(Shutdown::Both);
        }
    }
    Ok(())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// An HTTP/1.1 request or response: start line, headers, body.
struct Message {
    start: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Message {
    /// The next message, or None when the peer closed before sending one. A body is
    /// `Content-Length` long; a response without one runs to the end of the connection.
    fn read(reader: &mut impl BufRead, may_have_body: bool) -> io::Result<Option<Message>> {
        let mut start = String::new();
        if reader.read_line(&mut start)? == 0 {
            return Ok(None);
        }
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| io::Error::other(format!("not a header: {line}")))?;
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let mut message = Message {
            start: start.trim_end_matches(['\r', '\n']).to_string(),
            headers,
            body: Vec::new(),
        };
        let is_request = !message.start.starts_with("HTTP/");
        match message.header("content-length") {
            Some(len) => {
                let len: u64 = len
                    .parse()
                    .map_err(|_| io::Error::other(format!("Content-Length {len}")))?;
                reader.take(len).read_to_end(&mut message.body)?;
                if message.body.len() as u64 != len {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
            }
            // A request without Content-Length has no body (the SDK sends no chunked ones).
            None if may_have_body && !is_request && !message.is_bodiless_status() => {
                reader.read_to_end(&mut message.body)?;
            }
            None => {}
        }
        Ok(Some(message))
    }

    fn method_and_path(&self) -> (&str, &str) {
        let mut words = self.start.split(' ');
        (words.next().unwrap_or(""), words.next().unwrap_or(""))
    }

    /// 1xx, 204 and 304 answers never carry a body (RFC 9112, section 6.3).
    fn is_bodiless_status(&self) -> bool {
        let code = self.start.split(' ').nth(1).unwrap_or("");
        code.starts_with('1') || code == "204" || code == "304"
    }

    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut bytes = format!("{}\r\n", self.start).into_bytes();
        for (name, value) in &self.headers {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(&self.body);
        out.write_all(&bytes)?;
        out.flush()
    }
}
