//! Identifiers of the domain's entities. They are opaque strings (UUIDs made
//! by the server, or by a device for what it creates offline), wrapped in one
//! type per entity so that a child id can never be passed as a group id.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// An organisation (the *structure* or *opérateur*), the tenant boundary.
    OrganisationId,
    /// A CLAS group (*action*).
    GroupId,
    /// One session (*séance*) of a group.
    SessionId,
    /// A child (*enfant / jeune*).
    ChildId,
    /// An accompanist (*accompagnateur*).
    AccompanistId,
    /// A venue (*lieu*).
    VenueId,
    /// A school (*établissement scolaire*).
    SchoolId,
    /// A guardian (*parent / responsable légal*).
    GuardianId,
    /// A user account.
    UserId,
    /// An adult the family allows to take the child home.
    AdultId,
    /// One entry of the register (a mark, notes, a closing), made on the device.
    EntryId,
    /// A browser that takes registers, made on the device at its first use.
    DeviceId,
    /// A meeting or event for families (*action parentalité*).
    FamilyEventId,
    /// A message the coordinator wrote to families.
    MessageId,
    /// A school year of an organisation.
    SchoolYearId,
    /// One holiday period of a school year.
    HolidayId,
);
