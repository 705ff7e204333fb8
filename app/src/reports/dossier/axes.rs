//! The four axes as the dossier's and the report's pages show them: a card
//! per axis with its figures, and the actions behind it (their titles for
//! the coordinator only).

use crate::domain::dossier::{Action, ActionKind, AxisLine};
use crate::format;
use crate::i18n::dossier::axis_label;
use crate::i18n::{family_event_label, Locale};
use leptos::prelude::*;

const L: Locale = Locale::Fr;

/// What kind of action it was, in a few words.
pub fn action_kind(kind: ActionKind) -> String {
    match kind {
        ActionKind::Session => "Séance".into(),
        ActionKind::FamilyEvent(k) => family_event_label(k, L).into(),
        ActionKind::SchoolMeeting(k) => {
            format!(
                "Rencontre école : {}",
                crate::records::logs::pages::liaison_label(k)
            )
        }
        ActionKind::PartnerMeeting => "Réunion de partenaires".into(),
    }
}

fn reached(a: &Action) -> String {
    match a.kind {
        ActionKind::Session => format!("{} enfant(s) présent(s)", a.reached),
        ActionKind::FamilyEvent(_) => format!("{} famille(s) venue(s)", a.reached),
        ActionKind::SchoolMeeting(_) => format!("{} enfant(s) concerné(s)", a.reached),
        ActionKind::PartnerMeeting => String::new(),
    }
}

fn axis_summary(line: &AxisLine) -> String {
    use crate::domain::dossier::Axis;
    let hours = if line.minutes > 0 {
        format!(", {}", format::duration(line.minutes))
    } else {
        String::new()
    };
    match line.axis {
        Axis::Children => format!(
            "{} séance(s) tenue(s){hours} · {} présence(s) d'enfants",
            line.count, line.reached
        ),
        Axis::Parents => format!(
            "{} action(s) avec les parents{hours} · {} venue(s) de familles",
            line.count, line.reached
        ),
        Axis::School => format!(
            "{} rencontre(s) avec l'école · {} enfant(s) concerné(s)",
            line.count, line.reached
        ),
        Axis::Partners => format!("{} réunion(s) de partenaires", line.count),
    }
}

/// The four axes, each with its figures and the actions behind them.
/// `named`: the actions' titles are shown (a coordinator's own).
#[component]
pub fn AxesSection(axes: Vec<AxisLine>, named: bool) -> impl IntoView {
    view! {
        <section class="report-section" aria-labelledby="axes">
            <h2 id="axes">"Les quatre axes"</h2>
            <p class="muted">
                "La CAF finance les actions menées sur les quatre axes à la fois : chacun liste ce qui est enregistré dans Passerelle."
            </p>
            <ul class="cards axes">
                {axes
                    .into_iter()
                    .map(|line| {
                        let empty = line.count == 0;
                        let summary = axis_summary(&line);
                        let heading = axis_label(line.axis, L);
                        view! {
                            <li
                                class="card"
                                data-axis=line.axis.as_str()
                                data-count=line.count.to_string()
                            >
                                <h3>{heading}</h3>
                                <p>{summary}</p>
                                {if empty {
                                    view! {
                                        <p class="badge badge-warning">
                                            "Rien d'enregistré cette année"
                                        </p>
                                    }
                                        .into_any()
                                } else {
                                    view! { <ActionList actions=line.actions named /> }.into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ActionList(actions: Vec<Action>, named: bool) -> impl IntoView {
    let count = actions.len();
    view! {
        <details>
            <summary>{format!("Voir les {count} action(s)")}</summary>
            <ul class="plain-list">
                {actions
                    .into_iter()
                    .map(|a| {
                        let mut parts = vec![format::short_date(a.on), action_kind(a.kind)];
                        if named && !a.title.is_empty() {
                            parts.push(a.title.clone());
                        }
                        let who = reached(&a);
                        if !who.is_empty() {
                            parts.push(who);
                        }
                        view! { <li>{parts.join(" · ")}</li> }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
