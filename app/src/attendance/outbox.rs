//! The tablet's outbox. Every entry (a mark, the notes, the closing) is
//! shown as waiting the moment it is made, written to the device's storage
//! once that frame is painted (at once if the page is hidden or left
//! first: `record_all`), and sent when the network allows: at page load,
//! on the browser's `online` event, and by retries with back-off. The
//! server takes each entry once (by the id made here), so sending one twice
//! changes nothing; an entry leaves the device only once the server has it.
//!
//! The device keeps the minimum: the registers of the coming sessions (first
//! names and initials, who may take each child home, the marks) and the
//! entries not yet sent. Nothing about a child's needs. A register is erased
//! once its day is over, and everything at logout.

use crate::attendance::types::{Outcome, Refusal, RegisterSheet, RegisterState, MAX_BATCH};
use crate::domain::ids::{DeviceId, EntryId, SessionId};
use crate::domain::register::Entry;
#[cfg(feature = "hydrate")]
use crate::error::AppError;
#[cfg(feature = "hydrate")]
use crate::lazy::NotFetched;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const OUTBOX_KEY: &str = "passerelle.outbox";
const SHEETS_KEY: &str = "passerelle.sheets";
/// Whose registers and entries the device keeps (a user id).
const OWNER_KEY: &str = "passerelle.owner";

/// Where the entries of a person who is not signed in wait for them.
fn parked_key(owner: &str) -> String {
    format!("passerelle.outbox.{owner}")
}
const DEVICE_KEY: &str = "passerelle.device";

/// An entry the server does not have yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub entry: Entry,
    /// The server refused it: it stays here, said, until dismissed.
    pub refused: Option<Refusal>,
}

/// Where the outbox stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    /// Nothing waiting, or waiting for the next change.
    Idle,
    Sending,
    /// The last attempt failed (no network); the next one is planned.
    Retrying {
        in_seconds: u32,
    },
    /// The server asks to sign in again; the entries stay here.
    SignedOut,
}

/// How long to wait before the `attempt`-th retry: 2, 4, 8... up to a
/// minute.
pub fn back_off_seconds(attempt: u32) -> u32 {
    2u32.saturating_pow(attempt.clamp(1, 6)).min(60)
}

/// Entries older than this are announced loudly.
pub const STALE_AFTER_HOURS: i64 = 24;

/// The outbox of this page, shared by the pages that record entries.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Outbox {
    pub pending: RwSignal<Vec<Pending>>,
    pub sheets: RwSignal<BTreeMap<SessionId, RegisterSheet>>,
    pub status: RwSignal<SyncStatus>,
    attempt: StoredValue<u32>,
    busy: StoredValue<bool>,
    /// Bumped for each planned retry, so that only the latest one runs.
    timer: StoredValue<u64>,
    /// This device's id, read from storage once.
    device: StoredValue<Option<DeviceId>>,
    /// Whether `pending` and `sheets` hold what the device kept (read
    /// once, by `load`).
    loaded: StoredValue<bool>,
    /// Entries shown in `pending` but not yet in the device's storage:
    /// written once the tap's frame is painted (`record_all`), or at once
    /// when the page is hidden or left.
    unsaved: StoredValue<Vec<Pending>>,
    /// `save_now`, once a page has recorded something (`record_all`). Why
    /// a pointer set there: called from the shell's code (`claim`), a
    /// direct call would bring the entries' storage code into the WASM
    /// file every page loads, parents' phones included.
    saver: StoredValue<Option<fn(&Outbox)>>,
}

/// The current time on the device.
pub fn device_now() -> DateTime<Utc> {
    #[cfg(feature = "hydrate")]
    {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(all(feature = "ssr", not(feature = "hydrate")))]
    {
        crate::state::now()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        DateTime::<Utc>::default()
    }
}

