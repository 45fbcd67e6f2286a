//! What goes into `update` and what comes out of it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::keymap::Action;
use super::model::RequestId;
use crate::backend::BackendError;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;

type Result<T> = std::result::Result<T, BackendError>;

/// Something that happened: a user intent, a tick of time, or a backend answer (which names
/// the request it answers).
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The first frame is on screen: start loading.
    Start,
    /// An answer from one of several accounts shown (see `app::lane`).
    Of {
        account: usize,
        msg: Box<Msg>,
    },
    Action(Action),
    /// A key that is no action: text for the form's focused field.
    Input(KeyEvent),
    /// A click (no action) or wheel turn (up or down) over a pane; a click on a row names
    /// it (a target's index among those shown, or an invalidation's in its list).
    Pointer {
        pane: super::model::Pane,
        action: Option<Action>,
        row: Option<usize>,
    },
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// SIGTERM or SIGHUP: keep the draft and leave, without asking.
    Terminate,
    /// An export was written (its path), or why not.
    Exported(std::result::Result<String, String>),
    /// The completion command ran; why it failed, if it did.
    HookRan(std::result::Result<(), String>),
    /// Time to fetch the selected target's list again.
    RefreshTick,
    /// The pause after a cursor move is over: load the selected invalidation if it is still
    /// the one waited for.
    DetailsDue {
        request: RequestId,
    },
    /// Unsent batches kept in the store (this dashboard's earlier runs and others'), newest
    /// first.
    DraftsFound(Vec<crate::store::drafts::SavedDraft>),
    /// A pause in typing is over: save the form.
    DraftDue,
    /// The form was saved (or why it could not be).
    DraftSaved(std::result::Result<(), crate::store::db::DbError>),
    /// Something the store was asked to do failed: what it means for the user, and what to do.
    StoreFailed(String),
    /// The store is open (or, with the one line to show, it could not be used).
    StoreOpened {
        problem: Option<String>,
    },
    /// Writes recorded in the journal without an answer: each may or may not have been made.
    UnconfirmedFound(Vec<crate::domain::journal::Entry>),
    /// An unconfirmed write sent again with its own reference.
    Resumed {
        target: CloudFrontTarget,
        caller_reference: String,
        result: std::result::Result<Invalidation, String>,
    },
    /// How far the history backfill has come.
    Backfill(Backfill),
    /// What the history search found (or why it could not search).
    HistorySearched {
        request: RequestId,
        result: std::result::Result<Vec<crate::store::search::Hit>, String>,
    },
    /// The account's use of this month's free paths, from the history.
    MonthUse(crate::domain::cost::MonthUse),
    /// Invalidations of a list whose details the history already holds.
    KnownLoaded {
        target: CloudFrontTarget,
        invalidations: Vec<Invalidation>,
    },
    /// The profiles in the AWS config files (or why there are none to offer).
    ProfilesLoaded {
        request: RequestId,
        result: std::result::Result<Vec<String>, String>,
    },
    /// The account chosen could not be used (why, and what to do).
    SwitchFailed(String),
    /// Another account is in use: everything shown is of the old one.
    Switched {
        source: String,
    },
    /// The terminal changed size.
    Resize,
    /// The time, told now and then so "3m ago" stays true.
    Clock(DateTime<Utc>),
    /// The spinner's next frame.
    SpinnerTick,
    DistributionsLoaded {
        request: RequestId,
        result: Result<Vec<Distribution>>,
    },
    TenantsLoaded {
        request: RequestId,
        distribution_id: String,
        result: Result<Vec<Tenant>>,
    },
    LightsailLoaded {
        request: RequestId,
        result: Result<Vec<LightsailDistribution>>,
    },
    InProgressCountLoaded {
        request: RequestId,
        distribution_id: String,
        result: Result<u32>,
    },
    InvalidationsLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        result: Result<InvalidationPage>,
    },
    InvalidationLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        result: Result<Invalidation>,
    },
    /// Who created an invalidation (None: the journal does not know, and CloudTrail was not
    /// asked).
    CreatorFound {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        result: Result<Option<crate::domain::creator::Who>>,
    },
    LatestResetLoaded {
        request: RequestId,
        name: String,
        result: Result<Option<CacheReset>>,
    },
    /// What the edges answered about a completed invalidation, or why they could not be asked.
    EdgeChecked {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        result: std::result::Result<super::model::EdgeReport, String>,
    },
    /// A target's last deploy recorded in the store, as the site's URL paths (None: no deploy
    /// of it is recorded), for the form's plan.
    DeployLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        result: std::result::Result<Option<Vec<String>>, String>,
    },
    LoadOfTargetLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        result: Result<InProgressLoad>,
    },
    Created {
        request: RequestId,
        result: std::result::Result<Invalidation, crate::engine::SendError>,
    },
    /// A poll of an in-progress invalidation came back (`at`: when).
    Polled {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        at: DateTime<Utc>,
        result: Result<Invalidation>,
    },
    ResetStarted {
        request: RequestId,
        name: String,
        result: Result<Operation>,
    },
    OperationPolled {
        request: RequestId,
        name: String,
        operation: String,
        at: DateTime<Utc>,
        result: Result<Operation>,
    },
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// An effect for one of several accounts shown (see `app::lane`): run with its backend,
    /// answered as `Msg::Of` that account.
    On {
        account: usize,
        effect: Box<Effect>,
    },
    /// The model changed: draw it.
    Render,
    /// Leave the dashboard.
    Quit,
    LoadDistributions {
        request: RequestId,
    },
    LoadTenants {
        request: RequestId,
        distribution_id: String,
    },
    LoadLightsail {
        request: RequestId,
    },
    /// How many batches a distribution has in progress (GetDistribution), for the targets pane.
    LoadInProgressCount {
        request: RequestId,
        distribution_id: String,
    },
    /// Ask again, after a pause, how many batches a distribution with work in progress still
    /// has: the marker stays true for targets whose batches nobody polls.
    RecheckInProgress {
        request: RequestId,
        distribution_id: String,
        after: Duration,
    },
    LoadInvalidations {
        request: RequestId,
        target: CloudFrontTarget,
        page: PageRequest,
    },
    LoadInvalidation {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
    },
    LoadLatestReset {
        request: RequestId,
        name: String,
    },
    /// Who created an invalidation: the journal, the store, then (if `cloudtrail`) CloudTrail.
    LookupCreator {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        create_time: DateTime<Utc>,
        cloudtrail: bool,
    },
    /// Ask the target's edges about a completed invalidation's paths (as `edgepurge verify`).
    CheckEdge {
        request: RequestId,
        target: CloudFrontTarget,
        invalidation: Invalidation,
    },
    /// A target's last deploy from the store, its files mapped to URL paths by `site` (the
    /// objects the form's plan counts).
    LoadDeploy {
        request: RequestId,
        target: CloudFrontTarget,
        site: crate::domain::deploy::Site,
    },
    /// What a target has in progress (for the form's headroom).
    LoadOfTarget {
        request: RequestId,
        target: CloudFrontTarget,
    },
    /// Create an invalidation through the engine: journaled, retried with the same
    /// reference when that is safe, recorded.
    Create {
        request: RequestId,
        target: CloudFrontTarget,
        part: crate::engine::Part,
    },
    /// Stop waiting for these creates: their tasks end where they are. Each was journaled
    /// before it was sent, so what may have been made is offered again at the next start.
    StopSending(Vec<RequestId>),
    /// Ask about an in-progress invalidation after a pause.
    Poll {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        after: Duration,
    },
    ResetCache {
        request: RequestId,
        name: String,
    },
    PollOperation {
        request: RequestId,
        name: String,
        operation: String,
        after: Duration,
    },
    /// Send `DetailsDue` after a pause (so scrolling fast does not fetch every row).
    Wake {
        request: RequestId,
        after: Duration,
    },
    /// Run the configured command for a batch or reset that ended (`[notifications]
    /// command`), with what ended in its environment.
    RunHook {
        command: String,
        env: Vec<(String, String)>,
    },
    /// Put text on the clipboard of the terminal (OSC 52).
    Copy(String),
    /// Write an export to a new file (never over an existing one).
    Export {
        path: std::path::PathBuf,
        contents: String,
    },
    /// Tell the user something finished: the bell and, if configured, a desktop notification.
    Notify {
        title: String,
        body: String,
    },
    /// Read the profile names from the AWS config files.
    LoadProfiles {
        request: RequestId,
    },
    /// Use another profile and region (None: as configured).
    SwitchAccount {
        profile: Option<String>,
        region: Option<String>,
    },
    /// Keep the form's batch in the store (answered by `DraftSaved`).
    SaveDraft(crate::domain::draft::Draft),
    /// The batch was sent or thrown away: forget this dashboard's saved draft.
    ForgetDraft,
    /// Forget a draft another run saved (it was opened here, or discarded).
    ForgetDraftOf(String),
    /// Send `DraftDue` after a pause.
    DraftDue {
        after: Duration,
    },
    /// Search the stored history of every target.
    SearchHistory {
        request: RequestId,
        text: String,
    },
    /// Look up in the history the details of these rows of a list.
    LoadKnown {
        target: CloudFrontTarget,
        ids: Vec<String>,
    },
    /// Send an unconfirmed journal entry again with its own reference (answered by `Resumed`).
    Resume(Box<crate::domain::journal::Entry>),
    /// Mark unconfirmed journal entries forgotten.
    ForgetUnconfirmed(Vec<i64>),
}

/// The history backfill's progress, for the small indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Backfill {
    #[default]
    Off,
    Running {
        targets_done: usize,
        targets: usize,
        fetched: usize,
    },
    Done {
        targets: usize,
    },
    Failed(String),
}
