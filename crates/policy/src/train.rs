//! The offline trainer for the learned layer (`model.rs`) and its leave-one-writer-out (LOSO)
//! evaluation. Used by the `policy-train` and `policy-eval --loso` binaries; nothing here runs in the
//! engine, so the wasm build links none of it.
//!
//! - One logistic regression per candidate rule, trained by FTRL-Proximal (per-coordinate learning
//!   rates, L1 + L2), which leaves most weights exactly zero, so the file stays small without a separate
//!   pruning pass. The example order is a Fisher-Yates shuffle from a fixed xorshift seed and all
//!   arithmetic is sequential `f64`, so the same data gives a byte-identical `model.json`.
//! - Examples: a parent's messages in the contexts where the rule applies (`applies`), labelled by the
//!   set's `expect`.
//! - Features: only those seen in at least two training writers (`min_writers`; a phrasing one writer
//!   uses does not carry to the next), and trained weights under 0.05 in magnitude are dropped (size).
//! - Thresholds ([`choose_thresholds`]): chosen per rule on pooled out-of-writer scores (each set scored
//!   by a model trained on the other sets) as the lowest probability at which the model *alone* keeps
//!   precision >= 0.9, the rules + model keep precision >= 0.9 and lose at most two points against the
//!   rules alone, and the model adds at least three true positives the rules missed; then, while the
//!   clean messages the model adds a warning to exceed 0.5 %, the rule that loses the fewest added true
//!   positives per false alarm removed steps up. A rule with no such threshold is left out of the file.
//!   The model-alone condition matters: the rules were tuned on every dev set, so on those sets they
//!   leave little for the model to add, and only the model's own precision says how it will behave on
//!   a writer the rules have not seen.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use crate::engine::{Draft, Engine, applies};
use crate::eval::{self, Counts, Report};
use crate::jsonl::{Input, parse_sent_at};
use crate::model::{Model, ModelFile, RuleWeights};
use crate::vocab::{RuleId, Severity};

/// The dev sets the bundled model is trained on, one per writer, in `data/`. The held-out sets are never
/// read here. Rounds 10-12 trained on dev..dev5 only (round 11: a retrain on seven sets switched the
/// absence and complaint models off); round 13 on all thirteen, round 14 on all seventeen, round 15 on
/// all twenty-one (README).
pub const DEV_SETS: [&str; 21] = ALL_DEV_SETS;

/// Every dev set, as `policy-eval` evaluates them by default.
pub const ALL_DEV_SETS: [&str; 21] = [
    "dev.jsonl",
    "dev2.jsonl",
    "dev3.jsonl",
    "dev4.jsonl",
    "dev5.jsonl",
    "dev6.jsonl",
    "dev7.jsonl",
    "dev8.jsonl",
    "dev9.jsonl",
    "dev10.jsonl",
    "dev11.jsonl",
    "dev12.jsonl",
    "dev13.jsonl",
    "dev14.jsonl",
    "dev15.jsonl",
    "dev16.jsonl",
    "dev17.jsonl",
    "dev18.jsonl",
    "dev19.jsonl",
    "dev20.jsonl",
    "dev21.jsonl",
];

/// Rules the model is trained for; those whose model cannot meet the precision bars are dropped.
pub const CANDIDATES: [RuleId; NC] = [
    RuleId::AbsenceToOffice,
    RuleId::PickupChangeToOffice,
    RuleId::UrgentToPhone,
    RuleId::ComplaintToOffice,
    RuleId::ProgressToMeeting,
    RuleId::SafeguardingToDsl,
    RuleId::SicknessToOffice,
    RuleId::DinnerEnquiryToOffice,
    RuleId::MedicationToNursing,
];

/// Number of candidate rules.
pub const NC: usize = 9;

/// Trainer settings.
#[derive(Debug, Clone)]
pub struct Params {
    /// FTRL learning-rate scale.
    pub alpha: f64,
    /// FTRL learning-rate smoothing.
    pub beta: f64,
    /// L1 strength (sparsity).
    pub l1: f64,
    /// L2 strength.
    pub l2: f64,
    /// Passes over the data.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Required precision (model alone, and rules + model) per rule.
    pub min_precision: f64,
    /// Largest drop in rules + model precision against the rules alone a rule's threshold may cost.
    pub max_precision_loss: f64,
    /// True positives the model must add over the rules (pooled out-of-writer) for its rule to ship.
    pub min_gain: usize,
    /// Ceiling on the pooled false alarms the model *adds* (clean messages it warns on that the rules
    /// leave alone), as a share of clean messages. Round 10 capped the rules + model rate instead (1.5 %),
    /// which switched models off once the rules alone were at the cap on eight sets (round 13).
    pub max_false_alarms: f64,
    /// Use the rule engine's lexicon hits (`L:` features). Off, the model sees only words, word pairs,
    /// character 4-grams and the context: a fully out-of-writer check, since the lexicons were tuned on
    /// every dev set.
    pub cues: bool,
    /// Weights smaller than this in magnitude are dropped from the trained model (size). 0.1 since the
    /// retrain on thirteen writers (0.05 gave 201 KB, 52 KB brotli; 0.1 gives 136 KB, 36 KB brotli with
    /// the same 13-way LOSO within 0.005 on every rule: README, round 13). On seventeen writers (round
    /// 14, with the absence model back) 0.1 gives 207 KB, 54 KB brotli; 0.15 (141 KB, 37 KB) lost up to
    /// 0.008 of nested pooled LOSO recall (pick-up, urgent, progress).
    pub min_weight: f64,
    /// Weight of a positive example's gradient (class weighting; 1 is unweighted).
    pub pos_weight: f64,
    /// Feature families (name prefixes such as `s:`) left out of training.
    pub drop: String,
    /// A feature is used only when it occurs in at least this many training writers (sets): rare
    /// phrasings of one writer do not carry to the next.
    pub min_writers: usize,
    /// Thresholds fixed by calibration on writers the rules had never seen, instead of chosen by LOSO
    /// (`--threshold rule=t`, `--no-calibration` to clear). LOSO on the training writers measures the
    /// rules in-sample, so it under-rates what the model adds for a new writer (README, round 15).
    pub calibrated: Vec<(RuleId, f64)>,
    /// Probability below which the shipped model withdraws a rule's own routing finding on a parent's
    /// draft (`--veto X`, 0 for none); every candidate rule but `safeguarding-to-dsl` gets it. Chosen on
    /// four unseen writers (round 15): 0.05 withdrew about half their clean-message false alarms.
    pub veto: f64,
    /// Ship a `safeguarding-to-dsl` model too. Off by default: by LOSO it adds no recall over the rules
    /// (README, round 10), but LOSO measures the rules on writers they were tuned on; on four unseen
    /// writers it lifted safeguarding recall from 0.72 to 0.87 (round 15), so [`Params::shipped`] turns
    /// it on (`--no-safeguarding` turns it off).
    pub safeguarding: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            alpha: 0.2,
            beta: 1.0,
            l1: 2.0,
            l2: 1.0,
            epochs: 12,
            seed: 0x5eed_2026,
            min_precision: 0.9,
            max_false_alarms: 0.005,
            max_precision_loss: 0.02,
            min_gain: 3,
            cues: true,
            pos_weight: 1.0,
            min_weight: 0.1,
            drop: String::new(),
            min_writers: 2,
            safeguarding: false,
            calibrated: Vec::new(),
            veto: 0.0,
        }
    }
}

