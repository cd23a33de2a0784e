//! The desired state: SQL files split into located statements, classified, annotated,
//! ordered by their references and loaded into a (shadow) database. DESIGN decision 2.

mod annotate;
mod classify;
mod error;
mod refs;
mod split;

pub use annotate::Annotation;
pub use classify::StatementKind;
pub use error::{Location, SourceError};
pub use refs::{Namespace, ObjectName};
