use crate::components::{form_error, submit_error, successes, CheckedForm, Field, Loaded, Page};
use crate::domain::ids::MessageId;
use crate::format;
use crate::i18n::{families as t, use_locale, Locale};
use crate::messages::api::{
    load_messages_page, load_my_messages, open_message, AnswerMessage, SendMessage,
};
use crate::messages::types::*;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// « Lu par 3 familles sur 8 », in the coordinator's words.
fn read_text(read: usize, families: usize) -> String {
    match read {
        0 if families > 1 => format!("Lu par aucune des {families} familles"),
        0 => "Pas encore lu".to_string(),
        1 => format!("Lu par 1 famille sur {families}"),
        n => format!("Lu par {n} familles sur {families}"),
    }
}

/// The coordinator's « Messages » page: a form to write to the families
/// of a group, a session or a child, and this school year's messages with
/// how many families read each.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let send = ServerAction::<SendMessage>::new();
    let sent = successes(send.value());
    let data = Resource::new(move || sent.get(), |_| load_messages_page());
    view! {
        <Page title="Messages aux familles">
            <p class="lead">
                "Les familles lisent vos messages sur leur téléphone. Vous voyez qui les a lus, et qui appeler."
            </p>
            <Loaded resource=data render=move |page| view! { <WriteAndSent page send /> } />
        </Page>
    }
}

#[component]
fn WriteAndSent(page: MessagesPage, send: ServerAction<SendMessage>) -> impl IntoView {
    view! {
        <NewMessageForm send groups=page.groups sessions=page.sessions children=page.children />
        <h2>"Envoyés cette année"</h2>
        <SentList sent=page.sent />
    }
}

