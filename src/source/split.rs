//! A small lexer that splits a file into statements without needing sqlparser to succeed:
//! it only has to know where quoted text, comments and `BEGIN ATOMIC` bodies start and end.

use super::annotate::{self, Annotation};
use super::classify::{StatementKind, keyword_kind_of};
use super::error::{Location, SourceError};
use std::path::Path;

/// One statement's exact text and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chunk {
    /// From the first token up to (not including) the terminating `;`.
    pub sql: String,
    pub location: Location,
    pub annotations: Vec<Annotation>,
}

/// What a file is made of: SQL statements and psql meta-commands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Sql(Chunk),
    /// `\command argument`, e.g. `\ir other.sql`.
    Meta {
        command: String,
        argument: String,
        location: Location,
    },
}

/// Byte offsets of line starts, to turn offsets into 1-based line and character columns.
struct Lines<'a> {
    file: &'a Path,
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(file: &'a Path, text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { file, text, starts }
    }

    fn at(&self, offset: usize) -> Location {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        Location {
            file: self.file.to_path_buf(),
            line: line + 1,
            column,
        }
    }
}

pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || !c.is_ascii()
}

pub(crate) fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || c == '$'
}

/// Tracks `BEGIN ATOMIC ... END` bodies of SQL-standard function bodies, where `;` does
/// not end the statement. `CASE ... END` inside the body also ends with `END`.
#[derive(Default)]
struct Atomic {
    first_word_is_create: Option<bool>,
    previous_word_was_begin: bool,
    in_body: bool,
    case_depth: usize,
}

impl Atomic {
    fn word(&mut self, word: &str) {
        let first = *self
            .first_word_is_create
            .get_or_insert_with(|| word.eq_ignore_ascii_case("create"));
        if self.in_body {
            if word.eq_ignore_ascii_case("case") {
                self.case_depth += 1;
            } else if word.eq_ignore_ascii_case("end") {
                if self.case_depth > 0 {
                    self.case_depth -= 1;
                } else {
                    self.in_body = false;
                }
            }
        } else if first && self.previous_word_was_begin && word.eq_ignore_ascii_case("atomic") {
            self.in_body = true;
        }
        self.previous_word_was_begin = word.eq_ignore_ascii_case("begin");
    }

    fn other_token(&mut self) {
        self.previous_word_was_begin = false;
    }
}

