//! Token kinds. The categories are CPython's `tokenize` types (NAME, NUMBER, STRING, OP, NEWLINE,
//! NL, INDENT, DEDENT, COMMENT, ENDMARKER); operators and keywords get their own kinds so the
//! parser can match on them directly. A token's text is never copied: it is `source[range]`.

use crate::source::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

macro_rules! token_kinds {
    (
        categories { $($cat:ident = $cat_name:literal),* $(,)? }
        keywords { $($kw:ident = $kw_text:literal),* $(,)? }
        operators { $($op:ident = $op_text:literal),* $(,)? }
    ) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum TokenKind {
            $($cat,)*
            $($kw,)*
            $($op,)*
        }

        impl TokenKind {
            /// The `tokenize` module's type name for this kind (`NAME`, `OP`, ...).
            pub fn tokenize_type(self) -> &'static str {
                match self {
                    $(TokenKind::$cat => $cat_name,)*
                    $(TokenKind::$kw => "NAME",)*
                    $(TokenKind::$op => "OP",)*
                }
            }

            /// The keyword for an identifier's text, if it is one (soft keywords are names).
            pub fn keyword(text: &str) -> Option<TokenKind> {
                match text {
                    $($kw_text => Some(TokenKind::$kw),)*
                    _ => None,
                }
            }

            /// The operator kind for an operator's text.
            pub fn operator(text: &str) -> Option<TokenKind> {
                match text {
                    $($op_text => Some(TokenKind::$op),)*
                    _ => None,
                }
            }

            /// The fixed text of a keyword or operator; `None` for the categories.
            pub fn text(self) -> Option<&'static str> {
                match self {
                    $(TokenKind::$kw => Some($kw_text),)*
                    $(TokenKind::$op => Some($op_text),)*
                    _ => None,
                }
            }

            pub fn is_keyword(self) -> bool {
                matches!(self, $(TokenKind::$kw)|*)
            }

            pub fn is_operator(self) -> bool {
                matches!(self, $(TokenKind::$op)|*)
            }
        }
    };
}

token_kinds! {
    categories {
        Name = "NAME",
        Number = "NUMBER",
        String = "STRING",
        Newline = "NEWLINE",
        Nl = "NL",
        Indent = "INDENT",
        Dedent = "DEDENT",
        Comment = "COMMENT",
        EndMarker = "ENDMARKER",
        // A character CPython reports as ERRORTOKEN (a lone `$` or `?`).
        ErrorToken = "ERRORTOKEN",
    }
    keywords {
        False = "False", None = "None", True = "True", And = "and", As = "as",
        Assert = "assert", Async = "async", Await = "await", Break = "break", Class = "class",
        Continue = "continue", Def = "def", Del = "del", Elif = "elif", Else = "else",
        Except = "except", Finally = "finally", For = "for", From = "from", Global = "global",
        If = "if", Import = "import", In = "in", Is = "is", Lambda = "lambda",
        Nonlocal = "nonlocal", Not = "not", Or = "or", Pass = "pass", Raise = "raise",
        Return = "return", Try = "try", While = "while", With = "with", Yield = "yield",
    }
    operators {
        LPar = "(", RPar = ")", LSqb = "[", RSqb = "]", Colon = ":", Comma = ",", Semi = ";",
        Plus = "+", Minus = "-", Star = "*", Slash = "/", VBar = "|", Amper = "&", Less = "<",
        Greater = ">", Equal = "=", Dot = ".", Percent = "%", LBrace = "{", RBrace = "}",
        EqEqual = "==", NotEqual = "!=", LessEqual = "<=", GreaterEqual = ">=", Tilde = "~",
        Circumflex = "^", LeftShift = "<<", RightShift = ">>", DoubleStar = "**",
        PlusEqual = "+=", MinEqual = "-=", StarEqual = "*=", SlashEqual = "/=",
        PercentEqual = "%=", AmperEqual = "&=", VBarEqual = "|=", CircumflexEqual = "^=",
        LeftShiftEqual = "<<=", RightShiftEqual = ">>=", DoubleStarEqual = "**=",
        DoubleSlash = "//", DoubleSlashEqual = "//=", At = "@", AtEqual = "@=", RArrow = "->",
        Ellipsis = "...", ColonEqual = ":=", Exclamation = "!",
    }
}
