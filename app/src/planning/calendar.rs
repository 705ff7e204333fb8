//! The week calendar: a CSS grid of session blocks that a coordinator drags
//! with a mouse or a finger (pointer events), or moves with the "Déplacer…"
//! dialog and the keyboard. While a block is dragged, the slot under the
//! pointer shows the findings the move would produce, computed here by the
//! domain's `check_session`; the server checks the same move again.

use crate::components::FindingBadge;
use crate::domain::calendar::Slot;
use crate::domain::check::{check_session, PlanningContext};
use crate::domain::findings::has_errors;
use crate::domain::ids::*;
use crate::domain::model::{PlannedSession, SessionStatus};
use crate::domain::Finding;
use crate::error::AppError;
use crate::format;
use crate::i18n::{error_message, finding_message, Locale};
use crate::planning::api::{load_week, move_session, set_accompanist};
use crate::planning::geometry::{self, GridBox, GridSlot};
use crate::planning::types::{CheckedSession, SessionLine, WeekPlan};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
enum Drag {
    /// A session block, grabbed `grab` minutes below its top.
    Move {
        session: SessionId,
        grab: u32,
        length: u32,
        target: Option<GridSlot>,
    },
    /// A session's bottom edge.
    Resize {
        session: SessionId,
        start: u32,
        end: u32,
    },
    /// An accompanist from the side list, over a session or not.
    Staff {
        accompanist: AccompanistId,
        over: Option<SessionId>,
        x: i32,
        y: i32,
    },
}

/// The last change, to undo it.
#[derive(Clone, Debug, PartialEq)]
struct Undo {
    session: SessionId,
    slot: Slot,
    venue: VenueId,
}

/// The calendar's state, shared by its parts.
#[derive(Clone, Copy)]
struct Planner {
    monday: NaiveDate,
    lines: RwSignal<Vec<SessionLine>>,
    context: RwSignal<PlanningContext>,
    drag: RwSignal<Option<Drag>>,
    message: RwSignal<Option<(bool, String)>>,
    undo: RwSignal<Option<Undo>>,
    dialog: RwSignal<Option<SessionId>>,
    grid: NodeRef<leptos::html::Div>,
    /// The organisation's accompanists, for the dialog.
    staff: StoredValue<Vec<(AccompanistId, String)>>,
    /// Each block's lane and the lanes of its day's cluster.
    lanes: Memo<std::collections::HashMap<SessionId, (u32, u32)>>,
}

impl Planner {
    fn planned(&self, id: &SessionId) -> Option<PlannedSession> {
        self.context
            .with(|c| c.sessions.iter().find(|s| &s.id == id).cloned())
    }

    /// The findings of a session as it would be after `change`.
    fn findings_if(
        &self,
        id: &SessionId,
        change: impl FnOnce(&mut PlannedSession),
    ) -> Vec<Finding> {
        let Some(mut candidate) = self.planned(id) else {
            return Vec::new();
        };
        change(&mut candidate);
        self.context.with(|c| check_session(&candidate, c))
    }

    fn grid_box(&self) -> Option<GridBox> {
        let rect = self.grid.get_untracked()?.get_bounding_client_rect();
        Some(GridBox {
            left: rect.left(),
            top: rect.top(),
            width: rect.width(),
            height: rect.height(),
        })
    }

    fn slot_at(&self, target: GridSlot, length: u32) -> Slot {
        let date = self.monday + Duration::days(target.day as i64);
        Slot::new(
            date,
            geometry::time_of(target.minute),
            geometry::time_of(target.minute + length),
        )
    }

    fn say(&self, ok: bool, text: String) {
        self.message.set(Some((ok, text)));
    }

    /// Records the server's answer: the line, and the rules' view of it.
    fn apply(&self, checked: CheckedSession) {
        let line = checked.session;
        let in_week = line.date >= self.monday && line.date < self.monday + Duration::days(7);
        self.lines.update(|lines| {
            lines.retain(|l| l.id != line.id);
            if in_week {
                lines.push(line.clone());
                lines.sort_by_key(|a| (a.date, a.start));
            }
        });
        self.context.update(|c| {
            if let Some(s) = c.sessions.iter_mut().find(|s| s.id == line.id) {
                s.slot = Slot::new(line.date, line.start, line.end);
                s.venue = line.venue.clone();
                s.accompanists = line.accompanists.iter().map(|(id, _)| id.clone()).collect();
            }
        });
    }

