//! Options of mimalloc, the `jiayuan` binary's allocator (`generator/src/main.rs`).
//!
//! mimalloc (v3, as libmimalloc-sys 0.1.49 builds it) returns freed memory to the
//! system 1 s after it was freed, and only when the thread that freed it calls the
//! allocator again. A build frees large amounts between its stages (page sources after
//! the Markdown, each search run's term map) and is over in a few seconds, so most of
//! that memory stayed resident to the end: at 10,000 pages 310 MiB peak against 265 MiB
//! with a 100 ms delay, for the same time (BENCHMARKS.md, issue 12).

/// mimalloc's `mi_option_purge_delay`: its index in `mi_option_e` of v3's `mimalloc.h`
/// (the crate exports no constant for it). [`purge_delay_ms`] reads it back.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The environment variable through which mimalloc reads the delay at start.
const PURGE_DELAY_ENV: &str = "MIMALLOC_PURGE_DELAY";

/// The delay the binary sets, in milliseconds.
pub const PURGE_DELAY_MS: i64 = 100;

/// Sets mimalloc's purge delay to [`PURGE_DELAY_MS`], unless `MIMALLOC_PURGE_DELAY`
/// is set, which mimalloc then follows. Call it first thing in `main`.
pub fn return_freed_memory_sooner() {
    if std::env::var_os(PURGE_DELAY_ENV).is_none() {
        set_purge_delay(PURGE_DELAY_MS);
    }
}

/// mimalloc's purge delay now, in milliseconds.
pub fn purge_delay_ms() -> i64 {
    // SAFETY: `mi_option_get` reads an option by index; it takes no pointers and may be
    // called at any time from any thread, and the index is one of `mi_option_e`'s.
    #[allow(unsafe_code)]
    let value = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
    // `c_long` is 64 bits here and 32 on some other targets.
    #[allow(clippy::useless_conversion)]
    i64::from(value)
}

fn set_purge_delay(ms: i64) {
    let value = std::ffi::c_long::try_from(ms).unwrap_or(std::ffi::c_long::MAX);
    // SAFETY: `mi_option_set` stores an option by index; it takes no pointers and may be
    // called at any time from any thread, and the index is one of `mi_option_e`'s.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is the purge delay's: unset, the option reads v3's documented default,
    /// and setting it sets what mimalloc reads back.
    #[test]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os(PURGE_DELAY_ENV).is_some() {
            // mimalloc read the variable at start; the default cannot be seen.
            set_purge_delay(250);
            assert_eq!(purge_delay_ms(), 250);
            return;
        }
        assert_eq!(purge_delay_ms(), 1000);
        return_freed_memory_sooner();
        assert_eq!(purge_delay_ms(), PURGE_DELAY_MS);
    }
}
