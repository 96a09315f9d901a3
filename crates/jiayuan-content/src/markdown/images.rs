//! Alt text (WCAG 1.1.1): every image says what it shows, or says that it is
//! decorative by its title, `![](border.png "decorative")` (or `"装饰"`). A decorative
//! image is published with `alt=""` and no title; any other image without alt text is
//! an error at the place it was written (docs/decisions.md, "Pictures").

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

type Item<'a> = (Event<'a>, Range<usize>);

/// The titles that mark an image decorative, in English and Chinese.
pub const DECORATIVE: &[&str] = &["decorative", "装饰"];

/// An image without alt text: where it was written (byte offset in the body) and its URL.
pub struct NoAlt {
    pub offset: usize,
    pub url: String,
}

/// Clears the title of decorative images and lists the images that have no alt text.
pub fn pass(events: &mut [Item<'_>]) -> Vec<NoAlt> {
    let mut missing = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Image { .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let start = i;
        let mut alt = String::new();
        i += 1;
        while i < events.len() && !matches!(events[i].0, Event::End(TagEnd::Image)) {
            if let Event::Text(t) | Event::Code(t) = &events[i].0 {
                alt.push_str(t);
            }
            i += 1;
        }
        let offset = events[start].1.start;
        if let Event::Start(Tag::Image {
            title, dest_url, ..
        }) = &mut events[start].0
        {
            if DECORATIVE.contains(&title.trim()) {
                *title = CowStr::Borrowed("");
            } else if alt.trim().is_empty() {
                missing.push(NoAlt {
                    offset,
                    url: dest_url.to_string(),
                });
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Parser};

    fn run(md: &str) -> (String, Vec<(usize, String)>) {
        let mut events: Vec<Item<'_>> = Parser::new(md).into_offset_iter().collect();
        let missing = pass(&mut events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        (
            out,
            missing.into_iter().map(|m| (m.offset, m.url)).collect(),
        )
    }

    #[test]
    fn alt_text_is_required_unless_the_image_says_it_is_decorative() {
        let (html, missing) = run("![地图](a.png) ![](b.png)\n\n![ ](c.png \"说明\")");
        assert_eq!(
            missing,
            [(17, "b.png".to_string()), (29, "c.png".to_string())]
        );
        assert!(html.contains("alt=\"地图\""), "{html}");
        let (html, missing) = run("![](line.png \"decorative\") ![](dot.png \"装饰\")");
        assert!(missing.is_empty());
        assert_eq!(
            html,
            "<p><img src=\"line.png\" alt=\"\" /> <img src=\"dot.png\" alt=\"\" /></p>\n"
        );
    }
}
