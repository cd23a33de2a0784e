//! Whether the shadow-column recipe can carry everything on a column over to its new type,
//! and what it must move: indexes on plain columns, keys, foreign keys that reference the
//! column, owned sequences. Anything else is the reason the change stays in place.

use super::{Moved, Shadow};
use crate::ddl;
use crate::model::*;
use crate::plan::backfill::BatchKey;
use crate::plan::recipes::Context;

pub(super) fn eligible<'a>(
    table: &'a QualifiedName,
    from: &'a Column,
    to: &'a Column,
    ctx: &'a Context,
) -> Result<Shadow<'a>, String> {
    let id = ObjectId::Column {
        table: table.clone(),
        column: from.name.clone(),
    };
    let (Some(ft), Some(tt)) = (ctx.from.tables.get(table), ctx.to.tables.get(table)) else {
        return Err("the table is created or dropped".into());
    };
    // The catalogs' columns, with their comments and grants (the change carries the
    // definitions only).
    let (Some(from), Some(to)) = (ft.column(&from.name), tt.column(&to.name)) else {
        return Err("the column is missing from a catalog".into());
    };
    if ft.partition_key.is_some() || ft.partition_of.is_some() || !ft.inherits.is_empty() {
        return Err(
            "partitioned and inheriting tables are not supported by the shadow column".into(),
        );
    }
    if ctx.from_tables.parents.contains(table) {
        return Err("the table has inheriting tables".into());
    }
    if ft.defined.values().any(|d| {
        d.kind == DefinedKind::Rule
            && d.rule_event() != Some("INSERT")
            && d.rule_event() != Some("DELETE")
    }) {
        // An ON UPDATE rule (DO INSTEAD NOTHING, a WHERE) would rewrite the backfill's
        // updates, and the swap would then take a column that was never filled.
        return Err(
            "the table has ON UPDATE rules, which the backfill's updates would go through".into(),
        );
    }
    if matches!(ft.replica_identity, ReplicaIdentity::Index(_)) {
        return Err("the table's replica identity is an index, which the swap would drop".into());
    }
    if from.identity.is_some() || to.identity.is_some() {
        return Err("identity columns are changed in place".into());
    }
    if from.generated.is_some() || to.generated.is_some() || from.inherited {
        return Err("generated or inherited columns are changed in place".into());
    }
    if matches!(BatchKey::of(ctx.from, table), BatchKey::Ctid) {
        return Err("the table has no primary key or unique NOT NULL key to batch by".into());
    }
    let col = quote_ident(&from.name);
    let mut moved = Vec::new();
    let mut referencing = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for d in ctx.from_deps.dependents_of(&id) {
        match d {
            ObjectId::Index { table: t, name } if t == table => {
                let index = ft.indexes.get(name).ok_or("an index of a constraint")?;
                if tt.indexes.get(name) != Some(index) {
                    return Err(format!("index {} changes too", quote_ident(name)));
                }
                let template =
                    index_template(&index.definition, &index.name, &col).ok_or_else(|| {
                        format!("index {} is not on plain columns", quote_ident(name))
                    })?;
                moved.push(Moved {
                    name: name.clone(),
                    template,
                    key: None,
                });
                seen.insert(d.clone());
            }
            ObjectId::Constraint { table: t, name } if t == table => {
                let c = &ft.constraints[name];
                if tt.constraints.get(name) != Some(c) {
                    return Err(format!("constraint {} changes too", quote_ident(name)));
                }
                match c.kind {
                    ConstraintKind::PrimaryKey | ConstraintKind::Unique => {
                        let word = if c.kind == ConstraintKind::PrimaryKey {
                            "PRIMARY KEY"
                        } else {
                            "UNIQUE"
                        };
                        let cols = c.columns.iter().map(|c| quote_ident(c)).collect::<Vec<_>>();
                        if c.definition != format!("{word} ({})", cols.join(", ")) {
                            return Err(format!(
                                "key {} has options the swap cannot rebuild",
                                quote_ident(name)
                            ));
                        }
                        let keyed = cols
                            .iter()
                            .map(|c| {
                                if *c == col {
                                    "{column}".to_string()
                                } else {
                                    c.clone()
                                }
                            })
                            .collect::<Vec<_>>();
                        moved.push(Moved {
                            name: name.clone(),
                            template: format!(
                                "CREATE UNIQUE INDEX CONCURRENTLY {{name}} ON {table} USING btree ({})",
                                keyed.join(", ")
                            ),
                            key: Some(c.kind),
                        });
                    }
                    _ => return Err(format!("constraint {} names the column", quote_ident(name))),
                }
                seen.insert(d.clone());
            }
            ObjectId::Constraint { table: other, name } => {
                let c = &ctx.from.tables[other].constraints[name];
                if c.inherited {
                    continue; // goes with the partitioned table's own constraint
                }
                if c.kind != ConstraintKind::ForeignKey || c.references.as_ref() != Some(table) {
                    return Err(format!(
                        "constraint {} on {other} names the column",
                        quote_ident(name)
                    ));
                }
                referencing.push((other.clone(), c.clone()));
                seen.insert(d.clone());
            }
            // Views and materialized views are rebuilt around the swap by the planner.
            ObjectId::View { .. } | ObjectId::MaterializedView { .. } => {}
            other => return Err(format!("{other} depends on the column")),
        }
    }
    // Foreign keys depend on the referenced key rather than on the column.
    for &(t, c) in ctx
        .from_tables
        .foreign_keys_to
        .get(table)
        .into_iter()
        .flatten()
    {
        let id = ObjectId::Constraint {
            table: t.name.clone(),
            name: c.name.clone(),
        };
        if !seen.contains(&id) && references_column(&c.definition, &from.name) {
            if c.columns
                .iter()
                .any(|x| t.name == *table && *x == from.name)
            {
                return Err("a foreign key from the column to its own table".into());
            }
            referencing.push((t.name.clone(), c.clone()));
        }
    }
    for (t, c) in &referencing {
        if ctx.from.tables[t].partition_key.is_some() {
            return Err(format!(
                "foreign key {} is on a partitioned table, which takes no NOT VALID foreign keys",
                quote_ident(&c.name)
            ));
        }
        let still = ctx
            .to
            .tables
            .get(t)
            .and_then(|t| t.constraints.get(&c.name));
        if still != Some(c) {
            return Err(format!(
                "foreign key {} on {t} changes too",
                quote_ident(&c.name)
            ));
        }
    }
    if ft
        .constraints
        .values()
        .any(|c| c.kind == ConstraintKind::ForeignKey && c.columns.contains(&from.name))
    {
        return Err("a foreign key from the column is checked in place".into());
    }
    let owns = |s: &Sequence| {
        s.owned_by
            .as_ref()
            .is_some_and(|(t, c)| t == table && *c == from.name)
    };
    let owned: Vec<QualifiedName> = ctx
        .from
        .sequences
        .values()
        .filter(|s| owns(s))
        .map(|s| s.name.clone())
        .collect();
    if owned
        .iter()
        .any(|s| !ctx.to.sequences.get(s).is_some_and(owns))
        || ctx
            .to
            .sequences
            .values()
            .any(|s| owns(s) && !owned.contains(&s.name))
    {
        return Err("a sequence owned by the column changes owner".into());
    }
    let backfill = ctx.hints.backfills.get(&ObjectId::Column {
        table: table.clone(),
        column: to.name.clone(),
    });
    // Enums (and arrays of them) cast from text only: convert through it, as ALTER TYPE does.
    let cast = |a: &Column, b: &Column| match crate::plan::recipes::column::cast_via(a, b, ctx) {
        Some(via) => format!("CAST(CAST({col} AS {via}) AS {})", b.type_name),
        None => format!("CAST({col} AS {})", b.type_name),
    };
    let forward_expr = match backfill {
        Some(b) => b.using.clone(),
        None => cast(from, to),
    };
    let back_expr = match backfill.and_then(|b| b.reverse.clone()) {
        Some(r) => r,
        None => cast(to, from),
    };
    Ok(Shadow {
        table,
        column: &from.name,
        from,
        to,
        shadow: ddl::temp_name(&from.name, "new"),
        old: ddl::temp_name(&from.name, "old"),
        moved,
        referencing,
        owned,
        forward_expr,
        back_expr,
        named_not_null: ctx.hints.server_version.is_some_and(|v| v >= 180000),
    })
}

