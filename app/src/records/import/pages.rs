//! « Importer des enfants » (`/importer`): the template to download, the
//! file chosen and checked (the preview of every line), then written: the
//! valid lines, or every line or none. The file is read in the browser and
//! sent whole, as for the school calendar.

use crate::components::{Field, Page};
use crate::error::AppError;
use crate::i18n::{use_locale, Locale};
use crate::records::import::api::{CommitImport, PreviewImport};
use crate::records::import::types::*;
use leptos::prelude::*;

#[component]
pub fn ImportPage() -> impl IntoView {
    let l = use_locale();
    let preview = ServerAction::<PreviewImport>::new();
    let commit = ServerAction::<CommitImport>::new();
    let file = RwSignal::new(None::<ImportFile>);
    let reading = RwSignal::new(false);
    let too_large = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen_futures::JsFuture;
            let Some(chosen) = crate::components::chosen_file(file_input) else {
                return;
            };
            too_large.set(chosen.size() > (super::MAX_FILE_MB * 1024 * 1024) as f64);
            if too_large.get_untracked() {
                return;
            }
            reading.set(true);
            commit.clear();
            leptos::task::spawn_local(async move {
                let bytes = JsFuture::from(chosen.array_buffer())
                    .await
                    .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
                    .unwrap_or_default();
                reading.set(false);
                use base64::Engine;
                let sent = ImportFile {
                    name: chosen.name(),
                    content: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
                };
                file.set(Some(sent.clone()));
                preview.dispatch(PreviewImport { file: sent });
            });
        }
    };
    let busy = move || reading.get() || preview.pending().get() || commit.pending().get();
    view! {
        <Page title="Importer des enfants">
            <p class="lead">
                "Ajoutez ou mettez à jour les enfants de la structure depuis un tableur : rien n'est écrit avant que vous ayez vu ce que chaque ligne fera."
            </p>
            <div class="import-page">
                <section class="card">
                    <h2>"1. Le modèle"</h2>
                    <p>
                        "Partez du modèle : une ligne par enfant, avec ses responsables et son groupe. Les colonnes marquées d'un astérisque sont obligatoires ; les noms des groupes et des écoles sont ceux de Passerelle."
                    </p>
                    <p class="actions">
                        <a
                            class="button"
                            href="/api/records/import-template"
                            rel="external"
                            download="modele-import-enfants.csv"
                        >
                            "Télécharger le modèle (CSV)"
                        </a>
                    </p>
                    <details>
                        <summary>"Les colonnes"</summary>
                        <ul class="columns-list">
                            {COLUMNS
                                .iter()
                                .map(|c| {
                                    let star = if c.required { " *" } else { "" };
                                    view! {
                                        <li>
                                            <strong>{c.heading} {star}</strong>
                                            {(!c.example.is_empty())
                                                .then(|| format!(" — par exemple « {} »", c.example))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </details>
                </section>
                <section class="card">
                    <h2>"2. Le fichier"</h2>
                    <noscript>
                        <p class="form-error">
                            "L'import demande JavaScript : activez-le, ou inscrivez les enfants un par un depuis « Enfants »."
                        </p>
                    </noscript>
                    <form on:submit=on_submit class="import-form">
                        <Field
                            control="import-file"
                            label="Fichier CSV, XLSX ou ODS"
                            hint=format!(
                                "CSV séparé par des points-virgules ou des virgules, ou classeur ; {} Mo au plus.",
                                super::MAX_FILE_MB,
                            )
                        >
                            <input
                                id="import-file"
                                type="file"
                                accept=".csv,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
                                required
                                node_ref=file_input
                            />
                        </Field>
                        <button type="submit" class="button button-primary" disabled=busy>
                            {move || {
                                if reading.get() || preview.pending().get() {
                                    "Vérification…"
                                } else {
                                    "Vérifier le fichier"
                                }
                            }}
                        </button>
                    </form>
                    <Show when=move || too_large.get()>
                        <p class="form-error" role="alert">
                            {file_message(&SheetProblem::TooLarge, l)}
                        </p>
                    </Show>
                    {move || match preview.value().get() {
                        Some(Err(e)) => {
                            Some(
                                view! {
                                    <p class="form-error" role="alert">
                                        {error_text(&e, l)}
                                    </p>
                                },
                            )
                        }
                        _ => None,
                    }}
                </section>
                {move || match preview.value().get() {
                    Some(Ok(p)) => Some(view! { <PreviewView preview=p file commit /> }),
                    _ => None,
                }}
            </div>
        </Page>
    }
}

/// A refusal in words: a whole file's problem in detail, else as any error.
fn error_text(e: &AppError, l: Locale) -> String {
    match e {
        AppError::ImportFile { problem } => file_message(problem, l),
        AppError::TooLarge => file_message(&SheetProblem::TooLarge, l),
        other => crate::i18n::error_message(other, l),
    }
}

fn outcome_label(o: &Outcome) -> (&'static str, &'static str) {
    match o {
        Outcome::Create => ("Nouvel enfant", "badge badge-ok"),
        Outcome::Update { .. } => ("Mis à jour", "badge badge-info"),
        Outcome::Unchanged { .. } => ("Inchangé", "badge"),
        Outcome::Refused => ("Refusée", "badge badge-error"),
    }
}

#[component]
fn PreviewView(
    preview: Preview,
    file: RwSignal<Option<ImportFile>>,
    commit: ServerAction<CommitImport>,
) -> impl IntoView {
    let l = use_locale();
    let (created, updated, unchanged, refused) = preview.counts();
    let writable = created + updated;
    let send = move |mode: &'static str| {
        if let Some(file) = file.get_untracked() {
            commit.dispatch(CommitImport {
                file,
                mode: mode.into(),
            });
        }
    };
    let done = move || match commit.value().get() {
        Some(Ok(i)) if i.written => Some(format!(
            "Import terminé : {} enfant(s) ajouté(s), {} mis à jour, {} inchangé(s){}.",
            i.created,
            i.updated,
            i.unchanged,
            if i.refused > 0 {
                format!(", {} ligne(s) refusée(s) laissée(s) de côté", i.refused)
            } else {
                String::new()
            }
        )),
        _ => None,
    };
    let nothing = move || {
        match commit.value().get() {
        Some(Ok(i)) if !i.written => Some(format!(
            "Rien n'a été écrit : {} ligne(s) refusée(s). Corrigez-les dans le fichier puis vérifiez-le à nouveau.",
            i.refused
        )),
        Some(Err(e)) => Some(error_text(&e, l)),
        _ => None,
    }
    };
    let ignored = preview.ignored_columns.clone();
    view! {
        <section class="card" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">"3. Ce que l'import fera"</h2>
            <ul class="import-counts" role="status">
                <li>
                    <strong>{created}</strong>
                    " nouvel(s) enfant(s)"
                </li>
                <li>
                    <strong>{updated}</strong>
                    " mis à jour"
                </li>
                <li>
                    <strong>{unchanged}</strong>
                    " inchangé(s)"
                </li>
                <li>
                    <strong>{refused}</strong>
                    " ligne(s) refusée(s)"
                </li>
            </ul>
            {(!ignored.is_empty())
                .then(|| {
                    view! {
                        <p class="muted">
                            {format!("Colonnes non lues : {}.", ignored.join(", "))}
                        </p>
                    }
                })}
            <table class="import-preview">
                <thead>
                    <tr>
                        <th scope="col">"Ligne"</th>
                        <th scope="col">"Enfant"</th>
                        <th scope="col">"Résultat"</th>
                        <th scope="col">"Détail"</th>
                    </tr>
                </thead>
                <tbody>
                    {preview
                        .lines
                        .into_iter()
                        .map(|line| {
                            let (label, class) = outcome_label(&line.outcome);
                            let detail = match &line.outcome {
                                Outcome::Update { changes, .. } => {
                                    Some(format!("Change : {}", changes.join(", ")))
                                }
                                _ => None,
                            };
                            let refused = line.outcome == Outcome::Refused;
                            view! {
                                <tr class:refused=refused>
                                    <td data-label="Ligne">{line.line}</td>
                                    <td data-label="Enfant">{line.child}</td>
                                    <td data-label="Résultat">
                                        <span class=class>{label}</span>
                                    </td>
                                    <td data-label="Détail">
                                        {detail}
                                        <ul class="problems">
                                            {line
                                                .problems
                                                .iter()
                                                .map(|p| view! { <li>{p.message(l)}</li> })
                                                .collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || writable == 0 || commit.pending().get()
                    on:click=move |_| send("valid")
                >
                    {if refused > 0 {
                        format!("Importer les {writable} ligne(s) valides, sans les refusées")
                    } else {
                        format!("Importer les {writable} ligne(s)")
                    }}
                </button>
                {(refused > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                disabled=move || commit.pending().get()
                                on:click=move |_| send("all")
                            >
                                "Tout ou rien : n'importer que si aucune ligne n'est refusée"
                            </button>
                        }
                    })}
            </div>
            {move || {
                done()
                    .map(|text| {
                        view! {
                            <p class="form-success" role="status">
                                {text}
                                " "
                                <a href="/inscriptions">"Voir les enfants"</a>
                            </p>
                        }
                    })
            }}
            {move || {
                nothing()
                    .map(|text| {
                        view! {
                            <p class="form-error" role="alert">
                                {text}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
