//! Rewrites the `<img>` tags of a page's HTML for the resized copies: `srcset`, `sizes`,
//! `width`/`height` (so nothing moves while a picture loads), `loading="lazy"` for every
//! picture but the first of the page, and a WebP `<source>` when WebP is smaller.

use std::collections::HashMap;

use jiayuan_content::model::Picture;

/// A picture as the rewrite sees it: its size and the URLs of its copies.
pub struct Responsive {
    pub width: u32,
    pub height: u32,
    /// (width, URL) of each copy in the source's format, ascending.
    pub copies: Vec<(u32, String)>,
    /// The same widths in WebP, when those are smaller.
    pub webp: Vec<(u32, String)>,
}

impl Responsive {
    /// Its size and `srcset` lists, for a template to write its own `<img>` (covers).
    pub fn picture(&self) -> Picture {
        Picture {
            width: self.width,
            height: self.height,
            srcset: srcset(&self.copies),
            webp_srcset: srcset(&self.webp),
        }
    }
}

/// The column the default theme gives an article is at most 48rem (768px at 16px).
pub const SIZES: &str = "(min-width: 52rem) 48rem, 100vw";

/// The `src` of every `<img>` tag of `html`, in order.
pub fn sources(html: &str) -> Vec<String> {
    tags(html)
        .filter_map(|(s, e)| attr(&html[s..e], "src"))
        .collect()
}

/// `html` with each `<img>` whose `src` is in `pictures` rewritten.
pub fn rewrite(html: &str, pictures: &HashMap<String, Responsive>) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut from = 0;
    let mut first = true;
    for (start, end) in tags(html) {
        let tag = &html[start..end];
        let Some(pic) = attr(tag, "src").and_then(|src| pictures.get(&src)) else {
            continue;
        };
        out.push_str(&html[from..start]);
        out.push_str(&img(tag, pic, first));
        first = false;
        from = end;
    }
    out.push_str(&html[from..]);
    out
}

fn img(tag: &str, pic: &Responsive, first: bool) -> String {
    let body = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
    let mut out = String::from(body);
    if !pic.copies.is_empty() {
        out.push_str(&format!(
            " srcset=\"{}\" sizes=\"{SIZES}\"",
            srcset(&pic.copies)
        ));
    }
    out.push_str(&format!(
        " width=\"{}\" height=\"{}\"",
        pic.width, pic.height
    ));
    if !first {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\">");
    if pic.webp.is_empty() {
        return out;
    }
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">{out}</picture>",
        srcset(&pic.webp)
    )
}

fn srcset(copies: &[(u32, String)]) -> String {
    copies
        .iter()
        .map(|(w, url)| format!("{url} {w}w"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byte ranges of the `<img …>` tags.
fn tags(html: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + html.get(from..)?.find("<img ")?;
        let end = start + html[start..].find('>')? + 1;
        from = end;
        Some((start, end))
    })
}

/// The value of attribute `name` (double-quoted, as the renderer and templates write it).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_get_their_copies_and_only_the_first_loads_eagerly() {
        let html = "<p><img src=\"/a.png\" alt=\"甲\" /></p><img src=\"/b.jpg\" alt=\"乙\"><img src=\"/x.svg\" alt=\"\">";
        assert_eq!(sources(html), ["/a.png", "/b.jpg", "/x.svg"]);
        let mut pictures = HashMap::new();
        pictures.insert(
            "/a.png".to_string(),
            Responsive {
                width: 1000,
                height: 500,
                copies: vec![(480, "/a-480w.png".into()), (960, "/a-960w.png".into())],
                webp: vec![(480, "/a-480w.webp".into()), (960, "/a-960w.webp".into())],
            },
        );
        pictures.insert(
            "/b.jpg".to_string(),
            Responsive {
                width: 300,
                height: 200,
                copies: vec![],
                webp: vec![],
            },
        );
        assert_eq!(
            rewrite(html, &pictures),
            format!(
                "<p><picture><source type=\"image/webp\" srcset=\"/a-480w.webp 480w, /a-960w.webp 960w\" sizes=\"{SIZES}\">\
<img src=\"/a.png\" alt=\"甲\" srcset=\"/a-480w.png 480w, /a-960w.png 960w\" sizes=\"{SIZES}\" width=\"1000\" height=\"500\" decoding=\"async\"></picture></p>\
<img src=\"/b.jpg\" alt=\"乙\" width=\"300\" height=\"200\" loading=\"lazy\" decoding=\"async\"><img src=\"/x.svg\" alt=\"\">"
            )
        );
    }
}
