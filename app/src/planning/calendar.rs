//! The week calendar: a CSS grid of session blocks that a coordinator drags
//! with a mouse or a finger (pointer events), or changes with the dialogs and
//! the keyboard. While something is dragged, the slot under the pointer shows
//! the findings the change would produce, computed here by the domain's
//! `check_session`; the server checks the same change again.

use crate::components::FindingBadge;
use crate::domain::calendar::{holiday_on, in_holidays, Slot};
use crate::domain::check::{check_group_week, check_session};
use crate::domain::findings::has_errors;
use crate::domain::ids::*;
use crate::domain::model::SessionStatus;
use crate::format;
use crate::planning::dialogs::{CreateDialog, MoveDialog, SeriesQuestion, SessionDialog};
use crate::planning::geometry;
use crate::planning::planner::{
    refusal, Drag, Filter, NewSession, Panel, Planner, NEW_SESSION_MINUTES,
};
use crate::planning::tools::{ReportPanel, Toolbar};
use crate::planning::types::{SessionLine, WeekPlan};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The interactive week, showing the sessions `filter` lets through.
#[component]
pub fn Calendar(plan: WeekPlan, filter: Filter) -> impl IntoView {
    let lines = RwSignal::new(plan.sessions);
    let filter = StoredValue::new(filter);
    let visible = Memo::new(move |_| {
        lines.with(|l| {
            filter.with_value(|f| l.iter().filter(|s| f.shows(s)).cloned().collect::<Vec<_>>())
        })
    });
    let lanes = Memo::new(move |_| {
        visible.with(|lines| {
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
        visible,
        lanes,
        context: RwSignal::new(plan.context),
        drag: RwSignal::new(None),
        message: RwSignal::new(None),
        undo: RwSignal::new(None),
        dialog: RwSignal::new(None),
        creating: RwSignal::new(None),
        pending: RwSignal::new(None),
        report: RwSignal::new(None),
        grid: NodeRef::new(),
        staff: StoredValue::new(plan.accompanists.clone()),
        groups: StoredValue::new(plan.groups.clone()),
        venues: StoredValue::new(plan.venues.clone()),
        filter,
    };
    let days: Vec<NaiveDate> = (0..geometry::DAYS as i64)
        .map(|i| plan.monday + Duration::days(i))
        .collect();
    let hours: Vec<u32> = (8..20).collect();
    let year_end = plan.year_end;

    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some(drag) = planner.drag.get_untracked() else {
            return;
        };
        ev.prevent_default();
        let Some(grid) = planner.grid_box() else {
            return;
        };
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        let next = match drag {
            Drag::Move {
                session,
                grab,
                length,
                ..
            } => Drag::Move {
                target: geometry::slot_at(grid, x, y, grab, length),
                session,
                grab,
                length,
            },
            Drag::Resize { session, start, .. } => Drag::Resize {
                end: geometry::end_at(grid, y, start),
                session,
                start,
            },
            Drag::Staff { accompanist, .. } => Drag::Staff {
                accompanist,
                over: session_under(x, y),
                x: ev.client_x(),
                y: ev.client_y(),
            },
            Drag::Create { group, .. } => Drag::Create {
                group,
                target: inside(grid, x, y)
                    .then(|| geometry::slot_at(grid, x, y, 0, NEW_SESSION_MINUTES))
                    .flatten(),
                x: ev.client_x(),
                y: ev.client_y(),
            },
        };
        // Why: most pointer moves stay on the same 15-minute slot; only a
        // new slot (or a moving ghost) is worth re-rendering.
        if planner.drag.with_untracked(|d| d.as_ref() != Some(&next)) {
            planner.drag.set(Some(next));
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
                target,
                ..
            } => {
                let slot = target.map(|t| planner.slot_at(t, length));
                let here = planner.planned(&session).map(|p| p.slot);
                match slot {
                    // A tap, not a drag: the block takes the focus and shows
                    // its details and buttons (on a tablet there is no hover).
                    None => focus_block(&session),
                    Some(slot) if Some(slot) == here => focus_block(&session),
                    Some(slot) => planner.try_move(session, slot),
                }
            }
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
                    planner.say(false, refusal("Ajout refusé", &findings));
                    return;
                }
                planner.save_staff(session, accompanist, true);
            }
            Drag::Create {
                group,
                target: Some(target),
                ..
            } => planner.create(group, planner.slot_at(target, NEW_SESSION_MINUTES), None),
            _ => {}
        }
    };
    let on_cancel = move |_: leptos::ev::PointerEvent| planner.drag.set(None);

    view! {
        <div
            class="planner"
            class:planner-dragging=move || planner.drag.with(Option::is_some)
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
        >
            <section class="planner-side" aria-label="Groupes et accompagnateurs">
                <GroupList planner days=days.clone() />
                <StaffList planner />
                <StaffGhost planner />
                <GroupGhost planner />
            </section>
            <div class="planner-main">
                <Toolbar planner year_end />
                <ReportPanel planner />
                // A timeline, not a table: each session says its own day
                // and times (`SessionBlock`), and a holiday is written
                // under its day.
                <section class="calendar" aria-label="Semaine">
                    <div class="calendar-head">
                        <span class="calendar-corner"></span>
                        {days
                            .iter()
                            .map(|d| {
                                let day = *d;
                                let holiday = move || {
                                    planner
                                        .context
                                        .with(|c| {
                                            holiday_on(day, &c.holidays).map(|h| h.name.clone())
                                        })
                                };
                                view! {
                                    <span
                                        class="calendar-day"
                                        class:calendar-day-holiday=move || holiday().is_some()
                                    >
                                        {format::day_month(day)}
                                        {move || {
                                            holiday()
                                                .map(|h| {
                                                    view! { <small class="calendar-holiday">{h}</small> }
                                                })
                                        }}
                                    </span>
                                }
                            })
                            .collect_view()}
                    </div>
                    <div class="calendar-body">
                        <div class="calendar-hours" aria-hidden="true">
                            {hours
                                .into_iter()
                                .map(|h| view! { <span>{format!("{h} h")}</span> })
                                .collect_view()}
                        </div>
                        <div class="calendar-grid" node_ref=planner.grid>
                            {days
                                .iter()
                                .enumerate()
                                .map(|(i, d)| {
                                    let day = *d;
                                    let holiday = move || {
                                        planner.context.with(|c| in_holidays(day, &c.holidays))
                                    };
                                    view! {
                                        <div
                                            class="calendar-column"
                                            class:calendar-column-holiday=holiday
                                            style=format!(
                                                "grid-column: {}; grid-row: 1 / {};",
                                                i + 1,
                                                geometry::ROWS + 1,
                                            )
                                        ></div>
                                    }
                                })
                                .collect_view()}
                            <For
                                each=move || planner.visible.get()
                                key=|l| (l.id.clone(), l.version)
                                let:line
                            >
                                <SessionBlock planner line />
                            </For>
                            <DropPreview planner />
                        </div>
                    </div>
                </section>
                <GroupFindings planner />
            </div>
            <MoveDialog planner />
            <SessionDialog planner />
            <CreateDialog planner />
            <SeriesQuestion planner />
        </div>
    }
}

