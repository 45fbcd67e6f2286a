//! edgepurge: CloudFront, CloudFront tenant and Lightsail cache invalidations, from a terminal
//! dashboard and a scripting CLI.
//!
//! Dependencies point one way: `cli` → `backend` → `domain`; `clock` is given to whoever needs
//! the time.

pub mod backend;
pub mod cli;
pub mod clock;
pub mod domain;
