//! The points screens' logic in plain Rust, tested natively: initials for schools that hide avatars, the
//! teacher's pupil selection, the note check (the same engine and context the server uses), the undo
//! countdown, and stepping through the avatar editor's parts.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use hometime_api::{Avatar, MAX_NOTE_CHARS};
use hometime_domain::PupilId;
use hometime_policy::{AuthorRole, Context, Draft, Engine, Finding, RuleId, Severity};

/// Up to two initials for a pupil's name ("Ivy" → "I", "Mary Jane" → "MJ"), upper case.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(2)
        .collect()
}

/// Which pupils a teacher has picked on the grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(BTreeSet<PupilId>);

impl Selection {
    pub fn toggle(&mut self, pupil: PupilId) {
        if !self.0.remove(&pupil) {
            self.0.insert(pupil);
        }
    }

    pub fn only(pupil: PupilId) -> Selection {
        Selection(BTreeSet::from([pupil]))
    }

    pub fn all(pupils: impl IntoIterator<Item = PupilId>) -> Selection {
        Selection(pupils.into_iter().collect())
    }

    pub fn contains(&self, pupil: PupilId) -> bool {
        self.0.contains(&pupil)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn ids(&self) -> Vec<PupilId> {
        self.0.iter().copied().collect()
    }
}

/// Whether a note may be sent as typed: not longer than the limit.
pub fn note_too_long(note: &str) -> bool {
    note.trim().chars().count() > MAX_NOTE_CHARS
}

/// Checks a note about each chosen pupil as a teacher's behaviour comment, like the server does, and keeps
/// the findings that matter for points (not `out-of-hours`, not info), without duplicates.
pub fn check_note(
    engine: &Engine,
    author: AuthorRole,
    note: &str,
    pupils: &[PupilId],
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    if note.trim().is_empty() {
        return out;
    }
    // With no pupil chosen yet, check the note on its own so the teacher still sees problems as they type.
    let children: Vec<Option<String>> = if pupils.is_empty() {
        vec![None]
    } else {
        pupils
            .iter()
            .map(|p| Some(hometime_api::roster_id(*p)))
            .collect()
    };
    for child in &children {
        for f in engine.check(&Draft {
            role: author,
            context: Context::BehaviourComment,
            text: note,
            child: child.as_deref(),
            sent_at: NaiveDateTime::default(),
            photos: None,
            recipient_is_class_teacher: None,
        }) {
            if f.rule == RuleId::OutOfHours || f.severity == Severity::Info {
                continue;
            }
            if !out
                .iter()
                .any(|o| o.rule == f.rule && o.start == f.start && o.end == f.end)
            {
                out.push(f);
            }
        }
    }
    out
}

/// Whether the findings stop the point being given even when acknowledged.
pub fn has_block(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Block)
}

/// The rule ids of warnings, to acknowledge when the teacher chooses to keep the note.
pub fn warning_rules(findings: &[Finding]) -> Vec<RuleId> {
    let mut rules: Vec<RuleId> = findings
        .iter()
        .filter(|f| f.severity == Severity::Warn)
        .map(|f| f.rule)
        .collect();
    rules.dedup();
    rules
}

/// Whole seconds left to undo, from the times in milliseconds; 0 once the window has passed.
pub fn undo_seconds_left(now_ms: f64, undo_until_ms: f64) -> u32 {
    let left = ((undo_until_ms - now_ms) / 1000.0).ceil();
    if left <= 0.0 {
        0
    } else {
        left.min(60.0) as u32
    }
}

