//! The backtracking matcher: runs a compiled program over a string (as chars) with an explicit
//! backtrack stack (no Rust recursion except one level per nested lookaround). When the program
//! is memoizable, failed (pc, position) states are remembered, which bounds the work by
//! program size × text length (no catastrophic backtracking for such patterns).

use super::compile::{fold_char, Inst, Prog};
use super::parse::{Category, ClassItem};

enum Frame {
    Branch { pc: usize, pos: usize },
    Restore { slot: usize, old: usize },
}

pub const UNSET: usize = usize::MAX;

/// Memo tables with more (pc, position) states than this are not allocated.
const MEMO_LIMIT: usize = 1 << 24;

pub struct Matcher<'a> {
    prog: &'a Prog,
    text: &'a [char],
    /// The end of the searched region (`endpos`).
    end: usize,
    pub slots: Vec<usize>,
    stack: Vec<Frame>,
    /// Per state, the attempt (`match_at` call) that visited it; `generation` is the current one.
    memo: Option<Vec<u32>>,
    generation: u32,
}

fn is_word(c: char, ascii: bool) -> bool {
    if ascii {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric() || c == '_'
    }
}

fn in_category(c: char, cat: Category, ascii: bool) -> bool {
    match cat {
        Category::Digit => {
            if ascii {
                c.is_ascii_digit()
            } else {
                c.is_ascii_digit() || crate::format::intstr::decimal_value(c).is_some()
            }
        }
        Category::Word => is_word(c, ascii),
        Category::Space => {
            if ascii {
                matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
            } else {
                c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
            }
        }
    }
}

fn class_has(items: &[ClassItem], c: char, ascii: bool) -> bool {
    items.iter().any(|it| match *it {
        ClassItem::Char(x) => x == c,
        ClassItem::Range(lo, hi) => lo <= c && c <= hi,
        ClassItem::Cat(cat, neg) => in_category(c, cat, ascii) != neg,
    })
}

fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

