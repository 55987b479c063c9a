//! The composer's decisions as plain data, tested natively: which findings stop a send, which warnings a
//! "Send anyway" acknowledges, how a draft splits into highlighted and plain runs, which ambiguous names
//! the writer said were just words, and the sentences shown around a message (reply expectations, a
//! meeting request). The component in `components/composer.rs` only renders what these return.

use std::sync::Arc;

use chrono::NaiveDateTime;
use hometime_api::{PolicyFindingView, ReplyExpectation};
use hometime_policy::{
    AuthorRole, Context, Draft, Engine, Finding, Pack, PackError, RuleId, Severity,
    char_to_byte_offset,
};

/// A class's policy pack, compiled once (a few milliseconds) and then checked on every keystroke (well
/// under a millisecond for a long message), plus the school's time zone for the send time.
#[derive(Clone, Debug)]
pub struct Checker {
    engine: Arc<Engine>,
    time_zone: String,
}

impl Checker {
    pub fn new(pack: &Pack) -> Result<Checker, PackError> {
        Ok(Checker {
            engine: Arc::new(Engine::new(pack)?),
            time_zone: pack.school.timezone.clone(),
        })
    }

    /// The school's IANA time zone ("Europe/London"), in which `now` is given to [`Checker::check`].
    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    /// The compiled engine, for checks beyond text (photos attached to a draft, `photo_logic`).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The findings for a draft written now (school-local). An empty draft has none: nothing is said
    /// before the writer starts.
    pub fn check(
        &self,
        role: AuthorRole,
        context: Context,
        child: Option<&str>,
        text: &str,
        now: NaiveDateTime,
    ) -> Vec<Finding> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        self.engine.check(&Draft {
            role,
            context,
            text,
            child,
            sent_at: now,
            photos: None,
            // The app only opens private threads with the class teacher (the server enforces it).
            recipient_is_class_teacher: (context == Context::PrivateMessage).then_some(true),
        })
    }
}

pub use hometime_api::roster_id;

/// Turns the server's findings (from a 422 `policy_blocked`) back into the engine's shape, so they are
/// shown exactly like the ones found while typing.
pub fn from_server(views: &[PolicyFindingView]) -> Vec<Finding> {
    views
        .iter()
        .map(|v| Finding {
            rule: v.rule,
            severity: v.severity,
            start: v.start,
            end: v.end,
            guidance: v.guidance.clone(),
            action: v.action.clone(),
        })
        .collect()
}

/// The words of a finding's span in `text` (empty for whole-message findings or a span past the end).
pub fn span_text(text: &str, finding: &Finding) -> String {
    match (finding.start, finding.end) {
        (Some(s), Some(e)) if s < e => {
            let (b0, b1) = (char_to_byte_offset(text, s), char_to_byte_offset(text, e));
            text[b0..b1].to_owned()
        }
        _ => String::new(),
    }
}

/// Whether a finding is the engine's "is this a pupil's name or a word?" question: an ambiguous
/// common-word name in a shared space fires as a warning, a clear name as a block.
pub fn is_name_question(finding: &Finding) -> bool {
    finding.rule == RuleId::ChildNameShared
        && finding.severity == Severity::Warn
        && finding.start.is_some()
}

/// The words the writer answered "No, it's a word" for, kept on the device for this draft only. Stored
/// folded (lower case) so "Ruby" and "ruby" are one answer, and by word rather than by offset so the
/// answer survives typing before it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions(Vec<String>);

impl Suppressions {
    pub fn add(&mut self, word: &str) {
        let folded = word.trim().to_lowercase();
        if !folded.is_empty() && !self.0.contains(&folded) {
            self.0.push(folded);
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(&word.trim().to_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The findings to show: everything except name questions the writer already answered "it's a word".
/// Only warnings can be suppressed; a block is never hidden by a local answer.
pub fn visible(text: &str, findings: &[Finding], suppressed: &Suppressions) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| !(is_name_question(f) && suppressed.contains(&span_text(text, f))))
        .cloned()
        .collect()
}

/// What the Send button does for the findings shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendState {
    /// Nothing stops the message.
    Ready,
    /// Warnings only: the writer may "Send anyway", acknowledging these rules (sorted, no repeats).
    NeedsAcknowledgement(Vec<RuleId>),
    /// At least one block: Send is disabled until the draft changes.
    Blocked,
}

impl SendState {
    pub fn of(findings: &[Finding]) -> SendState {
        if findings.iter().any(|f| f.severity == Severity::Block) {
            return SendState::Blocked;
        }
        let mut warned: Vec<RuleId> = findings
            .iter()
            .filter(|f| f.severity == Severity::Warn)
            .map(|f| f.rule)
            .collect();
        warned.sort();
        warned.dedup();
        if warned.is_empty() {
            SendState::Ready
        } else {
            SendState::NeedsAcknowledgement(warned)
        }
    }

