use crate::admin::api::load_admin;
use crate::components::{Loaded, Page};
use crate::domain::model::Role;
use crate::i18n::{role_label, Locale};
use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_admin());
    view! {
        <Page title="Administration">
            <p>
                <a href="/administration/courriels" class="button">
                    "Courriels envoyés et en attente"
                </a>
            </p>
            <Loaded
                resource=data
                render=move |o| {
                    view! {
                        <h2>"Structures"</h2>
                        <div class="table-wrap" role="region" tabindex="0" aria-label="Structures">
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Structure"</th>
                                        <th scope="col">"Département"</th>
                                        <th scope="col">"Comptes"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {o
                                        .organisations
                                        .into_iter()
                                        .map(|org| {
                                            view! {
                                                <tr>
                                                    <th scope="row">{org.name}</th>
                                                    <td>{org.territory}</td>
                                                    <td>
                                                        {org
                                                            .accounts
                                                            .into_iter()
                                                            .map(|(role, n)| {
                                                                let label = Role::parse(&role)
                                                                    .map(|r| role_label(r, Locale::Fr))
                                                                    .unwrap_or("?");
                                                                format!("{label} : {n}")
                                                            })
                                                            .collect::<Vec<_>>()
                                                            .join(" · ")}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2>"Comptes de la plateforme"</h2>
                        <ul>
                            {o
                                .platform_accounts
                                .into_iter()
                                .map(|(email, role)| {
                                    let label = Role::parse(&role)
                                        .map(|r| role_label(r, Locale::Fr))
                                        .unwrap_or("?");
                                    view! { <li>{format!("{email} ({label})")}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                }
            />
        </Page>
    }
}
