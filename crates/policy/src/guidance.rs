//! Guidance texts from the catalogue, with the pack's contacts filled in, and the action each offers.

use crate::pack::{ComplaintRoute, MedicationRoute, NamingMode, Pack};
use crate::vocab::{Action, AuthorRole, RuleId};

/// The pack details that guidance placeholders are filled from.
#[derive(Debug, Clone)]
pub struct Guidance {
    office_phone: String,
    office_email: String,
    nursing_phone: String,
    dsl_name: String,
    safeguarding_system: String,
    hours: String,
    response_time: String,
    evidence_app: String,
    medication_route: MedicationRoute,
    complaint_route: ComplaintRoute,
    naming: NamingMode,
}

/// Which wording of a rule's guidance to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Variant {
    /// The author is a teacher or staff member.
    pub staff: bool,
    /// `child-name-shared` fired on a surname in first-name-only mode.
    pub surname_only_mode: bool,
}

impl Guidance {
    /// Collects the placeholders from the pack; `hours` is the formatted working-hours label.
    #[must_use]
    pub fn new(pack: &Pack, hours: String) -> Guidance {
        let s = &pack.school;
        let dsl_name = s.dsl.split('(').next().unwrap_or("").trim().to_owned();
        let response = s.response_expectation.trim();
        let response_time = response
            .strip_prefix("within ")
            .unwrap_or(response)
            .to_owned();
        Guidance {
            office_phone: s.office_phone.clone(),
            office_email: s.office_email.clone(),
            nursing_phone: s
                .nursing_team_phone
                .clone()
                .unwrap_or_else(|| s.office_phone.clone()),
            dsl_name: if dsl_name.is_empty() {
                "the Designated Safeguarding Lead".to_owned()
            } else {
                dsl_name
            },
            safeguarding_system: if s.safeguarding_system.is_empty() {
                "the school's safeguarding system".to_owned()
            } else {
                s.safeguarding_system.clone()
            },
            hours,
            response_time: if response_time.is_empty() {
                "two working days".to_owned()
            } else {
                response_time
            },
            evidence_app: "Hometime private messages".to_owned(),
            medication_route: s.medication_route,
            complaint_route: s.complaint_route,
            naming: s.names_in_shared_spaces,
        }
    }

    fn phone_office(&self) -> Action {
        Action::Phone {
            label: "Phone the office".to_owned(),
            number: self.office_phone.clone(),
        }
    }