    /// Moves a session to `slot` after the drop: refused here when the rules
    /// find an error, else saved (the server checks again).
    fn try_move(&self, session: SessionId, slot: Slot) {
        let Some(current) = self.planned(&session) else {
            return;
        };
        if current.slot == slot {
            return;
        }
        let findings = self.findings_if(&session, |s| s.slot = slot);
        if has_errors(&findings) {
            self.say(false, refusal(&findings));
            return;
        }
        self.save_move(session, slot, current.venue, true);
    }

    /// Asks the server to move a session; `undo` remembers where it was.
    fn save_move(&self, id: SessionId, slot: Slot, venue: VenueId, remember: bool) {
        let this = *self;
        let Some(line) = self
            .lines
            .with_untracked(|l| l.iter().find(|s| s.id == id).cloned())
        else {
            return;
        };
        let before = Undo {
            session: id.clone(),
            slot: Slot::new(line.date, line.start, line.end),
            venue: line.venue.clone(),
        };
        spawn_local(async move {
            let answer = move_session(
                id.0.clone(),
                line.version,
                slot.date.to_string(),
                slot.time.start.format("%H:%M").to_string(),
                slot.time.end.format("%H:%M").to_string(),
                venue.0.clone(),
            )
            .await;
            this.after_save(answer, remember.then_some(before));
        });
    }

    fn save_staff(&self, id: SessionId, accompanist: AccompanistId, assigned: bool) {
        let this = *self;
        let Some(version) = self
            .lines
            .with_untracked(|l| l.iter().find(|s| s.id == id).map(|s| s.version))
        else {
            return;
        };
        spawn_local(async move {
            let answer =
                set_accompanist(id.0.clone(), version, accompanist.0.clone(), assigned).await;
            this.after_save(answer, None);
        });
    }

    fn after_save(&self, answer: Result<CheckedSession, AppError>, undo: Option<Undo>) {
        match answer {
            Ok(checked) => {
                let label = format!(
                    "{} : {}, {}.",
                    checked.session.group_name,
                    format::day_month(checked.session.date),
                    format::time_range(checked.session.start, checked.session.end)
                );
                self.apply(checked);
                if undo.is_some() {
                    self.undo.set(undo);
                }
                self.say(true, format!("Enregistré. {label}"));
            }
            Err(error) => {
                self.say(false, error_message(&error, Locale::Fr));
                if error == AppError::Stale {
                    self.reload();
                }
            }
        }
    }

    /// Fetches the week again (after someone else changed it).
    fn reload(&self) {
        let this = *self;
        spawn_local(async move {
            if let Ok(plan) = load_week(Some(this.monday.to_string())).await {
                this.undo.set(None);
                this.context.set(plan.context);
                this.lines.set(plan.sessions);
            }
        });
    }
}

