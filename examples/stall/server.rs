//! The server under test: an `EphemeralCluster` tuned like a small production server, or
//! the server of `--url`; and the databases on it (templates loaded once, copies per run).

use anyhow::{Context, Result, bail};
use schemadiff::cluster::{EphemeralCluster, conninfo_value, find_bin_dir, find_client_program};
use schemadiff::connect::{ConnectOptions, Host, connect};
use schemadiff::model::quote_ident;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Settings for the ephemeral cluster. `EphemeralCluster` already runs with `fsync=off`,
/// `full_page_writes=off` and `synchronous_commit=off`; these make it a server sized for a
/// 2 M-row table (the defaults give 128 MB of shared buffers and 1 GB of WAL between
/// checkpoints).
const TUNING: &[(&str, &str)] = &[
    ("shared_buffers", "1GB"),
    ("maintenance_work_mem", "256MB"),
    ("max_wal_size", "8GB"),
    ("checkpoint_timeout", "30min"),
    ("log_lock_waits", "on"),
];

pub struct Server {
    pub admin: ConnectOptions,
    /// Kept alive for the whole run; stopped and removed on drop.
    cluster: Option<EphemeralCluster>,
    bin_dir: Option<PathBuf>,
}

impl Server {
    /// The server of `url`, or a new ephemeral cluster restarted with `TUNING`.
    pub async fn start(url: Option<&str>) -> Result<Server> {
        if let Some(url) = url {
            return Ok(Server {
                admin: ConnectOptions::parse(url)?,
                cluster: None,
                bin_dir: find_bin_dir().ok(),
            });
        }
        let cluster = tokio::task::spawn_blocking(EphemeralCluster::start).await??;
        let server = Server {
            admin: ConnectOptions::parse(&cluster.connection_string("postgres"))?,
            bin_dir: Some(cluster.bin_dir().to_path_buf()),
            cluster: Some(cluster),
        };
        server.tune().await?;
        Ok(server)
    }

