//! « Enfants » (`/inscriptions`): the structure's children and the
//! enrolment form (identity, referral, guardians, consent, group).

use crate::components::{field_error, form_error, successes, CheckedForm, Field, Loaded, Page};
use crate::domain::model::{ChildStatus, ReferralSource, SchoolLevel};
use crate::i18n::{finding_message, use_locale};
use crate::records::child::api::AdmitFromWaitingList;
use crate::records::child::types::offers;
use crate::records::children::api::{load_children, EnrolChild};
use crate::records::children::types::WaitingLine;
use crate::records::children::types::{ChildLine, ChildrenPage as PageData, Enrolled};
use leptos::form::ActionForm;
use leptos::prelude::*;

pub fn level_label(level: SchoolLevel) -> &'static str {
    use SchoolLevel::*;
    match level {
        Cp => "CP",
        Ce1 => "CE1",
        Ce2 => "CE2",
        Cm1 => "CM1",
        Cm2 => "CM2",
        Sixieme => "6e",
        Cinquieme => "5e",
        Quatrieme => "4e",
        Troisieme => "3e",
        Seconde => "2de",
        Premiere => "1re",
        Terminale => "Terminale",
    }
}

pub fn referral_label(source: ReferralSource) -> &'static str {
    match source {
        ReferralSource::Family => "La famille",
        ReferralSource::Teacher => "Un enseignant",
        ReferralSource::SocialWorker => "Un travailleur social",
        ReferralSource::Pre => "Le programme de réussite éducative (PRE)",
        ReferralSource::Youth => "Le jeune lui-même",
        ReferralSource::Other => "Autre",
    }
}

pub fn status_label(status: ChildStatus) -> &'static str {
    match status {
        ChildStatus::Referred => "orienté",
        ChildStatus::Enrolled => "inscrit",
        ChildStatus::Left => "sorti",
    }
}

#[component]
pub fn ChildrenPage() -> impl IntoView {
    let enrol = ServerAction::<EnrolChild>::new();
    let admit = ServerAction::<AdmitFromWaitingList>::new();
    let (enrolled, admitted) = (successes(enrol.value()), successes(admit.value()));
    let data = Resource::new(
        move || (enrolled.get(), admitted.get()),
        |_| load_children(),
    );
    view! {
        <Page title="Enfants">
            <p class="lead">
                "Les enfants de la structure, et l'inscription d'un nouvel enfant : orientation, accord des parents, responsables, groupe."
            </p>
            <p class="actions">
                <a class="button" href="/suivi">
                    "Rencontres avec l'école et les partenaires"
                </a>
                <a class="button" href="/contrats">
                    "Imprimer les contrats"
                </a>
                <a class="button" href="/importer">
                    "Importer depuis un tableur"
                </a>
            </p>
            <Loaded resource=data render=move |page| view! { <Enrolment page enrol admit /> } />
        </Page>
    }
}

#[component]
fn Enrolment(
    page: PageData,
    enrol: ServerAction<EnrolChild>,
    admit: ServerAction<AdmitFromWaitingList>,
) -> impl IntoView {
    let l = use_locale();
    let done = move || match enrol.value().get() {
        Some(Ok(Enrolled {
            warnings, waiting, ..
        })) => Some((warnings, waiting)),
        _ => None,
    };
    view! {
        {move || {
            done()
                .map(|(warnings, waiting)| {
                    view! {
                        <div class="form-success" role="status">
                            <p>
                                <strong>
                                    {match waiting {
                                        Some(n) => {
                                            format!(
                                                "Le groupe est complet : l'enfant est sur sa liste d'attente ({n}e).",
                                            )
                                        }
                                        None => "L'enfant est inscrit.".to_string(),
                                    }}
                                </strong>
                            </p>
                            {warnings
                                .iter()
                                .map(|w| view! { <p>{finding_message(w, l)}</p> })
                                .collect_view()}
                        </div>
                    }
                })
        }}
        <EnrolForm page=page.clone() enrol />
        <WaitingLists page=page.clone() admit />
        <h2>{format!("{} enfant(s)", page.children.len())}</h2>
        <ChildTable children=page.children />
    }
}

