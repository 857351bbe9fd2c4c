//! The terminal user interface: a thin layer over the engine. One screen per file; keys
//! become actions through `keymap`; drawing only reads the state.

pub mod app;
pub mod chrome;
pub mod confirm;
pub mod drill_setup;
pub mod geometry;
pub mod grid;
pub mod help;
pub mod history;
pub mod home;
pub mod keymap;
pub mod practice;
pub mod question;
pub mod results;
pub mod resume;
pub mod review;
pub mod run;
pub mod setup;
pub mod summary;
pub mod text;
pub mod theme;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen};
use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::from_env();
        self.geometry.clear();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            chrome::too_small(area, buf, theme);
            return;
        }
        match &self.screen {
            Screen::Home { selected } => home::render(self, *selected, area, buf, theme),
            Screen::Setup(setup) => setup::render(self, setup, area, buf, theme),
            Screen::Exam(exam) if exam.view == app::ExamView::Question => {
                question::render(self, exam, area, buf, theme)
            }
            Screen::Exam(exam) => grid::render(self, exam, area, buf, theme),
            Screen::Results(results) => match &results.review {
                Some(review) => review::render(self, results, review, area, buf, theme),
                None => results::render(self, results, area, buf, theme),
            },
            Screen::DrillSetup(setup) => drill_setup::render(self, setup, area, buf, theme),
            Screen::Practice(practice) => practice::render(self, practice, area, buf, theme),
            Screen::Summary(summary) => summary::render(self, summary, area, buf, theme),
            Screen::History { scroll } => history::render(self, *scroll, area, buf, theme),
        }
        match self.overlay {
            Some(Overlay::Help(context)) => help::render(context, area, buf, theme),
            Some(Overlay::Confirm(confirm)) => confirm::render(confirm, area, buf, theme),
            Some(Overlay::Resume) => resume::render(self, area, buf, theme),
            None => {}
        }
    }
}
