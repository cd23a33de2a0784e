//! Putting each decoded row straight into the catalog. The queries' rows are taken in the
//! order the queries run (`Kind`'s order), so a member row finds its relation, a domain check
//! its domain and a dependency every object already in place. Nothing of a query is kept
//! once its rows are in: holding each query's records (columns, dependency edges) until the
//! last one arrived was half of the memory of a 10,000-table introspection
//! (docs/benchmarks.md, "Issue 10 results").

use super::IntrospectError;
use super::depends::{Edge, End, depends_on_mut};
use super::relations::{ColumnRow, Relation};
use crate::model::{
    Catalog, Constraint, Defined, Domain, DomainCheck, IdentityOptions, Index, ObjectId, Policy,
    QualifiedName, Table, Trigger, View, ViewColumn,
};
use std::collections::HashMap;

/// Which map of the catalog a relation oid lives in.
#[derive(Clone, Copy)]
enum Place {
    Table,
    View,
}

/// A table or view by oid while its members come in.
struct Slot {
    place: Place,
    name: QualifiedName,
    /// The attribute numbers of its columns, parallel to its column vector.
    attnums: Vec<i32>,
}

#[derive(Default)]
pub(super) struct Builder {
    catalog: Catalog,
    /// Domains by oid until their checks have come.
    domains: HashMap<u32, Domain>,
    /// Tables and views by oid until the member queries are done.
    relations: HashMap<u32, Slot>,
    /// The relations query's tables and views, until it is done.
    tables: Vec<(QualifiedName, Table)>,
    views: Vec<(QualifiedName, View)>,
    /// After the member queries, each relation's attribute numbers by its name, for the
    /// dependency rows (which name a column by number to keep pg_attribute out of that query).
    attnums: HashMap<QualifiedName, Vec<i32>>,
}

fn decode_error(query: &'static str, message: String) -> IntrospectError {
    IntrospectError::Decode { query, message }
}

impl Builder {
    pub(super) fn catalog(&mut self) -> &mut Catalog {
        &mut self.catalog
    }

    pub(super) fn finish(self) -> Catalog {
        self.catalog
    }

    pub(super) fn domain(&mut self, (oid, domain): (u32, Domain)) {
        self.domains.insert(oid, domain);
    }

    pub(super) fn domain_check(
        &mut self,
        (oid, check): (u32, DomainCheck),
    ) -> Result<(), IntrospectError> {
        let domain = self.domains.get_mut(&oid).ok_or_else(|| {
            decode_error(
                "domain checks",
                format!("check {} of unknown domain oid {oid}", check.name),
            )
        })?;
        domain.checks.insert(check.name.clone(), check);
        Ok(())
    }

    /// The domains' checks are in: the domains go into the catalog by name.
    pub(super) fn domains_done(&mut self) {
        for domain in std::mem::take(&mut self.domains).into_values() {
            self.catalog.domains.insert(domain.name.clone(), domain);
        }
    }

    pub(super) fn relation(&mut self, relation: Relation) {
        let (oid, place, name) = match relation {
            Relation::Table(oid, table) => {
                let name = table.name.clone();
                self.tables.push((table.name.clone(), table));
                (oid, Place::Table, name)
            }
            Relation::View(oid, view) => {
                let name = view.name.clone();
                self.views.push((view.name.clone(), view));
                (oid, Place::View, name)
            }
        };
        let attnums = Vec::new();
        self.relations.insert(
            oid,
            Slot {
                place,
                name,
                attnums,
            },
        );
    }

    /// The relations are in. A `BTreeMap` collected from them is built bottom up with full
    /// nodes; one filled by inserts in name order leaves its nodes about half empty, and a
    /// node holds eleven whole tables (~6 MiB of a 10,000-table catalog).
    pub(super) fn relations_done(&mut self) {
        self.catalog.tables = std::mem::take(&mut self.tables).into_iter().collect();
        self.catalog.views = std::mem::take(&mut self.views).into_iter().collect();
    }