/// Thresholds for the shipped model, calibrated on the round-15 writers (dev18 and dev21) with the
/// round-14 rules, before anyone tuned on them, and checked on dev19 and dev20 the same way. On those
/// writers the LOSO choice (pick-up 0.55, urgent 0.6, complaint 0.6, no safeguarding model) left most
/// of the model's out-of-writer recall unused (README, round 15).
pub const CALIBRATED: [(RuleId, f64); NC] = [
    (RuleId::AbsenceToOffice, 0.4),
    (RuleId::PickupChangeToOffice, 0.3),
    (RuleId::UrgentToPhone, 0.35),
    (RuleId::ComplaintToOffice, 0.3),
    (RuleId::ProgressToMeeting, 0.25),
    (RuleId::SafeguardingToDsl, 0.3),
    (RuleId::SicknessToOffice, 0.5),
    (RuleId::DinnerEnquiryToOffice, 0.65),
    (RuleId::MedicationToNursing, 0.9),
];

impl Params {
    /// The settings `data/model.json` is trained with: the defaults plus the calibrated thresholds, a
    /// safeguarding model, and the 0.05 veto (round 15).
    #[must_use]
    pub fn shipped() -> Params {
        Params {
            calibrated: CALIBRATED.to_vec(),
            safeguarding: true,
            veto: 0.05,
            ..Params::default()
        }
    }

    /// Applies one command-line setting (`--l1 3`, `--no-cues`, ...); `Ok(false)` when `flag` is not
    /// a trainer setting. Used to explore; the shipped `model.json` uses the defaults.
    ///
    /// # Errors
    /// A missing or unparsable value.
    pub fn apply(
        &mut self,
        flag: &str,
        value: &mut dyn Iterator<Item = String>,
    ) -> Result<bool, String> {
        let mut num = || -> Result<f64, String> {
            value
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{flag} needs a number"))
        };
        match flag {
            "--alpha" => self.alpha = num()?,
            "--l1" => self.l1 = num()?,
            "--l2" => self.l2 = num()?,
            "--min-precision" => self.min_precision = num()?,
            "--pos-weight" => self.pos_weight = num()?,
            "--min-weight" => self.min_weight = num()?,
            "--max-precision-loss" => self.max_precision_loss = num()?,
            "--min-gain" => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "small counts"
                )]
                {
                    self.min_gain = num()?.max(0.0) as usize;
                }
            }
            "--max-added-false-alarms" => self.max_false_alarms = num()?,
            "--epochs" => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "small counts"
                )]
                {
                    self.epochs = num()?.max(1.0) as usize;
                }
            }
            "--no-cues" => self.cues = false,
            "--drop" => {
                self.drop = value
                    .next()
                    .ok_or_else(|| format!("{flag} needs a list of prefixes"))?;
            }
            "--min-writers" => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "small counts"
                )]
                {
                    self.min_writers = num()?.max(1.0) as usize;
                }
            }
            "--safeguarding" => self.safeguarding = true,
            "--no-safeguarding" => self.safeguarding = false,
            "--no-calibration" => self.calibrated.clear(),
            "--veto" => {
                let v = num()?;
                if !(0.0..1.0).contains(&v) {
                    return Err(format!("{flag} needs a probability in [0, 1)"));
                }
                self.veto = v;
            }
            "--threshold" => {
                let v = value.next().unwrap_or_default();
                let (rule, t) = v
                    .split_once('=')
                    .and_then(|(r, t)| Some((r.parse::<RuleId>().ok()?, t.parse::<f64>().ok()?)))
                    .filter(|(r, t)| CANDIDATES.contains(r) && *t > 0.0 && *t < 1.0)
                    .ok_or_else(|| {
                        format!("{flag} needs rule=threshold with a candidate rule and 0 < threshold < 1, not {v:?}")
                    })?;
                self.calibrated.retain(|(r, _)| *r != rule);
                self.calibrated.push((rule, t));
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Probability thresholds tried, lowest first.
const GRID: [f64; 15] = [
    0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95,
];

/// One labelled message.
#[derive(Debug, Clone)]
pub struct Item {
    /// Index into [`Corpus::sets`].
    pub set: usize,
    /// The parsed line.
    pub input: Input,
    /// Expected rules.
    pub expect: BTreeSet<RuleId>,
    /// Rules-only findings (highest severity per rule).
    pub rules: BTreeMap<RuleId, Severity>,
    /// Feature ids into [`Corpus::vocab`], sorted.
    pub feats: Vec<u32>,
}

/// Every dev set, featurised once.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Set names and their raw text.
    pub sets: Vec<(String, String)>,
    /// All messages in order.
    pub items: Vec<Item>,
    /// Feature names by id (ids in order of first appearance).
    pub vocab: Vec<String>,
}

