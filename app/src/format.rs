//! French formats, the same on the server and in the browser: « lundi 30
//! novembre », 16 h 45, 1 234,5. Pure functions of their arguments. The
//! `_in` functions write the reader's language: English, or Arabic with
//! the Western digits families in France read every day (as in Algeria,
//! Morocco and Tunisia) and the month names of Modern Standard Arabic:
//! « الاثنين 30 نوفمبر », « 16:45 ».

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

const DAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const AR_DAYS: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];
const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// « B. »: the initial of a last name (nothing for none).
pub fn initial(last: &str) -> String {
    last.chars()
        .next()
        .map(|c| format!("{c}."))
        .unwrap_or_default()
}

/// « Inès B. »: a first name and the initial of the last name.
pub fn short_name(first: &str, last: &str) -> String {
    match initial(last).as_str() {
        "" => first.to_string(),
        i => format!("{first} {i}"),
    }
}

/// « sept. », « janv. »: a month in a chart's label.
pub fn month_short(d: NaiveDate) -> &'static str {
    const SHORT: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    SHORT[d.month0() as usize]
}

/// « lundi 30 novembre »
pub fn day_month(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{} {} {}", weekday(d), day, MONTHS[d.month0() as usize])
}

/// « lundi 30 novembre 2026 »
pub fn full_date(d: NaiveDate) -> String {
    format!("{} {}", day_month(d), d.year())
}

/// « novembre 2026 »: the month of `d`.
pub fn month_year(d: NaiveDate) -> String {
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// « 16 août 2016 »: a date without its weekday (a birth date).
pub fn birth_date(d: NaiveDate) -> String {
    let day = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{day} {} {}", MONTHS[d.month0() as usize], d.year())
}

/// `day_month` in the reader's language: « lundi 30 novembre », or
/// "Monday 30 November".
pub fn day_month_in(d: NaiveDate, l: crate::locale::Locale) -> String {
    const EN_DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let weekday = d.weekday().num_days_from_monday() as usize;
    match l {
        crate::locale::Locale::Fr => day_month(d),
        crate::locale::Locale::En => {
            format!("{} {} {}", EN_DAYS[weekday], d.day(), d.format("%B"))
        }
        crate::locale::Locale::Ar => format!(
            "{} {} {}",
            AR_DAYS[weekday],
            d.day(),
            AR_MONTHS[d.month0() as usize]
        ),
    }
}

/// `time_range` in the reader's language: « 16 h 45 – 18 h », "16:45 –
/// 18:00", or « من 16:45 إلى 18:00 » (words rather than a dash, which a
/// right-to-left line would show the wrong way round).
pub fn time_range_in(a: NaiveTime, b: NaiveTime, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => time_range(a, b),
        crate::locale::Locale::En => format!("{} – {}", time_in(a, l), time_in(b, l)),
        crate::locale::Locale::Ar => format!("من {} إلى {}", time_in(a, l), time_in(b, l)),
    }
}

/// `time` in the reader's language: « 16 h 45 », or "16:45".
pub fn time_in(t: NaiveTime, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => time(t),
        crate::locale::Locale::En | crate::locale::Locale::Ar => t.format("%H:%M").to_string(),
    }
}

/// `month_short` in the reader's language (Arabic month names are short).
pub fn month_short_in(d: NaiveDate, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => month_short(d).to_string(),
        crate::locale::Locale::En => d.format("%b").to_string(),
        crate::locale::Locale::Ar => AR_MONTHS[d.month0() as usize].to_string(),
    }
}

/// The comma between a day and its hours: the Arabic comma in Arabic.
pub fn comma(l: crate::locale::Locale) -> &'static str {
    match l {
        crate::locale::Locale::Ar => "، ",
        crate::locale::Locale::Fr | crate::locale::Locale::En => ", ",
    }
}

/// « 30/11/2026 »
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn weekday(d: NaiveDate) -> &'static str {
    DAYS[d.weekday().num_days_from_monday() as usize]
}

/// « 16 h 45 », « 9 h »
pub fn time(t: NaiveTime) -> String {
    if t.minute() == 0 {
        format!("{} h", t.hour())
    } else {
        format!("{} h {:02}", t.hour(), t.minute())
    }
}

