//! Decoding the rows of the event triggers query.

use super::IntrospectError;
use super::row::R;
use crate::model::{EventTrigger, FunctionId};

pub(super) fn event_trigger(r: &R<'_>) -> Result<EventTrigger, IntrospectError> {
    Ok(EventTrigger {
        name: r.some("name")?,
        event: r.some("event")?,
        tags: r.json("tags")?,
        function: FunctionId {
            schema: r.some("function_schema")?,
            name: r.some("function_name")?,
            args: r.some("function_args")?,
        },
        enabled: r.some("enabled")?,
        comment: r.get("comment")?,
    })
}
