//! The locks a statement really takes, read from `pg_locks`, compared with what the plan
//! claims (`Statement::locks`). `verify` runs every statement through [`traced`].
//!
//! - In a transaction, the session reads its own `pg_locks` after each statement; locks are
//!   held to the end of the transaction, so what is new (or stronger) since the previous
//!   statement is this statement's.
//! - A statement that may not run in a transaction block (`CREATE INDEX CONCURRENTLY`, a
//!   backfill) is sampled from a second connection every few milliseconds while it runs.
//! - Only tables, views and their kin count (relkind r, p, v, m, f) that existed before the
//!   statement, under the names they had then (a statement may rename one): what it creates
//!   it holds ACCESS EXCLUSIVE on, harmlessly. A claim on a table covers its partitions and
//!   inheritance children (PostgreSQL locks them through it), and schemadiff's own
//!   bookkeeping tables are left out.
//! - A lock weaker than SHARE UPDATE EXCLUSIVE (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) blocks
//!   no reader or writer, so a plan need not claim it; anything stronger must be claimed at
//!   that strength or more.

use crate::model::QualifiedName;
use crate::plan::{LockMode, Statement};
use std::collections::BTreeMap;
use tokio_postgres::Client;

/// A lock stronger than the statement claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Understated {
    pub step: String,
    pub sql: String,
    pub relation: QualifiedName,
    pub taken: LockMode,
    pub claimed: Option<LockMode>,
}

impl std::fmt::Display for Understated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: took {} on {}, claims {}: {}",
            self.step,
            self.taken,
            self.relation,
            self.claimed
                .map_or_else(|| "none".to_string(), |m| m.to_string()),
            self.sql.lines().next().unwrap_or_default()
        )
    }
}

/// The relation locks of a backend: relation (as its partitioned root, if a partition) →
/// strongest mode.
pub type Held = BTreeMap<QualifiedName, LockMode>;

/// The relations that existed before a statement, by oid: their names then (a statement
/// may rename one), and the tables they inherit from, transitively (partitions and
/// inheritance children are locked through their parents; a claim on the parent covers
/// them).
#[derive(Clone, Debug, Default)]
pub struct Existing {
    names: BTreeMap<u32, QualifiedName>,
    ancestors: BTreeMap<u32, Vec<QualifiedName>>,
}

/// The relations that exist now, outside schemadiff's own schemas.
pub async fn existing(client: &Client) -> Result<Existing, tokio_postgres::Error> {
    let skip: Vec<&str> = crate::bookkeeping::UNMANAGED_SCHEMAS.to_vec();
    let rows = client
        .query(
            "WITH RECURSIVE up(child, parent) AS (
                 SELECT inhrelid, inhparent FROM pg_inherits
                 UNION SELECT up.child, i.inhparent FROM up JOIN pg_inherits i ON i.inhrelid = up.parent)
             SELECT c.oid, n.nspname, c.relname,
                    coalesce((SELECT array_agg(pn.nspname) FROM up JOIN pg_class pc ON pc.oid = up.parent
                                JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE up.child = c.oid), '{}'),
                    coalesce((SELECT array_agg(pc.relname) FROM up JOIN pg_class pc ON pc.oid = up.parent
                                WHERE up.child = c.oid), '{}')
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname <> ALL($1)",
            &[&skip],
        )
        .await?;
    let mut out = Existing::default();
    for r in rows {
        let oid: u32 = r.get(0);
        out.names.insert(
            oid,
            QualifiedName::new(r.get::<_, String>(1), r.get::<_, String>(2)),
        );
        let schemas: Vec<String> = r.get(3);
        let names: Vec<String> = r.get(4);
        out.ancestors.insert(
            oid,
            schemas
                .into_iter()
                .zip(names)
                .map(|(s, n)| QualifiedName::new(s, n))
                .collect(),
        );
    }
    Ok(out)
}

/// The locks backend `pid` holds on relations of `before`, by their names in `before`.
pub async fn held(
    client: &Client,
    pid: i32,
    before: &Existing,
) -> Result<Held, tokio_postgres::Error> {
    let oids: Vec<u32> = before.names.keys().copied().collect();
    let mut out = Held::new();
    let rows = client
        .query(
            "SELECT relation, mode FROM pg_locks
              WHERE pid = $1 AND locktype = 'relation' AND granted AND relation = ANY($2)",
            &[&pid, &oids],
        )
        .await?;
    for r in rows {
        let oid: u32 = r.get(0);
        if let (Some(name), Some(mode)) = (before.names.get(&oid), mode(&r.get::<_, String>(1))) {
            let e = out.entry(name.clone()).or_insert(mode);
            *e = (*e).max(mode);
        }
    }
    Ok(out)
}

