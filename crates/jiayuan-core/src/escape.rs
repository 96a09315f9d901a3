//! HTML and XML escaping for text the generator writes itself (templates, feeds, tables,
//! overlays).
//!
//! The same five characters as the search snippets in wasm-search (`&`, `<`, `>`, `"`,
//! `'`), so a title reads alike in both; `/` stays as it is so URLs remain readable.

/// Escapes text for HTML content and quoted attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Attribute values get the same treatment; kept separate to say what the caller means.
pub fn attr(text: &str) -> String {
    html(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::html("<a href=\"x\">'&'</a> 家/园"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 家/园"
        );
    }
}