    /// The rule ids sent as `acknowledged` (never the draft, never the guidance).
    pub fn acknowledged(&self) -> Vec<RuleId> {
        match self {
            SendState::NeedsAcknowledgement(rules) => rules.clone(),
            _ => Vec::new(),
        }
    }
}

/// The rule ids a send acknowledges: every warning the draft raises, including name questions the writer
/// answered "No, it's a word" (they saw it and decided; the server, which cannot know the answer, still
/// needs the acknowledgement). Never the draft, never the guidance.
pub fn acknowledgements(all: &[Finding]) -> Vec<RuleId> {
    let mut rules: Vec<RuleId> = all
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .map(|f| f.rule)
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

/// Why Send is disabled, in words, shown next to the button. `None` when it is not.
pub fn block_reason(findings: &[Finding]) -> Option<&'static str> {
    let first = findings.iter().find(|f| f.severity == Severity::Block)?;
    Some(match first.rule {
        RuleId::ChildNameShared => {
            "Can't send yet: a child's name would be seen by every family. Remove it, or send privately."
        }
        RuleId::ThreatOrIntimidation => "This can't be sent. Please phone the office instead.",
        _ => "Can't send yet: please change the highlighted part, as the guidance above explains.",
    })
}

/// A run of the draft for the highlight layer: plain text, or text a finding points at (with the most
/// serious severity among the findings covering it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub mark: Option<Severity>,
}

/// Splits `text` at the findings' character spans. Overlapping spans merge; spans past the end are
/// clamped; whole-message findings mark nothing. Concatenating the segments gives back `text` exactly,
/// which is what keeps the highlights under the right letters.
pub fn segments(text: &str, findings: &[Finding]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks: Vec<Option<Severity>> = vec![None; chars.len()];
    for f in findings {
        if let (Some(s), Some(e)) = (f.start, f.end) {
            for m in marks.iter_mut().take(e.min(chars.len())).skip(s) {
                *m = Some(m.map_or(f.severity, |old| old.max(f.severity)));
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, mark) in chars.into_iter().zip(marks) {
        match out.last_mut() {
            Some(last) if last.mark == mark => last.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                mark,
            }),
        }
    }
    out
}

/// The draft with a finding's span taken out ("Yes, remove it"), tidying the doubled space it leaves.
pub fn remove_span(text: &str, finding: &Finding) -> String {
    let (Some(s), Some(e)) = (finding.start, finding.end) else {
        return text.to_owned();
    };
    let (b0, b1) = (char_to_byte_offset(text, s), char_to_byte_offset(text, e));
    let (before, after) = (&text[..b0], &text[b1..]);
    if before.ends_with(' ') && (after.starts_with(' ') || after.is_empty()) {
        format!("{}{}", before.trim_end_matches(' '), after)
    } else {
        format!("{before}{after}")
    }
}

/// The polite request that replaces a draft about progress when the writer taps "Request a meeting".
pub fn meeting_request(teacher: Option<&str>) -> String {
    let greeting = teacher.map_or_else(|| "Hello,".to_owned(), |t| format!("Dear {t},"));
    format!(
        "{greeting} I'd like to talk about how my child is getting on. Could we arrange a meeting at a \
         time that suits you? Thank you."
    )
}

/// "Mr Daly is back on Monday at 8:00; expect a reply by Wednesday 17:00." out of hours, or the school's
/// usual reply time while the teacher is working.
pub fn expectation_text(e: &ReplyExpectation) -> String {
    match (&e.back_at, e.out_of_hours) {
        (Some(back), true) => format!(
            "{} is back on {}; expect a reply by {}.",
            e.teacher_name, back.label, e.reply_by.label
        ),
        (None, true) => format!(
            "{} is outside working hours; expect a reply by {}.",
            e.teacher_name, e.reply_by.label
        ),
        _ => format!(
            "{} replies {}; expect a reply by {}.",
            e.teacher_name, e.response_expectation, e.reply_by.label
        ),
    }
}

