//! Names of the statements sqlparser cannot parse, read from their words: the name a
//! `CREATE` creates, and what an `ALTER` alters, attaches, references or creates.

use super::super::classify::{StatementKind, keyword_kind_of};
use super::super::lex::{Token, dotted_name, tokens};
use super::{Names, Namespace, ObjectName, string_ident};

/// For statements sqlparser cannot parse: the created name from the leading keywords.
pub(super) fn fallback(n: &mut Names, sql: &str) {
    use Namespace::*;
    let ns = match keyword_kind_of(sql) {
        Some(StatementKind::CreateTable)
        | Some(StatementKind::CreateView)
        | Some(StatementKind::CreateMaterializedView)
        | Some(StatementKind::CreateSequence) => Relation,
        Some(StatementKind::CreateType) | Some(StatementKind::CreateDomain) => Type,
        Some(StatementKind::CreateFunction) | Some(StatementKind::CreateProcedure) => Function,
        Some(StatementKind::CreateAggregate) => {
            aggregate_options(n, sql);
            Function
        }
        Some(StatementKind::CreateSchema) => Schema,
        Some(StatementKind::CreateExtension) => Extension,
        Some(StatementKind::Alter) => return alter_fallback(n, sql),
        _ => return database_wide(n, sql),
    };
    let Some(p) = created_name(sql) else { return };
    match ns {
        Schema => {
            n.creates
                .insert(ObjectName::schema(p.last().cloned().unwrap_or_default()));
        }
        Extension => {
            n.creates
                .insert(ObjectName::extension(p.last().cloned().unwrap_or_default()));
        }
        _ => {
            if ns == Relation {
                n.create_parts(Type, &p);
            }
            n.create_parts(ns, &p);
        }
    }
}

/// `CREATE PUBLICATION p`, `CREATE EVENT TRIGGER e` and `CREATE ACCESS METHOD a`: objects
/// of the database, not of a schema. Their names matter to `-- schemadiff:external`, which leaves them out of the diff.
fn database_wide(n: &mut Names, sql: &str) {
    let t = tokens(sql);
    let word = |k: usize, w: &str| t.get(k).is_some_and(|x| x.is_word(w));
    if !word(0, "create") {
        return;
    }
    let (namespace, at) = if word(1, "publication") {
        (Namespace::Publication, 2)
    } else if word(1, "event") && word(2, "trigger") {
        (Namespace::EventTrigger, 3)
    } else if word(1, "access") && word(2, "method") {
        (Namespace::AccessMethod, 3)
    } else {
        return;
    };
    if let Some((name, _)) = dotted_name(&t, at)
        && let [name] = name.as_slice()
    {
        n.creates.insert(ObjectName::new(
            namespace,
            crate::model::QualifiedName::new("", name.clone()),
        ));
    }
    if namespace == Namespace::Publication {
        publication_members(n, &t);
    }
}

/// The tables (`FOR TABLE [ONLY] a, b (cols) WHERE (...)`) and schemas (`TABLES IN SCHEMA
/// s`) a publication names: a scoped plan copies those outside its schemas into the shadow.
fn publication_members(n: &mut Names, t: &[Token]) {
    let word = |k: usize, w: &str| t.get(k).is_some_and(|x| x.is_word(w));
    // What the next name in the list is: after `TABLE` a table, after `SCHEMA` a schema.
    let mut expect = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < t.len() {
        match &t[i] {
            Token::Punct('(') => depth += 1,
            Token::Punct(')') => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if word(i, "with") => break,
            _ if word(i, "schema") => expect = Some(Namespace::Schema),
            _ if word(i, "table") => expect = Some(Namespace::Relation),
            _ if word(i, "only") || word(i, "current_schema") => {}
            Token::Word(_) | Token::Quoted(_) if expect.is_some() => {
                if let Some((name, next)) = dotted_name(t, i) {
                    match expect {
                        Some(Namespace::Schema) => {
                            n.references.insert(ObjectName::schema(
                                name.last().cloned().unwrap_or_default(),
                            ));
                        }
                        _ => n.refer_parts(Namespace::Relation, &name),
                    }
                    i = next;
                    continue;
                }
            }
            Token::Punct(',') => {}
            _ => expect = None,
        }
        i += 1;
    }
}

