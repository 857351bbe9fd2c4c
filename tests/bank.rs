//! The loader against fixture banks: one malformed bank per rule, each must yield its own
//! error naming the file, the line and the question.

use std::path::{Path, PathBuf};

use certsim::bank::{self, ProblemKind, summary::Summary};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Loads a fixture that must fail with exactly one problem; returns (kind, file name, line, question).
fn single_problem(name: &str) -> (ProblemKind, String, usize, Option<String>) {
    let error = bank::load_dir(&fixture(name)).expect_err("fixture bank must be invalid");
    assert_eq!(error.problems.len(), 1, "{name}: {error}");
    let problem = &error.problems[0];
    let file = Path::new(&problem.location.file)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(
        problem
            .to_string()
            .starts_with(&problem.location.to_string()),
        "a problem is printed file:line:column first: {problem}"
    );
    (
        problem.kind,
        file,
        problem.location.line,
        problem.question.clone(),
    )
}

fn q(id: &str) -> Option<String> {
    Some(id.to_string())
}

#[test]
fn each_malformed_fixture_yields_its_specific_error() {
    use ProblemKind::*;
    let cases = [
        ("syntax-error", Syntax, "questions.toml", 7, None),
        (
            "unknown-key",
            UnknownKey,
            "questions.toml",
            13,
            q("q-alpha-1"),
        ),
        (
            "duplicate-id",
            DuplicateId,
            "questions.toml",
            2,
            q("q-alpha-1"),
        ),
        (
            "unknown-task",
            UnknownTask,
            "questions.toml",
            3,
            q("q-alpha-1"),
        ),
        (
            "topic-of-another-task",
            TopicOfAnotherTask,
            "questions.toml",
            4,
            q("q-alpha-1"),
        ),
        (
            "no-correct-option",
            NoCorrectOption,
            "questions.toml",
            1,
            q("q-alpha-1"),
        ),
        (
            "two-correct-four-options",
            TooFewOptions,
            "questions.toml",
            1,
            q("q-alpha-1"),
        ),
        (
            "duplicate-option-text",
            DuplicateOptionText,
            "questions.toml",
            22,
            q("q-alpha-1"),
        ),
        (
            "empty-prompt",
            EmptyText,
            "questions.toml",
            7,
            q("q-alpha-1"),
        ),
        (
            "non-https-reference",
            BadReference,
            "questions.toml",
            9,
            q("q-alpha-1"),
        ),
        (
            "bad-difficulty",
            BadDifficulty,
            "questions.toml",
            6,
            q("q-alpha-1"),
        ),
        ("broken-exam", BadExamSetting, "exam.toml", 11, None),
        ("bad-kind", BadKind, "questions.toml", 3, q("order-001")),
        (
            "step-in-choice",
            PartOfAnotherKind,
            "questions.toml",
            10,
            q("order-001"),
        ),
        (
            "too-few-pairs",
            TooFewOptions,
            "questions.toml",
            1,
            q("match-001"),
        ),
        (
            "correct-on-step",
            CorrectNotAllowed,
            "questions.toml",
            22,
            q("order-001"),
        ),
        (
            "duplicate-answer",
            DuplicateOptionText,
            "questions.toml",
            23,
            q("match-001"),
        ),
        (
            "unknown-blueprint",
            UnknownBlueprint,
            "questions.toml",
            4,
            q("q-alpha-1"),
        ),
    ];
    for (name, kind, file, line, question) in cases {
        assert_eq!(
            single_problem(name),
            (kind, file.to_string(), line, question),
            "fixture {name}"
        );
    }
}

