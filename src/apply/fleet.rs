//! The same desired state applied to many databases (shards, tenants): each is planned,
//! gated, locked and recorded on its own, `parallel` at a time. A line per database as it
//! finishes, on stdout; without `keep_going` no further database starts after a failure.

use super::progress::Progress;
use super::{Applied, Interrupt, Request, apply};
use crate::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Semaphore;

/// One database's result.
pub struct Result1 {
    pub database: String,
    pub result: Result<Applied, Error>,
}

/// Apply every request; the results in the order given.
pub async fn apply_all(
    requests: Vec<Request>,
    parallel: usize,
    keep_going: bool,
    interrupt: &Interrupt,
) -> Vec<Result1> {
    let gate = Arc::new(Semaphore::new(parallel.max(1)));
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, req) in requests.into_iter().enumerate() {
        let (gate, stop, interrupt) = (gate.clone(), stop.clone(), interrupt.clone());
        tasks.spawn(async move {
            let database = req.url.redacted();
            let _permit = gate.acquire_owned().await.expect("the semaphore stays open");
            if stop.load(Ordering::SeqCst) || interrupt.is_set() {
                return (
                    i,
                    Result1 {
                        database,
                        result: Err(Error::Refused(
                            "not started: an earlier database failed (--keep-going continues past failures)"
                                .into(),
                        )),
                    },
                );
            }
            let mut progress = Progress::quiet();
            let result = apply(&req, &interrupt, &mut progress).await;
            if result.is_err() && !keep_going {
                stop.store(true, Ordering::SeqCst);
            }
            print_line(&database, &result);
            (i, Result1 { database, result })
        });
    }
    let mut out: Vec<(usize, Result1)> = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(r) => out.push(r),
            Err(e) => eprintln!("error: a database's task failed: {e}"),
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

fn print_line(database: &str, result: &Result<Applied, Error>) {
    match result {
        Ok(a) => println!("ok      {database}  {}", a.summary()),
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default().to_string();
            println!("FAILED  {database}  {first}");
        }
    }
}
