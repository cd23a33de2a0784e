//! Reading the desired state from disk: a file or a directory tree of `*.sql` files,
//! following psql `\i` / `\ir` includes, with the session settings each file sets.

use super::Statement;
use super::annotate::EXTERNAL;
use super::classify::{StatementKind, classify, unmanaged};
use super::error::{Location, SourceError};
use super::refs::{Namespace, ObjectName, names, resolve};
use super::session::{self, Session};
use super::skip;
use super::split::{Chunk, Item, leading_words, split};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Read a file, or every `*.sql` file under a directory (recursively, in sorted path order
/// so results are deterministic), into classified statements. Each file starts with the
/// server's default settings; an included file shares the session of the one including it.
pub fn read_desired(path: &Path) -> Result<Vec<Statement>, SourceError> {
    read_desired_with(path, false)
}

/// [`read_desired`], keeping the `ALTER ... OWNER TO` of the kinds whose owners schemadiff
/// manages when `owners` (`--owners`); without it every ownership change is dropped.
pub fn read_desired_with(path: &Path, owners: bool) -> Result<Vec<Statement>, SourceError> {
    let io = |source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    if std::fs::metadata(path).map_err(io)?.is_dir() {
        collect_sql_files(path, &mut files)?;
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut reader = Reader {
        follow_includes: true,
        owners,
        stack: Vec::new(),
        out: Vec::new(),
    };
    for file in files {
        reader.file(&file, &mut Session::default())?;
    }
    Ok(resolve_names(reader.out))
}

/// One file's content, given in memory (`file` only names it in locations). Includes are
/// not followed: they are errors. For tests and the fuzz harness.
pub fn read_bytes(file: &Path, bytes: &[u8]) -> Result<Vec<Statement>, SourceError> {
    let mut reader = Reader {
        follow_includes: false,
        owners: false,
        stack: Vec::new(),
        out: Vec::new(),
    };
    reader.text(file, decode(file, bytes)?, &mut Session::default())?;
    Ok(resolve_names(reader.out))
}

fn collect_sql_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let io = |source| SourceError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_sql_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "sql") {
            files.push(path);
        }
    }
    Ok(())
}

/// A file's text: UTF-8 without NUL characters (PostgreSQL accepts neither), a leading
/// byte-order mark dropped. Errors point at the offending byte.
fn decode<'a>(file: &Path, bytes: &'a [u8]) -> Result<&'a str, SourceError> {
    let start = Location {
        file: file.to_path_buf(),
        line: 1,
        column: 1,
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        SourceError::Lex {
            location: start.advance(std::str::from_utf8(valid).unwrap_or_default()),
            message: format!(
                "invalid UTF-8 (byte 0x{:02x}); desired files must be UTF-8, convert it with iconv -t UTF-8",
                bytes[e.valid_up_to()]
            ),
        }
    })?;
    if let Some(nul) = text.find('\0') {
        return Err(SourceError::Lex {
            location: start.advance(&text[..nul]),
            message: "NUL character; PostgreSQL does not accept it in SQL text, remove it".into(),
        });
    }
    Ok(text)
}

/// A statement whose unqualified references wait for every file to be read.
struct Pending {
    statement: Statement,
    unresolved: Vec<(Namespace, String)>,
}

struct Reader {
    follow_includes: bool,
    /// `--owners`: keep the ownership changes it manages.
    owners: bool,
    /// The canonical paths of the files being included, with the include site, to detect
    /// cycles.
    stack: Vec<(PathBuf, Option<Location>)>,
    out: Vec<Pending>,
}

impl Reader {
    fn file(&mut self, file: &Path, session: &mut Session) -> Result<(), SourceError> {
        let bytes = std::fs::read(file).map_err(|source| SourceError::Io {
            path: file.to_path_buf(),
            source,
        })?;
        self.text(file, decode(file, &bytes)?, session)
    }

    fn text(&mut self, file: &Path, text: &str, session: &mut Session) -> Result<(), SourceError> {
        for item in split(file, text)? {
            match item {
                Item::Sql(chunk) => self.statement(chunk, session)?,
                Item::Meta {
                    command,
                    argument,
                    location,
                } => self.meta(file, &command, &argument, location, session)?,
            }
        }
        Ok(())
    }