/// Ordering and matching questions load with their steps and pairs in bank order, and the
/// summary counts every kind.
#[test]
fn ordering_and_matching_questions_load() {
    use certsim::bank::{Body, Kind};
    let bank = bank::load_dir(&fixture("kinds")).unwrap_or_else(|error| panic!("{error}"));
    let kinds: Vec<Kind> = bank.questions.iter().map(|q| q.kind()).collect();
    assert_eq!(kinds, [Kind::Ordering, Kind::Matching, Kind::Choice]);
    let Body::Ordering { steps } = &bank.questions[0].body else {
        panic!("ordering expected")
    };
    assert_eq!(steps.len(), 4);
    assert_eq!(steps[0].text, "Land the raw files in the bucket");
    assert_eq!(bank.questions[0].choose(), 4);
    assert_eq!(
        bank.questions[1].key_texts()[0],
        "Run SQL on files in object storage → Athena"
    );
    let summary = Summary::of(&bank);
    assert_eq!(
        (
            summary.single_answer,
            summary.multiple_response,
            summary.ordering,
            summary.matching
        ),
        (1, 0, 1, 1)
    );
    assert!(summary.to_string().contains("ordering 1 · matching 1"));
}

/// `[[blueprint]]` in exam.toml and `blueprint = [...]` in questions: coverage per official
/// task statement, questions outside its scope per topic, and questions that name none.
#[test]
fn the_blueprint_mapping_is_loaded_and_counted() {
    let bank = bank::load_dir(&fixture("blueprint")).unwrap_or_else(|error| panic!("{error}"));
    let ids: Vec<&str> = bank.exam.blueprint.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["3.3", "1.3"]);
    assert_eq!(bank.exam.blueprint[0].weight, 22.0);
    let mapped: Vec<Option<Vec<String>>> =
        bank.questions.iter().map(|q| q.blueprint.clone()).collect();
    assert_eq!(
        mapped,
        [
            Some(vec!["3.3".to_string(), "1.3".to_string()]),
            Some(vec![]),
            Some(vec!["3.3".to_string()]),
            None,
        ]
    );
    let summary = Summary::of(&bank);
    let coverage: Vec<(&str, usize)> = summary
        .blueprint
        .iter()
        .map(|b| (b.id.as_str(), b.questions))
        .collect();
    assert_eq!(coverage, [("3.3", 2), ("1.3", 1)]);
    assert_eq!(summary.out_of_scope(), 1);
    assert_eq!(summary.tasks[0].topics[0].out_of_scope, 1);
    assert_eq!(summary.unmapped, 1);
    let text = summary.to_string();
    assert!(
        text.contains("2  3.3 Maintain and monitor data pipelines"),
        "{text}"
    );
    assert!(text.contains("1 outside the official exam guide"), "{text}");
    assert!(
        text.contains("1 questions name no official task statement"),
        "{text}"
    );
}

