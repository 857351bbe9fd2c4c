//! Size limits that keep a hostile or broken bank from exhausting memory or the screen.

/// The largest bank file read.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The largest cache entry read: twice the largest bank, far above any bank's binary form
/// (smaller than its sources); a longer entry reads as corrupt and is rebuilt.
pub const MAX_CACHE_ENTRY_BYTES: u64 = 2 * MAX_BANK_BYTES as u64;
/// The most bytes a bank folder's files may hold in all.
pub const MAX_BANK_BYTES: usize = 64 * 1024 * 1024;
/// The most questions a bank may hold.
pub const MAX_QUESTIONS: usize = 20_000;
/// The longest single text (prompt, explanation, option, why, title).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The largest `[scoring]` value either way (min, max and pass lie within ± this).
pub const MAX_SCORE: i64 = 1_000_000;
