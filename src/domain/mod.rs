//! The vocabulary and the rules of cache invalidation, with no I/O.
//!
//! Everything here is pure: functions take the current time or the state they judge as
//! arguments, so the dashboard, the CLI and the tests all get the same answers.

pub mod account;
pub mod batch;
pub mod caller_reference;
pub mod cost;
pub mod creator;
pub mod csv;
pub mod deploy;
pub mod distribution;
pub mod draft;
pub mod edge;
pub mod invalidation;
pub mod journal;
pub mod lightsail;
pub mod poll;
pub mod quota;
pub mod redact;
pub mod target;
pub mod target_name;
pub mod visible;
pub mod words;
