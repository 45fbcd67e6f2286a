//! The dashboard, Elm-style: a [`Model`] holds all state, [`Msg`]s (user intents and backend
//! results) go through the pure [`update`], which returns [`Effect`]s; the [`Runtime`] is the
//! only place that does I/O, and the [`Loop`] ties them to a screen.

pub mod action;
pub mod compose;
pub mod event_loop;
pub mod form_plan;
pub mod hints;
pub mod key;
pub mod keymap;
pub mod lane;
mod list;
mod model;
mod msg;
pub mod overlay;
pub mod picker;
pub mod running;
pub mod runtime;
pub mod search;
pub mod settings;
mod update;
pub mod watch;

pub use event_loop::{Ending, Input, Loop, Screen, Signal, Turn, View};
pub use hints::Hints;
pub use keymap::{Action, Context, Key, Keymap};
pub use lane::Lane;
pub use list::SortBy;
pub use model::{EdgeReport, Flash, InvalidationList, Model, Pane, RequestId, Slot, TargetEntry};
pub use msg::{Backfill, Effect, Msg};
pub use overlay::{Overlay, Overlays, Question};
pub use runtime::{Accounts, BackfillSettings, Memory, Runtime, Services};
pub use update::{DETAILS_PAUSE, PAGE_SIZE, update};