impl Corpus {
    /// Loads and featurises labelled sets with a rules-only engine.
    ///
    /// # Errors
    /// A line that does not parse or has no `expect`.
    pub fn load(engine: &Engine, sets: Vec<(String, String)>) -> Result<Corpus, String> {
        let rules_only = engine.clone().with_model(None);
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut c = Corpus::default();
        for (s, (name, text)) in sets.iter().enumerate() {
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let input: Input =
                    serde_json::from_str(line).map_err(|e| format!("{name}:{}: {e}", n + 1))?;
                let sent_at = parse_sent_at(&input.sent_at)?;
                let draft = Draft {
                    role: input.role,
                    context: input.context,
                    text: &input.text,
                    child: input.child.as_deref(),
                    sent_at,
                    photos: None,
                    recipient_is_class_teacher: None,
                };
                let mut rules = BTreeMap::new();
                for f in rules_only.check(&draft) {
                    let e = rules.entry(f.rule).or_insert(f.severity);
                    *e = (*e).max(f.severity);
                }
                let mut feats: Vec<u32> = rules_only
                    .model_features(&draft)
                    .into_iter()
                    .map(|f| {
                        let next = u32::try_from(c.vocab.len()).unwrap_or(u32::MAX);
                        *ids.entry(f.clone()).or_insert_with(|| {
                            c.vocab.push(f);
                            next
                        })
                    })
                    .collect();
                feats.sort_unstable();
                let expect = input
                    .expect
                    .clone()
                    .ok_or_else(|| format!("{name}:{}: no `expect`", n + 1))?
                    .into_iter()
                    .collect();
                c.items.push(Item {
                    set: s,
                    input,
                    expect,
                    rules,
                    feats,
                });
            }
        }
        c.sets = sets;
        Ok(c)
    }

    /// Whether the model for `rule` sees this message.
    fn eligible(&self, i: usize, rule: RuleId) -> bool {
        let it = &self.items[i].input;
        crate::model::reads(rule, it.role) && applies(rule, it.role, it.context)
    }
}

/// A trained logistic regression for one rule: intercept and sparse weights.
#[derive(Debug, Clone, Default)]
pub struct Trained {
    /// Intercept.
    pub bias: f64,
    /// Non-zero weights by feature id, ascending.
    pub weights: Vec<(u32, f64)>,
}

impl Trained {
    /// Log-odds for an item.
    #[must_use]
    pub fn logit(&self, feats: &[u32]) -> f64 {
        let mut z = self.bias;
        for f in feats {
            if let Ok(k) = self.weights.binary_search_by_key(f, |w| w.0) {
                z += self.weights[k].1;
            }
        }
        z
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-35.0, 35.0)).exp())
}

/// Rounds a weight to four decimals, as written to `model.json`.
fn round4(w: f64) -> f64 {
    (w * 10_000.0).round() / 10_000.0
}