/// True when a foreign key's definition lists `column` among the referenced columns.
fn references_column(definition: &str, column: &str) -> bool {
    let Some(pos) = definition.find(" REFERENCES ") else {
        return false;
    };
    let rest = &definition[pos..];
    let (Some(open), Some(close)) = (rest.find('('), rest.find(')')) else {
        return false;
    };
    rest[open + 1..close]
        .split(", ")
        .any(|c| c == quote_ident(column))
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY {name} ON t USING m ({column}, other)` from an index
/// definition on plain columns; `None` for expressions, predicates or INCLUDE naming it.
fn index_template(definition: &str, name: &str, col: &str) -> Option<String> {
    let rest = definition
        .strip_prefix("CREATE UNIQUE INDEX ")
        .map(|r| ("CREATE UNIQUE INDEX CONCURRENTLY ", r))
        .or_else(|| {
            definition
                .strip_prefix("CREATE INDEX ")
                .map(|r| ("CREATE INDEX CONCURRENTLY ", r))
        })?;
    let (head, rest) = rest;
    let rest = rest.strip_prefix(&format!("{} ON ", quote_ident(name)))?;
    let open = rest.find(" (")?;
    let close = rest.find(')')?;
    let (target, items, tail) = (&rest[..open], &rest[open + 2..close], &rest[close + 1..]);
    if target.starts_with("ONLY ") || tail.contains(col) {
        return None;
    }
    let mut found = false;
    let mut out = Vec::new();
    for item in items.split(", ") {
        let word = item.split(' ').next().unwrap_or(item);
        if item.contains('(') {
            return None;
        }
        if word == col {
            found = true;
            out.push(item.replacen(col, "{column}", 1));
        } else {
            out.push(item.to_string());
        }
    }
    found.then(|| format!("{head}{{name}} ON {target} ({}){tail}", out.join(", ")))
}
