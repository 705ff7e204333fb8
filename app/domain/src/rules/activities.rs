use crate::findings::{Code, Finding, Subject};
use crate::ids::GroupId;
use crate::model::ActivityCategory;

/// HOMEWORK_ONLY (warning): a group whose planned activities are only
/// homework help is outside CLAS funding. A group with no plan yet is not
/// reported (there is nothing to judge).
pub fn homework_only(group: &GroupId, planned: &[ActivityCategory]) -> Vec<Finding> {
    let only_homework =
        !planned.is_empty() && planned.iter().all(|c| *c == ActivityCategory::Homework);
    if only_homework {
        vec![Finding::new(
            Code::HomeworkOnly,
            vec![Subject::Group(group.clone())],
        )]
    } else {
        Vec::new()
    }
}
