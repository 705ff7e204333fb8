use crate::findings::{Code, Finding, Subject};
use crate::ids::{ChildId, GroupId};

/// NO_REFERRAL and NO_CONSENT: a child is enrolled only once a need is
/// recorded and the parents agreed.
pub fn enrolment_prerequisites(
    child: &ChildId,
    group: &GroupId,
    has_referral: bool,
    has_consent: bool,
) -> Vec<Finding> {
    let about = || vec![Subject::Child(child.clone()), Subject::Group(group.clone())];
    let mut findings = Vec::new();
    if !has_referral {
        findings.push(Finding::new(Code::NoReferral, about()));
    }
    if !has_consent {
        findings.push(Finding::new(Code::NoConsent, about()));
    }
    findings
}
