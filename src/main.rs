//! Entry point: in the browser, mounts the app into `<body>`; natively, the `authlens` command.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The engine worker loads this same module; it has no page to mount into.
    if authlens::adapters::engine_worker::in_page() {
        authlens::adapters::shell::take_over();
        leptos::mount::mount_to_body(authlens::ui::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
