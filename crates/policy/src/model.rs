//! A small learned layer next to the rules: one logistic regression per routing rule that the rules
//! generalise worst on (see README, round 10), over sparse binary features of the draft.
//!
//! Features (all binary, named by a short prefix):
//! - `w:` a word (the token's standard spelling, folded; a roster name is `<n>`, digits are `#`);
//! - `b:` two adjacent words;
//! - `c:` a character 4-gram of a word of four or more letters, padded with `<` `>` (typos share most of
//!   them: "apointment" / "appointment");
//! - `s:` two words with one word between them (a skip pair: "collect * tomorrow" survives a changed
//!   middle word, round 13);
//! - `n:` a word within three words after a negation ("not", "no", "never", "nothing", "nobody",
//!   "...n't") in the same sentence (round 13);
//! - `L:` a rule lexicon with any hit (the engine's own intermediate cues, `L:AbsCue`, `L:SameDay`, ...);
//! - `k:` a lexicon hit joined with the context (`k:Complaint|class_chat`, round 13);
//! - `x:` the context.
//!
//! The weights come from `data/model.json`, written by the deterministic trainer (`policy-train`,
//! [`crate::train`]). The model can only *add* a routing finding when the rule itself did not fire, with
//! the rule's catalogue severity capped at `warn` (never a block), and only where the catalogue says the
//! rule applies (the engine's usual `applies` filter and pack toggles run after it). Scoring is one hash
//! lookup per feature (about eight per word), linear in the text.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::fxhash::FxHashMap;
use crate::lexicon::LEXICONS;
use crate::names::NameHit;
use crate::phrase::Hit;
use crate::text::Text;
use crate::vocab::{AuthorRole, Context, RuleId};

/// A token range (first, last), inclusive.
pub(crate) type TokSpan = Option<(usize, usize)>;

/// A rule's score: its log-odds minus the threshold's, its log-odds minus the veto's (`None`: the rule
/// has no veto), and the span of its strongest positive cue.
pub(crate) type Score = (RuleId, f64, Option<f64>, TokSpan);

/// The bundled weights (see `policy-train`).
pub const BUNDLED_JSON: &str = include_str!("../data/model.json");

/// The weights file as written by the trainer and read by [`Model::from_json`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    /// Format version (1).
    pub version: u32,
    /// How the file was made (trainer settings); informational.
    #[serde(default)]
    pub trained: String,
    /// One entry per rule the model may add.
    pub rules: Vec<RuleWeights>,
}

/// One rule's logistic regression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleWeights {
    /// The routing rule.
    pub rule: RuleId,
    /// Intercept (log-odds).
    pub bias: f64,
    /// Probability at or above which the model adds the finding.
    pub threshold: f64,
    /// Probability below which the model withdraws the rule's own `info`/`warn` finding on a parent's
    /// draft (a second opinion on the rules' false alarms, round 15); absent: the model never withdraws.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<f64>,
    /// Non-zero weights by feature name.
    pub weights: BTreeMap<String, f64>,
}

/// Whose drafts a rule's model reads: parents' for the routing rules; everyone's for
/// `safeguarding-to-dsl` (round 15: on three unseen writers half the missed safeguarding worries came
/// from staff, teachers and pupils).
#[must_use]
pub fn reads(rule: RuleId, role: AuthorRole) -> bool {
    role == AuthorRole::Parent || rule == RuleId::SafeguardingToDsl
}

/// A compiled model: one row of weights per feature, one column per rule.
#[derive(Debug, Clone, Default)]
pub struct Model {
    rules: Vec<RuleId>,
    bias: Vec<f64>,
    /// Decision threshold as log-odds.
    cut: Vec<f64>,
    /// Veto threshold as log-odds.
    veto: Vec<Option<f64>>,
    index: FxHashMap<Box<str>, u32>,
    weights: Vec<f32>,
}

