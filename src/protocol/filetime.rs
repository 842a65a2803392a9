//! Windows FILETIME (100 ns ticks since 1601-01-01 UTC) and Unix time.

use std::time::Duration;

/// FILETIME ticks between 1601-01-01 and 1970-01-01.
pub(crate) const UNIX_EPOCH_TICKS: u64 = 116_444_736_000_000_000;
/// FILETIME ticks per second (one tick is 100 ns).
pub(crate) const TICKS_PER_SECOND: u64 = 10_000_000;
const NANOS_PER_TICK: u32 = 100;

/// A Windows FILETIME: 100-nanosecond ticks since 1601-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileTime(pub u64);

impl FileTime {
    /// From the time elapsed since the Unix epoch (e.g.
    /// `SystemTime::now().duration_since(UNIX_EPOCH)`), truncated to whole ticks.
    /// Saturates at `u64::MAX` ticks (year 60056), far beyond any real clock.
    pub fn from_unix_duration(since_epoch: Duration) -> FileTime {
        FileTime::checked_from_unix_duration(since_epoch).unwrap_or(FileTime(u64::MAX))
    }

    /// Like [`FileTime::from_unix_duration`] but `None` instead of saturating.
    pub(crate) fn checked_from_unix_duration(since_epoch: Duration) -> Option<FileTime> {
        let ticks = since_epoch
            .as_secs()
            .checked_mul(TICKS_PER_SECOND)?
            .checked_add(u64::from(since_epoch.subsec_nanos() / NANOS_PER_TICK))?
            .checked_add(UNIX_EPOCH_TICKS)?;
        Some(FileTime(ticks))
    }

    /// From whole seconds relative to the Unix epoch (negative: before 1970).
    /// `None` when the instant is before 1601 or past the FILETIME range.
    pub fn from_unix_seconds(seconds: i64) -> Option<FileTime> {
        let ticks =
            i128::from(seconds) * i128::from(TICKS_PER_SECOND) + i128::from(UNIX_EPOCH_TICKS);
        u64::try_from(ticks).ok().map(FileTime)
    }

    /// Whole seconds relative to the Unix epoch, rounded toward negative
    /// infinity (negative for instants before 1970).
    pub fn to_unix_seconds(self) -> i64 {
        let relative = i128::from(self.0) - i128::from(UNIX_EPOCH_TICKS);
        // |relative| / 10^7 < 2^64 / 10^7 fits in i64.
        i64::try_from(relative.div_euclid(i128::from(TICKS_PER_SECOND))).unwrap_or(i64::MIN)
    }

    /// The 8 wire bytes (little-endian).
    pub fn to_le_bytes(self) -> [u8; 8] {
        self.0.to_le_bytes()
    }

    /// From the 8 wire bytes (little-endian).
    pub(crate) fn from_le_bytes(bytes: [u8; 8]) -> FileTime {
        FileTime(u64::from_le_bytes(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The time frozen in the recorded `det-*` vectors.
    const DET_TIME: u64 = 0x01da_b41b_3a88_a000;
    /// 2024-06-01T12:00:00Z as Unix seconds.
    const DET_UNIX: i64 = 1_717_243_200;

    #[test]
    fn recorded_time_converts_both_ways() {
        assert_eq!(FileTime(DET_TIME).to_unix_seconds(), DET_UNIX);
        assert_eq!(
            FileTime::from_unix_seconds(DET_UNIX),
            Some(FileTime(DET_TIME))
        );
        assert_eq!(
            FileTime::from_unix_duration(Duration::from_secs(DET_UNIX as u64)),
            FileTime(DET_TIME)
        );
    }

    #[test]
    fn epochs_and_limits() {
        assert_eq!(
            FileTime::from_unix_seconds(0),
            Some(FileTime(UNIX_EPOCH_TICKS))
        );
        assert_eq!(FileTime(0).to_unix_seconds(), -11_644_473_600);
        assert_eq!(FileTime::from_unix_seconds(-11_644_473_601), None);
        assert_eq!(FileTime::from_unix_seconds(i64::MAX), None);
        assert_eq!(
            FileTime::from_unix_duration(Duration::MAX),
            FileTime(u64::MAX)
        );
        assert_eq!(FileTime::checked_from_unix_duration(Duration::MAX), None);
        assert_eq!(FileTime(UNIX_EPOCH_TICKS - 1).to_unix_seconds(), -1);
    }
}