/// Trains one rule's model on the given items (FTRL-Proximal, fixed-seed order).
#[must_use]
pub fn train_rule(c: &Corpus, items: &[usize], rule: RuleId, p: &Params) -> Trained {
    let mut order: Vec<usize> = items
        .iter()
        .copied()
        .filter(|&i| c.eligible(i, rule))
        .collect();
    let dim = c.vocab.len() + 1; // last slot: the intercept
    let dropped: Vec<&str> = p.drop.split(',').filter(|d| !d.is_empty()).collect();
    let mut usable: Vec<bool> = c
        .vocab
        .iter()
        .map(|f| {
            (p.cues || !(f.starts_with("L:") || f.starts_with("k:")))
                && !dropped.iter().any(|d| f.starts_with(d))
        })
        .collect();
    if p.min_writers > 1 {
        // Writers (sets) each feature occurs in, among the training items only.
        let mut seen: Vec<u64> = vec![0; c.vocab.len()];
        for &i in &order {
            let bit = 1u64 << (c.items[i].set % 64);
            for &f in &c.items[i].feats {
                seen[f as usize] |= bit;
            }
        }
        // With fewer training writers than the floor (a two-set LOSO fold), every writer is needed.
        let writers = seen.iter().fold(0u64, |a, s| a | s).count_ones() as usize;
        let floor = p.min_writers.min(writers);
        for (u, s) in usable.iter_mut().zip(&seen) {
            *u &= s.count_ones() as usize >= floor;
        }
    }
    let bias = dim - 1;
    let mut z = vec![0.0f64; dim];
    let mut n = vec![0.0f64; dim];
    let weight = |z: f64, n: f64, l1: f64| -> f64 {
        if z.abs() <= l1 {
            0.0
        } else {
            -(z - z.signum() * l1) / ((p.beta + n.sqrt()) / p.alpha + p.l2)
        }
    };
    let mut rng = p.seed | 1;
    let mut idx: Vec<usize> = Vec::new();
    for _ in 0..p.epochs {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            #[expect(clippy::cast_possible_truncation, reason = "modulo a usize length")]
            let j = (rng % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        for &i in &order {
            let it = &c.items[i];
            idx.clear();
            idx.extend(it.feats.iter().map(|&f| f as usize).filter(|&f| usable[f]));
            idx.push(bias);
            let ws: Vec<f64> = idx
                .iter()
                .map(|&f| weight(z[f], n[f], if f == bias { 0.0 } else { p.l1 }))
                .collect();
            let pr = sigmoid(ws.iter().sum());
            let y = if it.expect.contains(&rule) { 1.0 } else { 0.0 };
            let g = (pr - y) * if y > 0.5 { p.pos_weight } else { 1.0 };
            for (&f, &w) in idx.iter().zip(&ws) {
                let s = ((n[f] + g * g).sqrt() - n[f].sqrt()) / p.alpha;
                z[f] += g - s * w;
                n[f] += g * g;
            }
        }
    }
    let mut weights = Vec::new();
    for f in 0..bias {
        let w = round4(weight(z[f], n[f], p.l1));
        if w != 0.0 && w.abs() >= p.min_weight {
            #[expect(clippy::cast_possible_truncation, reason = "ids came from u32")]
            weights.push((f as u32, w));
        }
    }
    Trained {
        bias: round4(weight(z[bias], n[bias], 0.0)),
        weights,
    }
}

/// Out-of-writer log-odds per item and candidate rule: each set scored by a model trained on the other
/// sets (ignoring `exclude` entirely). `None` for items not scored.
#[must_use]
pub fn loso_scores(c: &Corpus, p: &Params, exclude: Option<usize>) -> Vec<[Option<f64>; NC]> {
    let mut out = vec![[None; NC]; c.items.len()];
    for k in (0..c.sets.len()).filter(|k| Some(*k) != exclude) {
        let train: Vec<usize> = (0..c.items.len())
            .filter(|&i| c.items[i].set != k && Some(c.items[i].set) != exclude)
            .collect();
        for (r, rule) in CANDIDATES.iter().enumerate() {
            let m = train_rule(c, &train, *rule, p);
            for (i, it) in c.items.iter().enumerate() {
                if it.set == k && c.eligible(i, *rule) {
                    out[i][r] = Some(m.logit(&it.feats));
                }
            }
        }
    }
    out
}

/// Per-rule probability thresholds (`None`: the rule is left out) chosen on scored items.
///
/// A threshold is admissible for a rule when, pooled over the scored items: the model alone has
/// precision >= `min_precision` with at least five true positives; the rules + model keep precision >=
/// `min_precision` (or, where the rules alone are already below it, as on seventeen writers' absence
/// labels, do not lower it further than the next bar allows) and lose at most `max_precision_loss`
/// against the rules alone; and the model adds at
/// least `min_gain` true positives the rules missed (a model that adds nothing only costs). Each rule
/// starts at its lowest admissible threshold; then, while the clean messages the model adds an alarm to
/// exceed `max_false_alarms`, the rule whose next admissible step up loses the fewest added true
/// positives per false alarm removed steps up (past the last step it is left out).
#[must_use]
pub fn choose_thresholds(
    c: &Corpus,
    scores: &[[Option<f64>; NC]],
    p: &Params,
) -> [Option<f64>; NC] {
    let scored: Vec<usize> = (0..c.items.len())
        .filter(|&i| scores[i].iter().any(Option::is_some))
        .collect();
    let fires = |i: usize, r: usize, t: f64| scores[i][r].is_some_and(|z| sigmoid(z) >= t);
    let rules_alarm = |i: usize| c.items[i].rules.values().any(|s| *s >= Severity::Warn);
    let clean: Vec<usize> = scored
        .iter()
        .copied()
        .filter(|&i| c.items[i].expect.is_empty())
        .collect();
    let prec = |a: usize, b: usize| a + b == 0 || a as f64 >= p.min_precision * (a + b) as f64;
    let ratio = |a: usize, b: usize| {
        if a + b == 0 {
            1.0
        } else {
            a as f64 / (a + b) as f64
        }
    };
    let mut ok = [[false; GRID.len()]; NC];
    let mut gain = [[0usize; GRID.len()]; NC];
    let mut alarms: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); GRID.len()]; NC];
    for (r, rule) in CANDIDATES.iter().enumerate() {
        let (mut tp0, mut fp0) = (0usize, 0usize);
        for &i in &scored {
            let it = &c.items[i];
            let want = it.expect.contains(rule);
            let got = it.rules.contains_key(rule);
            tp0 += usize::from(got && want);
            fp0 += usize::from(got && !want);
        }
        for (g, &t) in GRID.iter().enumerate() {
            let (mut mtp, mut mfp, mut tp, mut fp) = (0usize, 0usize, 0usize, 0usize);
            for &i in &scored {
                let it = &c.items[i];
                let want = it.expect.contains(rule);
                let m = fires(i, r, t);
                let got = m || it.rules.contains_key(rule);
                mtp += usize::from(m && want);
                mfp += usize::from(m && !want);
                tp += usize::from(got && want);
                fp += usize::from(got && !want);
            }
            gain[r][g] = tp - tp0;
            ok[r][g] = mtp >= 5
                && prec(mtp, mfp)
                && (prec(tp, fp) || !prec(tp0, fp0))
                && ratio(tp, fp) >= ratio(tp0, fp0) - p.max_precision_loss
                && gain[r][g] >= p.min_gain;
            // Progress findings are `info`: they are not alarms.
            if *rule != RuleId::ProgressToMeeting {
                alarms[r][g] = clean
                    .iter()
                    .copied()
                    .filter(|&i| {
                        fires(i, r, t) && !c.items[i].rules.contains_key(rule) && !rules_alarm(i)
                    })
                    .collect();
            }
        }
    }
    let mut chosen: [Option<usize>; NC] = [None; NC];
    for r in 0..NC {
        chosen[r] = (0..GRID.len()).find(|&g| ok[r][g]);
    }
    // The next admissible step up that removes at least one added false alarm (`None`: off).
    let next = |r: usize, g: usize| {
        (g + 1..GRID.len()).find(|&h| ok[r][h] && alarms[r][h].len() < alarms[r][g].len())
    };
    loop {
        let mut added: Vec<usize> = (0..NC)
            .filter_map(|r| chosen[r].map(|g| &alarms[r][g]))
            .flatten()
            .copied()
            .collect();
        added.sort_unstable();
        added.dedup();
        if clean.is_empty() || added.len() as f64 <= p.max_false_alarms * clean.len() as f64 {
            break;
        }
        // (true positives lost, false alarms removed, rule, new step)
        let mut best: Option<(usize, usize, usize, Option<usize>)> = None;
        for r in 0..NC {
            let Some(g) = chosen[r] else { continue };
            let h = next(r, g);
            let (lost, removed) = h.map_or((gain[r][g], alarms[r][g].len()), |h| {
                (
                    gain[r][g].saturating_sub(gain[r][h]),
                    alarms[r][g].len().saturating_sub(alarms[r][h].len()),
                )
            });
            if removed == 0 {
                continue;
            }
            if best.is_none_or(|(bl, br, _, _)| lost * br < bl * removed) {
                best = Some((lost, removed, r, h));
            }
        }
        let Some((_, _, r, h)) = best else { break };
        chosen[r] = h;
    }
    let mut t = chosen.map(|g| g.map(|g| GRID[g]));
    for (rule, fixed) in &p.calibrated {
        if let Some(r) = CANDIDATES.iter().position(|c| c == rule) {
            t[r] = Some(*fixed);
        }
    }
    t
}

