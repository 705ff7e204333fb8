//! The top bar of every page: the product, the language switch, the
//! role's navigation and logout. It sits above the features (it signs out
//! through `auth` and empties the tablet's `attendance` outbox).

use crate::auth::api::{whoami, Logout};
use crate::auth::CurrentUser;
use crate::domain::model::Role;
use crate::i18n::{families as t, role_label, tr, use_locale, Locale};
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
            ("/mes-enfants", t::my_children(l)),
            ("/mes-coordonnees", t::my_details(l)),
        ],
        Role::Funder => vec![("/bilan", tr(l, "Bilan", "Report"))],
        Role::Admin => vec![("/administration", "Administration")],
    }
}

/// The switch to the other languages: plain links to the server, which
/// remembers the choice (a cookie, and the account's language when someone
/// is signed in) and comes back to this page. They work without
/// JavaScript; `rel="external"` makes the router load them for real.
/// Arabic is offered on the families' side only (`Locale::for_staff`).
#[component]
fn LanguageSwitch(staff: bool) -> impl IntoView {
    let l = use_locale();
    let location = leptos_router::hooks::use_location();
    let back = move || -> String {
        location
            .pathname
            .get()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
            .collect()
    };
    let offered: &[Locale] = if staff { &Locale::STAFF } else { &Locale::ALL };
    view! {
        <ul class="language-switch" aria-label=t::languages(l)>
            {offered
                .iter()
                .filter(|other| **other != l)
                .map(|other| {
                    let code = other.code();
                    view! {
                        <li>
                            <a
                                href=move || format!("/langue/{code}?retour={}", back())
                                rel="external"
                                hreflang=code
                                lang=code
                                dir=other.dir()
                            >
                                {other.own_name()}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
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
    // A sign-in may bring back the account's language (`auth::language`).
    Effect::new(move |_| {
        location.pathname.track();
        crate::i18n::follow_language_cookie();
        crate::accessibility::display::follow_display_cookie();
    });
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                "Passerelle"
            </a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(u)) => {
                            let staff = u.role != Role::Parent;
                            view! {
                                <LanguageSwitch staff />
                                <UserNav user=u logout />
                            }
                                .into_any()
                        }
                        _ => view! { <LanguageSwitch staff=false /> }.into_any(),
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
        <nav class="nav" aria-label=t::main_navigation(l)>
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
            <a class="who" href="/compte" data-role=user.role.as_str() title=t::my_account(l)>
                <span class="who-name">{user.display_name.clone()}</span>
                <span class="who-place">{place}</span>
                <span class="who-short">{t::my_account(l)}</span>
            </a>
            <ActionForm action=logout>
                <button
                    type="submit"
                    class="button button-quiet"
                    on:click=move |ev| forget_device_data(outbox, ev)
                >
                    {t::sign_out(l)}
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
