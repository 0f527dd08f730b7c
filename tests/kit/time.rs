//! The fake clocks of the tests: nothing in the core reads the clock, so every test gives it
//! fixed instants. Two days are used, kept apart because snapshots print them.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

/// `y-mo-d h:mi:00` UTC.
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid UTC instant")
}

/// The engine's, the CLI's and the benches' clock: 10 June 2025, 08:00:00 UTC plus `secs`.
pub fn t(secs: i64) -> DateTime<Utc> {
    utc(2025, 6, 10, 8, 0) + Duration::seconds(secs)
}

/// The review day of the review, export and paper fixtures: 12 May 2025, 07:00:00 UTC plus
/// `secs` (their snapshots print this date).
pub fn t_mai(secs: i64) -> DateTime<Utc> {
    utc(2025, 5, 12, 7, 0) + Duration::seconds(secs)
}

/// "HH:MM:SS[.fff]" on 10 June 2025 (UTC), the timing tests' wall clock.
pub fn hms(text: &str) -> DateTime<Utc> {
    let day = NaiveDate::from_ymd_opt(2025, 6, 10).expect("a valid day");
    let time = NaiveTime::parse_from_str(text, "%H:%M:%S%.f").expect("HH:MM:SS[.fff]");
    day.and_time(time).and_utc()
}
