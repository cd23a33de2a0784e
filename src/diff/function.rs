//! Functions, procedures and aggregates, matched by identity arguments.

use super::extras::extras;
use super::{Change, merge_maps};
use crate::model::{Catalog, Function, FunctionKind, ObjectId};

pub fn diff_functions(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.functions, &to.functions, |key, f, t| {
        let id = ObjectId::Function { id: key.clone() };
        match (f, t) {
            (None, Some(t)) => {
                out.push(Change::CreateFunction(bare(t)));
                extras(out, &id, None, Some((&t.comment, &t.grants)));
            }
            (Some(f), None) => {
                extras(out, &id, Some((&f.comment, &f.grants)), None);
                out.push(Change::DropFunction(bare(f)));
            }
            (Some(f), Some(t)) => {
                if f.definition != t.definition {
                    if replaceable(f, t) {
                        out.push(Change::ReplaceFunction {
                            from: bare(f),
                            to: bare(t),
                        });
                        extras(
                            out,
                            &id,
                            Some((&f.comment, &f.grants)),
                            Some((&t.comment, &t.grants)),
                        );
                    } else {
                        extras(out, &id, Some((&f.comment, &f.grants)), None);
                        out.push(Change::DropFunction(bare(f)));
                        out.push(Change::CreateFunction(bare(t)));
                        extras(out, &id, None, Some((&t.comment, &t.grants)));
                    }
                } else {
                    extras(
                        out,
                        &id,
                        Some((&f.comment, &f.grants)),
                        Some((&t.comment, &t.grants)),
                    );
                }
            }
            (None, None) => {}
        }
    });
}

fn bare(f: &Function) -> Function {
    let mut b = f.clone();
    b.comment = None;
    b.grants.clear();
    b
}

/// `CREATE OR REPLACE` cannot change the kind, the result type, or the argument names and
/// defaults (all on the first line of `pg_get_functiondef`, and of an aggregate's definition,
/// where `ORDER BY` splits the direct arguments off), nor make an aggregate hypothetical or
/// stop it being so.
fn replaceable(f: &Function, t: &Function) -> bool {
    f.kind == t.kind
        && f.returns == t.returns
        && f.definition.lines().next() == t.definition.lines().next()
        && hypothetical(f) == hypothetical(t)
}

/// A hypothetical-set aggregate (`HYPOTHETICAL` on a line of its own in the definition the
/// introspection builds).
fn hypothetical(f: &Function) -> bool {
    match f.kind {
        FunctionKind::Aggregate => f
            .definition
            .lines()
            .any(|l| l.trim().trim_end_matches(',') == "HYPOTHETICAL"),
        FunctionKind::Function | FunctionKind::Procedure => false,
    }
}
