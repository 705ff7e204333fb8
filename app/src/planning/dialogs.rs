//! The calendar's dialogs: every drag has an alternative here, usable with
//! the keyboard alone (WCAG 2.1.1 and 2.5.7): move a session (day, times,
//! venue, accompanists), create one, plan it, cancel or delete it, and the
//! question asked when a change touches a session of a series.

use crate::components::{focus, Field, FindingBadge};
use crate::domain::calendar::Slot;
use crate::domain::findings::has_errors;
use crate::domain::ids::*;
use crate::domain::model::{ActivityCategory, SessionPlan, SessionStatus};
use crate::domain::rules::parse_slot;
use crate::domain::Finding;
use crate::format;
use crate::i18n::{activity_label, Locale};
use crate::planning::planner::{refusal, Panel, Planner};
use leptos::prelude::*;

/// A modal dialog: it takes the keyboard focus when it opens, keeps Tab
/// inside it, closes with Escape, and gives the focus back to what opened
/// it when it closes (`components::focus`).
#[component]
fn Modal(title: String, close: Callback<()>, children: Children) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let opener = send_wrapper::SendWrapper::new(focus::Opener::now());
        on_cleanup(move || {
            let opener = opener.take();
            // After the dialog has left the page, and the week is redrawn.
            request_animation_frame(move || opener.give_back());
        });
    }
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="dialog-title"
                tabindex="-1"
                node_ref=dialog
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        close.run(())
                    } else if let Some(root) = dialog.get_untracked() {
                        focus::trap_tab(&ev, &root);
                    }
                }
            >
                <h2 id="dialog-title">{title}</h2>
                {children()}
            </div>
        </div>
    }
}

/// Day, start, end and venue fields, with the findings of what they hold.
#[component]
fn SlotFields(
    date: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    venue: RwSignal<String>,
    venues: Vec<(VenueId, String)>,
    findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    view! {
        <Field control="slot-date" label="Jour">
            <input
                id="slot-date"
                type="date"
                required
                prop:value=date
                on:input=move |ev| date.set(event_target_value(&ev))
            />
        </Field>
        <div class="field-row">
            <Field control="slot-start" label="Début">
                <input
                    id="slot-start"
                    type="time"
                    step="900"
                    required
                    prop:value=start
                    on:input=move |ev| start.set(event_target_value(&ev))
                />
            </Field>
            <Field control="slot-end" label="Fin">
                <input
                    id="slot-end"
                    type="time"
                    step="900"
                    required
                    prop:value=end
                    on:input=move |ev| end.set(event_target_value(&ev))
                />
            </Field>
        </div>
        <Field control="slot-venue" label="Lieu">
            <select
                id="slot-venue"
                on:change=move |ev| venue.set(event_target_value(&ev))
                prop:value=venue
            >
                {venues
                    .into_iter()
                    .map(|(vid, name)| view! { <option value=vid.to_string()>{name}</option> })
                    .collect_view()}
            </select>
        </Field>
        <div class="badges" aria-live="polite">
            {move || {
                findings
                    .get()
                    .into_iter()
                    .map(|f| view! { <FindingBadge finding=f /> })
                    .collect_view()
            }}
        </div>
    }
}

/// "Cette séance" or "celle-ci et les suivantes", for a session of a series.
#[component]
fn ExtentChoice(following: RwSignal<bool>) -> impl IntoView {
    view! {
        <fieldset class="field choice">
            <legend>"Appliquer à"</legend>
            <label>
                <input
                    type="radio"
                    name="extent"
                    prop:checked=move || !following.get()
                    on:change=move |_| following.set(false)
                />
                " cette séance"
            </label>
            <label>
                <input
                    type="radio"
                    name="extent"
                    prop:checked=following
                    on:change=move |_| following.set(true)
                />
                " celle-ci et les suivantes"
            </label>
        </fieldset>
    }
}

