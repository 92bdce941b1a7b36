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

/// 9999-12-31 23:59:59 UTC, the last moment a four-digit year can show.
pub const MAX_UNIX: i64 = 253_402_300_799;
/// 0001-01-01 00:00:00 UTC, the first moment of year 1.
pub const MIN_UNIX: i64 = -62_135_596_800;

/// Unix seconds as `2026-11-24 17:51:55 UTC`; times outside years 1–9999 say so instead of
/// printing a year nobody can read.
pub fn utc(unix: i64) -> String {
    if let Some(out) = out_of_range(unix) {
        return out.to_string();
    }
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// "beyond year 9999" or "before year 1" when `unix` has no four-digit year.
pub fn out_of_range(unix: i64) -> Option<&'static str> {
    if unix > MAX_UNIX {
        Some("beyond year 9999")
    } else if unix < MIN_UNIX {
        Some("before year 1")
    } else {
        None
    }
}

/// Unix seconds in the viewer's time zone: `2026-11-24 18:51:55 (UTC+01:00)`.
pub fn local(unix: i64, offset_minutes: i32) -> String {
    let shifted = unix.saturating_add(i64::from(offset_minutes) * 60);
    if let Some(out) = out_of_range(shifted) {
        return out.to_string();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    let text = utc(shifted);
    format!(
        "{} (UTC{sign}{:02}:{:02})",
        text.trim_end_matches(" UTC"),
        m / 60,
        m % 60
    )
}

/// "in 5 min" or "3 h 2 min ago" for `t` relative to `now`.
pub fn relative(t: i64, now: i64) -> String {
    if let Some(out) = out_of_range(t) {
        return out.to_string();
    }
    if t >= now {
        format!("in {}", human_duration(t.abs_diff(now)))
    } else {
        format!("{} ago", human_duration(t.abs_diff(now)))
    }
}

/// How a pasted number of "seconds since 1970" reads once its unit is guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Epoch {
    /// Plausible seconds.
    Seconds(i64),
    /// Too big for seconds, plausible as milliseconds; the value in seconds.
    Millis(i64),
    /// Too big for milliseconds, plausible as microseconds; the value in seconds.
    Micros(i64),
    /// After year 9999 in every unit.
    AfterYear9999,
    /// Before year 1.
    BeforeYear1,
}

/// Reads a pasted timestamp, guessing milliseconds and microseconds from its size. Values above
/// 10^11 s (year 5138) are taken as a smaller unit, as real clocks do not reach them.
pub fn epoch(n: f64) -> Epoch {
    const PLAUSIBLE: f64 = 100_000_000_000.0;
    if n.is_nan() || n > PLAUSIBLE * 1e6 {
        return Epoch::AfterYear9999;
    }
    if n < MIN_UNIX as f64 {
        return Epoch::BeforeYear1;
    }
    // Bounded above, so the float-to-int conversions are exact enough and cannot saturate.
    if n <= PLAUSIBLE {
        Epoch::Seconds(n.floor() as i64)
    } else if n <= PLAUSIBLE * 1e3 {
        Epoch::Millis((n / 1e3).floor() as i64)
    } else {
        Epoch::Micros((n / 1e6).floor() as i64)
    }
}

/// Days since 1970-01-01 for a civil date (inverse of `civil`); callers pass years 1–9999.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses the compact and extended ISO 8601 forms signed URLs use (`20130524T000000Z`,
/// `2019-04-30T02:23:26Z`, `2019-04-30T02:23:26.1234567Z`, `2019-04-30`) as UTC; `None` for
/// anything else or an impossible date. It reads them through [`parse_rfc3339`], the one parser
/// of the extended form.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    // The compact form (20130524T000000Z) and a bare date are the extended form written short.
    if b.get(8) == Some(&b'T') && b.get(..8).is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
        let part = |a: usize, z: usize| s.get(a..z);
        let extended = format!(
            "{}-{}-{}T{}:{}:{}{}",
            part(0, 4)?,
            part(4, 6)?,
            part(6, 8)?,
            part(9, 11)?,
            part(11, 13)?,
            part(13, 15)?,
            s.get(15..)?
        );
        return parse_rfc3339(&extended);
    }
    if s.len() == 10 {
        return parse_rfc3339(&format!("{s}T00:00:00Z"));
    }
    parse_rfc3339(s)
}

