//! The text a reader sees in raw HTML (a table written in HTML, `<br />` lists), for
//! the plain text that summaries, reading time and the search index read.

/// Tags after which the text breaks, as the browser breaks the line.
const BREAKS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "tr",
    "td",
    "th",
    "table",
    "ul",
    "ol",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "caption",
    "figcaption",
    "pre",
    "hr",
];

/// Text of an HTML fragment: tags and comments dropped, `<script>` and `<style>` left out
/// with their content, entities decoded, a line break where a block or cell ends.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            push_decoded(&mut out, rest);
            return out;
        };
        let tag = &rest[1..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[gt + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |i| {
                let tail = &rest[i..];
                tail.find('>').map_or("", |g| &tail[g + 1..])
            });
            continue;
        }
        if BREAKS.contains(&name.as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    push_decoded(&mut out, rest);
    out
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest[1..].find(';').map(|e| &rest[1..e + 1]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => {
                let num = e.strip_prefix('#')?;
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_and_breaks_become_lines() {
        let html = "<table><tr><td>参数</td><td>tidb_mem_quota</td></tr>\n<tr><td>默认值&nbsp;1&lt;2</td></tr></table><!-- 注释 --><script>var x = '<td>';</script>甲<br />乙";
        assert_eq!(text(html), "\n参数\ntidb_mem_quota\n\n默认值 1<2\n甲\n乙");
        assert_eq!(
            text("A &amp; B &#20013;&#x6587; &bogus; 5 > 3"),
            "A & B 中文 &bogus; 5 > 3"
        );
        assert_eq!(text("未闭合 <b"), "未闭合 <b");
    }
}
