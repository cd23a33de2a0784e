//! Connecting to PostgreSQL the way libpq users expect: URLs and keyword strings, `PG*`
//! environment variables, the password file, `sslmode` semantics, and errors that name
//! the target without ever showing the password.

mod error;
mod options;
mod parse;
mod pgpass;
mod session;
mod tls;

#[cfg(test)]
mod options_tests;

pub use error::{ConnectError, ParseError};
pub use options::{ConnectOptions, Host, SslMode};
pub use session::{MIN_SERVER_VERSION_NUM, connect};
