//! A small scanner of raw HTML fragments that names what the article allowlist of
//! `raw_html` removes, with its offset, for the warnings: ammonia cleans but does not
//! say what it dropped. It reads start tags and their attributes only; it can miss a
//! removal (then there is no warning), never change the output.

use super::raw_html::{attribute_value_allowed, short, GENERIC, TAGS, TAG_ATTRIBUTES};
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;

/// What the allowlist removes from one fragment of raw HTML, with byte offsets in it.
pub(super) fn fragment(html: &str) -> Vec<(usize, Msg)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| p + i) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let closing = html[i..].starts_with('/');
        let start = if closing { i + 1 } else { i };
        let end = start
            + html[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(html.len() - start);
        if end == start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let tag = html[start..end].to_ascii_lowercase();
        if closing {
            continue;
        }
        if !TAGS.contains(&tag.as_str()) {
            out.push((lt, msg!("html-removed-tag", tag = &tag)));
            continue;
        }
        let close = html[end..].find('>').map_or(html.len(), |p| end + p);
        for (at, name, value) in attributes(&html[end..close]) {
            let at = end + at;
            let name = name.to_ascii_lowercase();
            let allowed = GENERIC.contains(&name.as_str())
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, attrs)| *t == tag && attrs.contains(&name.as_str()));
            if !allowed {
                out.push((at, msg!("html-removed-attribute", name = &name, tag = &tag)));
            } else if !attribute_value_allowed(&tag, &name, value) {
                out.push((
                    at,
                    msg!(
                        "html-removed-value",
                        name = &name,
                        value = short(value),
                        tag = &tag
                    ),
                ));
            }
        }
        i = close;
    }
    out
}

/// The attributes of a start tag's inside: (offset, name, value).
fn attributes(inside: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    let mut rest = inside;
    let mut offset = 0;
    loop {
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '/')
                .len();
        rest = &rest[skip..];
        offset += skip;
        if rest.is_empty() {
            return out;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let mut used = name_len;
        let mut value = "";
        let after = rest[used..].trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v_start = rest.len() - v.trim_start().len();
            let v = v.trim_start();
            let (val, len) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = v[1..].find(q).map_or(v.len(), |p| p + 1);
                    (&v[1..end], (end + 1).min(v.len()))
                }
                _ => {
                    let end = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..end], end)
                }
            };
            value = val;
            used = v_start + len;
        }
        out.push((offset, name, value));
        rest = &rest[used..];
        offset += used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_quoted_unquoted_and_bare() {
        let found = attributes(r#" a="1" b='2 3' c=4 d/"#);
        assert_eq!(
            found,
            [
                (1, "a", "1"),
                (7, "b", "2 3"),
                (15, "c", "4"),
                (19, "d", "")
            ]
        );
    }

    #[test]
    fn closing_tags_and_comments_are_not_findings() {
        assert!(fragment("</script><!-- <script> -->").is_empty());
        assert_eq!(fragment("<SCRIPT src=x>")[0].1.en(), "<script>");
    }
}
