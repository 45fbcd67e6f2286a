//! Asking several URLs: a few at a time, each bounded in time, all of them too.

use std::time::Duration;

use futures::StreamExt;
use tokio::time::Instant;

use super::{Edge, EdgeAnswer, EdgeError, EdgeRequest};

/// How much asking the edges may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// How long one request may take, answer and (for a warm-up) body.
    pub each: Duration,
    /// How long all of them may take; what is not asked by then is said as not asked.
    pub total: Duration,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            concurrency: 4,
            each: Duration::from_secs(10),
            total: Duration::from_secs(60),
        }
    }
}

/// Ask each request once, at most `bounds.concurrency` at a time; the answers in the order
/// asked.
pub async fn ask_all(
    edge: &dyn Edge,
    requests: &[EdgeRequest],
    bounds: Bounds,
) -> Vec<Result<EdgeAnswer, EdgeError>> {
    let deadline = Instant::now() + bounds.total;
    // Futures made by a named function, not closures: the dashboard runs this on a spawned
    // task, which needs it `Send` for every lifetime.
    let asks: Vec<_> = requests
        .iter()
        .map(|request| ask_one(edge, request, deadline, bounds))
        .collect();
    futures::stream::iter(asks)
        .buffered(bounds.concurrency.max(1))
        .collect()
        .await
}

/// One request within its own bound and what is left of the total.
async fn ask_one(
    edge: &dyn Edge,
    request: &EdgeRequest,
    deadline: Instant,
    bounds: Bounds,
) -> Result<EdgeAnswer, EdgeError> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(EdgeError::OverTime(bounds.total.as_secs()));
    }
    let (limit, over) = if left < bounds.each {
        (left, EdgeError::OverTime(bounds.total.as_secs()))
    } else {
        (bounds.each, EdgeError::TimedOut(bounds.each.as_secs()))
    };
    tracing::debug!(url = %request.url, "asking the edge");
    let answer = match tokio::time::timeout(limit, edge.get(request)).await {
        Ok(answer) => answer,
        Err(_) => Err(over),
    };
    if let Err(e) = &answer {
        tracing::info!(url = %request.url, error = %e, "the edge did not answer");
    }
    answer
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;

    use super::*;

    /// An edge that answers after the delay its URL names (`/slow/30` takes 30 s), and
    /// counts how many requests are in flight at once.
    #[derive(Default)]
    struct Delayed {
        in_flight: Mutex<(usize, usize)>,
    }

    #[async_trait]
    impl Edge for Delayed {
        async fn get(&self, request: &EdgeRequest) -> Result<EdgeAnswer, EdgeError> {
            {
                let mut n = self.in_flight.lock().unwrap();
                n.0 += 1;
                n.1 = n.1.max(n.0);
            }
            let secs: u64 = request
                .url
                .rsplit('/')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            tokio::time::sleep(Duration::from_secs(secs)).await;
            self.in_flight.lock().unwrap().0 -= 1;
            Ok(EdgeAnswer {
                status: 200,
                ..EdgeAnswer::default()
            })
        }
    }

    fn requests(delays: &[u64]) -> Vec<EdgeRequest> {
        delays
            .iter()
            .map(|d| EdgeRequest {
                url: format!("http://edge/slow/{d}"),
                whole_body: false,
            })
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_answer_times_out_and_the_others_are_kept() {
        let edge = Delayed::default();
        let answers = ask_all(&edge, &requests(&[1, 30, 2]), Bounds::default()).await;
        assert!(answers[0].is_ok());
        assert_eq!(answers[1], Err(EdgeError::TimedOut(10)));
        assert!(answers[2].is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn no_more_than_the_concurrency_are_in_flight() {
        let edge = Delayed::default();
        let bounds = Bounds {
            concurrency: 2,
            ..Bounds::default()
        };
        let answers = ask_all(&edge, &requests(&[3; 7]), bounds).await;
        assert!(answers.iter().all(Result::is_ok));
        assert_eq!(edge.in_flight.lock().unwrap().1, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn what_is_not_asked_within_the_total_is_said_so() {
        let edge = Delayed::default();
        let bounds = Bounds {
            concurrency: 1,
            each: Duration::from_secs(10),
            total: Duration::from_secs(15),
        };
        let answers = ask_all(&edge, &requests(&[9, 9, 1]), bounds).await;
        assert!(answers[0].is_ok());
        // The second had 6 s left of the total: cut at the total, not its own 10 s.
        assert_eq!(answers[1], Err(EdgeError::OverTime(15)));
        assert_eq!(answers[2], Err(EdgeError::OverTime(15)));
    }
}
