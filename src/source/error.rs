//! Locations in desired-state files and the errors of reading them.

use std::fmt;
use std::path::PathBuf;

/// A position in a desired-state file: 1-based line, 1-based column counted in characters
/// (not bytes), so editors and terminals point at the right place in non-ASCII files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location reached after reading `text` starting at `self`.
    pub fn advance(&self, text: &str) -> Location {
        let mut line = self.line;
        let mut column = self.column;
        for c in text.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        Location {
            file: self.file.clone(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why the desired state could not be read. Every variant about file content carries the
/// location to fix.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The lexer could not find the end of a quoted string, identifier or comment.
    #[error("{location}: {message}")]
    Lex { location: Location, message: String },
    /// A psql backslash meta-command other than `\i` / `\ir`, or an include that is unusable.
    #[error("{location}: {message}")]
    Meta { location: Location, message: String },
    /// A file includes itself, directly or through others; `chain` lists the include sites.
    #[error("{location}: include cycle: {chain}")]
    IncludeCycle { location: Location, chain: String },
    /// A `-- schemadiff:` annotation that is malformed, misplaced or not understood.
    #[error("{location}: schemadiff annotation: {message}")]
    Annotation { location: Location, message: String },
    /// A statement that does not belong in a desired state (DML, DROP, transaction control...).
    #[error("{location}: {message}")]
    Rejected { location: Location, message: String },
    /// Statements that depend on each other in a circle; each member with its location.
    #[error("dependency cycle between statements:\n{}", format_cycle(members))]
    Cycle { members: Vec<(Location, String)> },
}

fn format_cycle(members: &[(Location, String)]) -> String {
    members
        .iter()
        .map(|(loc, what)| format!("  {loc}: {what}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl SourceError {
    /// The location the error points at, when it has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            SourceError::Io { .. } => None,
            SourceError::Lex { location, .. }
            | SourceError::Meta { location, .. }
            | SourceError::IncludeCycle { location, .. }
            | SourceError::Annotation { location, .. }
            | SourceError::Rejected { location, .. } => Some(location),
            SourceError::Cycle { members } => members.first().map(|(l, _)| l),
        }
    }
}