/// True when a point lies on the grid.
fn inside(grid: geometry::GridBox, x: f64, y: f64) -> bool {
    x >= grid.left && x <= grid.left + grid.width && y >= grid.top && y <= grid.top + grid.height
}

/// The groups, to drag onto the grid (a new session of 1 h 30) or to plan
/// with the "Nouvelle séance…" dialog.
#[component]
fn GroupList(planner: Planner, days: Vec<NaiveDate>) -> impl IntoView {
    let first_day = days.first().copied().unwrap_or(planner.monday);
    view! {
        <section aria-labelledby="side-groups">
            <h2 id="side-groups">"Groupes"</h2>
            <p class="hint">"Glissez un groupe sur la grille pour créer une séance d'1 h 30."</p>
            <ul class="chips">
                {planner
                    .groups
                    .get_value()
                    .into_iter()
                    .map(|g| {
                        let grab = g.id.clone();
                        let open = g.id.clone();
                        view! {
                            <li class="chip-row">
                                <span
                                    class="chip chip-group"
                                    data-group-id=g.id.to_string()
                                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                                        if ev.button() != 0 {
                                            return;
                                        }
                                        ev.prevent_default();
                                        planner
                                            .drag
                                            .set(
                                                Some(Drag::Create {
                                                    group: grab.clone(),
                                                    target: None,
                                                    x: ev.client_x(),
                                                    y: ev.client_y(),
                                                }),
                                            );
                                    }
                                >
                                    {g.name.clone()}
                                </span>
                                <button
                                    type="button"
                                    class="button button-small"
                                    aria-label=format!("Nouvelle séance pour {}", g.name)
                                    on:click=move |_| {
                                        planner
                                            .creating
                                            .set(
                                                Some(NewSession {
                                                    group: open.clone(),
                                                    slot: Slot::new(
                                                        first_day,
                                                        geometry::time_of(16 * 60 + 45),
                                                        geometry::time_of(16 * 60 + 45 + NEW_SESSION_MINUTES),
                                                    ),
                                                }),
                                            )
                                    }
                                >
                                    "Nouvelle séance…"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn StaffList(planner: Planner) -> impl IntoView {
    view! {
        <section aria-labelledby="side-staff">
            <h2 id="side-staff">"Accompagnateurs"</h2>
            <p class="hint">"Glissez un nom sur une séance pour l'y ajouter."</p>
            <ul class="chips">
                {planner
                    .staff
                    .get_value()
                    .into_iter()
                    .map(|(id, name)| {
                        let grab_id = id.clone();
                        view! {
                            <li>
                                <span
                                    class="chip"
                                    data-accompanist-id=id.to_string()
                                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                                        if ev.button() != 0 {
                                            return;
                                        }
                                        ev.prevent_default();
                                        planner
                                            .drag
                                            .set(
                                                Some(Drag::Staff {
                                                    accompanist: grab_id.clone(),
                                                    over: None,
                                                    x: ev.client_x(),
                                                    y: ev.client_y(),
                                                }),
                                            );
                                    }
                                >
                                    {name}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The week's findings per group (size, frequency, activities), computed
/// from the sessions shown by the same functions as on the server.
#[component]
fn GroupFindings(planner: Planner) -> impl IntoView {
    let rows = move || {
        planner.context.with(|c| {
            planner.groups.with_value(|groups| {
                groups
                    .iter()
                    .map(|g| {
                        let findings = check_group_week(
                            &g.id,
                            g.enrolled,
                            &g.planned,
                            planner.monday,
                            &c.sessions,
                            &c.holidays,
                            &c.thresholds,
                        );
                        (g.id.clone(), g.name.clone(), findings)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section aria-labelledby="groupes-titre" class="group-findings">
            <h2 id="groupes-titre">"Groupes cette semaine"</h2>
            <ul class="cards">
                {move || {
                    rows()
                        .into_iter()
                        .map(|(id, name, findings)| {
                            view! {
                                <li class="card" data-group-id=id.to_string()>
                                    <a href=format!("/groupes/{id}")>{name}</a>
                                    <div class="badges">
                                        {if findings.is_empty() {
                                            view! { <span class="badge badge-ok">"Conforme"</span> }
                                                .into_any()
                                        } else {
                                            findings
                                                .into_iter()
                                                .map(|f| view! { <FindingBadge finding=f /> })
                                                .collect_view()
                                                .into_any()
                                        }}
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// The session block under a point of the screen, if any.
fn session_under(x: f64, y: f64) -> Option<SessionId> {
    let document = web_sys::window()?.document()?;
    let element = document.element_from_point(x as f32, y as f32)?;
    let block = element.closest("[data-session-id]").ok()??;
    block.get_attribute("data-session-id").map(SessionId)
}

/// Puts the keyboard focus on a session's block.
fn focus_block(id: &SessionId) {
    let block = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-session-id=\"{id}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(block) = block {
        let _ = block.focus();
    }
}

/// The block the arrow `key` leads to from `id`: the previous or next
/// session in time (up, down), or the nearest one on the previous or next
/// day with sessions (left, right).
fn block_towards(lines: &[SessionLine], id: &SessionId, key: &str) -> Option<SessionId> {
    let at = lines.iter().position(|l| &l.id == id)?;
    let here = &lines[at];
    match key {
        "ArrowUp" => at.checked_sub(1).map(|i| lines[i].id.clone()),
        "ArrowDown" => lines.get(at + 1).map(|l| l.id.clone()),
        "ArrowLeft" => lines
            .iter()
            .filter(|l| l.date < here.date)
            .max_by_key(|l| {
                (
                    l.date,
                    std::cmp::Reverse((l.start - here.start).num_minutes().abs()),
                )
            })
            .map(|l| l.id.clone()),
        "ArrowRight" => lines
            .iter()
            .filter(|l| l.date > here.date)
            .min_by_key(|l| (l.date, (l.start - here.start).num_minutes().abs()))
            .map(|l| l.id.clone()),
        _ => None,
    }
}

#[component]
fn SessionBlock(planner: Planner, line: SessionLine) -> impl IntoView {
    let id = line.id.clone();
    let day = (line.date - planner.monday)
        .num_days()
        .clamp(0, geometry::DAYS as i64 - 1) as u32;
    let (row_start, row_end) = geometry::rows(line.start, line.end);
    let draft = line.status == SessionStatus::Draft;
    let cancelled = line.status == SessionStatus::Cancelled;
    let label = format!(
        "{}, {}, {}{}",
        line.group_name,
        format::day_month(line.date),
        format::time_range(line.start, line.end),
        match line.status {
            SessionStatus::Draft => ", brouillon",
            SessionStatus::Cancelled => ", annulée",
            _ => "",
        }
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
    let key_id = id.clone();
    let move_id = id.clone();
    let session_id = id.clone();
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
    let plannable = line.status.is_plannable();
    let element = NodeRef::<leptos::html::Article>::new();
    #[cfg(feature = "hydrate")]
    {
        let id = id.to_string();
        Effect::new(move |_| {
            if let Some(e) = element.get() {
                crate::components::focus::reclaim(&id, &e);
            }
        });
    }
    view! {
        <article
            node_ref=element
            class="block"
            class:block-moving=moving
            class:block-target=staff_over
            class:session-cancelled=cancelled
            class:block-draft=draft
            data-session-id=id.to_string()
            data-status=line.status.as_str()
            aria-label=label
            tabindex="0"
            style=move || {
                let (lane, lanes) = planner
                    .lanes
                    .with(|l| l.get(&lane_id).copied().unwrap_or((0, 1)));
                format!(
                    "grid-column: {}; grid-row: {} / {}; --lane: {lane}; --lanes: {lanes};",
                    day + 1,
                    row_start,
                    row_end,
                )
            }
            class:block-fixed=!plannable
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let on_block = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| e.has_attribute("data-session-id"));
                if !on_block {
                    return;
                }
                let key = ev.key();
                if key == "Enter" {
                    ev.prevent_default();
                    planner.dialog.set(Some((key_id.clone(), Panel::Session)));
                    return;
                }
                if let Some(next) = planner
                    .visible
                    .with_untracked(|l| block_towards(l, &key_id, &key))
                {
                    ev.prevent_default();
                    focus_block(&next);
                }
            }
            on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                if !plannable || ev.button() != 0 || is_control(&ev) {
                    return;
                }
                ev.prevent_default();
                let Some(grid) = planner.grid_box() else { return };
                let per_minute = grid.height
                    / (geometry::LAST_MINUTE - geometry::FIRST_MINUTE) as f64;
                let pointer_minute = geometry::FIRST_MINUTE as f64
                    + (ev.client_y() as f64 - grid.top) / per_minute;
                let grab = (pointer_minute - start_minute as f64).max(0.0) as u32;
                planner
                    .drag
                    .set(
                        Some(Drag::Move {
                            session: grab_id.clone(),
                            grab,
                            length,
                            target: None,
                        }),
                    );
            }
        >
            <div class="block-body">
                <p class="block-time">{format::time_range(line.start, line.end)}</p>
                <p class="block-group">
                    {line.group_name.clone()}
                    {draft.then(|| view! { <span class="tag">"Brouillon"</span> })}
                    {cancelled.then(|| view! { <span class="tag tag-cancelled">"Annulée"</span> })}
                </p>
                <div class="badges">
                    {move || {
                        findings
                            .get()
                            .into_iter()
                            .map(|f| view! { <FindingBadge finding=f /> })
                            .collect_view()
                    }}
                </div>
                <div class="block-actions">
                    <Show when=move || plannable>
                        <button
                            type="button"
                            class="block-action"
                            data-control="1"
                            on:click={
                                let move_id = move_id.clone();
                                move |_| planner.dialog.set(Some((move_id.clone(), Panel::Move)))
                            }
                        >
                            "Déplacer…"
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="block-action"
                        data-control="1"
                        on:click={
                            let session_id = session_id.clone();
                            move |_| planner.dialog.set(Some((session_id.clone(), Panel::Session)))
                        }
                    >
                        "Séance…"
                    </button>
                </div>
                <p class="block-meta">{line.venue_name.clone()}</p>
                <p class="block-meta">{staff}</p>
                <p class="block-meta">{format!("{} enfants", line.expected_children)}</p>
                {line
                    .cancel_reason
                    .clone()
                    .map(|r| view! { <p class="block-meta">{format!("Motif : {r}")}</p> })}
            </div>
            <span
                class="block-resize"
                data-control="1"
                aria-hidden="true"
                hidden=!plannable
                on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                    ev.prevent_default();
                    ev.stop_propagation();
                    if !plannable {
                        return;
                    }
                    let end = start_minute + length;
                    planner
                        .drag
                        .set(
                            Some(Drag::Resize {
                                session: resize_id.clone(),
                                start: start_minute,
                                end,
                            }),
                        );
                }
            ></span>
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

/// The slot under the pointer while dragging, with the findings the change
/// would produce there.
#[component]
fn DropPreview(planner: Planner) -> impl IntoView {
    let preview = move || {
        let (slot, findings) = match planner.drag.get()? {
            Drag::Move {
                session,
                length,
                target: Some(t),
                ..
            } => {
                let slot = planner.slot_at(t, length);
                (slot, planner.findings_if(&session, |s| s.slot = slot))
            }
            Drag::Resize {
                session,
                start,
                end,
            } => {
                let date = planner.planned(&session)?.slot.date;
                let slot = Slot::new(date, geometry::time_of(start), geometry::time_of(end));
                (slot, planner.findings_if(&session, |s| s.slot = slot))
            }
            Drag::Create {
                group,
                target: Some(t),
                ..
            } => {
                let slot = planner.slot_at(t, NEW_SESSION_MINUTES);
                (slot, planner.findings_new(&group, slot, None))
            }
            _ => return None,
        };
        Some((slot, findings))
    };
    move || {
        preview().map(|(slot, findings)| {
            let day = (slot.date - planner.monday).num_days() as u32;
            let (a, b) = geometry::rows(slot.time.start, slot.time.end);
            let blocked = has_errors(&findings);
            view! {
                <div
                    class="drop"
                    class:drop-blocked=blocked
                    data-drop-blocked=blocked.to_string()
                    style=format!("grid-column: {}; grid-row: {} / {};", day + 1, a, b)
                >
                    <p class="block-time">{format::time_range(slot.time.start, slot.time.end)}</p>
                    <div class="badges">
                        {findings
                            .into_iter()
                            .map(|f| view! { <FindingBadge finding=f /> })
                            .collect_view()}
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
                        {findings
                            .into_iter()
                            .map(|f| view! { <FindingBadge finding=f /> })
                            .collect_view()}
                    </div>
                </div>
            })
        }
        _ => None,
    }
}

/// The group's name following the finger until it reaches the grid.
#[component]
fn GroupGhost(planner: Planner) -> impl IntoView {
    move || match planner.drag.get() {
        Some(Drag::Create {
            group,
            target: None,
            x,
            y,
        }) => {
            let name = planner.group(&group).map(|g| g.name).unwrap_or_default();
            Some(view! {
                <div
                    class="ghost ghost-group"
                    style=format!("left: {}px; top: {}px;", x + 12, y + 12)
                >
                    {name}
                </div>
            })
        }
        _ => None,
    }
}
