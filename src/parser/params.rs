//! Parameter lists of `def` (with annotations) and `lambda` (without): positional-only before
//! `/`, regular, `*args` or a bare `*`, keyword-only, `**kwargs`, with CPython's ordering errors.

use super::errors;
use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::source::TextRange;

impl<'a> Parser<'a> {
    /// Parses parameters up to (not including) `close`: `)` for `def`, `:` for `lambda`.
    pub(super) fn parse_parameters(&mut self, close: T, annotations: bool) -> PResult<Arguments> {
        let mut a = Arguments::default();
        let mut seen_slash = false;
        let mut star: Option<TextRange> = None;
        let mut seen_kwarg = false;
        while !self.at(close) {
            let r = self.range();
            if seen_kwarg {
                return self.fail(errors::AFTER_KWARGS, r);
            }
            match self.kind() {
                T::Slash => {
                    if seen_slash {
                        return self.fail(errors::SLASH_TWICE, r);
                    }
                    if star.is_some() {
                        return self.fail(errors::SLASH_AFTER_STAR, r);
                    }
                    if a.args.is_empty() {
                        return self.fail(errors::SLASH_FIRST, r);
                    }
                    self.bump();
                    seen_slash = true;
                    a.posonlyargs = std::mem::take(&mut a.args);
                }
                T::Star => {
                    if star.is_some() {
                        return self.fail(errors::STAR_TWICE, r);
                    }
                    self.bump();
                    star = Some(r);
                    if self.at(T::Name) {
                        a.vararg = Some(self.parse_param(annotations, true)?);
                        if self.at(T::Equal) {
                            let r = self.range();
                            return self.fail(errors::VARARG_DEFAULT, r);
                        }
                    } else if self.at(close) || (self.at(T::Comma) && self.peek(1) == close) {
                        return self.fail(errors::BARE_STAR, r);
                    } else if !self.at(T::Comma) {
                        return self.unexpected();
                    } else if self.peek(1) == T::DoubleStar {
                        return self.fail(errors::BARE_STAR, r);
                    }
                }
                T::DoubleStar => {
                    self.bump();
                    a.kwarg = Some(self.parse_param(annotations, false)?);
                    if self.at(T::Equal) {
                        let r = self.range();
                        return self.fail(errors::KWARG_DEFAULT, r);
                    }
                    seen_kwarg = true;
                }
                T::Name => {
                    let param = self.parse_param(annotations, false)?;
                    let default = if self.eat(T::Equal) {
                        Some(self.parse_expression()?)
                    } else {
                        None
                    };
                    if star.is_some() {
                        a.kwonlyargs.push(param);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => a.defaults.push(d),
                            None if !a.defaults.is_empty() => {
                                return self.fail(errors::NON_DEFAULT_AFTER_DEFAULT, param.range);
                            }
                            None => {}
                        }
                        a.args.push(param);
                    }
                }
                _ => return self.unexpected(),
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        if !self.at(close) {
            return self.unexpected();
        }
        if let (Some(r), None, true) = (star, &a.vararg, a.kwonlyargs.is_empty()) {
            return self.fail(errors::BARE_STAR, r);
        }
        Ok(a)
    }

    /// One parameter name with its optional annotation (`*args` may be annotated `*Ts`).
    fn parse_param(&mut self, annotations: bool, star_annotation: bool) -> PResult<Arg> {
        let (arg, r) = self.ident()?;
        let mut annotation = None;
        if annotations && self.eat(T::Colon) {
            let ann = if star_annotation && self.at(T::Star) {
                self.parse_star_expression()?
            } else {
                self.parse_expression()?
            };
            annotation = Some(Box::new(ann));
        }
        let range = TextRange::new(r.start, self.prev_end());
        Ok(Arg {
            arg,
            annotation,
            range,
        })
    }
}
