//! What the messages' pages show and what their forms send, and the one
//! check of a new message (`MessageForm::check`), run alike in the browser
//! before sending and on the server.

use crate::domain::ids::*;
use crate::error::{AppError, FieldProblem};
use crate::format;
use crate::i18n::catalogue::fill;
use crate::i18n::{families as t, Locale};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A subject's length, in characters.
pub const SUBJECT_MAX: usize = 120;
/// A message's length, in characters (about a page).
pub const BODY_MAX: usize = 4000;

/// Who a message is written to: the families of a group's children, of the
/// children expected at a session, or of one child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Group(GroupId),
    Session(SessionId),
    Child(ChildId),
}

impl Audience {
    /// The form's value: `group:<id>`, `session:<id>`, `child:<id>`.
    pub fn code(&self) -> String {
        match self {
            Audience::Group(g) => format!("group:{g}"),
            Audience::Session(s) => format!("session:{s}"),
            Audience::Child(c) => format!("child:{c}"),
        }
    }

    /// Reads a form's value (see `code`).
    pub fn parse(value: &str) -> Result<Audience, AppError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(AppError::invalid("message_to", FieldProblem::Missing));
        }
        let (kind, id) = value
            .split_once(':')
            .ok_or_else(|| AppError::invalid("message_to", FieldProblem::Malformed))?;
        let id = crate::fields::parse_id("message_to", id)?;
        match kind {
            "group" => Ok(Audience::Group(GroupId(id))),
            "session" => Ok(Audience::Session(SessionId(id))),
            "child" => Ok(Audience::Child(ChildId(id))),
            _ => Err(AppError::invalid("message_to", FieldProblem::Unknown)),
        }
    }

    /// The kind as stored (`family_messages.audience`) and its id.
    pub fn stored(&self) -> (&'static str, &str) {
        match self {
            Audience::Group(g) => ("group", g.as_str()),
            Audience::Session(s) => ("session", s.as_str()),
            Audience::Child(c) => ("child", c.as_str()),
        }
    }
}

/// Who a message went to, as the pages say it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    /// The group's name.
    Group(String),
    Session {
        date: NaiveDate,
        start: NaiveTime,
        group: String,
    },
    /// The child's name (« Enfant anonymisé » once anonymised).
    Child(String),
    /// What it named is no longer there.
    Gone,
}

impl About {
    /// « Groupe CE2 », « Séance du mardi 8 décembre à 16 h 45, groupe CE2 »,
    /// « Inès Benali ».
    pub fn text(&self, l: Locale) -> String {
        match self {
            About::Group(name) => fill(t::about_group(l), &[("group", name)]),
            About::Session { date, start, group } => fill(
                t::about_session(l),
                &[
                    ("date", &format::day_month_in(*date, l)),
                    ("time", &format::time_in(*start, l)),
                    ("group", group),
                ],
            ),
            About::Child(name) => name.clone(),
            About::Gone => t::original_recipients(l).to_string(),
        }
    }
}

/// The answer a message asks of the families.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ask {
    /// Read it, that is all.
    #[default]
    Nothing,
    /// « J'ai bien reçu ».
    Receipt,
    /// Oui / Non.
    YesNo,
}

impl Ask {
    pub const ALL: [Ask; 3] = [Ask::Nothing, Ask::Receipt, Ask::YesNo];

    pub fn code(self) -> &'static str {
        match self {
            Ask::Nothing => "none",
            Ask::Receipt => "ack",
            Ask::YesNo => "yes_no",
        }
    }

    pub fn parse(code: &str) -> Option<Ask> {
        Ask::ALL.into_iter().find(|a| a.code() == code.trim())
    }

    /// Whether `reply` answers what this message asks.
    pub fn takes(self, reply: Reply) -> bool {
        match self {
            Ask::Nothing => false,
            Ask::Receipt => reply == Reply::Received,
            Ask::YesNo => matches!(reply, Reply::Yes | Reply::No),
        }
    }
}

/// A family's answer to a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// « J'ai bien reçu ».
    Received,
    Yes,
    No,
}

