//! The register of one session on a tablet: one tap per child, the
//! exceptions, departures, notes and closing. What is shown is the server's
//! last known state with this device's waiting entries on top, combined by
//! the same rule the server applies (`domain::register::winner`).

use crate::attendance::api::{load_register, reopen_register};
use crate::attendance::outbox::{device_id_string, device_now, use_outbox, Outbox, Pending};
use crate::attendance::types::*;
use crate::components::{ErrorNotice, Loading};
use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, AttendanceStatus, SessionStatus};
use crate::domain::register::*;
use crate::format;
use crate::i18n::{activity_label, Locale};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

/// A child's row as shown: the winning mark, and whether this device still
/// has entries for the child that the server has not confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowState {
    pub mark: Option<Mark>,
    pub waiting: bool,
    pub refused: Option<(EntryId, Refusal)>,
}

/// Combines the server's marks with this device's waiting entries.
pub fn rows(
    base: &[Mark],
    pending: &[Pending],
    session: &SessionId,
) -> BTreeMap<ChildId, RowState> {
    let mut out: BTreeMap<ChildId, RowState> = BTreeMap::new();
    for m in base {
        out.entry(m.child.clone()).or_insert(RowState {
            mark: Some(m.clone()),
            waiting: false,
            refused: None,
        });
    }
    for p in pending {
        let Entry::Mark(m) = &p.entry else { continue };
        if &m.session != session {
            continue;
        }
        let row = out.entry(m.child.clone()).or_insert(RowState {
            mark: None,
            waiting: false,
            refused: None,
        });
        match &p.refused {
            Some(why) => row.refused = Some((m.id.clone(), why.clone())),
            None => {
                row.waiting = true;
                if row.mark.as_ref().is_none_or(|b| m.wins_over(b)) {
                    row.mark = Some(m.clone());
                }
            }
        }
    }
    out
}

/// The `data-status` of a row: its mark, or `excused` when the family said
/// in advance, or `unmarked`.
pub fn status_code(row: Option<&RowState>, notice: bool) -> &'static str {
    match row.and_then(|r| r.mark.as_ref()) {
        Some(m) => m.status.as_str(),
        None if notice => "excused",
        None => "unmarked",
    }
}

fn status_label(status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Present => "Présent",
        AttendanceStatus::Late => "En retard",
        AttendanceStatus::Absent => "Absent",
        AttendanceStatus::Excused => "Absence excusée",
    }
}

fn refusal_message(why: &Refusal) -> &'static str {
    match why {
        Refusal::Forbidden => "vous ne faites pas l'appel de ce groupe",
        Refusal::UnknownSession => "cette séance n'existe plus",
        Refusal::NotExpected => "cet enfant n'est pas attendu à cette séance",
        Refusal::NotOpen => "la séance est annulée ou pas encore publiée",
        Refusal::Closed => {
            "la séance était déjà clôturée ; demandez à la coordination de la rouvrir"
        }
        Refusal::TooEarly => "la séance n'a pas encore eu lieu",
        Refusal::Invalid { problem } => match problem {
            MarkProblem::ArrivalMissing => "l'heure d'arrivée manque",
            MarkProblem::ArrivalNotLate => "une heure d'arrivée seulement pour un retard",
            MarkProblem::DepartureWithoutPresence => "un enfant absent ne peut pas partir",
            MarkProblem::DepartureBeforeArrival => "le départ est avant l'arrivée",
            MarkProblem::PickUpNotAuthorised => "cette personne n'est pas autorisée par la famille",
            MarkProblem::AloneNotAllowed => {
                "les parents n'ont pas autorisé l'enfant à rentrer seul"
            }
        },
    }
}

/// The device's local date and time of day (the session's own time zone in
/// practice: the tablet is in the room).
fn device_local() -> (NaiveDate, NaiveTime) {
    local(device_now())
}

/// An instant as the device's local date and time (Paris on the server).
fn local(at: DateTime<Utc>) -> (NaiveDate, NaiveTime) {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        let date =
            NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
                .unwrap_or_default();
        let time = NaiveTime::from_hms_opt(d.get_hours(), d.get_minutes(), 0).unwrap_or_default();
        (date, time)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use chrono::Timelike;
        #[cfg(feature = "ssr")]
        let at = crate::domain::local_time::local(at);
        #[cfg(not(feature = "ssr"))]
        let at = at.naive_utc();
        (
            at.date(),
            NaiveTime::from_hms_opt(at.hour(), at.minute(), 0).unwrap_or_default(),
        )
    }
}

fn parse_hhmm(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value, "%H:%M").ok()
}

