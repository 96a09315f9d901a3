//! What every request shares: the store, the contests, the clock, the
//! limits and the settings.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::contests::Contests;
use crate::limits::Limits;
use crate::results::ResultsCache;
use crate::store::Store;

/// The server's clock in milliseconds since the epoch. Deadlines, opening
/// hours and days are decided by it, never by a client.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> i64 + Send + Sync>);

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(|| chrono::Utc::now().timestamp_millis()))
    }

    /// A clock that shows `start` until told otherwise (tests).
    pub fn manual(start: i64) -> (Clock, Arc<AtomicI64>) {
        let now = Arc::new(AtomicI64::new(start));
        let read = now.clone();
        (Clock(Arc::new(move || read.load(Ordering::SeqCst))), now)
    }

    pub fn now_ms(&self) -> i64 {
        (self.0)()
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// The portal's origin, the only one CORS admits (`None`: same origin only).
    pub allow_origin: Option<String>,
    /// Requests per minute from one address; 0 turns the limit off.
    pub ip_per_minute: u32,
    /// Requests per minute with one participant's token; 0 turns it off.
    pub token_per_minute: u32,
    /// Take the client address from `X-Real-IP` (set by a proxy in front).
    pub trust_proxy: bool,
    /// Days a participant's name, phone and unit are kept after registering.
    pub retention_days: u32,
    /// How many best participants the results list.
    pub top: usize,
    /// Longest a request may take, its body included.
    pub request_timeout_ms: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            allow_origin: None,
            ip_per_minute: 600,
            token_per_minute: 120,
            trust_proxy: false,
            retention_days: 180,
            top: 10,
            request_timeout_ms: 30_000,
        }
    }
}

#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

pub struct Shared {
    pub store: Store,
    pub contests: Contests,
    pub clock: Clock,
    pub settings: Settings,
    pub limits: Limits,
    pub results: ResultsCache,
}

impl AppState {
    pub fn new(store: Store, contests: Contests, clock: Clock, settings: Settings) -> AppState {
        let limits = Limits::new(settings.ip_per_minute, settings.token_per_minute);
        AppState(Arc::new(Shared {
            store,
            contests,
            clock,
            settings,
            limits,
            results: ResultsCache::default(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}
