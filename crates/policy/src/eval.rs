//! Evaluation over a labelled JSON-lines set: per-rule counts, precision/recall, the false-alarm rate
//! and the catalogue's quality targets. Shared by the `policy-eval` binary and the CI test.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::engine::Engine;
use crate::jsonl::check_line;
use crate::vocab::{RuleId, Severity};

/// True/false positives and false negatives for one rule, counted per message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Expected and found.
    pub tp: usize,
    /// Found but not expected.
    pub fp: usize,
    /// Expected but not found.
    pub fn_: usize,
}

impl Counts {
    /// `tp / (tp + fp)`, or `None` with no predictions.
    #[must_use]
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`, or `None` with no support.
    #[must_use]
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^52")]
    (b > 0).then(|| a as f64 / b as f64)
}

/// One message the engine got wrong.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The line's id.
    pub id: String,
    /// Rules expected but not found.
    pub missed: Vec<RuleId>,
    /// Rules found but not expected, with their severity.
    pub extra: Vec<(RuleId, Severity)>,
    /// The message text.
    pub text: String,
}

/// The result of evaluating a set.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per rule.
    pub rules: BTreeMap<RuleId, Counts>,
    /// Messages evaluated.
    pub messages: usize,
    /// Messages labelled with no rules.
    pub clean_messages: usize,
    /// Clean messages that got any warn or block finding.
    pub false_alarms: usize,
    /// Block-severity (message, rule) pairs that were expected / not expected.
    pub block: Counts,
    /// Lines that could not be evaluated (bad JSON or no `expect`).
    pub errors: Vec<String>,
    /// Messages with any disagreement.
    pub misses: Vec<Miss>,
}

/// One quality target and whether it is met.
#[derive(Debug, Clone)]
pub struct Target {
    /// What is measured.
    pub name: String,
    /// The measured value (`None` when there is nothing to measure).
    pub value: Option<f64>,
    /// The threshold.
    pub threshold: f64,
    /// Whether higher is better.
    pub at_least: bool,
}

impl Target {
    /// Met (or not measurable).
    #[must_use]
    pub fn ok(&self) -> bool {
        self.value.is_none_or(|v| {
            if self.at_least {
                v >= self.threshold
            } else {
                v <= self.threshold
            }
        })
    }
}

/// The routing rules that must each reach 0.85 recall.
pub const ROUTING: &[RuleId] = &[
    RuleId::AbsenceToOffice,
    RuleId::SicknessToOffice,
    RuleId::PickupChangeToOffice,
    RuleId::DinnerEnquiryToOffice,
    RuleId::UrgentToPhone,
    RuleId::MedicationToNursing,
    RuleId::ComplaintToOffice,
    RuleId::ProgressToMeeting,
    RuleId::SafeguardingToDsl,
];

/// Evaluates every non-empty line of a labelled JSON-lines set.
#[must_use]
pub fn evaluate(engine: &Engine, jsonl: &str) -> Report {
    let mut r = Report::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (input, findings) = match check_line(engine, line) {
            Ok(ok) => ok,
            Err((_, e)) => {
                r.errors.push(format!("line {}: {e}", n + 1));
                continue;
            }
        };
        let Some(expect) = input.expect.clone() else {
            r.errors.push(format!("line {}: no `expect`", n + 1));
            continue;
        };
        let expect: BTreeSet<RuleId> = expect.into_iter().collect();
        let mut got: BTreeMap<RuleId, Severity> = BTreeMap::new();
        for f in &findings {
            let e = got.entry(f.rule).or_insert(f.severity);
            *e = (*e).max(f.severity);
        }
        r.messages += 1;
        if expect.is_empty() {
            r.clean_messages += 1;
            if got.values().any(|s| *s >= Severity::Warn) {
                r.false_alarms += 1;
            }
        }
        for rule in expect.iter().chain(got.keys()).collect::<BTreeSet<_>>() {
            let c = r.rules.entry(*rule).or_default();
            match (expect.contains(rule), got.get(rule)) {
                (true, Some(_)) => c.tp += 1,
                (true, None) => c.fn_ += 1,
                (false, Some(_)) => c.fp += 1,
                (false, None) => {}
            }
            if got.get(rule) == Some(&Severity::Block) {
                if expect.contains(rule) {
                    r.block.tp += 1;
                } else {
                    r.block.fp += 1;
                }
            }
        }
        let missed: Vec<RuleId> = expect
            .iter()
            .filter(|e| !got.contains_key(e))
            .copied()
            .collect();
        let extra: Vec<(RuleId, Severity)> = got
            .iter()
            .filter(|(k, _)| !expect.contains(k))
            .map(|(k, v)| (*k, *v))
            .collect();
        if !missed.is_empty() || !extra.is_empty() {
            let id = match &input.id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            r.misses.push(Miss {
                id,
                missed,
                extra,
                text: input.text.clone(),
            });
        }
    }
    r
}

impl Report {
    /// Adds another report's counts to this one (pooling sets).
    pub fn merge(&mut self, other: &Report) {
        for (id, c) in &other.rules {
            let e = self.rules.entry(*id).or_default();
            e.tp += c.tp;
            e.fp += c.fp;
            e.fn_ += c.fn_;
        }
        self.messages += other.messages;
        self.clean_messages += other.clean_messages;
        self.false_alarms += other.false_alarms;
        self.block.tp += other.block.tp;
        self.block.fp += other.block.fp;
        self.block.fn_ += other.block.fn_;
        self.errors.extend(other.errors.iter().cloned());
        self.misses.extend(other.misses.iter().cloned());
    }

    /// Share of clean messages that got a warn or block.
    #[must_use]
    pub fn false_alarm_rate(&self) -> Option<f64> {
        ratio(self.false_alarms, self.clean_messages)
    }

    fn rule(&self, id: RuleId) -> Counts {
        self.rules.get(&id).copied().unwrap_or_default()
    }

    /// The catalogue's quality targets.
    #[must_use]
    pub fn targets(&self) -> Vec<Target> {
        let mut t = vec![
            Target {
                name: "precision of block findings".into(),
                value: self.block.precision(),
                threshold: 0.95,
                at_least: true,
            },
            Target {
                name: "child-name-shared precision".into(),
                value: self.rule(RuleId::ChildNameShared).precision(),
                threshold: 0.95,
                at_least: true,
            },
            Target {
                name: "child-name-shared recall".into(),
                value: self.rule(RuleId::ChildNameShared).recall(),
                threshold: 0.90,
                at_least: true,
            },
            Target {
                name: "safeguarding-to-dsl recall".into(),
                value: self.rule(RuleId::SafeguardingToDsl).recall(),
                threshold: 0.95,
                at_least: true,
            },
        ];
        for id in ROUTING {
            t.push(Target {
                name: format!("{id} recall"),
                value: self.rule(*id).recall(),
                threshold: 0.85,
                at_least: true,
            });
        }
        t.push(Target {
            name: "warn/block on clean messages".into(),
            value: self.false_alarm_rate(),
            threshold: 0.02,
            at_least: false,
        });
        t
    }

    /// Whether every target is met.
    #[must_use]
    pub fn passes(&self) -> bool {
        self.targets().iter().all(Target::ok)
    }

    /// A plain-text table of the results; with `verbose`, every disagreement too.
    #[must_use]
    pub fn render(&self, verbose: bool) -> String {
        let f = |v: Option<f64>| v.map_or_else(|| "  -  ".to_owned(), |v| format!("{v:.3}"));
        let targets = self.targets();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<28} {:>4} {:>4} {:>4} {:>9} {:>7}",
            "rule", "TP", "FP", "FN", "precision", "recall"
        );
        for (id, c) in &self.rules {
            let _ = writeln!(
                s,
                "{:<28} {:>4} {:>4} {:>4} {:>9} {:>7}",
                id.as_str(),
                c.tp,
                c.fp,
                c.fn_,
                f(c.precision()),
                f(c.recall())
            );
        }
        let _ = writeln!(
            s,
            "\nmessages: {}, should-raise-nothing: {}, of which warned/blocked: {} (false-alarm rate {})",
            self.messages,
            self.clean_messages,
            self.false_alarms,
            f(self.false_alarm_rate())
        );
        let _ = writeln!(
            s,
            "block findings: {} correct, {} wrong (precision {})\n\nissue targets ({} of {} met):",
            self.block.tp,
            self.block.fp,
            f(self.block.precision()),
            targets.iter().filter(|t| t.ok()).count(),
            targets.len()
        );
        for t in &targets {
            let op = if t.at_least { ">=" } else { "<=" };
            let _ = writeln!(
                s,
                "  [{}] {:<36} {} (target {op} {})",
                if t.ok() { "met    " } else { "NOT MET" },
                t.name,
                f(t.value),
                t.threshold
            );
        }
        for e in &self.errors {
            let _ = writeln!(s, "error: {e}");
        }
        if verbose {
            let _ = writeln!(s, "\ndisagreements:");
            for m in &self.misses {
                let missed: Vec<&str> = m.missed.iter().map(|r| r.as_str()).collect();
                let extra: Vec<String> = m
                    .extra
                    .iter()
                    .map(|(r, v)| format!("{r}:{}", v.as_str()))
                    .collect();
                let _ = writeln!(
                    s,
                    "  {} missed={missed:?} extra={extra:?}\n      {}",
                    m.id, m.text
                );
            }
        }
        s
    }
}
