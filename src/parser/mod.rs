//! The parser: tokens to the AST.

use crate::ast::Module;
use crate::source::SourceFile;
use crate::syntax_error::SyntaxError;

/// Parses a whole file (CPython's `exec` mode).
pub fn parse_module(_source: &SourceFile) -> Result<Module, SyntaxError> {
    Ok(Module { body: Vec::new() })
}
