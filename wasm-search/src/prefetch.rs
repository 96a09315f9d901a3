//! Planning what a search reads, so that a browser can fetch it in a few
//! parallel rounds instead of one synchronous request per read.
//!
//! A search reads in dependent steps: the dictionary blocks of its terms;
//! then their postings, their positions (for phrases) and the field norms
//! that scoring needs; then the stored fields of the hits on its page.
//! [`warm`] asks for the current step through tantivy's async API. Under
//! [`RangeDirectory::plan`](crate::RangeDirectory::plan) an async read of a
//! missing block notes it and never finishes, so one call notes everything
//! that step needs; over any other source the reads simply happen.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use tantivy::schema::Field;
use tantivy::Term;

use crate::query::parse;
use crate::schema::Fields;
use crate::search::{page, RankMemo};
use crate::segments::Segments;
use crate::site_query::build;
use crate::{SearchError, SearchOptions};

type Step<'a> = Pin<Box<dyn Future<Output = tantivy::Result<()>> + 'a>>;

/// Polls every step once; true if all of them finished.
fn poll_once(steps: Vec<Step<'_>>) -> tantivy::Result<bool> {
    let mut context = Context::from_waker(Waker::noop());
    let mut finished = true;
    for mut step in steps {
        match step.as_mut().poll(&mut context) {
            Poll::Ready(result) => result?,
            Poll::Pending => finished = false,
        }
    }
    Ok(finished)
}

/// Reads what the next step of searching `query` needs; returns true once
/// every step has all its bytes, so that the search itself reads nothing new.
pub fn warm(segments: &Segments, query: &str, opts: &SearchOptions) -> Result<bool, SearchError> {
    warm_remembering(segments, query, opts, &RankMemo::default())
}

/// [`warm`], keeping the ranked matches in `memo` for the search that follows.
pub fn warm_remembering(
    segments: &Segments,
    query: &str,
    opts: &SearchOptions,
    memo: &RankMemo,
) -> Result<bool, SearchError> {
    let fields = Fields::from_schema(segments.schema())?;
    let Some(site_query) = build(&parse(query), &fields, opts) else {
        return Ok(true);
    };
    let mut terms: Vec<(Term, bool)> = Vec::new();
    site_query.query_terms(&mut |term, positions| terms.push((term.clone(), positions)));
    let mut scored: Vec<Field> = terms.iter().map(|(term, _)| term.field()).collect();
    scored.sort_unstable();
    scored.dedup();

    let mut finished = true;
    for segment in segments.readers() {
        let mut readers = Vec::with_capacity(scored.len());
        for &field in &scored {
            readers.push((field, segment.inverted_index(field)?));
        }
        let norms = segment.fieldnorms_readers().get_inner_file();
        let norms: Vec<_> = scored.iter().filter_map(|&f| norms.open_read(f)).collect();
        let mut steps: Vec<Step> = Vec::new();
        for (term, positions) in &terms {
            let Some((_, reader)) = readers.iter().find(|(f, _)| *f == term.field()) else {
                continue;
            };
            steps.push(Box::pin(async move {
                reader.warm_postings(term, *positions).await?;
                Ok(())
            }));
        }
        for slice in &norms {
            steps.push(Box::pin(async move {
                slice.read_bytes_async().await?;
                Ok(())
            }));
        }
        finished &= poll_once(steps)?;
    }
    if !finished {
        return Ok(false);
    }

    let matches = memo.ranked(segments, query, opts, &site_query)?;
    let steps: Vec<Step> = page(&matches, opts)
        .iter()
        .map(|&(_, address)| -> Step {
            Box::pin(async move {
                segments.doc_async(address).await?;
                Ok(())
            })
        })
        .collect();
    Ok(poll_once(steps)?)
}
