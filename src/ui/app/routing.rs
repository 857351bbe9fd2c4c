//! Where an action goes: to the help, to the top overlay (confirmations, the resume offer,
//! the leave dialog) or to the top screen; then the transition that comes back is applied
//! and the commands it carries (open a screen, start or end a session) are run.

use chrono::{DateTime, Utc};

use super::super::grid::GridScreen;
use super::super::history::HistoryScreen;
use super::super::keymap::Action;
use super::super::review::ReviewState;
use super::super::screen;
use super::super::transition::{Command, Ctx, NewSession, QuitKind, Transition};
use super::super::view::Tone;
use super::{App, Confirm, Effect, Overlay, REVIEW_COUNT, Screen};

impl App {
    /// What an action does: the state changes now; what must reach the disk (or end the
    /// program) is returned as effects, with anything queued since the last call.
    #[must_use = "effects must be carried out (App::execute) or asserted on"]
    pub fn handle(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        self.update(action, now);
        self.take_effects()
    }

    pub(super) fn update(&mut self, action: Action, now: DateTime<Utc>) {
        self.tick(now);
        self.message = None;
        if action == Action::ForceQuit {
            self.save_and_exit(now, true);
            return;
        }
        // Help goes over whatever takes the keys, a dialog included; closing it goes back.
        if action == Action::Help {
            let context = self.context();
            self.overlays.push(Overlay::Help { context, scroll: 0 });
            return;
        }
        if let Some(overlay) = self.overlay() {
            self.overlay_update(overlay, action, now);
            return;
        }
        let mut ctx = Ctx::new(
            &self.bank,
            &self.attempts,
            now,
            self.geometry.scroll(),
            self.geometry.grid_columns(),
            self.unfinished.is_some(),
            self.other_bank_session.is_some(),
        );
        let transition = screen::update(&mut self.stack, &mut ctx, action);
        if let Some(said) = ctx.said() {
            self.message = Some(said);
        }
        self.apply(transition, now);
        if self.is_exam_running() {
            self.autosave(now);
        }
    }

    fn overlay_update(&mut self, overlay: Overlay, action: Action, now: DateTime<Utc>) {
        match (overlay, action) {
            (Overlay::Help { .. }, Action::Back) => {
                self.overlays.pop();
            }
            (Overlay::Help { context, scroll }, scrolling) => {
                let limits = self.geometry.scroll();
                let scroll =
                    super::super::transition::scrolled(scroll, scrolling, limits.page, limits.max);
                if let Some(top) = self.overlays.last_mut() {
                    *top = Overlay::Help { context, scroll };
                }
            }
            (Overlay::Confirm(confirm), Action::Yes) => {
                self.overlays.pop();
                self.confirmed(confirm, now);
            }
            (Overlay::Confirm(_), Action::No) => {
                self.overlays.pop();
                // What the command line asked for is not started in place of what is kept.
                self.requested = None;
            }
            // "Later" keeps the unfinished session and starts nothing in its place.
            (Overlay::Resume, Action::Back) => {
                self.overlays.pop();
                self.requested = None;
            }
            (Overlay::Quit(_), Action::SaveAndExit) => {
                self.overlays.pop();
                self.save_and_exit(now, false);
            }
            // The confirmation goes over the leave dialog: "no" comes back to it.
            (Overlay::Quit(_), Action::Abandon) => {
                self.overlays.push(Overlay::Confirm(Confirm::Abandon));
            }
            (Overlay::Quit(QuitKind::Practice { checked: 0 }), Action::EndNow) => {
                self.say(
                    "Nothing is checked yet, so there is nothing to record: s saves it, a abandons it",
                    Tone::Warning,
                );
            }
            (Overlay::Quit(QuitKind::Practice { .. }), Action::EndNow) => {
                self.overlays.pop();
                self.finish_practice(now);
            }
            (Overlay::Quit(_), Action::Back) => {
                self.overlays.pop();
            }
            (Overlay::Resume, Action::Resume) => self.resume(now),
            (Overlay::Resume, Action::Discard) => {
                // Discarding asks first; "no" leaves the offer closed, as "later" would.
                self.overlays.pop();
                self.overlays.push(Overlay::Confirm(Confirm::Discard));
            }
            _ => {}
        }
    }

    fn apply(&mut self, transition: Transition, now: DateTime<Utc>) {
        match transition {
            Transition::Stay => {}
            Transition::Pop => {
                self.stack.pop();
                // Back at home, the menu starts at the top again, as it always has.
                if self.stack.len() <= 1 {
                    self.go_home();
                }
            }
            Transition::Home => self.go_home(),
            Transition::Overlay(overlay) => self.overlays.push(overlay),
            Transition::Command(command) => self.run(command, now),
        }
    }

    fn run(&mut self, command: Command, now: DateTime<Utc>) {
        match command {
            Command::OpenSetup => self.open_setup(),
            Command::OpenDrillSetup => self.open_drill_setup(),
            Command::OpenHistory => self.show(Screen::History(HistoryScreen::default())),
            Command::OpenGrid => {
                if let Some(Screen::Exam(exam)) = self.stack.last() {
                    let grid = GridScreen::new(exam);
                    self.stack.push(Screen::Grid(grid));
                }
            }
            Command::OpenReview { filter, indices } => {
                self.stack
                    .push(Screen::Review(ReviewState::new(filter, indices)));
            }
            Command::StartExam { questions, minutes } => {
                self.start_exam(questions, minutes, now);
            }
            Command::StartDrill { task, topic, count } => {
                self.start_drill(&task, topic.as_deref(), count, None, now);
            }
            Command::StartReview => self.start_review(None, REVIEW_COUNT, now),
            Command::StartPlan => self.start_plan(now),
            Command::OpenSettings => {
                let settings = super::super::settings::SettingsScreen::new(self.exam_date);
                self.show(Screen::Settings(settings));
            }
            Command::SetExamDate(date) => self.effects.push(Effect::SetExamDate(date)),
            Command::FinishPractice => self.finish_practice(now),
            Command::OpenAttempt(place) => self.open_attempt(place),
            Command::Resume => self.resume(now),
            Command::Quit => self.effects.push(Effect::Quit { interrupted: false }),
        }
    }

    fn confirmed(&mut self, confirm: Confirm, now: DateTime<Utc>) {
        match confirm {
            Confirm::Submit { .. } => self.submit(now),
            Confirm::Abandon => {
                self.overlays.clear();
                self.discard_unfinished();
                self.go_home();
                self.say(
                    "The session was abandoned: nothing of it was kept",
                    Tone::Info,
                );
            }
            Confirm::EndPractice { .. } => self.finish_practice(now),
            Confirm::Discard => {
                self.discard_unfinished();
                self.go_home();
                self.say("The unfinished session was discarded", Tone::Info);
                if let Some(requested) = self.requested.take() {
                    self.start_requested(requested, now);
                }
            }
            Confirm::ReplaceUnfinished(_) if self.requested.is_some() => {
                if let Some(requested) = self.requested.take() {
                    self.discard_unfinished();
                    self.start_requested(requested, now);
                }
            }
            Confirm::ReplaceUnfinished(NewSession::Mock) => self.open_setup(),
            Confirm::ReplaceUnfinished(NewSession::Drill) => self.open_drill_setup(),
            Confirm::ReplaceUnfinished(NewSession::Review) => {
                self.discard_unfinished();
                self.start_review(None, REVIEW_COUNT, now);
            }
        }
    }
}
