//! « Fiche de l'enfant » (`/inscriptions/:id`): the coordinator's record of
//! one child for the year: family, referral and consent, follow-up,
//! authorised adults, groups and waiting lists, the contract, leaving, and
//! every change made to the record.

use crate::components::{form_error, successes, CheckedForm, Field, Loaded};
use crate::form_messages::field_name;
use crate::format;
use crate::i18n::use_locale;
use crate::records::child::api::*;
use crate::records::child::types::{ChildRecord, Offer};
use crate::records::children::pages::{level_label, referral_label, status_label};
use crate::records::logs::pages::LiaisonList;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Every form of the page; a success reloads the record.
#[derive(Clone, Copy)]
struct Actions {
    follow_up: ServerAction<SaveFollowUp>,
    leave: ServerAction<RecordLeaving>,
    add_adult: ServerAction<AddAdult>,
    remove_adult: ServerAction<RemoveAdult>,
    approve_adult: ServerAction<ApproveAdult>,
    wait: ServerAction<AddToWaitingList>,
    unwait: ServerAction<RemoveFromWaitingList>,
    admit: ServerAction<AdmitFromWaitingList>,
    contract: ServerAction<SaveContract>,
    guardian: ServerAction<AddGuardian>,
    identity: ServerAction<SaveIdentity>,
    referral: ServerAction<AddReferral>,
    consent: ServerAction<AddConsent>,
}

#[component]
pub fn ChildRecordPage() -> impl IntoView {
    let params = use_params_map();
    let a = Actions {
        follow_up: ServerAction::new(),
        leave: ServerAction::new(),
        add_adult: ServerAction::new(),
        remove_adult: ServerAction::new(),
        approve_adult: ServerAction::new(),
        wait: ServerAction::new(),
        unwait: ServerAction::new(),
        admit: ServerAction::new(),
        contract: ServerAction::new(),
        guardian: ServerAction::new(),
        identity: ServerAction::new(),
        referral: ServerAction::new(),
        consent: ServerAction::new(),
    };
    let changes = [
        successes(a.follow_up.value()),
        successes(a.leave.value()),
        successes(a.add_adult.value()),
        successes(a.remove_adult.value()),
        successes(a.approve_adult.value()),
        successes(a.wait.value()),
        successes(a.unwait.value()),
        successes(a.admit.value()),
        successes(a.contract.value()),
        successes(a.guardian.value()),
        successes(a.identity.value()),
        successes(a.referral.value()),
        successes(a.consent.value()),
    ];
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                changes.iter().map(|c| c.get()).sum::<u32>(),
            )
        },
        |(id, _)| load_child_record(crate::domain::ChildId(id)),
    );
    view! {
        <main id="contenu" class="page child-record">
            <p class="breadcrumb">
                <a href="/inscriptions">"← Enfants"</a>
            </p>
            <Loaded
                resource=data
                error_heading="Fiche de l'enfant"
                render=move |record| view! { <Record record a /> }
            />
        </main>
    }
}

