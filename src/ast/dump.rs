//! `--dump-ast`: the AST printed exactly as CPython 3.11's `ast.dump(tree, indent=2)` prints it.
//!
//! The printer works in two steps, as `Lib/ast.py` does: each node becomes a generic `Val` tree
//! (class name plus its `_fields` in CPython's order), then one formatter applies `ast.dump`'s
//! layout rules. Optional fields (`?` in the ASDL) that are absent are skipped, as `ast.dump` skips
//! fields whose value is None when the class default is None; a node whose fields are all "simple"
//! and at most three is printed on one line. Constants are printed with Python's `repr`.

use super::*;
use std::fmt::Write;

/// A node in `ast.dump`'s generic view.
enum Val {
    Node(&'static str, Vec<(&'static str, Val)>),
    List(Vec<Val>),
    /// A scalar already rendered with Python's `repr`.
    Repr(String),
}

/// The dump followed by a newline, as `print(ast.dump(...))` writes it.
pub fn dump_module(module: &Module) -> String {
    crate::parser::with_deep_stack(|| dump_here(module))
}

fn dump_here(module: &Module) -> String {
    let val = Val::Node(
        "Module",
        vec![
            ("body", stmts(&module.body)),
            ("type_ignores", Val::List(Vec::new())),
        ],
    );
    let mut out = format(&val, 0).0;
    out.push('\n');
    out
}

/// `ast.dump`'s `_format`: returns the text and whether it counts as "simple".
fn format(val: &Val, level: usize) -> (String, bool) {
    let level = level + 1;
    let mut prefix = String::from("\n");
    prefix.extend(std::iter::repeat_n("  ", level));
    match val {
        Val::Node(name, fields) => {
            let mut args = Vec::with_capacity(fields.len());
            let mut all_simple = true;
            for (field, v) in fields {
                let (text, simple) = format(v, level);
                all_simple &= simple;
                args.push(format!("{field}={text}"));
            }
            if all_simple && args.len() <= 3 {
                (format!("{name}({})", args.join(", ")), args.is_empty())
            } else {
                let sep = format!(",{prefix}");
                (format!("{name}({prefix}{})", args.join(&sep)), false)
            }
        }
        Val::List(items) => {
            if items.is_empty() {
                return ("[]".to_string(), true);
            }
            let sep = format!(",{prefix}");
            let parts: Vec<String> = items.iter().map(|v| format(v, level).0).collect();
            (format!("[{prefix}{}]", parts.join(&sep)), false)
        }
        Val::Repr(s) => (s.clone(), true),
    }
}

fn node(name: &'static str, fields: Vec<(&'static str, Val)>) -> Val {
    Val::Node(name, fields)
}

fn unit(name: &'static str) -> Val {
    Val::Node(name, Vec::new())
}

fn ident(s: &str) -> Val {
    Val::Repr(str_repr(s))
}

fn int(i: i64) -> Val {
    Val::Repr(i.to_string())
}

fn list<T>(items: &[T], f: impl Fn(&T) -> Val) -> Val {
    Val::List(items.iter().map(f).collect())
}

fn stmts(body: &[Stmt]) -> Val {
    list(body, stmt)
}

fn exprs(items: &[Expr]) -> Val {
    list(items, expr)
}

