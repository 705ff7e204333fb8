//! A group's places and its waiting list: when one more child fits, and
//! which waiting child a free place is offered to. The enrolment refusal
//! (`enrolment_capacity`), the child's page (« Une place est libre ») and
//! the offers made when a child leaves all ask these functions.

use crate::ids::{ChildId, GroupId};

/// Whether a group of `enrolled` children takes one more under `group_max`.
pub fn has_room(enrolled: u32, group_max: u32) -> bool {
    enrolled.saturating_add(1) <= group_max
}

/// Whether the child at `position` (1: first) of a group's waiting list is
/// offered a place in that group of `enrolled` children: the first in line,
/// when one more fits.
pub fn offered_a_place(position: u32, enrolled: u32, group_max: u32) -> bool {
    position == 1 && has_room(enrolled, group_max)
}

/// One child on a group's waiting list, as the offers read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InLine<'a> {
    pub group: &'a GroupId,
    pub child: &'a ChildId,
    /// 1 for the first child to be offered a place.
    pub position: u32,
}

/// The places the waiting lists may fill: for each of `groups` (with its
/// enrolled count) with room, the first child of its list, in the order of
/// `groups`.
pub fn offers<'a>(
    groups: &[(&'a GroupId, u32)],
    waiting: &[InLine<'a>],
    group_max: u32,
) -> Vec<(&'a GroupId, &'a ChildId)> {
    groups
        .iter()
        .filter_map(|(group, enrolled)| {
            waiting
                .iter()
                .find(|w| w.group == *group && offered_a_place(w.position, *enrolled, group_max))
                .map(|w| (*group, w.child))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_one_more_child_under_the_maximum() {
        assert!(has_room(14, 15));
        assert!(!has_room(15, 15));
        assert!(!has_room(u32::MAX, 15));
        assert!(has_room(0, 1));
    }

    #[test]
    fn only_the_first_in_line_is_offered_a_free_place() {
        assert!(offered_a_place(1, 14, 15));
        assert!(!offered_a_place(2, 14, 15));
        assert!(!offered_a_place(1, 15, 15));
    }

    #[test]
    fn offers_name_the_first_child_of_each_group_with_room() {
        let (a, b, c) = (
            GroupId("a".into()),
            GroupId("b".into()),
            GroupId("c".into()),
        );
        let (x, y, z) = (
            ChildId("x".into()),
            ChildId("y".into()),
            ChildId("z".into()),
        );
        let waiting = [
            InLine {
                group: &a,
                child: &y,
                position: 2,
            },
            InLine {
                group: &a,
                child: &x,
                position: 1,
            },
            InLine {
                group: &b,
                child: &z,
                position: 1,
            },
        ];
        let groups = [(&a, 10), (&b, 15), (&c, 3)];
        assert_eq!(offers(&groups, &waiting, 15), vec![(&a, &x)]);
    }
}
