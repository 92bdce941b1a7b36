//! The page's URL: reading its fragment and making a link to this page with another one.

/// The current fragment, with its `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// This page's address (without query or fragment) followed by `fragment`.
pub fn link_with(fragment: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    Some(format!("{origin}{path}{fragment}"))
}