/// A new random id made on the device (a UUID).
pub fn device_id_string() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.random_uuid())
            .unwrap_or_else(|| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// The device's storage (the browser's localStorage; nothing on the server).
mod store {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    #[cfg(feature = "hydrate")]
    pub fn load<T: DeserializeOwned + Default>(key: &str) -> T {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(key).unwrap_or_default()
    }

    /// Writes `value`; false when the device refused (storage full).
    #[cfg(feature = "hydrate")]
    pub fn save<T: Serialize>(key: &str, value: &T) -> bool {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::set(key, value).is_ok()
    }

    #[cfg(feature = "hydrate")]
    pub fn erase(key: &str) {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(key);
    }

    /// Whether the device keeps something under `key`, without reading it
    /// (an empty list or map counts as nothing).
    #[cfg(feature = "hydrate")]
    pub fn holds(key: &str) -> bool {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::raw()
            .get_item(key)
            .ok()
            .flatten()
            .is_some_and(|kept| kept != "[]" && kept != "{}")
    }

    /// The text kept under `key`, as it is.
    #[cfg(feature = "hydrate")]
    pub fn raw(key: &str) -> Option<String> {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::raw()
            .get_item(key)
            .ok()
            .flatten()
    }

    #[cfg(feature = "hydrate")]
    pub fn set_raw(key: &str, value: &str) {
        use gloo_storage::Storage;
        let _ = gloo_storage::LocalStorage::raw().set_item(key, value);
    }

    #[cfg(not(feature = "hydrate"))]
    pub fn raw(_key: &str) -> Option<String> {
        None
    }
    #[cfg(not(feature = "hydrate"))]
    pub fn set_raw(_key: &str, _value: &str) {}
    #[cfg(not(feature = "hydrate"))]
    pub fn load<T: DeserializeOwned + Default>(_key: &str) -> T {
        T::default()
    }
    #[cfg(not(feature = "hydrate"))]
    pub fn save<T: Serialize>(_key: &str, _value: &T) -> bool {
        true
    }
    #[cfg(not(feature = "hydrate"))]
    pub fn erase(_key: &str) {}
    #[cfg(not(feature = "hydrate"))]
    pub fn holds(_key: &str) -> bool {
        false
    }
}

/// Creates the outbox and, in the browser, after hydration: if the device
/// kept registers or entries, reads them and starts sending (`wake`).
pub fn provide_outbox() -> Outbox {
    let outbox = Outbox {
        pending: RwSignal::new(Vec::new()),
        sheets: RwSignal::new(BTreeMap::new()),
        status: RwSignal::new(SyncStatus::Idle),
        attempt: StoredValue::new(0),
        busy: StoredValue::new(false),
        timer: StoredValue::new(0),
        device: StoredValue::new(None),
        loaded: StoredValue::new(false),
        unsaved: StoredValue::new(Vec::new()),
        saver: StoredValue::new(None),
    };
    provide_context(outbox);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            if !crate::hydration::finished() {
                return;
            }
            if store::holds(OUTBOX_KEY) || store::holds(SHEETS_KEY) {
                leptos::task::spawn_local(async move {
                    let _ = wake(outbox).await;
                });
            }
        });
        let _ = window_event_listener(leptos::ev::online, move |_| {
            if outbox.pending.with_untracked(|p| !p.is_empty()) {
                leptos::task::spawn_local(async move {
                    let _ = wake(outbox).await;
                });
            }
        });
    }
    outbox
}

/// Reads what the device kept and sends what waits, now. In a WASM file of
/// its own (`wasm_split`, see `crate::lazy`, with the code that reads,
/// merges and sends entries):
/// only a device that kept something fetches it, not the parents' phones,
/// which would otherwise download that code with every page (30 KB). The
/// service worker keeps the file for the tablets (`public/sw.js`).
/// `fallible`: a file that could not be fetched (the page left, the
/// network went) is an `Err`, not a panic, and what the device kept stays
/// there for the next page.
#[cfg(feature = "hydrate")]
#[leptos::wasm_split::wasm_split(outbox_wake, wasm_split_path = ::leptos::wasm_split, fallible)]
fn wake(outbox: Outbox) -> Result<(), NotFetched> {
    outbox.load();
    ask_persistent_storage();
    outbox.attempt.set_value(0);
    outbox.flush();
    Ok(())
}

/// The outbox provided by the app.
pub fn use_outbox() -> Outbox {
    use_context::<Outbox>().unwrap_or_else(provide_outbox)
}

