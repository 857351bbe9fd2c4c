//! What keys do after an exam: the results screen and stepping through the review.

use super::super::keymap::Action;
use super::{App, ReviewFilter, ReviewState, Screen, Tone, scrolled};

impl App {
    pub(super) fn results(&mut self, action: Action) {
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        let filter = match action {
            Action::ReviewAll => ReviewFilter::All,
            Action::ReviewMissed => ReviewFilter::Missed,
            Action::ReviewFlagged => ReviewFilter::Flagged,
            Action::Quit => {
                self.screen = Screen::Home { selected: 0 };
                return;
            }
            _ => return,
        };
        let session = &results.session;
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
            self.say(text, Tone::Info);
            return;
        }
        results.review = Some(ReviewState {
            filter,
            indices,
            position: 0,
            scroll: 0,
        });
    }

    pub(super) fn review(&mut self, action: Action) {
        let limits = self.geometry.scroll();
        let Screen::Results(results) = &mut self.screen else {
            return;
        };
        let Some(review) = &mut results.review else {
            return;
        };
        match action {
            Action::Next if review.position + 1 < review.indices.len() => {
                review.position += 1;
                review.scroll = 0;
            }
            Action::Previous if review.position > 0 => {
                review.position -= 1;
                review.scroll = 0;
            }
            Action::Next => self.say("This is the last question of the review", Tone::Info),
            Action::Previous => self.say("This is the first question of the review", Tone::Info),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                review.scroll = scrolled(review.scroll, action, limits.page, limits.max);
            }
            Action::Back | Action::Quit => results.review = None,
            _ => {}
        }
    }
}
