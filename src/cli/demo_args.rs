//! The `--demo-*` flags: the demo account's settings, for every mode that takes `--demo`.

use std::time::Duration;

use clap::Args;

use crate::backend::demo::{DemoSettings, SPEED_RANGE};

#[derive(Debug, Args, Clone, PartialEq)]
pub struct DemoArgs {
    /// Invalidations in each demo target's history (default: a few hundred).
    #[arg(
        long = "demo-history",
        value_name = "N",
        global = true,
        value_parser = history_size
    )]
    pub history: Option<usize>,
    /// How much faster than real time demo invalidations progress (e.g. 10).
    #[arg(long = "demo-speed", value_name = "X", global = true, value_parser = positive_factor)]
    pub speed: Option<f64>,
    /// Milliseconds added to every demo call.
    #[arg(long = "demo-latency", value_name = "MS", global = true)]
    pub latency: Option<u64>,
    /// The fraction of demo calls that are throttled, 0 to 1 (e.g. 0.2).
    #[arg(long = "demo-throttle", value_name = "P", global = true, value_parser = fraction)]
    pub throttle: Option<f64>,
    /// The fraction of demo creates (invalidations, Lightsail resets) that are made but whose
    /// answer is lost, 0 to 1 (e.g. 0.3).
    #[arg(long = "demo-lose-response", value_name = "P", global = true, value_parser = fraction)]
    pub lose_response: Option<f64>,
    /// Seed of the demo's random choices, to repeat a run exactly.
    #[arg(long = "demo-seed", value_name = "N", global = true)]
    pub seed: Option<u64>,
}

impl DemoArgs {
    /// The first `--demo-*` flag given, to refuse it without `--demo`. (Checked after parsing:
    /// clap's `requires` misses `--demo` given before the subcommand when the setting comes
    /// after it.)
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.history.is_some(), "--demo-history"),
            (self.speed.is_some(), "--demo-speed"),
            (self.latency.is_some(), "--demo-latency"),
            (self.throttle.is_some(), "--demo-throttle"),
            (self.lose_response.is_some(), "--demo-lose-response"),
            (self.seed.is_some(), "--demo-seed"),
        ]
        .into_iter()
        .find_map(|(given, flag)| given.then_some(flag))
    }

    pub fn settings(&self) -> DemoSettings {
        let defaults = DemoSettings::default();
        DemoSettings {
            history: self.history,
            speed: self.speed.unwrap_or(defaults.speed),
            latency: self.latency.map_or(defaults.latency, Duration::from_millis),
            throttle: self.throttle.unwrap_or(defaults.throttle),
            lose_response: self.lose_response.unwrap_or(defaults.lose_response),
            seed: self.seed.unwrap_or(defaults.seed),
        }
    }
}

/// More than anyone scrolls through; it keeps made-up dates within what a date can hold.
const MAX_HISTORY: usize = 10_000_000;

fn history_size(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n <= MAX_HISTORY => Ok(n),
        _ => Err(format!(
            "'{text}' is not a history size from 0 to {MAX_HISTORY}; use e.g. 100000"
        )),
    }
}

fn positive_factor(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if SPEED_RANGE.contains(&x) => Ok(x),
        _ => Err(format!(
            "'{text}' is not a speed from {} to {}; use e.g. 1 (real time) or 10 (ten times faster)",
            SPEED_RANGE.start(),
            SPEED_RANGE.end()
        )),
    }
}

fn fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "'{text}' is not a fraction from 0 to 1; use e.g. 0.2 for one call in five"
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::testing::parse;

    #[test]
    fn every_demo_setting_reaches_the_demo_account() {
        let cli = parse(&[
            "--demo",
            "--demo-history",
            "100000",
            "--demo-speed",
            "10",
            "--demo-latency",
            "2000",
            "--demo-throttle",
            "0.25",
            "--demo-lose-response",
            "0.5",
            "--demo-seed",
            "7",
            "validate",
            "/a",
        ])
        .unwrap();
        let s = cli.global.demo_args.settings();
        assert_eq!(s.history, Some(100_000));
        assert_eq!(s.speed, 10.0);
        assert_eq!(s.latency, std::time::Duration::from_millis(2_000));
        assert_eq!(s.throttle, 0.25);
        assert_eq!(s.lose_response, 0.5);
        assert_eq!(s.seed, 7);
    }

    #[test]
    fn demo_flags_work_after_the_subcommand_too() {
        let cli = parse(&["validate", "/a", "--demo", "--demo-speed", "3"]).unwrap();
        assert_eq!(cli.global.demo_args.settings().speed, 3.0);
        let cli = parse(&["--demo", "validate", "/a", "--demo-speed", "4"]).unwrap();
        assert_eq!(cli.global.demo_args.settings().speed, 4.0);
    }

    #[test]
    fn demo_settings_need_demo_and_sane_values() {
        let err = parse(&["--demo-speed", "2", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("--demo"), "{err}");
        let err = parse(&["--demo", "--demo-speed", "0", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("not a speed from 0.001"), "{err}");
        assert!(parse(&["--demo", "--demo-speed", "1e-300", "validate", "/a"]).is_err());
        let err = parse(&["--demo", "--demo-history", "20000000", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("0 to 10000000"), "{err}");
        let err = parse(&["--demo", "--demo-throttle", "1.5", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("from 0 to 1"), "{err}");
        let err = parse(&["--demo", "--demo-lose-response", "2", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("from 0 to 1"), "{err}");
        let err = parse(&["--demo-lose-response", "1", "validate", "/a"]).unwrap_err();
        assert!(err.to_string().contains("--demo"), "{err}");
    }
}