/// For ALTER statements sqlparser cannot parse (pg_dump's `ALTER TABLE ONLY ... REPLICA
/// IDENTITY`, `ALTER COLUMN ... ADD GENERATED ... (SEQUENCE NAME s ...)`, `ALTER INDEX ...
/// ATTACH PARTITION`): the altered object, the relations named after `ATTACH PARTITION`,
/// `INHERIT`, `REFERENCES` and in `nextval('...')`, and the identity sequence it creates.
fn alter_fallback(n: &mut Names, sql: &str) {
    let t = tokens(sql);
    let word = |k: usize, w: &str| t.get(k).is_some_and(|x| x.is_word(w));
    let mut i = 1;
    while word(i, "materialized") || word(i, "foreign") {
        i += 1;
    }
    let ns = match t.get(i) {
        Some(w)
            if ["table", "index", "sequence", "view"]
                .iter()
                .any(|k| w.is_word(k)) =>
        {
            Namespace::Relation
        }
        Some(w) if w.is_word("type") || w.is_word("domain") => Namespace::Type,
        Some(w)
            if ["function", "procedure", "routine"]
                .iter()
                .any(|k| w.is_word(k)) =>
        {
            Namespace::Function
        }
        _ => return,
    };
    i += 1;
    while word(i, "if") || word(i, "exists") || word(i, "only") {
        i += 1;
    }
    let Some((name, mut i)) = dotted_name(&t, i) else {
        return;
    };
    n.refer_parts(ns, &name);
    while i < t.len() {
        let target = if word(i, "attach") && word(i + 1, "partition") {
            Some(i + 2)
        } else if word(i, "references") || word(i, "inherit") {
            Some(i + 1)
        } else {
            None
        };
        if let Some((relation, _)) = target.and_then(|k| dotted_name(&t, k)) {
            n.refer_parts(Namespace::Relation, &relation);
        }
        if word(i, "sequence")
            && word(i + 1, "name")
            && let Some((sequence, _)) = dotted_name(&t, i + 2)
        {
            n.create_parts(Namespace::Relation, &sequence);
        }
        if ["nextval", "setval", "currval"].iter().any(|f| word(i, f))
            && t.get(i + 1) == Some(&Token::Punct('('))
            && let Some(Token::Str(s)) = t.get(i + 2)
        {
            let parts: Vec<String> = s.split('.').map(string_ident).collect();
            n.refer_parts(Namespace::Relation, &parts);
        }
        i += 1;
    }
}

/// What a `CREATE AGGREGATE` names in its options: the support functions (`SFUNC = f`,
/// `FINALFUNC`, ...) and the state types (`STYPE = t`), so they are created before it.
fn aggregate_options(n: &mut Names, sql: &str) {
    const FUNCTIONS: [&str; 8] = [
        "sfunc",
        "finalfunc",
        "combinefunc",
        "serialfunc",
        "deserialfunc",
        "msfunc",
        "minvfunc",
        "mfinalfunc",
    ];
    let t = tokens(sql);
    for i in 0..t.len() {
        let ns = if FUNCTIONS.iter().any(|f| t[i].is_word(f)) {
            Namespace::Function
        } else if t[i].is_word("stype") || t[i].is_word("mstype") {
            Namespace::Type
        } else {
            continue;
        };
        if t.get(i + 1) == Some(&Token::Punct('='))
            && let Some((name, _)) = dotted_name(&t, i + 2)
        {
            n.refer_parts(ns, &name);
        }
    }
}

/// The dotted name after `CREATE [modifiers] <kind> [IF NOT EXISTS]`.
fn created_name(sql: &str) -> Option<Vec<String>> {
    const KEYWORDS: [&str; 21] = [
        "create",
        "or",
        "replace",
        "unlogged",
        "recursive",
        "materialized",
        "trusted",
        "procedural",
        "table",
        "view",
        "sequence",
        "type",
        "domain",
        "function",
        "procedure",
        "aggregate",
        "schema",
        "extension",
        "if",
        "not",
        "exists",
    ];
    let t = tokens(sql);
    let start = t
        .iter()
        .position(|w| !KEYWORDS.iter().any(|k| w.is_word(k)))?;
    dotted_name(&t, start).map(|(name, _)| name)
}
