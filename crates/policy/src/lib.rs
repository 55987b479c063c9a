//! Hometime's policy engine: a pure, wasm-friendly checker that turns a draft plus a school's policy
//! pack into findings (rule, severity, character span, guidance, action).
//!
//! Build an [`Engine`] once per pack with [`Engine::new`], then call [`Engine::check`] on every
//! keystroke (browser) or send (server). No I/O, clock or randomness: time comes in on the [`Draft`].

mod abuse;
mod contact;
mod engine;
pub mod eval;
mod fxhash;
mod guidance;
mod hours;
pub mod jsonl;
mod lexicon;
pub mod metadata;
pub mod model;
mod names;
pub mod pack;
mod phrase;
mod safeguarding;
mod text;
pub mod train;
mod vocab;

pub use engine::{Draft, Engine, PhotoFacts, applies};
pub use guidance::Guidance;
pub use hours::Hours;
pub use metadata::{
    TaggedPupil, check_photo_consent, check_photo_in_shared_space, check_recipient,
};
pub use pack::{Pack, PackError, RuleBounds, bounds};
pub use vocab::{
    Action, AuthorRole, Context, Finding, RuleId, Severity, UnknownRuleId, char_to_byte_offset,
    char_to_utf16_offset,
};
