//! Resolving `--from` / `--to` into catalogs. A database is introspected directly; desired
//! SQL files are loaded into a shadow database and introspected by the same code
//! (DESIGN decision 1). The shadow is, in order of preference: a temporary database on the
//! `--shadow-url` server; one on the server of the other side; an ephemeral local cluster.
//! Temporary databases are always dropped and the cluster stopped, on error and Ctrl-C too.
//! The `to` side's annotations give the planner's hints; the servers of both sides say
//! which type changes they make in place ([`probe`]).

mod check;
mod external;
pub mod probe;
mod renamed;

pub use renamed::load_copy;

use crate::cluster::EphemeralCluster;
use crate::connect::{ConnectOptions, connect};
use crate::error::Error;
use crate::introspect::{Filter, introspect};
use crate::model::{Catalog, quote_ident};
use crate::plan::Hints;
use crate::source;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio_postgres::Client;

/// Where a catalog comes from.
#[derive(Clone, Debug)]
pub enum Target {
    Database(Box<ConnectOptions>),
    Files(PathBuf),
    /// Migrations already written, run into a shadow database (`generate` without `--from`).
    Replay(Vec<crate::generate::replay::Replayed>),
    /// Migrations that are code, run into a shadow database by their own runner.
    Runner(crate::generate::runner_replay::RunnerReplay),
}

impl Target {
    /// A path that exists is files; otherwise a URL or libpq keyword string.
    pub fn parse(arg: &str) -> Result<Target, Error> {
        let path = PathBuf::from(arg);
        if path.exists() {
            return Ok(Target::Files(path));
        }
        let looks_like_url =
            arg.starts_with("postgres://") || arg.starts_with("postgresql://") || arg.contains('=');
        if looks_like_url {
            return Ok(Target::Database(Box::new(ConnectOptions::parse(arg)?)));
        }
        Err(Error::Usage(format!(
            "{arg}: no such file or directory (and not a postgres:// URL or connection string)"
        )))
    }
}

/// A server on which temporary shadow databases are created, and what to clean up.
pub struct Shadows {
    server: ShadowServer,
    created: Vec<String>,
    /// Empty databases the caller keeps ([`Shadows::reusing`]): used before any is created,
    /// and never dropped.
    given: Vec<ConnectOptions>,
}

enum ShadowServer {
    Remote(ConnectOptions),
    Local(EphemeralCluster),
}

static SHADOW_COUNTER: AtomicU32 = AtomicU32::new(0);

impl Shadows {
    /// Shadows on `--shadow-url`, else on the server of `db` (`verify`'s copy).
    pub fn beside(shadow_url: Option<&ConnectOptions>, db: &ConnectOptions) -> Shadows {
        Shadows {
            server: ShadowServer::Remote(shadow_url.unwrap_or(db).clone()),
            created: Vec::new(),
            given: Vec::new(),
        }
    }

    /// Shadows on the server of `db`, the first of them the empty databases `given` (each as
    /// fresh as `CREATE DATABASE ... TEMPLATE template0` makes one), used in turn and left in
    /// place; any further one is created and dropped as usual. For a caller that keeps empty
    /// databases to reuse (the convergence suite, where `CREATE DATABASE` is most of the time).
    pub fn reusing(db: &ConnectOptions, given: Vec<ConnectOptions>) -> Shadows {
        Shadows {
            given: given.into_iter().rev().collect(),
            ..Shadows::beside(None, db)
        }
    }

    /// Choose the shadow server for files, given both targets and `--shadow-url`.
    pub async fn choose(
        shadow_url: Option<&ConnectOptions>,
        from: &Target,
        to: &Target,
    ) -> Result<Option<Shadows>, Error> {
        let needs = [from, to]
            .iter()
            .any(|t| matches!(t, Target::Files(_) | Target::Replay(_) | Target::Runner(_)));
        if !needs {
            return Ok(None);
        }
        let server = match (shadow_url, from, to) {
            (Some(o), _, _) => ShadowServer::Remote(o.clone()),
            (None, Target::Database(o), _) | (None, _, Target::Database(o)) => {
                ShadowServer::Remote((**o).clone())
            }
            (None, _, _) => {
                let cluster = tokio::task::spawn_blocking(EphemeralCluster::start)
                    .await
                    .map_err(|e| Error::Usage(format!("shadow cluster task failed: {e}")))??;
                ShadowServer::Local(cluster)
            }
        };
        Ok(Some(Shadows {
            server,
            created: Vec::new(),
            given: Vec::new(),
        }))
    }

