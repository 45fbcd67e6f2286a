//! What an invalidation costs.
//!
//! Source: Amazon CloudFront pricing, invalidation requests: the first 1,000 paths a month
//! are free for the whole account (all distributions together), then USD 0.005 a path. A
//! wildcard path counts as one path.

use std::fmt;

use serde::Serialize;

use super::words::plural;

pub const FREE_PATHS_PER_MONTH: u64 = 1_000;
/// USD 0.005 a path, in millionths of a dollar so sums stay exact.
pub const MICRO_USD_PER_PATH: u64 = 5_000;

/// An estimate for sending `paths` more paths this month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CostEstimate {
    pub paths: u64,
    /// Paths billed, assuming what is known of the month's use.
    pub charged_paths: u64,
    pub micro_usd: u64,
    /// False when the month's earlier use is unknown: the estimate is then the most it can cost.
    pub use_known: bool,
}

/// What the account has used of the month, from edgepurge's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthUse {
    /// Paths created this month by every distribution and tenant of the account (as known).
    pub paths: u64,
    /// Whether the month's history is known for every target (else `paths` is a floor).
    pub complete: bool,
}

/// A batch's cost said with the month's use: exact when the month is known, else the most it
/// can cost and what is known so far.
pub fn with_month_use(paths: u64, month: Option<MonthUse>) -> String {
    match month {
        Some(m) if m.complete => {
            let cost = estimate(paths, Some(m.paths));
            let used = format!(
                "{} of 1,000 free paths used this month",
                m.paths.min(FREE_PATHS_PER_MONTH)
            );
            if cost.charged_paths == 0 {
                format!("free ({used})")
            } else {
                format!(
                    "{} for {} ({used})",
                    cost.usd(),
                    paths_word(cost.charged_paths)
                )
            }
        }
        Some(m) => format!(
            "up to {} (at least {} of 1,000 free paths used this month; history incomplete)",
            estimate(paths, None).usd(),
            m.paths
        ),
        None => format!(
            "up to {} · the account's first 1,000 paths a month are free",
            estimate(paths, None).usd()
        ),
    }
}

/// A batch's cost in a few characters: `free` or `$0.015` when the month's use is known,
/// else `up to $0.015` (the most it can cost).
pub fn brief(paths: u64, month: Option<MonthUse>) -> String {
    match month.filter(|m| m.complete) {
        Some(m) => {
            let cost = estimate(paths, Some(m.paths));
            if cost.charged_paths == 0 {
                "free".to_string()
            } else {
                cost.usd()
            }
        }
        None => format!("up to {}", estimate(paths, None).usd()),
    }
}

/// What [`brief`] counted, said once when the history knows something of the month (an
/// unknown month is said by `up to`).
pub fn month_said(month: Option<MonthUse>) -> Option<String> {
    month.map(|m| {
        if m.complete {
            format!(
                "costs counted with this month's use: {} of 1,000 free paths used",
                m.paths.min(FREE_PATHS_PER_MONTH)
            )
        } else {
            format!(
                "at least {} of 1,000 free paths used this month (history incomplete): the \
                 costs are the most",
                m.paths
            )
        }
    })
}

fn paths_word(n: u64) -> String {
    plural(usize::try_from(n).unwrap_or(usize::MAX), "path")
}

/// Estimate the cost of `paths` paths, given the paths already sent this month if known.
pub fn estimate(paths: u64, used_this_month: Option<u64>) -> CostEstimate {
    let free_left = used_this_month.map_or(0, |used| FREE_PATHS_PER_MONTH.saturating_sub(used));
    let charged_paths = paths.saturating_sub(free_left);
    CostEstimate {
        paths,
        charged_paths,
        micro_usd: charged_paths.saturating_mul(MICRO_USD_PER_PATH),
        use_known: used_this_month.is_some(),
    }
}

