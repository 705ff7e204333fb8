//! « Affichage » (the display settings, for everyone, signed in or not),
//! « Accessibilité » (the RGAA statement) and the footer that links both
//! from every page.

use super::api::SaveDisplay;
use super::display::{current_display, TextSize};
use crate::components::FormEnd;
use crate::i18n::accessibility as t;
use crate::i18n::{tr, use_locale, Locale};
use leptos::prelude::*;

/// The footer of every page: the statement, with the conformity status the
/// RGAA asks for beside its link, and the display settings.
#[component]
pub fn Footer() -> impl IntoView {
    let l = use_locale();
    view! {
        <footer class="site-footer" aria-label=t::footer_label(l)>
            <ul>
                <li>
                    <a href="/accessibilite">{t::footer_statement(l)}</a>
                </li>
                <li>
                    <a href="/affichage">{t::footer_display(l)}</a>
                </li>
            </ul>
        </footer>
    }
}

fn size_label(l: Locale, size: TextSize) -> &'static str {
    match size {
        TextSize::Normal => t::text_normal(l),
        TextSize::Large => t::text_large(l),
        TextSize::Larger => t::text_larger(l),
        TextSize::Largest => t::text_largest(l),
    }
}

/// One of the settings' boxes, with what it does said under it.
#[component]
fn Choice(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    checked: bool,
) -> impl IntoView {
    let hint_id = format!("{name}-aide");
    view! {
        <div class="setting">
            <label>
                <input
                    type="checkbox"
                    name=name
                    value="on"
                    checked=checked
                    aria-describedby=hint_id.clone()
                />
                {label}
            </label>
            <p class="hint" id=hint_id>
                {hint}
            </p>
        </div>
    }
}

