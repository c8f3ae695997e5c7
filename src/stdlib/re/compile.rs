//! Compiles a parsed pattern into a program for the backtracking matcher. Counted repetition is
//! unrolled; an unbounded loop whose body can match the empty string gets a progress check
//! (a loop register holding the position at the start of the iteration) so it cannot spin.
//! Lookaround bodies are compiled after the main program, each ending in `Match`.

use super::parse::{Category, ClassItem, Node, Parsed, ASCII, DOTALL, IGNORECASE, MULTILINE};

#[derive(Clone, Debug)]
pub enum Inst {
    Char(char),
    /// Compares simple-case-folded characters (IGNORECASE); holds the folded char.
    CharFold(char),
    /// `.` without DOTALL.
    AnyButNewline,
    Any,
    Class {
        items: Vec<ClassItem>,
        negated: bool,
        fold: bool,
        ascii: bool,
    },
    Cat {
        cat: Category,
        negated: bool,
        ascii: bool,
    },
    LineStart {
        multi: bool,
    },
    LineEnd {
        multi: bool,
    },
    StringStart,
    StringEnd,
    WordBoundary {
        positive: bool,
        ascii: bool,
    },
    Save(usize),
    /// Try the first target, backtrack to the second.
    Split(usize, usize),
    Jmp(usize),
    Backref {
        group: usize,
        fold: bool,
    },
    Look {
        ahead: bool,
        negated: bool,
        width: usize,
        body: usize,
    },
    /// Loop register := position.
    Mark(usize),
    /// Fails if the position equals the loop register (an empty iteration).
    Progress(usize),
    Match,
}

pub struct Prog {
    pub insts: Vec<Inst>,
    /// Capture slots (2 per group, group 0 included) followed by loop registers.
    pub nslots: usize,
    pub groups: usize,
    /// No backreferences, lookarounds or progress checks: a failed (pc, position) state can be
    /// remembered and skipped (the outcome depends on nothing else).
    pub memoizable: bool,
}

/// Largest program the compiler builds (counted repeats of large subpatterns are unrolled).
pub const MAX_INSTS: usize = 1 << 20;

pub fn fixed_width(n: &Node) -> Option<usize> {
    match n {
        Node::Empty
        | Node::LineStart
        | Node::LineEnd
        | Node::StringStart
        | Node::StringEnd
        | Node::WordBoundary(_)
        | Node::Look { .. } => Some(0),
        Node::Char(_) | Node::Any | Node::Class { .. } | Node::Cat(..) => Some(1),
        Node::Group(_, n) | Node::Flags(_, n) => fixed_width(n),
        Node::Backref(_) => None,
        Node::Repeat { node, min, max, .. } => {
            if Some(*min) == *max {
                fixed_width(node).map(|w| w * *min as usize)
            } else {
                None
            }
        }
        Node::Concat(v) => v.iter().map(fixed_width).sum(),
        Node::Alt(v) => {
            let w = fixed_width(&v[0])?;
            v.iter().all(|n| fixed_width(n) == Some(w)).then_some(w)
        }
    }
}

fn can_be_empty(n: &Node) -> bool {
    match n {
        Node::Char(_) | Node::Any | Node::Class { .. } | Node::Cat(..) => false,
        Node::Group(_, n) | Node::Flags(_, n) => can_be_empty(n),
        Node::Repeat { node, min, .. } => *min == 0 || can_be_empty(node),
        Node::Concat(v) => v.iter().all(can_be_empty),
        Node::Alt(v) => v.iter().any(can_be_empty),
        _ => true,
    }
}

