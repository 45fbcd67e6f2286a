//! A fake AWS endpoint on a loopback port (127.0.0.1, never off this machine), answering each
//! request with what a test's function says: for answers moto cannot give (hostile text, a
//! refused permission). `serve_replies` answers with any status and headers, or not at all:
//! a CDN edge as `verify` sees one.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};

/// One request as the server read it.
pub struct Request {
    /// `GET`, `POST`…
    pub method: String,
    /// The path and query, as sent.
    pub path: String,
    /// The header lines, as sent (`User-Agent: …`).
    pub headers: Vec<String>,
    pub body: Vec<u8>,
}

/// Any answer: the status line's code and words, header lines, the body.
pub struct Reply {
    pub status: &'static str,
    pub headers: Vec<String>,
    pub body: String,
}

/// One answer: the status line's code and words (`"200 OK"`), the content type and the body.
pub struct Answer {
    pub status: &'static str,
    pub content_type: &'static str,
    pub body: String,
}

/// Start the server; its URL (`http://127.0.0.1:PORT`). It answers until the test ends.
pub fn serve(answer: fn(&Request) -> Answer) -> String {
    listen(move |request| {
        let Answer {
            status,
            content_type,
            body,
        } = answer(request);
        Some(Reply {
            status,
            headers: vec![
                format!("content-type: {content_type}"),
                "x-amzn-requestid: r1".into(),
            ],
            body,
        })
    })
}

/// Start a server answering with `reply`'s status and headers; `None` leaves the request
/// unanswered (a slow edge). Its URL (`http://127.0.0.1:PORT`).
pub fn serve_replies(reply: fn(&Request) -> Option<Reply>) -> String {
    listen(reply)
}

fn listen(reply: impl Fn(&Request) -> Option<Reply> + Copy + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!(
        "http://{}",
        listener.local_addr().expect("the port's address")
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || connection(stream, reply));
        }
    });
    url
}

/// Answer the requests of one connection (the SDK keeps it alive).
fn connection(stream: TcpStream, reply: impl Fn(&Request) -> Option<Reply>) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0;
        let mut headers = Vec::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header.trim().is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(n) = lower.strip_prefix("content-length:") {
                length = n.trim().parse().unwrap_or(0);
            }
            headers.push(header.trim_end().to_string());
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let mut words = line.split(' ');
        let request = Request {
            method: words.next().unwrap_or_default().to_string(),
            path: words.next().unwrap_or("/").to_string(),
            headers,
            body,
        };
        let Some(Reply {
            status,
            headers,
            body,
        }) = reply(&request)
        else {
            // Never answered: the connection stays open until the client gives up.
            std::thread::park();
            return;
        };
        let mut head = format!("HTTP/1.1 {status}\r\n");
        for line in headers {
            head.push_str(&line);
            head.push_str("\r\n");
        }
        head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(body.as_bytes()).is_err()
        {
            return;
        }
    }
}

/// `edgepurge --endpoint-url URL ARGS` with dummy credentials and a state directory of its own.
pub fn edgepurge(url: &str, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_edgepurge"));
    super::moto::isolate(
        command
            .args(["--endpoint-url", url, "--region", "us-east-1"])
            .args(args),
    );
    super::run_with(&mut command, None)
}