    /// Each member query returns rows for relations of the kinds above only; a row whose
    /// relation is missing means the snapshot is inconsistent, which is reported, not skipped.
    fn slot(
        &mut self,
        query: &'static str,
        oid: u32,
    ) -> Result<(&mut Slot, &mut Catalog), IntrospectError> {
        match self.relations.get_mut(&oid) {
            Some(slot) => Ok((slot, &mut self.catalog)),
            None => Err(decode_error(
                query,
                format!("row for unknown relation oid {oid}"),
            )),
        }
    }

    pub(super) fn column(&mut self, row: ColumnRow) -> Result<(), IntrospectError> {
        let (slot, catalog) = self.slot("columns", row.table_oid)?;
        match slot.place {
            Place::Table => {
                let mut column = row.column;
                // An identity sequence of the default name is not named in the model.
                if let Some(i) = &mut column.identity
                    && i.sequence.as_ref()
                        == Some(&IdentityOptions::default_sequence(&slot.name, &column.name))
                {
                    i.sequence = None;
                }
                // Nor a NOT NULL constraint of the default name (PostgreSQL 18+), nor an
                // inherited column's: it follows the parent's (a partition's refuses RENAME).
                if column.inherited
                    || column.not_null_name.as_deref()
                        == Some(
                            crate::model::Column::default_not_null_name(&slot.name, &column.name)
                                .as_str(),
                        )
                {
                    column.not_null_name = None;
                }
                table_mut(catalog, &slot.name, "columns")?
                    .columns
                    .push(column)
            }
            Place::View => view_mut(catalog, &slot.name, "columns")?
                .columns
                .push(ViewColumn {
                    name: row.column.name,
                    type_name: row.column.type_name,
                    comment: row.column.comment,
                }),
        }
        slot.attnums.push(row.attnum);
        Ok(())
    }

    /// The columns are in. The query leaves ordering to us (a sort of every column in the
    /// server spills to disk on big databases): attribute-number order within each relation,
    /// each vector cut to its length.
    pub(super) fn columns_done(&mut self) -> Result<(), IntrospectError> {
        for slot in self.relations.values_mut() {
            let attnums = &mut slot.attnums;
            match slot.place {
                Place::Table => {
                    let columns = &mut table_mut(&mut self.catalog, &slot.name, "columns")?.columns;
                    in_attnum_order(attnums, columns);
                }
                Place::View => {
                    let columns = &mut view_mut(&mut self.catalog, &slot.name, "columns")?.columns;
                    in_attnum_order(attnums, columns);
                }
            }
        }
        Ok(())
    }

    pub(super) fn constraint(
        &mut self,
        (oid, value): (u32, Constraint),
    ) -> Result<(), IntrospectError> {
        let (slot, catalog) = self.slot("constraints", oid)?;
        table_mut(catalog, &slot.name, "constraints")?
            .constraints
            .insert(value.name.clone(), value);
        Ok(())
    }

    pub(super) fn index(&mut self, (oid, value): (u32, Index)) -> Result<(), IntrospectError> {
        let (slot, catalog) = self.slot("indexes", oid)?;
        let indexes = match slot.place {
            Place::Table => &mut table_mut(catalog, &slot.name, "indexes")?.indexes,
            Place::View => &mut view_mut(catalog, &slot.name, "indexes")?.indexes,
        };
        indexes.insert(value.name.clone(), value);
        Ok(())
    }

    pub(super) fn trigger(&mut self, (oid, value): (u32, Trigger)) -> Result<(), IntrospectError> {
        let (slot, catalog) = self.slot("triggers", oid)?;
        let triggers = match slot.place {
            Place::Table => &mut table_mut(catalog, &slot.name, "triggers")?.triggers,
            Place::View => &mut view_mut(catalog, &slot.name, "triggers")?.triggers,
        };
        triggers.insert(value.name.clone(), value);
        Ok(())
    }

    pub(super) fn policy(&mut self, (oid, value): (u32, Policy)) -> Result<(), IntrospectError> {
        let (slot, catalog) = self.slot("policies", oid)?;
        table_mut(catalog, &slot.name, "policies")?
            .policies
            .insert(value.name.clone(), value);
        Ok(())
    }