impl<'a> Matcher<'a> {
    pub fn new(prog: &'a Prog, text: &'a [char], end: usize) -> Matcher<'a> {
        let end = end.min(text.len());
        let memo = if prog.memoizable {
            let states = prog.insts.len().saturating_mul(end + 1);
            (states <= MEMO_LIMIT).then(|| vec![0u32; states])
        } else {
            None
        };
        Matcher {
            prog,
            text,
            end,
            slots: vec![UNSET; prog.nslots],
            stack: Vec::new(),
            memo,
            generation: 0,
        }
    }

    /// Tries a match starting exactly at `start`; on success `slots` hold the groups. With
    /// `not_empty_at`, an empty match at that position is rejected (the rule for successive
    /// matches in `finditer`/`sub`/`split`).
    pub fn match_at(&mut self, start: usize, full: bool, not_empty_at: Option<usize>) -> bool {
        self.next_generation();
        self.attempt(start, full, not_empty_at)
    }

    fn attempt(&mut self, start: usize, full: bool, not_empty_at: Option<usize>) -> bool {
        self.slots.iter_mut().for_each(|s| *s = UNSET);
        self.run(0, start, full, not_empty_at).is_some()
    }

    fn next_generation(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            if let Some(m) = &mut self.memo {
                m.iter_mut().for_each(|x| *x = 0);
            }
            self.generation = 1;
        }
    }

    /// Leftmost match at or after `start`. The failed states of one start position stay
    /// failed for the later ones (the outcome of a state does not depend on where the attempt
    /// began), so one generation of the memo covers the whole search.
    pub fn search(&mut self, start: usize, not_empty_at: Option<usize>) -> bool {
        self.next_generation();
        let mut s = start;
        while s <= self.end {
            if self.attempt(s, false, not_empty_at) {
                return true;
            }
            s += 1;
        }
        false
    }

    fn word_at(&self, i: usize, ascii: bool) -> bool {
        i < self.end && is_word(self.text[i], ascii)
    }

    /// Runs from `pc` at `pos` until `Match`; returns the end position. Leaves the slots as
    /// the successful path set them, or as they were on failure.
    fn run(
        &mut self,
        pc0: usize,
        pos0: usize,
        full: bool,
        not_empty_at: Option<usize>,
    ) -> Option<usize> {
        let base = self.stack.len();
        let (mut pc, mut pos) = (pc0, pos0);
        let insts = &self.prog.insts;
        loop {
            let ok = 'step: {
                if let Some(memo) = &mut self.memo {
                    let state = &mut memo[pc * (self.end + 1) + pos];
                    if *state == self.generation {
                        break 'step false;
                    }
                    *state = self.generation;
                }
                match &insts[pc] {
                    Inst::Char(c) => {
                        if pos < self.end && self.text[pos] == *c {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::CharFold(c) => {
                        if pos < self.end && fold_char(self.text[pos]) == *c {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Any => {
                        if pos < self.end {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::AnyButNewline => {
                        if pos < self.end && self.text[pos] != '\n' {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Class {
                        items,
                        negated,
                        fold,
                        ascii,
                    } => {
                        if pos >= self.end {
                            break 'step false;
                        }
                        let c = self.text[pos];
                        let mut hit = class_has(items, c, *ascii);
                        if !hit && *fold {
                            hit = class_has(items, fold_char(c), *ascii)
                                || class_has(items, upper(c), *ascii);
                        }
                        if hit != *negated {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Cat {
                        cat,
                        negated,
                        ascii,
                    } => {
                        if pos < self.end && in_category(self.text[pos], *cat, *ascii) != *negated {
                            pos += 1;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::LineStart { multi } => {
                        if pos == 0 || (*multi && self.text[pos - 1] == '\n') {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::LineEnd { multi } => {
                        let at_end =
                            pos == self.end || (pos + 1 == self.end && self.text[pos] == '\n');
                        if at_end || (*multi && pos < self.end && self.text[pos] == '\n') {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::StringStart => {
                        if pos == 0 {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::StringEnd => {
                        if pos == self.end {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::WordBoundary { positive, ascii } => {
                        let before = pos > 0 && self.word_at(pos - 1, *ascii);
                        let after = self.word_at(pos, *ascii);
                        if (before != after) == *positive && !(self.end == 0 && *positive) {
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Save(s) => {
                        self.stack.push(Frame::Restore {
                            slot: *s,
                            old: self.slots[*s],
                        });
                        self.slots[*s] = pos;
                        pc += 1;
                        true
                    }
                    Inst::Mark(r) => {
                        self.stack.push(Frame::Restore {
                            slot: *r,
                            old: self.slots[*r],
                        });
                        self.slots[*r] = pos;
                        pc += 1;
                        true
                    }
                    Inst::Progress(r) => {
                        if self.slots[*r] == pos {
                            false
                        } else {
                            pc += 1;
                            true
                        }
                    }
                    Inst::Split(a, b) => {
                        self.stack.push(Frame::Branch { pc: *b, pos });
                        pc = *a;
                        true
                    }
                    Inst::Jmp(t) => {
                        pc = *t;
                        true
                    }
                    Inst::Backref { group, fold } => {
                        let (s, e) = (self.slots[2 * group], self.slots[2 * group + 1]);
                        if s == UNSET || e == UNSET {
                            break 'step false;
                        }
                        let n = e.saturating_sub(s);
                        if pos + n > self.end {
                            break 'step false;
                        }
                        let same = (0..n).all(|i| {
                            let (a, b) = (self.text[s + i], self.text[pos + i]);
                            a == b || (*fold && fold_char(a) == fold_char(b))
                        });
                        if same {
                            pos += n;
                            pc += 1;
                            true
                        } else {
                            false
                        }
                    }
                    Inst::Look {
                        ahead,
                        negated,
                        width,
                        body,
                    } => {
                        let (ahead, negated, width, body) = (*ahead, *negated, *width, *body);
                        let start = if ahead {
                            Some(pos)
                        } else {
                            pos.checked_sub(width)
                        };
                        let saved: Vec<usize> = self.slots.clone();
                        let found = match start {
                            Some(s) => self.run(body, s, false, None).is_some(),
                            None => false,
                        };
                        if found == negated {
                            self.slots = saved;
                            false
                        } else {
                            if negated {
                                self.slots = saved;
                            } else {
                                for (i, old) in saved.into_iter().enumerate() {
                                    if self.slots[i] != old {
                                        self.stack.push(Frame::Restore { slot: i, old });
                                    }
                                }
                            }
                            pc += 1;
                            true
                        }
                    }
                    Inst::Match => {
                        let reject = (full && pc0 == 0 && pos != self.end)
                            || (pc0 == 0 && not_empty_at == Some(pos0) && pos == pos0);
                        if reject {
                            false
                        } else {
                            // Keep the slots; drop the backtrack entries of this run.
                            self.stack.truncate(base);
                            return Some(pos);
                        }
                    }
                }
            };
            if ok {
                continue;
            }
            loop {
                if self.stack.len() <= base {
                    return None;
                }
                match self.stack.pop() {
                    Some(Frame::Branch { pc: p, pos: q }) => {
                        pc = p;
                        pos = q;
                        break;
                    }
                    Some(Frame::Restore { slot, old }) => self.slots[slot] = old,
                    None => return None,
                }
            }
        }
    }
}