/// Appends an optional field only when present (CPython omits None-defaulted fields).
fn opt<T: ?Sized>(
    fields: &mut Vec<(&'static str, Val)>,
    name: &'static str,
    v: Option<&T>,
    f: impl Fn(&T) -> Val,
) {
    if let Some(v) = v {
        fields.push((name, f(v)));
    }
}

fn stmt(s: &Stmt) -> Val {
    use StmtKind as S;
    match &s.kind {
        S::FunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
        } => {
            let mut f = vec![
                ("name", ident(name)),
                ("args", arguments(args)),
                ("body", stmts(body)),
                ("decorator_list", exprs(decorator_list)),
            ];
            opt(&mut f, "returns", returns.as_deref(), expr);
            node("FunctionDef", f)
        }
        S::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        } => node(
            "ClassDef",
            vec![
                ("name", ident(name)),
                ("bases", exprs(bases)),
                ("keywords", list(keywords, keyword)),
                ("body", stmts(body)),
                ("decorator_list", exprs(decorator_list)),
            ],
        ),
        S::Return { value } => {
            let mut f = Vec::new();
            opt(&mut f, "value", value.as_deref(), expr);
            node("Return", f)
        }
        S::Delete { targets } => node("Delete", vec![("targets", exprs(targets))]),
        S::Assign { targets, value } => node(
            "Assign",
            vec![("targets", exprs(targets)), ("value", expr(value))],
        ),
        S::AugAssign { target, op, value } => node(
            "AugAssign",
            vec![
                ("target", expr(target)),
                ("op", operator(*op)),
                ("value", expr(value)),
            ],
        ),
        S::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => {
            let mut f = vec![("target", expr(target)), ("annotation", expr(annotation))];
            opt(&mut f, "value", value.as_deref(), expr);
            f.push(("simple", int(*simple as i64)));
            node("AnnAssign", f)
        }
        S::For {
            target,
            iter,
            body,
            orelse,
        } => node(
            "For",
            vec![
                ("target", expr(target)),
                ("iter", expr(iter)),
                ("body", stmts(body)),
                ("orelse", stmts(orelse)),
            ],
        ),
        S::While { test, body, orelse } => node(
            "While",
            vec![
                ("test", expr(test)),
                ("body", stmts(body)),
                ("orelse", stmts(orelse)),
            ],
        ),
        S::If { test, body, orelse } => node(
            "If",
            vec![
                ("test", expr(test)),
                ("body", stmts(body)),
                ("orelse", stmts(orelse)),
            ],
        ),
        S::With { items, body } => node(
            "With",
            vec![("items", list(items, with_item)), ("body", stmts(body))],
        ),
        S::Match { subject, cases } => node(
            "Match",
            vec![
                ("subject", expr(subject)),
                ("cases", list(cases, match_case)),
            ],
        ),
        S::Raise { exc, cause } => {
            let mut f = Vec::new();
            opt(&mut f, "exc", exc.as_deref(), expr);
            opt(&mut f, "cause", cause.as_deref(), expr);
            node("Raise", f)
        }
        S::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => try_node("Try", body, handlers, orelse, finalbody),
        S::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => try_node("TryStar", body, handlers, orelse, finalbody),
        S::Assert { test, msg } => {
            let mut f = vec![("test", expr(test))];
            opt(&mut f, "msg", msg.as_deref(), expr);
            node("Assert", f)
        }
        S::Import { names } => node("Import", vec![("names", list(names, alias))]),
        S::ImportFrom {
            module,
            names,
            level,
        } => {
            let mut f = Vec::new();
            opt(&mut f, "module", module.as_deref(), ident);
            f.push(("names", list(names, alias)));
            f.push(("level", int(*level as i64)));
            node("ImportFrom", f)
        }
        S::Global { names } => node("Global", vec![("names", list(names, |n| ident(n)))]),
        S::Nonlocal { names } => node("Nonlocal", vec![("names", list(names, |n| ident(n)))]),
        S::Expr { value } => node("Expr", vec![("value", expr(value))]),
        S::Pass => unit("Pass"),
        S::Break => unit("Break"),
        S::Continue => unit("Continue"),
    }
}

fn try_node(
    name: &'static str,
    body: &[Stmt],
    handlers: &[ExceptHandler],
    orelse: &[Stmt],
    finalbody: &[Stmt],
) -> Val {
    node(
        name,
        vec![
            ("body", stmts(body)),
            ("handlers", list(handlers, except_handler)),
            ("orelse", stmts(orelse)),
            ("finalbody", stmts(finalbody)),
        ],
    )
}

fn except_handler(h: &ExceptHandler) -> Val {
    let mut f = Vec::new();
    opt(&mut f, "type", h.type_.as_deref(), expr);
    opt(&mut f, "name", h.name.as_deref(), ident);
    f.push(("body", stmts(&h.body)));
    node("ExceptHandler", f)
}

