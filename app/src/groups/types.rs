use crate::domain::ids::*;
use crate::planning::types::SessionLine;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPage {
    pub id: GroupId,
    pub name: String,
    pub levels: String,
    /// Each member's id and the name the viewer may see.
    pub members: Vec<(ChildId, String)>,
    pub accompanists: Vec<String>,
    pub upcoming: Vec<SessionLine>,
}

/// A group in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupLine {
    pub id: GroupId,
    pub name: String,
    pub levels: String,
    pub enrolled: u32,
}