/// The register page: the server's register, or the one kept on the
/// device when the network is gone.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(id, load_register);
    let outbox = use_outbox();
    view! {
        <main id="contenu" class="page page-register">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let answer = data.await;
                    let session = SessionId::new(id());
                    match answer {
                        Ok(view) => {
                            outbox.keep_sheet(view.sheet.clone());
                            view! { <Register view /> }.into_any()
                        }
                        Err(error) => {
                            let kept = outbox.kept_sheet(&session);
                            match kept {
                                Some(
                                    sheet,
                                ) if matches!(
                                    error,
                                    crate::error::AppError::Network
                                    | crate::error::AppError::Internal
                                ) => {
                                    let view = RegisterView {
                                        sheet,
                                        rendered_on: device_local().0,
                                        coordinator: false,
                                        disagreements: Vec::new(),
                                        corrections: 0,
                                    };
                                    view! { <Register view /> }.into_any()
                                }
                                _ => {
                                    view! {
                                        <h1>"Appel"</h1>
                                        <ErrorNotice error />
                                    }
                                        .into_any()
                                }
                            }
                        }
                    }
                })}
            </Suspense>
        </main>
    }
}

/// « 12 enfants sans marque, dont 1 absence signalée par la famille. »
pub fn unmarked_text(unmarked: usize, notices: usize) -> String {
    let main = match unmarked {
        0 => return "Tous les enfants ont une marque.".to_string(),
        1 => "1 enfant sans marque".to_string(),
        n => format!("{n} enfants sans marque"),
    };
    match notices {
        0 => format!("{main}."),
        1 => format!("{main}, dont 1 absence signalée par la famille."),
        n => format!("{main}, dont {n} absences signalées par la famille."),
    }
}

