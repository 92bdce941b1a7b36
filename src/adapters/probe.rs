//! Runs the probe matrix with `fetch()`, concurrently, each with a time limit; records only
//! what the page can observe.

use crate::engine::http::Header;
use crate::engine::probe::plan::{Mode, Probe};
use crate::engine::probe::verdict::{Observed, Outcome};
use crate::engine::probe::CredMode;
use futures::future::{join_all, select, Either};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
    Response, ResponseType,
};

/// How much of a body is kept for display.
const BODY_LIMIT: usize = 64 * 1024;

fn credentials(c: CredMode) -> RequestCredentials {
    match c {
        CredMode::Omit => RequestCredentials::Omit,
        CredMode::SameOrigin => RequestCredentials::SameOrigin,
        CredMode::Include => RequestCredentials::Include,
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Readable response headers (the browser already filtered them by CORS rules).
fn headers(resp: &Response) -> Vec<Header> {
    let mut out = Vec::new();
    if let Ok(Some(iter)) = js_sys::try_iter(resp.headers().as_ref()) {
        for entry in iter.flatten() {
            let pair = js_sys::Array::from(&entry);
            if let (Some(n), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out.push(Header { name: n, value: v });
            }
        }
    }
    out
}

async fn one(probe: &Probe, url: &str, timeout_ms: u32, signal: &AbortSignal) -> Outcome {
    let start = now();
    let init = RequestInit::new();
    init.set_method(&probe.method);
    init.set_mode(if probe.mode == Mode::NoCors {
        RequestMode::NoCors
    } else {
        RequestMode::Cors
    });
    init.set_credentials(credentials(probe.credentials));
    init.set_cache(RequestCache::NoStore);
    init.set_redirect(RequestRedirect::Follow);
    init.set_signal(Some(signal));
    if let Ok(h) = web_sys::Headers::new() {
        for header in &probe.headers {
            // A header the browser refuses is dropped rather than failing the probe.
            let _ = h.set(&header.name, &header.value);
        }
        init.set_headers(&h);
    }
    if let Some(b) = &probe.body {
        init.set_body(&JsValue::from_str(b));
    }
    let Some(window) = web_sys::window() else {
        return Outcome::NetworkError { ms: 0.0 };
    };
    let fetch = JsFuture::from(window.fetch_with_str_and_init(url, &init));
    let timer = TimeoutFuture::new(timeout_ms);
    let result = match select(Box::pin(fetch), Box::pin(timer)).await {
        Either::Left((r, _)) => r,
        Either::Right(_) => {
            return Outcome::TimedOut {
                ms: f64::from(timeout_ms),
            }
        }
    };
    let ms = now() - start;
    let Ok(resp) = result.and_then(|v| v.dyn_into::<Response>()) else {
        return Outcome::NetworkError { ms };
    };
    if resp.type_() == ResponseType::Opaque || resp.type_() == ResponseType::Opaqueredirect {
        return Outcome::Opaque { ms };
    }
    let body = match resp.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let body = match body.char_indices().nth(BODY_LIMIT) {
        Some((i, _)) => body[..i].to_string(),
        None => body,
    };
    Outcome::Response {
        status: resp.status(),
        headers: headers(&resp),
        redirected: resp.redirected(),
        url: resp.url(),
        body,
        ms,
    }
}

/// Runs every probe at once against `url`; returns what each saw and the wall time of all.
pub async fn run(
    probes: Vec<Probe>,
    url: &str,
    timeout_ms: u32,
    signal: &AbortSignal,
) -> (Vec<Observed>, f64) {
    let start = now();
    let outcomes = join_all(probes.iter().map(|p| one(p, url, timeout_ms, signal))).await;
    let total = now() - start;
    let observed = probes
        .into_iter()
        .zip(outcomes)
        .map(|(probe, outcome)| Observed { probe, outcome })
        .collect();
    (observed, total)
}
