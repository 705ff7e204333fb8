//! « Données de la famille » (`/donnees-famille/:child`): everything the
//! structure holds about a family, readable, to answer an access request,
//! with the same data as a JSON file to download.

use crate::components::Loaded;
use crate::domain::model::AttendanceStatus;
use crate::format;
use crate::records::child::api::preview_family;
use crate::records::child::types::{ExportedChild, FamilyExport};
use crate::records::children::pages::{level_label, referral_label, status_label};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FamilyExportPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || crate::domain::ChildId(params.read().get("id").unwrap_or_default()),
        preview_family,
    );
    view! {
        <main id="contenu" class="page family-export">
            <Loaded
                resource=data
                error_heading="Données de la famille"
                render=move |export| view! { <Export export /> }
            />
        </main>
    }
}

#[component]
fn Export(export: FamilyExport) -> impl IntoView {
    let first = export
        .children
        .first()
        .map(|c| c.record.id.0.clone())
        .unwrap_or_default();
    view! {
        <p class="breadcrumb no-print">
            <a href=format!("/inscriptions/{first}")>"← Fiche de l'enfant"</a>
        </p>
        <h1>"Données de la famille"</h1>
        <p class="lead">
            {format!(
                "Ce que {} conserve sur cette famille au {}. À remettre à la famille qui en fait la demande (droit d'accès).",
                export.organisation,
                format::full_date(export.exported_on),
            )}
        </p>
        // A form's POST, not a link: each download is written in the
        // children's history, and only this site may ask for one.
        <form class="actions no-print" method="post" action="/api/records/family-export">
            <input type="hidden" name="child" value=first />
            <button type="submit" class="button button-primary">
                "Télécharger (JSON)"
            </button>
        </form>
        <h2>"Responsables"</h2>
        <ul class="plain-list">
            {export
                .guardians
                .iter()
                .map(|g| {
                    let address = g.address.as_ref().map(|a| a.replace('\n', ", "));
                    let contact = [g.phone.clone(), g.email.clone(), address]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li>
                            <strong>{g.name.clone()}</strong>
                            {(!contact.is_empty()).then(|| format!(" — {contact}"))}
                            {g.has_account.then_some(" — compte sur le portail des familles")}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {export.children.into_iter().map(|child| view! { <ChildData child /> }).collect_view()}
        <h2>"Réponses aux rendez-vous des familles"</h2>
        {if export.event_replies.is_empty() {
            view! { <p class="muted">"Aucune."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list">
                    {export
                        .event_replies
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li>
                                    {format!(
                                        "{} — {} ({}) : {}{}",
                                        format::short_date(r.on),
                                        r.title,
                                        r.guardian,
                                        match r.reply.as_deref() {
                                            Some("oui") => "viendra",
                                            Some("non") => "ne viendra pas",
                                            _ => "pas de réponse",
                                        },
                                        if r.attended { ", est venu(e)" } else { "" },
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2>"Messages de la structure"</h2>
        {if export.messages.is_empty() {
            view! { <p class="muted">"Aucun."</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list export-messages">
                    {export
                        .messages
                        .into_iter()
                        .map(|m| {
                            let read = match m.read_at {
                                Some(at) => format!("lu le {}", format::moment(at)),
                                None => "pas lu".to_string(),
                            };
                            let reply = match m.reply.as_deref() {
                                Some("ack") => ", a répondu « J'ai bien reçu »",
                                Some("yes") => ", a répondu oui",
                                Some("no") => ", a répondu non",
                                _ => "",
                            };
                            view! {
                                <li>
                                    {format!(
                                        "{} — « {} » à {} au sujet de {} : {read}{reply}",
                                        format::short_date(m.sent_at.date()),
                                        m.subject,
                                        m.guardian,
                                        m.child,
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn ChildData(child: ExportedChild) -> impl IntoView {
    let r = child.record;
    let came = child
        .attendance
        .iter()
        .filter(|m| matches!(m.status, AttendanceStatus::Present | AttendanceStatus::Late))
        .count();
    view! {
        <section class="card export-child" data-child-id=r.id.0.clone()>
            <h2>{format!("{} {}", r.first_name, r.last_name)}</h2>
            <dl class="facts">
                <dt>"Statut"</dt>
                <dd>
                    {status_label(r.status)}
                    {r
                        .left
                        .clone()
                        .map(|(on, why)| format!(" le {} ({why})", format::full_date(on)))}
                </dd>
                <dt>"Date de naissance"</dt>
                <dd>{r.birth_date.map(format::birth_date).unwrap_or_default()}</dd>
                <dt>"Classe"</dt>
                <dd>{level_label(r.level)}{r.school.clone().map(|s| format!(", {s}"))}</dd>
                <dt>"Quartier prioritaire"</dt>
                <dd>{if r.priority_area { "oui" } else { "non" }}</dd>
                <dt>"Orientation"</dt>
                <dd>
                    {r
                        .referral
                        .clone()
                        .map(|x| {
                            format!(
                                "{}, le {} — {}",
                                referral_label(x.source),
                                format::full_date(x.on),
                                x.need,
                            )
                        })
                        .unwrap_or_else(|| "—".into())}
                </dd>
                <dt>"Accord des parents"</dt>
                <dd>
                    {r
                        .consent
                        .clone()
                        .map(|c| format!("{}, le {}", c.by, format::full_date(c.on)))
                        .unwrap_or_else(|| "—".into())}
                </dd>
                <dt>"Peut rentrer seul"</dt>
                <dd>{if r.may_leave_alone { "oui" } else { "non" }}</dd>
                <dt>"Photos"</dt>
                <dd>{if r.photo_consent { "accepte" } else { "n'accepte pas" }}</dd>
                <dt>"Adultes autorisés"</dt>
                <dd>
                    {if r.adults.is_empty() {
                        "—".to_string()
                    } else {
                        r.adults
                            .iter()
                            .map(|a| format!("{} ({})", a.name, a.relationship))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }}
                </dd>
                <dt>"Groupes"</dt>
                <dd>
                    {if r.groups.is_empty() {
                        "—".to_string()
                    } else {
                        r.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>().join(", ")
                    }}
                </dd>
                <dt>"Besoins notés"</dt>
                <dd>
                    {if r.needs_note.is_empty() { "—".to_string() } else { r.needs_note.clone() }}
                </dd>
                <dt>"Contrat"</dt>
                <dd>
                    {r
                        .contract
                        .clone()
                        .map(|c| c.objectives.replace('\n', " · "))
                        .unwrap_or_else(|| "—".into())}
                </dd>
                <dt>"Présences"</dt>
                <dd>
                    {format!(
                        "venu(e) à {came} séance(s) sur {} notée(s)",
                        child.attendance.len(),
                    )}
                </dd>
                <dt>"Absences prévenues"</dt>
                <dd>
                    {if child.absence_notices.is_empty() {
                        "—".to_string()
                    } else {
                        child
                            .absence_notices
                            .iter()
                            .map(|n| format!("{} : {}", format::short_date(n.on), n.reason))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }}
                </dd>
                <dt>"Rencontres avec l'école"</dt>
                <dd>
                    {if r.liaisons.is_empty() {
                        "—".to_string()
                    } else {
                        r.liaisons
                            .iter()
                            .map(|l| {
                                format!(
                                    "{} ({}) : {}",
                                    format::short_date(l.met_on),
                                    l.participants,
                                    l.notes,
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" · ")
                    }}
                </dd>
            </dl>
        </section>
    }
}
