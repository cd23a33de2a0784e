//! Version numbers of new migrations, continuing the directory's scheme: sequence numbers
//! (with the width in use: `0003`, `3`) or UTC timestamps (`20261201154500`). A directory
//! without migrations gets the runner's default.

use std::time::{SystemTime, UNIX_EPOCH};

/// How a directory numbers its migrations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// 1, 2, 3 ... zero-padded to `width` digits.
    Sequence { width: usize },
    /// `YYYYMMDDHHMMSS`, UTC.
    Timestamp,
}

impl Scheme {
    /// The scheme of existing versions, or `default` when there are none. Fourteen digits
    /// that read as a date are a timestamp; other numbers a sequence, zero-padded to the
    /// width of the longest when any is padded.
    pub fn detect(versions: &[String], default: Scheme) -> Result<Scheme, String> {
        if versions.is_empty() {
            return Ok(default);
        }
        if let Some(bad) = versions
            .iter()
            .find(|v| v.is_empty() || !v.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(format!(
                "version {bad:?} is not a number; schemadiff continues numeric versions only"
            ));
        }
        if versions.iter().all(|v| is_timestamp(v)) {
            return Ok(Scheme::Timestamp);
        }
        let padded = versions.iter().any(|v| v.len() > 1 && v.starts_with('0'));
        let width = if padded {
            versions.iter().map(String::len).max().unwrap_or(1)
        } else {
            1
        };
        Ok(Scheme::Sequence { width })
    }

    /// `count` new versions after `versions`, the first at `now` for timestamps.
    pub fn next(self, versions: &[String], count: usize, now: SystemTime) -> Vec<String> {
        let last: u64 = versions
            .iter()
            .filter_map(|v| v.parse().ok())
            .max()
            .unwrap_or(0);
        match self {
            Scheme::Sequence { width } => (1..=count as u64)
                .map(|i| format!("{:0width$}", last + i))
                .collect(),
            Scheme::Timestamp => {
                // One second apart, and after the last existing one even if the clock is behind.
                let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
                let mut out = Vec::new();
                let mut t = secs;
                for _ in 0..count {
                    while timestamp(t).parse::<u64>().unwrap_or(0) <= last {
                        t += 1;
                    }
                    out.push(timestamp(t));
                    t += 1;
                }
                out
            }
        }
    }
}

fn is_timestamp(v: &str) -> bool {
    v.len() == 14 && (v.starts_with("19") || v.starts_with("20")) && {
        let month: u32 = v[4..6].parse().unwrap_or(0);
        let day: u32 = v[6..8].parse().unwrap_or(0);
        (1..=12).contains(&month) && (1..=31).contains(&day)
    }
}

/// Seconds since the epoch as `YYYYMMDDHHMMSS` in UTC.
pub fn timestamp(secs: u64) -> String {
    let (y, m, d) = civil(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Seconds since the epoch as ISO 8601 (`2026-12-01T15:45:00Z`), for sqitch plans.
pub fn iso8601(secs: u64) -> String {
    let t = timestamp(secs);
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &t[0..4],
        &t[4..6],
        &t[6..8],
        &t[8..10],
        &t[10..12],
        &t[12..14]
    )
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's `civil_from_days`.
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn schemes_are_detected_from_the_versions_in_use() {
        let default = Scheme::Timestamp;
        assert_eq!(Scheme::detect(&[], default), Ok(Scheme::Timestamp));
        assert_eq!(
            Scheme::detect(&v(&["0001", "0002"]), default),
            Ok(Scheme::Sequence { width: 4 })
        );
        assert_eq!(
            Scheme::detect(&v(&["1", "2", "10"]), default),
            Ok(Scheme::Sequence { width: 1 })
        );
        assert_eq!(
            Scheme::detect(&v(&["20240101120000"]), Scheme::Sequence { width: 4 }),
            Ok(Scheme::Timestamp)
        );
        assert!(Scheme::detect(&v(&["1.2"]), default).is_err());
    }

    #[test]
    fn new_versions_follow_the_last() {
        let now = UNIX_EPOCH + Duration::from_secs(1_764_603_900); // 2025-12-01T15:45:00Z
        assert_eq!(timestamp(1_764_603_900), "20251201154500");
        assert_eq!(iso8601(1_764_603_900), "2025-12-01T15:45:00Z");
        assert_eq!(
            Scheme::Sequence { width: 4 }.next(&v(&["0007"]), 2, now),
            ["0008", "0009"]
        );
        assert_eq!(
            Scheme::Timestamp.next(&[], 2, now),
            ["20251201154500", "20251201154501"]
        );
        // An existing version in the future: the new ones come after it.
        assert_eq!(
            Scheme::Timestamp.next(&v(&["20251201154510"]), 1, now),
            ["20251201154511"]
        );
    }
}
