//! The service worker (static/sw.js): registered once the page has loaded and is idle, and told
//! to take over when the user accepts a new version.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The page's service worker container, absent outside secure contexts (plain http, file:).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    has.then(|| navigator.service_worker())
}

/// Whether a service worker controls the page (so a newly installed one is an update).
fn controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

/// Registers `./sw.js` (scope: the app's own directory, whatever the sub-path) after the page's
/// `load` event, when the browser is next idle; calls `on_update` when a new version is
/// installed and waiting. Installing the worker fetches every file of the app again, which at
/// start made the first visit's paste box appear about 50 ms later.
pub fn register(on_update: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    let idle = window.clone();
    let when_idle = Closure::once_into_js(move || {
        let go = Closure::once_into_js(move || register_now(on_update));
        // Safari has no requestIdleCallback: a timeout after load is the next best.
        if idle.request_idle_callback(go.unchecked_ref()).is_err() {
            let _ = idle.set_timeout_with_callback(go.unchecked_ref());
        }
    });
    if loaded {
        let _ = when_idle
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    } else {
        let _ = window.add_event_listener_with_callback("load", when_idle.unchecked_ref());
    }
}

/// Registers the worker now (see [`register`]).
fn register_now(on_update: impl Fn() + 'static) {
    let Some(c) = container() else { return };
    let options = web_sys::RegistrationOptions::new();
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    let promise = c.register_with_options("./sw.js", &options);
    let on_update = std::rc::Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && controlled() {
            on_update();
        }
        let watched = reg.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let w = worker.clone();
            let on_update = on_update.clone();
            let changed = Closure::<dyn Fn()>::new(move || {
                if w.state() == ServiceWorkerState::Installed && controlled() {
                    on_update();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        });
        reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
}

/// Lets the waiting version take over, then reloads the page into it.
pub fn activate_update() {
    let Some(c) = container() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    c.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let promise = c.get_registration();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reg) = JsFuture::from(promise).await {
            let reg: ServiceWorkerRegistration = reg.unchecked_into();
            if let Some(w) = reg.waiting() {
                let _ = w.post_message(&JsValue::from_str("skip-waiting"));
            }
        }
    });
}
