//! Pieces several screens draw: a question's body for answering, and a marked question with
//! its feedback. Screens lay them out; these only turn a session item into lines.

pub mod feedback;
pub mod number_field;
pub mod question_body;