    pub(super) fn defined(&mut self, (oid, value): (u32, Defined)) -> Result<(), IntrospectError> {
        const QUERY: &str = "statistics and rules";
        let (slot, catalog) = self.slot(QUERY, oid)?;
        let defined = match slot.place {
            Place::Table => &mut table_mut(catalog, &slot.name, QUERY)?.defined,
            Place::View => &mut view_mut(catalog, &slot.name, QUERY)?.defined,
        };
        defined.insert((value.kind, value.name.clone()), value);
        Ok(())
    }

    /// The member queries are done: from here on a relation is found by name.
    pub(super) fn members_done(&mut self) {
        self.attnums = std::mem::take(&mut self.relations)
            .into_values()
            .map(|slot| (slot.name, slot.attnums))
            .collect();
    }

    /// A dependency row: `from` depends on `to`, kept in `from`'s `depends_on`.
    pub(super) fn edge(&mut self, Edge { from, to }: Edge) -> Result<(), IntrospectError> {
        let from = self.resolve(from)?;
        let to = self.resolve(to)?;
        if from == to {
            return Ok(());
        }
        // A domain check depends on its domain, which is where its edges are kept.
        if let (ObjectId::DomainConstraint { domain, .. }, ObjectId::Type { name }) = (&from, &to)
            && domain == name
        {
            return Ok(());
        }
        if let Some(set) = depends_on_mut(&mut self.catalog, &from) {
            set.insert(to);
        }
        Ok(())
    }

    fn resolve(&self, end: End) -> Result<ObjectId, IntrospectError> {
        let (table, attnum) = match end {
            End::Object(id) => return Ok(id),
            End::Column(table, attnum) => (table, attnum),
        };
        let at = self
            .attnums
            .get(&table)
            .and_then(|attnums| attnums.binary_search(&attnum).ok());
        let column = at.and_then(|at| match self.catalog.tables.get(&table) {
            Some(t) => t.columns.get(at).map(|c| c.name.clone()),
            None => self
                .catalog
                .views
                .get(&table)
                .and_then(|v| v.columns.get(at))
                .map(|c| c.name.clone()),
        });
        match column {
            Some(column) => Ok(ObjectId::Column { table, column }),
            None => Err(decode_error(
                "dependencies",
                format!("{table} has no column number {attnum}"),
            )),
        }
    }
}

/// Sort `columns` by the parallel `attnums`, and give both back their spare capacity.
fn in_attnum_order<C>(attnums: &mut Vec<i32>, columns: &mut Vec<C>) {
    if !attnums.is_sorted() {
        let mut pairs: Vec<(i32, C)> = attnums.drain(..).zip(columns.drain(..)).collect();
        pairs.sort_unstable_by_key(|(attnum, _)| *attnum);
        (*attnums, *columns) = pairs.into_iter().unzip();
    }
    attnums.shrink_to_fit();
    columns.shrink_to_fit();
}

fn table_mut<'c>(
    catalog: &'c mut Catalog,
    name: &QualifiedName,
    query: &'static str,
) -> Result<&'c mut Table, IntrospectError> {
    catalog
        .tables
        .get_mut(name)
        .ok_or_else(|| decode_error(query, format!("row for {name}, which is not a table")))
}

fn view_mut<'c>(
    catalog: &'c mut Catalog,
    name: &QualifiedName,
    query: &'static str,
) -> Result<&'c mut View, IntrospectError> {
    catalog
        .views
        .get_mut(name)
        .ok_or_else(|| decode_error(query, format!("row for {name}, which is not a view")))
}

#[cfg(test)]
mod tests {
    use super::in_attnum_order;

    #[test]
    fn columns_are_put_in_attribute_number_order() {
        let mut attnums = vec![3, 1, 7, 2];
        let mut columns = vec!["c", "a", "g", "b"];
        in_attnum_order(&mut attnums, &mut columns);
        assert_eq!(attnums, [1, 2, 3, 7]);
        assert_eq!(columns, ["a", "b", "c", "g"]);
        assert_eq!(columns.capacity(), 4);
    }
}