/// Parses an RFC 3339 / ISO 8601 timestamp (`2024-05-01T10:31:02.123Z`, `…+02:00`) to Unix
/// seconds, as HAR files write `startedDateTime`; fractions are dropped.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let num = |a: usize, b: usize| -> Option<u32> {
        let t = s.get(a..b)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, mi, sec) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let seps = s.as_bytes();
    if seps.get(4) != Some(&b'-')
        || seps.get(7) != Some(&b'-')
        || seps.get(13) != Some(&b':')
        || seps.get(16) != Some(&b':')
    {
        return None;
    }
    if !(1..=12).contains(&mo)
        || d == 0
        || u64::from(d) > days_in_month(i64::from(y), mo)
        || h > 23
        || mi > 59
        || sec > 60
        || y == 0
    {
        return None;
    }
    let rest = s.get(19..)?;
    let rest = rest
        .strip_prefix('.')
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let offset = match rest {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hm = rest.get(1..).unwrap_or_default().replace(':', "");
            if hm.len() != 4 || !hm.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let oh: i64 = hm.get(..2).unwrap_or_default().parse().ok()?;
            let om: i64 = hm.get(2..).unwrap_or_default().parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    let days = days_from_civil(i64::from(y), mo, d);
    Some(days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec) - offset)
}

/// Why a date could not be read, naming the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// A part (day, month, year or time) is missing.
    Missing(&'static str),
    /// A field is outside its range, e.g. hour 99.
    Field {
        /// "day", "hour", "minute" or "second".
        field: &'static str,
        /// The text as pasted.
        value: String,
        /// The allowed range, e.g. "0–23".
        range: String,
    },
    /// The year has more than four digits.
    YearBeyond9999(String),
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Missing(what) => write!(f, "it has no {what}"),
            DateError::Field {
                field,
                value,
                range,
            } => write!(f, "the {field} {value} is impossible ({range})"),
            DateError::YearBeyond9999(y) => write!(f, "the year {y} is beyond year 9999"),
        }
    }
}

impl DateError {
    /// The field at fault: "day", "hour", "year"…
    pub fn field(&self) -> &'static str {
        match self {
            DateError::Missing(w) => w,
            DateError::Field { field, .. } => field,
            DateError::YearBeyond9999(_) => "year",
        }
    }
}

