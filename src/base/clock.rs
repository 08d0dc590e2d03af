//! The one reading of the system clock. Code below the commands takes `now` as a value (or a
//! [`Clock`]), so that tests can say what time it is.

use std::time::{SystemTime, UNIX_EPOCH};

/// Where a long-lived piece (the document cache, the device flow) reads the time from.
pub type Clock = fn() -> i64;

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