impl Reply {
    pub fn code(self) -> &'static str {
        match self {
            Reply::Received => "ack",
            Reply::Yes => "yes",
            Reply::No => "no",
        }
    }

    pub fn parse(code: &str) -> Option<Reply> {
        [Reply::Received, Reply::Yes, Reply::No]
            .into_iter()
            .find(|r| r.code() == code.trim())
    }
}

/// A new message as the coordinator's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageForm {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub ask: String,
}

/// A new message, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    pub to: Audience,
    pub subject: String,
    pub body: String,
    pub ask: Ask,
}

impl MessageForm {
    /// Checks the form: who it is for, a subject of 3 to 120 characters on
    /// one line, a text of 1 to 4,000 characters, what it asks. The first
    /// problem is reported with its field.
    pub fn check(&self) -> Result<NewMessage, AppError> {
        let to = Audience::parse(&self.to)?;
        let subject = crate::fields::line("message_subject", &self.subject, 3, SUBJECT_MAX)?;
        let body = crate::fields::text("message_body", &self.body, BODY_MAX)?;
        if body.is_empty() {
            return Err(AppError::invalid("message_body", FieldProblem::Missing));
        }
        let ask = match self.ask.trim() {
            "" => Ask::Nothing,
            code => Ask::parse(code)
                .ok_or_else(|| AppError::invalid("message_ask", FieldProblem::Unknown))?,
        };
        Ok(NewMessage {
            to,
            subject,
            body,
            ask,
        })
    }
}

/// A message in a guardian's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMessage {
    pub id: MessageId,
    pub subject: String,
    /// The organisation's local time.
    pub sent_at: NaiveDateTime,
    /// The first names of the guardian's children it is about.
    pub children: Vec<String>,
    pub read: bool,
    pub ask: Ask,
    pub reply: Option<Reply>,
}

impl FamilyMessage {
    /// Whether the family still owes the answer the message asks for.
    pub fn awaits_reply(&self) -> bool {
        self.ask != Ask::Nothing && self.reply.is_none()
    }
}

/// One guardian of a family a message went to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianReceipt {
    pub name: String,
    /// To call them when they have not read it.
    pub phone: Option<String>,
    /// Whether they can read it in Passerelle at all (an account).
    pub has_account: bool,
    pub read_at: Option<NaiveDateTime>,
    pub reply: Option<Reply>,
}

/// One family (a child and their guardians) a message went to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub child: ChildId,
    pub child_name: String,
    pub guardians: Vec<GuardianReceipt>,
}

impl Receipt {
    /// A family has read the message when one of its guardians opened it.
    pub fn read(&self) -> bool {
        self.guardians.iter().any(|g| g.read_at.is_some())
    }

    /// The family's answer: the first of its guardians' answers.
    pub fn reply(&self) -> Option<Reply> {
        self.guardians.iter().find_map(|g| g.reply)
    }
}

/// A message as opened: by one of its guardians (who then has read it) or
/// by a coordinator of the structure (who sees every family's receipt).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedMessage {
    pub id: MessageId,
    pub subject: String,
    pub body: String,
    pub sent_at: NaiveDateTime,
    /// Who wrote it: the coordinator's name and the structure.
    pub from: String,
    /// Who it was written to.
    pub about: About,
    pub ask: Ask,
    /// For a guardian: the children it is about, and their answer.
    pub children: Vec<String>,
    pub reply: Option<Reply>,
    /// For a coordinator: each family, read or not.
    pub receipts: Option<Vec<Receipt>>,
}

impl OpenedMessage {
    /// How many families read it, of how many.
    pub fn read_count(&self) -> (usize, usize) {
        let receipts = self.receipts.as_deref().unwrap_or_default();
        (receipts.iter().filter(|r| r.read()).count(), receipts.len())
    }
}