    /// The guidance text for `rule`, with `{child}` filled from `child`.
    pub(crate) fn text(&self, rule: RuleId, v: Variant, child: &str) -> String {
        use RuleId as R;
        let t: String = match rule {
            R::ChildNameShared if v.surname_only_mode || (v.staff && self.naming == NamingMode::FirstNameOnlyStaff) => {
                "First names only — please remove the surname.".into()
            }
            R::ChildNameShared if v.staff => "Stories are seen by all families — please remove pupils' names.".into(),
            R::ChildNameShared => "Everyone in the class can see this. Please don't use children's names here — say 'my child', or send it privately to the teacher.".into(),
            R::OtherChildNamedPrivate => format!("This goes to {child}'s family only. Please don't name other pupils — describe what happened without names."),
            R::ContactDetailsShared => "This looks like a phone number, email or home address. Everyone in the class can see it — please share contact details privately.".into(),
            R::SensitiveInfoShared => "This sounds personal. Class chat is seen by every family — please send it to the teacher as a private message.".into(),
            R::StaffConfidentialDetail => "Hometime isn't for SEND, medical, exclusion or other confidential records. Keep it brief, offer a call or meeting, and record details on the school's system.".into(),
            R::CredentialShared => "Never share passwords or login/connection codes in messages. Each family has its own code — the office can help.".into(),
            R::ExternalSharing => "Photos and posts from Hometime mustn't be shared on social media or forwarded — what's in Hometime stays in Hometime.".into(),
            R::PhotoInSharedSpace => format!("Photos of children can't be posted where other families can see them. You can share photos directly with the teacher via {}.", self.evidence_app),
            R::PhotoConsent => format!("{child} doesn't have photo permission. Please remove them before posting."),
            R::AbsenceToOffice => format!("Absences, lateness and appointments need to be reported by phone to the office on {}. Teachers can't record them from Hometime.", self.office_phone),
            R::SicknessToOffice => format!("Please phone the office on {} to report illness so it can be recorded.", self.office_phone),
            R::PickupChangeToOffice => format!("Changes to who collects your child, or when, must be phoned through to the office on {} so staff know in time.", self.office_phone),
            R::DinnerEnquiryToOffice => format!("School dinner questions are handled by the office: {}.", self.office_phone),
            R::UrgentToPhone => format!("Teachers may not see messages until the end of the day. If this is urgent or needs doing today, please phone the office on {}.", self.office_phone),
            R::MedicationToNursing => match self.medication_route {
                MedicationRoute::NursingTeam => format!("Changes to medication or feeds must be discussed by phone with the school nursing team on {}.", self.nursing_phone),
                MedicationRoute::Office => format!("Changes to medication or feeds must be discussed by phone with the office on {}.", self.office_phone),
            },
            R::ComplaintToOffice if v.staff => format!("Complaints are handled under the Complaints Policy, not in Hometime. Thank the parent and ask them to email {}.", self.office_email),
            R::ComplaintToOffice => match self.complaint_route {
                ComplaintRoute::EmailOffice => format!("It sounds like you'd like to raise a concern. Hometime isn't used for complaints — please email {} so the right person can look into it.", self.office_email),
                ComplaintRoute::Reception => format!("It sounds like you'd like to raise a concern. Hometime isn't used for complaints — please speak to Reception or phone {} so the right person can look into it.", self.office_phone),
                ComplaintRoute::ComplaintsProcedure => format!("It sounds like you'd like to raise a concern. Hometime isn't used for complaints — please follow the school's complaints procedure by emailing {} so the right person can look into it.", self.office_email),
            },
            R::ProgressToMeeting => "Progress is best talked about in person. Would you like to ask for a meeting instead?".into(),
            R::SafeguardingToDsl if v.staff => format!("Safeguarding concerns must go to the DSL ({}) and be recorded on {} now — not handled in Hometime.", self.dsl_name, self.safeguarding_system),
            R::SafeguardingToDsl => format!("If a child is in immediate danger, call 999. Worried about a child's safety? Please phone {}, our Designated Safeguarding Lead, on {} — messages may not be read straight away.", self.dsl_name, self.office_phone),
            R::AbusiveLanguage => "This message contains language that could hurt or offend. Please rephrase — everyone in our school community should be treated with respect.".into(),
            R::ThreatOrIntimidation => format!("This could be read as a threat and can't be sent. If you're upset, please phone the office on {} so we can talk it through.", self.office_phone),
            R::StaffUnprofessionalTone => "This may come across as sarcastic or critical. Keep it factual and courteous — e.g. 'Thanks for your message. Homework is due on Fridays; I've attached it again.'".into(),
            R::BehaviourCommentNegative => "Families see this note. Describe what happened and the next step, without labels — e.g. 'Needed two reminders to stay on task.'".into(),
            R::NegativeInSharedSpace => format!("Class chat and stories are for positive, general messages. Please raise concerns privately with the teacher, or email {}.", self.office_email),
            R::StaffPersonalBoundaries => "Keep Hometime professional: no personal numbers, social media, social plans or personal matters.".into(),
            R::OutOfHours if v.staff => "You're outside working hours — you're not expected to reply now. Schedule this for the morning?".into(),
            R::OutOfHours => format!("Your teacher is outside working hours ({}) and will reply within {}. Urgent? Phone the office on {}.", self.hours, self.response_time, self.office_phone),
            R::PupilMessagingDisabled => "Messaging is for grown-ups. Ask your grown-up to message your teacher.".into(),
            R::RecipientNotClassTeacher => format!("You can message your child's class teacher here. For anyone else, please contact the office on {}.", self.office_phone),
        };
        t
    }

    /// The control offered with the guidance.
    pub(crate) fn action(&self, rule: RuleId, role: AuthorRole) -> Option<Action> {
        use RuleId as R;
        let staff = role.is_staff();
        Some(match rule {
            R::ChildNameShared | R::OtherChildNamedPrivate => Action::RemoveSpan,
            R::ContactDetailsShared
            | R::SensitiveInfoShared
            | R::NegativeInSharedSpace
            | R::PhotoInSharedSpace => Action::SendPrivately,
            R::AbsenceToOffice
            | R::SicknessToOffice
            | R::PickupChangeToOffice
            | R::DinnerEnquiryToOffice
            | R::UrgentToPhone
            | R::ThreatOrIntimidation
            | R::RecipientNotClassTeacher => self.phone_office(),
            R::MedicationToNursing => match self.medication_route {
                MedicationRoute::NursingTeam => Action::Phone {
                    label: "Phone the nursing team".to_owned(),
                    number: self.nursing_phone.clone(),
                },
                MedicationRoute::Office => self.phone_office(),
            },
            R::ComplaintToOffice if !staff && self.complaint_route == ComplaintRoute::Reception => {
                self.phone_office()
            }
            R::ComplaintToOffice => Action::Email {
                address: self.office_email.clone(),
            },
            R::ProgressToMeeting => Action::RequestMeeting,
            R::SafeguardingToDsl if staff => Action::Phone {
                label: format!("Phone {}", self.dsl_name),
                number: self.office_phone.clone(),
            },
            R::SafeguardingToDsl => Action::Call999 {
                dsl_number: self.office_phone.clone(),
            },
            R::OutOfHours if staff => Action::ScheduleForMorning,
            R::OutOfHours => self.phone_office(),
            R::StaffConfidentialDetail
            | R::CredentialShared
            | R::ExternalSharing
            | R::PhotoConsent
            | R::AbusiveLanguage
            | R::StaffUnprofessionalTone
            | R::BehaviourCommentNegative
            | R::StaffPersonalBoundaries => Action::Rephrase,
            R::PupilMessagingDisabled => return None,
        })
    }
}
