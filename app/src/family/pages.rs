use crate::components::{Loaded, Page};
use crate::family::api::{load_child, load_my_children};
use crate::family::types::{ChildCard, ChildPage};
use crate::format;
use crate::i18n::{attendance_label, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The parent's home: one card per child.
#[component]
pub fn MyChildrenPage() -> impl IntoView {
    let children = Resource::new(|| (), |_| load_my_children());
    view! {
        <Page title="Mes enfants">
            <Loaded resource=children render=move |list| view! { <ChildCards list/> }/>
        </Page>
    }
}

/// One card per child, with the next session.
#[component]
fn ChildCards(list: Vec<ChildCard>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"Aucun enfant n'est rattaché à votre compte."</p> }.into_any();
    }
    view! {
                            <ul class="cards">
                                {list.into_iter().map(|c| view! {
                                    <li class="card child-card" data-child-id=c.id.to_string()>
                                        <h2><a href=format!("/enfants/{}", c.id)>{format!("{} {}", c.first_name, c.last_name)}</a></h2>
                                        <p class="muted">{c.groups.join(", ")}</p>
                                        {match c.next {
                                            Some(s) => view! {
                                                <p>"Prochaine séance : " <strong>{format!("{}, {}", format::day_month(s.date), format::time_range(s.start, s.end))}</strong>
                                                   {format!(" · {}", s.venue_name)}</p>
                                            }.into_any(),
                                            None => view! { <p class="muted">"Pas de séance prévue."</p> }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }
    .into_any()
}

/// A child's page: next sessions and the attendance history.
#[component]
pub fn ChildPageView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        load_child,
    );
    view! {
        <main id="contenu" class="page">
            <Loaded resource=data error_heading="Fiche enfant" render=move |page| view! { <ChildDetail page/> }/>
        </main>
    }
}

#[component]
fn ChildDetail(page: ChildPage) -> impl IntoView {
    let rate = page.attendance_percent();
    view! {
        <h1>{format!("{} {}", page.first_name, page.last_name)}</h1>
        <p class="muted">{page.groups.join(", ")}</p>
        <h2>"Prochaines séances"</h2>
        <crate::attendance::pages::SessionList sessions=page.upcoming empty="Pas de séance prévue dans les quatre semaines."/>
        <h2>"Présence"</h2>
        {rate.map(|r| view! { <p class="lead">{format!("Présent à {r} % des séances ({} séances).", page.history.len())}</p> })}
        <ul class="history">
            {page.history.into_iter().map(|e| view! {
                <li data-session-id=e.session.to_string() data-status=e.status.as_str() class=format!("history-item status-{}", e.status.as_str())>
                    <span>{format!("{}, {}", format::day_month(e.date), format::time(e.start))}</span>
                    <span class="status">{attendance_label(e.status, Locale::Fr)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
