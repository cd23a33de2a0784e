//! The batch engine: work over a whole table (fill a column, copy a backup, restore one) as
//! many short transactions, keyed on the table's primary key (or a unique NOT NULL key), with
//! a pause between batches, resumable after a kill.
//!
//! The SQL is one `DO` block that psql runs in autocommit mode. Each batch finds the key that
//! ends it (`ORDER BY key OFFSET batch - 1 LIMIT 1`, an index scan), does the work for the
//! rows up to it, records the key in `schemadiff.backfills` and COMMITs: the work and the
//! progress commit together, so an interrupted run continues from the last batch that
//! committed and never redoes or skips a row. No lock is held between batches.
//!
//! A table with no usable key is walked by `ctid` page ranges up to the size it had when the
//! run started (rows that a batch moves are only updated twice, which every job here
//! tolerates): correct, but flagged, since the pages cannot be found by an index on
//! PostgreSQL 13.

use super::Settings;
use crate::bookkeeping;
use crate::model::{Catalog, ConstraintKind, QualifiedName, quote_ident, quote_literal};
use serde::{Deserialize, Serialize};

/// How the rows of a table are cut into batches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchKey {
    /// The primary key, or a unique key whose columns are NOT NULL, in key order.
    Columns(Vec<String>),
    /// No such key: `ctid` page ranges.
    Ctid,
}

impl BatchKey {
    /// The key of `table` in `cat`: the primary key, else the first (by name) unique
    /// constraint over NOT NULL columns, else `ctid`.
    pub fn of(cat: &Catalog, table: &QualifiedName) -> BatchKey {
        let Some(t) = cat.tables.get(table) else {
            return BatchKey::Ctid;
        };
        let not_null = |c: &String| t.column(c).is_some_and(|c| c.not_null);
        let keys = t.constraints.values().filter(|c| !c.columns.is_empty());
        let pk = keys.clone().find(|c| c.kind == ConstraintKind::PrimaryKey);
        let unique = || {
            keys.clone().find(|c| {
                c.kind == ConstraintKind::Unique && !c.deferrable && c.columns.iter().all(not_null)
            })
        };
        match pk.or_else(unique) {
            Some(c) => BatchKey::Columns(c.columns.clone()),
            None => BatchKey::Ctid,
        }
    }

    pub fn columns(&self) -> &[String] {
        match self {
            BatchKey::Columns(c) => c,
            BatchKey::Ctid => &[],
        }
    }
}

/// One batched job, described as data so that `apply` can run the same batches itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batched {
    /// Progress row in `schemadiff.backfills`: stable for the same job, so a rerun of the
    /// same script resumes it.
    pub id: String,
    /// The relation whose key is walked.
    pub scan: QualifiedName,
    pub key: BatchKey,
    /// The statement run per batch, with `{range}` where the batch's predicate goes.
    pub work: String,
    /// The alias under which `work` names `scan` in its predicate (`None`: unqualified).
    pub alias: Option<String>,
    pub batch_rows: u64,
    pub pause_ms: u64,
}

impl Batched {
    /// A job over `scan` with the plan's batch settings. `work` holds `{range}`.
    pub fn new(
        id: String,
        scan: &QualifiedName,
        key: BatchKey,
        work: String,
        settings: &Settings,
    ) -> Batched {
        Batched {
            id,
            scan: scan.clone(),
            key,
            work,
            alias: None,
            batch_rows: settings.batch_rows.max(1),
            pause_ms: settings.batch_pause_ms,
        }
    }

    pub fn with_alias(mut self, alias: &str) -> Batched {
        self.alias = Some(alias.to_string());
        self
    }

    /// The `DO` block that runs every batch, resumably.
    pub fn sql(&self) -> String {
        match &self.key {
            BatchKey::Columns(cols) => self.keyed_sql(cols),
            BatchKey::Ctid => self.ctid_sql(),
        }
    }

    /// Forget the job's progress, so that the same job runs again from the start (the
    /// reverse of a backfill, before the forward can be run again).
    pub fn forget_sql(&self) -> String {
        format!(
            "DELETE FROM {}.backfills WHERE id = {}",
            quote_ident(bookkeeping::STATE_SCHEMA),
            quote_literal(&self.id)
        )
    }

    fn progress(&self) -> String {
        format!("{}.backfills", quote_ident(bookkeeping::STATE_SCHEMA))
    }

