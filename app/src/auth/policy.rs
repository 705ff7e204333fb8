//! The pure rules of accounts: what a valid e-mail and password are, and how
//! long to wait after failed logins. Used in the browser (form hints) and on
//! the server (the decision).

use crate::domain::model::Role;
use crate::error::{AppError, FieldProblem};

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Why: argon2 hashes whatever it is given; a cap keeps a 10 MB "password"
/// from costing anything.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const EMAIL_MAX_CHARS: usize = 254;
/// Sign-in attempts in a row allowed before the back-off starts, for one
/// account and for one address.
pub const ACCOUNT_FREE_FAILURES: i64 = 5;
pub const ADDRESS_FREE_FAILURES: i64 = 20;

/// Whether a role must use a second factor: coordinators and admins read
/// and change every child's record of a structure or of the platform.
pub fn second_factor_expected(role: Role) -> bool {
    matches!(role, Role::Coordinator | Role::Admin)
}

/// A code typed at sign-in, as the server reads it: six digits (the
/// authenticator app's, spaces allowed), or a recovery code (letters and
/// digits, dashes and spaces allowed, any case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInCode {
    Totp(String),
    Recovery(String),
}

/// The length of a recovery code, without its dashes (16 base-32
/// characters: 80 random bits).
pub const RECOVERY_CODE_CHARS: usize = 16;

/// Reads a code typed at sign-in.
pub fn sign_in_code(raw: &str) -> Result<SignInCode, AppError> {
    let kept: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if kept.is_empty() {
        return Err(AppError::invalid("code", FieldProblem::Missing));
    }
    if kept.len() == 6 && kept.chars().all(|c| c.is_ascii_digit()) {
        return Ok(SignInCode::Totp(kept));
    }
    if kept.len() == RECOVERY_CODE_CHARS && kept.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(SignInCode::Recovery(kept));
    }
    Err(AppError::invalid("code", FieldProblem::Malformed))
}

/// Trims and lower-cases an e-mail, refusing what cannot be one.
pub fn normalise_email(raw: &str) -> Result<String, AppError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid("email", FieldProblem::Missing));
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(AppError::invalid("email", FieldProblem::TooLong));
    }
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`;,()[]\\".contains(c))
                && !domain.contains('@')
        }
        None => false,
    };
    if !well_formed {
        return Err(AppError::invalid("email", FieldProblem::Malformed));
    }
    Ok(email)
}

/// A password typed at login: present and not absurdly long.
pub fn login_password(raw: &str) -> Result<&str, AppError> {
    if raw.is_empty() {
        return Err(AppError::invalid("password", FieldProblem::Missing));
    }
    if raw.chars().count() > PASSWORD_MAX_CHARS {
        return Err(AppError::invalid("password", FieldProblem::TooLong));
    }
    Ok(raw)
}

/// A new password: at least 12 characters, no composition rules (NIST
/// SP 800-63B), and typed twice the same.
pub fn new_password<'a>(raw: &'a str, confirmation: &str) -> Result<&'a str, AppError> {
    let count = raw.chars().count();
    if count == 0 {
        return Err(AppError::invalid("password", FieldProblem::Missing));
    }
    if count < PASSWORD_MIN_CHARS {
        return Err(AppError::invalid("password", FieldProblem::TooShort));
    }
    if count > PASSWORD_MAX_CHARS {
        return Err(AppError::invalid("password", FieldProblem::TooLong));
    }
    if raw != confirmation {
        return Err(AppError::invalid(
            "password_confirmation",
            FieldProblem::Mismatch,
        ));
    }
    Ok(raw)
}

/// After `failures` failed logins in a row, how many seconds the account or
/// address must wait: nothing before `free` of them, then 30 s doubling up
/// to 15 minutes.
pub fn backoff_seconds(failures: i64, free: i64) -> i64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(5) as u32;
    (30_i64 << doublings).min(15 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            normalise_email("  Parent@Demo.Test ").unwrap(),
            "parent@demo.test"
        );
        for bad in [
            "",
            "   ",
            "parent",
            "@demo.test",
            "a@b",
            "a@.b",
            "a b@c.d",
            "a'--@x.fr",
            "<a>@x.fr",
        ] {
            assert!(normalise_email(bad).is_err(), "{bad:?}");
        }
        assert!(normalise_email(&format!("{}@x.fr", "a".repeat(300))).is_err());
    }

    #[test]
    fn passwords() {
        assert!(new_password("douze-lettres", "douze-lettres").is_ok());
        assert_eq!(
            new_password("onze-lettre", "onze-lettre"),
            Err(AppError::invalid("password", FieldProblem::TooShort))
        );
        assert_eq!(
            new_password("douze-lettres", "douze-lettreS"),
            Err(AppError::invalid(
                "password_confirmation",
                FieldProblem::Mismatch
            ))
        );
        // Length is counted in characters, not bytes.
        assert!(new_password("éééééééééééé", "éééééééééééé").is_ok());
        assert!(login_password(&"x".repeat(300)).is_err());
        assert!(login_password("").is_err());
    }

    #[test]
    fn sign_in_codes() {
        assert_eq!(
            sign_in_code(" 123 456 ").unwrap(),
            SignInCode::Totp("123456".into())
        );
        assert_eq!(
            sign_in_code("ABCD-efgh-2345-6789").unwrap(),
            SignInCode::Recovery("abcdefgh23456789".into())
        );
        for bad in [
            "12345",
            "1234567",
            "abcdef",
            "abcd-efgh",
            "ééééééééééééééééé",
        ] {
            assert_eq!(
                sign_in_code(bad),
                Err(AppError::invalid("code", FieldProblem::Malformed)),
                "{bad}"
            );
        }
        assert_eq!(
            sign_in_code("  "),
            Err(AppError::invalid("code", FieldProblem::Missing))
        );
    }

    #[test]
    fn coordinators_and_admins_need_a_second_factor() {
        assert!(second_factor_expected(Role::Coordinator));
        assert!(second_factor_expected(Role::Admin));
        assert!(!second_factor_expected(Role::Parent));
    }

    #[test]
    fn backoff_grows_and_caps() {
        let free = ACCOUNT_FREE_FAILURES;
        assert_eq!(backoff_seconds(4, free), 0);
        assert_eq!(backoff_seconds(5, free), 30);
        assert_eq!(backoff_seconds(6, free), 60);
        assert_eq!(backoff_seconds(9, free), 480);
        assert_eq!(backoff_seconds(10, free), 900);
        assert_eq!(backoff_seconds(100, free), 900);
        assert_eq!(backoff_seconds(19, ADDRESS_FREE_FAILURES), 0);
    }
}
