//! Heap use of introspection, counted by a global allocator that only this example installs:
//! the peak while one catalog is read, what the catalog keeps afterwards, and the peak while
//! two are read at once on two connections (as `resolve::read_catalogs` does). The counts are
//! requested bytes, so they leave out the allocator's own overhead and fragmentation (which
//! the bench's peak RSS includes).
//!
//! ```text
//! cargo run --release --example memprobe -- 'host=/tmp/pg port=5432 dbname=a' ['dbname=b ...']
//! ```

use anyhow::{Context, Result};
use schemadiff::connect::{ConnectOptions, connect};
use schemadiff::introspect::{Filter, introspect};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counts are kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            LIVE.fetch_sub(layout.size(), Relaxed);
            let now = LIVE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Start a new measurement: the peak from here on, over what is live now.
fn reset() -> usize {
    let live = LIVE.load(Relaxed);
    PEAK.store(live, Relaxed);
    live
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = ConnectOptions::parse(
        args.first()
            .context("usage: memprobe CONNINFO [CONNINFO]")?,
    )?;
    let b = match args.get(1) {
        Some(s) => ConnectOptions::parse(s)?,
        None => a.clone(),
    };
    let filter = Filter::default();
    let (ca, cb) = (connect(&a).await?, connect(&b).await?);

    let base = reset();
    let one = introspect(&ca, &filter).await?;
    let (peak, live) = (PEAK.load(Relaxed), LIVE.load(Relaxed));
    println!(
        "one side: peak {:.1} MiB, the catalog keeps {:.1} MiB",
        mib(peak - base),
        mib(live - base)
    );
    drop(one);

    let base = reset();
    let (x, y) = tokio::try_join!(introspect(&ca, &filter), introspect(&cb, &filter))?;
    let (peak, live) = (PEAK.load(Relaxed), LIVE.load(Relaxed));
    println!(
        "both sides at once: peak {:.1} MiB, the catalogs keep {:.1} MiB",
        mib(peak - base),
        mib(live - base)
    );
    drop((x, y));
    Ok(())
}
