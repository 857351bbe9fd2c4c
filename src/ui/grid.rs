//! The review grid before submitting, pushed over the exam's question screen: every
//! question as a numbered cell marked answered, incomplete (some but not all of what it
//! takes, scored wrong as on the real exam), unanswered or flagged, with a filter.
//! Choosing a cell moves the exam beneath to that question and closes the grid.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::exam::Progress;
use crate::exam::timer::format_clock;

use super::chrome;
use super::keymap::{Action, Context};
use super::question::ExamScreen;
use super::theme::Theme;
use super::transition::{Ctx, Overlay, QuitKind, Transition};
use super::view::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridFilter {
    All,
    /// Unanswered or incomplete.
    NotDone,
    Flagged,
}

impl GridFilter {
    pub fn label(self) -> &'static str {
        match self {
            GridFilter::All => "all",
            GridFilter::NotDone => "not done",
            GridFilter::Flagged => "flagged",
        }
    }

    fn next(self) -> GridFilter {
        match self {
            GridFilter::All => GridFilter::NotDone,
            GridFilter::NotDone => GridFilter::Flagged,
            GridFilter::Flagged => GridFilter::All,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridScreen {
    /// The question index under the cursor.
    pub cursor: usize,
    pub filter: GridFilter,
}

impl GridScreen {
    /// The grid over `exam`, its cursor on the current question, showing all.
    pub fn new(exam: &ExamScreen) -> GridScreen {
        GridScreen {
            cursor: exam.session.current,
            filter: GridFilter::All,
        }
    }

    /// The question indices the grid shows under its filter.
    pub fn indices(&self, exam: &ExamScreen) -> Vec<usize> {
        let session = &exam.session;
        (0..session.len())
            .filter(|&i| match self.filter {
                GridFilter::All => true,
                GridFilter::NotDone => !session.is_done(i),
                GridFilter::Flagged => session.item(i).flagged,
            })
            .collect()
    }

    pub fn update(
        &mut self,
        exam: &mut ExamScreen,
        ctx: &mut Ctx<'_>,
        action: Action,
    ) -> Transition {
        let columns = ctx.grid_columns;
        let visible = self.indices(exam);
        let position = visible.iter().position(|&i| i == self.cursor);
        let moved = |offset: isize| -> Option<usize> {
            let here = position? as isize;
            let there = here + offset;
            (0..visible.len() as isize)
                .contains(&there)
                .then(|| visible[there as usize])
        };
        match action {
            Action::Left => self.cursor = moved(-1).unwrap_or(self.cursor),
            Action::Right => self.cursor = moved(1).unwrap_or(self.cursor),
            Action::Up => self.cursor = moved(-(columns as isize)).unwrap_or(self.cursor),
            Action::Down => self.cursor = moved(columns as isize).unwrap_or(self.cursor),
            Action::CycleFilter => {
                self.filter = self.filter.next();
                let visible = self.indices(exam);
                if !visible.contains(&self.cursor) {
                    self.cursor = visible.first().copied().unwrap_or(exam.session.current);
                }
            }
            Action::Choose if position.is_some() => {
                exam.go_to(self.cursor, ctx.now);
                return Transition::Pop;
            }
            Action::Back => return Transition::Pop,
            Action::Submit => return exam.ask_submit(),
            Action::Quit => return Transition::Overlay(Overlay::Quit(QuitKind::Exam)),
            _ => {}
        }
        Transition::Stay
    }
}

/// Each cell is ` 12 ✓⚑ ` wide.
const CELL_WIDTH: u16 = 8;

/// How many cells fit across a terminal `width` columns wide.
fn columns(width: u16) -> usize {
    usize::from((width.saturating_sub(2) / CELL_WIDTH).max(1))
}

pub fn render(
    view: &View<'_>,
    grid: &GridScreen,
    exam: &ExamScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
) {
    let session = &exam.session;
    let page = chrome::Page::new(area, true);
    let [summary, below_summary, cells, legend] = page.body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let remaining = session
        .remaining(view.now)
        .map(|left| format!("⏱ {}", format_clock(left)))
        .unwrap_or_default();
    page.title(
        "Review grid",
        Line::styled(remaining, theme.title()),
        buf,
        theme,
    );
    let counts = format!(
        " {} answered · {} incomplete · {} unanswered · {} flagged   ",
        session.answered_count(),
        session.incomplete_count(),
        session.unanswered_count(),
        session.flagged_count()
    );
    let showing = Span::styled(format!("showing: {}", grid.filter.label()), theme.title());
    // On a narrow window the filter goes on the line below the counts, not off the edge.
    if crate::width::columns(&counts) + showing.width() <= usize::from(summary.width) {
        Line::from(vec![Span::raw(counts), showing]).render(summary, buf);
    } else {
        Line::raw(counts).render(summary, buf);
        Line::from(vec![Span::raw(" "), showing]).render(below_summary, buf);
    }

    let visible = grid.indices(exam);
    let per_row = columns(area.width);
    view.geometry.record_grid_columns(per_row);
    let mut rows: Vec<Line> = Vec::new();
    for chunk in visible.chunks(per_row) {
        let mut spans = vec![Span::raw(" ")];
        for &index in chunk {
            let progress = session.progress(index);
            let answered = progress != Progress::Unanswered;
            let flagged = session.item(index).flagged;
            let text = format!(
                " {:>3} {}{} ",
                index + 1,
                match progress {
                    Progress::Complete => '✓',
                    Progress::Incomplete => '◐',
                    Progress::Unanswered => '·',
                },
                if flagged { '⚑' } else { ' ' }
            );
            let style = if index == grid.cursor {
                theme.selected()
            } else if flagged {
                theme.warn()
            } else if answered {
                theme.chosen()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(text, style));
        }
        rows.push(Line::from(spans));
        rows.push(Line::from(""));
    }
    if visible.is_empty() {
        rows.push(Line::styled(
            format!(
                " No question shows under \"{}\". Tab changes the filter.",
                grid.filter.label()
            ),
            theme.dim(),
        ));
    }
    // Keep the cursor's row in view on small screens.
    let cursor_row = visible
        .iter()
        .position(|&i| i == grid.cursor)
        .map_or(0, |p| (p / per_row) as u16 * 2);
    let scroll = cursor_row.saturating_sub(cells.height.saturating_sub(2));
    Paragraph::new(rows).scroll((scroll, 0)).render(cells, buf);
    let legend_text = [
        " ✓ answered   ◐ incomplete   · unanswered   ⚑ flagged for review",
        " ✓ answered  ◐ incomplete  · unanswered  ⚑ flagged",
    ]
    .into_iter()
    .find(|text| crate::width::columns(text) <= usize::from(legend.width))
    .unwrap_or(" ✓ done ◐ part · none ⚑ flag");
    Line::styled(legend_text, theme.dim()).render(legend, buf);
    page.finish(view.message, None, Context::Grid, buf, theme);
}
