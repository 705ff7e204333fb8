//! The report's charts, drawn by the app in SVG: attendance week by week,
//! and each group's (or organisation's) attendance and regularity. They
//! scale to a phone's width and print in black on white; each has a text
//! summary for screen readers, and the figures stay in the tables.

use crate::domain::calendar::percent;
use crate::domain::report::WeekLine;
use crate::format;
use chrono::Datelike;
use leptos::prelude::*;

/// One bar of a horizontal chart: a name and up to two shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub name: String,
    pub attendance: Option<u32>,
    pub regularity: Option<u32>,
}

/// Attendance, week by week: one column per week of the year so far, the
/// share of marks where the child came; holiday weeks are shaded. The
/// chart has room for the whole year (`year_weeks`), so that its columns
/// keep their size as the year goes on.
#[component]
pub fn WeeklyChart(weeks: Vec<WeekLine>, year_weeks: usize) -> impl IntoView {
    const STEP: u32 = 14;
    const BAR: u32 = 10;
    const HEIGHT: u32 = 120;
    const LEFT: u32 = 34;
    // Room above the top line for its « 100 % ».
    const TOP: u32 = 8;
    let width = LEFT + STEP * weeks.len().max(year_weeks).max(10) as u32 + 4;
    let marked: Vec<&WeekLine> = weeks.iter().filter(|w| w.attendance.marked > 0).collect();
    let label = match (marked.first(), marked.last()) {
        (Some(first), Some(last)) => {
            let low = marked
                .iter()
                .filter_map(|w| w.attendance.percent())
                .min()
                .unwrap_or(0);
            let high = marked
                .iter()
                .filter_map(|w| w.attendance.percent())
                .max()
                .unwrap_or(0);
            format!(
                "Présence par semaine, du {} au {} : entre {low} % et {high} % selon les semaines.",
                format::day_month(first.monday),
                format::day_month(last.monday),
            )
        }
        _ => "Présence par semaine : pas encore de séance pointée.".to_string(),
    };
    let grid = [0u32, 50, 100].map(|p| {
        let y = TOP + HEIGHT - p * HEIGHT / 100;
        view! {
            <line x1=LEFT y1=y x2=width y2=y class="chart-grid" />
            <text x=LEFT - 4 y=y + 4 text-anchor="end" class="chart-value">
                {format!("{p} %")}
            </text>
        }
    });
    let columns = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = LEFT + i as u32 * STEP + (STEP - BAR) / 2;
            let p = w.attendance.percent();
            let h = p.unwrap_or(0) * HEIGHT / 100;
            // The month under the week holding its first day.
            let month_label = (0..7)
                .map(|d| w.monday + chrono::Duration::days(d))
                .find(|d| d.day() == 1)
                .map(|first| {
                    view! {
                        <text x=x y=TOP + HEIGHT + 16 class="chart-label">
                            {format::month_short(first)}
                        </text>
                    }
                });
            let title = format!(
                "Semaine du {} : {}",
                format::day_month(w.monday),
                match p {
                    Some(p) => format!(
                        "{p} % ({} présences sur {})",
                        w.attendance.attended, w.attendance.marked
                    ),
                    None if !w.school_week => "vacances".to_string(),
                    None => "aucune séance pointée".to_string(),
                }
            );
            view! {
                <g
                    class="chart-week"
                    data-week=w.monday.to_string()
                    data-percent=p.map(|p| p.to_string())
                >
                    <title>{title}</title>
                    {(!w.school_week)
                        .then(|| {
                            view! {
                                <rect
                                    x=LEFT + i as u32 * STEP
                                    y=TOP
                                    width=STEP
                                    height=HEIGHT
                                    class="chart-holiday"
                                />
                            }
                        })}
                    <rect x=x y=TOP + HEIGHT - h width=BAR height=h class="chart-bar" />
                    {month_label}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart chart-wide">
            <svg
                viewBox=format!("0 0 {width} {}", TOP + HEIGHT + 24)
                role="img"
                aria-label=label
                preserveAspectRatio="xMinYMin meet"
            >
                {grid}
                {columns}
            </svg>
            <figcaption class="muted">
                "Part des enfants attendus qui sont venus, semaine par semaine. Les bandes grises sont les vacances."
            </figcaption>
        </figure>
    }
}

/// Each group's attendance and regularity, as horizontal bars with their
/// value written beside them.
#[component]
pub fn BarsChart(bars: Vec<Bar>, caption: &'static str) -> impl IntoView {
    const ROW: u32 = 44;
    const NAME: u32 = 150;
    const SCALE: u32 = 200;
    const WIDTH: u32 = NAME + SCALE + 60;
    let height = ROW * bars.len().max(1) as u32 + 8;
    let label = bars
        .iter()
        .map(|b| {
            format!(
                "{} : présence {}, régularité {}",
                b.name,
                b.attendance
                    .map(|p| format!("{p} %"))
                    .unwrap_or_else(|| "—".into()),
                b.regularity
                    .map(|p| format!("{p} %"))
                    .unwrap_or_else(|| "—".into()),
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as u32 * ROW + 4;
            let bar = |value: Option<u32>, dy: u32, class: &'static str| {
                let w = value.unwrap_or(0).min(100) * SCALE / 100;
                let text = value
                    .map(|p| format!("{p} %"))
                    .unwrap_or_else(|| "—".into());
                view! {
                    <rect x=NAME y=y + dy width=w height="14" class=class />
                    <text x=NAME + w + 6 y=y + dy + 12 class="chart-value">
                        {text}
                    </text>
                }
            };
            let name = short_name(&b.name);
            view! {
                <g class="chart-row">
                    <title>{b.name.clone()}</title>
                    <text x="0" y=y + 20 class="chart-label">
                        {name}
                    </text>
                    {bar(b.attendance, 2, "chart-bar")}
                    {bar(b.regularity, 20, "chart-bar chart-bar-alt")}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-label=label
                preserveAspectRatio="xMinYMin meet"
            >
                {rows}
            </svg>
            <figcaption class="muted">
                <span class="legend legend-primary">"Présence"</span>
                " "
                <span class="legend legend-alt">"Régularité"</span>
                " · "
                {caption}
            </figcaption>
        </figure>
    }
}

/// A name that fits beside the bars: whole words up to 22 characters, then
/// « … » (a word cut in the middle could read as another word).
fn short_name(name: &str) -> String {
    if name.chars().count() <= 22 {
        return name.to_string();
    }
    let mut out = String::new();
    for word in name.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > 21 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = name.chars().take(21).collect();
    }
    format!("{out}…")
}

/// A group line as a bar.
pub fn group_bar(g: &crate::domain::report::GroupLine) -> Bar {
    Bar {
        name: g.name.clone(),
        attendance: g.attendance.percent(),
        regularity: percent(g.regular_weeks, g.school_weeks),
    }
}
