//! The clock analyses judge times by: now, leeway, and the viewer's UTC offset.

/// Options that change how times are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Current time in Unix seconds; `None` skips the time checks.
    pub now: Option<i64>,
    /// Allowed clock skew in seconds.
    pub leeway: i64,
    /// The viewer's offset from UTC in minutes (east positive), for local times.
    pub offset_minutes: i32,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            now: None,
            leeway: 60,
            offset_minutes: 0,
        }
    }
}