/// The tables `relation` inherits from.
pub fn ancestors<'a>(before: &'a Existing, relation: &QualifiedName) -> &'a [QualifiedName] {
    before
        .names
        .iter()
        .find(|(_, n)| *n == relation)
        .and_then(|(oid, _)| before.ancestors.get(oid))
        .map_or(&[], Vec::as_slice)
}

/// `AccessExclusiveLock` → ACCESS EXCLUSIVE.
fn mode(name: &str) -> Option<LockMode> {
    Some(match name {
        "AccessShareLock" => LockMode::AccessShare,
        "RowShareLock" => LockMode::RowShare,
        "RowExclusiveLock" => LockMode::RowExclusive,
        "ShareUpdateExclusiveLock" => LockMode::ShareUpdateExclusive,
        "ShareLock" => LockMode::Share,
        "ShareRowExclusiveLock" => LockMode::ShareRowExclusive,
        "ExclusiveLock" => LockMode::Exclusive,
        "AccessExclusiveLock" => LockMode::AccessExclusive,
        _ => return None,
    })
}

/// Merge `more` into `into`, keeping the stronger mode.
pub fn merge(into: &mut Held, more: &Held) {
    for (k, v) in more {
        let e = into.entry(k.clone()).or_insert(*v);
        *e = (*e).max(*v);
    }
}

/// What `now` holds beyond `before` (new relations, or stronger modes).
pub fn added(before: &Held, now: &Held) -> Held {
    now.iter()
        .filter(|(k, v)| before.get(*k).is_none_or(|b| b < *v))
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}

/// The locks of `taken` that `s` does not claim strongly enough; a claim on a table covers
/// the tables that inherit from it (`ancestors`).
pub fn understated(
    step: &str,
    s: &Statement,
    taken: &Held,
    ancestors: &dyn Fn(&QualifiedName) -> Vec<QualifiedName>,
) -> Vec<Understated> {
    taken
        .iter()
        .filter_map(|(relation, &mode)| {
            if mode < LockMode::ShareUpdateExclusive {
                return None;
            }
            let covering = ancestors(relation);
            let claimed = s
                .locks
                .iter()
                .filter(|l| &l.relation == relation || covering.contains(&l.relation))
                .map(|l| l.mode)
                .max();
            (claimed.is_none_or(|c| c < mode)).then(|| Understated {
                step: step.to_string(),
                sql: s.sql.clone(),
                relation: relation.clone(),
                taken: mode,
                claimed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str) -> QualifiedName {
        QualifiedName::new("public", name)
    }

    #[test]
    fn weak_locks_need_no_claim_and_strong_ones_must_be_claimed_at_strength() {
        let s = Statement::new("ALTER TABLE public.a ADD COLUMN x int")
            .lock(LockMode::ShareUpdateExclusive, &t("a"));
        let taken: Held = [
            (t("a"), LockMode::AccessExclusive),
            (t("b"), LockMode::AccessShare),
            (t("c"), LockMode::Share),
        ]
        .into_iter()
        .collect();
        let found = understated("add-column column public.a.x", &s, &taken, &|_| Vec::new());
        let rels: Vec<String> = found.iter().map(|u| u.relation.to_string()).collect();
        assert_eq!(rels, ["public.a", "public.c"]);
        assert_eq!(found[0].claimed, Some(LockMode::ShareUpdateExclusive));
        assert_eq!(found[1].claimed, None);
        assert!(
            found[0]
                .to_string()
                .contains("took ACCESS EXCLUSIVE on public.a")
        );
    }

    #[test]
    fn only_what_is_new_or_stronger_is_the_statements() {
        let before: Held = [(t("a"), LockMode::AccessShare)].into_iter().collect();
        let now: Held = [
            (t("a"), LockMode::AccessExclusive),
            (t("b"), LockMode::RowExclusive),
        ]
        .into_iter()
        .collect();
        assert_eq!(added(&before, &now), now);
        assert!(added(&now, &now).is_empty());
    }
}
