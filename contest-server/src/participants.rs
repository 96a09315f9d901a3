//! Registering a participant: checked fields, consent, a fresh token.

use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::token_hash;
use crate::privacy::CONSENT_VERSION;

/// The 11 cities and the two directly administered cities of the province,
/// in the order the association lists them.
pub const CITIES: [&str; 13] = [
    "石家庄",
    "唐山",
    "秦皇岛",
    "邯郸",
    "邢台",
    "保定",
    "张家口",
    "承德",
    "沧州",
    "廊坊",
    "衡水",
    "定州",
    "辛集",
];

const MAX_NAME: usize = 20;
const MAX_UNIT: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub name: String,
    pub city: String,
    pub phone: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub consent: bool,
}

#[derive(Debug, Serialize)]
pub struct Registered {
    pub participant_id: String,
    pub token: String,
}

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> ApiResult<String> {
    let mut bytes = vec![0u8; n];
    getrandom::getrandom(&mut bytes).map_err(|_| ApiError::unavailable())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn plain(text: &str) -> bool {
    !text.chars().any(|c| c.is_control())
}

/// A mainland mobile number: 11 digits starting 13–19. Spaces and dashes
/// people type are dropped.
fn normalize_phone(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let ok = digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
    ok.then_some(digits)
}

pub fn check(reg: &Registration) -> ApiResult<(String, String, String)> {
    if !reg.consent {
        return Err(ApiError::bad_request(
            "consent_required",
            "请先阅读并同意个人信息使用说明，才能参加竞答。",
        ));
    }
    let name = reg.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME || !plain(name) {
        return Err(ApiError::bad_request(
            "invalid_name",
            "请填写姓名（1到20个字）。",
        ));
    }
    if !CITIES.contains(&reg.city.as_str()) {
        return Err(ApiError::bad_request(
            "unknown_city",
            "所在市须是河北省11个设区市或定州、辛集之一。",
        ));
    }
    let phone = normalize_phone(&reg.phone)
        .ok_or_else(|| ApiError::bad_request("invalid_phone", "请填写11位手机号码。"))?;
    let unit = reg.unit.as_deref().unwrap_or("").trim();
    if unit.chars().count() > MAX_UNIT || !plain(unit) {
        return Err(ApiError::bad_request(
            "invalid_unit",
            "单位名称最多50个字。",
        ));
    }
    Ok((name.to_owned(), phone, unit.to_owned()))
}

pub async fn register(state: &AppState, reg: Registration) -> ApiResult<Registered> {
    let (name, phone, unit) = check(&reg)?;
    let id = random_hex(12)?;
    let token = random_hex(32)?;
    let hash = token_hash(&token);
    let now = state.clock.now_ms();
    let city = reg.city;
    let row_id = id.clone();
    state
        .store
        .write(move |conn| {
            Box::pin(async move {
                sqlx::query(
                    "INSERT INTO participants \
                     (id, token_hash, name, city, phone, unit, consent_version, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(row_id)
                .bind(hash)
                .bind(name)
                .bind(city)
                .bind(phone)
                .bind(unit)
                .bind(CONSENT_VERSION)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(Registered {
        participant_id: id,
        token,
    })
}
