//! The SQLite database: its schema, how it is opened, and the thread it lives on.

pub mod open;
pub mod schema;
mod worker;

pub use worker::{DbError, OpenReport, Store};
