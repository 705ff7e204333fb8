//! The mails that give access to an account: the invitation and the
//! « mot de passe oublié » link, in the recipient's language.

use crate::i18n::Locale;
use crate::mail::letter::Letter;

/// The invitation to create an account on `link`, valid `days` days.
pub fn invitation(l: Locale, name: &str, organisation: &str, link: &str, days: i64) -> Letter {
    match l {
        Locale::Fr | Locale::Ar => Letter {
            subject: format!("{organisation} vous invite sur Passerelle"),
            greeting: format!("Bonjour {name},"),
            paragraphs: vec![
                format!("{organisation} vous invite à créer votre compte sur Passerelle, le logiciel de son accompagnement à la scolarité (CLAS)."),
                format!("Ouvrez ce lien pour choisir votre mot de passe. Il sert une seule fois et reste valable {days} jours."),
            ],
            action: Some(("Créer mon compte".into(), link.into())),
            signature: organisation.into(),
            ..Letter::default()
        },
        Locale::En => Letter {
            subject: format!("{organisation} invites you to Passerelle"),
            greeting: format!("Hello {name},"),
            paragraphs: vec![
                format!("{organisation} invites you to create your account on Passerelle, the software of its after-school support programme (CLAS)."),
                format!("Open this link to choose your password. It works once and for {days} days."),
            ],
            action: Some(("Create my account".into(), link.into())),
            signature: organisation.into(),
            ..Letter::default()
        },
    }
}

/// The link to choose a new password, valid one hour.
pub fn password_reset(l: Locale, name: &str, signature: &str, link: &str) -> Letter {
    match l {
        Locale::Fr => Letter {
            subject: "Choisir un nouveau mot de passe".into(),
            greeting: format!("Bonjour {name},"),
            paragraphs: vec![
                "Quelqu'un (vous, sans doute) a demandé un nouveau mot de passe pour votre compte Passerelle.".into(),
                "Ce lien sert une seule fois et pendant une heure. En l'utilisant, vous serez déconnecté de tous vos appareils.".into(),
                "Si vous n'avez rien demandé, ne faites rien : votre mot de passe ne change pas.".into(),
            ],
            action: Some(("Choisir un nouveau mot de passe".into(), link.into())),
            signature: signature.into(),
            ..Letter::default()
        },
        Locale::En => Letter {
            subject: "Choose a new password".into(),
            greeting: format!("Hello {name},"),
            paragraphs: vec![
                "Someone (you, most likely) asked for a new password for your Passerelle account.".into(),
                "This link works once and for one hour. Using it signs you out of every device.".into(),
                "If you did not ask, do nothing: your password stays the same.".into(),
            ],
            action: Some(("Choose a new password".into(), link.into())),
            signature: signature.into(),
            ..Letter::default()
        },
        Locale::Ar => Letter {
            subject: "اختيار كلمة مرور جديدة".into(),
            greeting: format!("مرحبًا {name}،"),
            paragraphs: vec![
                "طلب شخص ما (أنتم على الأرجح) كلمة مرور جديدة لحسابكم في «باسريل».".into(),
                "يصلح هذا الرابط مرة واحدة ولمدة ساعة. باستعماله، يُسجَّل خروجكم من جميع أجهزتكم.".into(),
                "إن لم تطلبوا شيئًا، فلا تفعلوا شيئًا: كلمة المرور لا تتغيّر.".into(),
            ],
            action: Some(("اختيار كلمة مرور جديدة".into(), link.into())),
            signature: signature.into(),
            ..Letter::default()
        },
    }
}
