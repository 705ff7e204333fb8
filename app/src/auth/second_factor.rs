//! The second factor (server only): TOTP codes as every authenticator app
//! reads them (RFC 6238: six digits, 30-second steps, SHA-1, through
//! `totp-rs`), the secret's address and QR code for setting it up, and
//! recovery codes for the day the phone is lost.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

/// The name the authenticator app shows above the code.
pub const ISSUER: &str = "Passerelle";
/// How many recovery codes an account gets at once.
pub const RECOVERY_CODES: usize = 10;
const STEP_SECONDS: i64 = 30;

fn random_base32(bytes: usize) -> String {
    let mut raw = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut raw);
    match Secret::Raw(raw).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => unreachable!("to_encoded encodes"),
    }
}

/// A new secret: 160 random bits (RFC 4226's recommendation), base 32.
pub fn new_secret() -> String {
    random_base32(20)
}

fn totp(secret: &str, account: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .map_err(|e| AppError::internal("totp secret", format!("{e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP_SECONDS as u64,
        bytes,
        Some(ISSUER.to_string()),
        account.replace(':', " "),
    )
    .map_err(|e| AppError::internal("totp", e))
}

/// The 30-second step of a moment.
pub fn step_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(STEP_SECONDS)
}

/// The code the app shows at `at` (the tests type it).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Result<String, AppError> {
    Ok(totp(secret, "")?.generate((step_of(at) * STEP_SECONDS) as u64))
}

/// The step whose code `code` is, among the one of `at` and its two
/// neighbours (a phone's clock may drift by a few seconds), if any. Each
/// is compared in constant time.
pub fn matching_step(secret: &str, code: &str, at: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    let totp = totp(secret, "")?;
    let now = step_of(at);
    Ok([now, now - 1, now + 1]
        .into_iter()
        .find(|step| totp.check(code, (step * STEP_SECONDS) as u64)))
}

/// The `otpauth://` address an app reads from the QR code.
pub fn app_address(secret: &str, account: &str) -> Result<String, AppError> {
    Ok(totp(secret, account)?.get_url())
}

/// The QR code of that address, as an SVG element.
pub fn qr_svg(address: &str) -> Result<String, AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(address.as_bytes()).map_err(|e| AppError::internal("qr", e))?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The XML declaration has no place inside an HTML page.
    Ok(match image.find("<svg") {
        Some(start) => image[start..].to_string(),
        None => image,
    })
}

/// The secret as the person types it into an app that cannot scan: groups
/// of four.
pub fn grouped(text: &str) -> String {
    in_fours(text, " ")
}

/// `text` (ASCII) cut in groups of four characters joined by `between`.
fn in_fours(text: &str, between: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(between)
}

/// New recovery codes, as shown once (`abcd-efgh-ijkl-mnop`, 80 random
/// bits each).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| in_fours(&random_base32(10).to_ascii_lowercase(), "-"))
        .collect()
}

/// What is stored of a recovery code: the SHA-256 of its letters, without
/// dashes (`policy::sign_in_code` reads it the same way).
pub fn recovery_hash(code: &str) -> String {
    let kept: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    crate::auth::server::token_hash(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_its_neighbours_only() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let at = DateTime::from_timestamp(1_800_000_015, 0).unwrap();
        let code = code_at(&secret, at).unwrap();
        assert_eq!(code.len(), 6);
        assert_eq!(
            matching_step(&secret, &code, at).unwrap(),
            Some(step_of(at))
        );
        let later = at + chrono::Duration::seconds(30);
        assert_eq!(
            matching_step(&secret, &code, later).unwrap(),
            Some(step_of(at))
        );
        let much_later = at + chrono::Duration::seconds(90);
        assert_eq!(matching_step(&secret, &code, much_later).unwrap(), None);
    }

    #[test]
    fn the_rfc_6238_vector() {
        // RFC 6238, appendix B: SHA-1, T = 59 s gives 94287082 (8 digits);
        // its last six are the six-digit code.
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => unreachable!(),
        };
        let at = DateTime::from_timestamp(59, 0).unwrap();
        assert_eq!(code_at(&secret, at).unwrap(), "287082");
    }

    #[test]
    fn the_app_address_and_its_qr_code() {
        let secret = new_secret();
        let address = app_address(&secret, "coord@demo.test").unwrap();
        assert!(address.starts_with("otpauth://totp/Passerelle:coord%40demo.test?secret="));
        assert!(address.contains("issuer=Passerelle"));
        assert!(qr_svg(&address).unwrap().starts_with("<svg"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_hashed_as_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert_eq!(codes[0].len(), 19);
        assert_eq!(
            recovery_hash(&codes[0]),
            recovery_hash(&codes[0].to_uppercase().replace('-', " "))
        );
    }
}