fn expr(e: &Expr) -> Val {
    use ExprKind as E;
    match &e.kind {
        E::BoolOp { op, values } => node(
            "BoolOp",
            vec![
                (
                    "op",
                    unit(match op {
                        BoolOp::And => "And",
                        BoolOp::Or => "Or",
                    }),
                ),
                ("values", exprs(values)),
            ],
        ),
        E::NamedExpr { target, value } => node(
            "NamedExpr",
            vec![("target", expr(target)), ("value", expr(value))],
        ),
        E::BinOp { left, op, right } => node(
            "BinOp",
            vec![
                ("left", expr(left)),
                ("op", operator(*op)),
                ("right", expr(right)),
            ],
        ),
        E::UnaryOp { op, operand } => node(
            "UnaryOp",
            vec![
                (
                    "op",
                    unit(match op {
                        UnaryOp::Invert => "Invert",
                        UnaryOp::Not => "Not",
                        UnaryOp::UAdd => "UAdd",
                        UnaryOp::USub => "USub",
                    }),
                ),
                ("operand", expr(operand)),
            ],
        ),
        E::Lambda { args, body } => node(
            "Lambda",
            vec![("args", arguments(args)), ("body", expr(body))],
        ),
        E::IfExp { test, body, orelse } => node(
            "IfExp",
            vec![
                ("test", expr(test)),
                ("body", expr(body)),
                ("orelse", expr(orelse)),
            ],
        ),
        E::Dict { keys, values } => node(
            "Dict",
            vec![
                (
                    "keys",
                    list(keys, |k| match k {
                        Some(k) => expr(k),
                        None => Val::Repr("None".into()),
                    }),
                ),
                ("values", exprs(values)),
            ],
        ),
        E::Set { elts } => node("Set", vec![("elts", exprs(elts))]),
        E::ListComp { elt, generators } => comp("ListComp", elt, generators),
        E::SetComp { elt, generators } => comp("SetComp", elt, generators),
        E::GeneratorExp { elt, generators } => comp("GeneratorExp", elt, generators),
        E::DictComp {
            key,
            value,
            generators,
        } => node(
            "DictComp",
            vec![
                ("key", expr(key)),
                ("value", expr(value)),
                ("generators", list(generators, comprehension)),
            ],
        ),
        E::Yield { value } => {
            let mut f = Vec::new();
            opt(&mut f, "value", value.as_deref(), expr);
            node("Yield", f)
        }
        E::YieldFrom { value } => node("YieldFrom", vec![("value", expr(value))]),
        E::Compare {
            left,
            ops,
            comparators,
        } => node(
            "Compare",
            vec![
                ("left", expr(left)),
                ("ops", list(ops, |op| unit(cmp_op_name(*op)))),
                ("comparators", exprs(comparators)),
            ],
        ),
        E::Call {
            func,
            args,
            keywords,
        } => node(
            "Call",
            vec![
                ("func", expr(func)),
                ("args", exprs(args)),
                ("keywords", list(keywords, keyword)),
            ],
        ),
        E::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let mut f = vec![
                ("value", expr(value)),
                ("conversion", int(*conversion as i64)),
            ];
            opt(&mut f, "format_spec", format_spec.as_deref(), expr);
            node("FormattedValue", f)
        }
        E::JoinedStr { values } => node("JoinedStr", vec![("values", exprs(values))]),
        E::Constant { value, kind } => {
            let mut f = vec![("value", Val::Repr(constant_repr(value)))];
            opt(&mut f, "kind", kind.as_deref(), ident);
            node("Constant", f)
        }
        E::Attribute { value, attr, ctx } => node(
            "Attribute",
            vec![
                ("value", expr(value)),
                ("attr", ident(attr)),
                ("ctx", context(*ctx)),
            ],
        ),
        E::Subscript { value, slice, ctx } => node(
            "Subscript",
            vec![
                ("value", expr(value)),
                ("slice", expr(slice)),
                ("ctx", context(*ctx)),
            ],
        ),
        E::Starred { value, ctx } => node(
            "Starred",
            vec![("value", expr(value)), ("ctx", context(*ctx))],
        ),
        E::Name { id, ctx } => node("Name", vec![("id", ident(id)), ("ctx", context(*ctx))]),
        E::List { elts, ctx } => node("List", vec![("elts", exprs(elts)), ("ctx", context(*ctx))]),
        E::Tuple { elts, ctx } => {
            node("Tuple", vec![("elts", exprs(elts)), ("ctx", context(*ctx))])
        }
        E::Slice { lower, upper, step } => {
            let mut f = Vec::new();
            opt(&mut f, "lower", lower.as_deref(), expr);
            opt(&mut f, "upper", upper.as_deref(), expr);
            opt(&mut f, "step", step.as_deref(), expr);
            node("Slice", f)
        }
    }
}

fn comp(name: &'static str, elt: &Expr, generators: &[Comprehension]) -> Val {
    node(
        name,
        vec![
            ("elt", expr(elt)),
            ("generators", list(generators, comprehension)),
        ],
    )
}

fn comprehension(c: &Comprehension) -> Val {
    node(
        "comprehension",
        vec![
            ("target", expr(&c.target)),
            ("iter", expr(&c.iter)),
            ("ifs", exprs(&c.ifs)),
            ("is_async", int(c.is_async as i64)),
        ],
    )
}

fn arguments(a: &Arguments) -> Val {
    let mut f = vec![
        ("posonlyargs", list(&a.posonlyargs, arg)),
        ("args", list(&a.args, arg)),
    ];
    opt(&mut f, "vararg", a.vararg.as_ref(), arg);
    f.push(("kwonlyargs", list(&a.kwonlyargs, arg)));
    f.push((
        "kw_defaults",
        list(&a.kw_defaults, |d| match d {
            Some(d) => expr(d),
            None => Val::Repr("None".into()),
        }),
    ));
    opt(&mut f, "kwarg", a.kwarg.as_ref(), arg);
    f.push(("defaults", exprs(&a.defaults)));
    node("arguments", f)
}

fn arg(a: &Arg) -> Val {
    let mut f = vec![("arg", ident(&a.arg))];
    opt(&mut f, "annotation", a.annotation.as_deref(), expr);
    node("arg", f)
}

