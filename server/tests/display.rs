//! Display settings (issue 24): saved on the device for anyone, and in the
//! account of whoever is signed in, then brought back by a sign-in on a
//! device that has none; written on `<html>` by every page; a size that
//! does not exist refused with its field. Both databases.

use crate::common;

use http::{Method, StatusCode};

const SAVE: &str = "display";

on_both!(
    settings_follow_the_account_to_another_device,
    |app: common::TestApp| async move {
        // Anyone: the device keeps it, nobody's account changes.
        let stranger = app
            .call(SAVE, None, &[("text", "150"), ("contrast", "on")])
            .await;
        assert_eq!(stranger.status, StatusCode::OK, "{}", stranger.body);
        assert_eq!(
            stranger.cookie("passerelle_display").as_deref(),
            Some("passerelle_display=150.contrast")
        );
        let page = app
            .request(
                Method::GET,
                "/connexion",
                Some("passerelle_display=150.contrast"),
                None,
            )
            .await;
        assert!(
            page.body.contains(r#"data-text="150""#)
                && page.body.contains(r#"data-contrast="high""#),
            "{}",
            &page.body[..400]
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM users WHERE display <> '' AND email <> $1",
                ""
            )
            .await,
            0
        );

        // Signed in: the account keeps it too.
        let session = app.login("parent@demo.test").await;
        let saved = app
            .call(
                SAVE,
                Some(&session),
                &[
                    ("text", "200"),
                    ("dyslexia_font", "on"),
                    ("less_motion", "on"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(
            app.scalar(
                "SELECT display FROM users WHERE email = $1",
                "parent@demo.test"
            )
            .await,
            "200.dyslexia.calm"
        );

        // Another device, which never chose: the sign-in brings it back.
        let elsewhere = app.login_from("parent@demo.test", None).await;
        assert_eq!(
            elsewhere.cookie("passerelle_display").as_deref(),
            Some("passerelle_display=200.dyslexia.calm")
        );
        // A device that chose gives its choice to the account instead.
        let chosen = app
            .login_from("parent@demo.test", Some("passerelle_display=125"))
            .await;
        assert_eq!(chosen.cookie("passerelle_display"), None);
        assert_eq!(
            app.scalar(
                "SELECT display FROM users WHERE email = $1",
                "parent@demo.test"
            )
            .await,
            "125"
        );
    }
);

on_both!(
    a_size_that_does_not_exist_is_refused,
    |app: common::TestApp| async move {
        let session = app.login("coordination@demo.test").await;
        let refused = app.call(SAVE, Some(&session), &[("text", "175")]).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        assert_eq!(refused.error_kind(), "invalid");
        assert!(
            refused.body.contains("\"field\":\"text\""),
            "{}",
            refused.body
        );
        assert_eq!(
            app.scalar(
                "SELECT display FROM users WHERE email = $1",
                "coordination@demo.test"
            )
            .await,
            ""
        );
    }
);