/// Digits as a number, saturating: "99999999999999999999" is huge, not "not a number".
fn digits(w: &str) -> Option<u64> {
    if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(w.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

fn in_range(field: &'static str, text: &str, n: u64, max: u64, min: u64) -> Result<i64, DateError> {
    if (min..=max).contains(&n) {
        // At most 60 here, so the conversion is exact.
        Ok(n as i64)
    } else {
        Err(DateError::Field {
            field,
            value: text.to_string(),
            range: format!("{min}–{max}"),
        })
    }
}

fn days_in_month(y: i64, m: u32) -> u64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7 IMF-fixdate, also the
/// RFC 850 and asctime forms loosely) to Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    parse_http_date_checked(s).ok()
}

/// Like [`parse_http_date`], saying which field is wrong: impossible dates (31 Feb, hour 99)
/// and years past 9999 are rejected rather than rolled over.
pub fn parse_http_date_checked(s: &str) -> Result<i64, DateError> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const MONTH_NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut hms = None;
    for w in s.split([' ', ',', '-']).filter(|w| !w.is_empty()) {
        let lw = w.to_ascii_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lw.starts_with(m)) {
            month = Some(m as u32 + 1);
        } else if w.contains(':') {
            let p: Vec<&str> = w.split(':').collect();
            if let [h, m, s] = p[..] {
                if let (Some(hn), Some(mn), Some(sn)) = (digits(h), digits(m), digits(s)) {
                    hms = Some([(h, hn), (m, mn), (s, sn)]);
                }
            }
        } else if let Some(n) = digits(w) {
            if w.len() <= 2 && day.is_none() {
                day = Some((w, n));
            } else if w.len() == 2 {
                year = Some(if n < 70 { 2000 + n } else { 1900 + n });
            } else {
                year = Some(n);
            }
        }
    }
    let (dt, dn) = day.ok_or(DateError::Missing("day"))?;
    let m = month.ok_or(DateError::Missing("month"))?;
    let y = year.ok_or(DateError::Missing("year"))?;
    let [(ht, hn), (mt, mn), (st, sn)] = hms.ok_or(DateError::Missing("time"))?;
    if y > 9999 {
        let text = s
            .split([' ', ',', '-'])
            .find(|w| w.len() > 4 && digits(w).is_some())
            .unwrap_or("")
            .to_string();
        return Err(DateError::YearBeyond9999(text));
    }
    // Year 0 does not exist in these formats; read it as year 1's neighbour rather than fail.
    let y = y.max(1) as i64;
    let max_day = days_in_month(y, m);
    let d = in_range("day", dt, dn, max_day, 1).map_err(|e| match e {
        DateError::Field { value, .. } => DateError::Field {
            field: "day",
            value,
            range: format!("{} {y} has days 1–{max_day}", MONTH_NAMES[m as usize - 1]),
        },
        other => other,
    })?;
    let h = in_range("hour", ht, hn, 23, 0)?;
    let mi = in_range("minute", mt, mn, 59, 0)?;
    // 60 is a leap second, which RFC 9110 allows.
    let se = in_range("second", st, sn, 60, 0)?;
    Ok(days_from_civil(y, m, d as u32) * 86_400 + h * 3600 + mi * 60 + se)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_iso8601_as_signed_urls_write_it() {
        use super::parse_iso8601;
        // AWS's presigned URL example and Azure's SAS example.
        assert_eq!(parse_iso8601("20130524T000000Z"), Some(1_369_353_600));
        assert_eq!(parse_iso8601("2019-04-30T02:23:26Z"), Some(1_556_591_006));
        assert_eq!(
            parse_iso8601("2019-04-30T02:23:26.1234567Z"),
            Some(1_556_591_006)
        );
        assert_eq!(parse_iso8601("2019-04-30"), Some(1_556_582_400));
        for bad in [
            "",
            "2019-02-30",
            "20190431T000000Z",
            "2019-04-30T25:00:00Z",
            "2é19-04-30",
            "x",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }

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

    #[test]
    fn impossible_dates_name_the_field() {
        // Issue #11 reproducers: these were rolled over or overflowed.
        let e = parse_http_date_checked("Wed, 31 Feb 2030 09:09:09 GMT").unwrap_err();
        assert_eq!(e.field(), "day");
        let e = parse_http_date_checked("Wed, 28 Feb 2030 99:99:99 GMT").unwrap_err();
        assert_eq!(e.field(), "hour");
        let e = parse_http_date_checked("Wed, 28 Feb 2030 9:99:0 GMT").unwrap_err();
        assert_eq!(e.field(), "minute");
        let e = parse_http_date_checked("1 Oct 1000000000015 7:8:0").unwrap_err();
        assert_eq!(e, DateError::YearBeyond9999("1000000000015".into()));
        let e = parse_http_date_checked("1 Oct 2020 99999999999999999:8:0").unwrap_err();
        assert_eq!(e.field(), "hour");
        let e = parse_http_date_checked("1 Oct 99999999999999999999999 1:8:0").unwrap_err();
        assert_eq!(e.field(), "year");
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(1_709_164_800)
        );
        assert_eq!(
            parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(MAX_UNIX)
        );
        assert_eq!(
            parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT"),
            Some(1_483_228_800)
        );
    }

    #[test]
    fn extremes_say_beyond_year_9999() {
        assert_eq!(utc(i64::MAX), "beyond year 9999");
        assert_eq!(utc(i64::MIN), "before year 1");
        assert_eq!(local(MAX_UNIX, 600), "beyond year 9999");
        assert_eq!(relative(i64::MAX, 0), "beyond year 9999");
        assert_eq!(utc(MAX_UNIX), "9999-12-31 23:59:59 UTC");
        assert_eq!(epoch(1e300), Epoch::AfterYear9999);
        assert_eq!(epoch(-1e300), Epoch::BeforeYear1);
        assert_eq!(epoch(f64::NAN), Epoch::AfterYear9999);
        assert_eq!(epoch(1_700_000_000.5), Epoch::Seconds(1_700_000_000));
        assert_eq!(epoch(1_700_000_000_123.0), Epoch::Millis(1_700_000_000));
        assert_eq!(epoch(1_700_000_000_123_456.0), Epoch::Micros(1_700_000_000));
    }

    use super::*;

    #[test]
    fn parses_rfc3339() {
        assert_eq!(parse_rfc3339("1994-11-06T08:49:37Z"), Some(784_111_777));
        assert_eq!(parse_rfc3339("1994-11-06T08:49:37.123Z"), Some(784_111_777));
        assert_eq!(
            parse_rfc3339("1994-11-06T10:49:37.5+02:00"),
            Some(784_111_777)
        );
        assert_eq!(parse_rfc3339("1994-02-30T08:49:37Z"), None);
        assert_eq!(parse_rfc3339("1994-11-06T08:49"), None);
        assert_eq!(parse_rfc3339("é"), None);
    }

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
