//! Above the calendar: undo, publishing the week's drafts, copying the week
//! to the end of the school year, the status line, and the report of a
//! change that touched several sessions.

use crate::components::Field;
use crate::domain::model::SessionStatus;
use crate::format;
use crate::i18n::{finding_message, Locale};
use crate::planning::planner::Planner;
use crate::planning::types::SkipReason;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn Toolbar(planner: Planner, year_end: Option<NaiveDate>) -> impl IntoView {
    let drafts = move || {
        planner.lines.with(|l| {
            l.iter()
                .filter(|s| s.status == SessionStatus::Draft)
                .count()
        })
    };
    let until = RwSignal::new(year_end.map(|d| d.to_string()).unwrap_or_default());
    view! {
        <div class="planner-tools">
            <button
                type="button"
                class="button"
                disabled=move || planner.undo.get().is_none()
                on:click=move |_| planner.undo_last()
            >
                "Annuler la dernière modification"
            </button>
            <Show when=move || { drafts() > 0 }>
                <button
                    type="button"
                    class="button button-primary"
                    on:click=move |_| planner.publish()
                >
                    {move || format!("Publier les brouillons ({})", drafts())}
                </button>
            </Show>
            <details class="copy-week">
                <summary class="button">"Copier la semaine…"</summary>
                <form
                    class="field-row"
                    on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        planner.copy(until.get_untracked());
                    }
                >
                    <Field control="copy-until" label="Chaque semaine d'école jusqu'au">
                        <input
                            id="copy-until"
                            type="date"
                            prop:value=until
                            on:input=move |ev| until.set(event_target_value(&ev))
                        />
                    </Field>
                    <button type="submit" class="button button-primary">
                        "Copier"
                    </button>
                </form>
                <p class="hint">
                    "Les vacances sont sautées ; chaque séance non copiée est listée avec sa raison."
                </p>
            </details>
            <p
                class="planner-message"
                role="status"
                aria-live="polite"
                class:planner-message-error=move || {
                    matches!(planner.message.get(), Some((false, _)))
                }
            >
                {move || planner.message.get().map(|(_, m)| m)}
            </p>
        </div>
    }
}

/// The occurrences left out by a copy or a series change, and why.
#[component]
pub fn ReportPanel(planner: Planner) -> impl IntoView {
    move || {
        let report = planner.report.get()?;
        if report.skipped.is_empty() {
            return None;
        }
        Some(view! {
            <section class="report notice" aria-labelledby="report-title">
                <h2 id="report-title">"Séances laissées de côté, et pourquoi"</h2>
                <ul class="report-list">
                    {report
                        .skipped
                        .into_iter()
                        .map(|s| {
                            let why = match &s.reason {
                                SkipReason::Holiday { name } => name.clone(),
                                SkipReason::Rules { findings } => {
                                    findings
                                        .iter()
                                        .filter(|f| f.is_error())
                                        .map(|f| finding_message(f, Locale::Fr))
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                }
                            };
                            let kind = match s.reason {
                                SkipReason::Holiday { .. } => "holiday",
                                SkipReason::Rules { .. } => "conflict",
                            };
                            view! {
                                <li data-skip=kind data-date=s.date.to_string()>
                                    <strong>
                                        {format!(
                                            "{}, {}, {}",
                                            s.group_name,
                                            format::day_month(s.date),
                                            format::time(s.start),
                                        )}
                                    </strong>
                                    {format!(" : {why}")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| planner.report.set(None)
                >
                    "Masquer"
                </button>
            </section>
        })
    }
}
