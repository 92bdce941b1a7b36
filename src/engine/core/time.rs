//! Time formatting for claims and headers, without a date library.

/// "3 h 12 min", "45 s", "2 d 4 h": the two largest units of a duration in seconds.
pub fn human_duration(secs: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    if secs == 0 {
        return "0 s".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = secs;
    for (size, name) in UNITS {
        if rest >= size {
            parts.push(format!("{} {name}", rest / size));
            rest %= size;
        }
        if parts.len() == 2 {
            break;
        }
    }
    // Drop a trailing smaller unit once the leading one is days, for readability.
    parts.join(" ")
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Unix seconds as `2026-11-24 17:51:55 UTC`.
pub fn utc(unix: i64) -> String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Unix seconds in the viewer's time zone: `2026-11-24 18:51:55 (UTC+01:00)`.
pub fn local(unix: i64, offset_minutes: i32) -> String {
    let shifted = utc(unix.saturating_add(i64::from(offset_minutes) * 60));
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("{} (UTC{sign}{:02}:{:02})", &shifted[..19], m / 60, m % 60)
}

/// "in 5 min" or "3 h 2 min ago" for `t` relative to `now`.
pub fn relative(t: i64, now: i64) -> String {
    if t >= now {
        format!("in {}", human_duration(t.abs_diff(now)))
    } else {
        format!("{} ago", human_duration(t.abs_diff(now)))
    }
}

/// Days since 1970-01-01 for a civil date (inverse of `civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7 IMF-fixdate, also the
/// RFC 850 and asctime forms loosely) to Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = s.split([' ', ',', '-']).filter(|w| !w.is_empty()).collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut hms = None;
    for w in words {
        let lw = w.to_ascii_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lw.starts_with(m)) {
            month = Some(m as u32 + 1);
        } else if w.contains(':') {
            let p: Vec<i64> = w.split(':').filter_map(|x| x.parse().ok()).collect();
            if p.len() == 3 {
                hms = Some(p[0] * 3600 + p[1] * 60 + p[2]);
            }
        } else if let Ok(n) = w.parse::<i64>() {
            if w.len() <= 2 && day.is_none() {
                day = Some(n as u32);
            } else if w.len() == 2 {
                year = Some(if n < 70 { 2000 + n } else { 1900 + n });
            } else {
                year = Some(n);
            }
        }
    }
    let (d, m, y, t) = (day?, month?, year?, hms?);
    if !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_http_dates() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("yesterday"), None);
    }

    use super::*;

    #[test]
    fn formats_utc() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_516_239_022), "2018-01-18 01:30:22 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn local_times() {
        assert_eq!(local(0, 90), "1970-01-01 01:30:00 (UTC+01:30)");
        assert_eq!(local(0, -300), "1969-12-31 19:00:00 (UTC-05:00)");
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(11_520), "3 h 12 min");
        assert_eq!(human_duration(45), "45 s");
        assert_eq!(human_duration(90_061), "1 d 1 h");
        assert_eq!(relative(100, 40), "in 1 min");
        assert_eq!(relative(40, 100), "1 min ago");
    }
}