/// Trains on `items` and packages the rules that have a threshold.
#[must_use]
pub fn build(c: &Corpus, items: &[usize], thresholds: &[Option<f64>; NC], p: &Params) -> ModelFile {
    let mut rules = Vec::new();
    for (r, rule) in CANDIDATES.iter().enumerate() {
        let Some(t) = thresholds[r] else { continue };
        if *rule == RuleId::SafeguardingToDsl && !p.safeguarding {
            continue;
        }
        let m = train_rule(c, items, *rule, p);
        rules.push(RuleWeights {
            rule: *rule,
            bias: m.bias,
            threshold: t,
            veto: (p.veto > 0.0 && *rule != RuleId::SafeguardingToDsl).then_some(p.veto),
            weights: m
                .weights
                .iter()
                .map(|(f, w)| (c.vocab[*f as usize].clone(), *w))
                .collect(),
        });
    }
    let sets: Vec<&str> = items
        .iter()
        .map(|&i| c.sets[c.items[i].set].0.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    ModelFile {
        version: 1,
        trained: format!(
            "policy-train: FTRL-Proximal logistic regression, alpha {} beta {} l1 {} l2 {}, {} epochs, seed {:#x}, lexicon cues {}, features in >= {} writers, |weight| >= {}, positive weight {}{}; {} messages from {}; thresholds by leave-one-writer-out (precision >= {}, loss <= {}, gain >= {}, added false alarms <= {})",
            p.alpha,
            p.beta,
            p.l1,
            p.l2,
            p.epochs,
            p.seed,
            p.cues,
            p.min_writers,
            p.min_weight,
            p.pos_weight,
            if p.drop.is_empty() {
                String::new()
            } else {
                format!(", without {}", p.drop)
            },
            items.len(),
            sets.join(", "),
            p.min_precision,
            p.max_precision_loss,
            p.min_gain,
            p.max_false_alarms
        ) + &calibration_note(p)
            + &if p.veto > 0.0 {
                format!("; veto below {}", p.veto)
            } else {
                String::new()
            },
        rules,
    }
}

/// How the calibrated thresholds are described in the file's `trained` note (empty when none).
fn calibration_note(p: &Params) -> String {
    if p.calibrated.is_empty() {
        return String::new();
    }
    let list: Vec<String> = p
        .calibrated
        .iter()
        .map(|(r, t)| format!("{}={t}", r.as_str()))
        .collect();
    format!(
        "; fixed by calibration on unseen writers: {}",
        list.join(" ")
    )
}

/// The final model: thresholds from pooled LOSO over every set, weights from all of them.
#[must_use]
pub fn final_model(c: &Corpus, p: &Params) -> ModelFile {
    let scores = loso_scores(c, p, None);
    let t = choose_thresholds(c, &scores, p);
    let all: Vec<usize> = (0..c.items.len()).collect();
    build(c, &all, &t, p)
}

/// The file as written to disk: compact JSON with each rule on its own line and a trailing newline
/// (round 13: pretty printing made the file half as large again, 197 KB vs 129 KB, for the same weights).
#[must_use]
pub fn to_json(m: &ModelFile) -> String {
    let head = ModelFile {
        rules: Vec::new(),
        ..m.clone()
    };
    let mut s = serde_json::to_string(&head).unwrap_or_default();
    // `..."rules":[]}` → one rule per line.
    s.truncate(s.len().saturating_sub(2));
    for (k, r) in m.rules.iter().enumerate() {
        s.push_str(if k == 0 { "\n" } else { ",\n" });
        s.push_str(&serde_json::to_string(r).unwrap_or_default());
    }
    s.push_str("\n]}\n");
    s
}

/// Rules-only and rules + model reports for one held-out set.
#[derive(Debug, Clone)]
pub struct Fold {
    /// The held-out set's name.
    pub set: String,
    /// The rules alone (optimistic: they were tuned on this set too).
    pub rules: Report,
    /// Rules + a model trained without this set, thresholds chosen without it (nested LOSO).
    pub nested: Report,
    /// Rules + the same model with the final pooled-LOSO thresholds.
    pub pooled: Report,
    /// Thresholds chosen without this set.
    pub thresholds: [Option<f64>; NC],
    /// The model alone on this set (trained without it, final pooled-LOSO thresholds): how the learned
    /// part generalises to a writer it has not seen.
    pub alone: BTreeMap<RuleId, Counts>,
    /// Clean messages the model alone would warn on (progress findings are `info`, not counted).
    pub alone_false_alarms: usize,
}

/// Leave-one-writer-out: for each set, a model trained on the others, evaluated through the engine.
///
/// # Errors
/// A model file the engine refuses (should not happen).
pub fn loso(engine: &Engine, c: &Corpus, p: &Params) -> Result<Loso, String> {
    let pooled_scores = loso_scores(c, p, None);
    let final_t = choose_thresholds(c, &pooled_scores, p);
    let mut folds = Vec::new();
    for (k, (name, text)) in c.sets.iter().enumerate() {
        let rest: Vec<usize> = (0..c.items.len())
            .filter(|&i| c.items[i].set != k)
            .collect();
        let inner = loso_scores(c, p, Some(k));
        let t = choose_thresholds(c, &inner, p);
        let run = |t: &[Option<f64>; NC]| -> Result<Report, String> {
            let m = Model::from_file(&build(c, &rest, t, p)).map_err(|e| e.to_string())?;
            Ok(eval::evaluate(&engine.clone().with_model(Some(m)), text))
        };
        let mut alone: BTreeMap<RuleId, Counts> = BTreeMap::new();
        let mut alone_false_alarms = 0;
        for (i, it) in c.items.iter().enumerate().filter(|(_, it)| it.set == k) {
            let mut alarm = false;
            for (r, rule) in CANDIDATES.iter().enumerate() {
                let Some(t) = final_t[r] else { continue };
                let m = pooled_scores[i][r].is_some_and(|z| sigmoid(z) >= t);
                let want = it.expect.contains(rule);
                let e = alone.entry(*rule).or_default();
                match (want, m) {
                    (true, true) => e.tp += 1,
                    (true, false) => e.fn_ += 1,
                    (false, true) => e.fp += 1,
                    (false, false) => {}
                }
                alarm |= m && *rule != RuleId::ProgressToMeeting;
            }
            alone_false_alarms += usize::from(alarm && it.expect.is_empty());
        }
        folds.push(Fold {
            alone,
            alone_false_alarms,
            set: name.clone(),
            rules: eval::evaluate(&engine.clone().with_model(None), text),
            nested: run(&t)?,
            pooled: run(&final_t)?,
            thresholds: t,
        });
    }
    Ok(Loso {
        folds,
        thresholds: final_t,
        scores: pooled_scores,
    })
}

/// The result of [`loso`].
#[derive(Debug, Clone)]
pub struct Loso {
    /// One fold per held-out set.
    pub folds: Vec<Fold>,
    /// The final thresholds chosen on pooled out-of-writer scores.
    pub thresholds: [Option<f64>; NC],
    /// Pooled out-of-writer log-odds per item and candidate rule (see [`loso_scores`]).
    pub scores: Vec<[Option<f64>; NC]>,
}

/// The model-alone precision/recall curve on pooled out-of-writer scores, per candidate rule and
/// threshold, with the worst held-out writer's recall: how far each rule's model generalises.
#[must_use]
pub fn render_curves(c: &Corpus, scores: &[[Option<f64>; NC]]) -> String {
    let mut s = String::from(
        "model alone on pooled out-of-writer scores: threshold P/R (worst writer's recall)\n",
    );
    for (r, rule) in CANDIDATES.iter().enumerate() {
        let _ = write!(s, "  {:<24}", rule.as_str());
        let mut best: [Option<(f64, f64, f64, f64)>; 2] = [None, None];
        for t in GRID {
            let mut per: Vec<Counts> = vec![Counts::default(); c.sets.len()];
            for (i, it) in c.items.iter().enumerate() {
                let Some(z) = scores[i][r] else { continue };
                let m = sigmoid(z) >= t;
                let want = it.expect.contains(rule);
                let e = &mut per[it.set];
                e.tp += usize::from(m && want);
                e.fp += usize::from(m && !want);
                e.fn_ += usize::from(!m && want);
            }
            let mut all = Counts::default();
            for e in &per {
                all.tp += e.tp;
                all.fp += e.fp;
                all.fn_ += e.fn_;
            }
            let worst = per.iter().filter_map(Counts::recall).fold(1.0f64, f64::min);
            let (pr, rc) = (all.precision().unwrap_or(0.0), all.recall().unwrap_or(0.0));
            let _ = write!(s, " {t}:{pr:.2}/{rc:.2}({worst:.2})");
            for (b, bar) in best.iter_mut().zip([0.9, 0.95]) {
                if pr >= bar && b.is_none_or(|b| rc > b.2) {
                    *b = Some((t, pr, rc, worst));
                }
            }
        }
        s.push('\n');
        for (b, bar) in best.iter().zip([0.9, 0.95]) {
            let _ = writeln!(
                s,
                "  BEST {:<24} P>={bar}: {}",
                rule.as_str(),
                b.map_or("none".to_owned(), |(t, pr, rc, w)| format!(
                    "t {t} P {pr:.3} R {rc:.3} worst writer R {w:.3}"
                ))
            );
        }
    }
    s
}

/// The LOSO table: per held-out set and pooled, per candidate rule precision/recall, and false alarms.
#[must_use]
pub fn render_loso(folds: &[Fold], final_t: &[Option<f64>; NC]) -> String {
    let f = |v: Option<f64>| v.map_or_else(|| "  -  ".to_owned(), |v| format!("{v:.3}"));
    let mut s = String::new();
    let th: Vec<String> = CANDIDATES
        .iter()
        .zip(final_t)
        .map(|(r, t)| format!("{r}={}", t.map_or("off".into(), |t| format!("{t}"))))
        .collect();
    let _ = writeln!(s, "final thresholds (pooled LOSO): {}", th.join(" "));
    let mut pooled = [Report::default(), Report::default(), Report::default()];
    for fold in folds {
        for (acc, r) in pooled
            .iter_mut()
            .zip([&fold.rules, &fold.nested, &fold.pooled])
        {
            acc.merge(r);
        }
    }
    let mut alone_all: BTreeMap<RuleId, Counts> = BTreeMap::new();
    let mut alone_fa = 0;
    for fold in folds {
        for (rule, c) in &fold.alone {
            let e = alone_all.entry(*rule).or_default();
            e.tp += c.tp;
            e.fp += c.fp;
            e.fn_ += c.fn_;
        }
        alone_fa += fold.alone_false_alarms;
    }
    let rows = folds
        .iter()
        .map(|f| {
            (
                f.set.as_str(),
                [&f.rules, &f.nested, &f.pooled],
                &f.alone,
                f.alone_false_alarms,
            )
        })
        .chain([(
            "POOLED",
            [&pooled[0], &pooled[1], &pooled[2]],
            &alone_all,
            alone_fa,
        )]);
    let _ = writeln!(
        s,
        "\nheld-out set / rule         rules only P / R   +model nested P / R   +model pooled-thr P / R   model alone P / R"
    );
    for (name, reps, alone, alone_fa) in rows {
        let _ = writeln!(s, "== {name}");
        for rule in CANDIDATES {
            let c = reps.map(|r| r.rules.get(&rule).copied().unwrap_or_default());
            let a = alone.get(&rule).copied().unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<24} {} / {}      {} / {}         {} / {}            {} / {}",
                rule.as_str(),
                f(c[0].precision()),
                f(c[0].recall()),
                f(c[1].precision()),
                f(c[1].recall()),
                f(c[2].precision()),
                f(c[2].recall()),
                f(a.precision()),
                f(a.recall())
            );
        }
        let _ = writeln!(
            s,
            "  {:<24} {} ({}/{})     {} ({}/{})        {} ({}/{})           {alone_fa}",
            "false alarms",
            f(reps[0].false_alarm_rate()),
            reps[0].false_alarms,
            reps[0].clean_messages,
            f(reps[1].false_alarm_rate()),
            reps[1].false_alarms,
            reps[1].clean_messages,
            f(reps[2].false_alarm_rate()),
            reps[2].false_alarms,
            reps[2].clean_messages
        );
    }
    s
}