/// Why a weights file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Not valid JSON for [`ModelFile`].
    #[error("model JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A version this engine does not read.
    #[error("model version {0} is not supported")]
    Version(u32),
    /// A threshold outside (0, 1) or a non-finite weight.
    #[error("model for {0}: bad threshold or weight")]
    Value(RuleId),
}

impl Model {
    /// Parses and compiles a weights file.
    ///
    /// # Errors
    /// Bad JSON, an unknown version, or out-of-range numbers.
    pub fn from_json(json: &str) -> Result<Model, ModelError> {
        Model::from_file(&serde_json::from_str(json)?)
    }

    /// Compiles a weights file.
    ///
    /// # Errors
    /// An unknown version, or out-of-range numbers.
    pub fn from_file(file: &ModelFile) -> Result<Model, ModelError> {
        if file.version != 1 {
            return Err(ModelError::Version(file.version));
        }
        let n = file.rules.len();
        let mut m = Model::default();
        for (r, rw) in file.rules.iter().enumerate() {
            let unit = |t: f64| t > 0.0 && t < 1.0;
            if !(unit(rw.threshold) && rw.veto.is_none_or(unit) && rw.bias.is_finite()) {
                return Err(ModelError::Value(rw.rule));
            }
            m.veto.push(rw.veto.map(|v| (v / (1.0 - v)).ln()));
            m.rules.push(rw.rule);
            m.bias.push(rw.bias);
            m.cut.push((rw.threshold / (1.0 - rw.threshold)).ln());
            for (name, w) in &rw.weights {
                if !w.is_finite() {
                    return Err(ModelError::Value(rw.rule));
                }
                let next = u32::try_from(m.index.len()).unwrap_or(u32::MAX);
                let row = *m.index.entry(name.as_str().into()).or_insert(next) as usize;
                if m.weights.len() < (row + 1) * n {
                    m.weights.resize((row + 1) * n, 0.0);
                }
                #[expect(clippy::cast_possible_truncation, reason = "weights are small")]
                {
                    m.weights[row * n + r] = *w as f32;
                }
            }
        }
        Ok(m)
    }

    /// The bundled model, parsed once per process.
    ///
    /// # Panics
    /// Never in a release: `tests/it/model.rs` checks the bundled file parses.
    #[must_use]
    pub fn bundled() -> Arc<Model> {
        static M: OnceLock<Arc<Model>> = OnceLock::new();
        M.get_or_init(|| Arc::new(Model::from_json(BUNDLED_JSON).unwrap_or_default()))
            .clone()
    }

    /// The rules this model may add.
    #[must_use]
    pub fn rules(&self) -> &[RuleId] {
        &self.rules
    }

    /// Number of distinct features with a weight.
    #[must_use]
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Scores one draft: for each rule, its log-odds against the threshold and the veto, and the token
    /// span of its strongest positive cue.
    pub(crate) fn score(
        &self,
        text: &Text,
        hits: &[Vec<Hit>],
        names: &[NameHit],
        ctx: Context,
    ) -> Vec<Score> {
        let n = self.rules.len();
        if n == 0 {
            return Vec::new();
        }
        let mut matched: Vec<(u32, TokSpan)> = Vec::new();
        emit_features(text, hits, names, ctx, &mut |f, span| {
            if let Some(&row) = self.index.get(f) {
                matched.push((row, span));
            }
        });
        // Binary features: each counts once (its first occurrence gives the span).
        matched.sort_by_key(|m| m.0);
        matched.dedup_by_key(|m| m.0);
        (0..n)
            .map(|r| {
                let mut z = self.bias[r];
                let mut best: (f32, TokSpan) = (0.0, None);
                for &(row, span) in &matched {
                    let w = self.weights[row as usize * n + r];
                    z += f64::from(w);
                    if w > best.0 && span.is_some() {
                        best = (w, span);
                    }
                }
                (
                    self.rules[r],
                    z - self.cut[r],
                    self.veto[r].map(|v| z - v),
                    best.1,
                )
            })
            .collect()
    }
}

