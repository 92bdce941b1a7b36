//! Decoded parts: tables with masked secrets, and preformatted code.

use crate::adapters::clipboard;
use crate::engine::{Field, Part, Report};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Every decoded part of a report.
#[component]
pub fn PartList(#[prop(into)] report: Signal<Report>) -> impl IntoView {
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
                        Part::Timeline { title, points, now } => {
                            view! { <Timeline title=title points=points now=now /> }.into_any()
                        }
                        Part::Flow { title, steps } => {
                            view! {
                                <section class="part">
                                    <h3>{title}</h3>
                                    <ol class="flow">
                                        {steps
                                            .into_iter()
                                            .map(|s| {
                                                let state = s.state.label();
                                                view! {
                                                    <li class=format!("step {}", state.replace(' ', "-"))>
                                                        <span class="step-label">{s.label}</span>
                                                        <span class="step-state">{state}</span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </section>
                            }
                                .into_any()
                        }
                        Part::Snippet { title, text } => {
                            view! {
                                <details class="part snippet">
                                    <summary>{title}</summary>
                                    <pre class="code">{text}</pre>
                                </details>
                            }
                                .into_any()
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
                                {move || {
                                    if revealed.get() { "Hide secrets" } else { "Reveal secrets" }
                                }}
                            </button>
                        }
                    })}
            </h3>
            <table class="fields">
                <tbody>
                    {rows
                        .into_iter()
                        .map(|f| view! { <FieldRow field=f revealed=revealed /> })
                        .collect_view()}
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
    let copy_label = format!("Copy {}", field.label);
    view! {
        <tr>
            <th scope="row">{field.label}</th>
            <td class:secret=secret>
                <code>{shown}</code>
            </td>
            <td class="copy">
                <button type="button" on:click=copy aria-label=copy_label>
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
                    <tr>
                        {columns
                            .into_iter()
                            .map(|c| view! { <th scope="col">{c}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    {r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Points in time on a line, with "now" marked; positions are SVG attributes, not inline styles,
/// so the page's CSP needs no 'unsafe-inline'.
#[component]
fn Timeline(title: String, points: Vec<(String, i64)>, now: Option<i64>) -> impl IntoView {
    let mut all: Vec<i64> = points.iter().map(|p| p.1).collect();
    all.extend(now);
    let (lo, hi) = (
        all.iter().min().copied().unwrap_or(0),
        all.iter().max().copied().unwrap_or(1),
    );
    let span = (hi - lo).max(1) as f64;
    let x = move |t: i64| format!("{:.1}", 5.0 + 90.0 * (t - lo) as f64 / span);
    let marks = points
        .into_iter()
        .enumerate()
        .map(|(i, (label, t))| {
            let y = if i % 2 == 0 { "14" } else { "50" };
            view! {
                <g class="tl-point">
                    <line x1=format!("{}%", x(t)) x2=format!("{}%", x(t)) y1="22" y2="38"></line>
                    <text x=format!("{}%", x(t)) y=y text-anchor="middle">
                        {label}
                    </text>
                </g>
            }
        })
        .collect_view();
    let now_mark = now.map(|t| {
        view! {
            <g class="tl-now">
                <line x1=format!("{}%", x(t)) x2=format!("{}%", x(t)) y1="18" y2="42"></line>
                <text x=format!("{}%", x(t)) y="62" text-anchor="middle">
                    "now"
                </text>
            </g>
        }
    });
    view! {
        <section class="part">
            <h3>{title}</h3>
            <svg
                class="timeline"
                role="img"
                aria-label="Token lifetime: issued, not before, now and expiry on one line"
                width="100%"
                height="70"
            >
                <line class="tl-axis" x1="5%" x2="95%" y1="30" y2="30"></line>
                {marks}
                {now_mark}
            </svg>
        </section>
    }
}