/// The interactive week.
#[component]
pub fn Calendar(plan: WeekPlan) -> impl IntoView {
    let lines = RwSignal::new(plan.sessions);
    let lanes = Memo::new(move |_| {
        lines.with(|lines| {
            let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<&SessionLine>> =
                Default::default();
            for l in lines {
                by_day.entry(l.date).or_default().push(l);
            }
            let mut out = std::collections::HashMap::new();
            for day in by_day.values() {
                let ranges: Vec<(u32, u32)> = day
                    .iter()
                    .map(|l| (geometry::minute_of(l.start), geometry::minute_of(l.end)))
                    .collect();
                for (l, lane) in day.iter().zip(geometry::lanes(&ranges)) {
                    out.insert(l.id.clone(), lane);
                }
            }
            out
        })
    });
    let planner = Planner {
        monday: plan.monday,
        lines,
        lanes,
        context: RwSignal::new(plan.context),
        drag: RwSignal::new(None),
        message: RwSignal::new(None),
        undo: RwSignal::new(None),
        dialog: RwSignal::new(None),
        grid: NodeRef::new(),
        staff: StoredValue::new(plan.accompanists.clone()),
    };
    let venues = StoredValue::new(plan.venues);
    let accompanists = plan.accompanists;
    let days: Vec<NaiveDate> = (0..geometry::DAYS as i64)
        .map(|i| plan.monday + Duration::days(i))
        .collect();
    let hours: Vec<u32> = (8..20).collect();

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some(drag) = planner.drag.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let Some(grid) = planner.grid_box() else {
            return;
        };
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        match drag {
            Drag::Move {
                session,
                grab,
                length,
                ..
            } => {
                let target = geometry::slot_at(grid, x, y, grab, length);
                planner.drag.set(Some(Drag::Move {
                    session,
                    grab,
                    length,
                    target,
                }));
            }
            Drag::Resize { session, start, .. } => {
                let end = geometry::end_at(grid, y, start);
                planner.drag.set(Some(Drag::Resize {
                    session,
                    start,
                    end,
                }));
            }
            Drag::Staff { accompanist, .. } => {
                let over = session_under(x, y);
                planner.drag.set(Some(Drag::Staff {
                    accompanist,
                    over,
                    x: ev.client_x(),
                    y: ev.client_y(),
                }));
            }
        }
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        let Some(drag) = planner.drag.get_untracked() else {
            return;
        };
        planner.drag.set(None);
        ev.prevent_default();
        match drag {
            Drag::Move {
                session,
                length,
                target: Some(target),
                ..
            } => planner.try_move(session, planner.slot_at(target, length)),
            Drag::Resize {
                session,
                start,
                end,
            } => {
                if let Some(current) = planner.planned(&session) {
                    let slot = Slot::new(
                        current.slot.date,
                        geometry::time_of(start),
                        geometry::time_of(end),
                    );
                    planner.try_move(session, slot);
                }
            }
            Drag::Staff {
                accompanist,
                over: Some(session),
                ..
            } => {
                let findings = planner.findings_if(&session, |s| {
                    if !s.accompanists.contains(&accompanist) {
                        s.accompanists.push(accompanist.clone());
                    }
                });
                if has_errors(&findings) {
                    planner.say(false, refusal(&findings));
                    return;
                }
                planner.save_staff(session, accompanist, true);
            }
            _ => {}
        }
    };
    let on_cancel = move |_: leptos::ev::PointerEvent| planner.drag.set(None);

    view! {
        <div class="planner" on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_cancel>
            <aside class="planner-side" aria-label="Accompagnateurs">
                <h2>"Accompagnateurs"</h2>
                <p class="hint">"Glissez un nom sur une séance pour l'y ajouter."</p>
                <ul class="chips">
                    {accompanists.into_iter().map(|(id, name)| {
                        let grab_id = id.clone();
                        view! {
                            <li>
                                <span class="chip" data-accompanist-id=id.to_string()
                                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                                        ev.prevent_default();
                                        planner.drag.set(Some(Drag::Staff { accompanist: grab_id.clone(), over: None, x: ev.client_x(), y: ev.client_y() }));
                                    }>
                                    {name}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <StaffGhost planner/>
            </aside>
            <div class="planner-main">
                <div class="planner-tools">
                    <button type="button" class="button" disabled=move || planner.undo.get().is_none()
                        on:click=move |_| {
                            if let Some(u) = planner.undo.get_untracked() {
                                planner.undo.set(None);
                                planner.save_move(u.session, u.slot, u.venue, false);
                            }
                        }>
                        "Annuler la dernière modification"
                    </button>
                    <p class="planner-message" role="status" aria-live="polite"
                        class:planner-message-error=move || matches!(planner.message.get(), Some((false, _)))>
                        {move || planner.message.get().map(|(_, m)| m)}
                    </p>
                </div>
                <div class="calendar" role="grid" aria-label="Semaine">
                    <div class="calendar-head" role="row">
                        <span class="calendar-corner"></span>
                        {days.iter().map(|d| view! { <span class="calendar-day" role="columnheader">{format::day_month(*d)}</span> }).collect_view()}
                    </div>
                    <div class="calendar-body">
                        <div class="calendar-hours" aria-hidden="true">
                            {hours.into_iter().map(|h| view! { <span>{format!("{h} h")}</span> }).collect_view()}
                        </div>
                        <div class="calendar-grid" node_ref=planner.grid>
                            {days.iter().enumerate().map(|(i, _)| view! {
                                <div class="calendar-column" style=format!("grid-column: {}; grid-row: 1 / {};", i + 1, geometry::ROWS + 1)></div>
                            }).collect_view()}
                            <For each=move || planner.lines.get() key=|l| (l.id.clone(), l.version) let:line>
                                <SessionBlock planner line/>
                            </For>
                            <DropPreview planner/>
                        </div>
                    </div>
                </div>
            </div>
            <MoveDialog planner venues/>
        </div>
    }
}

/// A refusal in one sentence per blocking finding.
fn refusal(findings: &[Finding]) -> String {
    let reasons: Vec<String> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| finding_message(f, Locale::Fr))
        .collect();
    format!("Déplacement refusé : {}", reasons.join(" "))
}

/// The session block under a point of the screen, if any.
fn session_under(x: f64, y: f64) -> Option<SessionId> {
    let document = web_sys::window()?.document()?;
    let element = document.element_from_point(x as f32, y as f32)?;
    let block = element.closest("[data-session-id]").ok()??;
    block.get_attribute("data-session-id").map(SessionId)
}

#[component]
fn SessionBlock(planner: Planner, line: SessionLine) -> impl IntoView {
    let id = line.id.clone();
    let day = (line.date - planner.monday)
        .num_days()
        .clamp(0, geometry::DAYS as i64 - 1) as u32;
    let (row_start, row_end) = geometry::rows(line.start, line.end);
    let label = format!(
        "{}, {}, {}",
        line.group_name,
        format::day_month(line.date),
        format::time_range(line.start, line.end)
    );
    let length = geometry::minute_of(line.end).saturating_sub(geometry::minute_of(line.start));
    let findings_id = id.clone();
    let findings = Memo::new(move |_| {
        planner.context.with(|c| {
            c.sessions
                .iter()
                .find(|s| s.id == findings_id)
                .map(|s| check_session(s, c))
                .unwrap_or_default()
        })
    });
    let staff_id = id.clone();
    let staff_over = move || matches!(planner.drag.get(), Some(Drag::Staff { over: Some(ref o), .. }) if *o == staff_id);
    let moving_id = id.clone();
    let moving = move || matches!(planner.drag.get(), Some(Drag::Move { ref session, .. } | Drag::Resize { ref session, .. }) if *session == moving_id);
    let grab_id = id.clone();
    let lane_id = id.clone();
    let resize_id = id.clone();
    let dialog_id = id.clone();
    let start_minute = geometry::minute_of(line.start);
    let staff = if line.accompanists.is_empty() {
        "Aucun accompagnateur".to_string()
    } else {
        line.accompanists
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cancelled = line.status == SessionStatus::Cancelled;
    let plannable = line.status.is_plannable();
    view! {
        <article class="block" class:block-moving=moving class:block-target=staff_over class:session-cancelled=cancelled
            data-session-id=id.to_string() aria-label=label tabindex="0"
            style=move || {
                let (lane, lanes) = planner.lanes.with(|l| l.get(&lane_id).copied().unwrap_or((0, 1)));
                format!("grid-column: {}; grid-row: {} / {}; --lane: {lane}; --lanes: {lanes};", day + 1, row_start, row_end)
            }
            class:block-fixed=!plannable
            on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                if !plannable || ev.button() != 0 || is_control(&ev) {
                    return;
                }
                ev.prevent_default();
                let Some(grid) = planner.grid_box() else { return };
                let per_minute = grid.height / (geometry::LAST_MINUTE - geometry::FIRST_MINUTE) as f64;
                let pointer_minute = geometry::FIRST_MINUTE as f64 + (ev.client_y() as f64 - grid.top) / per_minute;
                let grab = (pointer_minute - start_minute as f64).max(0.0) as u32;
                planner.drag.set(Some(Drag::Move { session: grab_id.clone(), grab, length, target: None }));
            }>
            <p class="block-time">{format::time_range(line.start, line.end)}</p>
            <p class="block-group">{line.group_name.clone()}</p>
            <p class="block-meta">{line.venue_name.clone()}</p>
            <p class="block-meta">{staff}</p>
            <p class="block-meta">{format!("{} enfants", line.expected_children)}</p>
            <div class="badges">
                {move || findings.get().into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view()}
            </div>
            <Show when=move || plannable>
                <button type="button" class="block-action" data-control="1"
                    on:click={
                        let dialog_id = dialog_id.clone();
                        move |_| planner.dialog.set(Some(dialog_id.clone()))
                    }>
                    "Déplacer…"
                </button>
            </Show>
            <span class="block-resize" data-control="1" aria-hidden="true" hidden=!plannable
                on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                    ev.prevent_default();
                    ev.stop_propagation();
                    if !plannable {
                        return;
                    }
                    let end = start_minute + length;
                    planner.drag.set(Some(Drag::Resize { session: resize_id.clone(), start: start_minute, end }));
                }></span>
        </article>
    }
}

