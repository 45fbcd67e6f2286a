//! The only place the dashboard does I/O. The runtime owns the account (its backend), the
//! store, the clock and the work in flight; every effect `update` returns comes here, and
//! every result goes back as a `Msg`, failures included. What only the terminal can do (draw,
//! leave, notify) is handed back to the loop as a [`Screen`].
//!
//! Answers come through a channel of the account in use: choosing another account cancels
//! what was asked of the old one and drops that channel, so no answer of the old account can
//! reach the new one's screen.

mod effects;
mod hook;
mod memory;
pub mod store;

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::AbortHandle;

pub use effects::{Edges, Services};
pub use memory::{BackfillSettings, Memory};

use super::model::RequestId;
use super::msg::{Effect, Msg};
use crate::backend::Backend;
use crate::clock::SharedClock;

/// The accounts the dashboard can switch between (`p`).
pub trait Accounts: Send + Sync {
    /// The profile names in the AWS config files; an error says why none can be offered.
    fn profiles(&self) -> Result<Vec<String>, String>;
    /// A backend for a profile and region (None: as configured) and the header's words for
    /// it. Builds only: no credential or network work.
    fn connect(
        &self,
        profile: Option<String>,
        region: Option<String>,
    ) -> Result<(Arc<dyn Backend>, String), String>;
}

/// What an effect leaves to the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Render,
    Quit,
    Notify {
        title: String,
        body: String,
    },
    /// Text for the terminal's clipboard.
    Copy(String),
}

pub struct Runtime {
    services: Services,
    memory: Memory,
    accounts: Arc<dyn Accounts>,
    tx: UnboundedSender<Msg>,
    rx: UnboundedReceiver<Msg>,
    /// The account's requests in flight, cancelled when another account is chosen.
    running: Vec<AbortHandle>,
    /// The creates on their way, by request, for the user to stop waiting for.
    sending: HashMap<RequestId, AbortHandle>,
    /// When several accounts are shown: each one's services, by lane (see `app::lane`).
    lanes: Vec<(Services, UnboundedSender<Msg>)>,
}

