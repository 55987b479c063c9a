//! Hometime's REST wire types: every request and response body of `/api/v1`, defined once and used by both
//! the browser app and the server.
//!
//! Ids cross the wire as numbers, times as RFC 3339 strings in UTC, and errors as [`ApiError`] with a stable
//! [`ErrorCode`]; the browser turns codes into words.

mod auth;
mod error;
mod messaging;
mod points;
mod school;
mod stories;

pub use auth::*;
pub use error::*;
pub use messaging::*;
pub use points::*;
pub use school::*;
pub use stories::*;

/// The prefix every API path starts with.
pub const API_PREFIX: &str = "/api/v1";
