//! Decoded parts: tables with masked secrets, and preformatted code.

use crate::adapters::clipboard;
use crate::engine::{Field, Part, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Every decoded part of a report.
#[component]
pub fn PartList(report: Memo<Report>) -> impl IntoView {
    view! {
        <div class="parts">
            {move || {
                report
                    .with(|r| r.parts.clone())
                    .into_iter()
                    .map(|p| match p {
                        Part::Fields { title, rows } => {
                            view! { <FieldTable title=title rows=rows /> }.into_any()
                        }
                        Part::Table { title, columns, rows } => {
                            view! { <DataTable title=title columns=columns rows=rows /> }.into_any()
                        }
                        Part::Code { title, text } => {
                            view! {
                                <section class="part">
                                    <h3>{title}</h3>
                                    <pre class="code">{text}</pre>
                                </section>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A labelled table; secret values stay masked until "Reveal" is pressed.
#[component]
fn FieldTable(title: String, rows: Vec<Field>) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let has_secret = rows.iter().any(|f| f.secret);
    view! {
        <section class="part">
            <h3>
                {title}
                {has_secret
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="reveal"
                                aria-pressed=move || revealed.get().to_string()
                                on:click=move |_| revealed.update(|r| *r = !*r)
                            >
                                {move || if revealed.get() { "Hide secrets" } else { "Reveal secrets" }}
                            </button>
                        }
                    })}
            </h3>
            <table class="fields">
                <tbody>
                    {rows.into_iter().map(|f| view! { <FieldRow field=f revealed=revealed /> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// One row with a copy button.
#[component]
fn FieldRow(field: Field, revealed: RwSignal<bool>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let value = StoredValue::new(field.value);
    let secret = field.secret;
    let shown = move || {
        if secret && !revealed.get() {
            "•".repeat(value.with_value(|v| v.chars().count()).clamp(4, 12))
        } else {
            value.get_value()
        }
    };
    let copy = move |_| {
        let v = value.get_value();
        spawn_local(async move {
            copied.set(clipboard::copy(&v).await.is_ok());
        });
    };
    view! {
        <tr>
            <th scope="row">{field.label}</th>
            <td class:secret=secret>
                <code>{shown}</code>
            </td>
            <td class="copy">
                <button type="button" on:click=copy aria-label="Copy value">
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </td>
        </tr>
    }
}

/// A plain table with column headings.
#[component]
fn DataTable(title: String, columns: Vec<String>, rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <section class="part">
            <h3>{title}</h3>
            <table class="data">
                <thead>
                    <tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
