//! A person's display settings: larger text (up to 200 %), a high-contrast
//! theme, a dyslexia-friendly font, less motion. Remembered like the
//! language: a cookie on the device, which the server reads to write the
//! page's `<html>` attributes before anything is painted (no flash of the
//! default look), and the account (`users.display`), which a sign-in brings
//! back to a new device. The stylesheet does the rest
//! (`style/main.css`, « Display settings »).

use serde::{Deserialize, Serialize};

/// The cookie that keeps the display settings on the device.
pub const DISPLAY_COOKIE: &str = "passerelle_display";

/// How large the text is, against the browser's own size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
    Largest,
}

impl TextSize {
    /// Every size, smallest first, as the settings list them.
    pub const ALL: [TextSize; 4] = [
        TextSize::Normal,
        TextSize::Large,
        TextSize::Larger,
        TextSize::Largest,
    ];

    /// The size in percent of the browser's.
    pub fn percent(self) -> u16 {
        match self {
            TextSize::Normal => 100,
            TextSize::Large => 125,
            TextSize::Larger => 150,
            TextSize::Largest => 200,
        }
    }

    /// Reads a size in percent (`"150"`); `None` for any other.
    pub fn from_percent(text: &str) -> Option<TextSize> {
        TextSize::ALL
            .into_iter()
            .find(|s| s.percent().to_string() == text.trim())
    }
}

/// Everything a person chose for how the pages look. The default is the
/// product as designed; the browser's own « reduce motion » is obeyed
/// without being chosen here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Display {
    pub text: TextSize,
    pub contrast: bool,
    pub dyslexia_font: bool,
    pub less_motion: bool,
}

impl Display {
    /// How the cookie and `users.display` write it: the parts that differ
    /// from the default, joined by dots (`"150.contrast.dyslexia.calm"`);
    /// the default is the empty text.
    pub fn code(self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.text != TextSize::Normal {
            parts.push(self.text.percent().to_string());
        }
        for (on, name) in [
            (self.contrast, "contrast"),
            (self.dyslexia_font, "dyslexia"),
            (self.less_motion, "calm"),
        ] {
            if on {
                parts.push(name.to_string());
            }
        }
        parts.join(".")
    }

    /// Reads what `code` wrote. Anything it does not know is left out: a
    /// damaged cookie gives the default look, never an error.
    pub fn from_code(code: &str) -> Display {
        let mut display = Display::default();
        for part in code.split('.') {
            match part.trim() {
                "contrast" => display.contrast = true,
                "dyslexia" => display.dyslexia_font = true,
                "calm" => display.less_motion = true,
                other => {
                    if let Some(size) = TextSize::from_percent(other) {
                        display.text = size;
                    }
                }
            }
        }
        display
    }

    /// The `<html>` attributes the stylesheet reads, `None` for the
    /// default (the attribute is then left out).
    pub fn text_attr(self) -> Option<String> {
        (self.text != TextSize::Normal).then(|| self.text.percent().to_string())
    }
    pub fn contrast_attr(self) -> Option<&'static str> {
        self.contrast.then_some("high")
    }
    pub fn font_attr(self) -> Option<&'static str> {
        self.dyslexia_font.then_some("dyslexia")
    }
    pub fn motion_attr(self) -> Option<&'static str> {
        self.less_motion.then_some("reduce")
    }
}

/// The reader's display settings. On the server, from the request's
/// cookie; in the browser, from the `<html>` attributes the server wrote
/// from it.
pub fn current_display() -> Display {
    #[cfg(feature = "ssr")]
    {
        crate::request::request_cookie(DISPLAY_COOKIE)
            .map(|c| Display::from_code(&c))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        #[cfg(feature = "hydrate")]
        {
            let html = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            let Some(html) = html else {
                return Display::default();
            };
            let has = |name: &str| html.get_attribute(name).is_some();
            Display {
                text: html
                    .get_attribute("data-text")
                    .and_then(|t| TextSize::from_percent(&t))
                    .unwrap_or_default(),
                contrast: has("data-contrast"),
                dyslexia_font: has("data-font"),
                less_motion: has("data-motion"),
            }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            Display::default()
        }
    }
}

/// Gives the page `display` without reloading it (the server writes it
/// itself on the next page it renders).
#[cfg(feature = "hydrate")]
pub fn apply(display: Display) {
    let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let set = |name: &str, value: Option<String>| {
        _ = match value {
            Some(v) => html.set_attribute(name, &v),
            None => html.remove_attribute(name),
        };
    };
    set("data-text", display.text_attr());
    set("data-contrast", display.contrast_attr().map(str::to_string));
    set("data-font", display.font_attr().map(str::to_string));
    set("data-motion", display.motion_attr().map(str::to_string));
}

/// In the browser, after a navigation: a sign-in may have brought back the
/// account's settings (a new cookie); the page takes them at once.
pub fn follow_display_cookie() {
    #[cfg(feature = "hydrate")]
    {
        let chosen = crate::i18n::device_cookie(DISPLAY_COOKIE).map(|v| Display::from_code(&v));
        if let Some(display) = chosen.filter(|d| *d != current_display()) {
            apply(display);
        }
    }
}

/// The `Set-Cookie` value that keeps `display` on this device for a year.
pub fn cookie(display: Display) -> String {
    format!(
        "{DISPLAY_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        display.code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for text in TextSize::ALL {
            for bits in 0..8u8 {
                let display = Display {
                    text,
                    contrast: bits & 1 != 0,
                    dyslexia_font: bits & 2 != 0,
                    less_motion: bits & 4 != 0,
                };
                assert_eq!(Display::from_code(&display.code()), display);
            }
        }
        assert_eq!(Display::default().code(), "");
    }

    #[test]
    fn a_damaged_code_gives_the_default_look() {
        assert_eq!(Display::from_code("999.bold;x=1"), Display::default());
        assert_eq!(
            Display::from_code("contrast.175"),
            Display {
                contrast: true,
                ..Display::default()
            }
        );
    }

    #[test]
    fn attributes_only_for_what_was_chosen() {
        let d = Display::from_code("200.calm");
        assert_eq!(d.text_attr().as_deref(), Some("200"));
        assert_eq!(d.motion_attr(), Some("reduce"));
        assert_eq!(d.contrast_attr(), None);
        assert_eq!(d.font_attr(), None);
    }
}
