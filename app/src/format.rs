//! French formats, the same on the server and in the browser: « lundi 30
//! novembre », 16 h 45, 1 234,5. Pure functions of their arguments.

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
    match l {
        crate::locale::Locale::Fr => day_month(d),
        crate::locale::Locale::En => format!(
            "{} {} {}",
            EN_DAYS[d.weekday().num_days_from_monday() as usize],
            d.day(),
            d.format("%B")
        ),
    }
}

/// `time_range` in the reader's language: « 16 h 45 – 18 h », or
/// "16:45 – 18:00".
pub fn time_range_in(a: NaiveTime, b: NaiveTime, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => time_range(a, b),
        crate::locale::Locale::En => format!("{} – {}", time_in(a, l), time_in(b, l)),
    }
}

/// `time` in the reader's language: « 16 h 45 », or "16:45".
pub fn time_in(t: NaiveTime, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => time(t),
        crate::locale::Locale::En => t.format("%H:%M").to_string(),
    }
}

/// `month_short` in the reader's language.
pub fn month_short_in(d: NaiveDate, l: crate::locale::Locale) -> String {
    match l {
        crate::locale::Locale::Fr => month_short(d).to_string(),
        crate::locale::Locale::En => d.format("%b").to_string(),
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
    }
}

/// « 16 h 45 – 18 h 15 »
pub fn time_range(a: NaiveTime, b: NaiveTime) -> String {
    format!("{} – {}", time(a), time(b))
}

/// « 1 234,5 » with a narrow no-break space between thousands; `decimals`
/// digits after the comma.
pub fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(c);
    }
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
        assert_eq!(duration(45), "45 min");
    }
}
