//! The publicity statistics page (seed §4: 定期对各市宣传工作进行量化考评): articles per
//! city, per month and per section, with a ranking and a bar chart drawn at build time
//! as inline SVG (no charting script).

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use jiayuan_content::model::Site;
use jiayuan_core::escape::html;

#[derive(Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
    /// Competition ranking: equal counts share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Share of all counted articles, in tenths of a percent for stable output.
    pub percent: String,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct Stats {
    pub total: usize,
    pub with_city: usize,
    pub cities: Vec<Count>,
    pub months: Vec<Count>,
    pub sections: Vec<Count>,
    pub city_chart_svg: String,
    pub month_chart_svg: String,
}

pub fn collect(site: &Site) -> Stats {
    let mut cities: BTreeMap<String, usize> = BTreeMap::new();
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut sections: BTreeMap<&str, usize> = BTreeMap::new();
    for page in site.pages.values() {
        if let Some(city) = page
            .head
            .meta
            .city
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            *cities.entry(city.to_string()).or_default() += 1;
        }
        if let Some(d) = page.head.date {
            let d = jiayuan_core::time::local_date(&d, site.config.timezone);
            *months.entry((d.year(), d.month())).or_default() += 1;
        }
        let top = page.head.section.split('/').next().unwrap_or("");
        *sections.entry(top).or_default() += 1;
    }
    let total = site.pages.len();
    let with_city = cities.values().sum();
    let ranked = |items: Vec<(String, usize, Option<String>)>, base: usize, by_count: bool| {
        let mut items = items;
        if by_count {
            items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        let mut out: Vec<Count> = Vec::with_capacity(items.len());
        for (i, (name, count, url)) in items.into_iter().enumerate() {
            let rank = match out.last() {
                Some(prev) if by_count && prev.count == count => prev.rank,
                _ => i + 1,
            };
            let tenths = (count * 1000).checked_div(base).unwrap_or(0);
            out.push(Count {
                name,
                count,
                rank,
                percent: format!("{}.{}", tenths / 10, tenths % 10),
                url,
            });
        }
        out
    };
    let cities = ranked(
        cities.into_iter().map(|(n, c)| (n, c, None)).collect(),
        with_city,
        true,
    );
    let months = ranked(
        months
            .into_iter()
            .map(|((y, m), c)| (format!("{y}年{m}月"), c, None))
            .collect(),
        total,
        false,
    );
    let sections = ranked(
        sections
            .into_iter()
            .map(|(key, c)| {
                let s = &site.sections[key];
                (s.head.title.clone(), c, Some(site.config.url(&s.head.path)))
            })
            .collect(),
        total,
        true,
    );
    Stats {
        total,
        with_city,
        city_chart_svg: bar_chart("stats-city-chart", "各市稿件数量", &cities),
        month_chart_svg: bar_chart("stats-month-chart", "每月稿件数量", &months),
        cities,
        months,
        sections,
    }
}

/// A horizontal bar chart. The table beside it carries the same numbers for screen
/// readers, so the SVG is labelled as one image with a text summary.
fn bar_chart(id: &str, title: &str, rows: &[Count]) -> String {
    const LABEL: usize = 120;
    const WIDTH: usize = 640;
    const BAR: usize = 26;
    const GAP: usize = 10;
    let max = rows.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let height = rows.len() * (BAR + GAP) + GAP;
    let summary: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {} 篇", r.name, r.count))
        .collect();
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        html(title),
        html(&summary.join("，"))
    );
    let span = WIDTH - LABEL - 60;
    for (i, r) in rows.iter().enumerate() {
        let y = GAP + i * (BAR + GAP);
        let w = (r.count * span).div_ceil(max).max(2);
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"currentColor\" font-size=\"16\">{}</text>\
<rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"#a4161a\"/>\
<text x=\"{}\" y=\"{}\" fill=\"currentColor\" font-size=\"16\">{}</text>",
            LABEL - 8,
            y + BAR - 7,
            html(&r.name),
            LABEL + w + 6,
            y + BAR - 7,
            r.count
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_escapes_and_scales() {
        let rows = vec![
            Count {
                name: "<邯郸>".into(),
                count: 4,
                rank: 1,
                percent: "66.6".into(),
                url: None,
            },
            Count {
                name: "保定".into(),
                count: 2,
                rank: 2,
                percent: "33.3".into(),
                url: None,
            },
        ];
        let svg = bar_chart("c", "标题", &rows);
        assert!(svg.contains("&lt;邯郸&gt;") && !svg.contains("<邯郸>"));
        assert!(
            svg.contains("width=\"460\"") && svg.contains("width=\"230\""),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""));
    }
}
