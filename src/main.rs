//! Entry point of the browser app.
fn main() {}
