//! Reading the desired state from disk: a file or a directory tree of `*.sql` files,
//! following psql `\i` / `\ir` includes.

use super::Statement;
use super::classify::classify;
use super::error::{Location, SourceError};
use super::refs::names;
use super::split::{Item, split};
use std::path::{Path, PathBuf};

/// Read a file, or every `*.sql` file under a directory (recursively, in sorted path order
/// so results are deterministic), into classified statements.
pub fn read_desired(path: &Path) -> Result<Vec<Statement>, SourceError> {
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
    let mut out = Vec::new();
    for file in files {
        read_file(&file, &mut Vec::new(), &mut out)?;
    }
    Ok(out)
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

/// `stack` holds the canonical paths of the files being included, with the include site,
/// to detect cycles.
fn read_file(
    file: &Path,
    stack: &mut Vec<(PathBuf, Option<Location>)>,
    out: &mut Vec<Statement>,
) -> Result<(), SourceError> {
    let text = std::fs::read_to_string(file).map_err(|source| SourceError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let canonical = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    for item in split(file, &text)? {
        match item {
            Item::Sql(chunk) => {
                let (kind, ast) = classify(&chunk.sql, &chunk.location)?;
                let (creates, references) = names(ast.as_ref(), &chunk.sql);
                out.push(Statement {
                    sql: chunk.sql,
                    location: chunk.location,
                    kind,
                    creates,
                    references,
                    annotations: chunk.annotations,
                });
            }
            Item::Meta {
                command,
                argument,
                location,
            } => {
                let relative = match command.as_str() {
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
                let target = include_path(&argument, relative, file, &location)?;
                let target_canonical = target.canonicalize().unwrap_or_else(|_| target.clone());
                stack.push((canonical.clone(), Some(location.clone())));
                if let Some(first) = stack.iter().position(|(p, _)| *p == target_canonical) {
                    let chain = stack[first..]
                        .iter()
                        .filter_map(|(_, site)| site.as_ref().map(ToString::to_string))
                        .collect::<Vec<_>>()
                        .join(" -> ");
                    return Err(SourceError::IncludeCycle { location, chain });
                }
                read_file(&target, stack, out)?;
                stack.pop();
            }
        }
    }
    Ok(())
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
