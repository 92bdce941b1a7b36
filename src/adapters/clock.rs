//! The browser's clock.

/// Current time in Unix seconds, from `Date.now()`.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The engine's clock at `now` (Unix seconds) with the given leeway, in the viewer's time zone.
pub fn engine_clock(now: i64, leeway: i64) -> crate::engine::Clock {
    crate::engine::Clock {
        now: Some(now),
        leeway,
        // getTimezoneOffset is minutes *behind* UTC, so negate it.
        offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    }
}
