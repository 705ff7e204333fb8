use crate::components::{Loaded, Page};
use crate::format;
use crate::reports::api::load_territory;
use crate::reports::types::OrgFigures;
use leptos::prelude::*;

/// The funder's home: figures per organisation and for the territory.
#[component]
pub fn FunderPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_territory());
    view! {
        <Page title="Bilan">
            <Loaded resource=data render=move |t| view! {
                            <p class="lead">{format!("{} ({}) : {} structures", t.territory_name, t.territory, t.organisations.len())}</p>
                            <div class="table-wrap">
                            <table class="table">
                                <thead><tr>
                                    <th scope="col">"Structure"</th><th scope="col">"Groupes"</th><th scope="col">"Enfants inscrits"</th>
                                    <th scope="col">"Séances tenues"</th><th scope="col">"Heures"</th><th scope="col">"Présence"</th>
                                </tr></thead>
                                <tbody>
                                    {t.organisations.into_iter().map(|o| view! { <FiguresRow o/> }).collect_view()}
                                </tbody>
                                <tfoot><FiguresRow o=t.total/></tfoot>
                            </table>
                            </div>
                        }/>
        </Page>
    }
}

#[component]
fn FiguresRow(o: OrgFigures) -> impl IntoView {
    let rate = o
        .attendance_percent()
        .map(|r| format!("{r} %"))
        .unwrap_or_else(|| "—".into());
    view! {
        <tr>
            <th scope="row">{o.name.clone()}</th>
            <td>{o.groups}</td>
            <td>{o.children}</td>
            <td>{format::number(o.sessions_held as f64, 0)}</td>
            <td>{format::number(o.minutes_held as f64 / 60.0, 1)}</td>
            <td>{rate}</td>
        </tr>
    }
}