fn hhmm(t: chrono::NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// "Déplacer…": the same move without dragging, and the session's
/// accompanists.
#[component]
pub fn MoveDialog(planner: Planner) -> impl IntoView {
    move || {
        let (id, panel) = planner.dialog.get()?;
        if panel != Panel::Move {
            return None;
        }
        let line = planner.line(&id)?;
        let date = RwSignal::new(line.date.to_string());
        let start = RwSignal::new(hhmm(line.start));
        let end = RwSignal::new(hhmm(line.end));
        let venue = RwSignal::new(line.venue.0.clone());
        let following = RwSignal::new(false);
        let close = Callback::new(move |_| planner.dialog.set(None));
        let check_id = StoredValue::new(id.clone());
        let parsed = move || {
            let thresholds = planner.context.with_untracked(|c| c.thresholds);
            check_id
                .with_value(|id| parse_slot(id, &date.get(), &start.get(), &end.get(), &thresholds))
        };
        let find_id = id.clone();
        let findings = Signal::derive(move || match parsed() {
            Err(f) => vec![f],
            Ok(slot) => {
                let v = VenueId(venue.get());
                planner.findings_if(&find_id, |s| {
                    s.slot = slot;
                    s.venue = v;
                })
            }
        });
        let submit_id = id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let found = findings.get_untracked();
            if has_errors(&found) {
                planner.say(false, refusal("Déplacement refusé", &found));
                return;
            }
            if let Ok(slot) = parsed() {
                let venue = VenueId(venue.get_untracked());
                if following.get_untracked() {
                    planner.save_move_following(submit_id.clone(), slot, venue);
                } else {
                    planner.save_move(submit_id.clone(), slot, venue, true);
                }
                close.run(());
            }
        };
        let staff_id = id.clone();
        let add_id = id.clone();
        let title = format!(
            "Déplacer la séance {} du {}",
            line.group_name,
            format::day_month(line.date)
        );
        let in_series = line.series.is_some();
        Some(view! {
            <Modal title close>
                <form on:submit=on_submit>
                    <SlotFields date start end venue venues=planner.venues.get_value() findings />
                    {in_series.then(|| view! { <ExtentChoice following /> })}
                    <div class="dialog-actions">
                        <button type="submit" class="button button-primary">
                            "Enregistrer"
                        </button>
                        <button type="button" class="button" on:click=move |_| close.run(())>
                            "Fermer"
                        </button>
                    </div>
                </form>
                <h3>"Accompagnateurs"</h3>
                <ul class="staff-list">
                    {line
                        .accompanists
                        .iter()
                        .map(|(aid, name)| {
                            let aid = aid.clone();
                            let sid = staff_id.clone();
                            view! {
                                <li>
                                    {name.clone()}
                                    <button
                                        type="button"
                                        class="button button-small"
                                        on:click=move |_| {
                                            planner.save_staff(sid.clone(), aid.clone(), false);
                                            close.run(());
                                        }
                                    >
                                        {format!("Retirer {name}")}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <AddStaff planner session=add_id on_done=close />
            </Modal>
        })
    }
}

#[component]
fn AddStaff(planner: Planner, session: SessionId, on_done: Callback<()>) -> impl IntoView {
    let choice = RwSignal::new(String::new());
    let id = session.clone();
    view! {
        <form
            class="field-row"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let who = choice.get();
                if !who.is_empty() {
                    planner.save_staff(id.clone(), AccompanistId(who), true);
                    on_done.run(());
                }
            }
        >
            <Field control="add-staff" label="Ajouter un accompagnateur">
                <select id="add-staff" on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="">"Choisir…"</option>
                    {planner
                        .staff
                        .get_value()
                        .into_iter()
                        .map(|(id, n)| view! { <option value=id.to_string()>{n}</option> })
                        .collect_view()}
                </select>
            </Field>
            <button type="submit" class="button">
                "Ajouter"
            </button>
        </form>
    }
}

/// "Séance…": the session plan, and cancelling, deleting or restoring it.
#[component]
pub fn SessionDialog(planner: Planner) -> impl IntoView {
    move || {
        let (id, panel) = planner.dialog.get()?;
        if panel != Panel::Session {
            return None;
        }
        let line = planner.line(&id)?;
        let close = Callback::new(move |_| planner.dialog.set(None));
        let title = format!(
            "Séance {} du {}, {}",
            line.group_name,
            format::day_month(line.date),
            format::time_range(line.start, line.end)
        );
        let status = match line.status {
            SessionStatus::Draft => {
                "Brouillon : les familles et les accompagnateurs ne la voient pas encore."
            }
            SessionStatus::Planned => "Publiée : les familles et les accompagnateurs la voient.",
            SessionStatus::Cancelled => "Annulée.",
            SessionStatus::Held => "Tenue : elle ne se modifie plus.",
        };
        let plannable = line.status.is_plannable();
        Some(view! {
            <Modal title close>
                <p class="hint">{status}</p>
                {matches!(line.status, SessionStatus::Planned | SessionStatus::Held)
                    .then(|| {
                        view! {
                            <p>
                                <a href=format!("/appel/{}", line.id)>"Feuille d'appel"</a>
                            </p>
                        }
                    })}
                <PlanForm planner line=line.clone() editable=plannable close />
                {match line.status {
                    SessionStatus::Planned => {
                        view! { <CancelForm planner line=line.clone() close /> }.into_any()
                    }
                    SessionStatus::Draft => {
                        view! { <DeleteForm planner line=line.clone() close /> }.into_any()
                    }
                    SessionStatus::Cancelled => {
                        let rid = line.id.clone();
                        view! {
                            <p>
                                {format!(
                                    "Motif donné aux familles : {}",
                                    line.cancel_reason.clone().unwrap_or_default(),
                                )}
                            </p>
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    planner.restore(rid.clone());
                                    close.run(());
                                }
                            >
                                "Rétablir la séance"
                            </button>
                        }
                            .into_any()
                    }
                    SessionStatus::Held => ().into_any(),
                }}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>
                        "Fermer"
                    </button>
                </div>
            </Modal>
        })
    }
}

/// The planned activities by category, and the parents' place.
#[component]
fn PlanForm(
    planner: Planner,
    line: crate::planning::types::SessionLine,
    editable: bool,
    close: Callback<()>,
) -> impl IntoView {
    let chosen = RwSignal::new(line.plan.activities.clone());
    let welcome = RwSignal::new(line.plan.parents_welcome);
    let shared = RwSignal::new(line.plan.shared_with_parents);
    let id = line.id.clone();
    view! {
        <form on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut activities = chosen.get_untracked();
            activities.sort();
            planner
                .save_plan(
                    id.clone(),
                    SessionPlan {
                        activities,
                        parents_welcome: welcome.get_untracked(),
                        shared_with_parents: shared.get_untracked(),
                    },
                    true,
                );
            close.run(());
        }>
            <fieldset class="field choice" disabled=!editable>
                <legend>"Programme de la séance"</legend>
                {ActivityCategory::ALL
                    .iter()
                    .map(|a| {
                        let a = *a;
                        view! {
                            <label>
                                <input
                                    type="checkbox"
                                    data-activity=a.as_str()
                                    prop:checked=move || chosen.with(|c| c.contains(&a))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen
                                            .update(|c| {
                                                c.retain(|x| *x != a);
                                                if on {
                                                    c.push(a);
                                                }
                                            });
                                    }
                                />
                                {format!(" {}", activity_label(a, Locale::Fr))}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="field choice" disabled=!editable>
                <legend>"Les parents"</legend>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=welcome
                        on:change=move |ev| welcome.set(event_target_checked(&ev))
                    />
                    " Parents bienvenus"
                </label>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=shared
                        on:change=move |ev| shared.set(event_target_checked(&ev))
                    />
                    " Séance partagée parents et enfants"
                </label>
            </fieldset>
            {editable
                .then(|| {
                    view! {
                        <button type="submit" class="button button-primary">
                            "Enregistrer le programme"
                        </button>
                    }
                })}
        </form>
    }
}

/// Cancelling a published session: the reason is shown to the families.
#[component]
fn CancelForm(
    planner: Planner,
    line: crate::planning::types::SessionLine,
    close: Callback<()>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let following = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = line.id.clone();
    view! {
        <form
            class="danger-zone"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                match crate::planning::series::parse_reason(&reason.get_untracked()) {
                    Ok(text) => {
                        planner.cancel(id.clone(), text, following.get_untracked());
                        close.run(());
                    }
                    Err(error) => problem.set(Some(crate::i18n::error_message(&error, Locale::Fr))),
                }
            }
        >
            <h3>"Annuler la séance"</h3>
            <Field control="cancel-reason" label="Motif (les familles le verront)">
                <textarea
                    id="cancel-reason"
                    rows="2"
                    maxlength="300"
                    required
                    aria-invalid=move || problem.get().is_some().to_string()
                    aria-describedby="cancel-problem"
                    prop:value=reason
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
                <p id="cancel-problem" class="form-error" role="alert">
                    {move || problem.get()}
                </p>
            </Field>
            {line.series.is_some().then(|| view! { <ExtentChoice following /> })}
            <button type="submit" class="button button-danger">
                "Annuler la séance"
            </button>
        </form>
    }
}

/// Deleting a draft (nobody else has seen it).
#[component]
fn DeleteForm(
    planner: Planner,
    line: crate::planning::types::SessionLine,
    close: Callback<()>,
) -> impl IntoView {
    let following = RwSignal::new(false);
    let id = line.id.clone();
    view! {
        <form
            class="danger-zone"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                planner.delete(id.clone(), following.get_untracked());
                close.run(());
            }
        >
            <h3>"Supprimer le brouillon"</h3>
            {line.series.is_some().then(|| view! { <ExtentChoice following /> })}
            <button type="submit" class="button button-danger">
                "Supprimer le brouillon"
            </button>
        </form>
    }
}

/// "Nouvelle séance…": a session created without dragging.
#[component]
pub fn CreateDialog(planner: Planner) -> impl IntoView {
    move || {
        let new = planner.creating.get()?;
        let group = planner.group(&new.group)?;
        let date = RwSignal::new(new.slot.date.to_string());
        let start = RwSignal::new(hhmm(new.slot.time.start));
        let end = RwSignal::new(hhmm(new.slot.time.end));
        let venue = RwSignal::new(
            planner
                .default_venue(&group)
                .map(|v| v.0)
                .unwrap_or_default(),
        );
        let close = Callback::new(move |_| planner.creating.set(None));
        let probe = StoredValue::new(SessionId("nouvelle-seance".into()));
        let parsed = move || {
            let thresholds = planner.context.with_untracked(|c| c.thresholds);
            probe
                .with_value(|id| parse_slot(id, &date.get(), &start.get(), &end.get(), &thresholds))
        };
        let group_id = group.id.clone();
        let findings = Signal::derive(move || match parsed() {
            Err(f) => vec![f],
            Ok(slot) => planner.findings_new(&group_id, slot, Some(VenueId(venue.get()))),
        });
        let submit_group = group.id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let found = findings.get_untracked();
            if has_errors(&found) {
                planner.say(false, refusal("Création refusée", &found));
                return;
            }
            if let Ok(slot) = parsed() {
                let slot: Slot = slot;
                planner.create(
                    submit_group.clone(),
                    slot,
                    Some(VenueId(venue.get_untracked())),
                );
                close.run(());
            }
        };
        let title = format!("Nouvelle séance pour {}", group.name);
        Some(view! {
            <Modal title close>
                <p class="hint">
                    "Elle est créée en brouillon, avec les accompagnateurs du groupe."
                </p>
                <form on:submit=on_submit>
                    <SlotFields date start end venue venues=planner.venues.get_value() findings />
                    <div class="dialog-actions">
                        <button type="submit" class="button button-primary">
                            "Créer la séance"
                        </button>
                        <button type="button" class="button" on:click=move |_| close.run(())>
                            "Fermer"
                        </button>
                    </div>
                </form>
            </Modal>
        })
    }
}

/// Asked after dropping a session of a series somewhere else.
#[component]
pub fn SeriesQuestion(planner: Planner) -> impl IntoView {
    move || {
        let pending = planner.pending.get()?;
        let close = Callback::new(move |_| planner.pending.set(None));
        let one = pending.clone();
        let all = pending.clone();
        let title = format!(
            "Déplacer vers le {}, {} ?",
            format::day_month(pending.slot.date),
            format::time_range(pending.slot.time.start, pending.slot.time.end)
        );
        Some(view! {
            <Modal title close>
                <p>"Cette séance revient chaque semaine. Que faut-il déplacer ?"</p>
                <div class="dialog-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| {
                            planner
                                .save_move(one.session.clone(), one.slot, one.venue.clone(), true);
                            close.run(());
                        }
                    >
                        "Cette séance"
                    </button>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            planner
                                .save_move_following(
                                    all.session.clone(),
                                    all.slot,
                                    all.venue.clone(),
                                );
                            close.run(());
                        }
                    >
                        "Celle-ci et les suivantes"
                    </button>
                    <button type="button" class="button" on:click=move |_| close.run(())>
                        "Ne rien changer"
                    </button>
                </div>
            </Modal>
        })
    }
}
