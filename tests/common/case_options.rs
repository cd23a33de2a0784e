//! What a corpus case's marker files change in the loop of `converge.rs`
//! (tests/cases/README.md, "Case markers"): `options` and `one-way`.

use schemadiff::introspect::Filter;
use schemadiff::model::Catalog;
use std::path::Path;

/// What the case's `options` file asks for (words, one a line): `owners` plans with
/// `--owners` (the filter reads owners and the files' `OWNER TO` are loaded; `Filter` is
/// how the library takes the option, so every read of the case goes through it);
/// `empty-plan`: the first plan must be empty (as every `noop__` case's).
pub fn options(case: &Path) -> Result<(Filter, bool), String> {
    let mut filter = Filter::default();
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    let mut empty = name.starts_with("noop__");
    let text = std::fs::read_to_string(case.join("options")).unwrap_or_default();
    for word in text.split_whitespace() {
        match word {
            "owners" => filter.owners = true,
            "empty-plan" => empty = true,
            other => return Err(format!("options: unknown option {other:?}")),
        }
    }
    Ok((filter, empty))
}

/// The catalog after a reverse, with the versions of `one_way` extensions put back to
/// `from`'s: the plan said they stay (nothing else is forgiven).
pub fn kept_one_way(mut back: Catalog, from: &Catalog, one_way: &[String]) -> Catalog {
    for name in one_way {
        if let (Some(b), Some(f)) = (back.extensions.get_mut(name), from.extensions.get(name)) {
            b.version = f.version.clone();
        }
    }
    back
}