/// « samedi 5 décembre 2026 à 18 h 05 »: a moment on the organisations'
/// clocks.
pub fn moment(at: chrono::NaiveDateTime) -> String {
    format!("{} à {}", full_date(at.date()), time(at.time()))
}

/// `moment` in the reader's language: « samedi 5 décembre 2026 à 18 h 05 »,
/// or "Saturday 5 December 2026 at 18:05".
pub fn moment_in(at: chrono::NaiveDateTime, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => moment(at),
        crate::locale::Locale::En => format!(
            "{} {} at {}",
            day_month_in(at.date(), l),
            at.date().year(),
            time_in(at.time(), l)
        ),
        crate::locale::Locale::Ar => format!(
            "{} {} على الساعة {}",
            day_month_in(at.date(), l),
            at.date().year(),
            time_in(at.time(), l)
        ),
    }
}

/// « 16 h 45 – 18 h 15 »
pub fn time_range(a: NaiveTime, b: NaiveTime) -> String {
    format!("{} – {}", time(a), time(b))
}

/// « 1 234 567 »: digits grouped by three with a narrow no-break space.
fn thousands(int: &str) -> String {
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push('\u{202F}');
        }
        grouped.push(c);
    }
    grouped
}

/// « 1 234,5 » with a narrow no-break space between thousands; `decimals`
/// digits after the comma.
pub fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = thousands(int);
    let sign = if value < 0.0 && value.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// « 1 234,56 € », exact: from cents, never through a float.
pub fn euros(amount: crate::domain::dossier::Cents) -> String {
    let (negative, whole, cents) = amount.parts();
    let sign = if negative { "-" } else { "" };
    format!("{sign}{},{cents:02}\u{a0}€", thousands(&whole.to_string()))
}

/// An amount as a form shows it to be changed: « 1234,56 », empty for zero.
pub fn euros_input(amount: crate::domain::dossier::Cents) -> String {
    if amount.0 == 0 {
        return String::new();
    }
    let (negative, whole, cents) = amount.parts();
    let sign = if negative { "-" } else { "" };
    format!("{sign}{whole},{cents:02}")
}

/// « 1 h 30 » from minutes.
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_formats() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(day_month(d), "lundi 30 novembre");
        assert_eq!(birth_date(d), "30 novembre 2026");
        assert_eq!(month_year(d), "novembre 2026");
        assert_eq!(
            day_month(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            "mardi 1er décembre"
        );
        assert_eq!(time(NaiveTime::from_hms_opt(16, 45, 0).unwrap()), "16 h 45");
        assert_eq!(time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), "9 h");
        assert_eq!(number(1234.5, 1), "1\u{202F}234,5");
        assert_eq!(number(1234567.0, 0), "1\u{202F}234\u{202F}567");
        assert_eq!(number(12.0, 0), "12");
        assert_eq!(number(-3.25, 2), "-3,25");
        assert_eq!(duration(90), "1 h 30");
        use crate::domain::dossier::Cents;
        assert_eq!(
            euros(Cents(123_456_789)),
            "1\u{202F}234\u{202F}567,89\u{a0}€"
        );
        assert_eq!(euros(Cents(-5)), "-0,05\u{a0}€");
        assert_eq!(euros_input(Cents(256_300)), "2563,00");
        assert_eq!(euros_input(Cents(0)), "");
        assert_eq!(duration(45), "45 min");
    }

    #[test]
    fn arabic_formats_keep_western_digits() {
        use crate::locale::Locale::Ar;
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let (a, b) = (
            NaiveTime::from_hms_opt(16, 45, 0).unwrap(),
            NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        );
        assert_eq!(day_month_in(d, Ar), "الاثنين 30 نوفمبر");
        assert_eq!(time_range_in(a, b, Ar), "من 16:45 إلى 18:00");
        assert_eq!(month_short_in(d, Ar), "نوفمبر");
        assert_eq!(
            moment_in(d.and_time(a), Ar),
            "الاثنين 30 نوفمبر 2026 على الساعة 16:45"
        );
    }
}