fn keyword(k: &Keyword) -> Val {
    let mut f = Vec::new();
    opt(&mut f, "arg", k.arg.as_deref(), ident);
    f.push(("value", expr(&k.value)));
    node("keyword", f)
}

fn alias(a: &Alias) -> Val {
    let mut f = vec![("name", ident(&a.name))];
    opt(&mut f, "asname", a.asname.as_deref(), ident);
    node("alias", f)
}

fn with_item(w: &WithItem) -> Val {
    let mut f = vec![("context_expr", expr(&w.context_expr))];
    opt(&mut f, "optional_vars", w.optional_vars.as_deref(), expr);
    node("withitem", f)
}

fn match_case(c: &MatchCase) -> Val {
    let mut f = vec![("pattern", pattern(&c.pattern))];
    opt(&mut f, "guard", c.guard.as_deref(), expr);
    f.push(("body", stmts(&c.body)));
    node("match_case", f)
}

fn pattern(p: &Pattern) -> Val {
    use PatternKind as P;
    match &p.kind {
        P::MatchValue { value } => node("MatchValue", vec![("value", expr(value))]),
        P::MatchSingleton { value } => node(
            "MatchSingleton",
            vec![("value", Val::Repr(constant_repr(value)))],
        ),
        P::MatchSequence { patterns } => {
            node("MatchSequence", vec![("patterns", list(patterns, pattern))])
        }
        P::MatchMapping {
            keys,
            patterns,
            rest,
        } => {
            let mut f = vec![("keys", exprs(keys)), ("patterns", list(patterns, pattern))];
            opt(&mut f, "rest", rest.as_deref(), ident);
            node("MatchMapping", f)
        }
        P::MatchClass {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        } => node(
            "MatchClass",
            vec![
                ("cls", expr(cls)),
                ("patterns", list(patterns, pattern)),
                ("kwd_attrs", list(kwd_attrs, |n| ident(n))),
                ("kwd_patterns", list(kwd_patterns, pattern)),
            ],
        ),
        P::MatchStar { name } => {
            let mut f = Vec::new();
            opt(&mut f, "name", name.as_deref(), ident);
            node("MatchStar", f)
        }
        P::MatchAs {
            pattern: inner,
            name,
        } => {
            let mut f = Vec::new();
            opt(&mut f, "pattern", inner.as_deref(), pattern);
            opt(&mut f, "name", name.as_deref(), ident);
            node("MatchAs", f)
        }
        P::MatchOr { patterns } => node("MatchOr", vec![("patterns", list(patterns, pattern))]),
    }
}

fn context(ctx: ExprContext) -> Val {
    unit(match ctx {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    })
}

fn operator(op: Operator) -> Val {
    unit(match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    })
}

fn cmp_op_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

/// Python's `repr` of a constant.
pub fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
    }
}

/// Python's `float.__repr__`; `add_dot_zero` is false for the parts of a complex repr, which
/// print `2j` rather than `2.0j`.
fn format_float(x: f64, add_dot_zero: bool) -> String {
    let flags = crate::format::FloatFlags {
        add_dot_0: add_dot_zero,
        ..Default::default()
    };
    crate::format::format_float_code(x, crate::format::FloatCode::Repr, 0, flags)
}

pub fn float_repr(x: f64) -> String {
    format_float(x, true)
}

/// Python's `complex.__repr__`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", format_float(imag, false));
    }
    let im = format_float(imag, false);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im}j)", format_float(real, false))
}

/// Python's `str.__repr__`: single quotes unless the text has `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x7f && (c as u32) >= 0x20 => out.push(c),
            c if crate::lexer::is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else if n <= 0xffff {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `bytes.__repr__`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python_layout() {
        let cases = [
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (1.5e16, "1.5e+16"),
            (123.456, "123.456"),
            (f64::INFINITY, "inf"),
            (1e300, "1e+300"),
            (2.5e-300, "2.5e-300"),
            (5e-324, "5e-324"),
            (1.0, "1.0"),
            (12345678901234567.0, "1.2345678901234568e+16"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:?}");
        }
    }

    #[test]
    fn complex_and_string_reprs() {
        assert_eq!(complex_repr(0.0, 2.0), "2j");
        assert_eq!(complex_repr(0.0, 1.5), "1.5j");
        assert_eq!(complex_repr(0.0, 1e16), "1e+16j");
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(str_repr("a'\"b"), "'a\\'\"b'");
        assert_eq!(str_repr("\u{0}\u{a0}\u{200b}é"), "'\\x00\\xa0\\u200bé'");
        assert_eq!(bytes_repr(b"\x00\xff\"'"), "b'\\x00\\xff\"\\''");
    }
}
