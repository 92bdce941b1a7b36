//! The engine in a Web Worker, so a long analysis never blocks the page. The worker is
//! `engine-worker.js` beside `index.html` (same origin, so `worker-src 'self'` allows it from
//! any sub-path); it loads this same wasm module, whose `main` mounts nothing outside a window,
//! and calls [`analyse_job`].

use crate::engine::export::Exported;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker script, relative to the page (the build fills in the module's hashed names).
const SCRIPT: &str = "engine-worker.js";

/// Runs one analysis in the worker: `job` is an encoded [`crate::engine::job::Job`], the answer
/// an encoded [`crate::engine::job::Answer`]; `knowledge` is the page's knowledge base, when it
/// has one.
#[wasm_bindgen]
pub fn analyse_job(text: &str, job: &str, knowledge: Option<String>) -> String {
    if let Some(k) = knowledge {
        // A base that does not read leaves the analysis without vendors' messages, as on the page.
        let _ = crate::engine::knowledge::install(k);
    }
    crate::engine::job::run_encoded(text, job)
}

/// Makes one export in the worker: `job` is an encoded [`crate::engine::export::Export`]. The
/// answer is `[encoded Exported without its text, the text as a Blob]`: a blob crosses to the
/// page without copying, and the page saves or copies it without reading it.
#[wasm_bindgen]
pub fn export_job(text: &str, job: &str, knowledge: Option<String>) -> js_sys::Array {
    use crate::engine::export;
    if let Some(k) = knowledge {
        let _ = crate::engine::knowledge::install(k);
    }
    let mut made = export::run(text, job);
    // A short export (Markdown) travels in the answer; a long one as a text blob.
    if made.text.len() < 1 << 20 {
        return js_sys::Array::of2(&export::encode_answer(&made).into(), &JsValue::NULL);
    }
    let body = std::mem::take(&mut made.text);
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/plain");
    let parts = js_sys::Array::of1(&JsValue::from_str(&body));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)
        .map_or(JsValue::NULL, JsValue::from);
    js_sys::Array::of2(&JsValue::from_str(&export::encode_answer(&made)), &blob)
}

/// What an export made: its answer, and its text as a blob when a worker made it (saved or
/// copied without passing through the page's memory).
#[derive(Clone)]
pub struct Made {
    /// Whether it was made, and what to say (its text too when made on the page).
    pub exported: Exported,
    /// The text, when a worker made it.
    pub blob: Option<Blob>,
}

impl Made {
    /// Made on the page: the text is in the answer.
    pub fn text(exported: Exported) -> Self {
        Made {
            exported,
            blob: None,
        }
    }
}

impl Made {
    /// Reads what [`export_job`] posted: `[answer, blob]`.
    pub fn from_answer(v: JsValue) -> Option<Made> {
        let parts: js_sys::Array = v.dyn_into().ok()?;
        let exported = crate::engine::export::decode(&parts.get(0).as_string()?).ok()?;
        let blob = parts.get(1).dyn_into::<Blob>().ok();
        Some(Made { exported, blob })
    }
}

/// What a worker is asked to do with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Analyse it ([`analyse_job`]).
    Analyse,
    /// Export it ([`export_job`]).
    Export,
}

/// Whether this code runs in a page (rather than in the engine worker).
pub fn in_page() -> bool {
    web_sys::window().is_some()
}

/// A running worker with one job. Dropping it terminates the worker, which is how a job is
/// cancelled and how the memory a large input took is given back.
pub struct EngineWorker {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl EngineWorker {
    /// Starts a worker on `text` and `job`; `done` gets what the worker posted, or why there is
    /// nothing.
    pub fn start(
        text: &str,
        job: &str,
        task: Task,
        done: impl FnOnce(Result<JsValue, String>) + 'static,
    ) -> Result<Self, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options)
            .map_err(|e| format!("the browser did not start a worker: {e:?}"))?;
        let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
        let on_answer = done.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if let Some(f) = on_answer.take() {
                f(Ok(ev.data()));
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let why = js_sys::Reflect::get(&ev, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the worker could not start".into());
            if let Some(f) = done.take() {
                f(Err(why));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let knowledge = super::knowledge::packed().map_or(JsValue::UNDEFINED, JsValue::from_str);
        let task = JsValue::from_str(match task {
            Task::Analyse => "analyse",
            Task::Export => "export",
        });
        let message = js_sys::Array::of4(
            &JsValue::from_str(text),
            &JsValue::from_str(job),
            &knowledge,
            &task,
        );
        worker
            .post_message(&message)
            .map_err(|e| format!("the worker did not take the text: {e:?}"))?;
        Ok(EngineWorker {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for EngineWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
    }
}