/// True when the pointer went down on a button or handle inside a block.
fn is_control(ev: &leptos::ev::PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-control]").ok().flatten())
        .is_some()
}

/// The slot under the pointer while dragging, with the findings the move
/// would produce there.
#[component]
fn DropPreview(planner: Planner) -> impl IntoView {
    let preview = move || {
        let drag = planner.drag.get()?;
        let (session, slot) = match drag {
            Drag::Move {
                session,
                length,
                target: Some(t),
                ..
            } => {
                let slot = planner.slot_at(t, length);
                (session, slot)
            }
            Drag::Resize {
                session,
                start,
                end,
            } => {
                let date = planner.planned(&session)?.slot.date;
                (
                    session,
                    Slot::new(date, geometry::time_of(start), geometry::time_of(end)),
                )
            }
            _ => return None,
        };
        let findings = planner.findings_if(&session, |s| s.slot = slot);
        Some((slot, findings))
    };
    move || {
        preview().map(|(slot, findings)| {
            let day = (slot.date - planner.monday).num_days() as u32;
            let (a, b) = geometry::rows(slot.time.start, slot.time.end);
            let blocked = has_errors(&findings);
            view! {
                <div class="drop" class:drop-blocked=blocked data-drop-blocked=blocked.to_string()
                    style=format!("grid-column: {}; grid-row: {} / {};", day + 1, a, b)>
                    <p class="block-time">{format::time_range(slot.time.start, slot.time.end)}</p>
                    <div class="badges">
                        {findings.into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view()}
                    </div>
                </div>
            }
        })
    }
}

