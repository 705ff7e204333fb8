//! The notices' mails: the guardian's alert in French, English or Arabic;
//! the staff's digests in French or English (Arabic reads French).

use super::store::{DayEvents, OpenRegister};
use crate::format;
use crate::i18n::Locale;
use crate::mail::letter::Letter;
use chrono::NaiveDate;

fn hour(starts_at: &str, l: Locale) -> String {
    chrono::NaiveTime::parse_from_str(starts_at, "%H:%M")
        .map(|t| format::time_in(t, l))
        .unwrap_or_else(|_| starts_at.to_string())
}

/// The evening alert to a guardian.
pub fn absence_alert(
    l: Locale,
    guardian: &str,
    child: &str,
    group: &str,
    starts_at: &str,
    organisation: &str,
    link: &str,
) -> Letter {
    let at = hour(starts_at, l);
    match l {
        Locale::Fr => Letter {
            subject: format!("{child} était absent(e) aujourd'hui"),
            greeting: format!("Bonjour {guardian},"),
            paragraphs: vec![
                format!("{child} était attendu(e) aujourd'hui à {at} ({group}) et a été noté(e) absent(e). Nous n'avions pas reçu de message de votre part."),
                "Si vous saviez déjà, tout va bien. Sinon, vous pouvez appeler la structure.".into(),
            ],
            action: Some(("Voir la page de votre enfant".into(), link.into())),
            signature: organisation.into(),
            ..Letter::default()
        },
        Locale::En => Letter {
            subject: format!("{child} was absent today"),
            greeting: format!("Hello {guardian},"),
            paragraphs: vec![
                format!("{child} was expected today at {at} ({group}) and was marked absent. We had not received a message from you."),
                "If you already knew, all is well. Otherwise you can call the centre.".into(),
            ],
            action: Some(("See your child's page".into(), link.into())),
            signature: organisation.into(),
            ..Letter::default()
        },
        Locale::Ar => Letter {
            subject: format!("{child} كان غائبًا اليوم"),
            greeting: format!("مرحبًا {guardian}،"),
            paragraphs: vec![
                format!("كان {child} منتظرًا اليوم على الساعة {at} ({group}) وسُجّل غائبًا. لم تصلنا رسالة منكم."),
                "إن كنتم على علم بذلك، فلا بأس. وإلا يمكنكم الاتصال بالمؤسسة.".into(),
            ],
            action: Some(("صفحة طفلكم".into(), link.into())),
            signature: organisation.into(),
            ..Letter::default()
        },
    }
}

/// The coordinator's daily digest of `day`.
pub fn daily_digest(
    l: Locale,
    coordinator: &str,
    day: NaiveDate,
    events: &DayEvents,
    organisation: &str,
    link: &str,
) -> Letter {
    // The staff read French or English.
    let l = l.for_staff();
    let mut items = Vec::new();
    for (child, on, group, reason) in &events.notices {
        let on = format::day_month_in(*on, l);
        items.push(match l {
            Locale::Fr | Locale::Ar => {
                format!("Absence signalée : {child}, {on} ({group}) — « {reason} »")
            }
            Locale::En => format!("Absence notice: {child}, {on} ({group}) — “{reason}”"),
        });
    }
    for child in &events.contracts {
        items.push(match l {
            Locale::Fr | Locale::Ar => format!("Contrat accepté par la famille : {child}"),
            Locale::En => format!("Contract accepted by the family: {child}"),
        });
    }
    for (guardian, title, on, coming) in &events.answers {
        let on = format::day_month_in(*on, l);
        items.push(match (l, coming) {
            (Locale::Fr | Locale::Ar, true) => format!("{guardian} viendra à « {title} » ({on})"),
            (Locale::Fr | Locale::Ar, false) => {
                format!("{guardian} ne pourra pas venir à « {title} » ({on})")
            }
            (Locale::En, true) => format!("{guardian} is coming to “{title}” ({on})"),
            (Locale::En, false) => format!("{guardian} cannot come to “{title}” ({on})"),
        });
    }
    let on = format::day_month_in(day, l);
    match l {
        Locale::Fr | Locale::Ar => Letter {
            subject: format!("Passerelle : le résumé du {on}"),
            greeting: format!("Bonjour {coordinator},"),
            paragraphs: vec!["Depuis hier 18 h, les familles ont :".into()],
            items,
            action: Some(("Ouvrir Passerelle".into(), link.into())),
            signature: organisation.into(),
        },
        Locale::En => Letter {
            subject: format!("Passerelle: the summary of {on}"),
            greeting: format!("Hello {coordinator},"),
            paragraphs: vec!["Since yesterday 6 pm, families have:".into()],
            items,
            action: Some(("Open Passerelle".into(), link.into())),
            signature: organisation.into(),
        },
    }
}

/// The Monday list of last week's registers not taken or not closed.
pub fn weekly_registers(
    l: Locale,
    coordinator: &str,
    open: &[OpenRegister],
    organisation: &str,
    link: &str,
) -> Letter {
    // The staff read French or English.
    let l = l.for_staff();
    let items = open
        .iter()
        .map(|r| {
            let on = format::day_month_in(r.day, l);
            let at = hour(&r.starts_at, l);
            match (l, r.taken) {
                (Locale::Fr | Locale::Ar, false) => {
                    format!("{on} à {at}, {} : appel non fait", r.group_name)
                }
                (Locale::Fr | Locale::Ar, true) => {
                    format!("{on} à {at}, {} : registre non clos", r.group_name)
                }
                (Locale::En, false) => {
                    format!("{on} at {at}, {}: register not taken", r.group_name)
                }
                (Locale::En, true) => {
                    format!("{on} at {at}, {}: register not closed", r.group_name)
                }
            }
        })
        .collect();
    match l {
        Locale::Fr | Locale::Ar => Letter {
            subject: format!("Passerelle : {} registre(s) de la semaine passée à compléter", open.len()),
            greeting: format!("Bonjour {coordinator},"),
            paragraphs: vec!["Ces registres de la semaine passée ne sont pas faits ou pas clos. Le bilan de la CAF les compte tels qu'ils sont :".into()],
            items,
            action: Some(("Ouvrir le planning".into(), link.into())),
            signature: organisation.into(),
        },
        Locale::En => Letter {
            subject: format!("Passerelle: {} register(s) of last week to complete", open.len()),
            greeting: format!("Hello {coordinator},"),
            paragraphs: vec!["These registers of last week are not taken or not closed. The CAF report counts them as they are:".into()],
            items,
            action: Some(("Open the planning".into(), link.into())),
            signature: organisation.into(),
        },
    }
}