/// The form: who to, what, and whether an answer is asked. Checked by
/// `MessageForm::check` before sending and again on the server.
#[component]
fn NewMessageForm(
    send: ServerAction<SendMessage>,
    groups: Vec<(String, String)>,
    sessions: Vec<(String, String)>,
    children: Vec<(String, String)>,
) -> impl IntoView {
    let error = form_error(send.value());
    let done = successes(send.value());
    // « Écrire à la famille » from a child's record comes with `?a=child:…`.
    let chosen = use_query_map().with_untracked(|q| q.get("a").unwrap_or_default());
    let check = move |input: &SendMessage| {
        MessageForm {
            to: input.to.clone(),
            subject: input.subject.clone(),
            body: input.body.clone(),
            ask: input.ask.clone(),
        }
        .check()
        .map(|_| ())
    };
    let options = move |list: Vec<(String, String)>| {
        let chosen = chosen.clone();
        list.into_iter()
            .map(move |(value, label)| {
                let selected = value == chosen;
                view! {
                    <option value=value selected=selected>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card new-message" aria-labelledby="ecrire">
            <h2 id="ecrire">"Écrire aux familles"</h2>
            // Made again after each message sent: the next one starts empty.
            {move || {
                done.track();
                let options = options.clone();
                let (groups, sessions, children) = (
                    groups.clone(),
                    sessions.clone(),
                    children.clone(),
                );
                view! {
                    <CheckedForm action=send check>
                        <Field
                            control="message-to"
                            label="À"
                            refused="message_to"
                            hint="Les responsables de chaque enfant le recevront, avec le prénom de l'enfant."
                        >
                            <select id="message-to" name="to" required>
                                <option value="">"Choisir…"</option>
                                <optgroup label="Les familles d'un groupe">
                                    {options(groups)}
                                </optgroup>
                                <optgroup label="Les familles des enfants attendus à une séance">
                                    {options(sessions)}
                                </optgroup>
                                <optgroup label="La famille d'un enfant">
                                    {options(children)}
                                </optgroup>
                            </select>
                        </Field>
                        <Field control="message-subject" label="Objet" refused="message_subject">
                            <input
                                id="message-subject"
                                name="subject"
                                type="text"
                                required
                                minlength="3"
                                maxlength=SUBJECT_MAX.to_string()
                            />
                        </Field>
                        <Field control="message-body" label="Message" refused="message_body">
                            <textarea
                                id="message-body"
                                name="body"
                                rows="6"
                                required
                                maxlength=BODY_MAX.to_string()
                            ></textarea>
                        </Field>
                        <fieldset class="choices">
                            <legend>"Réponse demandée"</legend>
                            <label>
                                <input type="radio" name="ask" value=Ask::Nothing.code() checked />
                                " Aucune"
                            </label>
                            <label>
                                <input type="radio" name="ask" value=Ask::Receipt.code() />
                                " « J'ai bien reçu »"
                            </label>
                            <label>
                                <input type="radio" name="ask" value=Ask::YesNo.code() />
                                " Oui ou non"
                            </label>
                        </fieldset>
                        <Show when=move || error().is_some()>
                            <p class="form-error" role="alert">
                                {error}
                            </p>
                        </Show>
                        <button type="submit" class="button button-primary">
                            "Envoyer"
                        </button>
                    </CheckedForm>
                }
            }}
            <Show when=move || { done.get() > 0 && error().is_none() }>
                <p class="notice notice-success" role="status">
                    "Message envoyé."
                </p>
            </Show>
        </section>
    }
}

#[component]
fn SentList(sent: Vec<SentMessage>) -> impl IntoView {
    if sent.is_empty() {
        return view! { <p class="muted">"Aucun message envoyé cette année."</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {sent
                .into_iter()
                .map(|m| {
                    let replies = (m.ask != Ask::Nothing)
                        .then(|| {
                            let word = if m.replied > 1 { "réponses" } else { "réponse" };
                            view! { <p>{format!("{} {word}", m.replied)}</p> }
                        });
                    view! {
                        <li
                            class="card message-card"
                            data-message-id=m.id.to_string()
                            data-read=m.read.to_string()
                            data-families=m.families.to_string()
                        >
                            <h3>
                                <a href=format!("/messages/{}", m.id)>{m.subject.clone()}</a>
                            </h3>
                            <p class="muted">
                                {format!(
                                    "{} · {}",
                                    format::moment(m.sent_at),
                                    m.about.text(Locale::Fr),
                                )}
                            </p>
                            <p>
                                <strong>{read_text(m.read, m.families)}</strong>
                            </p>
                            {replies}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// `/messages/:id`: a message. Its guardians read it (and answer it when
/// it asks); its structure's coordinators see which families read it.
#[component]
pub fn MessagePage() -> impl IntoView {
    let params = use_params_map();
    let answer = ServerAction::<AnswerMessage>::new();
    let message = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                answer.version().get(),
            )
        },
        |(id, _)| open_message(MessageId(id)),
    );
    let l = use_locale();
    view! {
        <main id="contenu" class="page message-page">
            <Loaded
                resource=message
                error_heading=t::message(l)
                render=move |m| view! { <Opened m answer /> }
            />
        </main>
    }
}

#[component]
fn Opened(m: OpenedMessage, answer: ServerAction<AnswerMessage>) -> impl IntoView {
    let l = use_locale();
    let paragraphs = m
        .body
        .split("\n\n")
        .map(|p| {
            let lines = p
                .lines()
                .map(|line| view! { <span class="line">{line.to_string()}</span> });
            view! { <p>{lines.collect_view()}</p> }
        })
        .collect_view();
    let about = if m.receipts.is_some() || m.children.is_empty() {
        m.about.text(l)
    } else {
        format!("{} {}", t::about(l), m.children.join(", "))
    };
    let family = m
        .receipts
        .is_none()
        .then(|| view! { <Answer m=m.clone() answer /> });
    let receipts = m
        .receipts
        .clone()
        .map(|r| view! { <Receipts receipts=r ask=m.ask /> });
    view! {
        <p>
            <a href=if m.receipts.is_some() { "/messages" } else { "/mes-enfants" }>{t::back(l)}</a>
        </p>
        <h1 dir="auto">{m.subject.clone()}</h1>
        <p class="muted">{format!("{} · {}", m.from, format::moment_in(m.sent_at, l))}</p>
        <p class="message-about">
            <strong>{about}</strong>
        </p>
        <div class="card message-body" dir="auto">
            {paragraphs}
        </div>
        {family}
        {receipts}
    }
}

/// The guardian's answer, when the message asks for one: plain forms, so
/// they work before (or without) the page's script.
#[component]
fn Answer(m: OpenedMessage, answer: ServerAction<AnswerMessage>) -> impl IntoView {
    let l = use_locale();
    let error = submit_error(answer.value());
    let choices: &[(Reply, crate::i18n::catalogue::Text)] = match m.ask {
        Ask::Nothing => return ().into_any(),
        Ask::Receipt => &[(Reply::Received, t::reply_received)],
        Ask::YesNo => &[(Reply::Yes, t::reply_yes), (Reply::No, t::reply_no)],
    };
    let said = m.reply.map(|r| {
        let text = match r {
            Reply::Received => t::answered_received(l),
            Reply::Yes => t::answered_yes(l),
            Reply::No => t::answered_no(l),
        };
        view! { <p class="notice notice-info">{text}</p> }
    });
    view! {
        <section class="message-answer" aria-labelledby="repondre">
            <h2 id="repondre">{t::your_answer(l)}</h2>
            {said}
            <Show when=move || error().is_some()>
                <p class="form-error" role="alert">
                    {error}
                </p>
            </Show>
            <div class="answer-buttons">
                {choices
                    .iter()
                    .map(|(reply, text)| {
                        let pressed = m.reply == Some(*reply);
                        let id = m.id.to_string();
                        view! {
                            <ActionForm action=answer>
                                <input type="hidden" name="message" value=id />
                                <input type="hidden" name="reply" value=reply.code() />
                                <button
                                    type="submit"
                                    class="button button-primary"
                                    aria-pressed=pressed.to_string()
                                >
                                    {text(l)}
                                </button>
                            </ActionForm>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
    .into_any()
}

fn reply_text(r: Reply) -> &'static str {
    match r {
        Reply::Received => "a bien reçu",
        Reply::Yes => "oui",
        Reply::No => "non",
    }
}

/// For the coordinator: the families who have not read the message (with
/// their phone numbers, to call them), then those who have.
#[component]
fn Receipts(receipts: Vec<Receipt>, ask: Ask) -> impl IntoView {
    let (read, unread): (Vec<Receipt>, Vec<Receipt>) = receipts.into_iter().partition(|r| r.read());
    let total = read.len() + unread.len();
    let families = move |list: Vec<Receipt>| {
        list.into_iter()
            .map(|r| {
                let family_read = r.read();
                let reply = (ask != Ask::Nothing).then(|| match r.reply() {
                    Some(reply) => format!("réponse : {}", reply_text(reply)),
                    None => "pas de réponse".to_string(),
                });
                view! {
                    <li
                        class="card receipt"
                        data-read=family_read.to_string()
                        data-child=r.child_name.clone()
                    >
                        <h3>{format!("Famille de {}", r.child_name)}</h3>
                        <ul class="receipt-guardians">
                            {r
                                .guardians
                                .into_iter()
                                .map(|g| {
                                    let state = match (g.read_at, g.has_account) {
                                        (Some(at), _) => format!("lu le {}", format::moment(at)),
                                        (None, true) => "pas encore lu".to_string(),
                                        (None, false) => {
                                            "pas de compte Passerelle : à prévenir autrement"
                                                .to_string()
                                        }
                                    };
                                    let own_reply = g
                                        .reply
                                        .map(|r| format!(" · {}", reply_text(r)))
                                        .unwrap_or_default();
                                    let phone = g
                                        .phone
                                        .clone()
                                        .filter(|_| g.read_at.is_none())
                                        .map(|p| {
                                            let tel = format!("tel:{}", p.replace(' ', ""));
                                            view! {
                                                " · "
                                                <a href=tel>{p}</a>
                                            }
                                        });
                                    view! {
                                        <li>
                                            {format!("{} : {state}{own_reply}", g.name)} {phone}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        {reply.map(|reply| view! { <p class="muted">{reply}</p> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="receipts" aria-labelledby="lectures">
            <h2 id="lectures">{read_text(read.len(), total)}</h2>
            <h3>{format!("Pas encore lu ({})", unread.len())}</h3>
            {if unread.is_empty() {
                view! { <p class="muted">"Toutes les familles l'ont lu."</p> }.into_any()
            } else {
                view! { <ul class="cards receipts-unread">{families(unread)}</ul> }.into_any()
            }}
            <h3>{format!("Lu ({})", read.len())}</h3>
            {if read.is_empty() {
                view! { <p class="muted">"Aucune famille ne l'a encore lu."</p> }.into_any()
            } else {
                view! { <ul class="cards receipts-read">{families(read)}</ul> }.into_any()
            }}
        </section>
    }
}

/// The messages on the guardian's home: unread first, each a link to the
/// message (opening it marks it read).
#[component]
pub fn HomeMessages() -> impl IntoView {
    let l = use_locale();
    let list = Resource::new(|| (), |_| load_my_messages());
    view! {
        <section class="family-messages" aria-labelledby="messages">
            <h2 id="messages">{t::messages(l)}</h2>
            <Loaded resource=list render=move |list| view! { <MessageCards list /> } />
        </section>
    }
}

#[component]
fn MessageCards(list: Vec<FamilyMessage>) -> impl IntoView {
    let l = use_locale();
    if list.is_empty() {
        return view! { <p class="muted">{t::no_message(l)}</p> }.into_any();
    }
    let (mut unread, read): (Vec<FamilyMessage>, Vec<FamilyMessage>) =
        list.into_iter().partition(|m| !m.read || m.awaits_reply());
    unread.extend(read);
    view! {
        <ul class="cards">
            {unread
                .into_iter()
                .map(|m| {
                    let badge = if !m.read {
                        Some(("badge badge-info", t::new_badge(l)))
                    } else if m.awaits_reply() {
                        Some(("badge badge-warning", t::answer_awaited(l)))
                    } else {
                        None
                    };
                    view! {
                        <li
                            class="card message-card"
                            class:unread=!m.read
                            data-message-id=m.id.to_string()
                            data-read=m.read.to_string()
                        >
                            {badge
                                .map(|(class, text)| {
                                    view! {
                                        <p>
                                            <span class=class>{text}</span>
                                        </p>
                                    }
                                })}
                            <h3>
                                <a href=format!("/messages/{}", m.id)>{m.subject.clone()}</a>
                            </h3>
                            <p class="muted">
                                {format!(
                                    "{} · {}",
                                    format::day_month_in(m.sent_at.date(), l),
                                    m.children.join(", "),
                                )}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
