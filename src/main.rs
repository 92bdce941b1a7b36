//! Entry point: mounts the app into `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The engine worker loads this same module; it has no page to mount into.
    if authlens::adapters::engine_worker::in_page() {
        leptos::mount::mount_to_body(authlens::ui::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("authlens runs in the browser: build it with `trunk build` (see README.md).");
}
