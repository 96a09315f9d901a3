//! Planning what a search reads, so that a browser can fetch it in a few
//! parallel rounds instead of one synchronous request per read.
//!
//! A search reads in dependent steps: the dictionary blocks of its terms;
//! then their postings, their positions (for phrases) and the field norms
//! that scoring needs; then the page records of the hits on its page.
//! [`warm`] asks for the current step through tantivy's async API. Under
//! [`RangeDirectory::plan`](crate::RangeDirectory::plan) an async read of a
//! missing block notes it and never finishes, so one call notes everything
//! that step needs; over any other source the reads simply happen.

use std::future::Future;
use std::ops::Bound;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use tantivy::schema::Field;
use tantivy::Term;

use crate::query::parse;
use crate::schema::Fields;
use crate::search::{page, RankMemo};
use crate::segments::Segments;
use crate::site_query::{build, Read};
use crate::sort::sort_few_by_key;
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
    let mut reads: Vec<Read> = Vec::new();
    site_query.reads(&mut |read| reads.push(read));
    let field = |read: &Read| match read {
        Read::Term(term, _) => term.field(),
        Read::Char(chars, _) => chars.field(),
    };
    let mut scored: Vec<Field> = reads.iter().map(field).collect();
    sort_few_by_key(&mut scored, |&field| field);
    scored.dedup();

    let mut finished = true;
    for segment in segments.readers() {
        let mut readers = Vec::with_capacity(scored.len());
        for &field in &scored {
            readers.push((field, segment.inverted_index(field)?));
        }
        let norms = segment.fieldnorms_readers().get_inner_file();
        let norms: Vec<_> = scored.iter().filter_map(|&f| norms.open_read(f)).collect();
        // A character's terms are known once its dictionary blocks are here.
        let mut blocks: Vec<Step> = Vec::new();
        for read in &reads {
            let (Read::Char(chars, _), Some((_, reader))) =
                (read, readers.iter().find(|(f, _)| *f == field(read)))
            else {
                continue;
            };
            let (from, to) = chars.key_range();
            let to = to.as_deref().map_or(Bound::Unbounded, Bound::Excluded);
            let range = (Bound::Included(from.as_slice()), to);
            let slice = reader.terms().file_slice_for_range(range, None);
            blocks.push(Box::pin(async move {
                slice.read_bytes_async().await?;
                Ok(())
            }));
        }
        let dictionaries = poll_once(blocks)?;
        let mut terms: Vec<(Term, bool)> = Vec::new();
        for read in &reads {
            match read {
                Read::Term(term, positions) => terms.push(((*term).clone(), *positions)),
                Read::Char(chars, positions) if dictionaries => {
                    for (term, _) in chars.terms(segment)? {
                        terms.push((term, *positions));
                    }
                }
                Read::Char(..) => {}
            }
        }
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
        finished &= poll_once(steps)? && dictionaries;
    }
    if !finished {
        return Ok(false);
    }

    let matches = memo.ranked(segments, query, opts, &site_query)?;
    let steps: Vec<Step> = page(&matches, opts)
        .iter()
        .map(|&(_, address)| -> Step { Box::pin(async move { segments.warm_page(address).await }) })
        .collect();
    Ok(poll_once(steps)?)
}
