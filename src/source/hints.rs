//! The planner's [`Hints`] from the desired state's annotations:
//!
//! - `-- schemadiff:renamed from=<old name> [mode=instant|online]` directly above a column
//!   definition inside `CREATE TABLE (...)` renames that column; directly above a
//!   `CREATE TABLE | VIEW | MATERIALIZED VIEW | INDEX | SEQUENCE | TYPE | DOMAIN | SCHEMA`
//!   it renames the object the statement creates.
//! - `-- schemadiff:backfill using="<expr>" [reverse="<expr>"]`, only above a column
//!   definition: how to fill the column from the row as it is.
//!
//! `from=` is read as a SQL name: `from=Old` is `old`, `from="Old Name"` keeps its case,
//! `from=old_app.users` (or `from="Old App".users`) names the old schema too; see
//! [`Rename`] for the form stored. Objects are named as in the desired state, in the schema
//! their statement creates them in ([`Statement::creates`], resolved with the statement's
//! `search_path`). Everything else — an unknown key or argument, a key on the wrong kind of
//! statement, two renames of one object or from one old name, `backfill` without `using=` —
//! is an error at the annotation.

use super::annotate::EXTERNAL;
use super::classify::{StatementKind, keyword_kind_of};
use super::error::SourceError;
use super::lex::{dotted_name, tokens};
use super::refs::Namespace;
use super::split::{is_ident_char, is_ident_start};
use super::{Annotation, Statement};
use crate::model::{ObjectId, QualifiedName, quote_ident};
use crate::plan::{Backfill, Hints, Rename};
use std::collections::BTreeMap;

/// The renames and backfills the statements' annotations ask for (`in_place_types` stays
/// empty: the server says those, `resolve` asks it).
pub fn hints(statements: &[Statement]) -> Result<Hints, SourceError> {
    let mut builder = Builder::default();
    for statement in statements {
        for annotation in &statement.annotations {
            builder.annotation(statement, annotation)?;
        }
    }
    Ok(builder.hints)
}

/// What an old name is unique in: renames from one old name collide only there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum OldName {
    Column(QualifiedName, String),
    /// Tables, views, materialized views, indexes and sequences share one name space.
    Relation(QualifiedName),
    Type(QualifiedName),
    Schema(String),
    /// By name: the arguments are those of the function the annotation stands above.
    Function(QualifiedName),
}

#[derive(Default)]
struct Builder {
    hints: Hints,
    /// Where each old name was claimed, to refuse a second claim.
    old_names: BTreeMap<OldName, String>,
}

fn error(a: &Annotation, message: impl Into<String>) -> SourceError {
    SourceError::Annotation {
        location: a.location.clone(),
        message: message.into(),
    }
}

impl Builder {
    fn annotation(&mut self, s: &Statement, a: &Annotation) -> Result<(), SourceError> {
        match a.key.as_str() {
            "renamed" => self.renamed(s, a),
            "backfill" => self.backfill(s, a),
            // Carried out by `externals`, which both sides read; only checked here.
            EXTERNAL => {
                only_args(a, &[])?;
                match &a.subject {
                    None => Ok(()),
                    Some(_) => Err(error(
                        a,
                        "`external` stands on the line above a whole statement, not inside one",
                    )),
                }
            }
            other => Err(error(
                a,
                format!(
                    "unknown annotation `{other}`; schemadiff reads `renamed` (from=, mode=), `backfill` (using=, reverse=) and `{EXTERNAL}`"
                ),
            )),
        }
    }

