//! The library's top-level error: one variant per stage, each with a one-line message.

use crate::{cluster, connect, introspect, plan, source};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Connect(Box<connect::ConnectError>),
    #[error(transparent)]
    Introspect(#[from] introspect::IntrospectError),
    #[error(transparent)]
    Source(Box<source::SourceError>),
    #[error(transparent)]
    Load(Box<source::LoadError>),
    #[error("cannot start a local PostgreSQL for the shadow database: {0}")]
    Cluster(#[from] cluster::ClusterError),
    #[error(transparent)]
    Plan(#[from] plan::PlanError),
    #[error(transparent)]
    Dump(#[from] crate::dump::DumpError),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("shadow database on {server}: {message}")]
    Shadow { server: String, message: String },
    /// The plan has statements a gate refuses (`--deny-hazard`).
    #[error("{0}")]
    Refused(String),
    /// An apply stopped: a statement failed, a lock could not be had, the connection was
    /// lost. What ran is recorded; running apply again resumes.
    #[error("{0}")]
    Apply(String),
    #[error("interrupted; temporary databases were removed")]
    Interrupted,
}

impl Error {
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

// The large errors are boxed so that `Result<_, Error>` stays small on the happy path.
impl From<connect::ConnectError> for Error {
    fn from(e: connect::ConnectError) -> Self {
        Error::Connect(Box::new(e))
    }
}
impl From<source::SourceError> for Error {
    fn from(e: source::SourceError) -> Self {
        Error::Source(Box::new(e))
    }
}
impl From<source::LoadError> for Error {
    fn from(e: source::LoadError) -> Self {
        Error::Load(Box::new(e))
    }
}
