//! The search page's data (`search.*`): where the index is and which sections a reader
//! can narrow a search to.

use serde::Serialize;

use jiayuan_content::model::Site;

/// Where the index lives in the output.
pub const INDEX_PATH: &str = "/search/index/";

/// What the search page template learns (`search.*`).
#[derive(Debug, Clone, Serialize)]
pub struct SearchPage {
    pub manifest_url: String,
    pub index_url: String,
    pub sections: Vec<SectionChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionChoice {
    pub key: String,
    pub title: String,
}

pub fn page_context(site: &Site) -> SearchPage {
    let mut sections: Vec<SectionChoice> = site
        .sections
        .values()
        .filter(|s| !s.head.key.is_empty() && !s.pages.is_empty())
        .map(|s| SectionChoice {
            key: s.head.key.clone(),
            title: s.head.title.clone(),
        })
        .collect();
    sections.sort_by(|a, b| a.key.cmp(&b.key));
    SearchPage {
        manifest_url: site
            .config
            .url(&format!("{INDEX_PATH}{}", wasm_search::MANIFEST_FILE)),
        index_url: site.config.url(INDEX_PATH),
        sections,
    }
}