fn fold(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

pub fn fold_char(c: char) -> char {
    fold(c)
}

struct Compiler {
    insts: Vec<Inst>,
    nslots: usize,
    looks: Vec<(usize, Node, u32)>,
    memoizable: bool,
}

pub fn compile(p: &Parsed) -> Result<Prog, String> {
    let mut c = Compiler {
        insts: Vec::new(),
        nslots: 2 * (p.groups + 1),
        looks: Vec::new(),
        memoizable: true,
    };
    c.emit(Inst::Save(0))?;
    c.node(&p.node, p.flags)?;
    c.emit(Inst::Save(1))?;
    c.emit(Inst::Match)?;
    while let Some((at, node, flags)) = c.looks.pop() {
        let body = c.insts.len();
        if let Inst::Look { body: b, .. } = &mut c.insts[at] {
            *b = body;
        }
        c.node(&node, flags)?;
        c.emit(Inst::Match)?;
    }
    Ok(Prog {
        insts: c.insts,
        nslots: c.nslots,
        groups: p.groups,
        memoizable: c.memoizable,
    })
}

impl Compiler {
    fn emit(&mut self, i: Inst) -> Result<usize, String> {
        if self.insts.len() >= MAX_INSTS {
            return Err("pattern too large".into());
        }
        self.insts.push(i);
        Ok(self.insts.len() - 1)
    }

    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.insts[at] {
            Inst::Jmp(t) => *t = target,
            Inst::Split(_, b) => *b = target,
            _ => {}
        }
    }

    fn node(&mut self, n: &Node, flags: u32) -> Result<(), String> {
        let fold_on = flags & IGNORECASE != 0;
        let ascii = flags & ASCII != 0;
        match n {
            Node::Empty => {}
            Node::Char(c) => {
                self.emit(if fold_on {
                    Inst::CharFold(fold(*c))
                } else {
                    Inst::Char(*c)
                })?;
            }
            Node::Any => {
                self.emit(if flags & DOTALL != 0 {
                    Inst::Any
                } else {
                    Inst::AnyButNewline
                })?;
            }
            Node::Class { items, negated } => {
                self.emit(Inst::Class {
                    items: items.clone(),
                    negated: *negated,
                    fold: fold_on,
                    ascii,
                })?;
            }
            Node::Cat(cat, negated) => {
                self.emit(Inst::Cat {
                    cat: *cat,
                    negated: *negated,
                    ascii,
                })?;
            }
            Node::LineStart => {
                self.emit(Inst::LineStart {
                    multi: flags & MULTILINE != 0,
                })?;
            }
            Node::LineEnd => {
                self.emit(Inst::LineEnd {
                    multi: flags & MULTILINE != 0,
                })?;
            }
            Node::StringStart => {
                self.emit(Inst::StringStart)?;
            }
            Node::StringEnd => {
                self.emit(Inst::StringEnd)?;
            }
            Node::WordBoundary(p) => {
                self.emit(Inst::WordBoundary {
                    positive: *p,
                    ascii,
                })?;
            }
            Node::Group(g, inner) => match g {
                Some(g) => {
                    self.emit(Inst::Save(2 * g))?;
                    self.node(inner, flags)?;
                    self.emit(Inst::Save(2 * g + 1))?;
                }
                None => self.node(inner, flags)?,
            },
            Node::Flags(f, inner) => self.node(inner, *f)?,
            Node::Backref(g) => {
                self.memoizable = false;
                self.emit(Inst::Backref {
                    group: *g,
                    fold: fold_on,
                })?;
            }
            Node::Look {
                ahead,
                negated,
                node,
            } => {
                self.memoizable = false;
                let width = if *ahead {
                    0
                } else {
                    fixed_width(node).unwrap_or(0)
                };
                let at = self.emit(Inst::Look {
                    ahead: *ahead,
                    negated: *negated,
                    width,
                    body: 0,
                })?;
                self.looks.push((at, (**node).clone(), flags));
            }
            Node::Concat(v) => {
                for n in v {
                    self.node(n, flags)?;
                }
            }
            Node::Alt(v) => {
                let mut jumps = Vec::new();
                for (i, alt) in v.iter().enumerate() {
                    if i + 1 < v.len() {
                        let split = self.emit(Inst::Split(0, 0))?;
                        let first = self.insts.len();
                        if let Inst::Split(a, _) = &mut self.insts[split] {
                            *a = first;
                        }
                        self.node(alt, flags)?;
                        jumps.push(self.emit(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.patch(split, next);
                    } else {
                        self.node(alt, flags)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                for _ in 0..*min {
                    self.node(node, flags)?;
                }
                match max {
                    None => {
                        let check = can_be_empty(node);
                        let reg = if check {
                            self.memoizable = false;
                            self.nslots += 1;
                            Some(self.nslots - 1)
                        } else {
                            None
                        };
                        let split = self.emit(Inst::Split(0, 0))?;
                        let body = self.insts.len();
                        if let Some(r) = reg {
                            self.emit(Inst::Mark(r))?;
                        }
                        self.node(node, flags)?;
                        if let Some(r) = reg {
                            self.emit(Inst::Progress(r))?;
                        }
                        self.emit(Inst::Jmp(split))?;
                        let exit = self.insts.len();
                        self.insts[split] = if *greedy {
                            Inst::Split(body, exit)
                        } else {
                            Inst::Split(exit, body)
                        };
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            let split = self.emit(Inst::Split(0, 0))?;
                            splits.push((split, self.insts.len()));
                            self.node(node, flags)?;
                        }
                        let exit = self.insts.len();
                        for (split, body) in splits {
                            self.insts[split] = if *greedy {
                                Inst::Split(body, exit)
                            } else {
                                Inst::Split(exit, body)
                            };
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
