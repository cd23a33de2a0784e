//! Event triggers in a dump: last of all (as pg_dump writes them), so that one cannot fire
//! on the statements that load the rest; after their functions; with their comments.

use super::DumpKind;
use super::collect::Builder;
use crate::ddl::{comment, event_trigger};
use crate::model::ObjectId;

pub(super) fn event_triggers(b: &mut Builder<'_>) {
    for e in b.catalog.event_triggers.values() {
        let id = ObjectId::EventTrigger {
            name: e.name.clone(),
        };
        let mut last = None;
        for sql in event_trigger::create_all(e) {
            let n = match last {
                None => b.create(id.clone(), DumpKind::EventTrigger, sql),
                Some(prev) => {
                    let n = b.push(id.clone(), DumpKind::EventTrigger, sql);
                    b.after_node(n, prev);
                    n
                }
            };
            last = Some(n);
        }
        let Some(n) = last else { continue };
        b.after(
            n,
            ObjectId::Function {
                id: e.function.clone(),
            },
        );
        if let Some(text) = &e.comment {
            let c = b.push(
                id.clone(),
                DumpKind::EventTrigger,
                comment::on(&id, Some(text)),
            );
            b.after_node(c, n);
        }
    }
}
