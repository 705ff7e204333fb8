//! The calendar subscription's content (RFC 5545), built with the
//! `icalendar` crate (escaping of `\n`, `,`, `;` and `\`, line folding at
//! 75 octets, CRLF); `ics_text` first turns every other line break into
//! `\n` and drops control characters, which the crate passes as they are. Times are written in
//! UTC, converted from the organisation's local time, so that every
//! calendar reads them alike without a VTIMEZONE block.

use crate::family::store::feeds::FeedEvent;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// The address of the subscription whose secret is `token`.
pub fn path(token: &str) -> String {
    format!("/calendrier/{token}.ics")
}

/// The subscription at `/calendrier/{segment}`, as text, stamped `now`:
/// the guardian's children's sessions from the start of the school year to
/// a year ahead. `None` when the address is not (or no longer) valid.
pub async fn calendar_at(
    db: &crate::db::Db,
    segment: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let token = segment.strip_suffix(".ics").unwrap_or(segment);
    // Tokens are 43 URL-safe base64 characters; anything else is unknown.
    let well_formed = token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Ok(None);
    }
    let zone = crate::domain::local_time::ZONE;
    let today = crate::domain::local_time::local_date(now);
    let from = crate::domain::calendar::school_year_start(today);
    let to = today + chrono::Duration::days(366);
    let events =
        crate::family::store::feeds::events(&mut *db.pool.acquire().await?, token, from, to)
            .await?;
    Ok(events.map(|e| render(&e, zone, now)))
}

/// The event's id in every calendar: stable, so that a change (a time, a
/// cancellation) updates the event instead of adding one.
pub fn uid(e: &FeedEvent) -> String {
    format!("{}.{}@passerelle", e.session, e.child)
}

/// A text as a calendar property may hold it: a bare carriage return (the
/// crate escapes only `\n`) would end the property and start another.
pub fn ics_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// The calendar for `events`, stamped `now`; `zone` is the organisation's
/// time zone (the sessions' times are local).
pub fn render(events: &[FeedEvent], zone: chrono_tz::Tz, now: DateTime<Utc>) -> String {
    let utc = |d: NaiveDate, t: NaiveTime| -> DateTime<Utc> {
        let local = d.and_time(t);
        // Why `earliest`: a time in the autumn's repeated hour is read as
        // the first one; a time in the spring's skipped hour (never used by
        // sessions) falls back to UTC as written.
        zone.from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| local.and_utc())
    };
    let mut calendar = Calendar::new();
    calendar
        .name("Passerelle : séances d'accompagnement scolaire")
        // Calendar apps may read it again every hour.
        .append_property(("X-PUBLISHED-TTL", "PT1H"));
    for e in events {
        let title = format!(
            "{} : accompagnement scolaire ({})",
            e.first_name, e.group_name
        );
        let place = match e.address.trim() {
            "" => e.venue.clone(),
            address => format!("{}, {address}", e.venue),
        };
        let mut event = Event::new();
        event
            .uid(&uid(e))
            .timestamp(now)
            .starts(utc(e.date, e.start))
            .ends(utc(e.date, e.end))
            .location(&ics_text(&place));
        match &e.cancelled {
            Some(reason) => event
                .summary(&ics_text(&format!("Annulée : {title}")))
                .description(&ics_text(&format!("Séance annulée. Motif : {reason}")))
                .status(EventStatus::Cancelled),
            None => event
                .summary(&ics_text(&title))
                .description(&ics_text(&format!("Groupe {}, {}.", e.group_name, e.venue)))
                .status(EventStatus::Confirmed),
        };
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ChildId, SessionId};

    fn event(date: &str, cancelled: Option<&str>) -> FeedEvent {
        FeedEvent {
            session: SessionId::new("s1"),
            child: ChildId::new("c1"),
            first_name: "Inès".into(),
            group_name: "CP-CE2".into(),
            date: date.parse().unwrap(),
            start: NaiveTime::from_hms_opt(16, 45, 0).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            venue: "Salle des Tilleuls".into(),
            address: "12, rue des Écoles".into(),
            cancelled: cancelled.map(String::from),
        }
    }

    #[test]
    fn local_times_become_utc_in_winter_and_summer() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        let text = render(
            &[event("2026-11-30", None), event("2027-06-07", None)],
            crate::domain::local_time::ZONE,
            now,
        );
        assert!(text.contains("DTSTART:20261130T154500Z"), "{text}");
        assert!(text.contains("DTEND:20261130T170000Z"), "{text}");
        assert!(text.contains("DTSTART:20270607T144500Z"), "{text}");
        assert!(text.contains("STATUS:CONFIRMED"));
        assert!(text.contains("\r\n"), "lines end with CRLF");
    }

    #[test]
    fn a_cancelled_session_says_so_and_why() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        let text = render(
            &[event("2026-11-30", Some("Grève"))],
            crate::domain::local_time::ZONE,
            now,
        );
        assert!(text.contains("STATUS:CANCELLED"), "{text}");
        assert!(text.contains("Annulée"), "{text}");
        assert!(text.contains("Grève"), "{text}");
        // Commas in text are escaped.
        assert!(text.contains("12\\, rue des Écoles"), "{text}");
    }

    #[test]
    fn a_carriage_return_cannot_add_a_property_and_lines_are_folded() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        let mut e = event("2026-11-30", Some("Grève;\\ totale, \rX-CANCEL:1"));
        e.address = "12 rue des Écoles\rDTSTART:20300101T000000Z\r\nX-INJECTED:1\n2e étage".into();
        e.venue = format!("Salle {}", "é".repeat(60));
        let text = render(&[e], crate::domain::local_time::ZONE, now);
        let lines: Vec<&str> = text.split("\r\n").collect();
        // No line but the real ones starts a property.
        assert!(!lines
            .iter()
            .any(|l| l.starts_with("X-INJECTED") || l.starts_with("X-CANCEL")));
        assert_eq!(lines.iter().filter(|l| l.starts_with("DTSTART")).count(), 1);
        // No bare CR or LF is left inside a line.
        assert!(lines.iter().all(|l| !l.contains('\r') && !l.contains('\n')));
        // Every line at most 75 octets, and folded lines start with a space.
        assert!(lines.iter().all(|l| l.len() <= 75), "{text}");
        assert!(lines.iter().any(|l| l.starts_with(' ')), "{text}");
        // Semicolons, commas and backslashes escaped.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("Grève\\;\\\\ totale\\, \\nX-CANCEL:1"),
            "{text}"
        );
    }
}
