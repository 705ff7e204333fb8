//! The application shell and its routes.

use crate::accessibility::pages::{AccessibilityPage, DisplayPage, Footer};
use crate::admin::mail::OutboxPage;
use crate::admin::pages::AdminPage;
use crate::attendance::pages::TodayPage;
use crate::attendance::register::RegisterPage;
use crate::auth::account::mail::MailStopPage;
use crate::auth::account::pages::{AccountPage, SecondFactorPage};
use crate::auth::api::whoami;
use crate::auth::home_path;
use crate::auth::pages::{InvitationPage, InvitationsPage, LoginPage, SignInCodePage};
use crate::auth::recovery::pages::{ForgotPasswordPage, ResetPasswordPage};
use crate::components::{ErrorNotice, Loading};
use crate::error::AppError;
use crate::family::coordinator::FamilyEventsPage;
use crate::family::details::pages::MyDetailsPage;
use crate::family::pages::{ChildPageView, MyChildrenPage};
use crate::groups::pages::GroupPageView;
use crate::header::Header;
#[cfg(any(feature = "hydrate", not(target_arch = "wasm32")))]
use crate::lazy::{preload_page, NotFetched, PageNotFetched};
use crate::messages::pages::{MessagePage, MessagesPage};
use crate::planning::pages::PlanningPage;
use crate::records::child::contracts::ContractsPage;
use crate::records::child::export::FamilyExportPage;
use crate::records::child::pages::ChildRecordPage;
use crate::records::children::pages::ChildrenPage;
use crate::records::import::pages::ImportPage;
use crate::records::logs::pages::LogsPage;
use crate::records::next_year::pages::NextYearPage;
use crate::records::school_year::pages::SchoolYearPage;
use crate::records::settings::pages::SettingsPage;
use crate::reports::dossier::pages::DossierPage;
use crate::reports::pages::{ChildrenBehindPage, ReportPage};
use crate::reports::sheets::SheetsPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute, SsrMode};

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

/// Keeps the fetch of a WASM file that the browser cancelled because the
/// page is going away from being reported as an error. Following a link
/// before a page has come alive is a plain page load, and the browser
/// cancels that page's fetches once it has unloaded (after `pagehide`); the
/// split loader would log each as « Failed to fetch » and the app would
/// answer a page nobody sees any more. Such a fetch now never settles: the
/// page is gone. Other failures (the network) reach the app as before.
/// Plain JavaScript, before the app's scripts: the split loader calls the
/// global `fetch` it finds when it loads a file. `{pkg}` is the files' folder.
const QUIET_WHEN_LEAVING: &str = "(() => {
  let leaving = false;
  addEventListener('pagehide', () => { leaving = true; });
  addEventListener('pageshow', () => { leaving = false; });
  const fetchNow = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const answer = fetchNow(input, init);
    const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
    if (!path.startsWith('{pkg}') || !path.endsWith('.wasm')) return answer;
    return answer.catch((e) => (leaving ? new Promise(() => {}) : Promise.reject(e)));
  };
})();";

/// The path of the page being rendered (the shell is rendered on the
/// server only).
fn page_path() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| p.uri.path().to_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// Whether the page registers the service worker: every page but the
/// parents'. The tablet's pages must open offline after one visit, and an
/// accompanist reaches "Aujourd'hui" from the login page without loading
/// another document; a parent's phone has no use for it.
fn registers_service_worker(path: &str) -> bool {
    !family_page(path)
}

/// The pages of the family portal (a message's page is also where its
/// coordinator sees who read it).
fn family_page(path: &str) -> bool {
    path == "/mes-enfants"
        || path == "/mes-coordonnees"
        || path.starts_with("/enfants/")
        || path.starts_with("/messages/")
}