    fn renamed(&mut self, s: &Statement, a: &Annotation) -> Result<(), SourceError> {
        only_args(a, &["from", "mode"])?;
        let object = match &a.subject {
            Some(column) => column_of(s, a, column)?,
            None => object_of(s, a)?,
        };
        let raw = a
            .raw
            .get("from")
            .ok_or_else(|| error(a, "`renamed` needs the old name: renamed from=<old name>"))?;
        let parts = parse_name(raw).map_err(|m| error(a, format!("from={raw}: {m}")))?;
        let instant = match a.args.get("mode").map(String::as_str) {
            None | Some("online") => false,
            Some("instant") => true,
            Some(other) => {
                return Err(error(
                    a,
                    format!("mode={other}: a rename's mode is `online` (the default) or `instant`"),
                ));
            }
        };
        let (from, from_schema, old) =
            old_name(&object, parts).map_err(|m| error(a, format!("from={raw}: {m}")))?;
        if let Some(earlier) = self.hints.rename_of(&object) {
            return Err(error(
                a,
                format!("{object} is already renamed at {}", earlier.location),
            ));
        }
        if let Some(earlier) = self.old_names.get(&old) {
            return Err(error(
                a,
                format!(
                    "{} is already renamed to another object at {earlier}",
                    describe_old(&old)
                ),
            ));
        }
        let location = a.location.to_string();
        self.old_names.insert(old, location.clone());
        self.hints.renames.push(Rename {
            object,
            from,
            from_schema,
            instant,
            location,
        });
        Ok(())
    }

    fn backfill(&mut self, s: &Statement, a: &Annotation) -> Result<(), SourceError> {
        only_args(a, &["using", "reverse"])?;
        let Some(column) = &a.subject else {
            return Err(error(
                a,
                "`backfill` fills a column: write it directly above the column's definition inside CREATE TABLE (...)",
            ));
        };
        let object = column_of(s, a, column)?;
        let using = a.args.get("using").ok_or_else(|| {
            error(
                a,
                "`backfill` needs the expression: backfill using=\"<SQL expression over the row>\"",
            )
        })?;
        if let Some(earlier) = self.hints.backfills.get(&object) {
            return Err(error(
                a,
                format!("{object} already has a backfill at {}", earlier.location),
            ));
        }
        self.hints.backfills.insert(
            object,
            Backfill {
                using: using.clone(),
                reverse: a.args.get("reverse").cloned(),
                location: a.location.to_string(),
            },
        );
        Ok(())
    }
}