    fn pause(&self) -> String {
        format!("PERFORM pg_sleep({});", self.pause_ms as f64 / 1000.0)
    }

    fn keyed_sql(&self, cols: &[String]) -> String {
        let n = cols.len();
        let qualify = |c: &String| match &self.alias {
            Some(a) => format!("{}.{}", quote_ident(a), quote_ident(c)),
            None => quote_ident(c),
        };
        let row = |vars: &[String]| format!("({})", vars.join(", "));
        let key_row = row(&cols.iter().map(qualify).collect::<Vec<_>>());
        let bare_key = cols.iter().map(|c| quote_ident(c)).collect::<Vec<_>>();
        let lo: Vec<String> = (1..=n).map(|i| format!("sd_lo_{i}")).collect();
        let hi: Vec<String> = (1..=n).map(|i| format!("sd_hi_{i}")).collect();
        let scan = &self.scan;
        let mut decl = String::new();
        for (i, c) in cols.iter().enumerate() {
            let ty = format!("{scan}.{}%TYPE", quote_ident(c));
            decl.push_str(&format!("  {} {ty};\n  {} {ty};\n", lo[i], hi[i]));
        }
        let resume: Vec<String> = (1..=n).map(|i| format!("last_key[{i}]")).collect();
        let order = bare_key.join(", ");
        let find = |cond: &str| {
            format!(
                "SELECT {order} INTO {} FROM {scan}{cond} ORDER BY {order} OFFSET {} LIMIT 1;",
                hi.join(", "),
                self.batch_rows - 1
            )
        };
        let bare_row = row(&bare_key);
        let above = format!("{key_row} > {}", row(&lo));
        let upto = format!("{key_row} <= {}", row(&hi));
        let work = |range: &str| self.work.replace("{range}", range);
        let saved: Vec<String> = hi.iter().map(|h| format!("{h}::text")).collect();
        format!(
            "DO $schemadiff$
#variable_conflict error
DECLARE
{decl}  sd_done boolean := false;
  sd_n bigint;
BEGIN
  PERFORM set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
          set_config('extra_float_digits', '3', true);
  -- Resume where the last committed batch stopped.
  SELECT {resume}, finished_at IS NOT NULL INTO {lo_list}, sd_done
    FROM {progress} WHERE id = {id};
  IF NOT FOUND THEN
    sd_done := false;
    INSERT INTO {progress} (id, relation) VALUES ({id}, {relation});
    COMMIT;
  END IF;
  WHILE NOT sd_done LOOP
    IF sd_lo_1 IS NULL THEN
      {find_first}
    ELSE
      {find_next}
    END IF;
    -- Fewer rows than a batch are left: this batch goes to the end.
    sd_done := NOT FOUND;
    -- Sync triggers leave the old columns alone while a backfill writes the new ones; keys
    -- saved as text read back the same whatever the session's settings.
    PERFORM set_config('schemadiff.backfilling', 'on', true);
    PERFORM set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
            set_config('extra_float_digits', '3', true);
    IF sd_lo_1 IS NULL AND sd_done THEN
      {work_all};
    ELSIF sd_lo_1 IS NULL THEN
      {work_first};
    ELSIF sd_done THEN
      {work_last};
    ELSE
      {work_mid};
    END IF;
    GET DIAGNOSTICS sd_n = ROW_COUNT;
    UPDATE {progress}
       SET last_key = ARRAY[{saved}], rows_done = rows_done + sd_n, updated_at = clock_timestamp(),
           finished_at = CASE WHEN sd_done THEN clock_timestamp() END
     WHERE id = {id};
    COMMIT;
    {assign}
    IF NOT sd_done THEN
      {pause}
    END IF;
  END LOOP;
END
$schemadiff$",
            resume = resume.join(", "),
            lo_list = lo.join(", "),
            progress = self.progress(),
            id = quote_literal(&self.id),
            relation = quote_literal(&scan.to_string()),
            find_first = find(""),
            find_next = find(&format!(" WHERE {bare_row} > {}", row(&lo))),
            work_all = work("true"),
            work_first = work(&upto),
            work_last = work(&above),
            work_mid = work(&format!("{above} AND {upto}")),
            saved = saved.join(", "),
            assign = lo
                .iter()
                .zip(&hi)
                .map(|(l, h)| format!("{l} := {h};"))
                .collect::<Vec<_>>()
                .join(" "),
            pause = self.pause(),
        )
    }

