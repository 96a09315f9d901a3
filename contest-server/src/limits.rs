//! Per-address and per-participant request limits (GCRA through `governor`),
//! kept in this process: behind a load balancer each process limits the
//! traffic it sees.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::app::AppState;
use crate::error::ApiError;

pub struct Limits {
    by_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    by_token: Option<DefaultKeyedRateLimiter<String>>,
}

/// `per_minute` requests a minute, with a burst of half that (at least 10): a
/// whole attempt (start, twenty answers, submit, a reload or two) fits in the
/// default token burst of 60, however quickly it is answered.
fn quota(per_minute: u32) -> Option<Quota> {
    let rate = NonZeroU32::new(per_minute)?;
    let burst = NonZeroU32::new((per_minute / 2).max(10))?;
    Some(Quota::per_minute(rate).allow_burst(burst))
}

impl Limits {
    pub fn new(ip_per_minute: u32, token_per_minute: u32) -> Limits {
        Limits {
            by_ip: quota(ip_per_minute).map(RateLimiter::keyed),
            by_token: quota(token_per_minute).map(RateLimiter::keyed),
        }
    }

    pub fn check_token(&self, token_hash: &str) -> Result<(), ApiError> {
        match &self.by_token {
            Some(l) => l.check_key(&token_hash.to_owned()).map_err(refused),
            None => Ok(()),
        }
    }

    fn check_ip(&self, ip: IpAddr) -> Result<(), ApiError> {
        match &self.by_ip {
            Some(l) => l.check_key(&ip).map_err(refused),
            None => Ok(()),
        }
    }

    /// Forgets keys that have been quiet long enough to be full again.
    pub fn shrink(&self) {
        if let Some(l) = &self.by_ip {
            l.retain_recent();
        }
        if let Some(l) = &self.by_token {
            l.retain_recent();
        }
    }
}

fn refused(not_until: governor::NotUntil<governor::clock::QuantaInstant>) -> ApiError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    ApiError::rate_limited(wait.as_secs() + 1)
}

/// The client's address: the socket's peer, or `X-Real-IP` when a trusted
/// proxy sets it.
fn client_ip(state: &AppState, req: &Request) -> Option<IpAddr> {
    if state.settings.trust_proxy {
        let forwarded = req
            .headers()
            .get("x-real-ip")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

pub async fn limit_by_ip(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(ip) = client_ip(&state, &req) {
        if let Err(e) = state.limits.check_ip(ip) {
            return e.into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_gets_its_burst_then_waits() {
        let limits = Limits::new(0, 2);
        let passed = (0..12).filter(|_| limits.check_token("t").is_ok()).count();
        assert_eq!(passed, 10);
        assert!(
            limits.check_token("other").is_ok(),
            "each token has its own bucket"
        );
        let err = limits.check_token("t").unwrap_err();
        assert_eq!((err.status.as_u16(), err.code), (429, "rate_limited"));
        assert!(
            err.retry_after.is_some_and(|s| (1..=31).contains(&s)),
            "{err:?}"
        );
    }
}