/// The register itself.
#[component]
fn Register(view: RegisterView) -> impl IntoView {
    let outbox = use_outbox();
    let RegisterView {
        sheet,
        rendered_on,
        coordinator,
        disagreements,
        corrections,
    } = view;
    // The needs notes: asked by the browser, online, once the register is
    // on screen (never in the page's HTML, which the tablet keeps).
    // An effect (which runs in the browser only), not a resource: nothing
    // of it is rendered or waited for on the server.
    let needs = RwSignal::new(Vec::<(ChildId, String)>::new());
    Effect::new({
        let session = sheet.session.to_string();
        move |_| {
            let session = session.clone();
            leptos::task::spawn_local(async move {
                if let Ok(notes) = crate::attendance::api::load_needs(session).await {
                    needs.set(notes);
                }
            });
        }
    });
    let note_of = move |child: &ChildId| {
        needs.with(|n| n.iter().find(|(id, _)| id == child).map(|(_, n)| n.clone()))
    };
    let session = sheet.session.clone();
    let state = RwSignal::new(sheet.state.clone());
    // The server's state may be newer on the device (kept after a sync).
    Effect::new({
        let session = session.clone();
        move |_| {
            if let Some(kept) = outbox
                .sheets
                .with(|s| s.get(&session).map(|k| k.state.clone()))
            {
                if kept.as_of > state.with_untracked(|s| s.as_of) {
                    state.set(kept);
                }
            }
        }
    });
    let shown = Memo::new({
        let session = session.clone();
        move |_| state.with(|s| outbox.pending.with(|p| rows(&s.marks, p, &session)))
    });
    let closing_waits = Memo::new({
        let session = session.clone();
        move |_| {
            outbox.pending.with(|p| {
                p.iter().any(|x| {
                    matches!(&x.entry, Entry::Close(c) if c.session == session)
                        && x.refused.is_none()
                })
            })
        }
    });
    let closed = move || state.with(|s| s.closed_at.is_some()) || closing_waits.get();
    // Before the session's day, the register does not open. First as the
    // server judged (its HTML, which the page hydrates), then by the
    // device's clock (the tablet may be offline).
    let too_early = RwSignal::new(sheet.date > rendered_on);
    Effect::new({
        let date = sheet.date;
        move |_| too_early.set(date > device_local().0)
    });
    let open = sheet.status == SessionStatus::Planned || sheet.status == SessionStatus::Held;
    let children = sheet.children.clone();
    // Each tap changes the outbox, so everything computed from it runs
    // again. These signals are set only when their value changes: a tap
    // wakes its own row, not the fifteen effects of every row, each to find
    // nothing changed (`end2end/scripts/tap-latency.mjs` measures the tap).
    let editable = settled(move || open && !too_early.get() && !closed());
    let row_states = row_signals(&children, shown);
    let editable = move || editable.get();
    let ctx = Ctx {
        outbox,
        session: session.clone(),
        shown,
        said: RwSignal::new(String::new()),
    };

    let all_present = {
        let (children, ctx) = (children.clone(), ctx.clone());
        move |_| {
            let now = shown.get_untracked();
            let marks = children
                .iter()
                .filter(|c| now.get(&c.id).and_then(|r| r.mark.as_ref()).is_none())
                .map(|c| {
                    let status = if c.notice {
                        AttendanceStatus::Excused
                    } else {
                        AttendanceStatus::Present
                    };
                    ctx.new_mark(&c.id, status, None, None)
                })
                .collect();
            ctx.outbox.record_all(marks);
        }
    };
    // The counts show after the tap's frame: the row first.
    let unmarked = settled_after_paint({
        let children = children.clone();
        move || {
            shown.with(|s| {
                children
                    .iter()
                    .filter(|c| s.get(&c.id).and_then(|r| r.mark.as_ref()).is_none())
                    .count()
            })
        }
    });
    // Children the family excused in advance and nobody has marked yet.
    let notices = settled_after_paint({
        let children = children.clone();
        move || {
            shown.with(|s| {
                children
                    .iter()
                    .filter(|c| c.notice && s.get(&c.id).and_then(|r| r.mark.as_ref()).is_none())
                    .count()
            })
        }
    });
    let title = format!(
        "{} · {}",
        sheet.group_name,
        format::time_range(sheet.start, sheet.end)
    );
    let subtitle = format!("{}, {}", format::full_date(sheet.date), sheet.venue_name);
    let cancelled = sheet.status == SessionStatus::Cancelled;
    let cancel_reason = sheet.cancel_reason.clone().unwrap_or_default();
    let reopen_error = RwSignal::new(None::<String>);
    let reopen = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            leptos::task::spawn_local(async move {
                match reopen_register(session.0.clone()).await {
                    Ok(new_state) => {
                        reopen_error.set(None);
                        state.set(new_state);
                    }
                    Err(e) => reopen_error.set(Some(crate::i18n::error_message(&e, Locale::Fr))),
                }
            });
        }
    };

    view! {
        <h1>{title}</h1>
        <p class="lead">{subtitle}</p>
        <SyncBar />
        {cancelled
            .then(|| {
                view! {
                    <p class="notice notice-error">
                        {format!("Séance annulée : {cancel_reason}")}
                    </p>
                }
            })}
        {move || {
            too_early
                .get()
                .then(|| {
                    view! {
                        <p class="notice notice-info">"L'appel s'ouvre le jour de la séance."</p>
                    }
                })
        }}
        {move || {
            state
                .with(|s| s.closed_at)
                .map(|at| {
                    view! {
                        <div class="notice notice-info register-closed" data-closed="true">
                            <p>
                                {{
                                    let (d, t) = local(at);
                                    format!(
                                        "Séance clôturée le {} à {}.",
                                        format::day_month(d),
                                        format::time(t),
                                    )
                                }}
                            </p>
                            {coordinator
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="button"
                                            on:click=reopen.clone()
                                        >
                                            "Rouvrir la séance"
                                        </button>
                                    }
                                })}
                            {move || {
                                reopen_error
                                    .get()
                                    .map(|m| {
                                        view! {
                                            <p class="field-error" role="alert">
                                                {m}
                                            </p>
                                        }
                                    })
                            }}
                        </div>
                    }
                })
        }}
        {(corrections > 0)
            .then(|| {
                view! {
                    <p class="muted">
                        {format!(
                            "{corrections} correction(s) après clôture, inscrite(s) au journal.",
                        )}
                    </p>
                }
            })}
        {(!disagreements.is_empty())
            .then(|| view! { <Disagreements list=disagreements.clone() /> })}
        <div class="register-toolbar">
            <button
                type="button"
                class="button button-primary"
                on:click=all_present
                disabled=move || !editable()
            >
                "Tous présents"
            </button>
            <span class="muted" aria-live="polite">
                {move || unmarked_text(unmarked.get(), notices.get())}
            </span>
            <span class="visually-hidden" role="status">
                {ctx.said}
            </span>
        </div>
        <ul class="register" aria-label="Enfants attendus">
            {children
                .into_iter()
                .zip(row_states)
                .map(|(c, row)| {
                    let id = c.id.clone();
                    view! {
                        <ChildRow
                            child=c
                            row
                            needs=Signal::derive(move || note_of(&id))
                            ctx=ctx.clone()
                            editable=Signal::derive(editable)
                        />
                    }
                })
                .collect_view()}
        </ul>
        <Notes sheet=sheet.clone() state ctx=ctx.clone() editable=Signal::derive(editable) />
        <CloseBox ctx unmarked editable=Signal::derive(editable) />
    }
}

