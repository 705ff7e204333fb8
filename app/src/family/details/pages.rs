use crate::components::{form_error, successes, CheckedForm, Field, Loaded};
use crate::family::details::api::{
    load_family_checks, load_my_details, AskFamiliesToCheck, ConfirmMyDetails, ProposePickupAdult,
    SaveMyDetails,
};
use crate::family::details::types::{
    ChildAdults, DetailsForm, FamilyChecks, MyDetails, ADDRESS_MAX,
};
use crate::format;
use crate::i18n::{families as t, use_locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// `/mes-coordonnees`: the guardian corrects their phone, e-mail and
/// address, and proposes the adults who may take their children home
/// (shown « en attente » until the structure approves them). Plain forms:
/// they work without JavaScript.
#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let l = use_locale();
    let save = ServerAction::<SaveMyDetails>::new();
    let confirm = ServerAction::<ConfirmMyDetails>::new();
    let propose = ServerAction::<ProposePickupAdult>::new();
    let changes = [
        successes(save.value()),
        successes(confirm.value()),
        successes(propose.value()),
    ];
    let details = Resource::new(
        move || changes.iter().map(|c| c.get()).sum::<u32>(),
        |_| load_my_details(),
    );
    view! {
        <main id="contenu" class="page">
            <h1>{t::my_details(l)}</h1>
            <Loaded
                resource=details
                render=move |d| view! { <DetailsAndAdults d save confirm propose /> }
            />
        </main>
    }
}

#[component]
fn DetailsAndAdults(
    d: MyDetails,
    save: ServerAction<SaveMyDetails>,
    confirm: ServerAction<ConfirmMyDetails>,
    propose: ServerAction<ProposePickupAdult>,
) -> impl IntoView {
    let l = use_locale();
    let error = form_error(save.value());
    let saved = successes(save.value());
    let (first, last) = (d.first_name.clone(), d.last_name.clone());
    let check = move |input: &SaveMyDetails| {
        DetailsForm {
            phone: input.phone.clone(),
            email: input.email.clone(),
            address: input.address.clone(),
        }
        .check(&first, &last)
        .map(|_| ())
    };
    let asked = d.check_asked.then(|| {
        view! {
            <div class="notice notice-warning details-asked" role="status">
                <p>{t::details_check_asked(l)}</p>
                <ActionForm action=confirm>
                    <button type="submit" class="button button-primary">
                        {t::details_up_to_date(l)}
                    </button>
                </ActionForm>
            </div>
        }
    });
    view! {
        {asked}
        <section class="card" aria-labelledby="coordonnees">
            <h2 id="coordonnees">{format!("{} {}", d.first_name, d.last_name)}</h2>
            <CheckedForm action=save check>
                <Field control="details-phone" label=t::phone(l) refused="guardian_phone">
                    <input
                        id="details-phone"
                        name="phone"
                        type="tel"
                        autocomplete="tel"
                        value=d.phone.clone().unwrap_or_default()
                    />
                </Field>
                <Field control="details-email" label=t::email(l) refused="guardian_email">
                    <input
                        id="details-email"
                        name="email"
                        type="email"
                        autocomplete="email"
                        value=d.email.clone().unwrap_or_default()
                    />
                </Field>
                <Field control="details-address" label=t::address(l) refused="guardian_address">
                    <textarea
                        id="details-address"
                        name="address"
                        rows="3"
                        autocomplete="street-address"
                        maxlength=ADDRESS_MAX.to_string()
                    >
                        {d.address.clone()}
                    </textarea>
                </Field>
                <Show when=move || error().is_some()>
                    <p class="form-error" role="alert">
                        {error}
                    </p>
                </Show>
                <Show when=move || { saved.get() > 0 && error().is_none() }>
                    <p class="notice notice-success" role="status">
                        {t::details_saved(l)}
                    </p>
                </Show>
                <button type="submit" class="button button-primary">
                    {t::save(l)}
                </button>
            </CheckedForm>
        </section>
        {d.children.into_iter().map(|c| view! { <ChildPickUp c propose /> }).collect_view()}
    }
}

