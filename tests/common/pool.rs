//! Test databases reused after a verified reset, instead of a `CREATE DATABASE` per use
//! (about 0.4 s each on a loaded 2-core machine, CPU-bound; docs/design.md "Tests").
//!
//! [`pooled_db`] hands out a database that is indistinguishable from a fresh copy of
//! `template0`: either a new one, or one a previous test used that was then reset
//! (`pool/reset.sql`: drop every object with a user OID) and *verified*: its fingerprint
//! (`pool/fingerprint.sql`: every row of every per-database catalog, the database's own rows
//! in the shared ones — settings, grants on it, comment, owner, role dependencies) equals that
//! of a database fresh from `template0` on the same server, taken before anything was loaded
//! into it. A database that does not verify is dropped, and the next use creates a new one.
//! `SCHEMADIFF_POOL=0` turns reuse off (every [`pooled_db`] is a fresh database).

use super::{TestDb, test_db, timing};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

const RESET: &str = include_str!("pool/reset.sql");
const FINGERPRINT: &str = include_str!("pool/fingerprint.sql");

/// Databases that passed verification, free for the next test.
static FREE: Mutex<Vec<TestDb>> = Mutex::new(Vec::new());
/// (the fingerprint query for this server, the fingerprint of a fresh database).
static PRISTINE: OnceLock<(String, String)> = OnceLock::new();

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("SCHEMADIFF_POOL").map_or(true, |v| v != "0"))
}

/// A database from the pool (see the module comment); it goes back on drop if its reset
/// verifies.
pub struct PooledDb {
    db: Option<TestDb>,
}

impl Deref for PooledDb {
    type Target = TestDb;
    fn deref(&self) -> &TestDb {
        self.db.as_ref().unwrap()
    }
}

/// A database as fresh as [`test_db`]'s, reused when one is free.
pub fn pooled_db(prefix: &str) -> PooledDb {
    if !enabled() {
        return PooledDb {
            db: Some(test_db(prefix)),
        };
    }
    if let Some(db) = FREE.lock().unwrap_or_else(|e| e.into_inner()).pop() {
        let _t = timing::span("pool_reuse");
        return PooledDb { db: Some(db) };
    }
    let db = test_db(prefix);
    // A database just created from template0, before anything is loaded: the reference.
    PRISTINE.get_or_init(|| {
        let query = db
            .psql(FINGERPRINT)
            .unwrap_or_else(|e| panic!("writing the fingerprint query: {e}"));
        let fresh = db
            .psql(&query)
            .unwrap_or_else(|e| panic!("fingerprint of a fresh database: {e}"));
        (query, fresh)
    });
    PooledDb { db: Some(db) }
}

/// A pooled database for the planner's shadow (`resolve::Shadows::reusing`), or `None` when
/// reuse is off or this server's fresh databases are not UTF8 (the planner makes its own
/// shadows with `ENCODING 'UTF8'`; a reused one must be the same).
pub fn shadow_db() -> Option<PooledDb> {
    static UTF8: OnceLock<bool> = OnceLock::new();
    if !enabled() {
        return None;
    }
    let db = pooled_db("shadow");
    let utf8 = *UTF8.get_or_init(|| {
        db.psql("SHOW server_encoding")
            .is_ok_and(|e| e.trim() == "UTF8")
    });
    utf8.then_some(db)
}

/// Reset `db` and compare its fingerprint with a fresh database's: Ok(()) when it is one
/// again; Err(what differs).
fn reset(db: &TestDb) -> Result<(), String> {
    let (query, fresh) = PRISTINE.get().ok_or("no reference fingerprint")?;
    let now = db.psql(&format!("{RESET}\n{query}"))?;
    if &now == fresh {
        return Ok(());
    }
    let differs: Vec<&str> = now
        .lines()
        .filter(|l| !fresh.lines().any(|f| f == *l))
        // A line's start names its catalog; the xmin lists are long.
        .map(|l| l.get(..l.len().min(60)).unwrap_or(l))
        .collect();
    Err(differs.join("; "))
}

impl Drop for PooledDb {
    fn drop(&mut self) {
        let Some(db) = self.db.take() else { return };
        if !enabled() || std::thread::panicking() {
            return; // dropped (TestDb's Drop)
        }
        let _t = timing::span("pool_reset");
        match reset(&db) {
            Ok(()) => FREE.lock().unwrap_or_else(|e| e.into_inner()).push(db),
            Err(e) => {
                let _t = timing::span("pool_discarded");
                if std::env::var("SCHEMADIFF_TIMING").is_ok_and(|v| !v.is_empty()) {
                    eprintln!("pool: {} not reset, dropped: {e}", db.name());
                }
            }
        }
    }
}

/// Drop the free databases (at the end of a suite; they would otherwise live until the
/// server stops, which for `SCHEMADIFF_TEST_URL` is never).
pub fn drain() {
    let free = std::mem::take(&mut *FREE.lock().unwrap_or_else(|e| e.into_inner()));
    drop(free);
}