/// A phone number as a `tel:` URL: digits and a leading `+` only.
pub fn tel_href(number: &str) -> String {
    let dial: String = number
        .chars()
        .enumerate()
        .filter(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{dial}")
}

#[cfg(test)]
mod tests {
    use hometime_api::LabelledTime;
    use hometime_policy::Action;

    use super::*;

    fn finding(rule: RuleId, severity: Severity, span: Option<(usize, usize)>) -> Finding {
        Finding {
            rule,
            severity,
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            guidance: "guidance".to_owned(),
            action: None,
        }
    }

    #[test]
    fn a_block_disables_send_and_warnings_are_acknowledged_by_rule_id_only() {
        let warn_a = finding(RuleId::AbsenceToOffice, Severity::Warn, None);
        let warn_b = finding(RuleId::UrgentToPhone, Severity::Warn, Some((0, 3)));
        let info = finding(RuleId::OutOfHours, Severity::Info, None);
        let block = finding(RuleId::ChildNameShared, Severity::Block, Some((4, 8)));

        assert_eq!(SendState::of(&[]), SendState::Ready);
        assert_eq!(SendState::of(std::slice::from_ref(&info)), SendState::Ready);
        let state = SendState::of(&[warn_b.clone(), info.clone(), warn_a.clone(), warn_a.clone()]);
        let mut want = vec![RuleId::AbsenceToOffice, RuleId::UrgentToPhone];
        want.sort();
        assert_eq!(state, SendState::NeedsAcknowledgement(want.clone()));
        assert_eq!(state.acknowledged(), want);
        let blocked = SendState::of(&[warn_a, block.clone()]);
        assert_eq!(blocked, SendState::Blocked);
        assert!(blocked.acknowledged().is_empty());
        assert!(block_reason(&[block]).unwrap().contains("child's name"));
        assert_eq!(block_reason(&[info]), None);
    }

    #[test]
    fn segments_follow_character_offsets_even_after_emoji_and_accents() {
        // "Chloé 😀 and Zoë" – offsets are characters, not bytes or UTF-16 units.
        let text = "😀 Chloé and Zoë came";
        let chloe = finding(RuleId::ChildNameShared, Severity::Block, Some((2, 7)));
        let zoe = finding(RuleId::ChildNameShared, Severity::Warn, Some((12, 15)));
        let segs = segments(text, &[zoe, chloe]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        let marked: Vec<(&str, Severity)> = segs
            .iter()
            .filter_map(|s| s.mark.map(|m| (s.text.as_str(), m)))
            .collect();
        assert_eq!(
            marked,
            vec![("Chloé", Severity::Block), ("Zoë", Severity::Warn)]
        );
    }

    #[test]
    fn overlapping_spans_merge_at_the_most_serious_severity_and_bad_spans_are_clamped() {
        let text = "Ruby Lane";
        let a = finding(RuleId::ChildNameShared, Severity::Warn, Some((0, 4)));
        let b = finding(RuleId::ChildNameShared, Severity::Block, Some((0, 9)));
        let past_end = finding(RuleId::ContactDetailsShared, Severity::Warn, Some((5, 99)));
        let whole = finding(RuleId::OutOfHours, Severity::Info, None);
        let segs = segments(text, &[a, b, past_end, whole]);
        assert_eq!(
            segs,
            vec![Segment {
                text: text.to_owned(),
                mark: Some(Severity::Block)
            }]
        );
        assert!(
            segments(
                "",
                &[finding(
                    RuleId::ChildNameShared,
                    Severity::Block,
                    Some((0, 3))
                )]
            )
            .is_empty()
        );
    }

    #[test]
    fn no_its_a_word_hides_that_name_question_but_never_a_block() {
        let text = "Ruby slippers for Ruby";
        let q1 = finding(RuleId::ChildNameShared, Severity::Warn, Some((0, 4)));
        let q2 = finding(RuleId::ChildNameShared, Severity::Warn, Some((18, 22)));
        let block = finding(RuleId::ChildNameShared, Severity::Block, Some((18, 22)));
        let other = finding(RuleId::NegativeInSharedSpace, Severity::Warn, None);
        assert!(is_name_question(&q1));
        assert!(!is_name_question(&block));
        assert_eq!(span_text(text, &q1), "Ruby");

        let mut answers = Suppressions::default();
        assert!(answers.is_empty());
        answers.add("Ruby");
        answers.add("ruby ");
        assert!(answers.contains("RUBY"));
        let all = [q1.clone(), q2, block.clone(), other.clone()];
        let shown = visible(text, &all, &answers);
        assert_eq!(shown, vec![block, other.clone()]);
        assert_eq!(SendState::of(&shown), SendState::Blocked);
        // Answering "it's a word" still acknowledges the warning to the server.
        let without_block = [q1.clone(), other];
        let shown = visible(text, &without_block, &answers);
        assert_eq!(
            SendState::of(&shown),
            SendState::NeedsAcknowledgement(vec![RuleId::NegativeInSharedSpace])
        );
        let mut want = vec![RuleId::ChildNameShared, RuleId::NegativeInSharedSpace];
        want.sort();
        assert_eq!(acknowledgements(&without_block), want);
        assert_eq!(
            SendState::of(&visible(text, std::slice::from_ref(&q1), &answers)),
            SendState::Ready
        );
        assert_eq!(acknowledgements(&[q1]), vec![RuleId::ChildNameShared]);
    }

    #[test]
    fn removing_a_name_keeps_the_rest_of_the_draft_tidy() {
        let text = "Did Niamh leave her coat?";
        let f = finding(RuleId::ChildNameShared, Severity::Block, Some((4, 9)));
        assert_eq!(remove_span(text, &f), "Did leave her coat?");
        let end = finding(RuleId::ChildNameShared, Severity::Block, Some((7, 12)));
        assert_eq!(remove_span("Thanks Niamh", &end), "Thanks");
        let whole = finding(RuleId::OutOfHours, Severity::Info, None);
        assert_eq!(remove_span(text, &whole), text);
    }

    #[test]
    fn server_findings_read_back_in_the_engines_shape() {
        let view = PolicyFindingView {
            rule: RuleId::AbsenceToOffice,
            severity: Severity::Warn,
            start: None,
            end: None,
            guidance: "Phone the office".to_owned(),
            action: Some(Action::Phone {
                label: "Phone the office".to_owned(),
                number: "01632 960777".to_owned(),
            }),
        };
        let back = from_server(std::slice::from_ref(&view));
        assert_eq!(back.len(), 1);
        assert_eq!(PolicyFindingView::from(back[0].clone()), view);
    }

    fn expectation(out: bool, back: Option<&str>) -> ReplyExpectation {
        ReplyExpectation {
            out_of_hours: out,
            back_at: back.map(|l| LabelledTime {
                at: "2026-01-12T08:00:00Z".to_owned(),
                label: l.to_owned(),
            }),
            reply_by: LabelledTime {
                at: "2026-01-14T17:00:00Z".to_owned(),
                label: "Wednesday 17:00".to_owned(),
            },
            teacher_name: "Mr Daly".to_owned(),
            office_phone: "01632 960777".to_owned(),
            response_expectation: "within 48 hours, working days only".to_owned(),
        }
    }

    #[test]
    fn out_of_hours_the_parent_reads_when_the_teacher_is_back_and_when_to_expect_a_reply() {
        assert_eq!(
            expectation_text(&expectation(true, Some("Monday at 8:00"))),
            "Mr Daly is back on Monday at 8:00; expect a reply by Wednesday 17:00."
        );
        assert_eq!(
            expectation_text(&expectation(false, None)),
            "Mr Daly replies within 48 hours, working days only; expect a reply by Wednesday 17:00."
        );
        assert_eq!(
            expectation_text(&expectation(true, None)),
            "Mr Daly is outside working hours; expect a reply by Wednesday 17:00."
        );
    }

    #[test]
    fn phone_links_dial_digits_only_and_meeting_requests_are_polite() {
        assert_eq!(tel_href("01632 960777"), "tel:01632960777");
        assert_eq!(tel_href("+44 (0)1632 960-777"), "tel:+4401632960777");
        assert_eq!(tel_href("999"), "tel:999");
        assert!(meeting_request(Some("Mr Daly")).starts_with("Dear Mr Daly,"));
        assert!(meeting_request(None).contains("arrange a meeting"));
    }
}