fn only_args(a: &Annotation, known: &[&str]) -> Result<(), SourceError> {
    match a.args.keys().find(|k| !known.contains(&k.as_str())) {
        None => Ok(()),
        Some(unknown) if known.is_empty() => Err(error(
            a,
            format!("`{}` takes no arguments (found `{unknown}`)", a.key),
        )),
        Some(unknown) => Err(error(
            a,
            format!(
                "`{}` takes no argument `{unknown}`; it takes {}",
                a.key,
                known
                    .iter()
                    .map(|k| format!("{k}="))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        )),
    }
}

/// The kind of statement, also for those sqlparser could not parse.
fn kind_of(s: &Statement) -> StatementKind {
    match s.kind {
        StatementKind::Unparsed => keyword_kind_of(&s.sql).unwrap_or(StatementKind::Unparsed),
        kind => kind,
    }
}

/// What the statement is, for messages: its leading keywords up to the object kind.
fn what(s: &Statement) -> String {
    let words = super::split::leading_words(&s.sql, 4);
    let end = words
        .iter()
        .position(|w| {
            !matches!(
                w.as_str(),
                "CREATE"
                    | "OR"
                    | "REPLACE"
                    | "UNIQUE"
                    | "UNLOGGED"
                    | "RECURSIVE"
                    | "CONSTRAINT"
                    | "MATERIALIZED"
                    | "TRUSTED"
                    | "PROCEDURAL"
                    | "DEFAULT"
            )
        })
        .map_or(words.len(), |i| i + 1);
    words[..end].join(" ")
}

/// The name the statement creates in `namespace`.
fn created(
    s: &Statement,
    a: &Annotation,
    namespace: Namespace,
) -> Result<QualifiedName, SourceError> {
    s.creates
        .iter()
        .find(|o| o.namespace == namespace)
        .map(|o| o.name.clone())
        // An empty schema: the statement's search_path was empty.
        .filter(|name| !name.schema.is_empty())
        .ok_or_else(|| {
            error(
                a,
                format!(
                    "cannot tell which schema this {} creates its object in; schema-qualify its name",
                    what(s)
                ),
            )
        })
}

/// The column `column` of the table a `CREATE TABLE` creates.
fn column_of(s: &Statement, a: &Annotation, column: &str) -> Result<ObjectId, SourceError> {
    if kind_of(s) != StatementKind::CreateTable {
        return Err(error(
            a,
            format!(
                "`{}` inside {} is not read; inside a statement, annotations belong directly above a column definition of CREATE TABLE",
                a.key,
                what(s)
            ),
        ));
    }
    Ok(ObjectId::Column {
        table: created(s, a, Namespace::Relation)?,
        column: column.to_string(),
    })
}

/// The object a statement creates, for an annotation above it.
fn object_of(s: &Statement, a: &Annotation) -> Result<ObjectId, SourceError> {
    use StatementKind::*;
    let relation = || created(s, a, Namespace::Relation);
    Ok(match kind_of(s) {
        CreateTable => ObjectId::Table { name: relation()? },
        CreateView => ObjectId::View { name: relation()? },
        CreateMaterializedView => ObjectId::MaterializedView { name: relation()? },
        CreateSequence => ObjectId::Sequence { name: relation()? },
        CreateType | CreateDomain => ObjectId::Type {
            name: created(s, a, Namespace::Type)?,
        },
        CreateSchema => ObjectId::Schema {
            name: created(s, a, Namespace::Schema)?.schema,
        },
        CreateIndex => index_of(s, a)?,
        // The arguments are read from the desired catalog when planning (`args` empty here):
        // the statement's own text spells them as written, not as PostgreSQL stores them.
        CreateFunction | CreateProcedure => {
            let name = created(s, a, Namespace::Function)?;
            ObjectId::Function {
                id: crate::model::FunctionId {
                    schema: name.schema,
                    name: name.name,
                    args: String::new(),
                },
            }
        }
        _ => {
            return Err(error(
                a,
                format!(
                    "`{}` cannot stand above {}: it applies to CREATE TABLE, VIEW, MATERIALIZED VIEW, INDEX, SEQUENCE, TYPE, DOMAIN, SCHEMA, FUNCTION and PROCEDURE, and to the columns inside CREATE TABLE (...)",
                    a.key,
                    what(s)
                ),
            ));
        }
    })
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table`: the index,
/// in its table's schema (the table's own qualification, else the statement's creation
/// schema, as [`Statement::creates`] has it).
fn index_of(s: &Statement, a: &Annotation) -> Result<ObjectId, SourceError> {
    let t = tokens(&s.sql);
    let word = |i: usize, w: &str| t.get(i).is_some_and(|x| x.is_word(w));
    let mut i = 0;
    while [
        "create",
        "unique",
        "index",
        "concurrently",
        "if",
        "not",
        "exists",
    ]
    .iter()
    .any(|w| word(i, w))
    {
        i += 1;
    }
    let unnamed = || {
        error(
            a,
            format!(
                "`{}` needs a named index: CREATE INDEX <name> ON ...",
                a.key
            ),
        )
    };
    if word(i, "on") {
        return Err(unnamed());
    }
    let (name, mut i) = dotted_name(&t, i).ok_or_else(unnamed)?;
    if !word(i, "on") {
        return Err(unnamed());
    }
    i += 1;
    if word(i, "only") {
        i += 1;
    }
    let (mut table, _) = dotted_name(&t, i).ok_or_else(unnamed)?;
    let table_name = table.pop().unwrap_or_default();
    let schema = match table.pop() {
        Some(schema) => schema,
        None => s
            .session
            .creation_schema()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                error(
                    a,
                    "cannot tell which schema this index's table is in; schema-qualify the table",
                )
            })?,
    };
    Ok(ObjectId::Index {
        table: QualifiedName::new(schema, table_name),
        name: name.last().cloned().unwrap_or_default(),
    })
}

/// `Rename.from`, `Rename.from_schema` and the old name's key, from the parts of `from=`.
fn old_name(
    object: &ObjectId,
    mut parts: Vec<String>,
) -> Result<(String, Option<String>, OldName), String> {
    let qualified = parts.len() > 1;
    let name = parts.pop().unwrap_or_default();
    let schema = parts.pop();
    if !parts.is_empty() {
        return Err("give the old name as <name> or <schema>.<name>".into());
    }
    let same = |new: &str| {
        (name == new && schema.is_none())
            .then(|| format!("renamed from its own name `{new}`; remove the annotation"))
    };
    match object {
        ObjectId::Column { table, column } => {
            if qualified {
                return Err(
                    "a column is renamed within its table: give the old column name alone".into(),
                );
            }
            if let Some(m) = same(column) {
                return Err(m);
            }
            let old = OldName::Column(table.clone(), name.clone());
            Ok((name, None, old))
        }
        ObjectId::Schema { name: new } => {
            if qualified {
                return Err("a schema's old name has no schema: give it alone".into());
            }
            if let Some(m) = same(new) {
                return Err(m);
            }
            let old = OldName::Schema(name.clone());
            Ok((name, None, old))
        }
        ObjectId::Index { table, name: new } => {
            if let Some(old_schema) = schema.as_ref().filter(|s| **s != table.schema) {
                return Err(format!(
                    "an index stays in its table's schema {}; it cannot come from schema {}",
                    quote_ident(&table.schema),
                    quote_ident(old_schema)
                ));
            }
            if name == *new {
                return Err(format!(
                    "renamed from its own name `{new}`; remove the annotation"
                ));
            }
            let old = OldName::Relation(QualifiedName::new(table.schema.clone(), name.clone()));
            Ok((name, None, old))
        }
        ObjectId::Table { name: new }
        | ObjectId::View { name: new }
        | ObjectId::MaterializedView { name: new }
        | ObjectId::Sequence { name: new }
        | ObjectId::Type { name: new } => {
            let from_schema = schema.filter(|s| *s != new.schema);
            let old_schema = from_schema.clone().unwrap_or_else(|| new.schema.clone());
            if old_schema == new.schema && name == new.name {
                return Err(format!(
                    "renamed from its own name {new}; remove the annotation"
                ));
            }
            let old = QualifiedName::new(old_schema, name.clone());
            let old = match object {
                ObjectId::Type { .. } => OldName::Type(old),
                _ => OldName::Relation(old),
            };
            Ok((name, from_schema, old))
        }
        ObjectId::Function { id } => {
            let from_schema = schema.filter(|s| *s != id.schema);
            let old_schema = from_schema.clone().unwrap_or_else(|| id.schema.clone());
            if old_schema == id.schema && name == id.name {
                return Err(format!(
                    "renamed from its own name {}; remove the annotation",
                    QualifiedName::new(id.schema.clone(), id.name.clone())
                ));
            }
            let old = OldName::Function(QualifiedName::new(old_schema, name.clone()));
            Ok((name, from_schema, old))
        }
        other => Err(format!("{other} cannot be renamed by annotation")),
    }
}

fn describe_old(old: &OldName) -> String {
    match old {
        OldName::Column(table, column) => format!("column {} of {table}", quote_ident(column)),
        OldName::Relation(name) => format!("relation {name}"),
        OldName::Type(name) => format!("type {name}"),
        OldName::Schema(name) => format!("schema {}", quote_ident(name)),
        OldName::Function(name) => format!("function {name}"),
    }
}

/// A name as written in `from=` (quotes included): dotted parts, each bare (folded to lower
/// case, ASCII only, as PostgreSQL folds) or double-quoted (kept; `\"` and `\\` escape).
fn parse_name(raw: &str) -> Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        let mut part = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("unterminated quoted name".into()),
                    Some('"') => break,
                    Some('\\') => part.extend(chars.next()),
                    Some(c) => part.push(c),
                }
            }
            if part.is_empty() {
                return Err("a quoted name cannot be empty".into());
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '.' {
                    break;
                }
                part.push(c);
                chars.next();
            }
            let mut cs = part.chars();
            let valid = cs.next().is_some_and(is_ident_start) && cs.all(is_ident_char);
            if !valid {
                return Err(if part.is_empty() {
                    "a name part is empty".into()
                } else {
                    format!("`{part}` is not a plain identifier; quote it: from=\"{part}\"")
                });
            }
            part = part.to_ascii_lowercase();
        }
        parts.push(part);
        match chars.next() {
            None => return Ok(parts),
            Some('.') => {}
            Some(c) => return Err(format!("unexpected `{c}` after a quoted name")),
        }
    }
}

#[cfg(test)]
#[path = "hints_tests.rs"]
mod tests;
