use super::*;

const SAMPLE: &str = "// a comment line\n\
$CATEGORY: $course$/4.1/cloudwatch\n\
\n\
// certsim-difficulty: hard\n\
::Alarm one::Which alarm\n\
fires on \\{5\\} errors\\: now? {\n\
  =Metric alarm #counts errors\n\
  ~Composite alarm #combines alarms\n\
  ~Log group # stores logs\n\
  ~Dashboard\n\
  ####Metric alarms watch one metric.\n\
}\n\
\n\
::Two::Pick two {~%50%A#yes ~%50%B ~%-100%C ~%-100%D ~%-100%E}\n\
\n\
::Essay::Tell me about it {}\n\
\n\
True or false? {T#right}\n\
\n\
::num::How many? {#4:1}\n\
\n\
Match {=a -> 1 =b -> 2 =c -> 3}\n\
\n\
Name it {=S3 =Simple Storage Service}\n\
\n\
Just a description\n";

#[test]
fn choice_questions_with_feedback_titles_and_categories() {
    let read = read(SAMPLE).unwrap();
    assert_eq!(read.drafts.len(), 2);
    let first = &read.drafts[0];
    assert_eq!(first.line, 5);
    assert_eq!(first.name.as_deref(), Some("Alarm one"));
    assert_eq!(first.prompt, "Which alarm\nfires on {5} errors: now?");
    assert_eq!(first.task.as_deref(), Some("4.1"));
    assert_eq!(first.topic.as_deref(), Some("cloudwatch"));
    assert_eq!(first.difficulty.as_deref(), Some("hard"));
    assert_eq!(
        first.explanation.as_deref(),
        Some("Metric alarms watch one metric.")
    );
    let texts: Vec<&str> = first.options.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Metric alarm", "Composite alarm", "Log group", "Dashboard"]
    );
    assert!(first.options[0].correct && !first.options[1].correct);
    assert_eq!(first.options[0].why.as_deref(), Some("counts errors"));
    assert_eq!(first.options[2].why.as_deref(), Some("stores logs"));
    assert_eq!(first.options[3].why, None);

    let second = &read.drafts[1];
    let correct: Vec<bool> = second.options.iter().map(|o| o.correct).collect();
    assert_eq!(correct, [true, true, false, false, false]);
    assert_eq!(
        second.difficulty, None,
        "comments belong to the question they precede"
    );
}

#[test]
fn other_kinds_are_skipped_with_their_line() {
    let read = read(SAMPLE).unwrap();
    let skipped: Vec<(usize, &str)> = read
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.split(':').next().unwrap_or("")))
        .collect();
    assert_eq!(
        skipped,
        [
            (16, "essay question \"Essay\""),
            (18, "true/false question"),
            (20, "numerical question \"num\""),
            (22, "matching question"),
            (24, "short-answer question"),
            (26, "description question"),
        ]
    );
}

#[test]
fn the_missing_word_form_keeps_the_text_after_the_answers() {
    let read = read("Moodle costs {~lots ~little ~some =nothing} to download.").unwrap();
    assert_eq!(read.drafts[0].prompt, "Moodle costs _____ to download.");
}

#[test]
fn malformed_questions_are_errors_at_their_line() {
    let error = |text: &str| read(text).unwrap_err();
    assert_eq!(
        error("\n\nQuestion {\n=right\n~wrong\n").line,
        5,
        "unclosed block"
    );
    assert_eq!(error("Q {=a ~%x%b}").line, 1, "bad weight");
    assert_eq!(error("Q {=a ~b} and {=c ~d}").line, 1, "two answer blocks");
    let message = error("Q {=a ~%50b}").message;
    assert!(message.contains("% closing the weight"), "{message}");
}
