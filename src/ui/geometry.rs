//! What drawing learned about the screen, kept for the next update: how far the body can
//! scroll, how tall a page is, where each option was drawn, how many grid cells fit on a row.
//! Screens record it while they draw (through `&self`, hence the cells, as gitui's
//! `VerticalScroll` does), so no update ever calls layout code. Until a screen has been
//! drawn nothing scrolls and nothing is clickable: the run loop draws after every event.

use std::cell::{Cell, RefCell};

use ratatui::layout::Rect;

/// The scrollable part of the screen last drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScrollLimits {
    /// The largest offset that still fills the view.
    pub max: u16,
    /// Lines one PgUp / PgDn moves.
    pub page: u16,
}

#[derive(Debug, Default)]
pub struct Geometry {
    scroll: Cell<ScrollLimits>,
    /// Screen rectangles where options were drawn, with the option's shown position.
    option_targets: RefCell<Vec<(Rect, usize)>>,
    grid_columns: Cell<usize>,
}

impl Geometry {
    pub fn scroll(&self) -> ScrollLimits {
        self.scroll.get()
    }

    pub fn record_scroll(&self, max: u16, page: u16) {
        self.scroll.set(ScrollLimits {
            max,
            page: page.max(1),
        });
    }

    /// The option drawn at a cell, if any.
    pub fn option_at(&self, column: u16, row: u16) -> Option<usize> {
        let position = ratatui::layout::Position::new(column, row);
        self.option_targets
            .borrow()
            .iter()
            .find(|(rect, _)| rect.contains(position))
            .map(|&(_, option)| option)
    }

    pub fn record_option_targets(&self, targets: Vec<(Rect, usize)>) {
        *self.option_targets.borrow_mut() = targets;
    }

    /// Cells per row of the review grid (at least 1).
    pub fn grid_columns(&self) -> usize {
        self.grid_columns.get().max(1)
    }

    pub fn record_grid_columns(&self, columns: usize) {
        self.grid_columns.set(columns);
    }

    /// A new frame: forget the last screen's scroll and targets; what this one draws
    /// records its own.
    pub fn clear(&self) {
        self.scroll.set(ScrollLimits::default());
        self.option_targets.borrow_mut().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_is_found_where_it_was_drawn() {
        let geometry = Geometry::default();
        geometry.record_option_targets(vec![
            (Rect::new(1, 5, 40, 2), 0),
            (Rect::new(1, 8, 40, 1), 1),
        ]);
        assert_eq!(geometry.option_at(3, 6), Some(0));
        assert_eq!(geometry.option_at(3, 8), Some(1));
        assert_eq!(geometry.option_at(3, 7), None);
        assert_eq!(geometry.option_at(45, 5), None);
        geometry.clear();
        assert_eq!(geometry.option_at(3, 6), None);
    }

    #[test]
    fn a_page_is_at_least_one_line() {
        let geometry = Geometry::default();
        geometry.record_scroll(10, 0);
        assert_eq!(geometry.scroll(), ScrollLimits { max: 10, page: 1 });
    }
}
