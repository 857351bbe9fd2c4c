//! Results: pass/fail, the scaled score against the pass mark, time, seed, a bar per task
//! statement with the pass line, and the weakest topics.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::exam::Tally;
use crate::exam::timer::format_clock;

use crate::exam::Session;
use crate::exam::scoring::Results;

use super::chrome;
use super::keymap::{Action, Context};
use super::text::inert;
use super::theme::Theme;
use super::transition::{Command, Ctx, ReviewFilter, Transition, scrolled};
use super::view::{Tone, View};

/// A bar of `width` cells, filled to `fraction`, with `┃` at the pass line.
fn bar(tally: Tally, pass: f64, width: usize, theme: Theme) -> Vec<Span<'static>> {
    let filled = (tally.fraction() * width as f64).round() as usize;
    let pass_at = ((pass * width as f64).round() as usize).min(width.saturating_sub(1));
    let style = if tally.fraction() >= pass {
        theme.good()
    } else {
        theme.bad()
    };
    (0..width)
        .map(|cell| {
            if cell == pass_at {
                Span::styled("┃", theme.title())
            } else if cell < filled {
                Span::styled("█", style)
            } else {
                Span::styled("░", theme.dim())
            }
        })
        .collect()
}

/// A submitted exam and its score; the review is pushed over it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsScreen {
    pub session: Session,
    pub results: Results,
    /// Lines scrolled off the top: a short window cannot show every section at once.
    pub scroll: u16,
}

impl ResultsScreen {
    pub fn update(&mut self, ctx: &mut Ctx<'_>, action: Action) -> Transition {
        match action {
            Action::Quit | Action::Back => Transition::Pop,
            Action::PageUp | Action::PageDown | Action::Up | Action::Down => {
                self.scroll = scrolled(self.scroll, action, ctx.scroll.page, ctx.scroll.max);
                Transition::Stay
            }
            _ => review_of(&self.session, ctx, action),
        }
    }
}

/// The review a key asks for over a finished session: all, missed or flagged questions (or a
/// message when there are none).
pub fn review_of(session: &Session, ctx: &mut Ctx<'_>, action: Action) -> Transition {
    let filter = match action {
        Action::ReviewAll => ReviewFilter::All,
        Action::ReviewMissed => ReviewFilter::Missed,
        Action::ReviewFlagged => ReviewFilter::Flagged,
        _ => return Transition::Stay,
    };
    let indices: Vec<usize> = (0..session.len())
        .filter(|&i| match filter {
            ReviewFilter::All => true,
            ReviewFilter::Missed => !session.is_correct(i),
            ReviewFilter::Flagged => session.item(i).flagged,
        })
        .collect();
    if indices.is_empty() {
        let text = match filter {
            ReviewFilter::Missed => "No missed questions: every answer was right",
            _ => "No question was flagged for review",
        };
        ctx.say(text, Tone::Info);
        return Transition::Stay;
    }
    Transition::Command(Command::OpenReview { filter, indices })
}

/// The slowest questions a mock exam's results name.
const SLOWEST_SHOWN: usize = 5;

pub fn render(view: &View<'_>, screen: &ResultsScreen, area: Rect, buf: &mut Buffer, theme: Theme) {
    let results = &screen.results;
    let page = chrome::Page::new(area, true);
    let body = page.body;
    page.title(
        &view.bank.exam.title,
        Line::styled("Results", theme.title()),
        buf,
        theme,
    );
    let body = body.inner(ratatui::layout::Margin::new(1, 0));
    let verdict = if results.passed {
        Span::styled(
            " PASS ",
            theme
                .good()
                .add_modifier(ratatui::style::Modifier::REVERSED),
        )
    } else {
        Span::styled(
            " FAIL ",
            theme.bad().add_modifier(ratatui::style::Modifier::REVERSED),
        )
    };
    let time = results.time_text();
    let mut lines = vec![
        Line::from(vec![
            verdict,
            Span::styled(format!("  Scaled score {}", results.scaled), theme.title()),
            Span::raw(format!(
                "  (pass mark {}, scale {}–{})",
                results.scoring.pass, results.scoring.min, results.scoring.max
            )),
        ]),
        Line::from(format!(
            "{} of {} correct ({}%) · {time} · seed {}",
            results.tally.correct,
            results.tally.total,
            results.tally.percent(),
            results.seed
        )),
        Line::from(""),
        Line::from(vec![
            Span::styled("By task statement", theme.title()),
            Span::styled("   ┃ marks the pass line", theme.dim()),
        ]),
    ];
    let bar_width = usize::from(body.width.saturating_sub(16)).clamp(10, 60);
    for task in &results.tasks {
        lines.push(Line::from(crate::width::truncate(
            &inert(&format!("{} {}", task.id, task.title)),
            usize::from(body.width),
        )));
        let mut spans = vec![Span::raw("  ")];
        spans.extend(bar(task.tally, results.pass_fraction(), bar_width, theme));
        spans.push(Span::raw(format!(
            " {:>2}/{:<2} {:>3}%",
            task.tally.correct,
            task.tally.total,
            task.tally.percent()
        )));
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Weakest topics", theme.title()));
    let weakest = results.weakest_topics(3);
    if weakest.is_empty() {
        lines.push(Line::from("  None: every topic was answered right."));
    }
    for topic in weakest {
        lines.push(chrome::topic_score_line(topic, theme.bad(), body.width));
    }

    // The slowest questions, against the exam's pace: where the time went.
    let pace = crate::history::mastery::pace_seconds(view.bank);
    let mut slowest: Vec<(usize, chrono::TimeDelta)> = screen
        .session
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| (index, item.time_spent))
        .filter(|(_, spent)| spent.num_seconds() > 0)
        .collect();
    slowest.sort_by_key(|&(index, spent)| (std::cmp::Reverse(spent), index));
    if !slowest.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "Slowest questions (the exam's pace is {} a question)",
                format_clock(chrono::TimeDelta::seconds(pace.round() as i64))
            ),
            theme.title(),
        ));
        let listed: Vec<String> = slowest
            .iter()
            .take(SLOWEST_SHOWN)
            .map(|&(index, spent)| format!("Q{} {}", index + 1, format_clock(spent)))
            .collect();
        lines.push(Line::from(format!("  {}", listed.join(" · "))));
    }

    if !results.blueprint.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "By official exam guide task statement",
            theme.title(),
        ));
        let scores: Vec<String> = results
            .blueprint
            .iter()
            .map(|b| format!("{} {}/{}", b.id, b.tally.correct, b.tally.total))
            .collect();
        lines.extend(super::text::wrap(
            &inert(&scores.join(" · ")),
            body.width,
            ratatui::style::Style::new(),
        ));
    }
    let scroll = chrome::scroll_paragraph(view.geometry, lines, screen.scroll, body, buf);
    page.finish(view.message, Some(scroll), Context::Results, buf, theme);
}
