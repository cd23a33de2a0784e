//! What a statement creates and what it references, for ordering. Best effort: a missed
//! reference only costs ordering (and `load` retries statements that fail on a missing
//! object); an extra one only adds an edge.

use super::session::Session;
use crate::model::QualifiedName;
use sqlparser::ast::{self, Expr, Visit, Visitor};
use std::collections::BTreeSet;
use std::fmt;
use std::ops::ControlFlow;

/// PostgreSQL keeps names in separate namespaces: a type and a function may share a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Namespace {
    Schema,
    Extension,
    /// Tables, views, materialized views, sequences, indexes.
    Relation,
    /// Types and domains (a table also creates its row type).
    Type,
    /// Functions and procedures, by name only (overloads share it).
    Function,
    /// Publications, event triggers and access methods: database-wide, the name in
    /// `name.name`, no schema.
    Publication,
    EventTrigger,
    AccessMethod,
}

/// A normalized object name: unquoted identifiers lower-cased, quoted kept, unqualified
/// names in `public`. For [`Namespace::Schema`] the schema is `name.schema` and `name.name`
/// is empty; for [`Namespace::Extension`] the extension is `name.name` and `name.schema` is empty.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectName {
    pub namespace: Namespace,
    pub name: QualifiedName,
}

impl ObjectName {
    pub fn schema(name: impl Into<String>) -> Self {
        ObjectName {
            namespace: Namespace::Schema,
            name: QualifiedName::new(name, ""),
        }
    }

    pub fn extension(name: impl Into<String>) -> Self {
        ObjectName {
            namespace: Namespace::Extension,
            name: QualifiedName::new("", name),
        }
    }

    pub fn new(namespace: Namespace, name: QualifiedName) -> Self {
        ObjectName { namespace, name }
    }
}

impl fmt::Display for ObjectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::model::quote_ident;
        match self.namespace {
            Namespace::Schema => write!(f, "schema {}", quote_ident(&self.name.schema)),
            Namespace::Extension => write!(f, "extension {}", quote_ident(&self.name.name)),
            Namespace::Relation => write!(f, "relation {}", self.name),
            Namespace::Type => write!(f, "type {}", self.name),
            Namespace::Function => write!(f, "function {}", self.name),
            Namespace::Publication => write!(f, "publication {}", quote_ident(&self.name.name)),
            Namespace::EventTrigger => {
                write!(f, "event trigger {}", quote_ident(&self.name.name))
            }
            Namespace::AccessMethod => {
                write!(f, "access method {}", quote_ident(&self.name.name))
            }
        }
    }
}

fn ident(i: &ast::Ident) -> String {
    if i.quote_style.is_some() {
        i.value.clone()
    } else {
        i.value.to_lowercase()
    }
}

fn parts(name: &ast::ObjectName) -> Vec<String> {
    name.0
        .iter()
        .map(|p| match p.as_ident() {
            Some(i) => ident(i),
            None => p.to_string(),
        })
        .collect()
}

/// What one statement creates and references. Unqualified references are kept apart: which
/// schema they mean depends on the statement's `search_path` and on what the whole desired
/// state creates, so they are resolved once every file is read ([`resolve`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct StatementNames {
    pub creates: Vec<ObjectName>,
    pub references: Vec<ObjectName>,
    pub unresolved: Vec<(Namespace, String)>,
}

struct Names {
    /// Where unqualified creations go (`None`: nowhere, the path is empty).
    creation: Option<String>,
    creates: BTreeSet<ObjectName>,
    references: BTreeSet<ObjectName>,
    unresolved: BTreeSet<(Namespace, String)>,
}

impl Names {
    /// The name an object created as `parts` gets.
    fn created(&self, parts: &[String]) -> Option<QualifiedName> {
        match parts {
            [] => None,
            [name] => Some(QualifiedName::new(self.creation.clone()?, name.clone())),
            [.., schema, name] => Some(QualifiedName::new(schema.clone(), name.clone())),
        }
    }

    fn create(&mut self, ns: Namespace, name: &ast::ObjectName) {
        self.create_parts(ns, &parts(name));
    }

    fn create_parts(&mut self, ns: Namespace, parts: &[String]) {
        if let Some(q) = self.created(parts) {
            self.creates.insert(ObjectName::new(ns, q));
        }
    }

    fn refer(&mut self, ns: Namespace, name: &ast::ObjectName) {
        self.refer_parts(ns, &parts(name));
    }

    fn refer_parts(&mut self, ns: Namespace, parts: &[String]) {
        match parts {
            [] => {}
            [name] => {
                self.unresolved.insert((ns, name.clone()));
            }
            [.., schema, name] => {
                self.references.insert(ObjectName::new(
                    ns,
                    QualifiedName::new(schema.clone(), name.clone()),
                ));
            }
        }
    }

