//! JSON for machines: the plan itself (docs/plan-json.md), versioned. `read_json` loads a
//! saved plan back; it renders the same scripts as the plan it was saved from.

use crate::plan::{FORMAT_VERSION, Plan};
use std::io::{self, Write};

pub fn render_json(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, plan)?;
    writeln!(out)
}

/// A plan saved by `plan --format json`; refused when its format version is not this
/// build's.
pub fn read_json(text: &str) -> Result<Plan, String> {
    #[derive(serde::Deserialize)]
    struct Version {
        format_version: u32,
    }
    let v: Version = serde_json::from_str(text).map_err(|e| format!("not a saved plan: {e}"))?;
    if v.format_version != FORMAT_VERSION {
        return Err(format!(
            "saved with plan format version {}; this schemadiff reads version {FORMAT_VERSION}",
            v.format_version
        ));
    }
    serde_json::from_str(text).map_err(|e| format!("not a saved plan: {e}"))
}