/// Drops the registers of the days before `today` (the device keeps only
/// what the coming sessions need).
pub fn forget_past(sheets: &mut BTreeMap<SessionId, RegisterSheet>, today: NaiveDate) {
    // A day of margin: the device's clock is in UTC, the sessions in Paris.
    sheets.retain(|_, s| s.date + chrono::Duration::days(1) >= today);
}

/// Asks the browser not to evict this site's storage under pressure.
#[cfg(feature = "hydrate")]
fn ask_persistent_storage() {
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        let _ = storage.persist();
    }
}

/// Applies what the server answered to the outbox: delivered entries leave
/// the device, refused ones stay with the reason. Pure, for the tests.
pub fn settle(pending: &mut Vec<Pending>, outcomes: &[(EntryId, Outcome)]) {
    for (id, outcome) in outcomes {
        if outcome.delivered() {
            pending.retain(|p| p.entry.id() != id);
        } else if let Outcome::Refused(why) = outcome {
            for p in pending.iter_mut().filter(|p| p.entry.id() == id) {
                p.refused = Some(why.clone());
            }
        }
    }
}

/// Entries refused because their register was closed go again once the
/// server says that register is open (a coordinator reopened it). True
/// when any will.
pub fn retry_reopened<'a>(
    pending: &mut [Pending],
    open: impl IntoIterator<Item = &'a SessionId>,
) -> bool {
    let open: std::collections::BTreeSet<&SessionId> = open.into_iter().collect();
    let mut any = false;
    for p in pending
        .iter_mut()
        .filter(|p| p.refused == Some(Refusal::Closed) && open.contains(p.entry.session()))
    {
        p.refused = None;
        any = true;
    }
    any
}

/// The next entries to send: the oldest ones not refused.
pub fn next_batch(pending: &[Pending]) -> Vec<Entry> {
    pending
        .iter()
        .filter(|p| p.refused.is_none())
        .take(MAX_BATCH)
        .map(|p| p.entry.clone())
        .collect()
}

impl Outbox {
    /// Reads the entries and registers the device kept, once (`wake`; the
    /// changes read the storage themselves before writing it).
    pub fn load(&self) {
        if self.loaded.get_value() {
            return;
        }
        self.loaded.set_value(true);
        let mut kept: Vec<Pending> = store::load(OUTBOX_KEY);
        // Taps made while `wake`'s file was on its way stay shown.
        self.unsaved.with_value(|u| kept.extend(u.iter().cloned()));
        self.pending.set(kept);
        let mut sheets: BTreeMap<SessionId, RegisterSheet> = store::load(SHEETS_KEY);
        forget_past(&mut sheets, device_now().date_naive());
        store::save(SHEETS_KEY, &sheets);
        self.sheets.set(sheets);
    }

    /// How many entries the device has not delivered, for the question
    /// asked at logout: `None` when some are kept but not read yet.
    pub fn unsent(&self) -> Option<usize> {
        if self.loaded.get_value() {
            Some(self.waiting().0)
        } else if store::holds(OUTBOX_KEY) {
            None
        } else {
            Some(0)
        }
    }

    /// This device's id, made once and kept.
    pub fn device(&self) -> DeviceId {
        if let Some(id) = self.device.get_value() {
            return id;
        }
        let mut id: String = store::load(DEVICE_KEY);
        if id.is_empty() {
            id = device_id_string();
            store::save(DEVICE_KEY, &id);
        }
        let id = DeviceId(id);
        self.device.set_value(Some(id.clone()));
        id
    }

    /// Shows `entry` at once, then keeps it on the device and sends it once
    /// the changed row is on screen (`record_all`).
    pub fn record(&self, entry: Entry) {
        self.record_all(vec![entry]);
    }

