//! Aliases (old URLs that redirect to a page or section) checked against every URL the
//! site already has.

use std::collections::HashMap;

use jiayuan_content::model::Site;
use jiayuan_core::diagnostic::Diagnostic;
use jiayuan_core::i18n::Msg;
use jiayuan_core::msg;
use jiayuan_core::paths::alias_path;

/// An alias may not take the URL of a page, a section or another alias.
pub(crate) fn check(site: &Site, diags: &mut Vec<Diagnostic>) {
    let mut taken: HashMap<String, Msg> = HashMap::new();
    for s in site.sections.values() {
        let file = format!("content/{}", s.head.key);
        taken.insert(s.head.path.clone(), msg!("owner-section", file = file));
    }
    for p in site.pages.values() {
        taken.insert(
            p.head.path.clone(),
            msg!("owner-page", file = &p.head.file.shown),
        );
    }
    let sections = site
        .sections
        .values()
        .filter_map(|s| Some((&s.head.meta.aliases, s.head.file.as_ref()?)));
    let pages = site
        .pages
        .values()
        .map(|p| (&p.head.meta.aliases, &p.head.file));
    for (aliases, file) in pages.chain(sections) {
        for alias in aliases {
            let path = alias_path(alias);
            let (line, column) = file.place(alias);
            let at = |d: Diagnostic| d.at(line, column).with_source(file.text.clone());
            if path.split('/').any(|part| part == "..") {
                diags.push(at(Diagnostic::error(
                    &file.shown,
                    msg!("alias-escapes", alias = alias.as_str()),
                )
                .help(msg!("alias-escapes-help"))));
            } else if let Some(owner) =
                taken.insert(path.clone(), msg!("owner-alias", file = &file.shown))
            {
                diags.push(at(Diagnostic::error(
                    &file.shown,
                    msg!(
                        "alias-collides",
                        alias = alias.as_str(),
                        owner = owner,
                        path = &path
                    ),
                )
                .help(msg!("alias-collides-help"))));
            }
        }
    }
}
