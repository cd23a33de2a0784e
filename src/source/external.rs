//! `-- schemadiff:external`: statements whose objects exist outside the managed state. They
//! are loaded into the shadow like any other (later statements may use what they create),
//! and what they create is left out of both catalogs by `resolve`, so a plan never
//! creates, changes or drops it.

use super::annotate::EXTERNAL;
use super::{ObjectName, Statement};

/// The names the externally managed statements create, in order, without repeats.
pub fn externals(statements: &[Statement]) -> Vec<ObjectName> {
    let mut out: Vec<ObjectName> = Vec::new();
    for s in statements {
        if s.annotations.iter().any(|a| a.key == EXTERNAL) {
            for name in &s.creates {
                if !out.contains(name) {
                    out.push(name.clone());
                }
            }
        }
    }
    out
}