#[component]
fn Record(record: ChildRecord, a: Actions) -> impl IntoView {
    let id = record.id.0.clone();
    let left = record.left.clone();
    let birth = record
        .birth_date
        .map(|d| format!("né(e) le {}", format::birth_date(d)))
        .unwrap_or_default();
    let facts = [
        Some(level_label(record.level).to_string()),
        record.school.clone(),
        Some(birth),
        record
            .priority_area
            .then(|| "quartier prioritaire (QPV)".to_string()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <h1>{format!("{} {}", record.first_name, record.last_name)}</h1>
        <p class="record-facts">
            <span class="status-pill" data-status=record.status.as_str()>
                {status_label(record.status)}
            </span>
            " "
            {facts}
        </p>
        <IdentityCard record=record.clone() action=a.identity />
        {record
            .consent_to_renew()
            .map(|from| {
                view! {
                    <p class="notice notice-warning" data-renew-from=from.to_string()>
                        {format!(
                            "À renouveler pour l'année qui commence le {} : l'accord des parents (un nouvel accord daté de ce jour ou après) et le contrat.",
                            format::full_date(from),
                        )}
                    </p>
                }
            })}
        {left
            .map(|(on, reason)| {
                view! {
                    <p class="notice" data-left-on=on.to_string()>
                        {format!(
                            "A quitté l'accompagnement le {} : {reason}",
                            format::full_date(on),
                        )}
                    </p>
                }
            })}
        <OffersNotice leave=a.leave admit=a.admit />
        <div class="two-columns">
            <Family record=record.clone() action=a.guardian referral=a.referral consent=a.consent />
            <FollowUpCard record=record.clone() action=a.follow_up />
        </div>
        <div class="two-columns">
            <GroupsCard record=record.clone() a />
            <AdultsCard
                record=record.clone()
                add=a.add_adult
                remove=a.remove_adult
                approve=a.approve_adult
            />
        </div>
        <ContractCard record=record.clone() action=a.contract />
        <section>
            <h2>"Rencontres avec l'école"</h2>
            <LiaisonList liaisons=record.liaisons.clone() />
            <p>
                <a href="/suivi">"Noter une rencontre"</a>
            </p>
        </section>
        {(record.status != crate::domain::model::ChildStatus::Left)
            .then(|| view! { <LeaveCard child=id.clone() today=record.today action=a.leave /> })}
        <p class="actions">
            <a class="button" href=format!("/messages?a=child:{id}")>
                "Écrire à la famille"
            </a>
            <a class="button" href=format!("/donnees-famille/{id}")>
                "Données de la famille (droit d'accès)"
            </a>
        </p>
        <History record />
    }
}

/// « Corriger l'identité »: the enrolment's identity fields, checked the
/// same way.
#[component]
fn IdentityCard(record: ChildRecord, action: ServerAction<SaveIdentity>) -> impl IntoView {
    use crate::domain::model::{SchoolLevel, Sex};
    let error = form_error(action.value());
    let today = record.today;
    let birth = record.birth_date.map(|d| d.to_string()).unwrap_or_default();
    let school = record.school_id.clone();
    view! {
        <details class="card identity-card">
            <summary>"Corriger l'identité"</summary>
            <CheckedForm
                action
                check=move |input: &SaveIdentity| input.form.check(today).map(|_| ())
            >
                <input type="hidden" name="child" value=record.id.0.clone() />
                <div class="field-row">
                    <Field
                        control="identity-first"
                        label="Prénom de l'enfant"
                        refused="child_first_name"
                    >
                        <input
                            id="identity-first"
                            name="form[first_name]"
                            type="text"
                            required
                            maxlength="80"
                            value=record.first_name.clone()
                        />
                    </Field>
                    <Field
                        control="identity-last"
                        label="Nom de l'enfant"
                        refused="child_last_name"
                    >
                        <input
                            id="identity-last"
                            name="form[last_name]"
                            type="text"
                            required
                            maxlength="80"
                            value=record.last_name.clone()
                        />
                    </Field>
                </div>
                <div class="field-row">
                    <Field control="identity-birth" label="Date de naissance" refused="birth_date">
                        <input
                            id="identity-birth"
                            name="form[birth_date]"
                            type="date"
                            required
                            value=birth
                            max=today.to_string()
                        />
                    </Field>
                    <Field control="identity-sex" label="Sexe">
                        <select id="identity-sex" name="form[sex]" required>
                            <option value="F" selected=record.sex == Sex::Female>
                                "Fille"
                            </option>
                            <option value="M" selected=record.sex == Sex::Male>
                                "Garçon"
                            </option>
                        </select>
                    </Field>
                </div>
                <div class="field-row">
                    <Field control="identity-school" label="Établissement" refused="school">
                        <select id="identity-school" name="form[school]">
                            <option value="">"Non renseigné"</option>
                            {record
                                .schools
                                .iter()
                                .map(|(id, name)| {
                                    view! {
                                        <option
                                            value=id.0.clone()
                                            selected=school.as_ref() == Some(id)
                                        >
                                            {name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field control="identity-level" label="Classe">
                        <select id="identity-level" name="form[level]" required>
                            {SchoolLevel::ALL
                                .iter()
                                .map(|l| {
                                    view! {
                                        <option value=l.as_str() selected=*l == record.level>
                                            {level_label(*l)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                </div>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        name="form[priority_area]"
                        value="on"
                        checked=record.priority_area
                    />
                    " Habite un quartier prioritaire (QPV)"
                </label>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Enregistrer l'identité"
                </button>
            </CheckedForm>
        </details>
    }
}

/// After a child left: the places freed, each with the first child waiting
/// and a button to give them the place.
#[component]
fn OffersNotice(
    leave: ServerAction<RecordLeaving>,
    admit: ServerAction<AdmitFromWaitingList>,
) -> impl IntoView {
    let offers = move || match leave.value().get() {
        Some(Ok(offers)) if !offers.is_empty() => Some(offers),
        _ => None,
    };
    view! {
        {move || {
            offers()
                .map(|offers| {
                    view! {
                        <div class="form-success" role="status">
                            <p>
                                <strong>"Une place s'est libérée."</strong>
                            </p>
                            {offers
                                .into_iter()
                                .map(|o| view! { <OfferLine offer=o admit /> })
                                .collect_view()}
                        </div>
                    }
                })
        }}
    }
}

#[component]
fn OfferLine(offer: Offer, admit: ServerAction<AdmitFromWaitingList>) -> impl IntoView {
    view! {
        <ActionForm action=admit>
            <input type="hidden" name="child" value=offer.child.0.clone() />
            <input type="hidden" name="group" value=offer.group.0.clone() />
            <p data-offer-group=offer
                .group
                .0
                .clone()>
                {format!(
                    "Groupe {} : {} est le premier sur la liste d'attente. ",
                    offer.group_name,
                    offer.child_name,
                )} <button type="submit" class="button button-primary">
                    {format!("Inscrire {}", offer.child_name)}
                </button>
            </p>
        </ActionForm>
    }
}

#[component]
fn Family(
    record: ChildRecord,
    action: ServerAction<AddGuardian>,
    referral: ServerAction<AddReferral>,
    consent: ServerAction<AddConsent>,
) -> impl IntoView {
    let l = use_locale();
    let child = record.id.0.clone();
    let guardians = record.guardians.clone();
    let error = form_error(action.value());
    view! {
        <section class="card">
            <h2>"Famille"</h2>
            <ul class="plain-list">
                {record
                    .guardians
                    .into_iter()
                    .map(|g| {
                        let contact = [
                            g.phone.clone(),
                            g.email.clone(),
                            g.address.clone().map(|a| a.replace('\n', ", ")),
                        ]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li>
                                <strong>{g.name}</strong>
                                {(!contact.is_empty())
                                    .then(|| {
                                        view! {
                                            <br />
                                            <span>{contact}</span>
                                        }
                                    })}
                                <br />
                                <span class="muted">
                                    {if g.has_account {
                                        "a un compte sur le portail des familles"
                                    } else {
                                        "pas encore de compte (invitez-le depuis « Invitations »)"
                                    }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <details>
                <summary>"Ajouter un responsable"</summary>
                <CheckedForm action check=|input: &AddGuardian| input.form.check().map(|_| ())>
                    <input type="hidden" name="child" value=child />
                    <div class="field-row">
                        <Field
                            control="guardian-first"
                            label="Prénom"
                            refused="guardian_first_name"
                        >
                            <input
                                id="guardian-first"
                                name="form[first_name]"
                                type="text"
                                required
                                maxlength="80"
                                autocomplete="off"
                            />
                        </Field>
                        <Field
                            control="guardian-last"
                            label={field_name("guardian_last_name", l)}
                            refused="guardian_last_name"
                        >
                            <input
                                id="guardian-last"
                                name="form[last_name]"
                                type="text"
                                required
                                maxlength="80"
                                autocomplete="off"
                            />
                        </Field>
                    </div>
                    <div class="field-row">
                        <Field
                            control="guardian-phone"
                            label={field_name("guardian_phone", l)}
                            refused="guardian_phone"
                        >
                            <input
                                id="guardian-phone"
                                name="form[phone]"
                                type="tel"
                                autocomplete="off"
                            />
                        </Field>
                        <Field control="guardian-email" label="E-mail" refused="guardian_email">
                            <input
                                id="guardian-email"
                                name="form[email]"
                                type="email"
                                autocomplete="off"
                            />
                        </Field>
                    </div>
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">
                            {error}
                        </p>
                    </Show>
                    <button type="submit" class="button">
                        "Ajouter ce responsable"
                    </button>
                </CheckedForm>
            </details>
            <h3>"Orientation"</h3>
            {match record.referral {
                Some(r) => {
                    view! {
                        <p>
                            {format!(
                                "{}, le {}",
                                referral_label(r.source),
                                format::full_date(r.on),
                            )}
                        </p>
                        {(!r.need.is_empty())
                            .then(|| {
                                view! {
                                    <p class="muted">{format!("Besoin repéré : {}", r.need)}</p>
                                }
                            })}
                    }
                        .into_any()
                }
                None => view! { <p class="muted">"Pas d'orientation enregistrée."</p> }.into_any(),
            }}
            <ReferralForm child=record.id.0.clone() today=record.today action=referral />
            <h3>"Accord des parents"</h3>
            {match record.consent {
                Some(c) => {
                    view! {
                        <p>
                            {format!(
                                "{}, le {} ({})",
                                c.by,
                                format::full_date(c.on),
                                consent_method(&c.method),
                            )}
                        </p>
                    }
                        .into_any()
                }
                None => view! { <p class="muted">"Pas d'accord enregistré."</p> }.into_any(),
            }}
            <ConsentForm child=record.id.0.clone() today=record.today guardians action=consent />
        </section>
    }
}

/// « Enregistrer une orientation »: a referral after enrolment.
#[component]
fn ReferralForm(
    child: String,
    today: chrono::NaiveDate,
    action: ServerAction<AddReferral>,
) -> impl IntoView {
    use crate::domain::model::ReferralSource;
    let error = form_error(action.value());
    view! {
        <details>
            <summary>"Enregistrer une orientation"</summary>
            <CheckedForm
                action
                check=move |input: &AddReferral| input.form.check(today).map(|_| ())
            >
                <input type="hidden" name="child" value=child />
                <div class="field-row">
                    <Field control="referral-source" label="Orienté par" refused="referral_source">
                        <select id="referral-source" name="form[source]" required>
                            <option value="">"—"</option>
                            {ReferralSource::ALL
                                .iter()
                                .map(|s| {
                                    view! { <option value=s.as_str()>{referral_label(*s)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field
                        control="referral-on"
                        label="Date de l'orientation"
                        refused="referral_date"
                    >
                        <input
                            id="referral-on"
                            name="form[on]"
                            type="date"
                            required
                            max=today.to_string()
                        />
                    </Field>
                </div>
                <Field
                    control="referral-need-record"
                    label="Besoin repéré"
                    refused="referral_need"
                >
                    <textarea
                        id="referral-need-record"
                        name="form[need]"
                        rows="2"
                        maxlength="500"
                    ></textarea>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button">
                    "Enregistrer l'orientation"
                </button>
            </CheckedForm>
        </details>
    }
}

/// « Enregistrer l'accord des parents »: a consent after enrolment.
#[component]
fn ConsentForm(
    child: String,
    today: chrono::NaiveDate,
    guardians: Vec<crate::records::child::types::GuardianLine>,
    action: ServerAction<AddConsent>,
) -> impl IntoView {
    let error = form_error(action.value());
    view! {
        <details>
            <summary>"Enregistrer l'accord des parents"</summary>
            <CheckedForm action check=move |input: &AddConsent| input.form.check(today).map(|_| ())>
                <input type="hidden" name="child" value=child />
                <div class="field-row">
                    <Field
                        control="consent-guardian"
                        label="Accord donné par"
                        refused="consent_guardian"
                    >
                        <select id="consent-guardian" name="form[guardian]" required>
                            {guardians
                                .into_iter()
                                .map(|g| view! { <option value=g.id.0>{g.name}</option> })
                                .collect_view()}
                        </select>
                    </Field>
                    <Field control="consent-on" label="Date de l'accord" refused="consent_date">
                        <input
                            id="consent-on"
                            name="form[on]"
                            type="date"
                            required
                            max=today.to_string()
                        />
                    </Field>
                    <Field control="consent-method-record" label="Forme">
                        <select id="consent-method-record" name="form[method]">
                            <option value="papier">"Sur papier"</option>
                            <option value="en_ligne">"En ligne"</option>
                            <option value="oral">"À l'oral"</option>
                        </select>
                    </Field>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button">
                    "Enregistrer l'accord"
                </button>
            </CheckedForm>
        </details>
    }
}

fn consent_method(code: &str) -> &'static str {
    match code {
        "en_ligne" => "en ligne",
        "oral" => "à l'oral",
        _ => "sur papier",
    }
}

#[component]
fn FollowUpCard(record: ChildRecord, action: ServerAction<SaveFollowUp>) -> impl IntoView {
    let error = form_error(action.value());
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card">
            <h2>"Suivi"</h2>
            <CheckedForm action check=|input: &SaveFollowUp| input.form.check().map(|_| ())>
                <input type="hidden" name="child" value=record.id.0.clone() />
                <label class="checkbox">
                    <input
                        type="checkbox"
                        name="form[may_leave_alone]"
                        value="on"
                        checked=record.may_leave_alone
                    />
                    " Peut rentrer seul"
                </label>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        name="form[photo_consent]"
                        value="on"
                        checked=record.photo_consent
                    />
                    " Accepte d'être pris en photo"
                </label>
                <Field
                    control="needs-note"
                    label="Besoins de l'enfant"
                    refused="needs_note"
                    hint="Visible seulement par la coordination et les accompagnateurs de ses groupes."
                >
                    <textarea
                        id="needs-note"
                        name="form[needs_note]"
                        rows="4"
                        maxlength="2000"
                        aria-describedby="needs-note-hint"
                    >
                        {record.needs_note.clone()}
                    </textarea>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <Show when=saved>
                    <p class="form-success" role="status">
                        "Enregistré."
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Enregistrer le suivi"
                </button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn GroupsCard(record: ChildRecord, a: Actions) -> impl IntoView {
    let child = record.id.0.clone();
    let (admit_error, wait_error, unwait_error) = (
        form_error(a.admit.value()),
        form_error(a.wait.value()),
        form_error(a.unwait.value()),
    );
    let error = move || admit_error().or_else(wait_error).or_else(unwait_error);
    let max = record.group_max;
    let members = if record.groups.is_empty() {
        view! { <p class="muted">"Dans aucun groupe."</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {record
                    .groups
                    .iter()
                    .map(|g| {
                        view! {
                            <li>
                                <a href=format!("/groupes/{}", g.id.0)>{g.name.clone()}</a>
                                {format!(" · {} / {max} enfants", g.enrolled)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    // Each waiting list the child is on; the first child of a group with a
    // free place may be given it here.
    let waiting = record
        .waiting
        .iter()
        .map(|w| {
            let enrolled = record
                .other_groups
                .iter()
                .find(|g| g.id == w.group)
                .map_or(u32::MAX, |g| g.enrolled);
            let free = crate::domain::rules::offered_a_place(w.position, enrolled, max);
            let (child, group) = (child.clone(), w.group.0.clone());
            let admit = if free {
                let (child, group) = (child.clone(), group.clone());
                Some(view! {
                    <ActionForm action=a.admit>
                        <input type="hidden" name="child" value=child />
                        <input type="hidden" name="group" value=group />
                        <button type="submit" class="button button-primary">
                            "Une place est libre : inscrire"
                        </button>
                    </ActionForm>
                })
            } else {
                None
            };
            view! {
                <li
                    class="waiting"
                    data-waiting-group=w.group.0.clone()
                    data-position=w.position.to_string()
                >
                    {format!(
                        "{} : {}e sur la liste depuis le {}",
                        w.group_name,
                        w.position,
                        format::day_month(w.since),
                    )}
                    <div class="actions">
                        {admit} <ActionForm action=a.unwait>
                            <input type="hidden" name="child" value=child />
                            <input type="hidden" name="group" value=group />
                            <button type="submit" class="button">
                                "Retirer de la liste"
                            </button>
                        </ActionForm>
                    </div>
                </li>
            }
        })
        .collect_view();
    let choices: Vec<_> = record
        .other_groups
        .iter()
        .filter(|g| !record.waiting.iter().any(|w| w.group == g.id))
        .map(|g| {
            (
                g.id.0.clone(),
                format!("{} ({} / {max})", g.name, g.enrolled),
            )
        })
        .collect();
    let may_wait = record.status != crate::domain::model::ChildStatus::Left && !choices.is_empty();
    view! {
        <section class="card">
            <h2>"Groupes"</h2>
            {members}
            {(!record.waiting.is_empty())
                .then(|| {
                    view! {
                        <h3>"Listes d'attente"</h3>
                        <ul class="plain-list">{waiting}</ul>
                    }
                })}
            {may_wait
                .then(|| {
                    view! {
                        <ActionForm action=a.wait>
                            <input type="hidden" name="child" value=child.clone() />
                            <Field control="waiting-group" label="Mettre sur la liste d'attente de">
                                <select id="waiting-group" name="group" required>
                                    <option value="">"—"</option>
                                    {choices
                                        .into_iter()
                                        .map(|(id, label)| {
                                            view! { <option value=id>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </Field>
                            <button type="submit" class="button">
                                "Ajouter à la liste d'attente"
                            </button>
                        </ActionForm>
                    }
                })}
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
        </section>
    }
}

#[component]
fn AdultsCard(
    record: ChildRecord,
    add: ServerAction<AddAdult>,
    remove: ServerAction<RemoveAdult>,
    approve: ServerAction<ApproveAdult>,
) -> impl IntoView {
    let child = record.id.0.clone();
    let error = form_error(add.value());
    let remove_error = form_error(remove.value());
    let approve_error = form_error(approve.value());
    let adults = if record.adults.is_empty() {
        view! { <p class="muted">"Aucun autre adulte que les responsables."</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {record
                    .adults
                    .into_iter()
                    .map(|adult| {
                        let child = child.clone();
                        let pending = adult.proposed_by.is_some();
                        let approve_form = adult
                            .proposed_by
                            .clone()
                            .map(|by| {
                                let (child, id) = (child.clone(), adult.id.0.clone());
                                let label = format!("Valider {}", adult.name);
                                view! {
                                    <span class="badge badge-warning">
                                        {format!("Proposé par {by}, à valider")}
                                    </span>
                                    <ActionForm action=approve>
                                        <input type="hidden" name="child" value=child />
                                        <input type="hidden" name="adult" value=id />
                                        <button
                                            type="submit"
                                            class="button button-primary"
                                            aria-label=label
                                        >
                                            "Valider"
                                        </button>
                                    </ActionForm>
                                }
                            });
                        view! {
                            <li class="adult" data-pending=pending.to_string()>
                                <span>
                                    <strong>{adult.name.clone()}</strong>
                                    {format!(" ({})", adult.relationship)}
                                    {adult.phone.map(|p| format!(" · {p}"))}
                                </span>
                                {approve_form}
                                <ActionForm action=remove>
                                    <input type="hidden" name="child" value=child />
                                    <input type="hidden" name="adult" value=adult.id.0 />
                                    <button
                                        type="submit"
                                        class="button"
                                        aria-label=format!(
                                            "{} {}",
                                            if pending { "Refuser" } else { "Retirer" },
                                            adult.name,
                                        )
                                    >
                                        {if pending { "Refuser" } else { "Retirer" }}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card">
            <h2>"Adultes autorisés à venir le chercher"</h2>
            {adults}
            <Show when=move || remove_error().is_some()>
                <p class="form-error" role="alert">
                    {remove_error}
                </p>
            </Show>
            <Show when=move || approve_error().is_some()>
                <p class="form-error" role="alert">
                    {approve_error}
                </p>
            </Show>
            <CheckedForm action=add check=|input: &AddAdult| input.form.check().map(|_| ())>
                <input type="hidden" name="child" value=child />
                <div class="field-row">
                    <Field control="adult-name" label="Nom" refused="adult_name">
                        <input
                            id="adult-name"
                            name="form[name]"
                            type="text"
                            required
                            maxlength="80"
                            autocomplete="off"
                        />
                    </Field>
                    <Field
                        control="adult-relationship"
                        label="Lien avec l'enfant"
                        refused="adult_relationship"
                    >
                        <input
                            id="adult-relationship"
                            name="form[relationship]"
                            type="text"
                            required
                            maxlength="40"
                            placeholder="grand-mère, voisin…"
                        />
                    </Field>
                </div>
                <Field control="adult-phone" label="Téléphone" refused="adult_phone">
                    <input id="adult-phone" name="form[phone]" type="tel" autocomplete="off" />
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button">
                    "Ajouter cet adulte"
                </button>
            </CheckedForm>
        </section>
    }
}

#[component]
fn ContractCard(record: ChildRecord, action: ServerAction<SaveContract>) -> impl IntoView {
    let error = form_error(action.value());
    let contract = record.contract.clone().unwrap_or_default();
    let status = match (&record.contract, &contract.accepted) {
        (None, _) => "Pas encore de contrat cette année.".to_string(),
        (Some(_), None) => "En attente de l'accord de la famille sur le portail.".to_string(),
        (Some(_), Some((by, at))) => format!(
            "Accepté en ligne par {by} le {} à {}.",
            format::full_date(at.date()),
            format::time(at.time())
        ),
    };
    view! {
        <section class="card contract-card">
            <h2>"Contrat d'accompagnement"</h2>
            <p data-contract-status=if contract.accepted.is_some() {
                "accepted"
            } else {
                "open"
            }>{status}</p>
            <CheckedForm action check=|input: &SaveContract| input.form.check().map(|_| ())>
                <input type="hidden" name="child" value=record.id.0.clone() />
                <div class="two-columns">
                    <Field
                        control="contract-objectives"
                        label="Objectifs fixés au diagnostic (un par ligne)"
                        refused="objectives"
                    >
                        <textarea
                            id="contract-objectives"
                            name="form[objectives]"
                            rows="5"
                            maxlength="2000"
                            required
                        >
                            {contract.objectives.clone()}
                        </textarea>
                    </Field>
                    <Field
                        control="contract-engagements"
                        label="Engagements de chacun (un par ligne)"
                        refused="engagements"
                    >
                        <textarea
                            id="contract-engagements"
                            name="form[engagements]"
                            rows="5"
                            maxlength="2000"
                        >
                            {contract.engagements.clone()}
                        </textarea>
                    </Field>
                </div>
                <p class="hint">
                    "Modifier un contrat déjà accepté demande à la famille de l'accepter à nouveau."
                </p>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <div class="actions">
                    <button type="submit" class="button button-primary">
                        "Enregistrer le contrat"
                    </button>
                    {record
                        .contract
                        .is_some()
                        .then(|| {
                            view! {
                                <a class="button" href=format!("/contrats?enfant={}", record.id.0)>
                                    "Imprimer le contrat"
                                </a>
                            }
                        })}
                </div>
            </CheckedForm>
        </section>
    }
}

#[component]
fn LeaveCard(
    child: String,
    today: chrono::NaiveDate,
    action: ServerAction<RecordLeaving>,
) -> impl IntoView {
    let error = form_error(action.value());
    view! {
        <details class="card leave-card">
            <summary>"L'enfant quitte l'accompagnement"</summary>
            <p class="hint">
                "Sa place dans ses groupes est libérée et proposée au premier enfant de la liste d'attente."
            </p>
            <CheckedForm
                action
                check=move |input: &RecordLeaving| input.form.check(today).map(|_| ())
            >
                <input type="hidden" name="child" value=child />
                <div class="field-row">
                    <Field control="left-on" label="Date de sortie" refused="left_on">
                        <input
                            id="left-on"
                            name="form[on]"
                            type="date"
                            required
                            max=today.to_string()
                            value=today.to_string()
                        />
                    </Field>
                    <Field control="left-reason" label="Motif" refused="left_reason">
                        <input
                            id="left-reason"
                            name="form[reason]"
                            type="text"
                            required
                            minlength="3"
                            maxlength="300"
                            placeholder="déménagement, objectifs atteints…"
                        />
                    </Field>
                </div>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-danger">
                    "Enregistrer la sortie"
                </button>
            </CheckedForm>
        </details>
    }
}

#[component]
fn History(record: ChildRecord) -> impl IntoView {
    let l = use_locale();
    view! {
        <section>
            <h2>"Historique des modifications"</h2>
            {if record.history.is_empty() {
                view! { <p class="muted">"Aucune modification enregistrée."</p> }.into_any()
            } else {
                view! {
                    <div
                        class="table-wrap"
                        role="region"
                        tabindex="0"
                        aria-label="Historique des modifications"
                    >
                        <table class="table history">
                            <thead>
                                <tr>
                                    <th scope="col">"Quand"</th>
                                    <th scope="col">"Qui"</th>
                                    <th scope="col">"Quoi"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {record
                                    .history
                                    .into_iter()
                                    .map(|h| {
                                        view! {
                                            <tr data-action=h.action.clone()>
                                                <td>
                                                    {format!(
                                                        "{} à {}",
                                                        format::short_date(h.at.date()),
                                                        format::time_in(h.at.time(), l),
                                                    )}
                                                </td>
                                                <td>
                                                    {if h.who.is_empty() {
                                                        "Passerelle".to_string()
                                                    } else {
                                                        h.who
                                                    }}
                                                </td>
                                                <td>
                                                    {format!("{} — {}", action_label(&h.action), h.detail)}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The audit log's actions about a child, in plain words.
fn action_label(action: &str) -> &'static str {
    match action {
        "child.enrol" => "Inscription",
        "child.guardian_add" => "Responsable ajouté",
        "child.identity" => "Identité corrigée",
        "child.referral" => "Orientation enregistrée",
        "child.consent" => "Accord des parents enregistré",
        "child.update" => "Suivi modifié",
        "child.leave" => "Sortie",
        "child.adult_add" => "Adulte autorisé ajouté",
        "child.adult_remove" => "Adulte autorisé retiré",
        "child.adult_proposed" => "Adulte autorisé proposé par la famille",
        "child.adult_approve" => "Adulte autorisé validé",
        "child.guardian_update" => "Coordonnées corrigées par la famille",
        "child.next_year" => "Année suivante",
        "child.waiting_add" => "Liste d'attente",
        "child.waiting_remove" => "Liste d'attente",
        "child.admit" => "Inscription depuis la liste d'attente",
        "child.contract" => "Contrat",
        "child.export" => "Données de la famille consultées",
        "child.liaison" => "Rencontre avec l'école",
        _ => "Modification",
    }
}
