//! The keymap table against its promises: documented keys, no conflicts, global keys
//! everywhere, labels derived from keys.

use super::*;

#[test]
fn the_documented_keys_map_to_their_actions() {
    use Action::{
        Back, Choose, CycleFilter, Digit, Down, ForceQuit, Next, No, OpenGrid, PageDown, Previous,
        Quit, ReviewAll, ReviewFlagged, ReviewMissed, Right, StrikeOption, Submit, ToggleFlag,
        ToggleOption, Up, Yes,
    };
    let cases: &[(Context, &str, Option<Action>)] = &[
        (Question, "a", Some(ToggleOption(0))),
        (Question, "h", Some(ToggleOption(7))),
        (Question, "1", Some(Action::Number(0))),
        (Question, "8", Some(Action::Number(7))),
        (Question, "i", None),
        (Question, "A", Some(StrikeOption(0))),
        (Question, "H", Some(StrikeOption(7))),
        (Question, "n", Some(Next)),
        (Question, "→", Some(Next)),
        (Question, "p", Some(Previous)),
        (Question, "←", Some(Previous)),
        (Question, "m", Some(ToggleFlag)),
        (Question, "r", Some(OpenGrid)),
        (Question, "s", Some(Submit)),
        (Question, "?", Some(Action::Help)),
        (Question, "q", Some(Quit)),
        (Question, "PgDn", Some(PageDown)),
        (Grid, "s", Some(Submit)),
        (Grid, "Enter", Some(Choose)),
        (Grid, "Tab", Some(CycleFilter)),
        (Grid, "↑", Some(Up)),
        (Grid, "→", Some(Right)),
        (Grid, "Esc", Some(Back)),
        (Confirm, "y", Some(Yes)),
        (Confirm, "n", Some(No)),
        (Confirm, "Esc", Some(No)),
        (Confirm, "q", None),
        (Results, "a", Some(ReviewAll)),
        (Results, "m", Some(ReviewMissed)),
        (Results, "f", Some(ReviewFlagged)),
        (Review, "n", Some(Next)),
        (Review, "←", Some(Previous)),
        (Review, "Esc", Some(Back)),
        (Home, "j", Some(Down)),
        (Home, "k", Some(Up)),
        (Home, "Enter", Some(Choose)),
        (Setup, "5", Some(Digit(5))),
        (Setup, "→", Some(Right)),
        (Setup, "↑", Some(Action::PrevField)),
        (Setup, "↓", Some(Action::NextField)),
        (Practice, "a", Some(ToggleOption(0))),
        (Practice, "Enter", Some(Choose)),
        (Practice, "n", Some(Next)),
        (Practice, "m", None),
        (Summary, "Enter", Some(Back)),
        (History, "↓", Some(Down)),
        (History, "Esc", Some(Back)),
        (Resume, "r", Some(Action::Resume)),
        (Resume, "d", Some(Action::Discard)),
        (Context::Help, "?", Some(Back)),
        (Review, "Ctrl-C", Some(ForceQuit)),
    ];
    for &(context, key, expected) in cases {
        let event = parse_key(key).unwrap();
        assert_eq!(action_for(context, &event), expected, "{context:?} {key}");
    }
}

/// Every key bound anywhere, probed in every context: no key means two things.
#[test]
fn no_key_means_two_things_in_one_context() {
    let probes: Vec<KeyEvent> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().flat_map(|k| k.events()))
        .collect();
    assert!(probes.len() > 60, "{} probes", probes.len());
    for context in Context::ALL {
        for event in &probes {
            let matching: Vec<_> = bindings_for(context)
                .filter(|b| b.keys.iter().any(|k| k.matches(event).is_some()))
                .map(|b| b.description_in(context))
                .collect();
            assert!(matching.len() <= 1, "{context:?} {event:?}: {matching:?}");
        }
    }
}

#[test]
fn every_context_has_help_a_footer_and_the_global_keys() {
    for context in Context::ALL {
        assert!(bindings_for(context).count() > 0, "{context:?}");
        assert!(!footer_hints(context).is_empty(), "{context:?}");
        let ctrl_c = parse_key("Ctrl-C").unwrap();
        assert_eq!(action_for(context, &ctrl_c), Some(Action::ForceQuit));
        if context != Help {
            assert_eq!(
                action_for(context, &parse_key("?").unwrap()),
                Some(Action::Help),
                "{context:?}"
            );
        }
        if !context.is_overlay() {
            assert_eq!(
                action_for(context, &parse_key("q").unwrap()),
                Some(Action::Quit)
            );
        }
    }
    assert!(footer_hints(Question).contains(&("m".to_string(), "flag")));
    assert!(footer_hints(Question).contains(&("n".to_string(), "next")));
}

#[test]
fn all_contexts_are_listed_once_in_order() {
    for (index, context) in Context::ALL.iter().enumerate() {
        assert_eq!(*context as usize, index);
    }
}

/// Labels come from the keys: each binding's label parses back to its keys' events.
#[test]
fn labels_are_derived_from_the_keys() {
    let label = |context: Context, action: Action| {
        bindings_for(context)
            .find(|b| matches!(b.act, Fixed(a) if a == action))
            .map(|b| b.label())
            .unwrap()
    };
    assert_eq!(label(Grid, Action::Back), "Esc/r");
    assert_eq!(label(Setup, Action::NextField), "↓/Tab");
    assert_eq!(label(Setup, Action::Left), "←/-");
    assert_eq!(label(Context::Help, Action::Back), "?/Esc/q");
    for binding in BINDINGS {
        for keys in binding.keys {
            if let Keys::Char(_) | Keys::Code(_) | Keys::CtrlC = keys {
                let parsed = parse_key(&keys.label()).unwrap();
                assert_eq!(keys.events(), [parsed], "{}", binding.description);
            }
        }
    }
}
