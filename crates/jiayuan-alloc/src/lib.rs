//! Options of mimalloc, the `jiayuan` binary's allocator (`generator/src/main.rs`).
//!
//! mimalloc (v3, as libmimalloc-sys 0.1.49 builds it) returns freed memory to the
//! system 1 s after it was freed, and only when the thread that freed it calls the
//! allocator again. A build frees large amounts between its stages (page sources after
//! the Markdown, each search run's term map) and is over in a few seconds, so most of
//! that memory stayed resident to the end: at 10,000 pages 310 MiB peak against 265 MiB
//! with a 100 ms delay, for the same time (BENCHMARKS.md, issue 12).
//!
//! mimalloc also asks Linux for transparent huge pages for its arenas (`madvise`), and
//! a first touch of one zeroes 2 MiB at once, however little of it is used before it
//! is purged and touched again: a profile of a 10,000-page build put 7 % of its samples
//! in the kernel's `clear_page_erms` under mimalloc's fresh pages. Without them the build
//! peaked 26 MiB lower for 2 % less CPU (BENCHMARKS.md). mimalloc reads its option at
//! start, before `main`, and only checks it again for new arenas, so the process turns
//! huge pages off for itself (`PR_SET_THP_DISABLE`, which every later fault obeys) and
//! sets the option to match.

/// mimalloc's `mi_option_purge_delay`: its index in `mi_option_e` of v3's `mimalloc.h`
/// (the crate exports no constant for it). [`purge_delay_ms`] reads it back.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The environment variable through which mimalloc reads the delay at start.
const PURGE_DELAY_ENV: &str = "MIMALLOC_PURGE_DELAY";

/// mimalloc's `mi_option_allow_thp`, its index in v3's `mi_option_e`.
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// The environment variable through which mimalloc reads `allow_thp` at start.
const ALLOW_THP_ENV: &str = "MIMALLOC_ALLOW_THP";

/// The delay the binary sets, in milliseconds.
pub const PURGE_DELAY_MS: i64 = 100;

/// Sets mimalloc's purge delay to [`PURGE_DELAY_MS`], unless `MIMALLOC_PURGE_DELAY`
/// is set, which mimalloc then follows. Call it first thing in `main`.
pub fn return_freed_memory_sooner() {
    if std::env::var_os(PURGE_DELAY_ENV).is_none() {
        set_purge_delay(PURGE_DELAY_MS);
    }
}

/// Turns transparent huge pages off for the process and in mimalloc, unless
/// `MIMALLOC_ALLOW_THP` is set, which mimalloc then follows. Call it first thing in
/// `main`. Returns whether the process now has them off.
pub fn no_transparent_huge_pages() -> bool {
    if std::env::var_os(ALLOW_THP_ENV).is_some() {
        return thp_disabled();
    }
    // SAFETY: as in `set_purge_delay`: an option stored by index, one of `mi_option_e`'s.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0)
    };
    disable_thp();
    thp_disabled()
}

#[cfg(target_os = "linux")]
fn disable_thp() {
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` sets a flag of the calling
    // process; it takes no pointers. An old kernel without it returns an error, and the
    // build then runs with huge pages as before.
    #[allow(unsafe_code)]
    let _ = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(not(target_os = "linux"))]
fn disable_thp() {}

/// Whether the process has transparent huge pages off.
#[cfg(target_os = "linux")]
pub fn thp_disabled() -> bool {
    // SAFETY: `prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0)` reads a flag of the calling
    // process and takes no pointers.
    #[allow(unsafe_code)]
    let flag = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
    flag == 1
}

/// Whether the process has transparent huge pages off: never, off Linux.
#[cfg(not(target_os = "linux"))]
pub fn thp_disabled() -> bool {
    false
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

    /// The index is `allow_thp`'s: v3's default reads back as 1 until the call sets 0,
    /// and the process's flag is set.
    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_go_off_for_the_process_and_in_mimalloc() {
        if std::env::var_os(ALLOW_THP_ENV).is_some() {
            return;
        }
        // SAFETY: reads an option by index, as `purge_delay_ms` does.
        #[allow(unsafe_code)]
        let allow = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_ALLOW_THP) };
        assert_eq!(allow(), 1);
        assert!(no_transparent_huge_pages());
        assert_eq!(allow(), 0);
        assert!(thp_disabled());
    }
}
