//! Where things are on the week grid: which day and time lie under the
//! pointer, and where a session's block goes. Pure arithmetic, tested
//! natively, used by the calendar in the browser.

use chrono::{NaiveTime, Timelike};

/// The grid shows Monday to Saturday, 08:00 to 20:00, in 15-minute rows.
pub const DAYS: u32 = 6;
pub const FIRST_MINUTE: u32 = 8 * 60;
pub const LAST_MINUTE: u32 = 20 * 60;
pub const STEP_MINUTES: u32 = 15;
pub const ROWS: u32 = (LAST_MINUTE - FIRST_MINUTE) / STEP_MINUTES;

/// The grid's box on screen (the day columns only, without the hour labels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridBox {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// A place on the grid: a day (0 = Monday) and a start minute of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridSlot {
    pub day: u32,
    pub minute: u32,
}

/// The day and the 15-minute step under a point, for a block of
/// `length_minutes` grabbed `grab_minutes` below its top, so that the block
/// stays under the finger. Clamped so the block stays inside the grid.
pub fn slot_at(
    grid: GridBox,
    x: f64,
    y: f64,
    grab_minutes: u32,
    length_minutes: u32,
) -> Option<GridSlot> {
    if grid.width <= 0.0 || grid.height <= 0.0 || !x.is_finite() || !y.is_finite() {
        return None;
    }
    let column = ((x - grid.left) / grid.width * DAYS as f64).floor();
    let day = column.clamp(0.0, (DAYS - 1) as f64) as u32;
    let per_minute = grid.height / (LAST_MINUTE - FIRST_MINUTE) as f64;
    let pointer_minute = FIRST_MINUTE as f64 + (y - grid.top) / per_minute;
    let top = pointer_minute - grab_minutes as f64;
    let snapped = (top / STEP_MINUTES as f64).round() * STEP_MINUTES as f64;
    let latest = LAST_MINUTE.saturating_sub(length_minutes.min(LAST_MINUTE - FIRST_MINUTE)) as f64;
    let minute = snapped.clamp(FIRST_MINUTE as f64, latest) as u32;
    Some(GridSlot { day, minute })
}

/// The end minute under a point while stretching a block's bottom edge:
/// at least 15 minutes after `start`, snapped, inside the grid.
pub fn end_at(grid: GridBox, y: f64, start: u32) -> u32 {
    let per_minute = grid.height / (LAST_MINUTE - FIRST_MINUTE) as f64;
    let minute = FIRST_MINUTE as f64 + (y - grid.top) / per_minute.max(f64::EPSILON);
    let snapped = ((minute / STEP_MINUTES as f64).round() * STEP_MINUTES as f64) as i64;
    snapped.clamp((start + STEP_MINUTES) as i64, LAST_MINUTE as i64) as u32
}

/// The CSS grid rows (1-based, end exclusive) of a time range, clamped to
/// the visible hours.
pub fn rows(start: NaiveTime, end: NaiveTime) -> (u32, u32) {
    let to_row = |t: NaiveTime| {
        let m = (t.hour() * 60 + t.minute()).clamp(FIRST_MINUTE, LAST_MINUTE);
        (m - FIRST_MINUTE) / STEP_MINUTES + 1
    };
    let (a, b) = (to_row(start), to_row(end));
    (a, b.max(a + 1))
}

