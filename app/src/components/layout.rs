use leptos::prelude::*;

/// A page with its level-1 heading.
#[component]
pub fn Page(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <main id="contenu" class="page">
            <h1>{title}</h1>
            {children()}
        </main>
    }
}