    /// Shows several entries at once (« Tous présents »). The tap's own task
    /// only changes what is shown; the device's storage (one write for all)
    /// and the sending come after the frame is painted, when the page is
    /// idle (`when_painted`), or at once if the page is hidden or left
    /// before (`provide_outbox`). Why: reading, parsing and writing the
    /// outbox in the tap made the row appear 1.7× later than on a plain
    /// page (`end2end/scripts/tap-latency.mjs`).
    pub fn record_all(&self, entries: Vec<Entry>) {
        if entries.is_empty() {
            return;
        }
        let added: Vec<Pending> = entries
            .into_iter()
            .map(|entry| Pending {
                entry,
                refused: None,
            })
            .collect();
        self.unsaved
            .update_value(|u| u.extend(added.iter().cloned()));
        self.pending.update(|p| p.extend(added));
        self.attempt.set_value(0);
        if self.saver.get_value().is_none() {
            self.saver.set_value(Some(Outbox::save_now));
            // A page hidden or left before its idle moment keeps its taps.
            #[cfg(feature = "hydrate")]
            {
                let outbox = *self;
                let _ = window_event_listener(leptos::ev::pagehide, move |_| outbox.save_now());
                let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
                    if document().visibility_state() == web_sys::VisibilityState::Hidden {
                        outbox.save_now();
                    }
                });
            }
        }
        self.when_painted(|outbox| {
            outbox.save_now();
            outbox.flush();
        });
    }

    /// Writes the entries shown but not yet stored to the device's storage.
    pub fn save_now(&self) {
        if self.unsaved.with_value(|u| !u.is_empty()) {
            self.change(|_| {});
        }
    }

    /// Runs `then` after the next frame is painted (`paint::after_paint`),
    /// so that nothing but the changed row holds the tap.
    fn when_painted(&self, then: impl FnOnce(Outbox) + 'static) {
        let outbox = *self;
        crate::paint::after_paint(move || then(outbox));
    }

    /// Changes the outbox as the device stores it (with the entries shown
    /// but not stored yet), then shows it. Why read the storage first:
    /// another tab of this site may have added entries since this page read
    /// it, and writing this page's copy would drop them.
    fn change(&self, edit: impl FnOnce(&mut Vec<Pending>)) {
        let mut unsaved = Vec::new();
        self.unsaved.update_value(|u| unsaved = std::mem::take(u));
        #[cfg(feature = "hydrate")]
        let mut all: Vec<Pending> = {
            let mut kept: Vec<Pending> = store::load(OUTBOX_KEY);
            kept.extend(unsaved);
            kept
        };
        // Without a browser, `pending` already holds the unsaved entries.
        #[cfg(not(feature = "hydrate"))]
        let mut all: Vec<Pending> = {
            drop(unsaved);
            self.pending.get_untracked()
        };
        edit(&mut all);
        store::save(OUTBOX_KEY, &all);
        if self.pending.with_untracked(|shown| shown != &all) {
            self.pending.set(all);
        }
    }

    /// Removes a refused entry the accompanist has read.
    pub fn dismiss(&self, id: &EntryId) {
        self.change(|p| p.retain(|x| x.entry.id() != id || x.refused.is_none()));
    }

    /// Changes the registers as the device stores them, then shows them
    /// (the storage is read first, as in `change`).
    fn change_sheets(&self, edit: impl FnOnce(&mut BTreeMap<SessionId, RegisterSheet>)) {
        #[cfg(feature = "hydrate")]
        let mut all: BTreeMap<SessionId, RegisterSheet> = store::load(SHEETS_KEY);
        #[cfg(not(feature = "hydrate"))]
        let mut all = self.sheets.get_untracked();
        edit(&mut all);
        store::save(SHEETS_KEY, &all);
        self.sheets.set(all);
    }

    /// Keeps a register on the device (its latest known state).
    pub fn keep_sheet(&self, mut sheet: RegisterSheet) {
        let state = sheet.state.clone();
        self.change_sheets(|s| {
            // The device's first register: from now on it keeps data.
            #[cfg(feature = "hydrate")]
            if s.is_empty() {
                ask_persistent_storage();
            }
            if let Some(kept) = s.get(&sheet.session) {
                if kept.state.as_of > sheet.state.as_of {
                    sheet.state = kept.state.clone();
                }
            }
            s.insert(sheet.session.clone(), sheet);
        });
        self.retry_open(&[state]);
    }

    /// Sends again what a closed register refused, once it is open.
    /// Why after the paint, and only when some wait: a register's page
    /// keeps its sheet while it hydrates, and changing the outbox then would
    /// change what is being hydrated.
    fn retry_open(&self, states: &[RegisterState]) {
        let open: Vec<SessionId> = states
            .iter()
            .filter(|s| s.closed_at.is_none())
            .map(|s| s.session.clone())
            .collect();
        if open.is_empty() {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            let outbox = *self;
            request_animation_frame(move || {
                set_timeout(move || outbox.retry_in(&open), std::time::Duration::ZERO)
            });
        }
        #[cfg(not(feature = "hydrate"))]
        self.retry_in(&open);
    }

    fn retry_in(&self, open: &[SessionId]) {
        let waiting = |p: &[Pending]| {
            p.iter()
                .any(|x| x.refused == Some(Refusal::Closed) && open.contains(x.entry.session()))
        };
        #[cfg(feature = "hydrate")]
        let kept: Vec<Pending> = store::load(OUTBOX_KEY);
        #[cfg(not(feature = "hydrate"))]
        let kept = self.pending.get_untracked();
        if !waiting(&kept) {
            return;
        }
        self.change(|p| {
            retry_reopened(p, open);
        });
        self.when_painted(|outbox| outbox.flush());
    }

    /// The register the device kept for `session`, if any.
    pub fn kept_sheet(&self, session: &SessionId) -> Option<RegisterSheet> {
        let mut kept: BTreeMap<SessionId, RegisterSheet> = store::load(SHEETS_KEY);
        kept.remove(session)
            .or_else(|| self.sheets.with_untracked(|s| s.get(session).cloned()))
    }

    /// Updates the kept registers with what the server now holds.
    #[cfg(feature = "hydrate")]
    fn keep_states(&self, states: Vec<RegisterState>) {
        self.change_sheets(|sheets| {
            for state in &states {
                if let Some(sheet) = sheets.get_mut(&state.session) {
                    if state.as_of >= sheet.state.as_of {
                        sheet.state = state.clone();
                    }
                }
            }
        });
        self.retry_open(&states);
    }

    /// How many entries wait, and the oldest one's time.
    pub fn waiting(&self) -> (usize, Option<DateTime<Utc>>) {
        self.pending.with(|p| {
            (
                p.iter().filter(|x| x.refused.is_none()).count(),
                p.iter().map(|x| x.entry.made_at()).min(),
            )
        })
    }

    /// Ties what the device keeps to the person signed in (`None`: nobody).
    /// When that is someone else than who kept it (another person signed
    /// in on the same tablet, or the session ended by any path: sign-out
    /// without JavaScript, expiry, a closed browser), the registers and the
    /// pages kept for offline use go, and the entries not yet sent wait
    /// aside for the one who made them, sent when they sign in again.
    pub fn claim(&self, user: Option<&crate::domain::ids::UserId>) {
        // Why raw text: reading the entries would bring their types' code
        // into every page's WASM file; here they are only moved.
        let owner = store::raw(OWNER_KEY).unwrap_or_default();
        let me = user.map(|u| u.0.clone()).unwrap_or_default();
        if owner == me {
            return;
        }
        // The last taps go aside with the others of the one who made them.
        if let Some(save) = self.saver.get_value() {
            save(self);
        }
        store::erase(SHEETS_KEY);
        self.sheets.set(BTreeMap::new());
        #[cfg(feature = "hydrate")]
        erase_page_cache();
        if !owner.is_empty() {
            if store::holds(OUTBOX_KEY) {
                if let Some(theirs) = store::raw(OUTBOX_KEY) {
                    store::set_raw(&parked_key(&owner), &theirs);
                }
            }
            store::erase(OUTBOX_KEY);
            self.pending.set(Vec::new());
        }
        if me.is_empty() {
            store::erase(OWNER_KEY);
            return;
        }
        store::set_raw(OWNER_KEY, &me);
        if let Some(mine) = store::raw(&parked_key(&me)) {
            // Back in the outbox (which the other person's session left
            // empty), sent by the lazy `wake`: the code that reads and
            // sends entries stays out of the shell's WASM file.
            store::set_raw(OUTBOX_KEY, &mine);
            store::erase(&parked_key(&me));
            self.loaded.set_value(false);
            #[cfg(feature = "hydrate")]
            {
                let outbox = *self;
                leptos::task::spawn_local(async move {
                    let _ = wake(outbox).await;
                });
            }
        }
    }

    /// Erases everything this device keeps (at logout).
    pub fn erase(&self) {
        for key in [OUTBOX_KEY, SHEETS_KEY, OWNER_KEY] {
            store::erase(key);
        }
        self.unsaved.update_value(Vec::clear);
        self.pending.set(Vec::new());
        self.sheets.set(BTreeMap::new());
        self.loaded.set_value(true);
        #[cfg(feature = "hydrate")]
        erase_page_cache();
    }

    /// Sends what waits, batch after batch, unless a send is under way.
    pub fn flush(&self) {
        #[cfg(feature = "hydrate")]
        {
            if self.busy.get_value() || next_batch(&self.pending.get_untracked()).is_empty() {
                return;
            }
            self.busy.set_value(true);
            let outbox = *self;
            leptos::task::spawn_local(async move {
                outbox.send_all().await;
                outbox.busy.set_value(false);
            });
        }
    }

    #[cfg(feature = "hydrate")]
    async fn send_all(&self) {
        loop {
            let batch = next_batch(&self.pending.get_untracked());
            if batch.is_empty() {
                self.status.set(SyncStatus::Idle);
                return;
            }
            self.status.set(SyncStatus::Sending);
            match crate::attendance::api::sync_register(batch, Some(device_now())).await {
                Ok(report) => {
                    self.change(|p| settle(p, &report.outcomes));
                    self.keep_states(report.states);
                    self.attempt.set_value(0);
                }
                Err(AppError::Unauthenticated) => {
                    self.status.set(SyncStatus::SignedOut);
                    return;
                }
                Err(_) => {
                    self.retry_later();
                    return;
                }
            }
        }
    }

    /// Plans the next attempt with back-off.
    #[cfg(feature = "hydrate")]
    fn retry_later(&self) {
        let attempt = self.attempt.get_value() + 1;
        self.attempt.set_value(attempt);
        let wait = back_off_seconds(attempt);
        self.status.set(SyncStatus::Retrying { in_seconds: wait });
        let ticket = self.timer.get_value() + 1;
        self.timer.set_value(ticket);
        let outbox = *self;
        set_timeout(
            move || {
                if outbox.timer.get_value() == ticket {
                    outbox.flush();
                }
            },
            std::time::Duration::from_secs(wait as u64),
        );
    }
}

