//! What keys do while setting up and sitting a mock exam: the setup form, the question
//! screen and the review grid.

use chrono::{DateTime, Utc};

use super::super::keymap::Action;
use super::answering::answer;
use super::{App, Confirm, ExamView, GridFilter, Overlay, Screen, SetupField, Tone, scrolled};

impl App {
    pub(super) fn setup(&mut self, action: Action, now: DateTime<Utc>) {
        let available = self.bank.questions.len() as u32;
        let Screen::Setup(setup) = &mut self.screen else {
            return;
        };
        let value = match setup.field {
            SetupField::Questions => &mut setup.questions,
            SetupField::Minutes => &mut setup.minutes,
        };
        if value.edit(action) {
            return;
        }
        match action {
            Action::NextField | Action::PrevField => {
                setup.field = match setup.field {
                    SetupField::Questions => SetupField::Minutes,
                    SetupField::Minutes => SetupField::Questions,
                };
                match setup.field {
                    SetupField::Questions => setup.questions.enter(),
                    SetupField::Minutes => setup.minutes.enter(),
                }
            }
            Action::Choose => {
                let (questions, minutes) = (setup.questions.value, setup.minutes.value);
                if questions == 0 || questions > available {
                    self.say(
                        format!("Choose between 1 and {available} questions"),
                        Tone::Warning,
                    );
                } else if minutes == 0 {
                    self.say("Allow at least 1 minute", Tone::Warning);
                } else {
                    self.start_exam(questions, minutes, now);
                }
            }
            Action::Back | Action::Quit => self.screen = Screen::Home { selected: 0 },
            _ => {}
        }
    }

    pub(super) fn question(&mut self, action: Action, now: DateTime<Utc>) {
        let limits = self.geometry.scroll();
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let session = &mut exam.session;
        let mut refusal = None;
        match action {
            Action::ToggleOption(_) | Action::Number(_) | Action::StrikeOption(_) => {
                refusal = answer(session, &mut exam.prompt, action);
            }
            Action::Next => {
                if session.next(now) {
                    exam.scroll = 0;
                    exam.prompt = None;
                } else {
                    refusal = Some(
                        "This is the last question: r opens the review grid, s submits".into(),
                    );
                }
            }
            Action::Previous => {
                if session.previous(now) {
                    exam.scroll = 0;
                    exam.prompt = None;
                } else {
                    refusal = Some("This is the first question".into());
                }
            }
            Action::ToggleFlag => session.toggle_flag(),
            Action::OpenGrid => {
                exam.view = ExamView::Grid;
                exam.grid_filter = GridFilter::All;
                exam.grid_cursor = session.current;
            }
            Action::PageUp | Action::PageDown => {
                exam.scroll = scrolled(exam.scroll, action, limits.page, limits.max);
            }
            Action::Submit => self.ask_submit(),
            Action::Quit => self.overlay = Some(Overlay::Confirm(Confirm::QuitExam)),
            _ => {}
        }
        if let Some(text) = refusal {
            self.say(text, Tone::Warning);
        }
    }

    pub(super) fn ask_submit(&mut self) {
        if let Screen::Exam(exam) = &self.screen {
            self.overlay = Some(Overlay::Confirm(Confirm::Submit {
                unanswered: exam.session.unanswered_count(),
                flagged: exam.session.flagged_count(),
            }));
        }
    }

    pub(super) fn grid(&mut self, action: Action, now: DateTime<Utc>) {
        let columns = self.geometry.grid_columns();
        let Screen::Exam(exam) = &mut self.screen else {
            return;
        };
        let visible = exam.grid_indices();
        let position = visible.iter().position(|&i| i == exam.grid_cursor);
        let moved = |offset: isize| -> Option<usize> {
            let here = position? as isize;
            let there = here + offset;
            (0..visible.len() as isize)
                .contains(&there)
                .then(|| visible[there as usize])
        };
        match action {
            Action::Left => exam.grid_cursor = moved(-1).unwrap_or(exam.grid_cursor),
            Action::Right => exam.grid_cursor = moved(1).unwrap_or(exam.grid_cursor),
            Action::Up => exam.grid_cursor = moved(-(columns as isize)).unwrap_or(exam.grid_cursor),
            Action::Down => exam.grid_cursor = moved(columns as isize).unwrap_or(exam.grid_cursor),
            Action::CycleFilter => {
                exam.grid_filter = exam.grid_filter.next();
                let visible = exam.grid_indices();
                if !visible.contains(&exam.grid_cursor) {
                    exam.grid_cursor = visible.first().copied().unwrap_or(exam.session.current);
                }
            }
            Action::Choose if position.is_some() => {
                exam.session.go_to(exam.grid_cursor, now);
                exam.scroll = 0;
                exam.prompt = None;
                exam.view = ExamView::Question;
            }
            Action::Back => exam.view = ExamView::Question,
            Action::Submit => self.ask_submit(),
            Action::Quit => self.overlay = Some(Overlay::Confirm(Confirm::QuitExam)),
            _ => {}
        }
    }
}
