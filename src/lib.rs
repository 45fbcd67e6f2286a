//! edgepurge: CloudFront, CloudFront tenant and Lightsail cache invalidations, from a terminal
//! dashboard and a scripting CLI.
//!
//! Dependencies point one way: `ui` → `app` → `backend` → `domain`; `cli` → `backend` →
//! `domain`; `clock` is given to whoever needs the time.

pub mod app;
pub mod backend;
pub mod cli;
pub mod clock;
pub mod domain;
pub mod engine;
#[cfg(any(test, feature = "fixtures"))]
#[doc(hidden)]
pub mod fixtures;
pub mod history;
pub mod logging;
pub mod store;
pub mod tui;
pub mod ui;
