//! What a participant agrees to, and the erasure that keeps the promise:
//! name, phone and unit are kept only for the days the consent text names,
//! then erased; city and scores stay, no longer tied to a person.

use serde::Serialize;

use crate::error::ApiResult;
use crate::store::Store;

/// Bumped whenever the text below changes in substance; each participant
/// row records the version agreed to.
pub const CONSENT_VERSION: &str = "2022-1";

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Serialize)]
pub struct Consent {
    pub version: &'static str,
    pub retention_days: u32,
    pub text: String,
}

/// The notice shown before registering (个人信息保护法 第十七条: purpose,
/// kinds of data, how long they are kept, how to exercise one's rights).
pub fn consent(retention_days: u32) -> Consent {
    let text = format!(
        "参加知识竞答需要登记姓名、所在市、手机号，单位可以不填。\
         这些信息只用于：统计成绩和各市参与情况、核对是否重复参赛、联系获奖者。\
         手机号用于限制每人每天的作答次数，不会公开；成绩榜上的姓名只显示首尾字（如“张*明”）。\
         姓名、手机号和单位自登记之日起保存 {retention_days} 天，期满后自动删除；\
         所在市和成绩会继续用于统计，但不再与个人对应。\
         信息不提供给任何第三方。如需查询、更正或提前删除，请联系主办单位。"
    );
    Consent {
        version: CONSENT_VERSION,
        retention_days,
        text,
    }
}

/// Erases the personal data of participants registered more than
/// `retention_days` ago, and attempt counts of days before yesterday.
/// Returns how many participants were erased.
pub async fn purge(store: &Store, now: i64, retention_days: u32) -> ApiResult<u64> {
    let cutoff = now - i64::from(retention_days) * DAY_MS;
    let today = crate::time::day_of(now);
    let yesterday = crate::time::day_of(now - DAY_MS);
    store
        .write(move |conn| {
            Box::pin(async move {
                let erased = sqlx::query(
                    "UPDATE participants SET name = '', phone = '', unit = '', erased_at = $1 \
                     WHERE created_at < $2 AND erased_at IS NULL",
                )
                .bind(now)
                .bind(cutoff)
                .execute(&mut *conn)
                .await?
                .rows_affected();
                sqlx::query("DELETE FROM attempt_quota WHERE day <> $1 AND day <> $2")
                    .bind(today)
                    .bind(yesterday)
                    .execute(&mut *conn)
                    .await?;
                Ok(erased)
            })
        })
        .await
}