/// One of the avatar's parts the editor changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Body,
    Eyes,
    Mouth,
    Accessory,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Body, Part::Eyes, Part::Mouth, Part::Accessory];

    /// How many choices the app draws for this part.
    pub fn choices(self) -> u8 {
        match self {
            Part::Body => hometime_api::AVATAR_BODIES,
            Part::Eyes => hometime_api::AVATAR_EYES,
            Part::Mouth => hometime_api::AVATAR_MOUTHS,
            Part::Accessory => hometime_api::AVATAR_ACCESSORIES,
        }
    }

    /// A short name for screen readers; the buttons themselves are pictures.
    pub fn label(self) -> &'static str {
        match self {
            Part::Body => "Body",
            Part::Eyes => "Eyes",
            Part::Mouth => "Mouth",
            Part::Accessory => "Hat",
        }
    }

    /// `avatar` with this part set to `choice`.
    pub fn with(self, avatar: &Avatar, choice: u8) -> Avatar {
        let mut a = avatar.clone();
        let choice = choice % self.choices();
        match self {
            Part::Body => a.body = choice,
            Part::Eyes => a.eyes = choice,
            Part::Mouth => a.mouth = choice,
            Part::Accessory => a.accessory = choice,
        }
        a
    }

    pub fn of(self, avatar: &Avatar) -> u8 {
        match self {
            Part::Body => avatar.body,
            Part::Eyes => avatar.eyes,
            Part::Mouth => avatar.mouth,
            Part::Accessory => avatar.accessory,
        }
    }
}

/// The colours a pupil can paint their monster, with names for screen readers.
pub const COLOURS: [(&str, &str); 8] = [
    ("#6c5ce7", "Purple"),
    ("#00b894", "Green"),
    ("#e17055", "Orange"),
    ("#0984e3", "Blue"),
    ("#fdcb6e", "Yellow"),
    ("#e84393", "Pink"),
    ("#00cec9", "Turquoise"),
    ("#b2bec3", "Grey"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use hometime_policy::Pack;

    #[test]
    fn initials_take_the_first_letters_of_up_to_two_words() {
        let cases = [
            ("Ivy", "I"),
            ("mary jane", "MJ"),
            ("Zuzia", "Z"),
            ("Ana Lucia Rosa", "AL"),
            ("", ""),
            ("  émile ", "É"),
        ];
        for (name, want) in cases {
            assert_eq!(initials(name), want, "{name}");
        }
    }

    #[test]
    fn selection_toggles_and_selects_the_whole_class() {
        let mut s = Selection::default();
        s.toggle(PupilId(3));
        s.toggle(PupilId(1));
        assert_eq!(s.ids(), vec![PupilId(1), PupilId(3)]);
        s.toggle(PupilId(3));
        assert_eq!(s.ids(), vec![PupilId(1)]);
        assert!(Selection::all((1..=25).map(PupilId)).len() == 25);
        assert!(Selection::only(PupilId(7)).contains(PupilId(7)));
    }

    #[test]
    fn undo_counts_down_in_whole_seconds_and_stops_at_zero() {
        let cases = [
            (0.0, 10_000.0, 10),
            (500.0, 10_000.0, 10),
            (9_001.0, 10_000.0, 1),
            (10_000.0, 10_000.0, 0),
            (20_000.0, 10_000.0, 0),
        ];
        for (now, until, want) in cases {
            assert_eq!(undo_seconds_left(now, until), want, "{now}");
        }
    }

    #[test]
    fn avatar_parts_wrap_within_what_the_app_draws() {
        let a = Avatar::default();
        for part in Part::ALL {
            let last = part.with(&a, part.choices() - 1);
            assert_eq!(last.check(), Ok(()), "{part:?}");
            assert_eq!(part.of(&part.with(&a, part.choices())), 0, "{part:?} wraps");
        }
        for (colour, _) in COLOURS {
            assert!(hometime_api::is_hex_colour(colour));
        }
    }

    #[test]
    fn a_humiliating_note_is_flagged_and_a_factual_one_is_not() {
        let pack = Pack::from_json(include_str!("../crates/policy/data/pack.json")).unwrap();
        let engine = Engine::new(&pack).unwrap();
        let flagged = check_note(
            &engine,
            AuthorRole::Teacher,
            "she is so lazy and useless",
            &[],
        );
        assert!(
            flagged
                .iter()
                .any(|f| f.rule == RuleId::BehaviourCommentNegative),
            "{flagged:?}"
        );
        assert_eq!(
            warning_rules(&flagged).first(),
            Some(&RuleId::BehaviourCommentNegative)
        );
        let fine = check_note(
            &engine,
            AuthorRole::Teacher,
            "Needed two reminders to stay on task.",
            &[],
        );
        assert!(fine.is_empty(), "{fine:?}");
        assert!(check_note(&engine, AuthorRole::Teacher, "   ", &[]).is_empty());
        assert!(note_too_long(&"x".repeat(201)) && !note_too_long(&"x".repeat(200)));
    }
}
