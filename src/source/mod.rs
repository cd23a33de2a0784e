//! The desired state: SQL files split into located statements, classified, annotated,
//! ordered by their references and loaded into a (shadow) database. DESIGN decision 2.

mod annotate;
mod classify;
mod error;
mod external;
mod hints;
mod lex;
mod load;
mod order;
mod read;
mod refs;
mod session;
mod skip;
mod split;

pub use annotate::Annotation;
pub use classify::StatementKind;
pub use error::{Location, SourceError};
pub use external::externals;
pub use hints::hints;
pub use load::{LoadError, load};
pub use order::order;
pub use read::{read_bytes, read_desired, read_desired_with};
pub use refs::{Namespace, ObjectName};
pub use session::{Session, Setting};
pub(crate) use split::{Item as SplitItem, split as split_statements};

/// One statement of the desired state, with everything needed to order, load and explain it.
#[derive(Clone, Debug)]
pub struct Statement {
    /// The exact text from the file, without the terminating `;`.
    pub sql: String,
    /// Where its first token is.
    pub location: Location,
    pub kind: StatementKind,
    /// Names this statement creates.
    pub creates: Vec<ObjectName>,
    /// Names it depends on (possibly built-in or created implicitly).
    pub references: Vec<ObjectName>,
    /// `-- schemadiff:` annotations directly above it (or inside it).
    pub annotations: Vec<Annotation>,
    /// The session settings (`SET search_path ...`) in effect at its place in its file.
    pub session: Session,
}

impl Statement {
    /// What to tell the user about a statement that is read but not loaded.
    pub fn warning(&self) -> Option<String> {
        (self.kind == StatementKind::RoleBlock).then(|| {
            format!(
                "{}: DO block skipped: it creates roles, which are cluster-wide and not managed by schemadiff; create them outside the desired state",
                self.location
            )
        })
    }

    /// A one-line summary for messages: the first line of the statement, shortened.
    pub fn summary(&self) -> String {
        let first = self.sql.lines().next().unwrap_or("").trim();
        if first.chars().count() > 60 {
            format!("{}...", first.chars().take(60).collect::<String>())
        } else {
            first.to_string()
        }
    }
}

#[cfg(test)]
mod read_tests;
