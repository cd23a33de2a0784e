//! Python source for the code formats (Alembic, Django): string literals and headers.

/// `s` as a Python triple-quoted string literal that evaluates to exactly `s`.
pub fn literal(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"")
        .replace('\r', "\\r");
    // A closing quote right before the delimiter would end the literal early.
    let escaped = match escaped.strip_suffix('"') {
        Some(head) => format!("{head}\\\""),
        None => escaped,
    };
    format!("\"\"\"{escaped}\"\"\"")
}

/// `s` with every `:name` that SQLAlchemy's `text()` would take for a bind parameter
/// escaped as `\:name` (`::` casts are left alone, as `text()` leaves them).
pub fn escape_binds(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        let bind = c == ':'
            && !prev.is_some_and(|p| p == ':' || p == '\\' || p.is_alphanumeric() || p == '_')
            && next.is_some_and(|n| n.is_alphanumeric() || n == '_');
        if bind {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A header as `#` comment lines.
pub fn header(lines: &[String]) -> String {
    super::comment(lines, "#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_quotes_and_backslashes() {
        assert_eq!(literal("a\\b"), "\"\"\"a\\\\b\"\"\"");
        assert_eq!(literal("x\"\"\"y"), "\"\"\"x\\\"\\\"\\\"y\"\"\"");
        assert_eq!(literal("say \"hi\""), "\"\"\"say \"hi\\\"\"\"\"");
    }

    #[test]
    fn only_bind_like_colons_are_escaped() {
        assert_eq!(escape_binds("a::int"), "a::int");
        assert_eq!(escape_binds("'x :y'"), "'x \\:y'");
        assert_eq!(escape_binds("'a:b'"), "'a:b'");
    }
}