/// One child's pick-up adults, and the form to propose another.
#[component]
fn ChildPickUp(c: ChildAdults, propose: ServerAction<ProposePickupAdult>) -> impl IntoView {
    let l = use_locale();
    let error = form_error(propose.value());
    let id = c.child.to_string();
    let child_value = id.clone();
    let [name_id, relationship_id, phone_id] =
        ["name", "relationship", "phone"].map(|f| format!("adult-{f}-{id}"));
    let heading = format!("{} {}", t::who_may_take_home(l), c.first_name);
    let adults = if c.adults.is_empty() {
        view! { <p class="muted">{t::nobody_but_you(l)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {c
                    .adults
                    .into_iter()
                    .map(|a| {
                        let state = a
                            .pending
                            .then(|| {
                                view! {
                                    <span class="badge badge-warning">{t::adult_pending(l)}</span>
                                }
                            });
                        view! {
                            <li class="adult" data-pending=a.pending.to_string()>
                                <strong>{a.name}</strong>
                                {format!(" ({})", a.relationship)}
                                {a.phone.map(|p| format!(" · {p}"))}
                                " "
                                {state}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card pickup" data-child-id=id.clone()>
            <h2>{heading}</h2>
            {adults}
            <details>
                <summary class="button">{t::propose_someone(l)}</summary>
                <p class="muted">{t::adult_checked_by_team(l)}</p>
                <ActionForm action=propose>
                    <input type="hidden" name="child" value=child_value />
                    <Field control=name_id.clone() label=t::name(l) refused="adult_name">
                        <input id=name_id name="name" type="text" required maxlength="80" />
                    </Field>
                    <Field
                        control=relationship_id.clone()
                        label=t::relationship(l)
                        refused="adult_relationship"
                    >
                        <input
                            id=relationship_id
                            name="relationship"
                            type="text"
                            required
                            maxlength="40"
                        />
                    </Field>
                    <Field control=phone_id.clone() label=t::phone(l) refused="adult_phone">
                        <input id=phone_id name="phone" type="tel" />
                    </Field>
                    <Show when=move || error().is_some()>
                        <p class="form-error" role="alert">
                            {error}
                        </p>
                    </Show>
                    <button type="submit" class="button button-primary">
                        {t::propose(l)}
                    </button>
                </ActionForm>
            </details>
        </section>
    }
}

/// On the guardian's home, first of all: the structure asked to check
/// their data.
#[component]
pub fn DetailsCheckNotice() -> impl IntoView {
    let l = use_locale();
    let details = Resource::new(|| (), |_| load_my_details());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let asked = details.await.map(|d| d.check_asked).unwrap_or(false);
                asked
                    .then(|| {
                        view! {
                            <div class="notice notice-warning details-asked" role="status">
                                <p>
                                    <strong>{t::details_check_title(l)}</strong>
                                </p>
                                <p>{t::details_check_intro(l)}</p>
                                <a class="button button-primary" href="/mes-coordonnees">
                                    {t::details_check_button(l)}
                                </a>
                            </div>
                        }
                    })
            })}
        </Suspense>
    }
}

/// On the coordinator's « Familles » page: ask every family to check its
/// data, see how many did, and approve the pick-up adults they proposed.
#[component]
pub fn FamilyChecksSection() -> impl IntoView {
    let ask = ServerAction::<AskFamiliesToCheck>::new();
    let asked = successes(ask.value());
    let checks = Resource::new(move || asked.get(), |_| load_family_checks());
    let error = form_error(ask.value());
    view! {
        <section class="card family-checks" aria-labelledby="verifications">
            <h2 id="verifications">"Coordonnées des familles"</h2>
            <Loaded resource=checks render=move |c| view! { <ChecksSummary c /> } />
            <ActionForm action=ask>
                <button type="submit" class="button">
                    "Demander aux familles de vérifier leurs coordonnées"
                </button>
            </ActionForm>
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
        </section>
    }
}

#[component]
fn ChecksSummary(c: FamilyChecks) -> impl IntoView {
    let asked = match c.asked_at {
        Some(at) => format!(
            "Demandé le {} : {} responsable(s) sur {} ont vérifié.",
            format::moment(at),
            c.checked,
            c.guardians
        ),
        None => "Aucune vérification demandée cette année.".to_string(),
    };
    let pending = if c.pending.is_empty() {
        view! { <p class="muted">"Aucune personne autorisée en attente de validation."</p> }
            .into_any()
    } else {
        view! {
            <h3>"Personnes autorisées proposées par les familles, à valider"</h3>
            <ul class="plain-list pending-adults">
                {c
                    .pending
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li>
                                <strong>{p.name}</strong>
                                {format!(" ({}) pour ", p.relationship)}
                                <a href=format!("/inscriptions/{}", p.child)>{p.child_name}</a>
                                {format!(", proposé par {}", p.proposed_by)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p data-checked=c.checked.to_string()>{asked}</p>
        {pending}
    }
}
