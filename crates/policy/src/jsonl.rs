//! The JSON-lines contract of the `hometime-policy check` command: one draft per input line, one result
//! per output line, malformed lines reported in place.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::{Draft, Engine};
use crate::vocab::{AuthorRole, Context, Finding, RuleId, Severity};

/// One input line. Unknown fields (such as a labelled set's `expect`) are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Input {
    /// Caller's id, echoed back.
    pub id: Value,
    /// Who is writing.
    pub role: AuthorRole,
    /// Where.
    pub context: Context,
    /// The draft.
    pub text: String,
    /// The pupil a private thread or behaviour point is about.
    #[serde(default)]
    pub child: Option<String>,
    /// School-local time, `YYYY-MM-DDTHH:MM:SS`.
    pub sent_at: String,
    /// Optional labels (development and test sets).
    #[serde(default)]
    pub expect: Option<Vec<RuleId>>,
}

/// Parses the `sent_at` field (seconds optional).
///
/// # Errors
/// A message naming the bad value.
pub fn parse_sent_at(s: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| format!("invalid sent_at `{s}` (expected YYYY-MM-DDTHH:MM:SS)"))
}

/// A finding as the CLI prints it.
#[derive(Debug, Clone, Serialize)]
pub struct OutFinding {
    /// Rule id.
    pub rule: RuleId,
    /// Severity.
    pub severity: Severity,
    /// Character offset, or null.
    pub start: Option<usize>,
    /// Character offset, or null.
    pub end: Option<usize>,
    /// Guidance text.
    pub guidance: String,
}

impl From<Finding> for OutFinding {
    fn from(f: Finding) -> Self {
        OutFinding {
            rule: f.rule,
            severity: f.severity,
            start: f.start,
            end: f.end,
            guidance: f.guidance,
        }
    }
}

/// Parses one line into an input and its findings, or an error message.
///
/// # Errors
/// The id (when readable) and a message, for malformed lines.
pub fn check_line(engine: &Engine, line: &str) -> Result<(Input, Vec<Finding>), (Value, String)> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| (Value::Null, format!("invalid JSON: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let input: Input =
        serde_json::from_value(value).map_err(|e| (id.clone(), format!("invalid input: {e}")))?;
    let sent_at = parse_sent_at(&input.sent_at).map_err(|e| (id.clone(), e))?;
    let draft = Draft {
        role: input.role,
        context: input.context,
        text: &input.text,
        child: input.child.as_deref(),
        sent_at,
        photos: None,
        recipient_is_class_teacher: None,
    };
    let findings = engine.check(&draft);
    Ok((input, findings))
}

#[derive(Serialize)]
struct OkLine {
    id: Value,
    findings: Vec<OutFinding>,
}

#[derive(Serialize)]
struct ErrLine {
    id: Value,
    error: String,
}

/// The output line for one input line (without the trailing newline).
#[must_use]
pub fn output_line(engine: &Engine, line: &str) -> String {
    let result = match check_line(engine, line) {
        Ok((input, findings)) => serde_json::to_string(&OkLine {
            id: input.id,
            findings: findings.into_iter().map(OutFinding::from).collect(),
        }),
        Err((id, error)) => serde_json::to_string(&ErrLine { id, error }),
    };
    result.unwrap_or_else(|e| format!("{{\"id\":null,\"error\":\"cannot encode result: {e}\"}}"))
}
