//! The engine's vocabulary: rule ids, severities, roles, contexts, findings and the actions the UI renders.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

/// Declares `RuleId` once so the enum, its kebab-case strings and the list of all ids cannot drift apart.
macro_rules! rule_ids {
    ($($variant:ident => $id:literal,)*) => {
        /// Every rule in the catalogue (`POLICY-RULES.md` §3). The kebab-case strings are a public contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                $variant,
            )*
        }

        impl RuleId {
            /// All rule ids, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The rule's public id, e.g. `"child-name-shared"`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }
        }

        impl FromStr for RuleId {
            type Err = UnknownRuleId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok(RuleId::$variant),)*
                    other => Err(UnknownRuleId(other.to_owned())),
                }
            }
        }
    };
}

rule_ids! {
    ChildNameShared => "child-name-shared",
    OtherChildNamedPrivate => "other-child-named-private",
    ContactDetailsShared => "contact-details-shared",
    SensitiveInfoShared => "sensitive-info-shared",
    StaffConfidentialDetail => "staff-confidential-detail",
    CredentialShared => "credential-shared",
    ExternalSharing => "external-sharing",
    PhotoInSharedSpace => "photo-in-shared-space",
    PhotoConsent => "photo-consent",
    AbsenceToOffice => "absence-to-office",
    SicknessToOffice => "sickness-to-office",
    PickupChangeToOffice => "pickup-change-to-office",
    DinnerEnquiryToOffice => "dinner-enquiry-to-office",
    UrgentToPhone => "urgent-to-phone",
    MedicationToNursing => "medication-to-nursing",
    ComplaintToOffice => "complaint-to-office",
    ProgressToMeeting => "progress-to-meeting",
    SafeguardingToDsl => "safeguarding-to-dsl",
    AbusiveLanguage => "abusive-language",
    ThreatOrIntimidation => "threat-or-intimidation",
    StaffUnprofessionalTone => "staff-unprofessional-tone",
    BehaviourCommentNegative => "behaviour-comment-negative",
    NegativeInSharedSpace => "negative-in-shared-space",
    StaffPersonalBoundaries => "staff-personal-boundaries",
    OutOfHours => "out-of-hours",
    PupilMessagingDisabled => "pupil-messaging-disabled",
    RecipientNotClassTeacher => "recipient-not-class-teacher",
}

/// A string that is not one of the catalogue's rule ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule id `{0}`")]
pub struct UnknownRuleId(pub String);

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How strongly the UI reacts. Ordered so that `Info < Warn < Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A subtle chip.
    Info,
    /// A banner with "Send anyway".
    Warn,
    /// The send button is disabled.
    Block,
}

impl Severity {
    /// The wire string.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }
}

/// Who is writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorRole {
    /// A parent or carer.
    Parent,
    /// The class teacher, or the teacher covering the class.
    Teacher,
    /// Other authorised staff (TA, office, SENCo, SLT).
    Staff,
    /// A pupil.
    Pupil,
}

impl AuthorRole {
    /// Teachers and other staff share the professional rules.
    #[must_use]
    pub const fn is_staff(self) -> bool {
        matches!(self, AuthorRole::Teacher | AuthorRole::Staff)
    }
}

/// Where the text will be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Group chat seen by every family in the class.
    ClassChat,
    /// Teacher posts (and comments) seen by the whole class.
    ClassStory,
    /// Whole-school posts (and comments).
    SchoolStory,
    /// 1:1 between a parent and the class teacher about one pupil.
    PrivateMessage,
    /// A note on a behaviour point, seen by that pupil's family.
    BehaviourComment,
}

impl Context {
    /// Whether more than one family can see it.
    #[must_use]
    pub const fn is_shared(self) -> bool {
        matches!(
            self,
            Context::ClassChat | Context::ClassStory | Context::SchoolStory
        )
    }

    /// Stories (and comments on them), as opposed to chat.
    #[must_use]
    pub const fn is_story(self) -> bool {
        matches!(self, Context::ClassStory | Context::SchoolStory)
    }
}

/// A control the UI renders next to the guidance, so the right channel is one tap away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// A call button, e.g. "Phone the office".
    Phone {
        /// Button label.
        label: String,
        /// The number to dial, as written in the pack.
        number: String,
    },
    /// A mail-to button.
    Email {
        /// The address.
        address: String,
    },
    /// "Request a meeting".
    RequestMeeting,
    /// Turn a shared draft into a private message to the class teacher.
    SendPrivately,
    /// Schedule a staff message for the start of the next working day.
    ScheduleForMorning,
    /// "Call 999" plus the DSL's number, for a child in danger.
    Call999 {
        /// The number that reaches the DSL during the school day.
        dsl_number: String,
    },
    /// Remove the highlighted span (a name).
    RemoveSpan,
    /// Edit the message.
    Rephrase,
}

/// One thing the engine noticed in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Which rule.
    pub rule: RuleId,
    /// How strongly the UI reacts.
    pub severity: Severity,
    /// Start of the span, in characters (Unicode scalar values) from the start of the text; `None` for
    /// whole-message rules.
    pub start: Option<usize>,
    /// End of the span (exclusive), in characters.
    pub end: Option<usize>,
    /// The catalogue's guidance with the pack's details filled in.
    pub guidance: String,
    /// The control the UI offers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
}

/// Converts a character offset into a byte offset into `text` (clamped to the end), for Rust slicing.
#[must_use]
pub fn char_to_byte_offset(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map_or(text.len(), |(b, _)| b)
}

/// Converts a character offset into a UTF-16 code-unit offset, which is what JavaScript strings and DOM
/// selections use (emoji outside the BMP count twice there).
#[must_use]
pub fn char_to_utf16_offset(text: &str, char_offset: usize) -> usize {
    text.chars().take(char_offset).map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for &id in RuleId::ALL {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            let json = serde_json::to_string(&id).expect("serialise");
            assert_eq!(json, format!("\"{}\"", id.as_str()));
        }
        assert!("child-names-shared".parse::<RuleId>().is_err());
    }

    #[test]
    fn offsets_convert() {
        let cases: &[(&str, usize, usize, usize)] = &[
            ("abc", 2, 2, 2),
            ("Chloé is", 5, 6, 5),
            ("🎉 Sam", 2, 5, 3),
            ("ab", 9, 2, 2),
        ];
        for &(text, chars, bytes, utf16) in cases {
            assert_eq!(char_to_byte_offset(text, chars), bytes, "{text}");
            assert_eq!(char_to_utf16_offset(text, chars), utf16, "{text}");
        }
    }
}
