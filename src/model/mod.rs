//! The catalog model: every object kind schemadiff manages, and identifiers.

mod access_method;
mod catalog;
mod defined;
mod event_trigger;
mod ident;
mod identity;
mod keyed;
mod map;
mod owner;
mod privileges;
mod publication;
mod set;
#[cfg(test)]
pub mod testing;
mod types;

pub use access_method::AccessMethod;
pub use catalog::*;
pub use defined::{Defined, DefinedKey, DefinedKind};
pub use event_trigger::EventTrigger;
pub use ident::{QualifiedName, quote_ident, quote_literal};
pub use identity::IdentityOptions;
pub use keyed::Keyed;
pub use map::Map;
pub use owner::Owner;
pub use publication::{Publication, PublicationTable, PublishOptions};
pub use set::Set;
