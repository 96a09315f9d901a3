//! Running a query: every match is scored, ordered by score then URL, and the
//! requested page is filled from the page records, with snippets.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Index, Score, SegmentOrdinal, SegmentReader};

use crate::query::{highlight_terms, parse};
use crate::schema::Fields;
use crate::segments::Segments;
use crate::site_query::{build, SiteQuery};
use crate::snippet::highlight;
use crate::SearchError;

/// What to search and which page of results to return.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchOptions {
    /// Only pages of this section (its key).
    pub section: Option<String>,
    /// Only pages with this tag.
    pub tag: Option<String>,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return at most.
    pub limit: usize,
    /// Characters of body text in a snippet.
    pub snippet_chars: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            section: None,
            tag: None,
            offset: 0,
            limit: 10,
            snippet_chars: 100,
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SearchResults {
    /// How many pages match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// One matching page. `title_html` and `snippet` are escaped HTML with the
/// matches in `<mark>`; every other string is plain text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Hit {
    pub title: String,
    pub title_html: String,
    pub url: String,
    pub section: String,
    pub section_title: String,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub score: f32,
    pub snippet: String,
}

/// Searches `index` (opens its segments for this one query).
pub fn search(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, SearchError> {
    search_with(&Segments::of_index(index)?, query, opts)
}

/// Remembers the ranked matches of the last query, so that planning a
/// search ([`warm_remembering`](crate::warm_remembering)) and running it rank
/// the matches once. A memo belongs to one [`Segments`].
#[derive(Debug, Default)]
pub struct RankMemo(Mutex<Option<(MemoKey, Matches)>>);

/// The query text and filters: what the matches depend on (not the page).
type MemoKey = (String, Option<String>, Option<String>);

/// Every match with its score, best first.
type Matches = Arc<Vec<(Score, DocAddress)>>;

impl RankMemo {
    pub(crate) fn ranked(
        &self,
        segments: &Segments,
        text: &str,
        opts: &SearchOptions,
        query: &SiteQuery,
    ) -> Result<Matches, SearchError> {
        let key = (text.to_string(), opts.section.clone(), opts.tag.clone());
        let mut last = self.0.lock().expect("rank memo poisoned");
        if let Some((known, matches)) = last.as_ref() {
            if *known == key {
                return Ok(Arc::clone(matches));
            }
        }
        let matches = Arc::new(ranked(segments, query)?);
        *last = Some((key, Arc::clone(&matches)));
        Ok(matches)
    }
}

/// Searches segments the caller keeps between queries.
pub fn search_with(
    segments: &Segments,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, SearchError> {
    search_remembering(segments, query, opts, &RankMemo::default())
}

/// [`search_with`], reusing the matches `memo` remembers for this query.
pub fn search_remembering(
    segments: &Segments,
    query: &str,
    opts: &SearchOptions,
    memo: &RankMemo,
) -> Result<SearchResults, SearchError> {
    let fields = Fields::from_schema(segments.schema())?;
    let units = parse(query);
    let Some(site_query) = build(&units, &fields, opts) else {
        return Ok(SearchResults {
            total: 0,
            hits: Vec::new(),
        });
    };
    let matches = memo.ranked(segments, query, opts, &site_query)?;
    let terms = highlight_terms(&units);
    let hits = page(&matches, opts)
        .iter()
        .map(|&(score, address)| {
            let page = segments.page(address)?;
            Ok(Hit {
                title_html: highlight(&page.title, &terms, None),
                snippet: highlight(&page.excerpt, &terms, Some(opts.snippet_chars)),
                title: page.title,
                url: page.url,
                section: page.section,
                section_title: page.section_title,
                date: Some(page.date).filter(|d| !d.is_empty()),
                tags: page.tags,
                score,
            })
        })
        .collect::<Result<Vec<_>, SearchError>>()?;
    Ok(SearchResults {
        total: matches.len(),
        hits,
    })
}

/// Every match of `query`, best first; documents are indexed in URL order,
/// so the address breaks ties by URL.
///
/// The segments are collected one after the other here, as `Searcher::search` does on
/// its single-thread executor (there is no searcher: see crate::segments).
pub(crate) fn ranked(
    segments: &Segments,
    query: &SiteQuery,
) -> Result<Vec<(Score, DocAddress)>, SearchError> {
    let weight = query.weight(segments)?;
    let fruits = segments
        .readers()
        .iter()
        .enumerate()
        .map(|(ord, reader)| AllMatches.collect_segment(weight.as_ref(), ord as u32, reader))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let mut matches = AllMatches.merge_fruits(fruits)?;
    matches.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(matches)
}

/// The matches on the page `opts` asks for.
pub(crate) fn page<'a>(
    matches: &'a [(Score, DocAddress)],
    opts: &SearchOptions,
) -> &'a [(Score, DocAddress)] {
    let start = opts.offset.min(matches.len());
    &matches[start..(start + opts.limit).min(matches.len())]
}

/// Collects every match with its score: sites are small, and sorting all of
/// them is what makes ties break the same way everywhere.
struct AllMatches;

struct SegmentMatches {
    segment: SegmentOrdinal,
    matches: Vec<(Score, DocAddress)>,
}

impl Collector for AllMatches {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.matches
            .push((score, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.matches
    }
}