    fn data_type(&mut self, ty: &ast::DataType) {
        use ast::{ArrayElemTypeDef as A, DataType as D};
        match ty {
            D::Custom(name, _) => self.refer(Namespace::Type, name),
            D::Array(
                A::AngleBracket(inner)
                | A::SquareBracket(inner, _)
                | A::Parenthesis(inner)
                | A::Qualified(inner, _),
            ) => self.data_type(inner),
            _ => {}
        }
    }
}

/// Finds relations in queries, called functions and cast target types anywhere in a statement.
impl Visitor for Names {
    type Break = ();

    fn pre_visit_relation(&mut self, relation: &ast::ObjectName) -> ControlFlow<()> {
        self.refer(Namespace::Relation, relation);
        ControlFlow::Continue(())
    }

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
        match expr {
            Expr::Function(f) => {
                self.refer(Namespace::Function, &f.name);
                self.sequence_argument(f);
            }
            Expr::Cast { data_type, .. } => self.data_type(data_type),
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

impl Names {
    /// `nextval('s')` and friends name a sequence in a string.
    fn sequence_argument(&mut self, f: &ast::Function) {
        let name = parts(&f.name);
        if !matches!(
            name.last().map(String::as_str),
            Some("nextval" | "currval" | "setval")
        ) {
            return;
        }
        let ast::FunctionArguments::List(list) = &f.args else {
            return;
        };
        let Some(ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(mut arg))) =
            list.args.first().cloned()
        else {
            return;
        };
        while let Expr::Cast { expr, .. } = arg {
            arg = *expr;
        }
        if let Expr::Value(v) = arg
            && let ast::Value::SingleQuotedString(s) = v.value
        {
            let parts: Vec<String> = s.split('.').map(string_ident).collect();
            self.refer_parts(Namespace::Relation, &parts);
        }
    }
}

/// One part of a name written inside a string (`'app."Seq"'`).
fn string_ident(part: &str) -> String {
    match part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => part.to_lowercase(),
    }
}

/// The names a statement creates and references (references exclude its own creations;
/// every named object also references its schema).
pub(crate) fn names(
    statement: Option<&ast::Statement>,
    sql: &str,
    session: &Session,
) -> StatementNames {
    let mut n = Names {
        creation: session.creation_schema(),
        creates: BTreeSet::new(),
        references: BTreeSet::new(),
        unresolved: BTreeSet::new(),
    };
    match statement {
        Some(s) => {
            from_statement(&mut n, s);
            let _ = s.visit(&mut n);
        }
        None => fallback(&mut n, sql),
    }
    let named: Vec<ObjectName> = n.creates.iter().chain(&n.references).cloned().collect();
    for o in named {
        if !matches!(
            o.namespace,
            Namespace::Schema
                | Namespace::Extension
                | Namespace::Publication
                | Namespace::EventTrigger
                | Namespace::AccessMethod
        ) {
            n.references.insert(ObjectName::schema(o.name.schema));
        }
    }
    let references = n
        .references
        .into_iter()
        .filter(|r| !n.creates.contains(r))
        .collect();
    StatementNames {
        creates: n.creates.into_iter().collect(),
        references,
        unresolved: n.unresolved.into_iter().collect(),
    }
}

/// The objects unqualified names mean: for each, the first schema of `path` in which
/// something is created under that name (`created`), and that schema. Names nothing
/// creates are built-in or created implicitly and need no ordering.
pub(crate) fn resolve(
    unresolved: &[(Namespace, String)],
    path: &[String],
    created: impl Fn(&ObjectName) -> bool,
) -> Vec<ObjectName> {
    let mut out = Vec::new();
    for (ns, name) in unresolved {
        let found = path
            .iter()
            .map(|schema| ObjectName::new(*ns, QualifiedName::new(schema.clone(), name.clone())))
            .find(|o| created(o));
        if let Some(o) = found {
            out.push(ObjectName::schema(o.name.schema.clone()));
            out.push(o);
        }
    }
    out
}

