//! The calendar subscription's content (RFC 5545), built with the
//! `icalendar` crate (escaping, line folding, CRLF). Times are written in
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
            .location(&place);
        match &e.cancelled {
            Some(reason) => event
                .summary(&format!("Annulée : {title}"))
                .description(&format!("Séance annulée. Motif : {reason}"))
                .status(EventStatus::Cancelled),
            None => event
                .summary(&title)
                .description(&format!("Groupe {}, {}.", e.group_name, e.venue))
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
}
