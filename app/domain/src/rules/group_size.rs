use crate::findings::{Code, Finding, Measure, Subject};
use crate::ids::GroupId;
use crate::thresholds::Thresholds;

/// GROUP_OVER_MAX (error) and GROUP_UNDER_MIN (warning) for a group of
/// `enrolled` children.
pub fn group_size(group: &GroupId, enrolled: u32, t: &Thresholds) -> Vec<Finding> {
    let about = vec![Subject::Group(group.clone())];
    let actual = Measure::children(enrolled as i64);
    if enrolled > t.group_max {
        vec![Finding::new(Code::GroupOverMax, about)
            .measured(Measure::children(t.group_max as i64), actual)]
    } else if enrolled < t.group_min {
        vec![Finding::new(Code::GroupUnderMin, about)
            .measured(Measure::children(t.group_min as i64), actual)]
    } else {
        Vec::new()
    }
}

/// GROUP_OVER_MAX when one more child would not fit in a group that already
/// has `enrolled` children.
pub fn enrolment_capacity(group: &GroupId, enrolled: u32, t: &Thresholds) -> Vec<Finding> {
    let after = enrolled.saturating_add(1);
    if !super::has_room(enrolled, t.group_max) {
        vec![
            Finding::new(Code::GroupOverMax, vec![Subject::Group(group.clone())]).measured(
                Measure::children(t.group_max as i64),
                Measure::children(after as i64),
            ),
        ]
    } else {
        Vec::new()
    }
}