/// Each child's row state, in a signal of its own set only when that row
/// changes. One effect compares them all after a tap, without copying a row
/// that did not change (an effect per row cost a task each).
fn row_signals(
    children: &[RegisterChild],
    shown: Memo<BTreeMap<ChildId, RowState>>,
) -> Vec<Signal<Option<RowState>>> {
    let rows: Vec<(ChildId, RwSignal<Option<RowState>>)> = shown.with_untracked(|s| {
        children
            .iter()
            .map(|c| (c.id.clone(), RwSignal::new(s.get(&c.id).cloned())))
            .collect()
    });
    let signals = rows.iter().map(|(_, row)| (*row).into()).collect();
    Effect::new(move |_| {
        shown.with(|s| {
            for (id, row) in &rows {
                let now = s.get(id);
                if row.with_untracked(|r| r.as_ref() != now) {
                    row.set(now.cloned());
                }
            }
        })
    });
    signals
}

/// A signal that follows `compute` but is set only when its value changes,
/// so that what reads it is not woken for nothing. Its first value is
/// computed at once (the same on the server and while hydrating).
fn settled<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let value = RwSignal::new(compute());
    Effect::new(move |_| {
        let now = compute();
        if value.with_untracked(|v| v != &now) {
            value.set(now);
        }
    });
    value.into()
}

/// Like `settled`, but a new value shows once the tap's frame is painted
/// (`paint::after_paint`): what only counts or reports (the counts, the
/// sync bar, a row's words) never holds the tapped row back. Several
/// changes before that moment show as one, the newest.
fn settled_after_paint<T>(compute: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let first = compute();
    let value = RwSignal::new(first.clone());
    let newest = std::sync::Arc::new(std::sync::Mutex::new(first));
    let newest_of = |n: &std::sync::Mutex<T>| n.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Effect::new(move |_| {
        let now = compute();
        {
            let mut kept = newest.lock().unwrap_or_else(|e| e.into_inner());
            if *kept == now {
                return;
            }
            *kept = now;
        }
        let newest = newest.clone();
        crate::paint::after_paint(move || {
            let now = newest_of(&newest);
            if value.try_with_untracked(|v| v != &now) == Some(true) {
                value.try_set(now);
            }
        });
    });
    value.into()
}

/// What a row needs to record a mark.
#[derive(Clone)]
struct Ctx {
    outbox: Outbox,
    session: SessionId,
    shown: Memo<BTreeMap<ChildId, RowState>>,
    /// The last mark in words, for screen readers (a live region): the
    /// row's colour and pressed button say it to the eye.
    said: RwSignal<String>,
}

impl Ctx {
    fn mark(
        &self,
        child: &ChildId,
        status: AttendanceStatus,
        arrived_at: Option<NaiveTime>,
        departure: Option<Departure>,
    ) {
        self.outbox
            .record(self.new_mark(child, status, arrived_at, departure));
    }

    /// A new mark of `child`, made now on this device over what it shows.
    fn new_mark(
        &self,
        child: &ChildId,
        status: AttendanceStatus,
        arrived_at: Option<NaiveTime>,
        departure: Option<Departure>,
    ) -> Entry {
        let base = self.shown.with_untracked(|s| {
            s.get(child)
                .and_then(|r| r.mark.as_ref())
                .map(|m| m.id.clone())
        });
        Entry::Mark(Mark {
            id: EntryId(device_id_string()),
            session: self.session.clone(),
            child: child.clone(),
            status,
            arrived_at,
            departure,
            device: self.outbox.device(),
            made_at: device_now(),
            base,
        })
    }
}