/// The name following the finger while an accompanist is dragged, with what
/// dropping them on the session under it would produce.
#[component]
fn StaffGhost(planner: Planner) -> impl IntoView {
    move || match planner.drag.get() {
        Some(Drag::Staff {
            accompanist,
            over,
            x,
            y,
        }) => {
            let findings = over
                .map(|session| {
                    planner.findings_if(&session, |s| {
                        if !s.accompanists.contains(&accompanist) {
                            s.accompanists.push(accompanist.clone());
                        }
                    })
                })
                .unwrap_or_default();
            Some(view! {
                <div class="ghost" style=format!("left: {}px; top: {}px;", x + 12, y + 12)>
                    <div class="badges">
                        {findings.into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view()}
                    </div>
                </div>
            })
        }
        _ => None,
    }
}

/// "Déplacer…": the same move without dragging (WCAG 2.5.7), and the
/// session's accompanists, with the keyboard alone.
#[component]
fn MoveDialog(planner: Planner, venues: StoredValue<Vec<(VenueId, String)>>) -> impl IntoView {
    move || {
        let id = planner.dialog.get()?;
        let line = planner
            .lines
            .with(|l| l.iter().find(|s| s.id == id).cloned())?;
        let date = RwSignal::new(line.date.to_string());
        let start = RwSignal::new(line.start.format("%H:%M").to_string());
        let end = RwSignal::new(line.end.format("%H:%M").to_string());
        let venue = RwSignal::new(line.venue.0.clone());
        let close = move || planner.dialog.set(None);
        let check_id = id.clone();
        let findings = StoredValue::new(move || {
            let parsed = crate::domain::rules::parse_slot(
                &check_id,
                &date.get(),
                &start.get(),
                &end.get(),
                &planner.context.with(|c| c.thresholds),
            );
            match parsed {
                Err(f) => vec![f],
                Ok(slot) => {
                    let v = VenueId(venue.get());
                    planner.findings_if(&check_id, |s| {
                        s.slot = slot;
                        s.venue = v;
                    })
                }
            }
        });
        let submit_id = id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let found = findings.with_value(|f| f());
            if has_errors(&found) {
                planner.say(false, refusal(&found));
                return;
            }
            let thresholds = planner.context.with_untracked(|c| c.thresholds);
            if let Ok(slot) = crate::domain::rules::parse_slot(
                &submit_id,
                &date.get(),
                &start.get(),
                &end.get(),
                &thresholds,
            ) {
                planner.save_move(submit_id.clone(), slot, VenueId(venue.get()), true);
                close();
            }
        };
        let staff_id = id.clone();
        let add_id = id.clone();
        let title = format!(
            "Déplacer la séance {} du {}",
            line.group_name,
            format::day_month(line.date)
        );
        Some(view! {
            <div class="dialog-backdrop">
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { close() }>
                    <h2 id="dialog-title">{title}</h2>
                    <form on:submit=on_submit>
                        <div class="field">
                            <label for="move-date">"Jour"</label>
                            <input id="move-date" type="date" required prop:value=date on:input=move |ev| date.set(event_target_value(&ev)) autofocus/>
                        </div>
                        <div class="field-row">
                            <div class="field">
                                <label for="move-start">"Début"</label>
                                <input id="move-start" type="time" step="900" required prop:value=start on:input=move |ev| start.set(event_target_value(&ev))/>
                            </div>
                            <div class="field">
                                <label for="move-end">"Fin"</label>
                                <input id="move-end" type="time" step="900" required prop:value=end on:input=move |ev| end.set(event_target_value(&ev))/>
                            </div>
                        </div>
                        <div class="field">
                            <label for="move-venue">"Lieu"</label>
                            <select id="move-venue" on:change=move |ev| venue.set(event_target_value(&ev)) prop:value=venue>
                                {venues.get_value().into_iter().map(|(vid, name)| view! { <option value=vid.to_string()>{name}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="badges" aria-live="polite">
                            {move || findings.with_value(|f| f()).into_iter().map(|f| view! { <FindingBadge finding=f/> }).collect_view()}
                        </div>
                        <div class="dialog-actions">
                            <button type="submit" class="button button-primary">"Enregistrer"</button>
                            <button type="button" class="button" on:click=move |_| close()>"Fermer"</button>
                        </div>
                    </form>
                    <h3>"Accompagnateurs"</h3>
                    <ul class="staff-list">
                        {line.accompanists.iter().map(|(aid, name)| {
                            let aid = aid.clone();
                            let sid = staff_id.clone();
                            view! {
                                <li>
                                    {name.clone()}
                                    <button type="button" class="button button-small"
                                        on:click=move |_| { planner.save_staff(sid.clone(), aid.clone(), false); close(); }>
                                        {format!("Retirer {name}")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <AddStaff planner session=add_id on_done=Callback::new(move |_| close())/>
                </div>
            </div>
        })
    }
}

#[component]
fn AddStaff(planner: Planner, session: SessionId, on_done: Callback<()>) -> impl IntoView {
    let choice = RwSignal::new(String::new());
    let id = session.clone();
    view! {
        <form class="field-row" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let who = choice.get();
            if !who.is_empty() {
                planner.save_staff(id.clone(), AccompanistId(who), true);
                on_done.run(());
            }
        }>
            <div class="field">
                <label for="add-staff">"Ajouter un accompagnateur"</label>
                <select id="add-staff" on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="">"Choisir…"</option>
                    {planner.staff.get_value().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Ajouter"</button>
        </form>
    }
}
