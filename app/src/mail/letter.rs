//! A letter and its two bodies: plain text (read by every client, and by
//! the tests) and HTML (the same words, escaped), in the recipient's
//! language, signed with the structure's name.

use crate::locale::Locale;

/// What a mail says, before it is written out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    /// « Bonjour Nadia, »
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// A list under the paragraphs (a digest's lines).
    pub items: Vec<String>,
    /// The one thing to do: a button's label and its address.
    pub action: Option<(String, String)>,
    /// The structure that writes (or « Passerelle »).
    pub signature: String,
}

/// The two bodies of a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bodies {
    pub text: String,
    pub html: String,
}

fn stop_sentence(l: Locale) -> &'static str {
    match l {
        Locale::Fr => "Pour ne plus recevoir ce type de courriel, ouvrez ce lien :",
        Locale::En => "To stop receiving this kind of mail, open this link:",
        Locale::Ar => "لإيقاف هذا النوع من الرسائل، افتحوا هذا الرابط:",
    }
}

fn automatic(l: Locale) -> &'static str {
    match l {
        Locale::Fr => "Courriel envoyé par Passerelle, le logiciel du CLAS.",
        Locale::En => "Mail sent by Passerelle, the CLAS software.",
        Locale::Ar => "رسالة أرسلها «باسريل»، برنامج CLAS.",
    }
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Letter {
    /// Both bodies, with the one-click stop link `stop` when the kind can
    /// be stopped.
    pub fn bodies(&self, l: Locale, stop: Option<&str>) -> Bodies {
        let mut text = format!("{}\n\n", self.greeting);
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
             <body style=\"font-family:sans-serif;line-height:1.5;color:#1f2933;max-width:40em\">\
             <p>{}</p>",
            l.code(),
            l.dir(),
            escape(&self.subject),
            escape(&self.greeting)
        );
        for p in &self.paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
            html.push_str(&format!("<p>{}</p>", escape(p).replace('\n', "<br>")));
        }
        if !self.items.is_empty() {
            html.push_str("<ul>");
            for item in &self.items {
                text.push_str(&format!("- {item}\n"));
                html.push_str(&format!("<li>{}</li>", escape(item)));
            }
            text.push('\n');
            html.push_str("</ul>");
        }
        if let Some((label, url)) = &self.action {
            text.push_str(&format!("{label} :\n{url}\n\n"));
            html.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;padding:0.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none\">{}</a></p>\
                 <p style=\"font-size:0.9em\">{}</p>",
                escape(url),
                escape(label),
                escape(url)
            ));
        }
        text.push_str(&format!("{}\n", self.signature));
        html.push_str(&format!("<p>{}</p>", escape(&self.signature)));
        text.push_str(&format!("\n--\n{}\n", automatic(l)));
        html.push_str(&format!(
            "<hr><p style=\"font-size:0.85em;color:#52606d\">{}",
            automatic(l)
        ));
        if let Some(url) = stop {
            text.push_str(&format!("{}\n{url}\n", stop_sentence(l)));
            html.push_str(&format!(
                "<br>{} <a href=\"{}\">{}</a>",
                stop_sentence(l),
                escape(url),
                escape(url)
            ));
        }
        html.push_str("</p></body></html>");
        Bodies { text, html }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_body_escapes_what_people_typed() {
        let letter = Letter {
            subject: "Invitation".into(),
            greeting: "Bonjour <b>Nadia</b>,".into(),
            paragraphs: vec!["Ligne 1\nLigne 2 & « fin »".into()],
            items: vec!["<script>".into()],
            action: Some(("Créer".into(), "https://x.test/a?b=1&c=\"2\"".into())),
            signature: "Centre \"Alpha\"".into(),
        };
        let b = letter.bodies(Locale::Fr, Some("https://x.test/stop"));
        assert!(b.html.contains("Bonjour &lt;b&gt;Nadia&lt;/b&gt;,"));
        assert!(b.html.contains("Ligne 1<br>Ligne 2 &amp; « fin »"));
        assert!(b.html.contains("<li>&lt;script&gt;</li>"));
        assert!(b
            .html
            .contains("href=\"https://x.test/a?b=1&amp;c=&quot;2&quot;\""));
        assert!(!b.html.contains("<script>"));
        assert!(b.text.contains("Bonjour <b>Nadia</b>,"));
        assert!(b.text.contains("https://x.test/stop"));
        assert!(b.text.contains("Centre \"Alpha\""));
        let en = letter.bodies(Locale::En, None);
        assert!(en.text.contains("Mail sent by Passerelle") && !en.text.contains("stop"));
    }

    #[test]
    fn an_arabic_letter_is_written_right_to_left() {
        let letter = Letter {
            subject: "s".into(),
            greeting: "مرحبًا".into(),
            ..Letter::default()
        };
        let b = letter.bodies(Locale::Ar, Some("https://x.test/stop"));
        assert!(
            b.html.contains("<html lang=\"ar\" dir=\"rtl\">"),
            "{}",
            b.html
        );
        assert!(b.text.contains("لإيقاف هذا النوع من الرسائل"));
        let fr = letter.bodies(Locale::Fr, None);
        assert!(fr.html.contains("<html lang=\"fr\" dir=\"ltr\">"));
    }
}
