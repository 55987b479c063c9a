//! The server's integration tests: each case starts the real server on 127.0.0.1 (a free port) over a
//! fresh SQLite file, and again over a fresh PostgreSQL database when `TEST_POSTGRES_URL` is set, and
//! talks to it with a real HTTP client.

mod support;

mod auth;
mod codes;
mod consent;
mod contract;
mod invites;
mod limits;
mod messaging;
mod points;
mod settings;
mod stories;
mod thread_photos;
mod web;