fn from_statement(n: &mut Names, s: &ast::Statement) {
    use Namespace::*;
    use ast::Statement as S;
    match s {
        S::CreateTable(t) => {
            n.create(Relation, &t.name);
            n.create(Type, &t.name);
            for c in &t.columns {
                n.data_type(&c.data_type);
                for o in &c.options {
                    if let ast::ColumnOption::ForeignKey(fk) = &o.option {
                        n.refer(Relation, &fk.foreign_table);
                    }
                }
            }
            for c in &t.constraints {
                table_constraint(n, c);
            }
            for parent in t.inherits.iter().flatten().chain(&t.partition_of) {
                n.refer(Relation, parent);
            }
        }
        S::CreateView(v) => {
            n.create(Relation, &v.name);
            n.create(Type, &v.name);
        }
        S::CreateIndex(i) => {
            n.refer(Relation, &i.table_name);
            if let Some(name) = &i.name {
                // An index lives in its table's schema.
                let mut p = parts(&i.table_name);
                p.pop();
                p.push(parts(name).pop().unwrap_or_default());
                n.create_parts(Relation, &p);
            }
        }
        S::CreateTrigger(t) => {
            n.refer(Relation, &t.table_name);
            if let Some(body) = &t.exec_body {
                n.refer(Function, &body.func_desc.name);
            }
        }
        S::CreatePolicy(p) => n.refer(Relation, &p.table_name),
        S::CreateFunction(f) => {
            n.create(Function, &f.name);
            for a in f.args.iter().flatten() {
                n.data_type(&a.data_type);
            }
            match &f.return_type {
                Some(ast::FunctionReturnType::DataType(t) | ast::FunctionReturnType::SetOf(t)) => {
                    n.data_type(t)
                }
                None => {}
            }
        }
        S::CreateProcedure { name, params, .. } => {
            n.create(Function, name);
            for p in params.iter().flatten() {
                n.data_type(&p.data_type);
            }
        }
        S::CreateDomain(d) => {
            n.create(Type, &d.name);
            n.data_type(&d.data_type);
        }
        S::CreateType {
            name,
            representation,
        } => {
            n.create(Type, name);
            if let Some(ast::UserDefinedTypeRepresentation::Composite { attributes }) =
                representation
            {
                for a in attributes {
                    n.data_type(&a.data_type);
                }
            }
        }
        S::CreateSequence { name, .. } => n.create(Relation, name),
        S::CreateSchema { schema_name, .. } => match schema_name {
            ast::SchemaName::Simple(name) | ast::SchemaName::NamedAuthorization(name, _) => {
                n.creates
                    .insert(ObjectName::schema(parts(name).pop().unwrap_or_default()));
            }
            ast::SchemaName::UnnamedAuthorization(user) => {
                n.creates.insert(ObjectName::schema(ident(user)));
            }
        },
        S::CreateExtension(e) => {
            n.creates.insert(ObjectName::extension(ident(&e.name)));
            if let Some(schema) = &e.schema {
                n.references.insert(ObjectName::schema(ident(schema)));
            }
        }
        S::Comment {
            object_type,
            object_name,
            ..
        } => comment_target(n, object_type, object_name),
        S::Grant(g) => grant_objects(n, g.objects.as_ref()),
        S::Revoke(r) => grant_objects(n, r.objects.as_ref()),
        S::AlterTable(a) => {
            n.refer(Relation, &a.name);
            for op in &a.operations {
                match op {
                    ast::AlterTableOperation::AddConstraint { constraint, .. } => {
                        table_constraint(n, constraint)
                    }
                    ast::AlterTableOperation::AddColumn { column_def, .. } => {
                        n.data_type(&column_def.data_type)
                    }
                    _ => {}
                }
            }
        }
        S::AlterIndex { name, .. } | S::AlterView { name, .. } => n.refer(Relation, name),
        S::AlterType(a) => n.refer(Type, &a.name),
        S::AlterSchema(a) => {
            n.references
                .insert(ObjectName::schema(parts(&a.name).pop().unwrap_or_default()));
        }
        S::AlterFunction(a) => n.refer(Function, &a.function.name),
        S::AlterPolicy(a) => n.refer(Relation, &a.table_name),
        _ => {}
    }
}

fn table_constraint(n: &mut Names, c: &ast::TableConstraint) {
    if let ast::TableConstraint::ForeignKey(fk) = c {
        n.refer(Namespace::Relation, &fk.foreign_table);
    }
}

fn comment_target(n: &mut Names, kind: &ast::CommentObject, name: &ast::ObjectName) {
    use Namespace::*;
    use ast::CommentObject as C;
    let mut p = parts(name);
    match kind {
        C::Table | C::View | C::MaterializedView | C::Sequence | C::Index => {
            n.refer(Relation, name)
        }
        C::Column => {
            p.pop();
            n.refer_parts(Relation, &p);
        }
        C::Type | C::Domain => n.refer(Type, name),
        C::Function | C::Procedure => n.refer(Function, name),
        C::Schema => {
            n.references
                .insert(ObjectName::schema(p.pop().unwrap_or_default()));
        }
        C::Extension => {
            n.references
                .insert(ObjectName::extension(p.pop().unwrap_or_default()));
        }
        _ => {}
    }
}

fn grant_objects(n: &mut Names, objects: Option<&ast::GrantObjects>) {
    use ast::GrantObjects as G;
    match objects {
        Some(G::Tables(names) | G::Sequences(names) | G::Views(names)) => {
            for name in names {
                n.refer(Namespace::Relation, name);
            }
        }
        Some(G::Schemas(names)) => {
            for name in names {
                n.references
                    .insert(ObjectName::schema(parts(name).pop().unwrap_or_default()));
            }
        }
        _ => {}
    }
}

#[path = "refs_unparsed.rs"]
mod unparsed;
use unparsed::fallback;

#[cfg(test)]
#[path = "refs_tests.rs"]
mod tests;
