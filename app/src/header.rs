//! The top bar of every page: the product, the language switch, the
//! role's navigation and logout. It sits above the features (it signs out
//! through `auth` and empties the tablet's `attendance` outbox).

use crate::auth::api::{whoami, Logout};
use crate::auth::CurrentUser;
use crate::domain::model::Role;
use crate::i18n::{role_label, tr, use_locale, Locale};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The navigation links of each role.
fn nav_links(role: Role, l: Locale) -> Vec<(&'static str, &'static str)> {
    match role {
        Role::Coordinator => vec![
            ("/planning", "Planning"),
            ("/inscriptions", tr(l, "Enfants", "Children")),
            ("/familles", tr(l, "Familles", "Families")),
            ("/messages", "Messages"),
            ("/bilan", tr(l, "Bilan", "Report")),
            ("/invitations", "Invitations"),
            ("/structure", tr(l, "Structure", "Organisation")),
        ],
        Role::Accompanist => vec![("/aujourdhui", tr(l, "Aujourd'hui", "Today"))],
        Role::Parent => vec![
            ("/mes-enfants", tr(l, "Mes enfants", "My children")),
            ("/mes-coordonnees", tr(l, "Mes coordonnées", "My details")),
        ],
        Role::Funder => vec![("/bilan", tr(l, "Bilan", "Report"))],
        Role::Admin => vec![("/administration", "Administration")],
    }
}

/// The switch to the other language: a plain link to the server, which
/// remembers the choice in a cookie and comes back to this page. It works
/// without JavaScript; `rel="external"` makes the router load it for real.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let l = use_locale();
    let other = l.other();
    let location = leptos_router::hooks::use_location();
    let href = move || {
        let back: String = location
            .pathname
            .get()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
            .collect();
        format!("/langue/{}?retour={back}", other.code())
    };
    let name = match other {
        Locale::Fr => "Français",
        Locale::En => "English",
    };
    view! {
        <a class="language-switch" href=href rel="external" hreflang=other.code() lang=other.code()>
            {name}
        </a>
    }
}

/// The top bar: the product name, the role's navigation and logout.
#[component]
pub fn Header() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    // Why: signing in or out navigates without reloading; ask again on each page.
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(
        move || (location.pathname.get(), logout.version().get()),
        |_| whoami(),
    );
    // What the tablet keeps belongs to who is signed in (in the browser,
    // once the answer is known: `Outbox::claim`).
    let outbox = crate::attendance::outbox::use_outbox();
    Effect::new(move |_| {
        if let Some(Ok(who)) = user.get() {
            outbox.claim(who.as_ref().map(|u| &u.id));
        }
    });
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                "Passerelle"
            </a>
            <LanguageSwitch />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => view! { <UserNav user=u logout /> }.into_any(),
                        _ => ().into_any(),
                    }
                })}
            </Suspense>
        </header>
    }
}

#[component]
fn UserNav(user: CurrentUser, logout: ServerAction<Logout>) -> impl IntoView {
    let l = use_locale();
    let links = nav_links(user.role, l);
    let outbox = crate::attendance::outbox::use_outbox();
    // The structure (or the role) is dropped on narrow screens so that the
    // top bar stays one row on a tablet.
    let place = match &user.organisation_name {
        Some(org) => format!(" · {org}"),
        None => format!(" · {}", role_label(user.role, l)),
    };
    view! {
        <nav class="nav" aria-label=tr(l, "Navigation principale", "Main navigation")>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li>
                                <a href=href>{label}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <div class="account">
            <a
                class="who"
                href="/compte"
                data-role=user.role.as_str()
                title=tr(l, "Mon compte", "My account")
            >
                <span class="who-name">{user.display_name.clone()}</span>
                <span class="who-place">{place}</span>
                <span class="who-short">{tr(l, "Mon compte", "My account")}</span>
            </a>
            <ActionForm action=logout>
                <button
                    type="submit"
                    class="button button-quiet"
                    on:click=move |ev| forget_device_data(outbox, ev)
                >
                    {tr(l, "Se déconnecter", "Sign out")}
                </button>
            </ActionForm>
        </div>
    }
}

/// At logout the tablet forgets what it kept (registers, entries). Entries
/// the server does not have yet would be lost: the person is asked first,
/// and can stay signed in to send them later.
fn forget_device_data(outbox: crate::attendance::outbox::Outbox, ev: leptos::ev::MouseEvent) {
    let unsent = outbox.unsent();
    if unsent != Some(0) {
        let count = unsent
            .map(|n| format!("{n} marque(s)"))
            .unwrap_or_else(|| "Des marques".to_string());
        let question = format!(
            "{count} ne sont pas encore envoyées. En vous déconnectant, elles seront perdues. Se déconnecter quand même ?"
        );
        #[cfg(feature = "hydrate")]
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(false);
        #[cfg(not(feature = "hydrate"))]
        let sure = question.is_empty();
        if !sure {
            ev.prevent_default();
            return;
        }
    }
    outbox.erase();
}