/// Reads the dev sets from a `data/` directory (missing ones are skipped).
#[must_use]
pub fn read_dev_sets(dir: &str) -> Vec<(String, String)> {
    DEV_SETS
        .iter()
        .filter_map(|n| {
            std::fs::read_to_string(format!("{dir}/{n}"))
                .ok()
                .map(|t| ((*n).to_owned(), t))
        })
        .collect()
}

/// Reads an explicit list of sets for `--sets`: a comma-separated list of file names in `dir` or paths,
/// where `all` stands for [`ALL_DEV_SETS`] (`all,dev9.jsonl`); a repeated name is read once. Unlike [`read_dev_sets`], a missing set is an error.
///
/// # Errors
/// An empty list, or a set that cannot be read.
pub fn read_sets(dir: &str, list: &str) -> Result<Vec<(String, String)>, String> {
    let mut names: Vec<String> = Vec::new();
    for n in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if n == "all" {
            names.extend(ALL_DEV_SETS.iter().map(|s| (*s).to_owned()));
        } else if !names.iter().any(|m| m == n) {
            names.push(n.to_owned());
        }
    }
    if names.is_empty() {
        return Err("--sets needs at least one set".to_owned());
    }
    names
        .into_iter()
        .map(|n| {
            let path = if n.contains('/') {
                n.clone()
            } else {
                format!("{dir}/{n}")
            };
            let name = n.rsplit('/').next().unwrap_or(&n).to_owned();
            std::fs::read_to_string(&path)
                .map(|t| (name, t))
                .map_err(|e| format!("{path}: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Pack;

    fn engine() -> Engine {
        Engine::new(&Pack::from_json(include_str!("../data/pack.json")).expect("pack"))
            .expect("engine")
    }

    /// One JSON line: a parent's private message with its labels.
    fn line(text: &str, expect: &[&str]) -> String {
        serde_json::json!({
            "id": 1, "role": "parent", "context": "private_message", "text": text,
            "sent_at": "2025-03-12T10:15:00", "expect": expect,
        })
        .to_string()
    }

    /// Three writers: pick-up changes the rules catch, "labelled" positives they cannot (a made-up
    /// label on an everyday sentence), and clean messages.
    fn corpus(unique_in_first: &str) -> Corpus {
        let sets = (0..3)
            .map(|w| {
                let mut lines = Vec::new();
                for k in 0..4 {
                    lines.push(line(
                        "Her grandma is picking her up today instead of me",
                        &["pickup-change-to-office"],
                    ));
                    let extra = if w == 0 { unique_in_first } else { "" };
                    lines.push(line(
                        &format!("the garden looks lovely number {k} {extra}"),
                        &["pickup-change-to-office"],
                    ));
                    lines.push(line(&format!("thanks for the photos number {k}"), &[]));
                    lines.push(line(&format!("he enjoyed the trip number {k}"), &[]));
                }
                (format!("w{w}.jsonl"), lines.join("\n"))
            })
            .collect();
        Corpus::load(&engine(), sets).expect("corpus")
    }

    const PICKUP: usize = 1;

    /// Scores that fire (log-odds 5) on the items `fire` picks, for pick-up only.
    fn scores(c: &Corpus, fire: impl Fn(&Item) -> bool) -> Vec<[Option<f64>; NC]> {
        assert_eq!(CANDIDATES[PICKUP], RuleId::PickupChangeToOffice);
        c.items
            .iter()
            .map(|it| {
                let mut s = [None; NC];
                s[PICKUP] = Some(if fire(it) { 5.0 } else { -5.0 });
                s
            })
            .collect()
    }

    #[test]
    fn thresholds_need_a_gain_over_the_rules_and_precision() {
        let c = corpus("");
        let p = Params::default();
        let caught = |it: &Item| it.rules.contains_key(&RuleId::PickupChangeToOffice);
        let want = |it: &Item| it.expect.contains(&RuleId::PickupChangeToOffice);
        assert_eq!(
            c.items.iter().filter(|it| caught(it)).count(),
            12,
            "rules catch the pick-ups"
        );
        // Firing only where the rules already fire adds nothing: left out.
        let t = choose_thresholds(&c, &scores(&c, caught), &p);
        assert_eq!(t[PICKUP], None);
        // Firing on the positives the rules miss: the lowest threshold.
        let t = choose_thresholds(&c, &scores(&c, want), &p);
        assert_eq!(t[PICKUP], Some(GRID[0]));
        // Firing on clean messages too: precision fails.
        let t = choose_thresholds(&c, &scores(&c, |it| want(it) || it.expect.is_empty()), &p);
        assert_eq!(t[PICKUP], None);
        // One added false alarm among 24 clean messages: over a 0.5 % budget, and no step up removes
        // it without removing the rule, so the rule is left out. A 5 % budget alone does not keep it
        // either (rules + model precision 1.0 → 0.96 is more than two points); with a 5-point loss
        // allowed too, it stays.
        let one_fa = |it: &Item| {
            want(it) || (it.set == 0 && it.input.text == "thanks for the photos number 0")
        };
        let t = choose_thresholds(&c, &scores(&c, one_fa), &p);
        assert_eq!(t[PICKUP], None);
        let budget = Params {
            max_false_alarms: 0.05,
            ..Params::default()
        };
        assert_eq!(
            choose_thresholds(&c, &scores(&c, one_fa), &budget)[PICKUP],
            None
        );
        let loose = Params {
            max_precision_loss: 0.05,
            ..budget
        };
        assert_eq!(
            choose_thresholds(&c, &scores(&c, one_fa), &loose)[PICKUP],
            Some(GRID[0])
        );
    }

    #[test]
    fn features_of_one_writer_get_no_weight() {
        let c = corpus("zqxjvw");
        let all: Vec<usize> = (0..c.items.len()).collect();
        let has = |p: &Params| {
            let m = train_rule(&c, &all, RuleId::PickupChangeToOffice, p);
            m.weights
                .iter()
                .any(|(f, _)| c.vocab[*f as usize] == "w:zqxjvw")
        };
        let loose = Params {
            l1: 0.1,
            min_weight: 0.0,
            min_writers: 1,
            ..Params::default()
        };
        assert!(
            has(&loose),
            "seen by one writer, weighted without the floor"
        );
        assert!(!has(&Params {
            min_writers: 2,
            ..loose
        }));
    }

    #[test]
    fn model_file_round_trips_one_rule_per_line() {
        let c = corpus("");
        let m = build(
            &c,
            &(0..c.items.len()).collect::<Vec<_>>(),
            &{
                let mut t = [None; NC];
                t[0] = Some(0.5);
                t[PICKUP] = Some(0.4);
                t
            },
            &Params::default(),
        );
        let json = to_json(&m);
        assert_eq!(json.lines().count(), 2 + m.rules.len(), "{json}");
        let back: ModelFile = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, m);
        assert!(Model::from_json(&json).is_ok());
    }

    #[test]
    fn explicit_set_lists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
        let all = read_sets(dir, "all").expect("all dev sets");
        assert_eq!(all.len(), ALL_DEV_SETS.len());
        let two = read_sets(dir, "dev.jsonl, dev2.jsonl").expect("two sets");
        assert_eq!(
            two.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["dev.jsonl", "dev2.jsonl"]
        );
        let more = read_sets(dir, "all,dev.jsonl,dev8.jsonl").expect("all, repeats ignored");
        assert_eq!(more.len(), ALL_DEV_SETS.len());
        assert!(read_sets(dir, "dev.jsonl,no-such-set.jsonl").is_err());
        assert!(read_sets(dir, " , ").is_err());
    }

    /// Calibrated thresholds replace the LOSO choice for their rules (also where LOSO leaves a rule
    /// out), and `--threshold` refuses what is not a candidate rule with a probability.
    #[test]
    fn calibrated_thresholds_override_the_loso_choice() {
        let c = corpus("");
        let caught = |it: &Item| it.rules.contains_key(&RuleId::PickupChangeToOffice);
        let mut p = Params::default();
        assert_eq!(choose_thresholds(&c, &scores(&c, caught), &p)[PICKUP], None);
        let mut args = ["pickup-change-to-office=0.3".to_owned()].into_iter();
        assert_eq!(p.apply("--threshold", &mut args), Ok(true));
        assert_eq!(
            choose_thresholds(&c, &scores(&c, caught), &p)[PICKUP],
            Some(0.3)
        );
        for bad in [
            "pickup-change-to-office=1.5",
            "child-name-shared=0.3",
            "pickup-change-to-office",
            "no-such-rule=0.3",
        ] {
            let mut args = [bad.to_owned()].into_iter();
            assert!(p.apply("--threshold", &mut args).is_err(), "{bad}");
        }
        let mut none = std::iter::empty();
        assert_eq!(p.apply("--no-calibration", &mut none), Ok(true));
        assert!(p.calibrated.is_empty());
        let shipped = Params::shipped();
        assert_eq!(shipped.calibrated.len(), NC);
        assert!(shipped.safeguarding && shipped.veto > 0.0);
    }

    /// The veto goes on every shipped rule but safeguarding, and the file says how it was made.
    #[test]
    fn the_veto_is_written_for_every_rule_but_safeguarding() {
        let c = corpus("");
        let all: Vec<usize> = (0..c.items.len()).collect();
        let t = [Some(0.5); NC];
        let m = build(&c, &all, &t, &Params::shipped());
        assert_eq!(m.rules.len(), NC);
        for r in &m.rules {
            assert_eq!(
                r.veto.is_none(),
                r.rule == RuleId::SafeguardingToDsl,
                "{:?}",
                r.rule
            );
        }
        assert!(m.trained.contains("veto below 0.05"), "{}", m.trained);
        assert!(m.trained.contains("calibration"), "{}", m.trained);
        let plain = build(&c, &all, &t, &Params::default());
        assert!(plain.rules.iter().all(|r| r.veto.is_none()));
        assert!(
            plain
                .rules
                .iter()
                .all(|r| r.rule != RuleId::SafeguardingToDsl)
        );
    }
}