/// A message in the coordinator's list, with its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMessage {
    pub id: MessageId,
    pub subject: String,
    pub sent_at: NaiveDateTime,
    pub about: About,
    pub ask: Ask,
    /// Families (children) it went to.
    pub families: usize,
    /// Families of which a guardian read it.
    pub read: usize,
    /// Families of which a guardian answered.
    pub replied: usize,
}

/// The coordinator's « Messages » page: what was sent this school year, and
/// who a new message may be for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesPage {
    pub sent: Vec<SentMessage>,
    /// (form value, label) for each choice of the « À » list.
    pub groups: Vec<(String, String)>,
    pub sessions: Vec<(String, String)>,
    pub children: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> MessageForm {
        MessageForm {
            to: "group:g1".into(),
            subject: "Sortie à la médiathèque".into(),
            body: "Bonjour,\r\nMardi nous irons à la médiathèque.".into(),
            ask: "yes_no".into(),
        }
    }

    fn field_of(e: AppError) -> String {
        match e {
            AppError::Invalid { field, .. } => field,
            other => panic!("not a field problem: {other:?}"),
        }
    }

    #[test]
    fn a_good_form_is_a_message() {
        let m = form().check().unwrap();
        assert_eq!(m.to, Audience::Group(GroupId::new("g1")));
        assert_eq!(m.ask, Ask::YesNo);
        assert_eq!(m.body, "Bonjour,\nMardi nous irons à la médiathèque.");
        let plain = MessageForm {
            ask: String::new(),
            to: "child:c-2".into(),
            ..form()
        };
        let m = plain.check().unwrap();
        assert_eq!(
            (m.ask, m.to),
            (Ask::Nothing, Audience::Child(ChildId::new("c-2")))
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = |f: fn(&mut MessageForm)| {
            let mut form = form();
            f(&mut form);
            field_of(form.check().unwrap_err())
        };
        assert_eq!(bad(|f| f.to = String::new()), "message_to");
        assert_eq!(bad(|f| f.to = "school:x".into()), "message_to");
        assert_eq!(bad(|f| f.to = "group:<script>".into()), "message_to");
        assert_eq!(bad(|f| f.to = "g1".into()), "message_to");
        assert_eq!(bad(|f| f.subject = "Ok".into()), "message_subject");
        assert_eq!(bad(|f| f.subject = "a\nb c d".into()), "message_subject");
        assert_eq!(bad(|f| f.subject = "x".repeat(121)), "message_subject");
        assert_eq!(bad(|f| f.body = "  ".into()), "message_body");
        assert_eq!(bad(|f| f.body = "x".repeat(4001)), "message_body");
        assert_eq!(bad(|f| f.ask = "maybe".into()), "message_ask");
    }

    #[test]
    fn codes_read_back_and_replies_fit_the_ask() {
        for a in Ask::ALL {
            assert_eq!(Ask::parse(a.code()), Some(a));
        }
        for r in [Reply::Received, Reply::Yes, Reply::No] {
            assert_eq!(Reply::parse(r.code()), Some(r));
        }
        let to = Audience::Session(SessionId::new("s9"));
        assert_eq!(Audience::parse(&to.code()).unwrap(), to);
        assert!(Ask::Receipt.takes(Reply::Received) && !Ask::Receipt.takes(Reply::Yes));
        assert!(Ask::YesNo.takes(Reply::No) && !Ask::YesNo.takes(Reply::Received));
        assert!(!Ask::Nothing.takes(Reply::Received));
    }

    #[test]
    fn a_family_has_read_when_one_guardian_did() {
        let guardian = |read: bool| GuardianReceipt {
            name: "X".into(),
            phone: None,
            has_account: true,
            read_at: read.then(|| "2026-12-07T18:02:00".parse().unwrap()),
            reply: None,
        };
        let receipt = |g: Vec<GuardianReceipt>| Receipt {
            child: ChildId::new("c"),
            child_name: "Inès".into(),
            guardians: g,
        };
        assert!(receipt(vec![guardian(false), guardian(true)]).read());
        assert!(!receipt(vec![guardian(false), guardian(false)]).read());
        assert!(!receipt(vec![]).read());
    }
}
