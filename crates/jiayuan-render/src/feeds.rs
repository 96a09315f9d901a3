//! Generated files that are not templates: Atom feeds, `sitemap.xml`, `robots.txt`.
//! Dates come from the content, never from the clock, so output stays reproducible; each
//! is printed as the instant it names, with the offset it was written in.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use jiayuan_content::model::{Page, Site};
use jiayuan_core::claims::{Kind, Owner};
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::escape::html as xml;
use jiayuan_core::msg;
use jiayuan_core::output::Staging;
use jiayuan_core::time::{local_date, rfc3339};

const FEED_ENTRIES: usize = 20;

/// Characters percent-encoded in URLs written to XML (RFC 3986 unreserved stay as they are).
const URL_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

pub fn encode_url(url: &str) -> String {
    utf8_percent_encode(url, URL_SET).to_string()
}

pub fn write_all(site: &Site, out: &Staging) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut all: Vec<&Page> = site.pages.values().collect();
    all.sort_by(|a, b| {
        b.head
            .date
            .cmp(&a.head.date)
            .then_with(|| a.head.file.rel.cmp(&b.head.file.rel))
    });
    let mut write = |path: &str, body: String| {
        let what = match path {
            "/sitemap.xml" => msg!("owner-sitemap"),
            "/robots.txt" => msg!("owner-robots"),
            _ => msg!("owner-feed", path = path),
        };
        let owner = Owner::new(Kind::Generated, what, "site.toml");
        if let Err(d) = out.write_file(path, body.as_bytes(), owner) {
            diags.push(d);
        }
    };
    write(
        "/atom.xml",
        atom(site, &site.config.title, "/", "/atom.xml", &all),
    );
    for section in site
        .sections
        .values()
        .filter(|s| !s.head.key.is_empty() && !s.pages.is_empty())
    {
        let pages: Vec<&Page> = section.pages.iter().map(|k| &site.pages[k]).collect();
        let title = format!("{} - {}", section.head.title, site.config.title);
        let feed = format!("{}atom.xml", section.head.path);
        write(&feed, atom(site, &title, &section.head.path, &feed, &pages));
    }
    write("/sitemap.xml", sitemap(site));
    write(
        "/robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            encode_url(&site.config.permalink("/sitemap.xml"))
        ),
    );
    diags
}

fn atom(site: &Site, title: &str, home: &str, self_path: &str, pages: &[&Page]) -> String {
    let c = &site.config;
    let updated = pages
        .iter()
        .filter_map(|p| p.head.updated.or(p.head.date))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| rfc3339(&d));
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    s.push_str(&xml(&c.language));
    s.push_str("\">\n");
    s.push_str(&format!("<title>{}</title>\n", xml(title)));
    s.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&encode_url(&c.permalink(self_path)))
    ));
    s.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&encode_url(&c.permalink(home)))
    ));
    s.push_str(&format!(
        "<id>{}</id>\n<updated>{updated}</updated>\n",
        xml(&encode_url(&c.permalink(self_path)))
    ));
    if !c.author.is_empty() {
        s.push_str(&format!(
            "<author><name>{}</name></author>\n",
            xml(&c.author)
        ));
    }
    for page in pages.iter().take(FEED_ENTRIES) {
        let link = encode_url(&c.permalink(&page.head.path));
        let date = page
            .head
            .updated
            .or(page.head.date)
            .map_or_else(|| updated.clone(), |d| rfc3339(&d));
        s.push_str("<entry>\n");
        s.push_str(&format!("<title>{}</title>\n", xml(&page.head.meta.title)));
        s.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<id>{}</id>\n",
            xml(&link),
            xml(&link)
        ));
        if let Some(d) = page.head.date {
            s.push_str(&format!("<published>{}</published>\n", rfc3339(&d)));
        }
        s.push_str(&format!("<updated>{date}</updated>\n"));
        if let Some(author) = page.head.meta.author.as_deref() {
            s.push_str(&format!("<author><name>{}</name></author>\n", xml(author)));
        }
        s.push_str(&format!(
            "<summary type=\"html\">{}</summary>\n",
            xml(&page.body.summary_html)
        ));
        s.push_str("</entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

fn sitemap(site: &Site) -> String {
    let c = &site.config;
    let mut entries: Vec<(String, Option<String>)> = Vec::new();
    for s in site.sections.values() {
        entries.push((s.head.path.clone(), None));
    }
    for p in site.pages.values() {
        entries.push((
            p.head.path.clone(),
            p.head
                .updated
                .or(p.head.date)
                .map(|d| local_date(&d, c.timezone).format("%Y-%m-%d").to_string()),
        ));
    }
    for tax in &site.taxonomies {
        entries.push((format!("/{}/", tax.name), None));
        for term in tax.terms.keys() {
            entries.push((jiayuan_core::paths::term_path(&tax.name, term), None));
        }
    }
    entries.sort();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in entries {
        s.push_str(&format!(
            "<url><loc>{}</loc>",
            xml(&encode_url(&c.permalink(&path)))
        ));
        if let Some(d) = lastmod {
            s.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_chinese_paths() {
        assert_eq!(
            super::encode_url("http://a.org/tags/三孩/"),
            "http://a.org/tags/%E4%B8%89%E5%AD%A9/"
        );
    }
}