    /// `ALTER SYSTEM` the settings, then restart the server with `pg_ctl` so that
    /// `shared_buffers` takes effect. `pg_ctl restart` starts the postmaster with the same
    /// command line (from `postmaster.opts`), so socket, port and the cluster's own settings
    /// stay; the cluster's `Drop` and watchdog find the new postmaster by its pid file.
    async fn tune(&self) -> Result<()> {
        let Some(cluster) = &self.cluster else {
            return Ok(());
        };
        let client = connect(&self.admin).await?;
        for (name, value) in TUNING {
            client
                .batch_execute(&format!("ALTER SYSTEM SET {name} = '{value}'"))
                .await?;
        }
        drop(client);
        let pg_ctl = cluster.bin_dir().join("pg_ctl");
        let mut cmd = if running_as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&pg_ctl);
            c
        } else {
            Command::new(&pg_ctl)
        };
        let data = cluster.data_dir();
        let out = cmd
            .arg("restart")
            .arg("-D")
            .arg(data)
            .args(["-m", "fast", "-w", "-t", "60", "-l"])
            // The cluster's own log belongs to root when we run as root.
            .arg(data.join("restarted.log"))
            .current_dir(data.parent().unwrap_or(Path::new("/")))
            .stdin(Stdio::null())
            .output()
            .context("running pg_ctl restart")?;
        if !out.status.success() {
            bail!(
                "pg_ctl restart failed ({}): {}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// `version, shared_buffers, ...` for the report.
    pub async fn describe(&self) -> Result<String> {
        let client = connect(&self.admin).await?;
        let row = client
            .query_one(
                "SELECT current_setting('server_version'), current_setting('shared_buffers'), \
                        current_setting('maintenance_work_mem'), current_setting('fsync'), \
                        current_setting('synchronous_commit'), current_setting('max_wal_size')",
                &[],
            )
            .await?;
        let g = |i: usize| row.get::<_, String>(i);
        Ok(format!(
            "PostgreSQL {} ({}{}), shared_buffers={} maintenance_work_mem={} fsync={} \
             synchronous_commit={} max_wal_size={}",
            g(0),
            if self.cluster.is_some() {
                "ephemeral cluster "
            } else {
                ""
            },
            self.admin.redacted(),
            g(1),
            g(2),
            g(3),
            g(4),
            g(5)
        ))
    }

    pub fn db(&self, name: &str) -> ConnectOptions {
        self.admin.with_dbname(name)
    }

    /// A libpq connection string for `dbname`, without the password (that travels in
    /// `PGPASSWORD`, see `libpq_env`), for `schemadiff --from`.
    pub fn conninfo(&self, dbname: &str) -> String {
        let opts = self.db(dbname);
        format!(
            "host={} port={} user={} dbname={} sslmode={}",
            conninfo_value(&host_string(opts.host())),
            opts.port(),
            conninfo_value(opts.user()),
            conninfo_value(dbname),
            opts.sslmode().as_str()
        )
    }

    /// libpq environment for pgbench, psql and schemadiff: no password on a command line.
    pub fn libpq_env(&self, dbname: &str) -> Vec<(&'static str, String)> {
        let opts = self.db(dbname);
        let mut env = vec![
            ("PGHOST", host_string(opts.host())),
            ("PGPORT", opts.port().to_string()),
            ("PGUSER", opts.user().to_string()),
            ("PGDATABASE", dbname.to_string()),
            ("PGSSLMODE", opts.sslmode().as_str().to_string()),
        ];
        if let Some(p) = opts.to_tokio_config().get_password() {
            env.push(("PGPASSWORD", String::from_utf8_lossy(p).into_owned()));
        }
        env
    }

    /// A client program (`pgbench`, `psql`): beside the server binaries, else on PATH.
    pub fn program(&self, name: &str) -> Result<PathBuf> {
        find_client_program(self.bin_dir.as_deref(), name)
            .with_context(|| format!("{name}: not beside the server binaries nor on PATH"))
    }

    /// Create `name` and run `schema` then `load` in it, then VACUUM ANALYZE; returns the
    /// time taken.
    pub async fn create_loaded(&self, name: &str, schema: &str, load: &str) -> Result<Duration> {
        let start = Instant::now();
        self.drop_db(name).await?;
        let admin = connect(&self.admin).await?;
        admin
            .batch_execute(&format!(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'",
                quote_ident(name)
            ))
            .await?;
        let client = connect(&self.db(name)).await?;
        client
            .batch_execute(&format!("BEGIN;\n{schema}{load}COMMIT;"))
            .await
            .with_context(|| format!("loading {name}"))?;
        client.batch_execute("VACUUM (ANALYZE) owners").await?;
        client.batch_execute("VACUUM (ANALYZE) accounts").await?;
        client.batch_execute("CHECKPOINT").await?;
        Ok(start.elapsed())
    }

    /// `CREATE DATABASE name TEMPLATE template`, as a file copy (15+: no WAL for every block).
    pub async fn copy_db(&self, template: &str, name: &str) -> Result<Duration> {
        let start = Instant::now();
        self.drop_db(name).await?;
        let admin = connect(&self.admin).await?;
        let version: i32 = admin
            .query_one("SELECT current_setting('server_version_num')::int4", &[])
            .await?
            .get(0);
        let strategy = if version >= 150000 {
            " STRATEGY FILE_COPY"
        } else {
            ""
        };
        let sql = format!(
            "CREATE DATABASE {} TEMPLATE {}{strategy}",
            quote_ident(name),
            quote_ident(template)
        );
        // A just-closed session on the template may still be exiting: retry briefly.
        let mut attempt = 0;
        loop {
            match admin.batch_execute(&sql).await {
                Ok(()) => return Ok(start.elapsed()),
                Err(e) if attempt < 50 && format!("{e:?}").contains("being accessed") => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e).with_context(|| format!("copying {template}")),
            }
        }
    }

    pub async fn drop_db(&self, name: &str) -> Result<()> {
        let admin = connect(&self.admin).await?;
        admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(name)
            ))
            .await?;
        Ok(())
    }

    /// Whether the server is ours (and goes away with the program).
    pub fn ephemeral(&self) -> bool {
        self.cluster.is_some()
    }
}

fn host_string(host: &Host) -> String {
    match host {
        Host::Tcp(h) => h.clone(),
        Host::Unix(dir) => dir.to_string_lossy().into_owned(),
    }
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
