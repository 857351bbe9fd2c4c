//! Files written by the previous release (before ordering and matching questions) still
//! load: `history.jsonl` and `session.json` kept verbatim under tests/fixtures/data-v1.

mod common;

use std::collections::BTreeSet;

use certsim::exam::Response;
use certsim::history::{AutosaveStore, HistoryStore, Mode};
use common::{Scratch, fixture, t0};

fn copy_of_v1(name: &str) -> Scratch {
    let dir = Scratch::new(name);
    std::fs::create_dir_all(dir.path()).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data-v1");
    for file in ["history.jsonl", "session.json"] {
        std::fs::copy(source.join(file), dir.join(file)).unwrap();
    }
    dir
}

#[test]
fn a_v1_history_loads() {
    let dir = copy_of_v1("compat-history");
    let loaded = HistoryStore::new(dir.path()).load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.attempts.len(), 1);
    let attempt = &loaded.attempts[0];
    assert_eq!(attempt.mode, Mode::Mock);
    assert_eq!(attempt.seed, 3);
    assert_eq!(attempt.answers.len(), 4);
    assert_eq!(attempt.answers[0].chosen, ["4"]);
}

#[test]
fn a_v1_session_resumes_with_every_answer_strike_and_flag() {
    let dir = copy_of_v1("compat-session");
    let bank = fixture("valid");
    let loaded = AutosaveStore::new(dir.path()).load(t0());
    assert!(loaded.notice.is_none(), "{:?}", loaded.notice);
    let saved = loaded.autosave.expect("the v1 autosave loads");
    let restored = saved.session.restore(&bank, t0()).expect("it restores");
    assert!(restored.dropped.is_empty() && restored.changed.is_empty());
    let session = restored.session;
    assert_eq!(session.len(), 4);
    assert_eq!(session.current, 2);
    let choice = |index: usize| match &session.items[index].response {
        Response::Choice(chosen) => chosen.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(choice(0), BTreeSet::from([0]));
    assert_eq!(choice(1), BTreeSet::from([1]));
    assert_eq!(choice(2), BTreeSet::from([2]));
    assert!(choice(3).is_empty());
    assert!(session.items[0].flagged && !session.items[1].flagged);
    assert_eq!(session.items[1].struck, BTreeSet::from([2]));
    assert_eq!(
        session.items[1].shown.shown_texts(),
        ["Blue", "Green", "Red", "Yellow"]
    );
    // Saved again in today's format, it comes back the same.
    let again = certsim::exam::saved::SavedSession::capture(&session, &bank, t0());
    let json = serde_json::to_string(&again).unwrap();
    assert!(
        !json.contains("matched"),
        "choice questions write no matching field"
    );
    let reread: certsim::exam::saved::SavedSession = serde_json::from_str(&json).unwrap();
    assert_eq!(reread, again);
}
