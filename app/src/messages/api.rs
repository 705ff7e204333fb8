use crate::domain::ids::MessageId;
use crate::error::AppError;
use crate::messages::types::{FamilyMessage, MessagesPage, OpenedMessage};
use leptos::prelude::*;

/// Coordinator: the messages of this school year with their counts, and
/// who a new one may be written to.
#[server(endpoint = "messages/page")]
pub async fn load_messages_page() -> Result<MessagesPage, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.ok_or(AppError::Forbidden)?;
    let today = crate::state::today();
    let mut conn = db.pool.acquire().await?;
    let mut page = crate::messages::store::choices(&mut conn, &org, today).await?;
    page.sent = crate::messages::store::of_organisation(
        &mut conn,
        &org,
        &crate::messages::store::year_start(today),
    )
    .await?;
    Ok(page)
}

/// Coordinator: writes to the families of a group, of a session or of one
/// child (`to`, see `Audience::code`), asking for nothing, « J'ai bien
/// reçu » (`ask` = "ack") or yes/no ("yes_no"). Every guardian of those
/// children finds it on their home; those who asked for it get it by mail
/// too, queued with the message.
#[server(endpoint = "messages/send")]
pub async fn send_message(
    to: String,
    subject: String,
    body: String,
    ask: String,
) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::messages::store;
    let message = crate::messages::types::MessageForm {
        to,
        subject,
        body,
        ask,
    }
    .check()?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::Coordinator).await?;
    let org = user.organisation.clone().ok_or(AppError::Forbidden)?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    let recipients = store::recipients(&mut work, &org, &message.to)
        .await?
        .ok_or_else(|| AppError::invalid("message_to", FieldProblem::Unknown))?;
    if recipients.is_empty() {
        return Err(AppError::invalid("message_to", FieldProblem::Mismatch));
    }
    let at = work.at().to_string();
    let id = store::insert(&mut work, &org, &user.id, &message, &recipients, &at).await?;
    server::queue_mails(&mut work, &org, &id, &message, &at).await?;
    let detail = format!("{} ({} destinataires)", message.to.code(), recipients.len());
    work.audit("message.send", ("message", id.as_str()), &detail)
        .await?;
    work.commit().await?;
    Ok(())
}

/// Guardian: the messages written to them this school year, newest first.
#[server(endpoint = "messages/mine")]
pub async fn load_my_messages() -> Result<Vec<FamilyMessage>, AppError> {
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.ok_or(AppError::Forbidden)?;
    let since = crate::messages::store::year_start(crate::state::today());
    let mut conn = db.pool.acquire().await?;
    Ok(crate::messages::store::for_guardian(&mut conn, &guardian, &since).await?)
}

/// One message: for one of its guardians, who has read it from then on;
/// for a coordinator of its structure, with every family's receipt.
#[server(endpoint = "messages/open")]
pub async fn open_message(id: MessageId) -> Result<OpenedMessage, AppError> {
    use crate::domain::model::Role;
    let id = crate::fields::checked_id("message", id)?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::SignedIn).await?;
    match (user.role, &user.guardian, &user.organisation) {
        (Role::Parent, Some(guardian), _) => {
            use crate::messages::store::open_for_guardian;
            let guardian = guardian.clone();
            // Read first: opening a message read before writes nothing.
            let mut conn = db.pool.acquire().await?;
            let (message, read) = open_for_guardian(&mut conn, &id, &guardian, None)
                .await?
                .ok_or(AppError::NotFound)?;
            drop(conn);
            if read {
                return Ok(message);
            }
            let mut work = crate::authz::work_of(&user, &db).await?;
            let at = work.at().to_string();
            let (message, read) = open_for_guardian(&mut work, &id, &guardian, Some(&at))
                .await?
                .ok_or(AppError::NotFound)?;
            if !read {
                work.audit("message.read", ("message", id.as_str()), "")
                    .await?;
                work.commit().await?;
            }
            Ok(message)
        }
        (Role::Coordinator, _, Some(org)) => {
            let mut conn = db.pool.acquire().await?;
            crate::messages::store::open_for_coordinator(&mut conn, &id, org)
                .await?
                .ok_or(AppError::NotFound)
        }
        _ => Err(AppError::Forbidden),
    }
}

/// Guardian: answers a message that asks for it: « J'ai bien reçu »
/// (`reply` = "ack"), « Oui » ("yes") or « Non » ("no"), as the message
/// asks. Answering again replaces the answer.
#[server(endpoint = "messages/answer")]
pub async fn answer_message(message: String, reply: String) -> Result<(), AppError> {
    use crate::error::FieldProblem;
    use crate::messages::types::Reply;
    let id = MessageId(crate::fields::parse_id("message", &message)?);
    let reply = Reply::parse(&reply)
        .ok_or_else(|| AppError::invalid("message_reply", FieldProblem::Unknown))?;
    let (user, db) = crate::authz::authorize(crate::authz::Access::OwnChildren).await?;
    let guardian = user.guardian.clone().ok_or(AppError::Forbidden)?;
    let mut work = crate::authz::work_of(&user, &db).await?;
    let ask = crate::messages::store::ask_of(&mut work, &id, &guardian)
        .await?
        .ok_or(AppError::NotFound)?;
    if !ask.takes(reply) {
        return Err(AppError::invalid("message_reply", FieldProblem::Mismatch));
    }
    let at = work.at().to_string();
    crate::messages::store::answer(&mut work, &id, &guardian, reply, &at).await?;
    work.audit("message.answer", ("message", id.as_str()), reply.code())
        .await?;
    work.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::ids::*;
    use crate::mail::outbox::{queue, NewMail};
    use crate::mail::MailKind;
    use crate::messages::types::NewMessage;
    use sqlx::AnyConnection;

    /// Queues the message's mail to each of its guardians who asked for
    /// it (opt-in), in the message's own transaction.
    pub async fn queue_mails(
        conn: &mut AnyConnection,
        org: &OrganisationId,
        id: &MessageId,
        message: &NewMessage,
        at: &str,
    ) -> Result<(), sqlx::Error> {
        let base = crate::state::server_state()
            .map(|s| crate::auth::server::site_origin(&s))
            .unwrap_or_default();
        let organisation = crate::messages::store::organisation_name(conn, org).await?;
        let link = format!("{base}/messages/{id}");
        for r in crate::messages::store::mail_recipients(conn, id).await? {
            let l = crate::locale::Locale::from_code(&r.locale);
            let letter = crate::messages::letters::family_message(
                l,
                &r.first_name,
                &r.children,
                message,
                &organisation,
                &link,
            );
            let mail = NewMail {
                organisation: Some(org),
                user: Some(&r.user),
                recipient: &r.email,
                locale: l,
                kind: MailKind::FamilyMessage,
                letter: &letter,
                dedupe_key: format!("message:{id}:{}", r.user),
            };
            queue(conn, &mail, &base, at).await?;
        }
        Ok(())
    }
}