    fn statement(&mut self, chunk: Chunk, session: &mut Session) -> Result<(), SourceError> {
        // The first word says which of the word-level readers may apply, so a large
        // statement is not tokenized for nothing.
        let first = leading_words(&chunk.sql, 1).pop().unwrap_or_default();
        if matches!(first.as_str(), "SET" | "RESET" | "SELECT")
            && let Some(change) = session::parse(&chunk.sql, &chunk.location)
        {
            session.apply(change?, &chunk.location);
            return Ok(());
        }
        // Owners are managed only with `--owners` (README): otherwise pg_dump's `ALTER ...
        // OWNER TO` are dropped. With it, those of managed kinds load as any ALTER.
        if first == "ALTER"
            && skip::is_owner_change(&chunk.sql)
            && !(self.owners && skip::is_managed_owner_change(&chunk.sql))
        {
            return Ok(());
        }
        let (kind, ast) = if first == "DO" && skip::is_role_block(&chunk.sql) {
            (StatementKind::RoleBlock, None)
        } else {
            classify(&chunk.sql, &chunk.location)?
        };
        // Never silently ignored: an object kind the model does not hold would be loaded
        // into the shadow and then left out of every plan.
        if let Some((words, what)) = unmanaged(&chunk.sql)
            && !chunk.annotations.iter().any(|a| a.key == EXTERNAL)
        {
            return Err(SourceError::Rejected {
                location: chunk.location,
                message: format!(
                    "{words}: {what} are not managed by schemadiff; if it exists on every database this state is applied to, put `-- schemadiff:{EXTERNAL}` on the line above (it is then loaded into the shadow database for the statements that use it, and never created, changed or dropped); otherwise create it outside the desired state"
                ),
            });
        }
        let names = names(ast.as_ref(), &chunk.sql, session);
        self.out.push(Pending {
            statement: Statement {
                sql: chunk.sql,
                location: chunk.location,
                kind,
                creates: names.creates,
                references: names.references,
                annotations: chunk.annotations,
                session: session.clone(),
            },
            unresolved: names.unresolved,
        });
        Ok(())
    }

    fn meta(
        &mut self,
        file: &Path,
        command: &str,
        argument: &str,
        location: Location,
        session: &mut Session,
    ) -> Result<(), SourceError> {
        let relative = match command {
            // pg_dump's guard against meta-commands smuggled into a restore; here no
            // meta-command but includes runs at all, so there is nothing to guard.
            "restrict" | "unrestrict" => return Ok(()),
            "i" | "include" => false,
            "ir" | "include_relative" => true,
            _ => {
                return Err(SourceError::Meta {
                    location,
                    message: format!(
                        "psql meta-command \\{command} is not supported in a desired state; only \\i and \\ir includes are"
                    ),
                });
            }
        };
        if !self.follow_includes {
            return Err(SourceError::Meta {
                location,
                message: "includes are not followed in text read from memory".into(),
            });
        }
        let target = include_path(argument, relative, file, &location)?;
        let canonical = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
        let target_canonical = target.canonicalize().unwrap_or_else(|_| target.clone());
        self.stack.push((canonical, Some(location.clone())));
        if let Some(first) = self.stack.iter().position(|(p, _)| *p == target_canonical) {
            let chain = self.stack[first..]
                .iter()
                .filter_map(|(_, site)| site.as_ref().map(ToString::to_string))
                .collect::<Vec<_>>()
                .join(" -> ");
            return Err(SourceError::IncludeCycle { location, chain });
        }
        // As in psql, the included file runs in the same session: it sees the settings made
        // so far, and its own settings last after it.
        self.file(&target, session)?;
        self.stack.pop();
        Ok(())
    }
}

/// Resolve every statement's unqualified references against its own search_path and what
/// the whole desired state creates.
fn resolve_names(pending: Vec<Pending>) -> Vec<Statement> {
    let created: HashSet<ObjectName> = pending
        .iter()
        .flat_map(|p| p.statement.creates.iter().cloned())
        .collect();
    pending
        .into_iter()
        .map(|p| {
            let mut s = p.statement;
            let path = s.session.lookup_path();
            for r in resolve(&p.unresolved, &path, |o| created.contains(o)) {
                if !s.creates.contains(&r) && !s.references.contains(&r) {
                    s.references.push(r);
                }
            }
            s.references.sort();
            s
        })
        .collect()
}

fn include_path(
    argument: &str,
    relative: bool,
    including: &Path,
    location: &Location,
) -> Result<PathBuf, SourceError> {
    // psql allows quoting the file name.
    let name = argument
        .strip_prefix('\'')
        .and_then(|a| a.strip_suffix('\''))
        .unwrap_or(argument);
    if name.is_empty() {
        return Err(SourceError::Meta {
            location: location.clone(),
            message: "include without a file name".into(),
        });
    }
    let name = Path::new(name);
    if relative && name.is_relative() {
        Ok(including.parent().unwrap_or(Path::new("")).join(name))
    } else {
        Ok(name.to_path_buf())
    }
}
