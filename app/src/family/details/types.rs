//! What « Mes coordonnées » shows and sends, and the coordinator's view of
//! the families' checks and proposals.

use crate::domain::ids::*;
use crate::error::AppError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// An address's length, in characters.
pub const ADDRESS_MAX: usize = 200;

/// An adult allowed to take a child home, as their family sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickUpAdult {
    pub id: AdultId,
    pub name: String,
    pub relationship: String,
    pub phone: Option<String>,
    /// Proposed by a guardian, not yet approved by the structure: the
    /// register does not show them.
    pub pending: bool,
}

/// One of the guardian's children with the adults allowed to take them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildAdults {
    pub child: ChildId,
    pub first_name: String,
    pub adults: Vec<PickUpAdult>,
}

/// A guardian's own data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDetails {
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
    /// The structure asked the family to check its data and this guardian
    /// has not done so since.
    pub check_asked: bool,
    pub children: Vec<ChildAdults>,
}

/// What the guardian's form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailsForm {
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// The guardian's data, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDetails {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: String,
}

impl DetailsForm {
    /// The enrolment form's rules for a guardian's phone and e-mail (the
    /// same field names, the same refusals), and an address of at most 200
    /// characters on up to four lines.
    pub fn check(&self, first_name: &str, last_name: &str) -> Result<NewDetails, AppError> {
        let guardian = crate::records::children::types::guardian(
            "guardian",
            first_name,
            last_name,
            &self.phone,
            &self.email,
        )?;
        let address = crate::fields::text("guardian_address", &self.address, ADDRESS_MAX)?;
        if address.lines().count() > 4 {
            return Err(AppError::invalid(
                "guardian_address",
                crate::error::FieldProblem::TooLong,
            ));
        }
        Ok(NewDetails {
            phone: guardian.phone,
            email: guardian.email,
            address,
        })
    }
}

impl NewDetails {
    /// What changed from `before`, in the history's words: « téléphone :
    /// 06 12 → 07 98 ; adresse modifiée ». Empty when nothing did.
    pub fn changes(&self, before: &MyDetails) -> String {
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        let mut changes = Vec::new();
        if self.phone != before.phone {
            changes.push(format!(
                "téléphone : {} → {}",
                shown(&before.phone),
                shown(&self.phone)
            ));
        }
        if self.email != before.email {
            changes.push(format!(
                "e-mail : {} → {}",
                shown(&before.email),
                shown(&self.email)
            ));
        }
        if self.address != before.address {
            changes.push("adresse modifiée".to_string());
        }
        changes.join(" ; ")
    }
}

/// A pick-up adult a family proposed, waiting for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAdult {
    pub child: ChildId,
    pub child_name: String,
    pub adult: AdultId,
    pub name: String,
    pub relationship: String,
    pub proposed_by: String,
    pub proposed_at: Option<NaiveDateTime>,
}

/// The coordinator's view of the families' data: the last request to check
/// it and how many families did since, and the proposals to approve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyChecks {
    pub asked_at: Option<NaiveDateTime>,
    /// Guardians of current children.
    pub guardians: usize,
    /// Of those, who checked their data since the last request.
    pub checked: usize,
    pub pending: Vec<PendingAdult>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before() -> MyDetails {
        MyDetails {
            first_name: "Samira".into(),
            last_name: "Benali".into(),
            phone: Some("06 12 34 56 78".into()),
            email: None,
            address: String::new(),
            check_asked: true,
            children: vec![],
        }
    }

    #[test]
    fn the_enrolments_rules_and_an_address() {
        let form = DetailsForm {
            phone: "07 98 76 54 32".into(),
            email: " Samira.Benali@Example.org ".into(),
            address: "12 rue des Lilas\r\n69008 Lyon".into(),
        };
        let new = form.check("Samira", "Benali").unwrap();
        assert_eq!(new.email.as_deref(), Some("samira.benali@example.org"));
        assert_eq!(new.address, "12 rue des Lilas\n69008 Lyon");
        assert_eq!(
            new.changes(&before()),
            "téléphone : 06 12 34 56 78 → 07 98 76 54 32 ; e-mail : — → samira.benali@example.org ; adresse modifiée"
        );
        let same = DetailsForm {
            phone: "06 12 34 56 78".into(),
            ..DetailsForm::default()
        };
        assert_eq!(
            same.check("Samira", "Benali").unwrap().changes(&before()),
            ""
        );
        let field = |form: DetailsForm| match form.check("Samira", "Benali") {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let bad = |f: fn(&mut DetailsForm)| {
            let mut form = DetailsForm::default();
            f(&mut form);
            field(form)
        };
        assert_eq!(bad(|f| f.phone = "12".into()), "guardian_phone");
        assert_eq!(
            bad(|f| f.email = "pas une adresse".into()),
            "guardian_email"
        );
        assert_eq!(bad(|f| f.address = "x".repeat(201)), "guardian_address");
        assert_eq!(
            bad(|f| f.address = "a\nb\nc\nd\ne".into()),
            "guardian_address"
        );
        assert_eq!(
            bad(|f| f.address = "rue\u{202E}".into()),
            "guardian_address"
        );
    }
}
