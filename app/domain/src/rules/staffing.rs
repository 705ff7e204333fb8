use crate::findings::{Code, Finding, Measure, Subject, Unit};
use crate::ids::SessionId;
use crate::thresholds::Thresholds;

/// NO_ACCOMPANIST (error) when a session has no adult; RATIO_EXCEEDED
/// (warning) when it has fewer adults than the minimum, or more children per
/// adult than the threshold.
pub fn staffing(session: &SessionId, children: u32, adults: u32, t: &Thresholds) -> Vec<Finding> {
    let about = vec![Subject::Session(session.clone())];
    if adults == 0 {
        return vec![Finding::new(Code::NoAccompanist, about).measured(
            Measure::new(t.min_adults_per_session as i64, Unit::Adults),
            Measure::new(0, Unit::Adults),
        )];
    }
    if adults < t.min_adults_per_session {
        return vec![Finding::new(Code::RatioExceeded, about).measured(
            Measure::new(t.min_adults_per_session as i64, Unit::Adults),
            Measure::new(adults as i64, Unit::Adults),
        )];
    }
    // Compare in integers: children > max * adults.
    if children as u64 > t.max_children_per_adult as u64 * adults as u64 {
        let per_adult = (children as i64 * 100) / adults as i64;
        return vec![Finding::new(Code::RatioExceeded, about).measured(
            Measure::per_adult_hundredths(t.max_children_per_adult as i64 * 100),
            Measure::per_adult_hundredths(per_adult),
        )];
    }
    Vec::new()
}