#[test]
fn a_blueprint_needs_a_declared_list() {
    let dir = std::env::temp_dir().join(format!("certsim-blueprint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exam = std::fs::read_to_string(fixture("unknown-task").join("exam.toml")).unwrap();
    let questions = std::fs::read_to_string(fixture("unknown-blueprint").join("questions.toml"))
        .unwrap()
        .replace("blueprint = [\"3.3\", \"9.9\"]", "blueprint = [\"3.3\"]");
    std::fs::write(dir.join("exam.toml"), exam).unwrap();
    std::fs::write(dir.join("questions.toml"), questions).unwrap();
    let result = bank::load_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let error = result.unwrap_err();
    assert_eq!(error.problems.len(), 1, "{error}");
    assert_eq!(error.problems[0].kind, ProblemKind::UnknownBlueprint);
    assert!(
        error.problems[0]
            .to_string()
            .contains("exam.toml declares no [[blueprint]]"),
        "{error}"
    );
}

#[test]
fn an_unknown_key_suggests_the_key_that_was_meant() {
    let error = bank::load_dir(&fixture("unknown-key")).unwrap_err();
    let text = error.problems[0].to_string();
    assert!(text.contains("unknown key `corect`"), "{text}");
    assert!(text.contains("did you mean `correct`"), "{text}");
}

#[test]
fn a_syntax_error_keeps_the_parsers_excerpt() {
    let error = bank::load_dir(&fixture("syntax-error")).unwrap_err();
    let problem = &error.problems[0];
    assert_eq!(problem.location.column, 52);
    let excerpt = problem
        .excerpt
        .as_deref()
        .expect("syntax errors carry an excerpt");
    assert!(
        excerpt.contains("prompt = \"Which letter comes first"),
        "{excerpt}"
    );
    assert!(excerpt.contains('^'), "{excerpt}");
}

#[test]
fn a_duplicate_id_names_where_it_was_first_used() {
    let error = bank::load_dir(&fixture("duplicate-id")).unwrap_err();
    let text = error.problems[0].to_string();
    assert!(text.contains("more.toml:2:6"), "{text}");
}

#[test]
fn a_bank_with_several_problems_reports_all_of_them_in_file_order() {
    let error = bank::load_dir(&fixture("several-problems")).unwrap_err();
    let found: Vec<_> = error
        .problems
        .iter()
        .map(|p| (p.kind, p.location.line, p.question.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (ProblemKind::UnknownTask, 3, q("q-alpha-1")),
            (ProblemKind::BadDifficulty, 6, q("q-alpha-1")),
            (ProblemKind::UnknownKey, 48, q("q-beta-1")),
        ]
    );
    assert!(
        error
            .to_string()
            .ends_with("3 problems in the question bank")
    );
}

#[test]
fn a_missing_folder_is_an_io_problem_naming_it() {
    let error = bank::load_dir(&fixture("no-such-bank")).unwrap_err();
    assert_eq!(error.problems[0].kind, ProblemKind::Io);
    assert!(error.problems[0].location.file.ends_with("no-such-bank"));
}

#[test]
fn the_valid_fixture_loads_with_its_summary() {
    let bank = bank::load_dir(&fixture("valid")).expect("valid fixture");
    assert_eq!(bank.exam.id, "fixture-exam");
    assert_eq!(bank.questions.len(), 4);
    let summary = Summary::of(&bank);
    assert_eq!(summary.multiple_response, 1);
    assert_eq!(summary.difficulty, [1, 2, 1]);
    assert_eq!(summary.empty_topics(), vec![("1.2", "delta")]);
    let beta = bank.question("q-beta-1").unwrap();
    assert!(beta.is_multiple_response());
    assert_eq!(beta.choose(), 2);
}

#[test]
fn the_content_hash_depends_on_content_not_on_where_the_bank_lives() {
    let from_dir = bank::load_dir(&fixture("valid")).unwrap();
    let files = bank::read_dir_files(&fixture("valid")).unwrap();
    let moved: Vec<_> = files
        .iter()
        .map(|f| bank::BankFile {
            name: f.name.replace("tests/fixtures/valid", "elsewhere/bank"),
            text: f.text.clone(),
        })
        .collect();
    assert_eq!(
        bank::load_files(moved).unwrap().content_hash,
        from_dir.content_hash
    );
    let mut changed = files.clone();
    changed[1].text.push_str("\n# edited\n");
    assert_ne!(
        bank::load_files(changed).unwrap().content_hash,
        from_dir.content_hash
    );
}

#[test]
fn random_garbage_never_panics_and_always_has_a_location() {
    let exam = std::fs::read_to_string(fixture("valid/exam.toml")).unwrap();
    let questions = std::fs::read_to_string(fixture("valid/questions.toml")).unwrap();
    // Truncating the file at every 37th byte exercises many half-written states.
    for cut in (0..questions.len())
        .step_by(37)
        .filter(|&i| questions.is_char_boundary(i))
    {
        let files = vec![
            bank::BankFile {
                name: "b/exam.toml".into(),
                text: exam.clone(),
            },
            bank::BankFile {
                name: "b/q.toml".into(),
                text: questions[..cut].to_string(),
            },
        ];
        if let Err(error) = bank::load_files(files) {
            for problem in error.problems {
                assert!(problem.location.line >= 1 && problem.location.column >= 1);
            }
        }
    }
}

#[test]
fn the_embedded_bank_is_valid() {
    let bank = certsim::embedded::load().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(bank.exam.id, "aws-dea-domain4");
    let topics: Vec<usize> = bank.exam.tasks.iter().map(|t| t.topics.len()).collect();
    assert_eq!(
        topics,
        vec![21, 22, 19],
        "one topic per knowledge area of the study guide"
    );
    for task in &bank.exam.tasks {
        let count = bank.questions.iter().filter(|q| q.task == task.id).count();
        assert!(count >= 5, "task {} has only {count} questions", task.id);
    }
}

/// What start-up decodes is exactly what the sources load to, content hash included (so
/// history made before the build-time conversion still matches).
#[test]
fn the_embedded_bank_decodes_to_what_its_sources_load_to() {
    let decoded = certsim::embedded::load().unwrap_or_else(|error| panic!("{error}"));
    let parsed =
        bank::load_files(certsim::embedded::files()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(decoded, parsed);
}

/// The content bar of the shipped bank: every task statement at least 120 questions, every
/// topic at least 5, at least a quarter multiple-response and a quarter hard, every question
/// mapped to the official exam guide, the option counts the exam uses, and text that draws
/// cleanly (no control characters, no Markdown emphasis).
#[test]
fn the_shipped_bank_meets_the_content_bar() {
    let bank = certsim::embedded::load().unwrap_or_else(|error| panic!("{error}"));
    let summary = Summary::of(&bank);
    for task in &summary.tasks {
        assert!(
            task.questions >= 120,
            "task {} has {} questions",
            task.id,
            task.questions
        );
        assert!(
            task.multiple_response * 4 >= task.questions,
            "task {}: {} of {} multiple-response",
            task.id,
            task.multiple_response,
            task.questions
        );
        let hard = bank
            .questions
            .iter()
            .filter(|q| q.task == task.id && q.difficulty == Some(certsim::bank::Difficulty::Hard))
            .count();
        assert!(
            hard * 4 >= task.questions,
            "task {}: {hard} of {} hard",
            task.id,
            task.questions
        );
        for topic in &task.topics {
            assert!(
                topic.questions >= 5,
                "topic {} has {} questions",
                topic.id,
                topic.questions
            );
        }
    }
    assert_eq!(
        summary.unmapped, 0,
        "every question names its official task statements"
    );
    for question in &bank.questions {
        let options = question.options().len();
        if question.is_multiple_response() {
            assert!(
                (5..=6).contains(&options),
                "{}: {options} options",
                question.id
            );
        } else {
            assert_eq!(
                options, 4,
                "{}: single-answer questions have 4 options",
                question.id
            );
        }
        let texts = std::iter::once(&question.prompt)
            .chain(std::iter::once(&question.explanation))
            .chain(question.options().iter().flat_map(|o| [&o.text, &o.why]));
        for text in texts {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{}: control character in {text:?}",
                question.id
            );
            assert!(
                !markdown_emphasis(text),
                "{}: Markdown in {text:?}",
                question.id
            );
        }
        assert!(
            question
                .references
                .iter()
                .all(|r| r.starts_with("https://docs.aws.amazon.com/")
                    || r.starts_with("https://aws.amazon.com/")),
            "{}: references must be official AWS pages: {:?}",
            question.id,
            question.references
        );
    }
}

/// `**word**`-style emphasis; a glob such as `**/_manifests/**` is not emphasis.
fn markdown_emphasis(text: &str) -> bool {
    text.match_indices("**").any(|(at, _)| {
        let after = text[at + 2..].chars().next();
        after.is_some_and(char::is_alphanumeric)
            && text[at + 2..].split_once("**").is_some_and(|(inside, _)| {
                inside.chars().last().is_some_and(char::is_alphanumeric) && !inside.contains('\n')
            })
    })
}

#[test]
fn emphasis_is_told_from_a_glob() {
    assert!(markdown_emphasis("Use **Amazon S3** here"));
    assert!(!markdown_emphasis(
        "exclude **/_manifests/** from the crawl"
    ));
    assert!(!markdown_emphasis("a * b ** c"));
}

/// No cue but the knowledge: in the shipped bank the answer key's length gives nothing away.
/// Single answer: the key is the longest option in at most 30% of questions, within ±20% of
/// the mean distractor length in at least 80%, and no length rank (longest, second, third,
/// shortest) holds more than 35% of keys — avoiding the longest option must not pay either.
/// Multiple response: keys are not longer on average than distractors.
#[test]
fn the_shipped_bank_has_no_length_cue() {
    let bank = certsim::embedded::load().unwrap_or_else(|error| panic!("{error}"));
    let length = |text: &str| text.chars().count();
    let (mut single, mut longest, mut near, mut ranks) = (0usize, 0usize, 0usize, [0usize; 4]);
    let (mut key_total, mut keys, mut other_total, mut others) = (0usize, 0usize, 0usize, 0usize);
    for question in &bank.questions {
        if question.is_multiple_response() {
            for option in question.options() {
                if option.correct {
                    key_total += length(&option.text);
                    keys += 1;
                } else {
                    other_total += length(&option.text);
                    others += 1;
                }
            }
            continue;
        }
        single += 1;
        let key = question
            .options()
            .iter()
            .find(|o| o.correct)
            .map(|o| length(&o.text));
        let key = key.unwrap_or_else(|| panic!("{}: no key", question.id));
        let distractors: Vec<usize> = question
            .options()
            .iter()
            .filter(|o| !o.correct)
            .map(|o| length(&o.text))
            .collect();
        if distractors.iter().all(|&d| key >= d) {
            longest += 1;
        }
        let mean = distractors.iter().sum::<usize>() as f64 / distractors.len() as f64;
        if (key as f64 - mean).abs() <= 0.2 * mean {
            near += 1;
        }
        ranks[distractors.iter().filter(|&&d| d > key).count().min(3)] += 1;
    }
    assert!(single > 0 && keys > 0);
    let share = |n: usize| n as f64 / single as f64;
    assert!(
        share(longest) <= 0.30,
        "key longest in {longest} of {single}"
    );
    assert!(share(near) >= 0.80, "key within ±20% in {near} of {single}");
    for (rank, &count) in ranks.iter().enumerate() {
        assert!(
            share(count) <= 0.35,
            "length rank {rank} holds {count} of {single} keys: {ranks:?}"
        );
    }
    let key_mean = key_total as f64 / keys as f64;
    let other_mean = other_total as f64 / others as f64;
    assert!(
        key_mean <= other_mean,
        "multiple response: keys average {key_mean:.0} characters, distractors {other_mean:.0}"
    );
}

/// A personal bank may leave out everything but the question itself: no why, explanation,
/// references, difficulty, services or topics. It loads; what it lacks is listed (the
/// warnings of `validate`, the errors of `validate --strict`).
#[test]
fn a_personal_bank_may_leave_out_what_the_shipped_bank_requires() {
    let exam = "id = \"mine\"\ntitle = \"My exam\"\n[mock]\nquestions = 2\nminutes = 4\n\
                [scoring]\nmin = 0\nmax = 100\npass = 70\n\
                [[task]]\nid = \"1\"\ntitle = \"Everything\"\nweight = 1\n";
    let questions = "[[question]]\nid = \"q1\"\ntask = \"1\"\nprompt = \"Which is right?\"\n\
                     [[question.option]]\ntext = \"This\"\ncorrect = true\n\
                     [[question.option]]\ntext = \"That\"\ncorrect = false\n\
                     [[question.option]]\ntext = \"The other\"\ncorrect = false\n\
                     [[question.option]]\ntext = \"None\"\ncorrect = false\n";
    let files = vec![
        certsim::bank::BankFile {
            name: "mine/exam.toml".into(),
            text: exam.into(),
        },
        certsim::bank::BankFile {
            name: "mine/questions.toml".into(),
            text: questions.into(),
        },
    ];
    let bank = certsim::bank::load_files(files).unwrap_or_else(|e| panic!("{e}"));
    let question = &bank.questions[0];
    assert_eq!(question.topic, "");
    assert_eq!(question.difficulty, None);
    assert!(question.explanation.is_empty() && question.references.is_empty());
    let missing = certsim::bank::lint::missing(&bank);
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing[0].contains("task 1: no topics"), "{missing:?}");
    assert!(
        missing[1].starts_with("mine/questions.toml:1:1: question q1: lacks a difficulty, services, an explanation, references, a why for option A, option B, option C, option D"),
        "{missing:?}"
    );
    // The shipped bank keeps the strict bar.
    let shipped = certsim::embedded::load().unwrap();
    assert_eq!(certsim::bank::lint::missing(&shipped), Vec::<String>::new());
}
