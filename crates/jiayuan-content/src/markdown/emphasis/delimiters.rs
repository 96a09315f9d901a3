//! The delimiters of one run of inline events and how they pair: which `*` runs open,
//! which close, and which stay literal (see `emphasis`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{delim_len, is_literal, star_runs, Item};

/// Where a delimiter run sits: a whole event (a tag pulldown-cmark produced) or a
/// byte position inside a text event.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Site {
    Event(usize),
    Text(usize, usize),
}

impl Site {
    /// Event order: an event index is either a tag or a text, never both.
    pub(super) fn key(self) -> (usize, usize) {
        match self {
            Site::Event(i) => (i, 0),
            Site::Text(i, at) => (i, at),
        }
    }
}

#[derive(Clone, Copy)]
struct Delim {
    site: Site,
    len: usize,
    can_open: bool,
    can_close: bool,
}

/// Where each re-paired delimiter ends up: its length and whether it opens, by site.
/// Sorted before use, then read in event order with a cursor, so a lookup costs O(1).
#[derive(Default)]
pub(super) struct Roles {
    list: Vec<(Site, usize, bool)>,
    next: usize,
}

impl Roles {
    fn insert(&mut self, site: Site, len: usize, open: bool) {
        self.list.push((site, len, open));
    }

    fn sort(&mut self) {
        self.list.sort_unstable_by_key(|(site, _, _)| site.key());
    }

    /// The role of `site`; sites must be asked in event order.
    pub(super) fn take(&mut self, site: Site) -> Option<(usize, bool)> {
        while self
            .list
            .get(self.next)
            .is_some_and(|(s, _, _)| s.key() < site.key())
        {
            self.next += 1;
        }
        match self.list.get(self.next) {
            Some(&(s, len, open)) if s == site => Some((len, open)),
            _ => None,
        }
    }
}

/// Whether a delimiter at `pos` can open and can close: (followed by non-space, preceded
/// by non-space).
fn flank(src: &str, pos: usize, len: usize) -> (bool, bool) {
    let before = src[..pos].chars().next_back();
    let after = src[pos + len..].chars().next();
    (
        after.is_some_and(|c| !c.is_whitespace()),
        before.is_some_and(|c| !c.is_whitespace()),
    )
}

/// Collects the `*` delimiters of a run, container by container (a link or a `_`
/// emphasis is its own container), and pairs each container's delimiters.
pub(super) fn collect_roles(src: &str, events: &[Item<'_>], run: Range<usize>) -> Roles {
    let delim = |site: Site, pos: usize, len: usize| {
        let (can_open, can_close) = flank(src, pos, len);
        Delim {
            site,
            len,
            can_open,
            can_close,
        }
    };
    let mut containers: Vec<Vec<Delim>> = vec![Vec::new()];
    let mut star_stack: Vec<bool> = Vec::new();
    let mut roles = Roles::default();
    for i in run {
        let (event, range) = &events[i];
        let len = delim_len(event);
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                let star = src.as_bytes().get(range.start) == Some(&b'*');
                star_stack.push(star);
                if star {
                    let d = delim(Site::Event(i), range.start, len);
                    push_delim(&mut containers, d);
                } else {
                    containers.push(Vec::new());
                }
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                if star_stack.pop().unwrap_or(false) {
                    let d = delim(Site::Event(i), range.end.saturating_sub(len), len);
                    push_delim(&mut containers, d);
                } else {
                    close_container(&mut containers, &mut roles);
                }
            }
            Event::Start(_) => containers.push(Vec::new()),
            Event::End(_) => close_container(&mut containers, &mut roles),
            Event::Text(text) if is_literal(src, text, range) => {
                for (at, len) in star_runs(text) {
                    let d = delim(Site::Text(i, at), range.start + at, len);
                    push_delim(&mut containers, d);
                }
            }
            _ => {}
        }
    }
    for delims in containers {
        pair(&delims, &mut roles);
    }
    roles.sort();
    roles
}

/// Pairs the delimiters of the innermost container as it ends; the outermost one (the
/// run itself) is paired after the run.
fn close_container(containers: &mut Vec<Vec<Delim>>, roles: &mut Roles) {
    if containers.len() > 1 {
        let delims = containers.pop().unwrap_or_default();
        pair(&delims, roles);
    }
}

fn push_delim(containers: &mut [Vec<Delim>], d: Delim) {
    if let Some(top) = containers.last_mut() {
        top.push(d);
    }
}

/// Pairs delimiters left to right: a closer takes the nearest opener of its length, and
/// openers left inside that pair stay literal, which keeps tags properly nested.
///
/// `by_len` holds, for each length (1 and 2), the positions in `openers` of the openers
/// of that length, so a closer finds its opener without scanning the others.
fn pair(delims: &[Delim], roles: &mut Roles) {
    let mut openers: Vec<Delim> = Vec::new();
    let mut by_len: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for d in delims {
        let slot = usize::from(d.len == 2);
        if d.can_close {
            if let Some(pos) = by_len[slot].pop() {
                let opener = openers[pos];
                openers.truncate(pos);
                for stack in &mut by_len {
                    while stack.last().is_some_and(|&p| p >= pos) {
                        stack.pop();
                    }
                }
                roles.insert(opener.site, opener.len, true);
                roles.insert(d.site, d.len, false);
                continue;
            }
        }
        if d.can_open {
            by_len[slot].push(openers.len());
            openers.push(*d);
        }
    }
}
