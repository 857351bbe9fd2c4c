//! The screens, as one enum the app keeps in a stack: the top one takes the keys and is
//! drawn; a pushed screen (the review grid over the exam, the review over the results)
//! reads and changes the one beneath it. Each screen's state, update and drawing live in its
//! own module; this one only routes to them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::drill_setup::{self, DrillSetup};
use super::grid::{self, GridScreen};
use super::history::{self, HistoryScreen};
use super::home::{self, HomeScreen};
use super::keymap::{Action, Context};
use super::practice::{self, PracticeScreen};
use super::question::{self, ExamScreen};
use super::results::{self, ResultsScreen};
use super::review::{self, ReviewState};
use super::settings::{self, SettingsScreen};
use super::setup::{self, Setup};
use super::summary::{self, PracticeSummary};
use super::theme::Theme;
use super::transition::{Ctx, Transition};
use super::view::View;

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Home(HomeScreen),
    Setup(Setup),
    Exam(Box<ExamScreen>),
    /// Pushed over `Exam`.
    Grid(GridScreen),
    Results(Box<ResultsScreen>),
    /// Pushed over `Results` or `Summary`.
    Review(ReviewState),
    DrillSetup(DrillSetup),
    Settings(SettingsScreen),
    Practice(Box<PracticeScreen>),
    Summary(Box<PracticeSummary>),
    History(HistoryScreen),
}

impl Screen {
    /// Where the keymap finds this screen's keys.
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(_) => Context::Home,
            Screen::Setup(_) => Context::Setup,
            Screen::DrillSetup(_) => Context::DrillSetup,
            Screen::Settings(_) => Context::Settings,
            Screen::Exam(_) => Context::Question,
            Screen::Grid(_) => Context::Grid,
            Screen::Results(_) => Context::Results,
            Screen::Review(_) => Context::Review,
            Screen::Practice(practice) if practice.is_checked() => Context::Feedback,
            Screen::Practice(_) => Context::Practice,
            Screen::Summary(_) => Context::Summary,
            Screen::History(_) => Context::History,
        }
    }
}

/// The top screen's update; a pushed screen gets the one beneath it.
pub fn update(stack: &mut [Screen], ctx: &mut Ctx<'_>, action: Action) -> Transition {
    let Some((top, below)) = stack.split_last_mut() else {
        return Transition::Stay;
    };
    match (top, below.last_mut()) {
        (Screen::Home(home), _) => home.update(ctx, action),
        (Screen::Setup(setup), _) => setup.update(ctx, action),
        (Screen::Exam(exam), _) => exam.update(ctx, action),
        (Screen::Grid(grid), Some(Screen::Exam(exam))) => grid.update(exam, ctx, action),
        (Screen::Results(results), _) => results.update(ctx, action),
        (Screen::Review(review), Some(Screen::Results(_) | Screen::Summary(_))) => {
            review.update(ctx, action)
        }
        (Screen::DrillSetup(setup), _) => setup.update(ctx, action),
        (Screen::Settings(settings), _) => settings.update(ctx, action),
        (Screen::Practice(practice), _) => practice.update(ctx, action),
        (Screen::Summary(summary), _) => summary.update(ctx, action),
        (Screen::History(history), _) => history.update(ctx, action),
        // A pushed screen without its screen beneath has nothing to show: close it.
        (Screen::Grid(_) | Screen::Review(_), _) => Transition::Pop,
    }
}

/// Draws the top screen (a pushed screen with the one beneath it).
pub fn render(stack: &[Screen], view: &View<'_>, area: Rect, buf: &mut Buffer, theme: Theme) {
    let Some((top, below)) = stack.split_last() else {
        return;
    };
    match (top, below.last()) {
        (Screen::Home(home), _) => home::render(view, home, area, buf, theme),
        (Screen::Setup(setup), _) => setup::render(view, setup, area, buf, theme),
        (Screen::Exam(exam), _) => question::render(view, exam, area, buf, theme),
        (Screen::Grid(grid), Some(Screen::Exam(exam))) => {
            grid::render(view, grid, exam, area, buf, theme)
        }
        (Screen::Results(results), _) => results::render(view, results, area, buf, theme),
        (Screen::Review(review), Some(Screen::Results(results))) => {
            review::render(view, review, &results.session, area, buf, theme)
        }
        (Screen::Review(review), Some(Screen::Summary(summary))) => {
            review::render(view, review, &summary.session, area, buf, theme)
        }
        (Screen::DrillSetup(setup), _) => drill_setup::render(view, setup, area, buf, theme),
        (Screen::Settings(settings), _) => settings::render(view, settings, area, buf, theme),
        (Screen::Practice(practice), _) => practice::render(view, practice, area, buf, theme),
        (Screen::Summary(summary), _) => summary::render(view, summary, area, buf, theme),
        (Screen::History(history), _) => history::render(view, history, area, buf, theme),
        (Screen::Grid(_) | Screen::Review(_), _) => {}
    }
}
