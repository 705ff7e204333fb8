//! The words of the display settings and of the footer, which every page
//! shows, the families' pages in Arabic too. The accessibility statement
//! itself is a French legal text, with its English translation
//! (`accessibility::pages`).

use super::catalogue::texts;

texts! {
    /// The footer's link to the statement: the RGAA asks for the
    /// conformity status beside it.
    footer_statement {
        fr: "Accessibilité : partiellement conforme",
        en: "Accessibility: partially compliant",
        ar: "إمكانية الوصول: مطابقة جزئية",
    }
    footer_display {
        fr: "Affichage (taille du texte, contraste, police)",
        en: "Display (text size, contrast, font)",
        ar: "العرض (حجم النص، التباين، الخط)",
    }
    footer_label {
        fr: "Pied de page",
        en: "Footer",
        ar: "تذييل الصفحة",
    }
    display_title {
        fr: "Affichage",
        en: "Display",
        ar: "العرض",
    }
    display_lead {
        fr: "Choisissez comment les pages s'affichent. Le choix est gardé sur cet appareil, et dans votre compte si vous êtes connecté : il vous suit sur vos autres appareils.",
        en: "Choose how the pages look. Your choice is kept on this device, and in your account when you are signed in: it follows you to your other devices.",
        ar: "اختاروا طريقة عرض الصفحات. يُحفظ اختياركم على هذا الجهاز، وفي حسابكم إذا كنتم متصلين: فيتبعكم على أجهزتكم الأخرى.",
    }
    text_size {
        fr: "Taille du texte",
        en: "Text size",
        ar: "حجم النص",
    }
    text_normal {
        fr: "Normale (100 %)",
        en: "Normal (100%)",
        ar: "عادي (100٪)",
    }
    text_large {
        fr: "Grande (125 %)",
        en: "Large (125%)",
        ar: "كبير (125٪)",
    }
    text_larger {
        fr: "Très grande (150 %)",
        en: "Larger (150%)",
        ar: "كبير جدًا (150٪)",
    }
    text_largest {
        fr: "Double (200 %)",
        en: "Double (200%)",
        ar: "مضاعف (200٪)",
    }
    display_more {
        fr: "Lecture",
        en: "Reading",
        ar: "القراءة",
    }
    high_contrast {
        fr: "Contraste renforcé",
        en: "High contrast",
        ar: "تباين مرتفع",
    }
    high_contrast_hint {
        fr: "Texte noir sur fond blanc, bordures et liens plus marqués.",
        en: "Black text on white, stronger borders and links.",
        ar: "نص أسود على خلفية بيضاء، وحدود وروابط أوضح.",
    }
    dyslexia_font {
        fr: "Police adaptée à la dyslexie",
        en: "Dyslexia-friendly font",
        ar: "خط ملائم لعسر القراءة",
    }
    dyslexia_font_hint {
        fr: "OpenDyslexic, avec plus d'espace entre les mots et les lignes.",
        en: "OpenDyslexic, with more space between words and lines.",
        ar: "خط OpenDyslexic، مع مسافات أوسع بين الكلمات والأسطر.",
    }
    less_motion {
        fr: "Réduire les animations",
        en: "Reduce motion",
        ar: "تقليل الحركة",
    }
    less_motion_hint {
        fr: "Aucun mouvement ni transition. Si votre appareil le demande déjà, c'est fait.",
        en: "No movement or transitions. If your device already asks for it, it is done.",
        ar: "بدون حركة أو انتقالات. إذا كان جهازكم يطلب ذلك، فهو مفعّل.",
    }
    display_save {
        fr: "Enregistrer l'affichage",
        en: "Save the display",
        ar: "حفظ العرض",
    }
    display_saved {
        fr: "Affichage enregistré.",
        en: "Display saved.",
        ar: "تم حفظ العرض.",
    }
}
