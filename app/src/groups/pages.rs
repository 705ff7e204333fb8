use crate::components::Loaded;
use crate::groups::api::load_group;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn GroupPageView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || crate::domain::GroupId(params.read().get("id").unwrap_or_default()),
        load_group,
    );
    view! {
        <main id="contenu" class="page">
            <Loaded
                resource=data
                error_heading="Groupe"
                render=move |g| {
                    view! {
                        <h1>{format!("Groupe {}", g.name)}</h1>
                        <p class="muted">
                            {format!(
                                "{} · accompagné par {}",
                                g.levels,
                                g.accompanists.join(", "),
                            )}
                        </p>
                        <h2>{format!("{} enfants", g.members.len())}</h2>
                        <ul class="members">
                            {g
                                .members
                                .into_iter()
                                .map(|(id, name)| {
                                    view! {
                                        <li data-child-id=id.to_string()>
                                            <a href=format!("/enfants/{id}")>{name}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <h2>"Prochaines séances"</h2>
                        <crate::attendance::pages::SessionList
                            sessions=g.upcoming
                            empty="Pas de séance dans les deux semaines."
                            registers=true
                        />
                    }
                }
            />
        </main>
    }
}
