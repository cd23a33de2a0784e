//! The index a `CREATE INDEX CONCURRENTLY` statement builds, read from its SQL: a resume
//! or retry looks it up in `pg_index`, since a concurrent build that died leaves it behind
//! INVALID.

/// `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] schema.table ...`:
/// the index's schema (the table's) and name.
pub fn concurrent_index(sql: &str) -> Option<(String, String)> {
    let mut words = Words(sql.trim_start());
    let next_is = |w: &str, words: &mut Words| {
        let save = words.0;
        match words.word() {
            Some(x) if x.eq_ignore_ascii_case(w) => true,
            _ => {
                words.0 = save;
                false
            }
        }
    };
    if !next_is("CREATE", &mut words) {
        return None;
    }
    next_is("UNIQUE", &mut words);
    if !next_is("INDEX", &mut words) || !next_is("CONCURRENTLY", &mut words) {
        return None;
    }
    if next_is("IF", &mut words) && !(next_is("NOT", &mut words) && next_is("EXISTS", &mut words)) {
        return None;
    }
    let name = words.ident()?;
    if !next_is("ON", &mut words) {
        return None;
    }
    next_is("ONLY", &mut words);
    let first = words.ident()?;
    let schema = if words.0.starts_with('.') {
        words.0 = &words.0[1..];
        words.ident()?;
        first
    } else {
        "public".to_string()
    };
    Some((schema, name))
}

/// A tiny reader of SQL words and identifiers (quoted or not).
struct Words<'a>(&'a str);

impl Words<'_> {
    fn word(&mut self) -> Option<&str> {
        self.0 = self.0.trim_start();
        let end = self
            .0
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.0.len());
        if end == 0 {
            return None;
        }
        let (w, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(w)
    }

    fn ident(&mut self) -> Option<String> {
        self.0 = self.0.trim_start();
        if let Some(rest) = self.0.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = rest.char_indices();
            while let Some((i, c)) = chars.next() {
                if c == '"' {
                    if rest[i + 1..].starts_with('"') {
                        out.push('"');
                        chars.next();
                    } else {
                        self.0 = &rest[i + 1..];
                        return Some(out);
                    }
                } else {
                    out.push(c);
                }
            }
            None
        } else {
            self.word().map(str::to_lowercase)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_index_names() {
        assert_eq!(
            concurrent_index("CREATE INDEX CONCURRENTLY i ON public.t USING btree (a)"),
            Some(("public".into(), "i".into()))
        );
        assert_eq!(
            concurrent_index(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Odd \"\"x\" ON ONLY \"S\".t (a)"
            ),
            Some(("S".into(), "Odd \"x".into()))
        );
        assert_eq!(concurrent_index("CREATE INDEX i ON public.t (a)"), None);
        assert_eq!(concurrent_index("DROP INDEX CONCURRENTLY public.i"), None);
    }
}
