//! The imported bank against the rest of `quiz/`: ids unique over all banks, and the
//! written text read back by the quiz engine exactly as `jiayuan build` reads it.

use std::collections::BTreeMap;
use std::path::Path;

use jiayuan_core::diagnostic::{self, Diagnostic};
use wasm_quiz::SourceFile;

use super::{messages, problem, whole_file, BankData, Entry, Spot};
use crate::quiz::read_yaml;

/// Every bank file of the site but the one being imported.
pub fn other_banks(root: &Path, bank: &str, diags: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let own = format!("quiz/{bank}.yaml");
    let mut files = read_yaml(root, &root.join("quiz"), diags);
    files.retain(|f| f.path != own);
    files
}

/// An id another bank already uses is an error at the imported question. (Banks that
/// do not load are reported by [`as_the_build_reads_it`].)
pub fn ids_in_other_banks(
    file: &str,
    entries: &[(Entry, Spot)],
    others: &[SourceFile],
) -> Vec<Diagnostic> {
    let Ok(set) = wasm_quiz::load_sources(others, &[]) else {
        return Vec::new();
    };
    let owner: BTreeMap<&str, &str> = set
        .banks
        .iter()
        .flat_map(|b| b.questions.iter().map(|q| (q.id.as_str(), b.file.as_str())))
        .collect();
    entries
        .iter()
        .filter_map(|(entry, spot)| {
            let other = owner.get(entry.id.as_str())?;
            Some(problem(
                file,
                spot,
                messages::id_in_other_bank(&entry.id, other),
            ))
        })
        .collect()
}

/// Loads every bank and contest of the site with `text` in place of
/// `quiz/<bank>.yaml`, as the build will, and checks the bank reads back as `bank`.
pub fn as_the_build_reads_it(
    root: &Path,
    shown: &str,
    text: &str,
    bank: &BankData,
    mut banks: Vec<SourceFile>,
) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let contests = read_yaml(root, &root.join("quiz/contests"), &mut diags);
    banks.push(SourceFile::new(shown, text));
    banks.sort_by(|a, b| a.path.cmp(&b.path));
    match wasm_quiz::load_sources(&banks, &contests) {
        Ok(set) => {
            let read = set.banks.iter().find(|b| b.file == shown);
            let same = read.is_some_and(|b| {
                b.title == bank.title
                    && b.questions
                        .iter()
                        .map(Entry::from_question)
                        .eq(bank.entries.iter().cloned())
            });
            if !same {
                diags.push(whole_file(shown, messages::not_written_back()));
            }
        }
        Err(found) => diags.extend(found),
    }
    if diags.is_empty() {
        Ok(())
    } else {
        diagnostic::sort(&mut diags);
        Err(diags)
    }
}
