//! Integration tests for the photo pipeline, through the public API only: one binary, one module per area.

mod process;
mod robustness;
mod sniff;
mod watermark;
