use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationLine {
    pub name: String,
    pub territory: String,
    /// Accounts per role code.
    pub accounts: Vec<(String, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub organisations: Vec<OrganisationLine>,
    pub platform_accounts: Vec<(String, String)>,
}
