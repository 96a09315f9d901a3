//! The 通报 of a contest: every city's participation and scores, and the
//! best participants with masked names. Each participant counts once, by
//! their best attempt (highest score, then shortest time).

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use sqlx::Row;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::participants::CITIES;
use crate::time::rfc3339;

/// How long one computed table is served before it is computed again.
const CACHE_MS: i64 = 5_000;

#[derive(Debug, Clone, Serialize)]
pub struct CityRow {
    pub city: &'static str,
    pub participants: u64,
    pub attempts: u64,
    /// Mean of each participant's best score; 0 when nobody took part.
    pub mean_score: f64,
    /// Share of participants whose best attempt passed, 0–1.
    pub pass_rate: f64,
    /// Competition ranking by participants ("1224"); equal ranks keep the
    /// association's order of cities.
    pub rank: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopRow {
    pub rank: u32,
    pub name: String,
    pub city: String,
    pub score: f64,
    pub seconds: f64,
    pub timing: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub contest: String,
    pub max_score: f64,
    pub updated_at: String,
    pub cities: Vec<CityRow>,
    pub top: Vec<TopRow>,
}

/// Each contest's last computed results. A submit in this process clears its
/// contest's entry; submits in other processes show within `CACHE_MS`.
#[derive(Default)]
pub struct ResultsCache(Mutex<HashMap<String, (i64, Results)>>);

impl ResultsCache {
    pub fn invalidate(&self, contest: &str) {
        if let Ok(mut cache) = self.0.lock() {
            cache.remove(contest);
        }
    }
}

/// `张三明` → `张*明`, `张三` → `张*`; an erased name shows as 匿名.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => "匿名".into(),
        1 | 2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

struct Best {
    name: String,
    city: String,
    score: f64,
    elapsed_ms: i64,
    submitted_at: i64,
    passed: bool,
    timing: String,
}

impl Best {
    /// Whether `self` ranks above `other`.
    fn beats(&self, other: &Best) -> bool {
        (self.score, -self.elapsed_ms, -self.submitted_at)
            > (other.score, -other.elapsed_ms, -other.submitted_at)
    }
}

pub async fn results(state: &AppState, contest: &str) -> ApiResult<Results> {
    let served = state.contests.get(contest)?;
    let now = state.clock.now_ms();
    if let Ok(cache) = state.results.0.lock() {
        if let Some((at, r)) = cache.get(contest) {
            if now - at < CACHE_MS && now >= *at {
                return Ok(r.clone());
            }
        }
    }
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.city, p.phone, a.score, a.max_score, a.elapsed_ms, a.passed, \
         a.timing, a.submitted_at \
         FROM attempts a JOIN participants p ON p.id = a.participant_id \
         WHERE a.contest = $1 AND a.score IS NOT NULL",
    )
    .bind(contest)
    .fetch_all(state.store.pool())
    .await?;
    let Tally {
        best,
        attempts,
        max_score,
    } = best_by_person(&rows)?;
    let cities = city_rows(&best, &attempts);
    let top = top_rows(&best, state.settings.top);
    let max_score = if max_score > 0.0 {
        max_score
    } else {
        let paper = served.paper(0);
        paper.questions.iter().map(|q| q.points).sum()
    };
    let r = Results {
        contest: contest.to_owned(),
        max_score,
        updated_at: rfc3339(now),
        cities,
        top,
    };
    if let Ok(mut cache) = state.results.0.lock() {
        cache.insert(contest.to_owned(), (now, r.clone()));
    }
    Ok(r)
}

/// The submitted attempts of a contest, counted.
struct Tally {
    /// Each person's best attempt: one person registering twice counts once while the
    /// phone is kept.
    best: HashMap<String, Best>,
    /// Attempts by city.
    attempts: HashMap<String, u64>,
    /// The highest `max_score` recorded.
    max_score: f64,
}

fn best_by_person(rows: &[sqlx::any::AnyRow]) -> ApiResult<Tally> {
    let mut best: HashMap<String, Best> = HashMap::new();
    let mut attempts: HashMap<String, u64> = HashMap::new();
    let mut max_score = 0.0f64;
    for row in rows {
        let id: String = row.try_get("id")?;
        let phone: String = row.try_get("phone")?;
        let person = if phone.is_empty() { id } else { phone };
        let b = Best {
            name: row.try_get("name")?,
            city: row.try_get("city")?,
            score: row.try_get("score")?,
            elapsed_ms: row.try_get::<Option<i64>, _>("elapsed_ms")?.unwrap_or(0),
            submitted_at: row.try_get::<Option<i64>, _>("submitted_at")?.unwrap_or(0),
            passed: row.try_get::<Option<i64>, _>("passed")?.unwrap_or(0) != 0,
            timing: row.try_get("timing")?,
        };
        max_score = max_score.max(row.try_get::<Option<f64>, _>("max_score")?.unwrap_or(0.0));
        *attempts.entry(b.city.clone()).or_default() += 1;
        match best.get(&person) {
            Some(old) if !b.beats(old) => {}
            _ => {
                best.insert(person, b);
            }
        }
    }
    Ok(Tally {
        best,
        attempts,
        max_score,
    })
}

/// Every city in the association's order, ranked by participants.
fn city_rows(best: &HashMap<String, Best>, attempts: &HashMap<String, u64>) -> Vec<CityRow> {
    let mut cities: Vec<CityRow> = CITIES
        .iter()
        .map(|&city| {
            let people: Vec<&Best> = best.values().filter(|b| b.city == city).collect();
            let n = people.len() as f64;
            let mean = if n > 0.0 {
                people.iter().map(|b| b.score).sum::<f64>() / n
            } else {
                0.0
            };
            let passed = people.iter().filter(|b| b.passed).count() as f64;
            CityRow {
                city,
                participants: people.len() as u64,
                attempts: attempts.get(city).copied().unwrap_or(0),
                mean_score: (mean * 100.0).round() / 100.0,
                pass_rate: if n > 0.0 {
                    ((passed / n) * 1000.0).round() / 1000.0
                } else {
                    0.0
                },
                rank: 0,
            }
        })
        .collect();
    // Stable: equal participation keeps the association's order of cities.
    cities.sort_by_key(|c| std::cmp::Reverse(c.participants));
    for i in 0..cities.len() {
        cities[i].rank = if i > 0 && cities[i].participants == cities[i - 1].participants {
            cities[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    cities
}

/// The best `n` people, masked names.
fn top_rows(best: &HashMap<String, Best>, n: usize) -> Vec<TopRow> {
    let mut ranked: Vec<&Best> = best.values().collect();
    ranked.sort_by(|a, b| {
        if a.beats(b) {
            std::cmp::Ordering::Less
        } else if b.beats(a) {
            std::cmp::Ordering::Greater
        } else {
            a.name.cmp(&b.name)
        }
    });
    ranked
        .into_iter()
        .take(n)
        .enumerate()
        .map(|(i, b)| TopRow {
            rank: i as u32 + 1,
            name: mask_name(&b.name),
            city: b.city.clone(),
            score: b.score,
            seconds: (b.elapsed_ms as f64 / 100.0).round() / 10.0,
            timing: b.timing.clone(),
        })
        .collect()
}