/// Each group's waiting list; where a place is free, the first child is
/// offered it.
#[component]
fn WaitingLists(page: PageData, admit: ServerAction<AdmitFromWaitingList>) -> impl IntoView {
    if page.waiting.is_empty() {
        return ().into_any();
    }
    let error = form_error(admit.value());
    let offers = offers(&page.groups, &page.waiting, page.group_max);
    let offered = |w: &WaitingLine| {
        offers
            .iter()
            .any(|o| o.group == w.group && o.child == w.child)
    };
    let lines: Vec<(WaitingLine, bool)> = page
        .waiting
        .iter()
        .map(|w| (w.clone(), offered(w)))
        .collect();
    view! {
        <h2>"Listes d'attente"</h2>
        <ul class="plain-list waiting-lists">
            {lines
                .into_iter()
                .map(|(w, free)| {
                    view! {
                        <li
                            class="waiting"
                            data-waiting-group=w.group.0.clone()
                            data-position=w.position.to_string()
                        >
                            <span>
                                {format!("{} · {}e : ", w.group_name, w.position)}
                                <a href=format!(
                                    "/inscriptions/{}",
                                    w.child.0,
                                )>{w.child_name.clone()}</a>
                                {format!(", depuis le {}", crate::format::day_month(w.since))}
                            </span>
                            {free
                                .then(|| {
                                    let (child, group) = (w.child.0.clone(), w.group.0.clone());
                                    view! {
                                        <ActionForm action=admit>
                                            <input type="hidden" name="child" value=child />
                                            <input type="hidden" name="group" value=group />
                                            <button type="submit" class="button button-primary">
                                                "Une place est libre : inscrire"
                                            </button>
                                        </ActionForm>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Show when=move || error().is_some()>
            <p class="form-error" role="alert">
                {error}
            </p>
        </Show>
    }
    .into_any()
}

#[component]
fn ChildTable(children: Vec<ChildLine>) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-label="Enfants inscrits">
            <table class="table children">
                <thead>
                    <tr>
                        <th scope="col">"Nom"</th>
                        <th scope="col">"Classe"</th>
                        <th scope="col">"Groupe"</th>
                        <th scope="col">"Statut"</th>
                    </tr>
                </thead>
                <tbody>
                    {children
                        .into_iter()
                        .map(|c| {
                            view! {
                                <tr data-child-id=c.id.0.clone()>
                                    <td>
                                        <a href=format!("/inscriptions/{}", c.id.0)>{c.name}</a>
                                    </td>
                                    <td>{level_label(c.level)}</td>
                                    <td>
                                        {if c.groups.is_empty() {
                                            "—".to_string()
                                        } else {
                                            c.groups.join(", ")
                                        }}
                                    </td>
                                    <td>{status_label(c.status)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The enrolment form. The browser runs `ChildForm::check_fields` before
/// sending (each refused field says why beside it); the server runs it again
/// and then the rules (`NewChild::refusals`), and says which field or rule.
#[component]
fn EnrolForm(page: PageData, enrol: ServerAction<EnrolChild>) -> impl IntoView {
    let error = form_error(enrol.value());
    let today_date = page.today;
    let v = enrol.value();
    let guardian = move |n: u8, required: bool| {
        let id = move |f: &str| format!("guardian{n}-{f}");
        let name = move |f: &str| format!("form[guardian{n}_{f}]");
        view! {
            <fieldset>
                <legend>
                    {if required {
                        format!("Responsable {n}")
                    } else {
                        format!("Responsable {n} (facultatif)")
                    }}
                </legend>
                <div class="field-row">
                    <Field control=id("first") label="Prénom">
                        <input
                            id=id("first")
                            name=name("first_name")
                            type="text"
                            maxlength="80"
                            required=required
                            autocomplete="off"
                        />
                        {field_error(v, format!("guardian{n}_first_name"))}
                    </Field>
                    <Field control=id("last") label="Nom">
                        <input
                            id=id("last")
                            name=name("last_name")
                            type="text"
                            maxlength="80"
                            required=required
                            autocomplete="off"
                        />
                        {field_error(v, format!("guardian{n}_last_name"))}
                    </Field>
                </div>
                <div class="field-row">
                    <Field control=id("phone") label="Téléphone">
                        <input id=id("phone") name=name("phone") type="tel" autocomplete="off" />
                        {field_error(v, format!("guardian{n}_phone"))}
                    </Field>
                    <Field control=id("email") label="E-mail">
                        <input id=id("email") name=name("email") type="email" autocomplete="off" />
                        {field_error(v, format!("guardian{n}_email"))}
                    </Field>
                </div>
            </fieldset>
        }
    };
    view! {
        <details class="new-child" open=page.children.is_empty()>
            <summary class="button button-primary">"Inscrire un enfant"</summary>
            <CheckedForm
                action=enrol
                check=move |input: &EnrolChild| input.form.check_fields(today_date).map(|_| ())
            >
                <fieldset>
                    <legend>"L'enfant"</legend>
                    <div class="field-row">
                        <Field
                            control="child-first"
                            label="Prénom de l'enfant"
                            refused="child_first_name"
                        >
                            <input
                                id="child-first"
                                name="form[first_name]"
                                type="text"
                                required
                                maxlength="80"
                                autocomplete="off"
                            />
                        </Field>
                        <Field
                            control="child-last"
                            label="Nom de l'enfant"
                            refused="child_last_name"
                        >
                            <input
                                id="child-last"
                                name="form[last_name]"
                                type="text"
                                required
                                maxlength="80"
                                autocomplete="off"
                            />
                        </Field>
                    </div>
                    <div class="field-row">
                        <Field control="child-birth" label="Date de naissance" refused="birth_date">
                            <input
                                id="child-birth"
                                name="form[birth_date]"
                                type="date"
                                required
                                max=today_date.to_string()
                            />
                        </Field>
                        <Field control="child-sex" label="Sexe" refused="sex">
                            <select id="child-sex" name="form[sex]" required>
                                <option value="">"—"</option>
                                <option value="F">"Fille"</option>
                                <option value="M">"Garçon"</option>
                            </select>
                        </Field>
                    </div>
                    <div class="field-row">
                        <Field control="child-school" label="Établissement" refused="school">
                            <select id="child-school" name="form[school]">
                                <option value="">"Non renseigné"</option>
                                {page
                                    .schools
                                    .iter()
                                    .map(|(id, name)| {
                                        view! { <option value=id.0.clone()>{name.clone()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </Field>
                        <Field control="child-level" label="Classe" refused="level">
                            <select id="child-level" name="form[level]" required>
                                <option value="">"—"</option>
                                {SchoolLevel::ALL
                                    .iter()
                                    .map(|l| {
                                        view! {
                                            <option value=l.as_str()>{level_label(*l)}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </Field>
                    </div>
                    <label class="checkbox">
                        <input type="checkbox" name="form[priority_area]" value="on" />
                        " Habite un quartier prioritaire (QPV)"
                    </label>
                </fieldset>
                <fieldset>
                    <legend>"Orientation : qui a repéré le besoin ?"</legend>
                    <div class="field-row">
                        <Field
                            control="referral-source"
                            label="Orienté par"
                            refused="referral_source"
                        >
                            <select id="referral-source" name="form[referral_source]">
                                <option value="">"Pas encore d'orientation"</option>
                                {ReferralSource::ALL
                                    .iter()
                                    .map(|s| {
                                        view! {
                                            <option value=s.as_str()>{referral_label(*s)}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </Field>
                        <Field
                            control="referral-date"
                            label="Date de l'orientation"
                            refused="referral_date"
                        >
                            <input
                                id="referral-date"
                                name="form[referral_date]"
                                type="date"
                                max=today_date.to_string()
                            />
                        </Field>
                    </div>
                    <Field control="referral-need" label="Besoin repéré" refused="referral_need">
                        <textarea
                            id="referral-need"
                            name="form[referral_need]"
                            maxlength="500"
                            rows="2"
                        ></textarea>
                    </Field>
                </fieldset>
                {guardian(1, true)}
                {guardian(2, false)}
                <fieldset>
                    <legend>"Accord des parents"</legend>
                    <div class="field-row">
                        <Field control="consent-by" label="Accord donné par" refused="consent_by">
                            <select id="consent-by" name="form[consent_by]">
                                <option value="">"Pas encore d'accord"</option>
                                <option value="1">"Responsable 1"</option>
                                <option value="2">"Responsable 2"</option>
                            </select>
                        </Field>
                        <Field
                            control="consent-date"
                            label="Date de l'accord"
                            refused="consent_date"
                        >
                            <input
                                id="consent-date"
                                name="form[consent_date]"
                                type="date"
                                max=today_date.to_string()
                            />
                        </Field>
                        <Field control="consent-method" label="Forme" refused="consent_method">
                            <select id="consent-method" name="form[consent_method]">
                                <option value="papier">"Sur papier"</option>
                                <option value="en_ligne">"En ligne"</option>
                                <option value="oral">"À l'oral"</option>
                            </select>
                        </Field>
                    </div>
                    <label class="checkbox">
                        <input type="checkbox" name="form[may_leave_alone]" value="on" />
                        " Peut rentrer seul"
                    </label>
                    <label class="checkbox">
                        <input type="checkbox" name="form[photo_consent]" value="on" />
                        " Accepte d'être pris en photo"
                    </label>
                </fieldset>
                <Field control="child-group" label="Groupe" refused="group">
                    <select id="child-group" name="form[group]" required>
                        <option value="">"—"</option>
                        {page
                            .groups
                            .iter()
                            .map(|g| {
                                view! {
                                    <option value=g
                                        .id
                                        .0
                                        .clone()>
                                        {format!(
                                            "{} ({} / {} enfants)",
                                            g.name,
                                            g.enrolled,
                                            page.group_max,
                                        )}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <label class="checkbox">
                    <input type="checkbox" name="form[waiting_list]" value="on" />
                    " Si le groupe est complet, mettre l'enfant sur sa liste d'attente"
                </label>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    "Inscrire"
                </button>
            </CheckedForm>
        </details>
    }
}
