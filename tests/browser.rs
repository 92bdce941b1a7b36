//! Browser adapters in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use authlens::adapters::{clock, file};
use authlens::engine::{self, InputKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn clock_reads_the_browser_time() {
    let now = clock::now_unix();
    // 2024-01-01 .. 2100-01-01: the browser clock, in seconds not milliseconds.
    assert!((1_704_067_200..4_102_444_800).contains(&now), "{now}");
    assert_eq!(clock::engine_clock(clock::now_unix(), 30).leeway, 30);
}

#[wasm_bindgen_test]
async fn reads_a_dropped_text_file() {
    let f = file::text_file(
        "request.txt",
        "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
    )
    .expect("File constructor");
    let text = file::read_text(&f).await.expect("readable");
    assert_eq!(engine::detect(&text).kind, InputKind::Credential);
    assert!(text.ends_with("c2FtZQ=="));
}

#[wasm_bindgen_test]
async fn file_with_invalid_utf8_reads_with_replacement_chars() {
    let bytes = js_sys::Uint8Array::from(&[0x41u8, 0xff, 0x42][..]);
    let parts = js_sys::Array::of1(&bytes);
    let f = web_sys::File::new_with_u8_array_sequence(&parts, "bin.txt").expect("File");
    assert_eq!(file::read_text(&f).await.unwrap(), "A\u{FFFD}B");
}

#[wasm_bindgen_test]
fn engine_judges_expiry_with_the_browser_clock() {
    // exp = 1516242622 (2018): long past by the browser's clock.
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjJ9.kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg";
    let ctx = engine::Context::with_clock(clock::engine_clock(clock::now_unix(), 60));
    let r = engine::analyze(jwt, InputKind::Jwt, &ctx);
    assert!(r.has_id("jwt.expired"));
}