    fn admin_options(&self) -> Result<ConnectOptions, Error> {
        Ok(match &self.server {
            ShadowServer::Remote(o) => o.clone(),
            ShadowServer::Local(c) => ConnectOptions::parse(&c.connection_string("postgres"))?,
        })
    }

    fn describe(&self) -> String {
        match &self.server {
            ShadowServer::Remote(o) => o.redacted(),
            ShadowServer::Local(_) => "the ephemeral local cluster".to_string(),
        }
    }

    /// Create an empty, recognizably named temporary database and connect to it.
    pub async fn create(&mut self) -> Result<Client, Error> {
        Ok(self.create_with_options().await?.0)
    }

    /// [`Shadows::create`], with the options that connect to the new database (for a
    /// second connection to it).
    pub async fn create_with_options(&mut self) -> Result<(Client, ConnectOptions), Error> {
        if let Some(opts) = self.given.pop() {
            return Ok((connect(&opts).await?, opts));
        }
        let _t = crate::timing::stage("create a shadow database");
        let admin_opts = self.admin_options()?;
        let admin = connect(&admin_opts).await?;
        let name = format!(
            "schemadiff_shadow_{}_{}",
            std::process::id(),
            SHADOW_COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        // template0: an empty database even if template1 was customised.
        let sql = format!(
            "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
            quote_ident(&name)
        );
        admin.batch_execute(&sql).await.map_err(|e| Error::Shadow {
            server: self.describe(),
            message: format!(
                "cannot create a temporary database ({}); pass --shadow-url with a server where you may create databases",
                db_message(&e)
            ),
        })?;
        self.created.push(name.clone());
        let opts = admin_opts.with_dbname(&name);
        Ok((connect(&opts).await?, opts))
    }

    /// Drop every temporary database and stop the local cluster. Never fails: cleanup errors
    /// are reported on stderr, since the real error (if any) matters more.
    pub async fn cleanup(mut self) {
        let _t = crate::timing::stage("drop the shadow databases");
        if !self.created.is_empty() {
            match self.admin_options() {
                Ok(opts) => match connect(&opts).await {
                    Ok(admin) => {
                        for name in std::mem::take(&mut self.created) {
                            let sql = format!(
                                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                                quote_ident(&name)
                            );
                            if let Err(e) = admin.batch_execute(&sql).await {
                                eprintln!(
                                    "warning: could not drop shadow database {name}: {}",
                                    db_message(&e)
                                );
                            }
                        }
                    }
                    Err(e) => eprintln!("warning: could not drop shadow databases: {e}"),
                },
                Err(e) => eprintln!("warning: could not drop shadow databases: {e}"),
            }
        }
        if let ShadowServer::Local(cluster) = self.server {
            let _ = tokio::task::spawn_blocking(move || drop(cluster)).await;
        }
    }
}

/// The server's message (and detail) of a database error, else the error's own text.
pub fn db_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

/// One side, read: its catalog, the connection it was read on (kept open for the type
/// probe) and the hints of its annotations.
struct Side {
    catalog: Catalog,
    client: Client,
    hints: Hints,
    /// What its `-- schemadiff:external` statements create.
    externals: Vec<source::ObjectName>,
}

/// One side before any database work: files read, split, ordered and their annotations
/// parsed, so that a mistake in them is reported before a shadow database is made.
enum Prepared<'t> {
    Database(&'t ConnectOptions),
    Files {
        statements: Vec<source::Statement>,
        hints: Hints,
    },
    Replay(&'t [crate::generate::replay::Replayed]),
    Runner(&'t crate::generate::runner_replay::RunnerReplay),
}

/// Read a target's files, if it has any; annotations become hints only when `with_hints`
/// (the `from` side's are not used, so they cannot fail).
fn prepare(target: &Target, with_hints: bool, owners: bool) -> Result<Prepared<'_>, Error> {
    Ok(match target {
        Target::Database(opts) => Prepared::Database(opts),
        Target::Replay(statements) => Prepared::Replay(statements),
        Target::Runner(runner) => Prepared::Runner(runner),
        Target::Files(path) => {
            let statements = {
                let _t = crate::timing::stage(format!("read and split {}", path.display()));
                source::read_desired_with(path, owners)?
            };
            // Skipped statements (role blocks) are reported here, where output is decided.
            for warning in statements.iter().filter_map(source::Statement::warning) {
                eprintln!("warning: {warning}");
            }
            let hints = if with_hints {
                let _t = crate::timing::stage("annotations");
                source::hints(&statements)?
            } else {
                Hints::default()
            };
            let _t = crate::timing::stage("order the statements");
            Prepared::Files {
                statements: source::order(statements)?,
                hints,
            }
        }
    })
}

/// The connection a side is read on: its database, or a new shadow database (with the
/// options that reach it, for a runner that connects itself).
async fn connect_side(
    side: &Prepared<'_>,
    shadows: Option<&mut Shadows>,
) -> Result<(Client, Option<ConnectOptions>), Error> {
    if let Prepared::Database(opts) = side {
        return Ok((connect(opts).await?, None));
    }
    let shadows = shadows.ok_or_else(|| Error::Usage("no shadow database available".into()))?;
    let (client, opts) = shadows.create_with_options().await?;
    Ok((client, Some(opts)))
}

/// Fill the shadow (files loaded, migrations replayed) and introspect the side. Needs no
/// shared state, so the two sides run at once, each on its own connection.
async fn read_side(
    side: Prepared<'_>,
    (client, opts): (Client, Option<ConnectOptions>),
    filter: &Filter,
    outside: Option<&Catalog>,
    label: &str,
) -> Result<Side, Error> {
    let mut externals = Vec::new();
    let hints = match side {
        Prepared::Database(_) => Hints::default(),
        Prepared::Replay(statements) => {
            crate::generate::replay::run(&client, statements).await?;
            Hints::default()
        }
        Prepared::Runner(runner) => {
            let opts = opts.ok_or_else(|| Error::Usage("no shadow database available".into()))?;
            runner.run(&opts).await?;
            Hints::default()
        }
        Prepared::Files { statements, hints } => {
            if let Some(outside) = outside {
                let _t = crate::timing::stage(format!("copy what {label} uses outside scope"));
                let left_out = external::load_outside(&client, outside).await?;
                if left_out > 0 {
                    eprintln!(
                        "warning: {left_out} statement(s) of what the desired files use outside the managed schemas could not be copied into the shadow database"
                    );
                }
            }
            let _t = crate::timing::stage(format!("load {label} into the shadow"));
            source::load(&client, &statements).await?;
            externals = source::externals(&statements);
            hints
        }
    };
    let catalog = {
        let _t = crate::timing::stage(format!("introspect {label}"));
        introspect(&client, filter).await?
    };
    Ok(Side {
        catalog,
        client,
        hints,
        externals,
    })
}

/// Both catalogs and the planner's hints, with shadows cleaned up whatever happens, Ctrl-C
/// included. The hints are the `to` side's annotations (a `from` side's are ignored) and
/// the type changes the servers make in place, probed on the `to` side's connection, else
/// the `from` side's, while both are still open.
pub async fn catalogs(
    from: &Target,
    to: &Target,
    shadow_url: Option<&ConnectOptions>,
    filter: &Filter,
) -> Result<(Catalog, Catalog, Hints), Error> {
    let shadows = Shadows::choose(shadow_url, from, to).await?;
    catalogs_with(from, to, shadows, filter).await
}

/// [`catalogs`] on the shadows given (e.g. [`Shadows::reusing`]) instead of chosen by
/// [`Shadows::choose`].
pub async fn catalogs_with(
    from: &Target,
    to: &Target,
    mut shadows: Option<Shadows>,
    filter: &Filter,
) -> Result<(Catalog, Catalog, Hints), Error> {
    let result = read_catalogs(from, to, &mut shadows, filter).await;
    if let Some(s) = shadows {
        s.cleanup().await;
    }
    result
}

/// [`catalogs`], then `then` on them, on a thread of its own while the shadow databases
/// are dropped: dropping a large shadow (its files, and the checkpoint `DROP DATABASE`
/// waits for) takes seconds at 10,000 tables, and planning need not wait for it.
pub async fn catalogs_then<R: Send + 'static>(
    from: &Target,
    to: &Target,
    shadow_url: Option<&ConnectOptions>,
    filter: &Filter,
    then: impl FnOnce(Catalog, Catalog, Hints) -> R + Send + 'static,
) -> Result<R, Error> {
    let mut shadows = Shadows::choose(shadow_url, from, to).await?;
    let read = read_catalogs(from, to, &mut shadows, filter).await;
    let cleanup = async {
        if let Some(s) = shadows {
            s.cleanup().await;
        }
    };
    let (a, b, hints) = match read {
        Ok(read) => read,
        Err(e) => {
            cleanup.await;
            return Err(e);
        }
    };
    let (done, ()) = tokio::join!(
        tokio::task::spawn_blocking(move || then(a, b, hints)),
        cleanup
    );
    done.map_err(|e| Error::Usage(format!("the planning task failed: {e}")))
}

/// Both sides read, checked and probed, on the shadows given; the caller cleans them up.
async fn read_catalogs(
    from: &Target,
    to: &Target,
    shadows: &mut Option<Shadows>,
    filter: &Filter,
) -> Result<(Catalog, Catalog, Hints), Error> {
    let work = async {
        let (a, b) = (
            prepare(from, false, filter.owners)?,
            prepare(to, true, filter.owners)?,
        );
        let a_conn = connect_side(&a, shadows.as_mut()).await?;
        let b_conn = connect_side(&b, shadows.as_mut()).await?;
        // What the live side has outside the managed schemas, for the shadow of the other.
        let outside = match (&a, &b) {
            (Prepared::Database(_), Prepared::Files { statements, .. }) => {
                external::read_outside(&a_conn.0, filter, statements).await?
            }
            (Prepared::Files { statements, .. }, Prepared::Database(_)) => {
                external::read_outside(&b_conn.0, filter, statements).await?
            }
            _ => None,
        };
        // Both at once: on their own connections the server reads (or loads) the two
        // databases in parallel, and one side's decoding overlaps the other's queries.
        let (mut a, mut b) = tokio::try_join!(
            read_side(a, a_conn, filter, outside.as_ref(), "from"),
            read_side(b, b_conn, filter, outside.as_ref(), "to"),
        )?;
        // Neither side manages what either side's files declare external.
        let externals: Vec<_> = a.externals.iter().chain(&b.externals).cloned().collect();
        external::strip(&mut a.catalog, &externals);
        external::strip(&mut b.catalog, &externals);
        a.catalog.keep_owners_of_objects();
        b.catalog.keep_owners_of_objects();
        let _t = crate::timing::stage("checks and probes");
        let mut hints = b.hints;
        // Both sides are on one server when either is a shadow; two live databases may not
        // be, and the `from` side is where the plan runs.
        hints.server_version = a
            .client
            .query_one("SELECT current_setting('server_version_num')::int4", &[])
            .await
            .ok()
            .map(|row| row.get(0));
        let clients = [&b.client, &a.client];
        check::backfill_expressions(&hints, (&a.catalog, &b.catalog), (&a.client, &b.client))
            .await?;
        check::type_changes(&hints, (&a.catalog, &b.catalog), &a.client).await?;
        hints.one_way_extensions =
            check::extension_versions((&a.catalog, &b.catalog), &a.client).await?;
        hints.in_place_types =
            probe::in_place_types(&a.catalog, &b.catalog, &hints.renames, &clients).await;
        hints.renamed_from =
            renamed::renamed_state((&a.catalog, &b.catalog), &hints, shadows.as_mut(), filter)
                .await?
                .map(std::sync::Arc::new);
        Ok::<_, Error>((a.catalog, b.catalog, hints))
    };
    tokio::select! {
        r = work => r,
        _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
    }
}

/// Live sizes of the tables the plan's statements lock, from the `from` database, for
/// impact estimates.
pub async fn add_stats(plan: &mut crate::plan::Plan, opts: &ConnectOptions) -> Result<(), Error> {
    let locked: std::collections::BTreeSet<&crate::model::QualifiedName> = plan
        .steps()
        .flat_map(|s| s.forward.iter())
        .flat_map(|s| s.locks.iter())
        .map(|l| &l.relation)
        .collect();
    if locked.is_empty() {
        return Ok(());
    }
    let locked: Vec<_> = locked.into_iter().cloned().collect();
    let client = connect(opts).await?;
    let stats = crate::introspect::table_stats(&client, &locked)
        .await
        .map_err(|e| Error::Usage(format!("cannot read table statistics: {}", db_message(&e))))?;
    for (name, rows, bytes) in stats {
        plan.stats
            .insert(name.to_string(), crate::plan::TableStats { rows, bytes });
    }
    Ok(())
}
