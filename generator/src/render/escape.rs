//! HTML and XML escaping for text the generator writes itself (feeds, tables, overlays).

/// The same escaping as search snippets, so a title reads alike in both.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    wasm_search::escape_html(text, &mut out);
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
            super::html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
