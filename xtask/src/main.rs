//! Build, run and test automation.
fn main() {}
