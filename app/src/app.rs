//! The application shell and its routes.

use crate::admin::pages::AdminPage;
use crate::attendance::pages::TodayPage;
use crate::attendance::register::RegisterPage;
use crate::auth::api::whoami;
use crate::auth::home_path;
use crate::auth::pages::{InvitationPage, InvitationsPage, LoginPage};
use crate::components::{ErrorNotice, Header, Loading};
use crate::error::AppError;
use crate::family::coordinator::FamilyEventsPage;
use crate::family::pages::{ChildPageView, MyChildrenPage};
use crate::groups::pages::GroupPageView;
use crate::planning::pages::PlanningPage;
use crate::reports::pages::FunderPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// Registers the service worker, then asks it to keep this page, the
/// registers it links to and the app's files (the first visit happens
/// before the worker controls the page). Plain JavaScript: it works before
/// the WASM arrives, and without it.
const SERVICE_WORKER: &str = "if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js');
  navigator.serviceWorker.ready.then((r) => setTimeout(() => {
    const keep = [location.pathname]
      .concat(Array.from(document.querySelectorAll('a[href^=\"/appel/\"]'), (a) => a.getAttribute('href')))
      .concat(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/pkg/')));
    if (r.active) r.active.postMessage({ keep });
  }, 1500));
}";

/// The family pages, read on phones over mobile networks, paint from the
/// server's HTML alone and fetch the WASM only once the page has loaded and
/// the browser is idle: nothing competes with the first paint, and the
/// forms work without the WASM meanwhile (they are plain forms). Other pages
/// (the tablet's register, the planning) hydrate at once. `None` for those.
fn late_hydration(options: &LeptosOptions) -> Option<String> {
    #[cfg(feature = "ssr")]
    let family = use_context::<http::request::Parts>().is_some_and(|p| {
        let path = p.uri.path();
        path == "/mes-enfants" || path.starts_with("/enfants/")
    });
    #[cfg(not(feature = "ssr"))]
    let family = false;
    family.then(|| {
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        format!(
            "const start = () => import('{pkg}.js').then((m) => m.default({{ module_or_path: '{pkg}.wasm' }}).then(() => m.hydrate()));
const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, {{ timeout: 2000 }}) : setTimeout(start, 1));
if (document.readyState === 'complete') idle(); else addEventListener('load', idle, {{ once: true }});"
        )
    })
}

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=crate::i18n::current_locale().code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1f5f8b"/>
                <link rel="icon" href="/favicon.ico"/>
                <AutoReload options=options.clone()/>
                {match late_hydration(&options) {
                    Some(script) => view! { <script type="module" inner_html=script></script> }.into_any(),
                    None => view! { <HydrationScripts options/> }.into_any(),
                }}
                <MetaTags/>
                // The service worker keeps the app and the registers for
                // when the network goes (public/sw.js).
                <script inner_html=SERVICE_WORKER></script>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::i18n::current_locale());
    crate::attendance::outbox::provide_outbox();
    view! {
        <Stylesheet id="leptos" href="/pkg/passerelle.css"/>
        <Title text="Passerelle"/>
        <Router>
            <a class="skip-link" href="#contenu">"Aller au contenu"</a>
            <Header/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home ssr=SsrMode::Async/>
                <Route path=path!("/connexion") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/invitation/:token") view=InvitationPage ssr=SsrMode::Async/>
                <Route path=path!("/planning") view=PlanningPage ssr=SsrMode::Async/>
                <Route path=path!("/invitations") view=InvitationsPage ssr=SsrMode::Async/>
                <Route path=path!("/aujourdhui") view=TodayPage ssr=SsrMode::Async/>
                <Route path=path!("/appel/:id") view=RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("/mes-enfants") view=MyChildrenPage ssr=SsrMode::Async/>
                <Route path=path!("/enfants/:id") view=ChildPageView ssr=SsrMode::Async/>
                <Route path=path!("/familles") view=FamilyEventsPage ssr=SsrMode::Async/>
                <Route path=path!("/groupes/:id") view=GroupPageView ssr=SsrMode::Async/>
                <Route path=path!("/bilan") view=FunderPage ssr=SsrMode::Async/>
                <Route path=path!("/administration") view=AdminPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

/// `/`: each role goes to its home; strangers to the login page.
#[component]
fn Home() -> impl IntoView {
    let user = Resource::new(|| (), |_| whoami());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => view! { <Redirect path=home_path(u.role)/> }.into_any(),
                    Ok(None) => view! { <Redirect path="/connexion"/> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Any unknown address: a 404 page.
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <main id="contenu" class="page">
            <h1>"Page introuvable"</h1>
            <ErrorNotice error=AppError::NotFound/>
        </main>
    }
}