/// A minute of the day as a time.
pub fn time_of(minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minute / 60 % 24, minute % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// The minute of the day of a time.
pub fn minute_of(t: NaiveTime) -> u32 {
    t.hour() * 60 + t.minute()
}

/// Side-by-side lanes for the blocks of one day, so overlapping sessions
/// (in different rooms) stay readable: for each `(start, end)` minute range,
/// its lane and the number of lanes of its cluster of overlapping blocks.
pub fn lanes(items: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Longer blocks first at equal starts, so they keep the left lane.
    order.sort_by_key(|&i| (items[i].0, std::cmp::Reverse(items[i].1)));
    let mut out = vec![(0, 1); items.len()];
    let mut cluster: Vec<usize> = Vec::new();
    let mut lane_ends: Vec<u32> = Vec::new();
    let mut cluster_end = 0;
    let close = |cluster: &mut Vec<usize>, lanes: usize, out: &mut Vec<(u32, u32)>| {
        for &i in cluster.iter() {
            out[i].1 = lanes as u32;
        }
        cluster.clear();
    };
    for i in order {
        let (start, end) = items[i];
        if !cluster.is_empty() && start >= cluster_end {
            close(&mut cluster, lane_ends.len(), &mut out);
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|&e| e <= start) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        out[i].0 = lane as u32;
        cluster.push(i);
        cluster_end = cluster_end.max(end);
    }
    close(&mut cluster, lane_ends.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRID: GridBox = GridBox {
        left: 100.0,
        top: 50.0,
        width: 600.0,
        height: 720.0,
    };
    // 720 px for 720 minutes: one pixel a minute; 100 px per day.

    #[test]
    fn the_point_gives_the_day_and_the_snapped_time() {
        assert_eq!(
            slot_at(GRID, 150.0, 50.0, 0, 90),
            Some(GridSlot {
                day: 0,
                minute: 480
            })
        );
        // Tuesday, 16:45 (525 minutes after 08:00), grabbed at the top.
        assert_eq!(
            slot_at(GRID, 250.0, 50.0 + 525.0, 0, 90),
            Some(GridSlot {
                day: 1,
                minute: 16 * 60 + 45
            })
        );
        // Snapping to the nearest quarter hour: 16:52 -> 16:45, 16:53 -> 17:00.
        assert_eq!(
            slot_at(GRID, 250.0, 50.0 + 532.0, 0, 90).unwrap().minute,
            16 * 60 + 45
        );
        assert_eq!(
            slot_at(GRID, 250.0, 50.0 + 533.0, 0, 90).unwrap().minute,
            17 * 60
        );
        // Grabbed 30 minutes below the top: the block starts 30 minutes earlier.
        assert_eq!(
            slot_at(GRID, 250.0, 50.0 + 555.0, 30, 90).unwrap().minute,
            16 * 60 + 45
        );
    }

    #[test]
    fn blocks_stay_inside_the_grid() {
        assert_eq!(
            slot_at(GRID, 0.0, 0.0, 0, 90),
            Some(GridSlot {
                day: 0,
                minute: 480
            })
        );
        assert_eq!(
            slot_at(GRID, 5000.0, 5000.0, 0, 90),
            Some(GridSlot {
                day: 5,
                minute: 20 * 60 - 90
            })
        );
        assert_eq!(
            slot_at(GridBox { width: 0.0, ..GRID }, 1.0, 1.0, 0, 90),
            None
        );
        assert_eq!(slot_at(GRID, f64::NAN, 1.0, 0, 90), None);
    }

    #[test]
    fn stretching_the_end() {
        assert_eq!(end_at(GRID, 50.0 + 600.0, 17 * 60), 18 * 60);
        assert_eq!(end_at(GRID, 50.0, 17 * 60), 17 * 60 + 15);
        assert_eq!(end_at(GRID, 9999.0, 17 * 60), 20 * 60);
    }

    #[test]
    fn overlapping_blocks_share_the_column() {
        assert_eq!(lanes(&[]), vec![]);
        assert_eq!(lanes(&[(600, 690)]), vec![(0, 1)]);
        // 16:45-18:15 and 17:15-18:45 overlap: two lanes. 19:00 is alone.
        assert_eq!(
            lanes(&[(1005, 1095), (1035, 1125), (1140, 1200)]),
            vec![(0, 2), (1, 2), (0, 1)]
        );
        // Touching blocks reuse the lane.
        assert_eq!(lanes(&[(600, 660), (660, 720)]), vec![(0, 1), (0, 1)]);
        // A long block beside two short ones that follow each other.
        assert_eq!(
            lanes(&[(600, 780), (600, 660), (660, 720)]),
            vec![(0, 2), (1, 2), (1, 2)]
        );
    }

    #[test]
    fn rows_of_a_session() {
        assert_eq!(rows(time_of(8 * 60), time_of(9 * 60 + 30)), (1, 7));
        assert_eq!(rows(time_of(16 * 60 + 45), time_of(18 * 60 + 15)), (36, 42));
        assert_eq!(rows(time_of(7 * 60), time_of(7 * 60 + 30)), (1, 2));
    }
}
