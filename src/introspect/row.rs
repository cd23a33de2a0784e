//! Typed access to result rows, with errors that name the query and column.

use super::IntrospectError;
use crate::model::{Grant, QualifiedName};
use tokio_postgres::Row;
use tokio_postgres::types::FromSql;

/// A row of a named query.
pub(super) struct R<'a> {
    pub(super) query: &'static str,
    pub(super) row: &'a Row,
}

impl<'a> R<'a> {
    pub(super) fn new(query: &'static str, row: &'a Row) -> Self {
        Self { query, row }
    }

    pub(super) fn get<T: FromSql<'a>>(&self, column: &str) -> Result<T, IntrospectError> {
        self.row
            .try_get(column)
            .map_err(|e| self.error(format!("column {column}: {e}")))
    }

    /// A column that the query guarantees non-NULL for this row.
    pub(super) fn some<T: FromSql<'a>>(&self, column: &str) -> Result<T, IntrospectError> {
        self.get::<Option<T>>(column)?
            .ok_or_else(|| self.error(format!("column {column} is NULL")))
    }

    pub(super) fn error(&self, message: String) -> IntrospectError {
        IntrospectError::Decode {
            query: self.query,
            message,
        }
    }

    /// A schema-qualified name from two columns, both NULL meaning none.
    pub(super) fn qualified(
        &self,
        schema: &str,
        name: &str,
    ) -> Result<Option<QualifiedName>, IntrospectError> {
        match (
            self.get::<Option<String>>(schema)?,
            self.get::<Option<String>>(name)?,
        ) {
            (Some(s), Some(n)) => Ok(Some(QualifiedName::new(s, n))),
            (None, None) => Ok(None),
            _ => Err(self.error(format!("only one of {schema}, {name} is NULL"))),
        }
    }

    /// Grants aggregated by the query as a JSON list of `[grantee, privilege, grantable]`.
    pub(super) fn grants(&self, column: &str) -> Result<crate::model::Set<Grant>, IntrospectError> {
        let text: Option<String> = self.get(column)?;
        let Some(text) = text else {
            return Ok(crate::model::Set::new());
        };
        let entries: Vec<(String, String, bool)> =
            serde_json::from_str(&text).map_err(|e| self.error(format!("column {column}: {e}")))?;
        Ok(entries
            .into_iter()
            .map(|(grantee, privilege, with_grant_option)| Grant {
                grantee,
                privilege,
                with_grant_option,
            })
            .collect())
    }

    /// A JSON column holding a list of values of one shape.
    pub(super) fn json<T: serde::de::DeserializeOwned>(
        &self,
        column: &str,
    ) -> Result<T, IntrospectError> {
        let text: String = self.some(column)?;
        serde_json::from_str(&text).map_err(|e| self.error(format!("column {column}: {e}")))
    }
}
