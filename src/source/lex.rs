//! Tokens of one already-split statement, for the few statements read by their words rather
//! than by sqlparser: session settings, ownership changes, `DO` blocks and the leading names
//! of statements sqlparser cannot parse. Total: never fails, whatever the text.

use super::split::{dollar_tag, is_ident_char, is_ident_start, skip_block_comment, skip_quoted};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    /// A bare word as written (callers decide about case).
    Word(String),
    /// A `"quoted identifier"`, unescaped.
    Quoted(String),
    /// A `'string'` or `E'string'`, unescaped as far as quotes go.
    Str(String),
    /// The body of a `$tag$ ... $tag$` string.
    Dollar(String),
    Number(String),
    Punct(char),
}

impl Token {
    /// Whether this is the bare word `w` (ASCII case-insensitive).
    pub fn is_word(&self, w: &str) -> bool {
        matches!(self, Token::Word(x) if x.eq_ignore_ascii_case(w))
    }

    /// An identifier as PostgreSQL folds it: bare words lower-cased, quoted kept.
    pub fn ident(&self) -> Option<String> {
        match self {
            Token::Word(w) => Some(w.to_lowercase()),
            Token::Quoted(q) => Some(q.clone()),
            _ => None,
        }
    }
}

/// Every token of `sql`; comments are dropped. Unterminated quotes or comments (which the
/// splitter has already refused for real files) simply end the token list.
pub(crate) fn tokens(sql: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < sql.len() {
        let rest = &sql[pos..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            pos += c.len_utf8();
        } else if rest.starts_with("--") {
            pos += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            match skip_block_comment(sql, pos) {
                Some(p) => pos = p,
                None => break,
            }
        } else if c == '\'' || c == '"' {
            let Some(end) = skip_quoted(sql, pos, c, false) else {
                break;
            };
            let inner =
                sql[pos + 1..end - 1].replace(if c == '"' { "\"\"" } else { "''" }, &c.to_string());
            out.push(if c == '"' {
                Token::Quoted(inner)
            } else {
                Token::Str(inner)
            });
            pos = end;
        } else if c == '$'
            && let Some(tag) = dollar_tag(rest)
        {
            let body = pos + tag.len();
            let Some(close) = sql[body..].find(tag) else {
                break;
            };
            out.push(Token::Dollar(sql[body..body + close].to_string()));
            pos = body + close + tag.len();
        } else if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            out.push(Token::Number(rest[..len].to_string()));
            pos += len;
        } else if is_ident_start(c) {
            let len = rest
                .find(|ch: char| !is_ident_char(ch))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            pos += len;
            if word.eq_ignore_ascii_case("e") && sql[pos..].starts_with('\'') {
                let Some(end) = skip_quoted(sql, pos, '\'', true) else {
                    break;
                };
                out.push(Token::Str(sql[pos + 1..end - 1].replace("''", "'")));
                pos = end;
            } else {
                out.push(Token::Word(word.to_string()));
            }
        } else {
            out.push(Token::Punct(c));
            pos += c.len_utf8();
        }
    }
    out
}

/// The dotted name starting at `tokens[i]` (`a."B".c`), folded, and the index after it.
pub(crate) fn dotted_name(tokens: &[Token], mut i: usize) -> Option<(Vec<String>, usize)> {
    let mut name = Vec::new();
    loop {
        name.push(tokens.get(i)?.ident()?);
        i += 1;
        if tokens.get(i) != Some(&Token::Punct('.')) {
            return Some((name, i));
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Token::*;

    #[test]
    fn tokens_of_every_kind() {
        assert_eq!(
            tokens("SET x = 'it''s', \"A\"\"b\" -- c\n/* d /* e */ */ $q$ 1; $q$ E'\\'' 1.5e3 $1"),
            [
                Word("SET".into()),
                Word("x".into()),
                Punct('='),
                Str("it's".into()),
                Punct(','),
                Quoted("A\"b".into()),
                Dollar(" 1; ".into()),
                Str("\\'".into()),
                Number("1.5e3".into()),
                Punct('$'),
                Number("1".into()),
            ]
        );
    }

    #[test]
    fn unterminated_text_ends_the_tokens() {
        assert_eq!(tokens("a 'b"), [Word("a".into())]);
        assert_eq!(tokens("a $x$ b"), [Word("a".into())]);
        assert_eq!(tokens("a /* b"), [Word("a".into())]);
    }

    #[test]
    fn dotted_names_fold_case() {
        let t = tokens("App.\"Tab\".Col x");
        assert_eq!(
            dotted_name(&t, 0),
            Some((vec!["app".into(), "Tab".into(), "col".into()], 5))
        );
        assert_eq!(dotted_name(&t, 5), Some((vec!["x".into()], 6)));
        assert_eq!(dotted_name(&tokens("("), 0), None);
    }
}