/// One child's row: one tap for present, the exceptions beside it.
#[component]
fn ChildRow(
    child: RegisterChild,
    /// What the row shows (`settled`: set only when it changes).
    row: Signal<Option<RowState>>,
    /// The note about the child's needs (online only).
    needs: Signal<Option<String>>,
    ctx: Ctx,
    editable: Signal<bool>,
) -> impl IntoView {
    let id = child.id.clone();
    let notice = child.notice;
    let status = move || row.with(|r| status_code(r.as_ref(), notice));
    let current = move || row.with(|r| r.as_ref().and_then(|r| r.mark.clone()));
    let leaving = RwSignal::new(false);
    let name = child.name.clone();

    let tap = {
        let (ctx, id, name) = (ctx.clone(), id.clone(), name.clone());
        move |status: AttendanceStatus| {
            let (_, now) = device_local();
            let arrived = (status == AttendanceStatus::Late).then_some(now);
            ctx.mark(&id, status, arrived, None);
            // Read out after the tap's frame: the row first.
            let said = ctx.said;
            let text = format!("{name} : {}", status_label(status));
            crate::paint::after_paint(move || {
                said.try_set(text);
            });
            if leaving.get_untracked() {
                leaving.set(false);
            }
        }
    };
    // The row's words show after the tap's frame: its colour and pressed
    // button change at once, without laying the page out again.
    let state_text = settled_after_paint(move || {
        let mut text = match current() {
            Some(m) => {
                let mut t = status_label(m.status).to_string();
                if let Some(a) = m.arrived_at {
                    t.push_str(&format!(", arrivé à {}", format::time(a)));
                }
                if let Some(d) = &m.departure {
                    t.push_str(&format!(", parti à {}", format::time(d.at)));
                }
                t
            }
            None if notice => "Absence signalée par la famille".to_string(),
            None => "Pas encore marqué".to_string(),
        };
        if row.with(|r| r.as_ref().is_some_and(|r| r.waiting)) {
            text.push_str(" · en attente d'envoi");
        }
        text
    });
    let departure_text = {
        let choices = child.pick_ups.clone();
        move || {
            current().and_then(|m| m.departure).map(|d| match &d.by {
                PickUp::Alone => "Rentré seul".to_string(),
                by => choices
                    .iter()
                    .find(|c| &c.by == by)
                    .map(|c| format!("Avec {}", c.label))
                    .unwrap_or_else(|| "Avec une personne retirée de la liste".to_string()),
            })
        }
    };
    let came = move || current().is_some_and(|m| m.status.came());
    let tap_present = tap.clone();
    let tap_late = tap.clone();
    let tap_absent = tap.clone();
    let tap_excused = tap;
    let change_arrival = {
        let (ctx, id) = (ctx.clone(), id.clone());
        move |ev: leptos::ev::Event| {
            if let (Some(t), Some(m)) = (parse_hhmm(&event_target_value(&ev)), current()) {
                ctx.mark(&id, AttendanceStatus::Late, Some(t), m.departure);
            }
        }
    };
    let dismiss = {
        let outbox = ctx.outbox;
        move |entry: EntryId| outbox.dismiss(&entry)
    };
    // Whether the row waits to be sent: a report, shown after the frame.
    let sync = settled_after_paint(move || {
        row.with(|r| match r {
            Some(r) if r.waiting => "pending",
            Some(r) if r.refused.is_some() => "refused",
            _ => "done",
        })
    });
    view! {
        <li
            class="register-row"
            data-child-id=id.0.clone()
            data-status=status
            data-sync=move || sync.get()
        >
            <button
                type="button"
                class="register-present"
                aria-pressed=move || (status() == "present").to_string()
                disabled=move || !editable.get()
                on:click=move |_| tap_present(AttendanceStatus::Present)
            >
                <span class="register-name">{name.clone()}</span>
                <span class="register-state">{move || state_text.get()}</span>
                // The name a screen reader reads starts with what is
                // shown (WCAG 2.5.3), then says what the tap does.
                <span class="visually-hidden">", marquer présent"</span>
            </button>
            <div
                class="register-choices"
                role="group"
                aria-label=format!("Autre marque pour {name}")
            >
                <button
                    type="button"
                    class="mark-choice"
                    aria-pressed=move || (status() == "late").to_string()
                    disabled=move || !editable.get()
                    on:click=move |_| tap_late(AttendanceStatus::Late)
                >
                    "Retard"
                </button>
                <button
                    type="button"
                    class="mark-choice"
                    aria-pressed=move || (status() == "absent").to_string()
                    disabled=move || !editable.get()
                    on:click=move |_| tap_absent(AttendanceStatus::Absent)
                >
                    "Absent"
                </button>
                <button
                    type="button"
                    class="mark-choice"
                    aria-pressed=move || (status() == "excused").to_string()
                    disabled=move || !editable.get()
                    on:click=move |_| tap_excused(AttendanceStatus::Excused)
                >
                    "Excusé"
                </button>
                <button
                    type="button"
                    class="mark-choice"
                    aria-expanded=move || leaving.get().to_string()
                    disabled=move || !editable.get() || !came()
                    on:click=move |_| leaving.update(|l| *l = !*l)
                >
                    "Départ…"
                </button>
            </div>
            {move || {
                needs
                    .get()
                    .map(|needs| {
                        view! {
                            <details class="register-needs">
                                <summary>"Besoins"</summary>
                                <p>{needs}</p>
                            </details>
                        }
                    })
            }}
            {move || {
                current()
                    .and_then(|m| m.arrived_at)
                    .map(|a| {
                        view! {
                            <label class="register-time">
                                "Arrivée "
                                <input
                                    type="time"
                                    value=a.format("%H:%M").to_string()
                                    disabled=move || !editable.get()
                                    on:change=change_arrival.clone()
                                />
                            </label>
                        }
                    })
            }}
            {move || departure_text().map(|t| view! { <p class="register-departure">{t}</p> })}
            {move || {
                (leaving.get() && editable.get())
                    .then(|| {
                        view! {
                            <Departure
                                child=child.clone()
                                ctx=ctx.clone()
                                current=Signal::derive(current)
                                done=move || leaving.set(false)
                            />
                        }
                    })
            }}
            {move || {
                row.with(|r| r.as_ref().and_then(|r| r.refused.clone()))
                    .map(|(entry, why)| {
                        view! {
                            <p class="register-refused" role="alert">
                                {format!("Marque refusée : {}.", refusal_message(&why))}
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| dismiss(entry.clone())
                                >
                                    "Retirer"
                                </button>
                            </p>
                        }
                    })
            }}
        </li>
    }
}