/// Split `text` (the content of `file`) into statements and meta-commands.
pub(crate) fn split(file: &Path, text: &str) -> Result<Vec<Item>, SourceError> {
    let lines = Lines::new(file, text);
    let lex_err = |offset: usize, message: &str| SourceError::Lex {
        location: lines.at(offset),
        message: message.to_string(),
    };
    let mut items = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut atomic = Atomic::default();
    // Annotations inside the current statement (the last `waiting` of `annotations`) wait
    // for the identifier after them, their subject; `depth` and `previous` (the last
    // punctuation token, if the last token was one) say where that identifier stands.
    let mut waiting = 0;
    let mut depth = 0i32;
    let mut previous: Option<char> = None;
    let mut pos = 0;

    let finish = |items: &mut Vec<Item>,
                  start: &mut Option<usize>,
                  end: usize,
                  annotations: &mut Vec<Annotation>,
                  atomic: &mut Atomic| {
        if let Some(s) = start.take() {
            items.push(Item::Sql(Chunk {
                sql: text[s..end].to_string(),
                location: lines.at(s),
                annotations: std::mem::take(annotations),
            }));
        }
        *atomic = Atomic::default();
    };

    while pos < text.len() {
        let rest = &text[pos..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        if rest.starts_with("--") {
            let len = rest.find('\n').unwrap_or(rest.len());
            let comment = rest[..len].trim_end_matches('\r');
            if let Some(a) = annotate::parse_comment(comment, &lines.at(pos))? {
                annotations.push(a);
                if start.is_some() {
                    waiting += 1;
                }
            }
            pos += len;
            continue;
        }
        if rest.starts_with("/*") {
            pos = skip_block_comment(text, pos)
                .ok_or_else(|| lex_err(pos, "unterminated /* comment"))?;
            continue;
        }
        if c == ';' && !atomic.in_body {
            if waiting > 0 {
                return Err(misplaced(&annotations[annotations.len() - waiting]));
            }
            finish(&mut items, &mut start, end, &mut annotations, &mut atomic);
            (depth, previous) = (0, None);
            pos += 1;
            continue;
        }
        if c == '\\' {
            if start.is_some() {
                return Err(SourceError::Meta {
                    location: lines.at(pos),
                    message:
                        "psql meta-command inside a statement; end the statement with `;` first"
                            .into(),
                });
            }
            if let Some(a) = annotations.first() {
                return Err(SourceError::Annotation {
                    location: a.location.clone(),
                    message: "an annotation must stand directly above a SQL statement".into(),
                });
            }
            let len = rest.find('\n').unwrap_or(rest.len());
            let line = rest[1..len].trim_end();
            let cmd_len = line.find(char::is_whitespace).unwrap_or(line.len());
            items.push(Item::Meta {
                command: line[..cmd_len].to_string(),
                argument: line[cmd_len..].trim().to_string(),
                location: lines.at(pos),
            });
            pos += len;
            continue;
        }
        // Everything else is a token of the current statement.
        let token_start = pos;
        if waiting > 0 {
            let statement = &text[start.unwrap_or(pos)..pos];
            let subject = subject_of(rest, statement, depth, previous).map_err(|message| {
                SourceError::Annotation {
                    location: annotations[annotations.len() - waiting].location.clone(),
                    message,
                }
            })?;
            let from = annotations.len() - waiting;
            for a in &mut annotations[from..] {
                a.subject = Some(subject.clone());
            }
            waiting = 0;
        }
        start.get_or_insert(pos);
        if c == '\'' {
            pos = skip_quoted(text, pos, '\'', false)
                .ok_or_else(|| lex_err(token_start, "unterminated string literal"))?;
            atomic.other_token();
        } else if c == '"' {
            pos = skip_quoted(text, pos, '"', false)
                .ok_or_else(|| lex_err(token_start, "unterminated quoted identifier"))?;
            atomic.other_token();
        } else if c == '$' {
            match dollar_tag(rest) {
                Some(tag) => {
                    let body = pos + tag.len();
                    let close = text[body..].find(tag).ok_or_else(|| {
                        lex_err(
                            token_start,
                            &format!("unterminated dollar-quoted string {tag}"),
                        )
                    })?;
                    pos = body + close + tag.len();
                }
                None => pos += 1,
            }
            atomic.other_token();
        } else if is_ident_start(c) {
            let len = rest
                .find(|ch: char| !is_ident_char(ch))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            pos += len;
            if (word == "E" || word == "e") && text[pos..].starts_with('\'') {
                // E'...' strings take backslash escapes, so \' does not end them.
                pos = skip_quoted(text, pos, '\'', true)
                    .ok_or_else(|| lex_err(token_start, "unterminated string literal"))?;
                atomic.other_token();
            } else {
                atomic.word(word);
            }
        } else {
            pos += c.len_utf8();
            if c != ';' {
                atomic.other_token();
            }
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
        }
        previous = (!c.is_alphanumeric() && !matches!(c, '"' | '\'' | '$' | '_')).then_some(c);
        end = pos;
    }
    if let Some(a) = annotations.first().filter(|_| start.is_none()) {
        return Err(SourceError::Annotation {
            location: a.location.clone(),
            message: "an annotation must stand directly above a SQL statement".into(),
        });
    }
    if waiting > 0 {
        return Err(misplaced(&annotations[annotations.len() - waiting]));
    }
    finish(&mut items, &mut start, end, &mut annotations, &mut atomic);
    Ok(items)
}

fn misplaced(a: &Annotation) -> SourceError {
    SourceError::Annotation {
        location: a.location.clone(),
        message: "an annotation inside a statement must stand directly above a column definition; this one is followed by the end of the statement".into(),
    }
}

/// Table elements of `CREATE TABLE` that are not columns.
const TABLE_CONSTRAINTS: [&str; 6] = [
    "constraint",
    "primary",
    "unique",
    "check",
    "foreign",
    "like",
];

/// The subject of annotations inside a statement: the identifier at the start of `rest`
/// (bare folded to lower case as PostgreSQL does, ASCII only; quoted kept, `""` unescaped).
/// `statement` is the statement's text so far; in a `CREATE TABLE` the identifier must
/// start a column definition (`depth` 1, after `(` or `,`), not a table constraint.
fn subject_of(
    rest: &str,
    statement: &str,
    depth: i32,
    previous: Option<char>,
) -> Result<String, String> {
    let in_table = keyword_kind_of(statement) == Some(StatementKind::CreateTable);
    let not_a_column = |what: &str| {
        let place = if in_table {
            "inside CREATE TABLE an annotation"
        } else {
            "an annotation inside a statement"
        };
        format!("{place} must stand directly above a column definition, {what}")
    };
    if in_table && (depth != 1 || !matches!(previous, Some('(' | ','))) {
        return Err(not_a_column("not elsewhere in the statement"));
    }
    let c = rest.chars().next().unwrap_or(' ');
    let (subject, bare) = if c == '"' {
        // Unterminated: the lexer reports it right after.
        let Some(close) = skip_quoted(rest, 0, '"', false) else {
            return Ok(String::new());
        };
        (rest[1..close - 1].replace("\"\"", "\""), false)
    } else if is_ident_start(c)
        && !(rest[c.len_utf8()..].starts_with('\'') && matches!(c, 'e' | 'E'))
    {
        let len = rest
            .find(|ch: char| !is_ident_char(ch))
            .unwrap_or(rest.len());
        (rest[..len].to_ascii_lowercase(), true)
    } else {
        let found: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(20)
            .collect();
        return Err(not_a_column(&format!("not above `{found}`")));
    };
    if !in_table {
        return Ok(subject);
    }
    // `exclude` may name a column; the constraint goes on with `USING` or `(`.
    let exclude = || {
        let after = rest["exclude".len()..].trim_start();
        after.starts_with('(')
            || leading_words(after, 1)
                .first()
                .is_some_and(|w| w == "USING")
    };
    if bare
        && (TABLE_CONSTRAINTS.contains(&subject.as_str()) || (subject == "exclude" && exclude()))
    {
        return Err(format!(
            "an annotation cannot stand above a table constraint ({}); annotate a column, or the CREATE TABLE statement",
            subject.to_ascii_uppercase()
        ));
    }
    Ok(subject)
}

/// `pos` is at `/*`; returns the offset after the matching `*/` (comments nest in PostgreSQL).
pub(crate) fn skip_block_comment(text: &str, mut pos: usize) -> Option<usize> {
    let mut depth = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        if rest.starts_with("/*") {
            depth += 1;
            pos += 2;
        } else if rest.starts_with("*/") {
            depth -= 1;
            pos += 2;
            if depth == 0 {
                return Some(pos);
            }
        } else {
            pos += rest.chars().next()?.len_utf8();
        }
    }
    None
}