impl CostEstimate {
    /// The amount as dollars with three decimals (the price is half a cent).
    pub fn usd(&self) -> String {
        format!(
            "${}.{:03}",
            self.micro_usd / 1_000_000,
            self.micro_usd % 1_000_000 / 1_000
        )
    }
}

impl fmt::Display for CostEstimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.paths == 0 {
            return f.write_str("nothing (no paths to send)");
        }
        if self.use_known {
            if self.charged_paths == 0 {
                write!(
                    f,
                    "free (within the month's first {FREE_PATHS_PER_MONTH} paths)"
                )
            } else {
                write!(
                    f,
                    "{} ({} at $0.005)",
                    self.usd(),
                    paths(self.charged_paths)
                )
            }
        } else {
            write!(
                f,
                "up to {} ({} at $0.005; free while the account's first {FREE_PATHS_PER_MONTH} paths this month last)",
                self.usd(),
                paths(self.paths)
            )
        }
    }
}

fn paths(n: u64) -> String {
    plural(usize::try_from(n).unwrap_or(usize::MAX), "path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_cost_counts_the_month_only_when_it_is_known_whole() {
        let known = |paths| {
            Some(MonthUse {
                paths,
                complete: true,
            })
        };
        assert_eq!(brief(3, known(10)), "free");
        assert_eq!(brief(3, known(999)), "$0.010");
        assert_eq!(brief(3, None), "up to $0.015");
        let partial = Some(MonthUse {
            paths: 10,
            complete: false,
        });
        assert_eq!(brief(3, partial), "up to $0.015");
        assert!(month_said(known(1200)).unwrap().contains("1000 of 1,000"));
        assert!(month_said(partial).unwrap().contains("at least 10"));
        assert_eq!(month_said(None), None);
    }

    #[test]
    fn paths_within_the_free_thousand_cost_nothing() {
        let e = estimate(200, Some(700));
        assert_eq!(e.charged_paths, 0);
        assert_eq!(e.usd(), "$0.000");
        assert!(e.to_string().starts_with("free"));
    }

    #[test]
    fn paths_past_the_free_thousand_cost_half_a_cent_each() {
        let e = estimate(500, Some(900));
        assert_eq!(e.charged_paths, 400);
        assert_eq!(e.usd(), "$2.000");
        let e = estimate(3, Some(5_000));
        assert_eq!(e.usd(), "$0.015");
        assert_eq!(e.to_string(), "$0.015 (3 paths at $0.005)");
        assert_eq!(
            estimate(1, Some(1_000)).to_string(),
            "$0.005 (1 path at $0.005)"
        );
    }

    #[test]
    fn nothing_sent_costs_nothing() {
        assert_eq!(estimate(0, None).to_string(), "nothing (no paths to send)");
    }

    #[test]
    fn unknown_use_gives_the_most_it_can_cost() {
        let e = estimate(3_000, None);
        assert_eq!(e.charged_paths, 3_000);
        assert_eq!(e.usd(), "$15.000");
        assert!(e.to_string().starts_with("up to $15.000"));
    }
}

#[cfg(test)]
mod month_use_tests {
    use super::*;

    #[test]
    fn a_known_month_gives_the_exact_cost() {
        let m = |paths, complete| Some(MonthUse { paths, complete });
        assert_eq!(
            with_month_use(30, m(412, true)),
            "free (412 of 1,000 free paths used this month)"
        );
        assert_eq!(
            with_month_use(700, m(412, true)),
            "$0.560 for 112 paths (412 of 1,000 free paths used this month)"
        );
        assert_eq!(
            with_month_use(5, m(1500, true)),
            "$0.025 for 5 paths (1000 of 1,000 free paths used this month)"
        );
        assert_eq!(
            with_month_use(30, m(412, false)),
            "up to $0.150 (at least 412 of 1,000 free paths used this month; history incomplete)"
        );
        assert!(with_month_use(30, None).starts_with("up to $0.150"));
    }
}
