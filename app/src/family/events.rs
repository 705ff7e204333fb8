//! Family events (information meetings, parent-child sessions, *temps
//! forts*...): what a guardian sees and answers (« Je viendrai »), what the
//! coordinator sees of the answers, and the rule for a new event, checked
//! alike in the browser and on the server.

use crate::domain::ids::*;
use crate::domain::model::FamilyEventKind;
use crate::error::{AppError, FieldProblem};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// An event as a guardian sees it, with their own answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyEvent {
    pub id: FamilyEventId,
    pub kind: FamilyEventKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: Option<String>,
    /// The group it is for; `None` for every family of the structure.
    pub group: Option<String>,
    /// The guardian's answer: `Some(true)` « Je viendrai ».
    pub reply: Option<bool>,
}

/// One family's answer, and whether they came, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub guardian_id: GuardianId,
    /// The guardian's name.
    pub guardian: String,
    /// Their children's first names.
    pub children: Vec<String>,
    /// « Je viendrai » (`Some(true)`), or not; `None` when they did not
    /// answer but came.
    pub reply: Option<bool>,
    /// Marked by the coordinator after the event.
    pub attended: bool,
}

/// An event with the families' answers, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAnswers {
    pub event: FamilyEvent,
    pub answers: Vec<Answer>,
}

impl EventAnswers {
    /// How many families said they would come, and how many would not.
    pub fn counts(&self) -> (usize, usize) {
        let said = |r| self.answers.iter().filter(|a| a.reply == Some(r)).count();
        (said(true), said(false))
    }

    /// How many families came (the CAF's report counts them).
    pub fn came(&self) -> usize {
        self.answers.iter().filter(|a| a.attended).count()
    }
}

/// The coordinator's page: the events of the year with the answers, and
/// what a new event can refer to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyEventsPage {
    pub today: NaiveDate,
    pub events: Vec<EventAnswers>,
    pub venues: Vec<(String, String)>,
    pub groups: Vec<(String, String)>,
    /// The structure's families (guardian id, name), to mark one who came.
    pub families: Vec<(String, String)>,
}

/// A new event as the coordinator's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    /// Empty for every family of the structure.
    pub group: String,
}

/// A new event, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub kind: FamilyEventKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: Option<VenueId>,
    pub group: Option<GroupId>,
}

impl EventForm {
    /// Checks the form: a known kind, a title of 3 to 120 characters, a
    /// date from `today` on, a start before the end. The first problem is
    /// reported with its field.
    pub fn check(&self, today: NaiveDate) -> Result<NewEvent, AppError> {
        let kind = FamilyEventKind::parse(self.kind.trim())
            .ok_or_else(|| AppError::invalid("event_kind", FieldProblem::Unknown))?;
        let title = crate::fields::plain("event_title", &self.title, false)?;
        match title.chars().count() {
            0..=2 => return Err(AppError::invalid("event_title", FieldProblem::TooShort)),
            121.. => return Err(AppError::invalid("event_title", FieldProblem::TooLong)),
            _ => {}
        }
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::invalid("event_date", FieldProblem::Malformed))?;
        if date < today {
            return Err(AppError::invalid("event_date", FieldProblem::Unknown));
        }
        let time = |field: &str, value: &str| {
            NaiveTime::parse_from_str(value.trim(), "%H:%M")
                .map_err(|_| AppError::invalid(field, FieldProblem::Malformed))
        };
        let start = time("event_start", &self.start)?;
        let end = time("event_end", &self.end)?;
        if end <= start {
            return Err(AppError::invalid("event_end", FieldProblem::Mismatch));
        }
        let optional_id = crate::fields::parse_optional_id;
        Ok(NewEvent {
            kind,
            title: title.to_string(),
            date,
            start,
            end,
            venue: optional_id("venue", &self.venue)?.map(VenueId),
            group: optional_id("group", &self.group)?.map(GroupId),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            kind: "temps_fort".into(),
            title: "Fête de fin d'année".into(),
            date: "2027-06-25".into(),
            start: "17:00".into(),
            end: "19:00".into(),
            venue: String::new(),
            group: String::new(),
        }
    }

    fn field_of(e: AppError) -> String {
        match e {
            AppError::Invalid { field, .. } => field,
            other => panic!("not a field problem: {other:?}"),
        }
    }

    #[test]
    fn a_good_form_is_an_event() {
        let today = "2026-11-28".parse().unwrap();
        let event = form().check(today).unwrap();
        assert_eq!(event.kind, FamilyEventKind::Highlight);
        assert_eq!(event.group, None);
        assert_eq!(event.start, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
    }

    #[test]
    fn each_bad_field_is_named() {
        let today = "2026-11-28".parse().unwrap();
        let bad = |f: fn(&mut EventForm)| {
            let mut form = form();
            f(&mut form);
            field_of(form.check(today).unwrap_err())
        };
        assert_eq!(bad(|f| f.kind = "fete".into()), "event_kind");
        assert_eq!(bad(|f| f.title = " a ".into()), "event_title");
        assert_eq!(bad(|f| f.title = "x".repeat(121)), "event_title");
        assert_eq!(bad(|f| f.date = "25/06/2027".into()), "event_date");
        assert_eq!(bad(|f| f.date = "2026-11-27".into()), "event_date");
        assert_eq!(bad(|f| f.start = "5 h".into()), "event_start");
        assert_eq!(bad(|f| f.end = "16:00".into()), "event_end");
        assert_eq!(bad(|f| f.group = "<script>".into()), "group");
    }
}
