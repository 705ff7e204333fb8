//! The glossary's closed vocabularies (roles, school levels, activity
//! categories, attendance statuses...) and the planning entities the rules
//! read. Each vocabulary has a stable code stored in the database and sent
//! over the wire; labels for people live in the UI's translations.

use crate::calendar::{SchoolTimetable, Slot};
use crate::ids::*;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary with its stable codes.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code, as stored and sent.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a stable code; `None` for anything else.
            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// What a user account may do.
    Role {
        Admin => "admin",
        Coordinator => "coordinator",
        Accompanist => "accompanist",
        Parent => "parent",
        Funder => "funder",
    }
);

vocabulary!(
    /// A pupil's class, from CP to Terminale.
    SchoolLevel {
        Cp => "CP", Ce1 => "CE1", Ce2 => "CE2", Cm1 => "CM1", Cm2 => "CM2",
        Sixieme => "6E", Cinquieme => "5E", Quatrieme => "4E", Troisieme => "3E",
        Seconde => "2DE", Premiere => "1RE", Terminale => "TLE",
    }
);

vocabulary!(
    /// The school stage a level belongs to, as the CAF's report counts them.
    Stage { Primary => "primaire", College => "college", Lycee => "lycee" }
);

impl SchoolLevel {
    pub fn stage(self) -> Stage {
        use SchoolLevel::*;
        match self {
            Cp | Ce1 | Ce2 | Cm1 | Cm2 => Stage::Primary,
            Sixieme | Cinquieme | Quatrieme | Troisieme => Stage::College,
            Seconde | Premiere | Terminale => Stage::Lycee,
        }
    }
}

vocabulary!(Sex { Female => "F", Male => "M" });

vocabulary!(
    /// The categories of planned and done activities (the session plan).
    ActivityCategory {
        Exchange => "echange",
        Methodology => "methodologie",
        Culture => "culture",
        Arts => "arts",
        Sport => "sport",
        Games => "jeux",
        Homework => "devoirs",
    }
);

vocabulary!(
    AttendanceStatus {
        Present => "present",
        Late => "late",
        Absent => "absent",
        Excused => "excused",
    }
);

vocabulary!(
    /// Who identified the child's need.
    ReferralSource {
        Family => "famille",
        Teacher => "enseignant",
        SocialWorker => "travailleur_social",
        Pre => "pre",
        Youth => "jeune",
        Other => "autre",
    }
);

vocabulary!(
    SessionStatus {
        Draft => "draft",
        Planned => "planned",
        Cancelled => "cancelled",
        Held => "held",
    }
);

vocabulary!(
    /// Where a child stands in the programme.
    ChildStatus { Referred => "oriente", Enrolled => "inscrit", Left => "sorti" }
);

vocabulary!(
    /// The meetings with the school the CAF asks for.
    LiaisonKind {
        Diagnostic => "diagnostic",
        Start => "demarrage",
        FollowUp => "suivi",
        EndOfYear => "bilan",
    }
);

vocabulary!(
    /// Actions with and for the parents.
    FamilyEventKind {
        Welcome => "accueil",
        Information => "information",
        SharedSession => "seance_partagee",
        Highlight => "temps_fort",
        Individual => "individuel",
    }
);

vocabulary!(
    /// The age bands of the CAF's report.
    AgeBand { SixToTen => "6-10", ElevenToSixteen => "11-16", SeventeenPlus => "17+", UnderSix => "<6" }
);

/// Age in whole years on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

impl AgeBand {
    pub fn of_age(age: i32) -> AgeBand {
        match age {
            i32::MIN..=5 => AgeBand::UnderSix,
            6..=10 => AgeBand::SixToTen,
            11..=16 => AgeBand::ElevenToSixteen,
            _ => AgeBand::SeventeenPlus,
        }
    }
}

/// A session as the planning rules see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub id: SessionId,
    pub group: GroupId,
    pub venue: VenueId,
    pub slot: Slot,
    pub accompanists: Vec<AccompanistId>,
    /// The children expected: the group's enrolled members.
    pub children: Vec<ChildId>,
    pub status: SessionStatus,
}

/// What a session is planned to hold (*programme de la séance*).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPlan {
    pub activities: Vec<ActivityCategory>,
    /// Parents are welcome to come in (*accueil des parents*).
    pub parents_welcome: bool,
    /// A session shared by parents and children (*séance partagée*).
    pub shared_with_parents: bool,
}

impl AttendanceStatus {
    /// The child came (present or late): what attendance rates count.
    pub fn came(self) -> bool {
        matches!(self, AttendanceStatus::Present | AttendanceStatus::Late)
    }
}

impl SessionStatus {
    /// Drafts and planned sessions can still be moved and staffed; held and
    /// cancelled ones are history.
    pub fn is_plannable(self) -> bool {
        matches!(self, SessionStatus::Draft | SessionStatus::Planned)
    }
}

impl PlannedSession {
    /// Cancelled sessions take no room, no adult and no child.
    pub fn is_active(&self) -> bool {
        self.status != SessionStatus::Cancelled
    }
}

/// A child as the timetable rule sees them: which school timetable applies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilTimetable {
    pub child: ChildId,
    pub timetable: SchoolTimetable,
}

/// The organisation (*structure*, *opérateur*): the tenant boundary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    /// The département whose CAF funds it, e.g. `93`.
    pub territory: String,
    pub thresholds: crate::Thresholds,
}

/// A CLAS group (*action*): the unit the rules count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub organisation: OrganisationId,
    pub name: String,
    pub members: Vec<ChildId>,
    pub accompanists: Vec<AccompanistId>,
    pub planned_activities: Vec<ActivityCategory>,
}

/// An adult who leads sessions, paid (*salarié*) or volunteer (*bénévole*).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accompanist {
    pub id: AccompanistId,
    pub first_name: String,
    pub last_name: String,
    pub paid: bool,
}

/// Premises outside school time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub id: VenueId,
    pub name: String,
}

/// A parent or legal guardian; a child may have several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    pub id: GuardianId,
    pub first_name: String,
    pub last_name: String,
}

/// A pupil in the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub id: ChildId,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub level: SchoolLevel,
    pub priority_area: bool,
    pub status: ChildStatus,
    pub guardians: Vec<GuardianId>,
}

/// Who identified the child's need, and when (*orientation*).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub child: ChildId,
    pub source: ReferralSource,
    pub on: NaiveDate,
    pub need: String,
}

/// The parents' agreement, required for enrolment (*accord des parents*).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub child: ChildId,
    pub guardian: GuardianId,
    pub on: NaiveDate,
}

/// The engagements of child, parents, operator and school (*contrat*).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub child: ChildId,
    pub objectives: String,
    pub accepted_by: Option<GuardianId>,
}

/// A meeting with the school (*concertation*), about a child or a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolLiaison {
    pub kind: LiaisonKind,
    pub on: NaiveDate,
    pub child: Option<ChildId>,
    pub group: Option<GroupId>,
}

/// A moment with and for the parents (*temps fort*, shared session...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyEvent {
    pub kind: FamilyEventKind,
    pub on: NaiveDate,
    pub title: String,
    pub came: Vec<GuardianId>,
}