    fn ctid_sql(&self) -> String {
        // Pages per batch: a page holds tens of narrow rows; aim at about `batch_rows`.
        let pages = (self.batch_rows / 50).max(1);
        let ctid = match &self.alias {
            Some(a) => format!("{}.ctid", quote_ident(a)),
            None => "ctid".to_string(),
        };
        let range = format!(
            "{ctid} >= format('(%s,0)', sd_page)::tid AND {ctid} < format('(%s,0)', sd_page + {pages})::tid"
        );
        format!(
            "DO $schemadiff$
#variable_conflict error
DECLARE
  sd_page bigint;
  sd_last_page bigint;
  sd_done boolean := false;
  sd_n bigint;
BEGIN
  -- Resume where the last committed batch stopped; the walk ends at the size the table
  -- (or its largest partition) had when the job started.
  SELECT last_key[1]::bigint, last_key[2]::bigint, finished_at IS NOT NULL INTO sd_page, sd_last_page, sd_done
    FROM {progress} WHERE id = {id};
  IF NOT FOUND THEN
    sd_done := false;
    sd_page := 0;
    SELECT coalesce(max(pg_relation_size(relid)), 0) / current_setting('block_size')::bigint
      INTO sd_last_page FROM pg_partition_tree({relation}::regclass);
    INSERT INTO {progress} (id, relation, last_key) VALUES ({id}, {relation}, ARRAY[sd_page::text, sd_last_page::text]);
    COMMIT;
  END IF;
  WHILE NOT sd_done LOOP
    PERFORM set_config('schemadiff.backfilling', 'on', true);
    {work};
    GET DIAGNOSTICS sd_n = ROW_COUNT;
    sd_page := sd_page + {pages};
    sd_done := sd_page > sd_last_page;
    UPDATE {progress}
       SET last_key = ARRAY[sd_page::text, sd_last_page::text], rows_done = rows_done + sd_n,
           updated_at = clock_timestamp(), finished_at = CASE WHEN sd_done THEN clock_timestamp() END
     WHERE id = {id};
    COMMIT;
    IF NOT sd_done THEN
      {pause}
    END IF;
  END LOOP;
END
$schemadiff$",
            progress = self.progress(),
            id = quote_literal(&self.id),
            relation = quote_literal(&self.scan.to_string()),
            work = self.work.replace("{range}", &range),
            pause = self.pause(),
        )
    }
}

/// A short stable tag for names and ids (FNV-1a, hex): the same input names the same job or
/// backup in every run.
pub fn tag(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    format!("{:08x}", hash as u32)
}

/// A `VACUUM (ANALYZE)` of every table the backfill phase rewrote rows of, at the end of that
/// phase. A backfill leaves a dead version of every row it updated, which makes autovacuum
/// start on the table soon after; contract's first write-blocking DDL would then queue
/// behind it (autovacuum yields only after `deadlock_timeout`), and every writer behind the
/// DDL. Vacuuming here takes SHARE UPDATE EXCLUSIVE, which writers do not wait for, and
/// leaves autovacuum nothing to do. It also reclaims the space for the rows' next updates.
pub(super) fn vacuums(steps: &[super::Step]) -> Vec<super::Step> {
    use super::{Hazard, LockMode, Phase, Statement, Step};
    let mut tables: Vec<&QualifiedName> = Vec::new();
    for s in steps.iter().filter(|s| s.phase == Phase::Backfill) {
        for job in s.forward.iter().filter_map(|f| f.batched.as_deref()) {
            // Every batched job of the backfill phase UPDATEs the rows it walks.
            if !tables.contains(&&job.scan) {
                tables.push(&job.scan);
            }
        }
    }
    tables
        .into_iter()
        .map(|t| {
            let mut step = Step::new(crate::model::ObjectId::Table { name: t.clone() }, "vacuum-table");
            step.phase = Phase::Backfill;
            step.forward = vec![
                Statement::new(format!("VACUUM (ANALYZE) {t}"))
                    .non_transactional()
                    .lock(LockMode::ShareUpdateExclusive, t)
                    .hazard(Hazard::ScansTable),
            ];
            step.notes.push(
                "after the backfill, so that autovacuum does not hold up contract's DDL on the table"
                    .to_string(),
            );
            step
        })
        .collect()
}
