//! A whole number edited in a setup form (the mock's questions and minutes, a drill's
//! count): the first digit typed after entering the field replaces the value, later digits
//! extend it; ←/→ (or -/+) step it by its step, never below 1; every value stays ≤ 999.

use super::super::keymap::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberField {
    pub value: u32,
    step: u32,
    /// The next digit replaces the value instead of extending it.
    fresh: bool,
}

impl NumberField {
    pub const MAX: u32 = 999;

    pub fn new(value: u32, step: u32) -> NumberField {
        NumberField {
            value: value.min(Self::MAX),
            step: step.max(1),
            fresh: true,
        }
    }

    /// Focus moved onto the field: the next digit starts a new number.
    pub fn enter(&mut self) {
        self.fresh = true;
    }

    /// Applies an editing action; false when the action is not an edit.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Left => {
                self.value = self.value.saturating_sub(self.step).max(1);
                self.fresh = true;
            }
            Action::Right => {
                self.value = (self.value + self.step).min(Self::MAX);
                self.fresh = true;
            }
            Action::Digit(digit) => {
                let digit = u32::from(digit);
                self.value = if self.fresh {
                    digit
                } else {
                    (self.value * 10 + digit).min(Self::MAX)
                };
                self.fresh = false;
            }
            Action::DeleteDigit => {
                self.value /= 10;
                self.fresh = false;
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_replace_then_extend_and_stay_under_a_thousand() {
        let mut field = NumberField::new(30, 1);
        field.edit(Action::Digit(4));
        field.edit(Action::Digit(5));
        assert_eq!(field.value, 45);
        field.edit(Action::Digit(9));
        field.edit(Action::Digit(9));
        assert_eq!(field.value, 999);
        field.edit(Action::DeleteDigit);
        assert_eq!(field.value, 99);
        field.enter();
        field.edit(Action::Digit(7));
        assert_eq!(field.value, 7);
    }

    #[test]
    fn steps_move_by_the_step_between_one_and_the_maximum() {
        let mut field = NumberField::new(3, 5);
        field.edit(Action::Left);
        assert_eq!(field.value, 1);
        field.edit(Action::Right);
        assert_eq!(field.value, 6);
        let mut high = NumberField::new(998, 5);
        high.edit(Action::Right);
        assert_eq!(high.value, 999);
        assert!(!high.edit(Action::Next));
    }
}
