//! Decoding the rows of the event triggers and access methods queries (database-wide kinds).

use super::IntrospectError;
use super::row::R;
use crate::model::{AccessMethod, EventTrigger, FunctionId, QualifiedName};

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

pub(super) fn access_method(r: &R<'_>) -> Result<AccessMethod, IntrospectError> {
    Ok(AccessMethod {
        name: r.some("name")?,
        kind: r.some("kind")?,
        handler: QualifiedName::new(
            r.some::<String>("handler_schema")?,
            r.some::<String>("handler_name")?,
        ),
        comment: r.get("comment")?,
    })
}
