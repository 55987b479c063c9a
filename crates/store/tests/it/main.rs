//! The store's test suite: every case runs on a fresh SQLite file, and on a fresh PostgreSQL database
//! when `TEST_POSTGRES_URL` is set (each case creates a uniquely named database and drops it after).

mod harness;

mod codes;
mod consent;
mod people;
mod points;
mod seed;
mod sessions;
mod stories;