/// `pos` is at the opening `quote`; a doubled quote is an escaped one, and with
/// `backslash` a backslash escapes the next character. Returns the offset after the close.
pub(crate) fn skip_quoted(text: &str, pos: usize, quote: char, backslash: bool) -> Option<usize> {
    let mut chars = text[pos + 1..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if backslash && c == '\\' {
            chars.next();
        } else if c == quote {
            if chars.peek().is_some_and(|&(_, n)| n == quote) {
                chars.next();
            } else {
                return Some(pos + 1 + i + 1);
            }
        }
    }
    None
}

/// At a `$`: the opening `$tag$` of a dollar-quoted string, if it is one (`$1` is a parameter).
pub(crate) fn dollar_tag(rest: &str) -> Option<&str> {
    let after = &rest[1..];
    let close = after.find('$')?;
    let tag = &after[..close];
    let valid = match tag.chars().next() {
        None => true,
        Some(first) => is_ident_start(first) && tag.chars().all(|c| is_ident_char(c) && c != '$'),
    };
    valid.then(|| &rest[..close + 2])
}

/// The first `n` bare words of a statement, upper-cased, skipping comments; stops at the
/// first token that is not a bare word. Used to classify statements sqlparser cannot parse.
pub(crate) fn leading_words(sql: &str, n: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut pos = 0;
    while pos < sql.len() && words.len() < n {
        let rest = &sql[pos..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            pos += c.len_utf8();
        } else if rest.starts_with("--") {
            pos += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            match skip_block_comment(sql, pos) {
                Some(p) => pos = p,
                None => break,
            }
        } else if is_ident_start(c) {
            let len = rest
                .find(|ch: char| !is_ident_char(ch))
                .unwrap_or(rest.len());
            words.push(rest[..len].to_ascii_uppercase());
            pos += len;
        } else {
            break;
        }
    }
    words
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
