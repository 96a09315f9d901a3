//! `jiayuan contest export`: every attempt as CSV for the association's
//! staff, UTF-8 with a byte-order mark so that Excel opens the Chinese.

use std::io::Write;

use sqlx::Row;

use crate::store::Store;
use crate::time::rfc3339;

const HEADER: [&str; 17] = [
    "作答编号",
    "竞答",
    "姓名",
    "所在市",
    "手机号",
    "单位",
    "计时方式",
    "开始时间",
    "交卷时间",
    "用时（秒）",
    "得分",
    "满分",
    "是否及格",
    "作答题数",
    "答对题数",
    "标记",
    "参赛者编号",
];

fn timing_label(t: &str) -> &'static str {
    match t {
        "double" => "延长一倍",
        "off" => "不计时",
        _ => "标准",
    }
}

fn flag_label(flag: Option<&str>, submitted: bool) -> &'static str {
    match (flag, submitted) {
        (Some("too_fast"), _) => "全对且每题不足2秒，请人工核查",
        (Some("stale"), _) => "题库更新后作废",
        (_, false) => "未交卷",
        _ => "",
    }
}

/// Writes the attempts of `contest` (or of every contest), oldest first.
pub async fn export_csv(
    store: &Store,
    contest: Option<&str>,
    out: impl Write,
) -> Result<usize, String> {
    let rows = sqlx::query(
        "SELECT a.id, a.contest, p.name, p.city, p.phone, p.unit, a.timing, a.started_at, \
         a.submitted_at, a.elapsed_ms, a.score, a.max_score, a.passed, a.answered, a.correct, \
         a.flag, p.id AS participant FROM attempts a JOIN participants p ON p.id = a.participant_id \
         WHERE ($1 = '' OR a.contest = $1) ORDER BY a.started_at, a.id",
    )
    .bind(contest.unwrap_or(""))
    .fetch_all(store.pool())
    .await
    .map_err(|e| format!("cannot read the attempts: {e}"))?;
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())
        .map_err(|e| e.to_string())?;
    let mut w = csv::Writer::from_writer(out);
    let fail = |e: csv::Error| format!("cannot write the CSV: {e}");
    w.write_record(HEADER).map_err(fail)?;
    let get = |row: &sqlx::any::AnyRow| -> Result<Vec<String>, sqlx::Error> {
        let submitted: Option<i64> = row.try_get("submitted_at")?;
        let flag: Option<String> = row.try_get("flag")?;
        let timing: String = row.try_get("timing")?;
        let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let score: Option<f64> = row.try_get("score")?;
        let max: Option<f64> = row.try_get("max_score")?;
        let elapsed: Option<i64> = row.try_get("elapsed_ms")?;
        let passed: Option<i64> = row.try_get("passed")?;
        Ok(vec![
            row.try_get("id")?,
            row.try_get("contest")?,
            row.try_get("name")?,
            row.try_get("city")?,
            row.try_get("phone")?,
            row.try_get("unit")?,
            timing_label(&timing).to_owned(),
            rfc3339(row.try_get("started_at")?),
            submitted.map(rfc3339).unwrap_or_default(),
            elapsed
                .map(|ms| format!("{:.1}", ms as f64 / 1000.0))
                .unwrap_or_default(),
            score.map(|s| s.to_string()).unwrap_or_default(),
            max.map(|s| s.to_string()).unwrap_or_default(),
            match passed {
                Some(1) => "是".into(),
                Some(_) => "否".into(),
                None => String::new(),
            },
            num(row.try_get("answered")?),
            num(row.try_get("correct")?),
            flag_label(flag.as_deref(), submitted.is_some()).to_owned(),
            row.try_get("participant")?,
        ])
    };
    for row in &rows {
        let record = get(row).map_err(|e| format!("cannot read an attempt: {e}"))?;
        w.write_record(&record).map_err(fail)?;
    }
    w.flush().map_err(|e| e.to_string())?;
    Ok(rows.len())
}

/// `jiayuan contest export`: connects to `db` (applying migrations, so an empty
/// database exports just the header) and writes the CSV.
pub fn export_blocking(db: &str, contest: Option<&str>, out: impl Write) -> Result<usize, String> {
    crate::serve::runtime()?.block_on(async {
        let store = Store::connect(db, 1).await?;
        export_csv(&store, contest, out).await
    })
}
