//! The dashboard's brain, Elm-style: a [`Model`] holds all state, [`Msg`]s (user intents and
//! backend results) go through the pure [`update`], which returns [`Effect`]s; `effects` is the
//! only place that starts I/O.

pub mod action;
pub mod compose;
pub mod effects;
pub mod hints;
pub mod key;
pub mod keymap;
pub mod memory;
mod model;
mod msg;
pub mod picker;
pub mod search;
pub mod settings;
mod update;
pub mod watch;

pub use effects::Services;
pub use hints::Hints;
pub use keymap::{Action, Context, Key, Keymap};
pub use model::{Flash, InvalidationList, Model, Pane, Question, RequestId, Slot, TargetEntry};
pub use msg::{Backfill, Draft, Effect, Msg};
pub use update::{DETAILS_PAUSE, PAGE_SIZE, update};