/// Drops the pages the service worker kept (at logout).
#[cfg(feature = "hydrate")]
fn erase_page_cache() {
    if let Some(window) = web_sys::window() {
        if let Ok(caches) = window.caches() {
            let _ = caches.delete("passerelle-pages");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::Closing;

    fn closing(id: &str) -> Pending {
        Pending {
            entry: Entry::Close(Closing {
                id: EntryId::new(id),
                session: SessionId::new("s"),
                device: DeviceId::new("d"),
                made_at: DateTime::<Utc>::default(),
            }),
            refused: None,
        }
    }

    #[test]
    fn delivered_entries_leave_refused_ones_stay() {
        let mut pending = vec![closing("a"), closing("b"), closing("c")];
        settle(
            &mut pending,
            &[
                (EntryId::new("a"), Outcome::Applied),
                (EntryId::new("b"), Outcome::Refused(Refusal::Closed)),
                (EntryId::new("c"), Outcome::Duplicate),
            ],
        );
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].refused, Some(Refusal::Closed));
        assert!(next_batch(&pending).is_empty());
    }

    #[test]
    fn entries_a_closed_register_refused_go_again_once_it_is_open() {
        let mut pending = vec![closing("a"), closing("b")];
        pending[0].refused = Some(Refusal::Closed);
        pending[1].refused = Some(Refusal::Forbidden);
        assert!(!retry_reopened(&mut pending, &[SessionId::new("other")]));
        assert!(retry_reopened(&mut pending, &[SessionId::new("s")]));
        assert_eq!(pending[0].refused, None);
        // Other refusals stay until the accompanist reads them.
        assert_eq!(pending[1].refused, Some(Refusal::Forbidden));
        assert_eq!(next_batch(&pending).len(), 1);
    }

    #[test]
    fn retries_back_off_to_a_minute() {
        let waits: Vec<u32> = (1..=8).map(back_off_seconds).collect();
        assert_eq!(waits, vec![2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