/// Choosing who takes the child home, and when.
#[component]
fn Departure(
    child: RegisterChild,
    ctx: Ctx,
    current: Signal<Option<Mark>>,
    done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let (_, now) = device_local();
    let at = RwSignal::new(now.format("%H:%M").to_string());
    let mut choices = child.pick_ups.clone();
    if child.may_leave_alone {
        choices.push(PickUpChoice {
            by: PickUp::Alone,
            label: "Rentre seul (autorisé par les parents)".to_string(),
        });
    }
    let empty = choices.is_empty();
    view! {
        <div class="register-departure-panel">
            <label>
                "Heure de départ "
                <input
                    type="time"
                    prop:value=move || at.get()
                    on:input=move |ev| at.set(event_target_value(&ev))
                />
            </label>
            <p class="muted">"Qui raccompagne l'enfant ?"</p>
            {empty
                .then(|| {
                    view! {
                        <p class="notice notice-error">
                            "Aucun adulte autorisé n'est enregistré : appelez la coordination."
                        </p>
                    }
                })}
            <div class="register-pickups">
                {choices
                    .into_iter()
                    .map(|c| {
                        let (ctx, id, done) = (ctx.clone(), child.id.clone(), done.clone());
                        let by = c.by.clone();
                        view! {
                            <button
                                type="button"
                                class="mark-choice mark-choice-wide"
                                on:click=move |_| {
                                    let Some(m) = current.get_untracked() else { return };
                                    let Some(time) = parse_hhmm(&at.get_untracked()) else {
                                        return
                                    };
                                    ctx.mark(
                                        &id,
                                        m.status,
                                        m.arrived_at,
                                        Some(Departure {
                                            at: time,
                                            by: by.clone(),
                                        }),
                                    );
                                    done();
                                }
                            >
                                {c.label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// The notes: activities done and the parents who came.
#[component]
fn Notes(
    sheet: RegisterSheet,
    state: RwSignal<RegisterState>,
    ctx: Ctx,
    editable: Signal<bool>,
) -> impl IntoView {
    let session = sheet.session.clone();
    // The notes as shown: this device's latest waiting notes, else the server's.
    let notes = settled({
        let session = session.clone();
        move || {
            let waiting = ctx.outbox.pending.with(|p| {
                p.iter().rev().find_map(|x| match &x.entry {
                    Entry::Notes(n) if n.session == session && x.refused.is_none() => {
                        Some((n.activities.clone(), n.parents.clone()))
                    }
                    _ => None,
                })
            });
            waiting.unwrap_or_else(|| {
                state.with(|s| (s.notes.activities.clone(), s.notes.parents.clone()))
            })
        }
    });
    let record = {
        let (ctx, session) = (ctx.clone(), session.clone());
        move |activities: Vec<ActivityCategory>, parents: Vec<GuardianId>| {
            ctx.outbox.record(Entry::Notes(SessionNotes {
                id: EntryId(device_id_string()),
                session: session.clone(),
                activities,
                parents,
                device: ctx.outbox.device(),
                made_at: device_now(),
            }));
        }
    };
    let planned = sheet.planned.clone();
    view! {
        <section class="register-notes" aria-labelledby="notes-title">
            <h2 id="notes-title">"Notes de séance"</h2>
            <fieldset class="toggles">
                <legend>"Activités faites"</legend>
                {ActivityCategory::ALL
                    .iter()
                    .copied()
                    .map(|a| {
                        let record = record.clone();
                        let label = if planned.contains(&a) {
                            format!("{} (prévu)", activity_label(a, Locale::Fr))
                        } else {
                            activity_label(a, Locale::Fr).to_string()
                        };
                        view! {
                            <button
                                type="button"
                                class="toggle"
                                data-activity=a.as_str()
                                aria-pressed=move || {
                                    notes.with(|(acts, _)| acts.contains(&a)).to_string()
                                }
                                disabled=move || !editable.get()
                                on:click=move |_| {
                                    let (mut acts, parents) = notes.get_untracked();
                                    if let Some(i) = acts.iter().position(|x| *x == a) {
                                        acts.remove(i);
                                    } else {
                                        acts.push(a);
                                    }
                                    record(acts, parents);
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="toggles">
                <legend>"Parents venus"</legend>
                {sheet
                    .parents
                    .is_empty()
                    .then(|| {
                        view! { <p class="muted">"Aucun parent enregistré pour ce groupe."</p> }
                    })}
                {sheet
                    .parents
                    .iter()
                    .cloned()
                    .map(|p| {
                        let record = record.clone();
                        let id = p.id.clone();
                        let id2 = p.id.clone();
                        view! {
                            <button
                                type="button"
                                class="toggle"
                                data-guardian-id=p.id.0.clone()
                                aria-pressed=move || {
                                    notes.with(|(_, ps)| ps.contains(&id)).to_string()
                                }
                                disabled=move || !editable.get()
                                on:click=move |_| {
                                    let (acts, mut parents) = notes.get_untracked();
                                    if let Some(i) = parents.iter().position(|x| *x == id2) {
                                        parents.remove(i);
                                    } else {
                                        parents.push(id2.clone());
                                    }
                                    record(acts, parents);
                                }
                            >
                                {p.label}
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </section>
    }
}

/// Closing the register, with a word when children have no mark.
#[component]
fn CloseBox(ctx: Ctx, unmarked: Signal<usize>, editable: Signal<bool>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let close = {
        let ctx = ctx.clone();
        move || {
            ctx.outbox.record(Entry::Close(Closing {
                id: EntryId(device_id_string()),
                session: ctx.session.clone(),
                device: ctx.outbox.device(),
                made_at: device_now(),
            }));
            asking.set(false);
        }
    };
    let close2 = close.clone();
    view! {
        <section class="register-close">
            {move || {
                (editable.get() && !asking.get())
                    .then(|| {
                        let close = close.clone();
                        view! {
                            <button
                                type="button"
                                class="button button-primary"
                                on:click=move |_| {
                                    if unmarked.get_untracked() > 0 {
                                        asking.set(true)
                                    } else {
                                        close()
                                    }
                                }
                            >
                                "Clôturer la séance"
                            </button>
                        }
                    })
            }}
            {move || {
                (editable.get() && asking.get())
                    .then(|| {
                        let close = close2.clone();
                        view! {
                            <div
                                class="notice notice-warning"
                                role="alertdialog"
                                aria-label="Clôturer la séance"
                            >
                                <p>
                                    {move || {
                                        format!(
                                            "{} enfant(s) sans marque. Clôturer quand même ?",
                                            unmarked.get(),
                                        )
                                    }}
                                </p>
                                <button
                                    type="button"
                                    class="button button-primary"
                                    on:click=move |_| close()
                                >
                                    "Clôturer"
                                </button>
                                <button
                                    type="button"
                                    class="button button-quiet"
                                    on:click=move |_| asking.set(false)
                                >
                                    "Revenir à l'appel"
                                </button>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// Where two tablets disagreed (coordinators).
#[component]
fn Disagreements(list: Vec<Disagreement>) -> impl IntoView {
    view! {
        <section
            class="notice notice-warning register-disagreements"
            aria-labelledby="disagree-title"
        >
            <h2 id="disagree-title">"Des tablettes ne sont pas d'accord"</h2>
            <ul>
                {list
                    .into_iter()
                    .map(|d| {
                        view! {
                            <li data-child-id=d.child.0.clone()>
                                <strong>{d.child_name}</strong>
                                " : "
                                {d
                                    .marks
                                    .iter()
                                    .map(|m| {
                                        format!(
                                            "{} ({}, {})",
                                            status_label(m.status),
                                            if m.by.is_empty() {
                                                "?".to_string()
                                            } else {
                                                m.by.clone()
                                            },
                                            format::time(local(m.made_at).1),
                                        )
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" ; ")}
                                {format!(" — retenu : {}.", status_label(d.kept))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Where the outbox stands, and a loud warning when entries wait too long.
#[component]
pub fn SyncBar() -> impl IntoView {
    use crate::attendance::outbox::{SyncStatus, STALE_AFTER_HOURS};
    let outbox = use_outbox();
    // After the tap's frame: the row first (`settled_after_paint`).
    let waiting = settled_after_paint(move || outbox.waiting());
    let text = move || {
        let (count, _) = waiting.get();
        match (count, outbox.status.get()) {
            (_, SyncStatus::SignedOut) => format!("Reconnectez-vous pour envoyer {count} marque(s) : elles restent sur la tablette."),
            (0, _) => "Tout est envoyé.".to_string(),
            (n, SyncStatus::Retrying { in_seconds }) => format!("Hors ligne : {n} en attente, gardées sur la tablette. Nouvel essai dans {in_seconds} s."),
            (n, _) => format!("{n} en attente d'envoi."),
        }
    };
    let stale = move || {
        let (count, oldest) = waiting.get();
        count > 0
            && oldest.is_some_and(|o| device_now() - o > chrono::Duration::hours(STALE_AFTER_HOURS))
    };
    view! {
        <p class="sync-status" aria-live="polite" data-pending=move || waiting.get().0.to_string()>
            {text}
        </p>
        {move || {
            stale()
                .then(|| {
                    view! {
                        <div class="notice notice-error sync-stale" role="alert">
                            <p>
                                <strong>"Des marques attendent depuis plus de 24 heures."</strong>
                            </p>
                            <p>
                                "Connectez la tablette à Internet et ouvrez cette page, ou prévenez la coordination. Ne vous déconnectez pas : elles seraient perdues."
                            </p>
                        </div>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn mark(id: &str, child: &str, status: AttendanceStatus, second: u32) -> Mark {
        Mark {
            id: EntryId::new(id),
            session: SessionId::new("s"),
            child: ChildId::new(child),
            status,
            arrived_at: None,
            departure: None,
            device: DeviceId::new("d"),
            made_at: Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, second).unwrap(),
            base: None,
        }
    }

    fn waiting(m: Mark, refused: Option<Refusal>) -> Pending {
        Pending {
            entry: Entry::Mark(m),
            refused,
        }
    }

    #[test]
    fn the_device_shows_its_waiting_marks_over_the_servers() {
        let server = vec![mark("a", "lea", AttendanceStatus::Present, 0)];
        let pending = vec![
            waiting(mark("b", "lea", AttendanceStatus::Absent, 5), None),
            waiting(
                mark("c", "tom", AttendanceStatus::Late, 6),
                Some(Refusal::Closed),
            ),
        ];
        let shown = rows(&server, &pending, &SessionId::new("s"));
        let lea = &shown[&ChildId::new("lea")];
        assert_eq!(lea.mark.as_ref().unwrap().status, AttendanceStatus::Absent);
        assert!(lea.waiting);
        let tom = &shown[&ChildId::new("tom")];
        assert!(tom.mark.is_none() && !tom.waiting);
        assert_eq!(tom.refused.as_ref().unwrap().1, Refusal::Closed);
        assert_eq!(status_code(Some(tom), true), "excused");
        assert_eq!(status_code(Some(tom), false), "unmarked");
        assert_eq!(status_code(Some(lea), false), "absent");
        // Another session's marks are not this register's.
        assert!(rows(&[], &pending, &SessionId::new("other")).is_empty());
    }

    #[test]
    fn the_count_of_children_without_a_mark_reads_well() {
        assert_eq!(unmarked_text(0, 0), "Tous les enfants ont une marque.");
        assert_eq!(unmarked_text(1, 0), "1 enfant sans marque.");
        assert_eq!(
            unmarked_text(13, 1),
            "13 enfants sans marque, dont 1 absence signalée par la famille."
        );
    }

    #[test]
    fn a_newer_server_mark_stays_over_an_older_waiting_one() {
        let server = vec![mark("z", "lea", AttendanceStatus::Excused, 9)];
        let pending = vec![waiting(mark("b", "lea", AttendanceStatus::Absent, 5), None)];
        let shown = rows(&server, &pending, &SessionId::new("s"));
        assert_eq!(
            shown[&ChildId::new("lea")].mark.as_ref().unwrap().status,
            AttendanceStatus::Excused
        );
    }
}