/// `/affichage`: larger text, high contrast, a dyslexia-friendly font,
/// less motion. A plain form: it works before the app has loaded.
#[component]
pub fn DisplayPage() -> impl IntoView {
    let l = use_locale();
    let save = ServerAction::<SaveDisplay>::new();
    let now = current_display();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(display)) = save.value().get() {
            super::display::apply(display);
        }
    });
    view! {
        <main id="contenu" class="page page-narrow">
            <h1>{t::display_title(l)}</h1>
            <p class="lead">{t::display_lead(l)}</p>
            <ActionForm action=save attr:class="form display-form">
                <fieldset class="choices">
                    <legend>{t::text_size(l)}</legend>
                    {TextSize::ALL
                        .into_iter()
                        .map(|size| {
                            view! {
                                <label>
                                    <input
                                        type="radio"
                                        name="text"
                                        value=size.percent().to_string()
                                        checked=now.text == size
                                    />
                                    {size_label(l, size)}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="choices">
                    <legend>{t::display_more(l)}</legend>
                    <Choice
                        name="contrast"
                        label=t::high_contrast(l)
                        hint=t::high_contrast_hint(l)
                        checked=now.contrast
                    />
                    <Choice
                        name="dyslexia_font"
                        label=t::dyslexia_font(l)
                        hint=t::dyslexia_font_hint(l)
                        checked=now.dyslexia_font
                    />
                    <Choice
                        name="less_motion"
                        label=t::less_motion(l)
                        hint=t::less_motion_hint(l)
                        checked=now.less_motion
                    />
                </fieldset>
                <FormEnd value=save.value() saved=t::display_saved(l) button=t::display_save(l) />
            </ActionForm>
        </main>
    }
}

/// A section of the statement: its heading and paragraphs, in the
/// reader's language (French, else English: the statement is a French
/// legal text).
#[component]
fn Part(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="statement-part" aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {children()}
        </section>
    }
}

/// `/accessibilite`: the RGAA accessibility statement, as measured.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let l = use_locale();
    let tr = move |fr, en| tr(l, fr, en);
    view! {
        <main id="contenu" class="page page-narrow statement">
            <h1>{tr("Déclaration d'accessibilité", "Accessibility statement")}</h1>
            <p class="lead">
                {tr(
                    "La structure qui vous accueille s'engage à rendre Passerelle accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique à Passerelle, le logiciel des contrats locaux d'accompagnement à la scolarité (CLAS).",
                    "The organisation you deal with is committed to making Passerelle accessible, in accordance with article 47 of the French law no. 2005-102 of 11 February 2005. This statement applies to Passerelle, the software of the local schooling support contracts (CLAS).",
                )}
            </p>
            <Part id="etat" title=tr("État de conformité", "Compliance status")>
                <p>
                    {tr(
                        "Passerelle est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1.2), en raison des non-conformités et des points non encore vérifiés énumérés ci-dessous.",
                        "Passerelle is partially compliant with the French accessibility framework (RGAA 4.1.2), because of the non-compliances and the points not yet checked listed below.",
                    )}
                </p>
            </Part>
            <Part id="resultats" title=tr("Résultats des tests", "Test results")>
                <ul>
                    <li>
                        {tr(
                            "Chaque page de chaque rôle (accompagnateur, coordinateur, parent, financeur, administrateur, et les pages publiques) est vérifiée automatiquement à chaque modification du logiciel avec axe-core 4.14, sur ordinateur, tablette et téléphone, en français, en anglais et, pour les familles, en arabe : aucune erreur, à tous les niveaux de gravité, sur les règles WCAG 2.0, 2.1 et 2.2 de niveaux A et AA et les bonnes pratiques d'axe-core.",
                            "Every page of every role (accompanist, coordinator, parent, funder, administrator, and the public pages) is checked automatically on every change of the software with axe-core 4.14, on a computer, a tablet and a phone, in French, in English and, for the families, in Arabic: no error, at any impact level, on the WCAG 2.0, 2.1 and 2.2 level A and AA rules and axe-core's best practices.",
                        )}
                    </li>
                    <li>
                        {tr(
                            "Des parcours entiers sont testés au clavier seul : se connecter, déplacer et créer une séance, inscrire un enfant, télécharger le bilan, faire l'appel de 12 enfants, signaler une absence.",
                            "Whole journeys are tested with the keyboard alone: signing in, moving and creating a session, enrolling a child, downloading the report, taking a register of 12 children, reporting an absence.",
                        )}
                    </li>
                    <li>
                        {tr(
                            "Limite de temps : une session prend fin après 12 heures sans activité (3 heures sur la tablette d'appel). Ce qui a été saisi n'est jamais perdu : un formulaire envoyé après la fin de la session reste rempli et dit comment se reconnecter, et l'appel reste gardé sur la tablette jusqu'à son envoi.",
                            "Time limits: a session ends after 12 hours without activity (3 hours on the register's tablet). Nothing typed is lost: a form sent after the session ended stays filled in and says how to sign in again, and the register stays on the tablet until it is sent.",
                        )}
                    </li>
                    <li>
                        {tr(
                            "Aucun audit complet des 106 critères du RGAA n'a encore été mené par un auditeur : le taux de conformité n'est donc pas encore établi.",
                            "No full audit of the RGAA's 106 criteria has been made by an auditor yet: the compliance rate is therefore not established.",
                        )}
                    </li>
                </ul>
            </Part>
            <Part
                id="non-conforme"
                title=tr("Contenus non accessibles", "Content that is not accessible")
            >
                <ul>
                    <li>
                        {tr(
                            "Le dossier CAF en PDF n'est pas un PDF balisé : un lecteur d'écran le lit dans l'ordre, sans les titres ni les tableaux. Le tableur XLSX et la page « Dossier CAF » contiennent les mêmes chiffres sous une forme accessible.",
                            "The CAF dossier as a PDF is not a tagged PDF: a screen reader reads it in order, without its headings or tables. The XLSX workbook and the « Dossier CAF » page hold the same figures in an accessible form.",
                        )}
                    </li>
                    <li>
                        {tr(
                            "Les pages du personnel ne sont pas traduites en arabe (les pages des familles le sont).",
                            "The staff's pages are not translated into Arabic (the families' pages are).",
                        )}
                    </li>
                    <li>
                        {tr(
                            "Le code QR de la double authentification n'a pas d'équivalent lisible autre que la clé écrite en clair sous lui.",
                            "The second factor's QR code has no readable equivalent other than the key written out under it.",
                        )}
                    </li>
                </ul>
            </Part>
            <Part id="affichage" title=tr("Adapter l'affichage", "Adapting the display")>
                <p>
                    {tr(
                        "La page « Affichage », en bas de chaque page, agrandit le texte jusqu'à 200 %, renforce le contraste, choisit une police adaptée à la dyslexie et supprime les animations. Le choix suit votre compte sur tous vos appareils. Le calendrier se manipule aussi au clavier et par des boutons, sans glisser-déposer.",
                        "The « Display » page, at the bottom of every page, enlarges the text up to 200%, strengthens the contrast, chooses a dyslexia-friendly font and removes animations. The choice follows your account on all your devices. The calendar also works with the keyboard and with buttons, without drag and drop.",
                    )}
                </p>
                <p>
                    <a href="/affichage">{tr("Régler l'affichage", "Set the display")}</a>
                </p>
            </Part>
            <Part
                id="etablissement"
                title=tr("Établissement de cette déclaration", "How this statement was made")
            >
                <p>
                    {tr(
                        "Cette déclaration a été établie le 7 décembre 2026. Technologies utilisées : HTML, CSS, WebAssembly. Vérifications faites avec axe-core et Playwright dans Chromium, aux tailles d'un ordinateur (1366 px), d'une tablette (1024 px) et d'un téléphone (360 et 390 px).",
                        "This statement was made on 7 December 2026. Technologies used: HTML, CSS, WebAssembly. Checks made with axe-core and Playwright in Chromium, at the sizes of a computer (1366 px), a tablet (1024 px) and a phone (360 and 390 px).",
                    )}
                </p>
            </Part>
            <Part id="contact" title=tr("Signaler un problème", "Reporting a problem")>
                <p>
                    {tr(
                        "Si vous n'arrivez pas à utiliser une page ou un service, écrivez à l'équipe qui coordonne votre structure (son adresse figure dans ses messages) : dites quelle page, ce que vous vouliez faire et avec quel appareil. Elle vous répond et vous donne l'information sous une autre forme.",
                        "If you cannot use a page or a service, write to the team that coordinates your organisation (its address is in its messages): say which page, what you wanted to do and on which device. It answers and gives you the information in another form.",
                    )}
                </p>
            </Part>
            <Part id="recours" title=tr("Voies de recours", "Remedies")>
                <p>
                    {tr(
                        "Si vous nous avez signalé un défaut qui vous empêche d'accéder à un contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits :",
                        "If you reported a defect that keeps you from a content or a service and did not get a satisfactory answer, you may refer the matter to the Défenseur des droits:",
                    )}
                </p>
                <ul>
                    <li>
                        {tr(
                            "par le formulaire en ligne du site defenseurdesdroits.fr ;",
                            "through the online form of defenseurdesdroits.fr;",
                        )}
                    </li>
                    <li>
                        {tr(
                            "auprès d'un délégué du Défenseur des droits dans votre région ;",
                            "with a delegate of the Défenseur des droits in your region;",
                        )}
                    </li>
                    <li>{tr("par téléphone : 09 69 39 00 00 ;", "by phone: 09 69 39 00 00;")}</li>
                    <li>
                        {tr(
                            "par courrier, gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
                            "by post, free of charge: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
                        )}
                    </li>
                </ul>
            </Part>
        </main>
    }
}
