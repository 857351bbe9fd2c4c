//! The terminal user interface: a thin layer over the engine. Each screen is one module that
//! owns its state, its update (which returns a `Transition`) and its drawing; the app keeps
//! them in a stack with overlays over it and routes keys, which become actions through
//! `keymap`. Drawing only reads (through a `View`) and records its geometry.

pub mod analytics;
pub mod answering;
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
pub mod quit;
pub mod requested;
pub mod results;
pub mod resume;
pub mod review;
pub mod run;
pub mod screen;
pub mod settings;
pub mod setup;
pub mod summary;
pub mod text;
pub mod theme;
pub mod transition;
pub mod view;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use app::App;
use chrome::{MIN_HEIGHT, MIN_WIDTH};
use theme::Theme;
use transition::Overlay;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut theme = Theme::from_env();
        theme.color &= !self.options.no_color;
        self.geometry.clear();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            chrome::too_small(area, buf, theme);
            return;
        }
        let view = self.view();
        screen::render(&self.stack, &view, area, buf, theme);
        for overlay in &self.overlays {
            match *overlay {
                Overlay::Help { context, scroll } => {
                    help::render(context, scroll, self.view().geometry, area, buf, theme)
                }
                Overlay::Confirm(confirm) => confirm::render(confirm, area, buf, theme),
                Overlay::Resume => resume::render(&view, area, buf, theme),
                Overlay::Quit(kind) => {
                    quit::render(kind, &self.options.resume_command(), area, buf, theme)
                }
            }
        }
    }
}