impl Runtime {
    /// Start on `backend`: the store opens on its own thread (after the first frame, which
    /// the caller has drawn), and what it holds arrives as messages.
    pub fn start(
        backend: Arc<dyn Backend>,
        clock: SharedClock,
        mut memory: Memory,
        accounts: Arc<dyn Accounts>,
    ) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let services = memory.start(backend, clock, tx.clone());
        Self::on(services, memory, accounts, (tx, rx), Vec::new())
    }

    /// A runtime on `services` (and, with several accounts, `lanes`), nothing running yet.
    fn on(
        services: Services,
        memory: Memory,
        accounts: Arc<dyn Accounts>,
        (tx, rx): (UnboundedSender<Msg>, UnboundedReceiver<Msg>),
        lanes: Vec<(Services, UnboundedSender<Msg>)>,
    ) -> Self {
        Self {
            services,
            memory,
            accounts,
            tx,
            rx,
            running: Vec::new(),
            sending: HashMap::new(),
            lanes,
        }
    }

    /// Start on several accounts at once, `first` and `others` each a `(profile, backend)`,
    /// lanes in that order: one store, and each account's calls made with its own backend.
    pub fn start_accounts(
        first: (String, Arc<dyn Backend>),
        others: Vec<(String, Arc<dyn Backend>)>,
        clock: SharedClock,
        mut memory: Memory,
        accounts: Arc<dyn Accounts>,
    ) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        memory.sender.profile = Some(first.0);
        let first_tx = lane_sender(0, tx.clone());
        let services = memory.start(first.1, clock, first_tx.clone());
        let mut lanes = vec![(services.clone(), first_tx)];
        for (k, (profile, backend)) in others.into_iter().enumerate() {
            let lane_tx = lane_sender(k + 1, tx.clone());
            let lane = memory.start_lane(&services, backend, profile, lane_tx.clone());
            lanes.push((lane, lane_tx));
        }
        Self::on(services, memory, accounts, (tx, rx), lanes)
    }

    /// A runtime on `services` that remembers nothing and cannot switch accounts (tests).
    #[cfg(test)]
    pub fn without_memory(services: Services) -> Self {
        Self::without_memory_among(services, Arc::new(NoAccounts))
    }

    /// A runtime on `services` that remembers nothing, switching among `accounts` (tests).
    #[cfg(test)]
    pub fn without_memory_among(services: Services, accounts: Arc<dyn Accounts>) -> Self {
        let memory = Memory::new(
            Err("no store".into()),
            "dashboard".into(),
            crate::domain::journal::Sender::default(),
            None,
        );
        Self::on(
            services,
            memory,
            accounts,
            mpsc::unbounded_channel(),
            Vec::new(),
        )
    }

    /// The next answer, when one comes.
    pub async fn answer(&mut self) -> Option<Msg> {
        self.rx.recv().await
    }

    /// An answer already waiting, without waiting.
    pub fn answer_now(&mut self) -> Option<Msg> {
        self.rx.try_recv().ok()
    }

    /// Start what an effect asks for; what belongs to the terminal is handed back.
    pub fn run(&mut self, effect: Effect) -> Option<Screen> {
        match effect {
            Effect::Render => return Some(Screen::Render),
            Effect::Quit => return Some(Screen::Quit),
            Effect::Notify { title, body } => return Some(Screen::Notify { title, body }),
            Effect::Copy(text) => return Some(Screen::Copy(text)),
            Effect::LoadProfiles { request } => {
                let accounts = Arc::clone(&self.accounts);
                let tx = self.tx.clone();
                // A small local file, but a file: off the UI path all the same.
                let task = tokio::task::spawn_blocking(move || {
                    let _ = tx.send(Msg::ProfilesLoaded {
                        request,
                        result: accounts.profiles(),
                    });
                });
                self.running.push(task.abort_handle());
            }
            Effect::SwitchAccount { profile, region } => self.switch(profile, region),
            Effect::On { account, effect } => match self.lanes.get(account) {
                Some((services, tx)) => {
                    let (services, tx) = (services.clone(), tx.clone());
                    self.spawn(*effect, services, tx);
                }
                // One account only: the effect is its.
                None => return self.run(*effect),
            },
            Effect::StopSending(requests) => {
                for request in requests {
                    if let Some(task) = self.sending.remove(&request) {
                        task.abort();
                    }
                }
            }
            work => {
                let (services, tx) = (self.services.clone(), self.tx.clone());
                self.spawn(work, services, tx);
            }
        }
        None
    }

    /// Run `work` on `services`, its answer sent on `tx`.
    fn spawn(&mut self, work: Effect, services: Services, tx: UnboundedSender<Msg>) {
        let create = match &work {
            Effect::Create { request, .. } => Some(*request),
            _ => None,
        };
        self.sending.retain(|_, t| !t.is_finished());
        self.running.retain(|t| !t.is_finished());
        let task = tokio::spawn(async move {
            if let Some(msg) = effects::perform(work, &services).await {
                // The account may be gone (switched, or quitting): then nobody
                // needs the answer.
                let _ = tx.send(msg);
            }
        });
        if let Some(request) = create {
            self.sending.insert(request, task.abort_handle());
        }
        self.running.push(task.abort_handle());
    }

    /// Another account: what was asked of the old one is cancelled and its answers dropped.
    fn switch(&mut self, profile: Option<String>, region: Option<String>) {
        if !self.lanes.is_empty() {
            let _ = self.tx.send(Msg::SwitchFailed(
                "several accounts are shown: start edgepurge with the --profile you want \
                 (one, or several: --profile prod,staging)"
                    .into(),
            ));
            return;
        }
        match self.accounts.connect(profile.clone(), region) {
            Ok((backend, source)) => {
                for task in self.running.drain(..) {
                    task.abort();
                }
                let (tx, rx) = mpsc::unbounded_channel();
                self.tx = tx;
                self.rx = rx;
                self.services =
                    self.memory
                        .switch(&self.services, backend, profile, self.tx.clone());
                let _ = self.tx.send(Msg::Switched { source });
            }
            Err(why) => {
                let _ = self.tx.send(Msg::SwitchFailed(why));
            }
        }
    }

    /// Leaving with `effects` (what `update` asked for on the way out): the form's last save
    /// is waited for, and its failure returned, so that a draft is never promised and lost.
    pub async fn leave(&mut self, effects: Vec<Effect>) -> Result<(), String> {
        let mut result = Ok(());
        for effect in effects {
            if let save @ Effect::SaveDraft(_) = effect
                && let Some(Msg::DraftSaved(Err(e))) = effects::perform(save, &self.services).await
            {
                result = Err(e.to_string());
            }
        }
        self.memory.stop();
        result
    }
}

/// A sender that marks each answer as lane `account`'s.
fn lane_sender(account: usize, tx: UnboundedSender<Msg>) -> UnboundedSender<Msg> {
    let (lane_tx, mut lane_rx) = mpsc::unbounded_channel::<Msg>();
    tokio::spawn(async move {
        while let Some(msg) = lane_rx.recv().await {
            let msg = Msg::Of {
                account,
                msg: Box::new(msg),
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
    lane_tx
}

/// No account to switch to.
#[cfg(test)]
struct NoAccounts;

#[cfg(test)]
impl Accounts for NoAccounts {
    fn profiles(&self) -> Result<Vec<String>, String> {
        Err("no AWS profiles here".into())
    }

    fn connect(
        &self,
        _profile: Option<String>,
        _region: Option<String>,
    ) -> Result<(Arc<dyn Backend>, String), String> {
        Err("no other account here".into())
    }
}

#[cfg(test)]
mod tests;
