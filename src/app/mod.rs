//! The dashboard's brain, Elm-style: a [`Model`] holds all state, [`Msg`]s (user intents and
//! backend results) go through the pure [`update`], which returns [`Effect`]s; `effects` is the
//! only place that starts I/O.

pub mod effects;
pub mod keymap;
pub mod keyspec;
mod model;
mod msg;
mod update;

pub use keymap::{Action, Keymap};
pub use model::{InvalidationList, Model, Pane, RequestId, Slot, TargetEntry};
pub use msg::{Effect, Msg};
pub use update::{PAGE_SIZE, update};