fn lex_names() -> &'static [String] {
    static N: OnceLock<Vec<String>> = OnceLock::new();
    N.get_or_init(|| LEXICONS.iter().map(|(l, _)| format!("L:{l:?}")).collect())
}

/// The word form a feature uses: the standard spelling, `<n>` for a roster name, `#` for digits.
fn word(text: &Text, i: usize, is_name: &[bool], out: &mut String) {
    if is_name[i] {
        out.push_str("<n>");
        return;
    }
    let mut digit = false;
    for c in text.tokens[i].key().chars() {
        if c.is_ascii_digit() {
            if !digit {
                out.push('#');
            }
            digit = true;
        } else {
            digit = false;
            out.push(c);
        }
    }
}

/// Calls `sink` with every feature of a draft (possibly repeated) and the token span it came from.
pub(crate) fn emit_features(
    text: &Text,
    hits: &[Vec<Hit>],
    names: &[NameHit],
    ctx: Context,
    sink: &mut dyn FnMut(&str, TokSpan),
) {
    let toks = &text.tokens;
    let mut is_name = vec![false; toks.len()];
    for n in names {
        for f in is_name.iter_mut().take(n.last + 1).skip(n.first) {
            *f = true;
        }
    }
    let mut buf = String::with_capacity(48);
    let mut prev = String::with_capacity(24);
    let mut prev2 = String::with_capacity(24);
    let mut cur = String::with_capacity(24);
    let mut chars: Vec<char> = Vec::with_capacity(24);
    // Tokens left in the scope of a negation ("not", "no", "never", "...n't").
    let mut negated = 0usize;
    for i in 0..toks.len() {
        cur.clear();
        word(text, i, &is_name, &mut cur);
        buf.clear();
        buf.push_str("w:");
        buf.push_str(&cur);
        sink(&buf, Some((i, i)));
        if i > 0 {
            buf.clear();
            buf.push_str("b:");
            buf.push_str(&prev);
            buf.push(' ');
            buf.push_str(&cur);
            sink(&buf, Some((i - 1, i)));
        }
        if i > 1 {
            buf.clear();
            buf.push_str("s:");
            buf.push_str(&prev2);
            buf.push(' ');
            buf.push_str(&cur);
            sink(&buf, Some((i - 2, i)));
        }
        if toks[i].sent_start {
            negated = 0;
        }
        if negated > 0 {
            buf.clear();
            buf.push_str("n:");
            buf.push_str(&cur);
            sink(&buf, Some((i, i)));
            negated -= 1;
        }
        if matches!(cur.as_str(), "not" | "no" | "never" | "nothing" | "nobody")
            || cur.ends_with("n't")
        {
            negated = 3;
        }
        let norm = &toks[i].norm;
        if !is_name[i] && norm.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            chars.clear();
            chars.push('<');
            chars.extend(norm.chars());
            chars.push('>');
            for g in chars.windows(4) {
                buf.clear();
                buf.push_str("c:");
                buf.extend(g.iter());
                sink(&buf, Some((i, i)));
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let cx = match ctx {
        Context::ClassChat => "class_chat",
        Context::ClassStory => "class_story",
        Context::SchoolStory => "school_story",
        Context::PrivateMessage => "private_message",
        Context::BehaviourComment => "behaviour_comment",
    };
    for (k, name) in lex_names().iter().enumerate() {
        if let Some(h) = hits.get(k).and_then(|v| v.first()) {
            sink(name, Some((h.first, h.last)));
            buf.clear();
            buf.push_str("k:");
            buf.push_str(&name[2..]);
            buf.push('|');
            buf.push_str(cx);
            sink(&buf, Some((h.first, h.last)));
        }
    }
    buf.clear();
    buf.push_str("x:");
    buf.push_str(cx);
    sink(&buf, None);
}
