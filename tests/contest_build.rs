//! With a contest server configured (the demo's `[contest] server`), the built
//! portal holds no question of the server's contest, so none of their keys: not in
//! its own bundle (there is none) and not in the practice sets, which still fill
//! their papers. (The facts themselves are on the portal's pages: they are the study
//! material.)

mod common;

use std::path::Path;

#[test]
fn no_key_of_a_server_contest_is_published() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = tempfile::tempdir().unwrap();
    let built = common::build(repo, out.path(), &[]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let set = wasm_quiz::load_quiz_dir(&repo.join("quiz")).expect("the demo quiz is valid");
    let contest = set.contest("contest-2022").unwrap();
    let drawn = wasm_quiz::bundle::candidates(&set, contest);
    assert!(drawn.len() >= 40, "a real pool: {}", drawn.len());
    let files = common::tree(out.path());
    assert!(!files.contains_key("contest/data/contest-2022.json"));
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for q in &drawn {
            assert!(
                !text.contains(&format!("\"id\":\"{}\"", q.id)) && !text.contains(&q.stem),
                "{path} publishes contest question {}",
                q.id
            );
        }
    }
    // Every practice set still holds enough questions for its paper.
    for c in set
        .contests
        .iter()
        .filter(|c| c.id.starts_with("practice-"))
    {
        let json = &files[&format!("contest/data/{}.json", c.id)];
        let bundle: serde_json::Value = serde_json::from_slice(json).unwrap();
        let n = bundle["questions"].as_array().unwrap().len();
        assert!(n >= c.paper_len(), "{} keeps {n} questions", c.id);
    }
}
