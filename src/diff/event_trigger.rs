//! Event triggers, matched by name. Only the enabled state can be altered; any other
//! difference (event, tags, function) is a drop and a create.
//!
//! An event trigger fires on the DDL run after it, the plan's own included: the changes
//! that take one away (or disable it) are put first in the list, so that their steps open
//! expand, and those that make one (or enable it) last, so that theirs close contract.

use super::extras::comment_changes;
use super::{Change, merge_maps};
use crate::model::{Catalog, EventTrigger, ObjectId};

pub fn diff_event_triggers(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    let (mut first, mut last) = (Vec::new(), Vec::new());
    merge_maps(&from.event_triggers, &to.event_triggers, |name, f, t| {
        let id = ObjectId::EventTrigger { name: name.clone() };
        let create = |last: &mut Vec<Change>, t: &EventTrigger| {
            last.push(Change::CreateEventTrigger(t.clone()));
            comment_changes(last, &id, None, t.comment.as_ref());
        };
        let drop = |first: &mut Vec<Change>, f: &EventTrigger| {
            comment_changes(first, &id, f.comment.as_ref(), None);
            first.push(Change::DropEventTrigger(f.clone()));
        };
        match (f, t) {
            (None, Some(t)) => create(&mut last, t),
            (Some(f), None) => drop(&mut first, f),
            (Some(f), Some(t)) if !same_definition(f, t) => {
                drop(&mut first, f);
                create(&mut last, t);
            }
            (Some(f), Some(t)) => {
                if f.enabled != t.enabled {
                    let change = Change::AlterEventTriggerEnabled {
                        from: f.clone(),
                        to: t.clone(),
                    };
                    if is_disabling(&change) {
                        first.push(change);
                    } else {
                        last.push(change);
                    }
                }
                comment_changes(&mut last, &id, f.comment.as_ref(), t.comment.as_ref());
            }
            (None, None) => {}
        }
    });
    out.splice(0..0, first);
    out.extend(last);
}

/// A change of enabled state to `D` (disabled): it runs first, as a drop does.
pub fn is_disabling(change: &Change) -> bool {
    matches!(change, Change::AlterEventTriggerEnabled { to, .. } if to.enabled == "D")
}

/// Everything but the enabled state and the comment.
fn same_definition(a: &EventTrigger, b: &EventTrigger) -> bool {
    (&a.event, &a.tags, &a.function) == (&b.event, &b.tags, &b.function)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FunctionId;

    fn e(tags: &[&str], enabled: &str) -> EventTrigger {
        EventTrigger {
            name: "guard".into(),
            event: "ddl_command_start".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            function: FunctionId {
                schema: "public".into(),
                name: "f".into(),
                args: String::new(),
            },
            enabled: enabled.into(),
            comment: None,
        }
    }

    fn kinds(from: Option<EventTrigger>, to: Option<EventTrigger>) -> Vec<&'static str> {
        let cat = |e: Option<EventTrigger>| {
            let mut c = Catalog::default();
            if let Some(e) = e {
                c.event_triggers.insert(e.name.clone(), e);
            }
            c
        };
        // Something else the plan does, to see the event trigger's changes go around it.
        let mut out = vec![Change::CreateSchema(crate::model::Schema {
            name: "s".into(),
            comment: None,
            grants: Default::default(),
        })];
        diff_event_triggers(&mut out, &cat(from), &cat(to));
        out.iter().map(Change::kind).collect()
    }

    #[test]
    fn drops_go_first_and_creates_last() {
        assert_eq!(
            kinds(None, Some(e(&[], "O"))),
            ["create-schema", "create-event-trigger"]
        );
        assert_eq!(
            kinds(Some(e(&[], "O")), None),
            ["drop-event-trigger", "create-schema"]
        );
        assert_eq!(
            kinds(Some(e(&["CREATE TABLE"], "O")), Some(e(&[], "O"))),
            [
                "drop-event-trigger",
                "create-schema",
                "create-event-trigger"
            ]
        );
        assert_eq!(
            kinds(Some(e(&[], "O")), Some(e(&[], "D"))),
            ["alter-event-trigger-enabled", "create-schema"]
        );
        assert_eq!(
            kinds(Some(e(&[], "D")), Some(e(&[], "A"))),
            ["create-schema", "alter-event-trigger-enabled"]
        );
    }
}
