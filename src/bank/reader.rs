//! Typed reads from a spanned TOML table that report every mistake with its position
//! instead of stopping at the first, which serde's derive would do.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::problem::{ProblemKind, Problems, SourceFile};

pub type Spanned<T> = toml::Spanned<T>;

/// A table being read, with the context needed to place problems.
pub struct TableReader<'a, 'i> {
    pub source: SourceFile<'a>,
    pub table: &'a DeTable<'i>,
    /// Where the table starts (its header, or the inline table), for missing keys.
    pub span: Range<usize>,
    /// The question the table belongs to, if any.
    pub question: Option<&'a str>,
    /// What the table is called in messages, e.g. "question" or "[scoring]".
    pub what: &'a str,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Reports every key not in `allowed`, suggesting the nearest allowed one.
    pub fn reject_unknown_keys(&self, allowed: &[&str], problems: &mut Problems) {
        let mut keys = self.table.iter();
        while let Some((key, _)) = keys.next() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            if problems.is_full(self.source.name) {
                // Past what the file lists, only count: no suggestion or message is built.
                let rest = keys
                    .filter(|(other, _)| {
                        let other: &str = other.get_ref();
                        !allowed.contains(&other)
                    })
                    .count();
                problems.count_unlisted(1 + rest, || self.source.location(&key.span()));
                return;
            }
            let nearest = allowed
                .iter()
                .map(|candidate| (strsim::damerau_levenshtein(name, candidate), *candidate))
                .min()
                .filter(|(distance, _)| *distance <= 2);
            let hint = match nearest {
                Some((_, candidate)) => format!("did you mean `{candidate}`? Rename or remove it"),
                None => format!(
                    "remove it; {} takes only: {}",
                    self.what,
                    allowed.join(", ")
                ),
            };
            problems.push(
                ProblemKind::UnknownKey,
                self.source.location(&key.span()),
                self.question,
                format!("unknown key `{name}` in {}", self.what),
                hint,
            );
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn missing(&self, key: &str, expected: &str, problems: &mut Problems) {
        // The scan for a misspelling below costs a comparison per key of the table, which
        // may hold thousands: once the file lists no more problems, skip it (and the count).
        if problems.is_full(self.source.name) {
            return;
        }
        // A misspelt key (`corect`) is already reported as unknown with a suggestion.
        let misspelt = self
            .table
            .iter()
            .any(|(other, _)| strsim::damerau_levenshtein(other.get_ref(), key) <= 2);
        if misspelt {
            return;
        }
        problems.push(
            ProblemKind::MissingKey,
            self.source.location(&self.span),
            self.question,
            format!("{} has no `{key}`", self.what),
            format!("add `{key} = {expected}`"),
        );
    }

    fn wrong_type(
        &self,
        key: &str,
        value: &Spanned<DeValue<'i>>,
        expected: &str,
        problems: &mut Problems,
    ) {
        problems.push(
            ProblemKind::WrongType,
            self.source.location(&value.span()),
            self.question,
            format!(
                "`{key}` is {} {}, expected {expected}",
                article(value.get_ref().type_str()),
                value.get_ref().type_str()
            ),
            format!("write `{key}` as {expected}"),
        );
    }

    /// A required string; reports missing, mistyped and (when `non_empty`) blank values.
    pub fn string(
        &self,
        key: &str,
        non_empty: bool,
        problems: &mut Problems,
    ) -> Option<(String, Range<usize>)> {
        let (text, span) = self.str(key, non_empty, problems)?;
        Some((text.to_string(), span))
    }

    /// [`Self::string`], borrowed from the parsed document.
    fn str(
        &self,
        key: &str,
        non_empty: bool,
        problems: &mut Problems,
    ) -> Option<(&'a str, Range<usize>)> {
        let Some(value) = self.get(key) else {
            self.missing(key, "\"…\"", problems);
            return None;
        };
        let Some(text) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string", problems);
            return None;
        };
        if non_empty && text.trim().is_empty() {
            problems.push(
                ProblemKind::EmptyText,
                self.source.location(&value.span()),
                self.question,
                format!("`{key}` is empty"),
                format!("write the {key} text"),
            );
            return None;
        }
        if key == "id"
            && let Some(c) = text.chars().find(|&c| {
                c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
        {
            // Ids are printed in messages, commands and reports: none may carry an escape.
            problems.push(
                ProblemKind::BadId,
                self.source.location(&value.span()),
                self.question,
                format!("`id` contains the character U+{:04X}", c as u32),
                "use letters, digits, `-`, `_` and `.` in ids",
            );
            return None;
        }
        let length = text.chars().count();
        if length > super::limits::MAX_TEXT_CHARS {
            problems.push(
                ProblemKind::TooLarge,
                self.source.location(&value.span()),
                self.question,
                format!(
                    "`{key}` is {length} characters long; at most {} are allowed",
                    super::limits::MAX_TEXT_CHARS
                ),
                "shorten it",
            );
            return None;
        }
        Some((text, value.span()))
    }

    /// A required, non-empty text with surrounding whitespace removed, as shown to users.
    pub fn text(&self, key: &str, problems: &mut Problems) -> Option<(String, Range<usize>)> {
        let (text, span) = self.str(key, true, problems)?;
        Some((text.trim().to_string(), span))
    }

    /// A text a personal bank may leave out: `Some("")` when the key is absent, the text
    /// when it is present and valid, `None` when it is present but wrong (reported).
    pub fn optional_text(&self, key: &str, problems: &mut Problems) -> Option<String> {
        if self.get(key).is_none() {
            return Some(String::new());
        }
        self.text(key, problems).map(|(text, _)| text)
    }

    /// The value of `key` if it is a string, unchecked and without reporting anything.
    pub fn raw_str(&self, key: &str) -> Option<&'a str> {
        self.get(key)?.get_ref().as_str()
    }

    pub fn optional_string_list(&self, key: &str, problems: &mut Problems) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(value) => self
                .string_list_value(key, value, problems)
                .unwrap_or_default(),
        }
    }

    /// A required array of strings, each with its span.
    pub fn string_list(
        &self,
        key: &str,
        problems: &mut Problems,
    ) -> Option<Vec<(String, Range<usize>)>> {
        let Some(value) = self.get(key) else {
            self.missing(key, "[\"…\"]", problems);
            return None;
        };
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, "an array of strings", problems);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(text) => out.push((text.to_string(), item.span())),
                None => self.wrong_type(key, item, "a string", problems),
            }
        }
        Some(out)
    }

    fn string_list_value(
        &self,
        key: &str,
        value: &Spanned<DeValue<'i>>,
        problems: &mut Problems,
    ) -> Option<Vec<String>> {
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, "an array of strings", problems);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(text) => out.push(text.to_string()),
                None => self.wrong_type(key, item, "a string", problems),
            }
        }
        Some(out)
    }

    pub fn bool(&self, key: &str, problems: &mut Problems) -> Option<bool> {
        let Some(value) = self.get(key) else {
            self.missing(key, "true", problems);
            return None;
        };
        let found = value.get_ref().as_bool();
        if found.is_none() {
            self.wrong_type(key, value, "true or false", problems);
        }
        found
    }

    pub fn integer(&self, key: &str, problems: &mut Problems) -> Option<(i64, Range<usize>)> {
        let Some(value) = self.get(key) else {
            self.missing(key, "a whole number", problems);
            return None;
        };
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|int| i64::from_str_radix(&int.as_str().replace('_', ""), int.radix()).ok());
        if parsed.is_none() {
            self.wrong_type(key, value, "a whole number", problems);
        }
        parsed.map(|number| (number, value.span()))
    }

    /// A number that may be written as an integer or a float.
    pub fn number(&self, key: &str, problems: &mut Problems) -> Option<(f64, Range<usize>)> {
        let Some(value) = self.get(key) else {
            self.missing(key, "a number", problems);
            return None;
        };
        let parsed = match value.get_ref() {
            DeValue::Integer(int) => {
                i64::from_str_radix(&int.as_str().replace('_', ""), int.radix())
                    .ok()
                    .map(|n| n as f64)
            }
            DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(key, value, "a number", problems);
        }
        parsed.map(|number| (number, value.span()))
    }

    /// A sub-table (`[mock]`), or None with a problem.
    pub fn table(
        &self,
        key: &str,
        problems: &mut Problems,
    ) -> Option<(&'a DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(key) else {
            problems.push(
                ProblemKind::MissingKey,
                self.source.location(&self.span),
                self.question,
                format!("{} has no [{key}] table", self.what),
                format!("add a [{key}] table"),
            );
            return None;
        };
        match value.get_ref().as_table() {
            Some(table) => Some((table, value.span())),
            None => {
                self.wrong_type(key, value, "a table", problems);
                None
            }
        }
    }

    /// An array of tables (`[[task]]`, `[[question.option]]`, or inline tables).
    pub fn tables(
        &self,
        key: &str,
        problems: &mut Problems,
    ) -> Option<Vec<(&'a DeTable<'i>, Range<usize>)>> {
        let value = self.get(key)?;
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(key, value, "an array of tables", problems);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(table) => out.push((table, item.span())),
                None => self.wrong_type(key, item, "a table", problems),
            }
        }
        Some(out)
    }
}

fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}
