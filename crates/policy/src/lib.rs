//! The policy engine (placeholder until the engine lands).
