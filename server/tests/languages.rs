//! The families' third language, Arabic, written right to left: the pages a
//! guardian reads come in it (the sign-in, the home, a child's page with
//! its absence notice and contract, the events, the messages), and each
//! account remembers its language across devices. Staff pages stay in
//! French or English. Both databases.

use crate::common;

use http::{Method, StatusCode};

const ARABIC: &str = "passerelle_lang=ar";

/// The page at `path`, as a browser with `cookies` asks for it.
async fn page(app: &common::TestApp, path: &str, cookies: &str) -> String {
    let a = app.request(Method::GET, path, Some(cookies), None).await;
    assert_eq!(a.status, StatusCode::OK, "{path}: {}", a.body);
    a.body
}

async fn locale_of(app: &common::TestApp, email: &str) -> String {
    app.scalar("SELECT locale FROM users WHERE email = $1", email)
        .await
}

on_both!(
    a_guardian_reads_their_pages_in_arabic_right_to_left,
    |app: common::TestApp| async move {
        let login = page(&app, "/connexion", ARABIC).await;
        assert!(
            login.contains("<html lang=\"ar\" dir=\"rtl\""),
            "{}",
            &login[..300]
        );
        for text in [
            "تسجيل الدخول",
            "كلمة المرور",
            "نسيتم كلمة المرور؟",
            "Français",
            "English",
        ] {
            assert!(login.contains(text), "the sign-in page lacks {text}");
        }
        let session = app
            .login_from("parent@demo.test", Some(ARABIC))
            .await
            .session_cookie()
            .expect("session");
        let cookies = format!("{session}; {ARABIC}");

        let home = page(&app, "/mes-enfants", &cookies).await;
        assert!(home.contains("<html lang=\"ar\" dir=\"rtl\""));
        // The home's parts: children, next session (its date in Arabic),
        // messages, events, calendar.
        for text in [
            "أطفالي",
            "الحصة القادمة: ",
            "الرسائل",
            "مواعيد للعائلات",
            "الحصص في تقويم هاتفكم",
            "Sortie à la médiathèque mardi",
        ] {
            assert!(home.contains(text), "the home lacks {text}");
        }
        assert!(
            [
                "الاثنين",
                "الثلاثاء",
                "الأربعاء",
                "الخميس",
                "الجمعة",
                "السبت",
                "الأحد"
            ]
            .iter()
            .any(|day| home.contains(day)),
            "no weekday in Arabic on the home"
        );
        // No French left of what the page itself says.
        for french in [
            "Mes enfants",
            "Prochaine séance",
            "Rendez-vous pour les familles",
        ] {
            assert!(!home.contains(french), "the home still says {french}");
        }

        let ines = app
            .scalar(
                "SELECT id FROM children WHERE first_name = $1 AND last_name = 'Benali'",
                "Inès",
            )
            .await;
        let child = page(&app, &format!("/enfants/{ines}"), &cookies).await;
        for text in [
            "الحصص القادمة",
            "الحضور",
            "هذا الفصل",
            "عقد المرافقة",
            "الإبلاغ عن غياب",
        ] {
            assert!(child.contains(text), "the child's page lacks {text}");
        }

        let message = app
            .scalar(
                "SELECT id FROM family_messages WHERE subject = $1",
                "Sortie à la médiathèque mardi",
            )
            .await;
        let opened = page(&app, &format!("/messages/{message}"), &cookies).await;
        for text in ["بخصوص", "جوابكم", "تمّ الاستلام"] {
            assert!(opened.contains(text), "the message lacks {text}");
        }

        let details = page(&app, "/mes-coordonnees", &cookies).await;
        for text in ["الهاتف", "العنوان", "من يمكنه اصطحاب الطفل"] {
            assert!(details.contains(text), "« Mes coordonnées » lacks {text}");
        }
    }
);

on_both!(
    each_account_remembers_its_language_across_devices,
    |app: common::TestApp| async move {
        // Chosen on the phone before signing in: the account takes it.
        app.login_from("parent@demo.test", Some(ARABIC)).await;
        assert_eq!(locale_of(&app, "parent@demo.test").await, "ar");

        // A new device, with no language: the sign-in brings Arabic back.
        let elsewhere = app.login_from("parent@demo.test", None).await;
        assert_eq!(
            elsewhere.cookie("passerelle_lang").as_deref(),
            Some("passerelle_lang=ar")
        );

        // Switching while signed in changes the account too.
        let session = elsewhere.session_cookie().expect("session");
        let switch = app
            .request(
                Method::GET,
                "/langue/en?retour=/mes-enfants",
                Some(&format!("{session}; {ARABIC}")),
                None,
            )
            .await;
        assert_eq!(switch.status, StatusCode::SEE_OTHER);
        assert_eq!(
            switch.cookie("passerelle_lang").as_deref(),
            Some("passerelle_lang=en")
        );
        assert_eq!(locale_of(&app, "parent@demo.test").await, "en");
    }
);

on_both!(
    staff_pages_stay_in_french_or_english,
    |app: common::TestApp| async move {
        // A coordinator who signs in from a device set to Arabic reads
        // French, and their account keeps French.
        let a = app.login_from("coordination@demo.test", Some(ARABIC)).await;
        assert_eq!(
            a.cookie("passerelle_lang").as_deref(),
            Some("passerelle_lang=fr")
        );
        assert_eq!(locale_of(&app, "coordination@demo.test").await, "fr");
        let session = a.session_cookie().expect("session");

        // The switch does not offer Arabic to them, and refuses it.
        let planning = page(&app, "/planning", &session).await;
        assert!(planning.contains("<html lang=\"fr\" dir=\"ltr\""));
        assert!(planning.contains("English") && !planning.contains("العربية"));
        let switch = app
            .request(
                Method::GET,
                "/langue/ar?retour=/planning",
                Some(&session),
                None,
            )
            .await;
        assert_eq!(
            switch.cookie("passerelle_lang").as_deref(),
            Some("passerelle_lang=fr")
        );
        assert_eq!(locale_of(&app, "coordination@demo.test").await, "fr");
    }
);