/// Whether the page loads the app's code (the WASM) and hydrates. The
/// family pages do not: parents read them on cheap phones over prepaid
/// data, their forms are plain forms that the server checks and answers
/// with the page itself, and the main WASM file (more than 90 % of the
/// bytes of a parent's home) would only add what those forms already do.
/// A family page reached from a page that did hydrate (the sign-in page,
/// « Mon compte ») is shown by the router like any other. Every other page
/// (the tablet's register, the planning) hydrates at once.
fn hydrates(path: &str) -> bool {
    !family_page(path)
}

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let path = page_path();
    let nonce = leptos::nonce::use_nonce;
    let locale = crate::i18n::current_locale();
    let display = crate::accessibility::display::current_display();
    let quiet_when_leaving =
        QUIET_WHEN_LEAVING.replace("{pkg}", &format!("/{}/", options.site_pkg_dir));
    view! {
        <!DOCTYPE html>
        <html
            lang=locale.code()
            dir=locale.dir()
            data-text=display.text_attr()
            data-contrast=display.contrast_attr()
            data-font=display.font_attr()
            data-motion=display.motion_attr()
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1f5f8b" />
                <link rel="icon" href="/favicon.ico" />
                <AutoReload options=options.clone() />
                {hydrates(&path)
                    .then(|| {
                        view! {
                            <script nonce=nonce() inner_html=quiet_when_leaving></script>
                            <HydrationScripts options />
                        }
                    })}
                <MetaTags />
                // The service worker keeps the app and the registers for
                // when the network goes (public/sw.js).
                {registers_service_worker(&path)
                    .then(|| view! { <script nonce=nonce() inner_html=SERVICE_WORKER></script> })}
            </head>
            <body>
                <App />
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
        <Stylesheet id="leptos" href="/pkg/passerelle.css" />
        <Title text="Passerelle" />
        <Router>
            <a class="skip-link" href="#contenu">
                {crate::i18n::families::skip_to_content(crate::i18n::current_locale())}
            </a>
            <Header />
            <crate::components::focus::NavigationFocus />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home ssr=SsrMode::Async />
                <Route path=path!("/connexion") view={Lazy::<Login>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/connexion/code")
                    view={Lazy::<SignInCode>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/mot-de-passe-oublie")
                    view={Lazy::<ForgotPassword>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/mot-de-passe/:token")
                    view={Lazy::<ResetPassword>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/courriels/arret/:token")
                    view={Lazy::<MailStop>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/compte") view={Lazy::<Account>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/compte/double-authentification")
                    view={Lazy::<SecondFactor>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/invitation/:token")
                    view={Lazy::<Invitation>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/planning") view={Lazy::<Planning>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/invitations")
                    view={Lazy::<Invitations>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/aujourdhui") view={Lazy::<Today>::new()} ssr=SsrMode::Async />
                <Route path=path!("/appel/:id") view={Lazy::<Register>::new()} ssr=SsrMode::Async />
                <Route path=path!("/mes-enfants") view=MyChildrenPage ssr=SsrMode::Async />
                <Route path=path!("/enfants/:id") view=ChildPageView ssr=SsrMode::Async />
                <Route
                    path=path!("/mes-coordonnees")
                    view={Lazy::<Details>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/familles") view={Lazy::<Families>::new()} ssr=SsrMode::Async />
                <Route path=path!("/messages") view={Lazy::<Messages>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/messages/:id")
                    view={Lazy::<Message>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/groupes/:id") view={Lazy::<Group>::new()} ssr=SsrMode::Async />
                <Route path=path!("/bilan") view={Lazy::<Report>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/bilan/enfants")
                    view={Lazy::<ReportChildren>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/emargement") view={Lazy::<Sheets>::new()} ssr=SsrMode::Async />
                <Route path=path!("/dossier") view={Lazy::<Dossier>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/administration")
                    view={Lazy::<Admin>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/administration/courriels")
                    view={Lazy::<Outbox>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/annee-scolaire")
                    view={Lazy::<Year>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/annee-suivante")
                    view={Lazy::<NextYear>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/inscriptions")
                    view={Lazy::<Children>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/importer") view={Lazy::<Import>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/inscriptions/:id")
                    view={Lazy::<ChildRecord>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/contrats") view={Lazy::<Contracts>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/donnees-famille/:id")
                    view={Lazy::<FamilyData>::new()}
                    ssr=SsrMode::Async
                />
                <Route path=path!("/suivi") view={Lazy::<Logs>::new()} ssr=SsrMode::Async />
                <Route path=path!("/structure") view={Lazy::<Settings>::new()} ssr=SsrMode::Async />
                <Route
                    path=path!("/accessibilite")
                    view={Lazy::<Statement>::new()}
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/affichage")
                    view={Lazy::<DisplaySettings>::new()}
                    ssr=SsrMode::Async
                />
            </Routes>
            <Footer />
        </Router>
    }
}

/// A page whose code the browser fetches only when it opens: with
/// `cargo leptos build --split`, each is a WASM file of its own beside the
/// main one, named by the third argument (the split manifest's key; the
/// server adds a preload link for the file of the page it renders). Every
/// page is lazy but the parents' (read on phones over mobile networks, they
/// come with the main file). The tablet's pages open offline all the same:
/// the service worker keeps their files (`public/sw.js`, `OFFLINE_VIEWS`).
///
/// Written out rather than with `#[lazy_route]`, whose split panics when
/// the file cannot be fetched (a link followed on a failing network): here
/// that is `NotFetched`, shown as a notice with a button to try again, and
/// the app keeps running.
#[cfg(any(feature = "hydrate", not(target_arch = "wasm32")))]
macro_rules! lazy_page {
    ($route:ident, $page:ident, $file:ident) => {
        pub struct $route;

        mod $file {
            use super::*;

            #[leptos::wasm_split::wasm_split($file, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch))]
            pub fn page() -> Result<AnyView, NotFetched> {
                Ok(view! { <$page/> }.into_any())
            }
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                leptos::prefetch_lazy_fn_on_server(stringify!($file));
                $file::page()
                    .await
                    .unwrap_or_else(|NotFetched| view! { <PageNotFetched/> }.into_any())
            }

            async fn preload() {
                // While the page hydrates, until the file arrives; later, a
                // failure is met again, and shown, when the page opens.
                preload_page($file::fetch).await;
            }
        }
    };
}

/// The domain's WASM tests (`tests/wasm_scenarios.rs`) build this crate for
/// the browser without `hydrate`, where no split loader is generated. No
/// page is ever shown there: the routes only have to compile.
#[cfg(not(any(feature = "hydrate", not(target_arch = "wasm32"))))]
macro_rules! lazy_page {
    ($route:ident, $page:ident, $file:ident) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(Login, LoginPage, page_login);
lazy_page!(Invitation, InvitationPage, page_invitation);
lazy_page!(SignInCode, SignInCodePage, page_sign_in_code);
lazy_page!(ForgotPassword, ForgotPasswordPage, page_forgot_password);
lazy_page!(ResetPassword, ResetPasswordPage, page_reset_password);
lazy_page!(MailStop, MailStopPage, page_mail_stop);
lazy_page!(Account, AccountPage, page_account);
lazy_page!(SecondFactor, SecondFactorPage, page_second_factor);
// These two file names are in public/sw.js (OFFLINE_VIEWS).
lazy_page!(Today, TodayPage, page_today);
lazy_page!(Register, RegisterPage, page_register);
lazy_page!(Planning, PlanningPage, page_planning);
lazy_page!(Invitations, InvitationsPage, page_invitations);
lazy_page!(Families, FamilyEventsPage, page_families);
lazy_page!(Messages, MessagesPage, page_messages);
lazy_page!(Details, MyDetailsPage, page_details);
lazy_page!(Message, MessagePage, page_message);
lazy_page!(Group, GroupPageView, page_group);
lazy_page!(Report, ReportPage, page_report);
lazy_page!(ReportChildren, ChildrenBehindPage, page_report_children);
lazy_page!(Sheets, SheetsPage, page_sheets);
lazy_page!(Dossier, DossierPage, page_dossier);
lazy_page!(Admin, AdminPage, page_admin);
lazy_page!(Outbox, OutboxPage, page_outbox);
lazy_page!(Year, SchoolYearPage, page_year);
lazy_page!(NextYear, NextYearPage, page_next_year);
lazy_page!(Children, ChildrenPage, page_children);
lazy_page!(Import, ImportPage, page_import);
lazy_page!(ChildRecord, ChildRecordPage, page_child_record);
lazy_page!(Contracts, ContractsPage, page_contracts);
lazy_page!(FamilyData, FamilyExportPage, page_family_data);
lazy_page!(Logs, LogsPage, page_logs);
lazy_page!(Settings, SettingsPage, page_settings);
lazy_page!(Statement, AccessibilityPage, page_statement);
lazy_page!(DisplaySettings, DisplayPage, page_display);

/// `/`: each role goes to its home; strangers to the login page.
#[component]
fn Home() -> impl IntoView {
    let user = Resource::new(|| (), |_| whoami());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => view! { <Redirect path=home_path(u.role) /> }.into_any(),
                    Ok(None) => view! { <Redirect path="/connexion" /> }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Any unknown address: a 404 page.
#[component]
fn NotFound() -> impl IntoView {
    let l = crate::i18n::use_locale();
    view! {
        <main id="contenu" class="page">
            <h1>{crate::i18n::families::page_not_found(l)}</h1>
            <ErrorNotice error=AppError::NotFound />
        </main>
    }
}
