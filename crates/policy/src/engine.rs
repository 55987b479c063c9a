//! The engine: compiles a pack once, then checks drafts (every keystroke in the browser, every send on
//! the server) and returns findings sorted by position.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::abuse;
use crate::contact::{self, ContactKind};
use crate::guidance::{Guidance, Variant};
use crate::hours::Hours;
use crate::lexicon::{LEXICONS, Lex};
use crate::metadata::{self, TaggedPupil};
use crate::model::{self, Model};
use crate::names::{Confidence, NameHit, NameIndex};
use crate::pack::{NamingMode, Pack, PackError, PupilPosting, bounds};
use crate::phrase::{Hit, PhraseSet};
use crate::text::{Text, fold};
use crate::vocab::{AuthorRole, Context, Finding, RuleId, Severity};

/// Facts about attachments on a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoFacts {
    /// Roster ids of pupils tagged in the photos.
    pub tagged: Vec<String>,
}

/// One draft to check.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    /// Who is writing.
    pub role: AuthorRole,
    /// Where it will be seen.
    pub context: Context,
    /// The text.
    pub text: &'a str,
    /// Roster id of the pupil a private thread or behaviour point is about.
    pub child: Option<&'a str>,
    /// School-local send (or typing) time.
    pub sent_at: NaiveDateTime,
    /// Attached photos, if any.
    pub photos: Option<PhotoFacts>,
    /// For private messages: whether the thread links a parent with the child's class teacher.
    pub recipient_is_class_teacher: Option<bool>,
}

#[derive(Debug, Clone, Copy)]
struct Setting {
    enabled: bool,
    severity: Option<Severity>,
}

/// A compiled policy pack.
#[derive(Debug, Clone)]
pub struct Engine {
    guidance: Guidance,
    hours: Hours,
    names: NameIndex,
    abuse: abuse::AbuseLexicon,
    phrases: PhraseSet,
    allowed: PhraseSet,
    /// No allowed phrases: skip a second pass over the tokens.
    allowed_empty: bool,
    extra_rules: Vec<RuleId>,
    allow_phones: HashSet<String>,
    allow_emails: HashSet<String>,
    settings: HashMap<RuleId, Setting>,
    naming: NamingMode,
    pupil_posting: PupilPosting,
    pupils: Vec<(String, String, bool)>,
    /// The learned layer (`model.rs`); `None` runs the rules alone.
    model: Option<Arc<Model>>,
}

/// A finding before guidance is attached.
#[derive(Debug, Clone, Copy)]
struct Raw {
    rule: RuleId,
    severity: Severity,
    span: Option<(usize, usize)>,
    surname_mode: bool,
}

/// Which rules apply to which roles and contexts (catalogue §3).
#[must_use]
pub fn applies(rule: RuleId, role: AuthorRole, ctx: Context) -> bool {
    use AuthorRole::{Parent, Pupil};
    use RuleId as R;
    let staff = role.is_staff();
    let parent_routing = role == Parent && ctx != Context::BehaviourComment;
    match rule {
        R::ChildNameShared => ctx.is_shared(),
        R::OtherChildNamedPrivate => {
            staff && matches!(ctx, Context::PrivateMessage | Context::BehaviourComment)
        }
        R::ContactDetailsShared | R::SensitiveInfoShared => role != Pupil && ctx.is_shared(),
        R::StaffConfidentialDetail | R::StaffPersonalBoundaries => staff,
        R::CredentialShared
        | R::SafeguardingToDsl
        | R::AbusiveLanguage
        | R::ThreatOrIntimidation => true,
        R::ExternalSharing => role != Pupil,
        R::PhotoInSharedSpace => role == Parent && ctx.is_shared(),
        R::PhotoConsent => staff && ctx.is_story(),
        R::AbsenceToOffice
        | R::SicknessToOffice
        | R::PickupChangeToOffice
        | R::DinnerEnquiryToOffice
        | R::UrgentToPhone
        | R::MedicationToNursing => parent_routing,
        R::ComplaintToOffice => role == Parent || staff,
        R::ProgressToMeeting => {
            role == Parent && matches!(ctx, Context::PrivateMessage | Context::ClassChat)
        }
        R::StaffUnprofessionalTone => staff && ctx != Context::BehaviourComment,
        R::BehaviourCommentNegative => staff && ctx == Context::BehaviourComment,
        R::NegativeInSharedSpace => matches!(role, Parent | Pupil) && ctx.is_shared(),
        R::OutOfHours => {
            staff || (role == Parent && matches!(ctx, Context::PrivateMessage | Context::ClassChat))
        }
        R::PupilMessagingDisabled => role == Pupil,
        R::RecipientNotClassTeacher => {
            matches!(role, Parent | AuthorRole::Teacher) && ctx == Context::PrivateMessage
        }
    }
}

/// Words every lexicon uses; they are never treated as misspelt names.
fn lexicon_words() -> HashSet<String> {
    LEXICONS
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .flat_map(|p| p.split([' ', '-']))
        .map(|w| fold(w.trim_end_matches('*')))
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect()
}

fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

impl Engine {
    /// Compiles a pack: indices for names and phrases, hours, settings within locked bounds.
    ///
    /// # Errors
    /// A [`PackError`] when the pack has bad times, days, holidays, rule ids or pupil ids.
    pub fn new(pack: &Pack) -> Result<Engine, PackError> {
        let hours = Hours::new(pack)?;
        let guidance = Guidance::new(pack, hours.label.clone());
        let mut seen = HashSet::new();
        for p in &pack.pupils {
            if p.id.trim().is_empty() || !seen.insert(p.id.clone()) {
                return Err(PackError::PupilId(p.id.clone()));
            }
            if p.first_name.trim().is_empty() {
                return Err(PackError::PupilName(p.id.clone()));
            }
        }
        let names = NameIndex::new(pack, &lexicon_words());
        let mut phrases = PhraseSet::default();
        for (lex, list) in LEXICONS {
            for p in *list {
                phrases.add(p, *lex as usize);
            }
        }
        let mut extra_rules = Vec::new();
        for (rule, terms) in &pack.extra_terms {
            let id: RuleId = rule
                .parse()
                .map_err(|_| PackError::UnknownRule(rule.clone()))?;
            let tag = LEXICONS.len() + extra_rules.len();
            extra_rules.push(id);
            for t in terms {
                phrases.add(t, tag);
            }
        }
        let mut allowed = PhraseSet::default();
        for p in &pack.allowed_phrases {
            allowed.add(p, 0);
        }
        let mut settings = HashMap::new();
        for (rule, s) in &pack.rules {
            let id: RuleId = rule
                .parse()
                .map_err(|_| PackError::UnknownRule(rule.clone()))?;
            let b = bounds(id);
            settings.insert(
                id,
                Setting {
                    enabled: s.enabled.unwrap_or(true) || !b.can_disable,
                    severity: s.severity.map(|v| v.clamp(b.min, b.max)),
                },
            );
        }
        let s = &pack.school;
        let mut allow_phones = HashSet::new();
        let mut allow_emails = HashSet::new();
        for c in s
            .allowlisted_contacts
            .iter()
            .chain([&s.office_phone, &s.office_email])
            .chain(s.nursing_team_phone.iter())
        {
            if c.contains('@') {
                allow_emails.insert(c.trim().to_lowercase());
            } else {
                allow_phones.insert(contact::canonical_phone(&digits_of(c)));
            }
        }
        Ok(Engine {
            guidance,
            hours,
            names,
            abuse: abuse::AbuseLexicon::new(),
            phrases,
            allowed_empty: pack.allowed_phrases.is_empty(),
            allowed,
            extra_rules,
            allow_phones,
            allow_emails,
            settings,
            naming: s.names_in_shared_spaces,
            pupil_posting: s.pupil_posting,
            pupils: pack
                .pupils
                .iter()
                .map(|p| (p.id.clone(), p.display_name().to_owned(), p.photo_consent))
                .collect(),
            model: Some(Model::bundled()).filter(|m| !m.rules().is_empty()),
        })
    }

    /// Replaces the learned layer: `None` runs the rules alone (for evaluation and training).
    #[must_use]
    pub fn with_model(mut self, model: Option<Model>) -> Engine {
        self.model = model.map(Arc::new);
        self
    }

    /// The learned layer in use, if any.
    #[must_use]
    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    /// The learned layer's features for a draft, sorted and without repeats (for the trainer).
    #[must_use]
    pub fn model_features(&self, draft: &Draft<'_>) -> Vec<String> {
        let text = Text::new(draft.text);
        let hits = self.phrases.find_all(&text);
        let names = self.names.find(&text);
        let mut out = Vec::new();
        model::emit_features(&text, &hits, &names, draft.context, &mut |f, _| {
            out.push(f.to_owned());
        });
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The filled-in guidance catalogue, for the standalone metadata checks.
    #[must_use]
    pub fn guidance(&self) -> &Guidance {
        &self.guidance
    }

    /// Whether a school-local time is outside working hours (weekends and holidays included).
    #[must_use]
    pub fn is_out_of_hours(&self, at: NaiveDateTime) -> bool {
        self.hours.is_out_of_hours(at)
    }

    fn child_index(&self, child: Option<&str>) -> Option<usize> {
        child.and_then(|c| self.pupils.iter().position(|(id, _, _)| id == c))
    }

    /// Checks a draft. Findings are sorted by start (whole-message findings first).
    #[must_use]
    pub fn check(&self, draft: &Draft<'_>) -> Vec<Finding> {
        let text = Text::new(draft.text);
        let hits = self.phrases.find_all(&text);
        let names = self.names.find(&text);
        let mut raw = Vec::new();
        let cx = Cx {
            e: self,
            draft,
            text: &text,
            hits: &hits,
            names: &names,
        };
        cx.run(&mut raw);

        // Allowed phrases silence any span they overlap.
        let allowed: Vec<(usize, usize)> = if self.allowed_empty {
            Vec::new()
        } else {
            self.allowed
                .find_all(&text)
                .first()
                .map(|v| {
                    v.iter()
                        .map(|h| (text.tokens[h.first].start, text.tokens[h.last].end))
                        .collect()
                })
                .unwrap_or_default()
        };
        let child_idx = self.child_index(draft.child);
        let child_name = child_idx.map_or("your child", |i| self.pupils[i].1.as_str());
        let mut out: Vec<Finding> = Vec::new();
        for r in raw {
            if !applies(r.rule, draft.role, draft.context) {
                continue;
            }
            if let Some((s, e)) = r.span
                && allowed.iter().any(|&(a, b)| s < b && a < e)
            {
                continue;
            }
            let setting = self.settings.get(&r.rule).copied();
            if setting.is_some_and(|s| !s.enabled) {
                continue;
            }
            let mut severity = setting.and_then(|s| s.severity).unwrap_or(r.severity);
            // Guarantees that no pack setting can override.
            if r.rule == RuleId::SafeguardingToDsl && !draft.role.is_staff() {
                severity = Severity::Warn;
            }
            if r.rule == RuleId::ChildNameShared && r.severity == Severity::Warn {
                severity = severity.min(Severity::Warn);
            }
            let variant = Variant {
                staff: draft.role.is_staff(),
                surname_only_mode: r.surname_mode,
            };
            out.push(Finding {
                rule: r.rule,
                severity,
                start: r.span.map(|s| s.0),
                end: r.span.map(|s| s.1),
                guidance: self.guidance.text(r.rule, variant, child_name),
                action: self.guidance.action(r.rule, draft.role),
            });
        }
        out.extend(cx.metadata().into_iter().map(|mut f| {
            if let Some(sev) = self.settings.get(&f.rule).and_then(|s| s.severity) {
                f.severity = sev;
            }
            f
        }));
        out.sort_by_key(|f| (f.start.map_or(0, |s| s + 1), f.rule));
        out.dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        out
    }
}

/// One check in progress.
pub(crate) struct Cx<'a> {
    e: &'a Engine,
    draft: &'a Draft<'a>,
    pub(crate) text: &'a Text,
    hits: &'a [Vec<Hit>],
    names: &'a [NameHit],
}

impl Cx<'_> {
    pub(crate) fn all(&self, lex: Lex) -> &[Hit] {
        self.hits.get(lex as usize).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn has(&self, lex: Lex) -> bool {
        !self.all(lex).is_empty()
    }

    fn span(&self, h: Hit) -> (usize, usize) {
        (
            self.text.tokens[h.first].start,
            self.text.tokens[h.last].end,
        )
    }

    /// Hits of `lex` with no hit of `not` overlapping them or within `before`/`after` tokens. A `not`
    /// phrase strictly inside a longer hit does not cancel it: the longer phrase is the more specific
    /// reading ("was late this morning" is a late arrival although "was late" alone is not).
    pub(crate) fn clean(&self, lex: Lex, not: Lex, before: usize, after: usize) -> Vec<Hit> {
        let nots = self.all(not);
        self.all(lex)
            .iter()
            .copied()
            .filter(|h| {
                !nots.iter().any(|n| {
                    let inside = h.first <= n.first
                        && n.last <= h.last
                        && h.last - h.first > n.last - n.first;
                    !inside && n.last + before >= h.first && n.first <= h.last + after
                })
            })
            .collect()
    }

    fn first_of(&self, lists: &[&[Hit]]) -> Option<Hit> {
        lists
            .iter()
            .flat_map(|l| l.iter().copied())
            .min_by_key(|h| h.first)
    }

    fn push(&self, out: &mut Vec<Raw>, rule: RuleId, severity: Severity, h: Option<Hit>) {
        out.push(Raw {
            rule,
            severity,
            span: h.map(|h| self.span(h)),
            surname_mode: false,
        });
    }

    fn run(&self, out: &mut Vec<Raw>) {
        let d = self.draft;
        let role = d.role;
        let ctx = d.context;
        let shared = ctx.is_shared();
        let staff = role.is_staff();
        let block_if_shared = if shared {
            Severity::Block
        } else {
            Severity::Warn
        };

        if role == AuthorRole::Pupil
            && !(self.e.pupil_posting == PupilPosting::PositiveComments && ctx.is_story())
        {
            out.push(Raw {
                rule: RuleId::PupilMessagingDisabled,
                severity: Severity::Block,
                span: None,
                surname_mode: false,
            });
        }
        if applies(RuleId::OutOfHours, role, ctx) && self.e.hours.is_out_of_hours(d.sent_at) {
            out.push(Raw {
                rule: RuleId::OutOfHours,
                severity: Severity::Info,
                span: None,
                surname_mode: false,
            });
        }
        self.names_rules(out);
        self.contacts(out, shared);

        // Safeguarding first: it pre-empts staff-confidential-detail.
        let safeguarding = self.safeguarding();
        if let Some(h) = safeguarding {
            let sev = if staff {
                block_if_shared
            } else {
                Severity::Warn
            };
            self.push(out, RuleId::SafeguardingToDsl, sev, Some(h));
        } else if staff
            && !self.has(Lex::ConfidentialGeneral)
            && let Some(h) = self.all(Lex::Confidential).first()
        {
            self.push(
                out,
                RuleId::StaffConfidentialDetail,
                block_if_shared,
                Some(*h),
            );
        }

        let abusive = abuse::scan(&self.e.abuse, self.text);
        // Token index of each abusive word, for the complaint rule's "insult aimed at staff".
        let mut abuse_at: Vec<usize> = abusive
            .iter()
            .filter_map(|h| self.text.tokens.iter().position(|t| t.end > h.start))
            .collect();
        abuse_at.extend(self.all(Lex::AbusePhrase).iter().map(|h| h.first));
        for h in abusive {
            out.push(Raw {
                rule: RuleId::AbusiveLanguage,
                severity: h.severity,
                span: Some((h.start, h.end)),
                surname_mode: false,
            });
        }
        if let Some(h) = self.all(Lex::AbusePhrase).first() {
            self.push(out, RuleId::AbusiveLanguage, Severity::Warn, Some(*h));
        }
        // A child's disclosure reported by the author ("she said her step mum held it near the iron to
        // teach her a lesson") quotes someone else's menace: that is safeguarding, not a threat.
        let reported = |h: &Hit| {
            safeguarding.is_some()
                && (h.first.saturating_sub(12)..h.first)
                    .any(|j| matches!(self.text.norm(j), "said" | "says" | "told" | "tells"))
                && !(h.first..=h.last).any(|j| {
                    matches!(
                        self.text.norm(j),
                        "i" | "i'll" | "ill" | "we" | "we'll" | "you"
                    )
                })
        };
        // "I'll kill him if he loses another water bottle 😂": laughter marks hyperbole, not menace.
        let joking = self.has(Lex::Laughing)
            || self
                .text
                .chars
                .iter()
                .any(|c| matches!(c, '\u{1F602}' | '\u{1F923}'));
        let threat: Vec<Hit> = self
            .clean(Lex::Threat, Lex::ThreatNot, 0, 6)
            .into_iter()
            .filter(|h| !reported(h) && !joking)
            .collect();
        if let Some(h) = threat.first() {
            self.push(out, RuleId::ThreatOrIntimidation, Severity::Block, Some(*h));
            // Menacing other families in class chat is also the opposite of a positive shared space.
            if shared && role == AuthorRole::Parent {
                self.push(out, RuleId::NegativeInSharedSpace, Severity::Warn, Some(*h));
            }
        }

        if role == AuthorRole::Parent {
            // A warning about a danger to children is not grumbling in a shared space.
            self.parent_routing(out, shared, safeguarding.is_none());
        }
        self.complaint(out, shared, &threat, &abuse_at, safeguarding.is_some());
        self.tone(out);
        if let Some(h) = self.clean(Lex::Boundaries, Lex::ExternalNot, 0, 0).first() {
            self.push(
                out,
                RuleId::StaffPersonalBoundaries,
                Severity::Warn,
                Some(*h),
            );
        }
        // Screenshots of a groomer's messages are evidence for the DSL, not sharing Hometime content.
        if safeguarding.is_none() {
            self.external(out);
        }
        self.credentials(out, block_if_shared);
        self.sensitive(out);

        let scores = self.e.model.as_ref().map_or_else(Vec::new, |m| {
            m.score(self.text, self.hits, self.names, self.draft.context)
        });
        self.vetoed(out, &scores);
        for (k, rule) in self.e.extra_rules.iter().enumerate() {
            if let Some(h) = self.hits.get(LEXICONS.len() + k).and_then(|v| v.first()) {
                let sev = default_severity(*rule, role, ctx);
                self.push(out, *rule, sev, Some(*h));
            }
        }
        self.learned(out, &scores);
    }

    /// The learned layer's second opinion: a parent's routing finding the rules raised at `info` or
    /// `warn` is withdrawn when the model finds the reading very unlikely (below the rule's veto).
    /// Measured on writers nobody had tuned for, this removed about half the rules' false alarms on
    /// clean messages for a handful of true findings (README, round 15). Never a finding that would
    /// block (the pack's severity counts), never `safeguarding-to-dsl` whatever the weights file says,
    /// and never a school's own `extra_terms` (they are added after this).
    fn vetoed(&self, out: &mut Vec<Raw>, scores: &[model::Score]) {
        if self.draft.role != AuthorRole::Parent {
            return;
        }
        for &(rule, _, veto, _) in scores {
            if rule == RuleId::SafeguardingToDsl || !veto.is_some_and(|v| v < 0.0) {
                continue;
            }
            let set = self.e.settings.get(&rule).and_then(|s| s.severity);
            out.retain(|r| r.rule != rule || set.unwrap_or(r.severity) > Severity::Warn);
        }
    }

    /// The learned layer: a finding the rules did not raise, when the model is sure enough: a routing
    /// rule on a parent's draft, or safeguarding on anyone's (`model::reads`). It never blocks, and only where the catalogue applies the rule (checked here and again
    /// with the pack's toggles in `Engine::check`).
    fn learned(&self, out: &mut Vec<Raw>, scores: &[model::Score]) {
        let d = self.draft;
        for &(rule, margin, _, span) in scores {
            if margin < 0.0
                || !model::reads(rule, d.role)
                || !applies(rule, d.role, d.context)
                || out.iter().any(|r| r.rule == rule)
            {
                continue;
            }
            // The rule's own counter-cues ("emergency contact", "no rush") next to the model's
            // strongest cue veto it: the model adds readings the rules missed, not ones they rule out.
            let not = match rule {
                RuleId::AbsenceToOffice => Some(Lex::AbsenceNot),
                RuleId::PickupChangeToOffice => Some(Lex::PickupNot),
                RuleId::UrgentToPhone => Some(Lex::UrgentNot),
                RuleId::ComplaintToOffice => Some(Lex::ComplaintNot),
                RuleId::ProgressToMeeting => Some(Lex::ProgressNot),
                _ => None,
            };
            if let (Some(not), Some((a, b))) = (not, span)
                && self.around(not, Hit { first: a, last: b }, 2)
            {
                continue;
            }
            // Round 15: the routing rules' message-level counter-cues veto the model too: a report that
            // all went well or an invitation ("loves the walk home with her nan", "everyone welcome"), a
            // thing being collected, a question about how a service runs.
            if let Some((a, b)) = span
                && matches!(
                    rule,
                    RuleId::AbsenceToOffice
                        | RuleId::PickupChangeToOffice
                        | RuleId::UrgentToPhone
                        | RuleId::MedicationToNursing
                )
            {
                let h = Hit { first: a, last: b };
                let reported = !self.has(Lex::PickupChanged) && self.around(Lex::NoAction, h, 5);
                if rule == RuleId::AbsenceToOffice && self.adults_own(h) {
                    continue;
                }
                // Round 15: an illness right after someone else ("feeling sorry for myself with a stinking
                // cold") is theirs for the model as for the rules (`Cx::sick`).
                if rule == RuleId::SicknessToOffice
                    && self
                        .all(Lex::SickOther)
                        .iter()
                        .any(|o| o.last < h.first && h.first - o.last <= 3)
                {
                    continue;
                }
                let pickup = rule == RuleId::PickupChangeToOffice;
                let enjoyed =
                    pickup && !self.has(Lex::PickupChanged) && self.around(Lex::Enjoyed, h, 5);
                if reported
                    || enjoyed
                    || (pickup && self.thing_collected(h))
                    || (pickup && self.has(Lex::AskInfo) && !self.around(Lex::FirstPerson, h, 4))
                {
                    continue;
                }
            }
            let span = span.or_else(|| (!self.text.tokens.is_empty()).then_some((0, 0)));
            out.push(Raw {
                rule,
                severity: default_severity(rule, d.role, d.context).min(Severity::Warn),
                span: span.map(|(a, b)| (self.text.tokens[a].start, self.text.tokens[b].end)),
                surname_mode: false,
            });
        }
    }

    /// Metadata findings keep their own guidance (it names the tagged pupil, not the thread's child).
    fn metadata(&self) -> Vec<Finding> {
        let d = self.draft;
        let g = &self.e.guidance;
        let mut found = Vec::new();
        if let Some(photos) = &d.photos {
            found.extend(metadata::check_photo_in_shared_space(
                g, d.role, d.context, true,
            ));
            let tagged: Vec<TaggedPupil> = photos
                .tagged
                .iter()
                .filter_map(|id| self.e.pupils.iter().find(|p| &p.0 == id))
                .map(|p| TaggedPupil {
                    name: p.1.clone(),
                    photo_consent: p.2,
                })
                .collect();
            found.extend(metadata::check_photo_consent(g, d.role, d.context, &tagged));
        }
        if let Some(ok) = d.recipient_is_class_teacher {
            found.extend(metadata::check_recipient(g, d.role, d.context, ok));
        }
        found
    }

    fn names_rules(&self, out: &mut Vec<Raw>) {
        let d = self.draft;
        let toks = &self.text.tokens;
        if d.context.is_shared() {
            let surname_mode = d.role.is_staff() && self.e.naming == NamingMode::FirstNameOnlyStaff;
            for n in self.names {
                if surname_mode && !n.has_surname {
                    continue;
                }
                let severity = if n.confidence == Confidence::Clear {
                    Severity::Block
                } else {
                    Severity::Warn
                };
                out.push(Raw {
                    rule: RuleId::ChildNameShared,
                    severity,
                    span: Some((toks[n.first].start, toks[n.last].end)),
                    surname_mode,
                });
            }
        } else if d.role.is_staff() {
            let Some(child) = self.e.child_index(d.child) else {
                return;
            };
            for n in self.names {
                if !n.pupils.contains(&child) {
                    out.push(Raw {
                        rule: RuleId::OtherChildNamedPrivate,
                        severity: Severity::Warn,
                        span: Some((toks[n.first].start, toks[n.last].end)),
                        surname_mode: false,
                    });
                }
            }
        }
    }

    fn contacts(&self, out: &mut Vec<Raw>, shared: bool) {
        let mut found = contact::phones(self.text);
        found.extend(contact::emails(self.text));
        found.extend(contact::addresses(self.text));
        for (span, kind) in found {
            let allowed = match &kind {
                ContactKind::Phone(d) => self.e.allow_phones.contains(d),
                ContactKind::Email(a) => self.e.allow_emails.contains(a),
                ContactKind::Address => false,
            };
            if allowed {
                continue;
            }
            if shared {
                out.push(Raw {
                    rule: RuleId::ContactDetailsShared,
                    severity: Severity::Warn,
                    span: Some((span.start, span.end)),
                    surname_mode: false,
                });
            }
            // Staff giving out a number or address of their own crosses a personal boundary anywhere.
            let role_address = matches!(&kind, ContactKind::Email(a)
                if ["pta", "office", "admin", "school", "class", "head", "info", "enquir"]
                    .iter()
                    .any(|w| a.split('@').next().is_some_and(|l| l.contains(w))));
            if self.draft.role.is_staff()
                && !role_address
                && matches!(kind, ContactKind::Phone(_) | ContactKind::Email(_))
            {
                out.push(Raw {
                    rule: RuleId::StaffPersonalBoundaries,
                    severity: Severity::Warn,
                    span: Some((span.start, span.end)),
                    surname_mode: false,
                });
            }
        }
    }

    /// Parent routing rules; `grumble` is false when the message warns of a danger to children,
    /// which is not grumbling in a shared space.
    fn parent_routing(&self, out: &mut Vec<Raw>, shared: bool, grumble: bool) {
        let absence_now = self.clean(Lex::AbsenceNow, Lex::AbsenceNot, 2, 4);
        let late = self.clean(Lex::AbsenceLate, Lex::AbsenceNot, 2, 4);
        let holiday = self.clean(Lex::TermHoliday, Lex::AbsenceNot, 2, 4);
        // "Can anyone recommend a dentist?" asks other parents; it reports no appointment.
        let appointment = if self.has(Lex::AskAround) {
            Vec::new()
        } else {
            self.clean(Lex::Appointment, Lex::AbsenceNot, 2, 4)
        };
        let running_late_pickup = self.all(Lex::PickupHow).iter().any(|h| {
            let s = self
                .text
                .slice(self.span(*h).0, self.span(*h).1)
                .to_lowercase();
            ["late", "traffic", "make", "there", "stuck", "wait"]
                .iter()
                .any(|w| s.contains(w))
        });
        // "Running late" on the way to pick-up is a collection change, not a late arrival.
        let late: Vec<Hit> = if running_late_pickup {
            Vec::new()
        } else {
            late
        };
        // Weak cues ("off", "back", "miss") count next to a day or time, or to an illness.
        let sick = self.sick();
        let cue_not = self.all(Lex::AbsCueNot);
        let cues: Vec<Hit> = self
            .clean(Lex::AbsCue, Lex::AbsenceNot, 2, 3)
            .into_iter()
            .filter(|c| {
                !cue_not
                    .iter()
                    .any(|n| n.first <= c.last && c.first <= n.last)
            })
            .collect();
        let cued: Vec<Hit> = cues
            .iter()
            .copied()
            .filter(|c| {
                self.all(Lex::AbsWhen)
                    .iter()
                    .any(|w| w.last + 4 >= c.first && w.first <= c.last + 4)
                    || sick
                        .iter()
                        .any(|w| w.last + 8 >= c.first && w.first <= c.last + 8)
            })
            .collect();
        // Leaving early ("go early on the 29th", "finish at 2") is an absence whatever the reason, as
        // the catalogue says; a bare "collect him at" / "pick her up at" is a pick-up time unless it
        // says "early".
        let leave_early: Vec<Hit> = self
            .clean(Lex::LeaveEarly, Lex::AbsenceNot, 2, 4)
            .into_iter()
            .filter(|h| !self.around(Lex::LeaveEarlyNot, *h, 3))
            .filter(|h| {
                !matches!(
                    self.text.norm(h.first),
                    "collect" | "pick" | "picking" | "grab"
                ) || (h.first..=h.last).any(|j| self.text.norm(j) == "early")
            })
            .collect();
        // "Mrs Singh is off this week", "you were off poorly": someone else's absence.
        let others = self.all(Lex::SickOther);
        let theirs = |h: &Hit| {
            others
                .iter()
                .any(|o| o.first < h.first && h.first <= o.last + 3)
        };
        let absence_now: Vec<Hit> = absence_now.into_iter().filter(|h| !theirs(h)).collect();
        let cued: Vec<Hit> = cued.into_iter().filter(|h| !theirs(h)).collect();
        // Round 15: a routing cue within a few words of a report that all went well or was enjoyed, or of
        // a public invitation ("the walking bus was so fun", "he got in fine", "everyone welcome"), is a
        // report, not a request, unless the message says what changes.
        let changed = self.has(Lex::PickupChanged);
        let reported = |h: &Hit| !changed && self.around(Lex::NoAction, *h, 5);
        let unreported =
            |v: Vec<Hit>| -> Vec<Hit> { v.into_iter().filter(|h| !reported(h)).collect() };
        let absence_now = unreported(absence_now);
        let late = unreported(late);
        let appointment = unreported(appointment);
        let cued = unreported(cued);
        // Round 15: an absence cue that belongs to the author or a collecting adult (`adults_own`).
        let not_adults =
            |v: Vec<Hit>| -> Vec<Hit> { v.into_iter().filter(|h| !self.adults_own(*h)).collect() };
        let absence_now = not_adults(absence_now);
        let late = not_adults(late);
        let appointment = not_adults(appointment);
        let cued = not_adults(cued);
        let absence = self.first_of(&[
            &absence_now,
            &late,
            &holiday,
            &appointment,
            &leave_early,
            &cued,
        ]);
        if let Some(h) = absence {
            self.push(out, RuleId::AbsenceToOffice, Severity::Warn, Some(h));
        }

        if let Some(h) = sick.first() {
            self.push(out, RuleId::SicknessToOffice, Severity::Warn, Some(*h));
        }

        let same_day = self.has(Lex::SameDay);
        let pickup_word = self.has(Lex::PickupWord) || self.home_time_clock();
        let stuck: Vec<Hit> = if same_day || pickup_word {
            // Bare "traffic" is the author held up only when they are in the sentence ("we're in
            // traffic"), not "the traffic outside school this morning was unreal".
            self.all(Lex::PickupStuck)
                .iter()
                .copied()
                .filter(|h| {
                    h.first != h.last
                        || self.text.norm(h.first) != "traffic"
                        || self.around(Lex::FirstPerson, *h, 4)
                })
                .collect()
        } else {
            Vec::new()
        };
        let running_late_pickup = running_late_pickup || !stuck.is_empty();
        // In a safeguarding message, "going to her nan's" or "a lift home" describes what happened, not a
        // change of collection; it counts only with an explicit pick-up word.
        let pickup_hits: Vec<Hit> =
            if appointment.is_empty() && leave_early.is_empty() && (grumble || pickup_word) {
                let mut v: Vec<Hit> = self
                    .clean(Lex::PickupWho, Lex::PickupNot, 0, 0)
                    .into_iter()
                    .filter(|h| !self.around(Lex::PickupAway, *h, 5))
                    .filter(|h| !self.introduces_carer(*h))
                    .collect();
                v.extend(stuck.iter().copied());
                v.extend(self.clean(Lex::PickupHow, Lex::PickupNot, 0, 0));
                if absence.is_none() {
                    v.extend(self.pickup_arranged());
                }
                if absence.is_none() {
                    v.extend(self.clean(Lex::LeaveEarly, Lex::LeaveEarlyNot, 3, 3));
                }
                // "I collect him on Fridays as you know" restates the arrangement; it changes nothing.
                if !self.has(Lex::PickupChanged) {
                    v.retain(|h| !self.around(Lex::PickupRoutine, *h, 5));
                }
                // Round 15: a thing being collected ("picking up the raffle prizes", "the boxes got
                // collected by"), a report of a run that went well, and a question about how a service
                // runs ("what time does the minibus get back?") with no child of the author's in it.
                v.retain(|h| {
                    !self.thing_collected(*h)
                        && !reported(h)
                        && (changed || !self.around(Lex::Enjoyed, *h, 5))
                });
                if self.has(Lex::AskInfo) {
                    // ... but "does the club finish at 5? nan will collect him then" names who collects.
                    let n = self.text.tokens.len();
                    v.retain(|h| {
                        self.around(Lex::FirstPerson, *h, 4)
                            || (h.first..=(h.last + 2).min(n.saturating_sub(1)))
                                .any(|j| matches!(self.text.norm(j), "him" | "her" | "them"))
                            || self.all(Lex::PickupPerson).iter().any(|x| {
                                (x.last < h.first && h.first - x.last <= 3)
                                    || (x.first > h.last && x.first - h.last <= 3)
                            })
                    });
                }
                v
            } else {
                Vec::new()
            };
        let pickup = pickup_hits.iter().copied().min_by_key(|h| h.first);
        if let Some(h) = pickup {
            self.push(out, RuleId::PickupChangeToOffice, Severity::Warn, Some(h));
        }

        // Round 15: ParentPay for a trip or a club is not about meals; a report that all is well is not an
        // enquiry ("thanks for sorting the ParentPay thing", "new cook doing a good job").
        let other_payment = self.has(Lex::DinnerOther);
        let dinner = self
            .clean(Lex::Dinner, Lex::DinnerNot, 3, 3)
            .into_iter()
            .filter(|h| !reported(h))
            .find(|h| {
                !(other_payment
                    && matches!(
                        self.text.norm(h.first),
                        "parentpay" | "parent" | "pay" | "top"
                    ))
            });
        if let Some(h) = dinner {
            self.push(out, RuleId::DinnerEnquiryToOffice, Severity::Info, Some(h));
        }

        // Round 15: "tablet" next to a device word ("the new tablet ... parental controls") is a device.
        let medication = self
            .clean(Lex::Medication, Lex::MedNot, 1, 2)
            .into_iter()
            .filter(|h| !reported(h))
            .find(|h| {
                !((h.first..=h.last).any(|j| self.text.norm(j).starts_with("tablet"))
                    && self.around(Lex::MedDevice, *h, 10))
            });
        if let Some(h) = medication {
            self.push(out, RuleId::MedicationToNursing, Severity::Warn, Some(h));
        }

        // "Call me" is a request to the school only in a private message; in class chat it is to parents.
        let contact_me = if shared {
            None
        } else {
            self.clean(Lex::ContactMe, Lex::UrgentNot, 0, 1)
                .first()
                .copied()
        };
        let urgent = self
            .clean(Lex::Urgent, Lex::UrgentNot, 0, 1)
            .into_iter()
            // Round 15: "the coach dealt with it straight away" reports a done thing.
            .find(|h| !reported(h))
            .or(contact_me)
            .or_else(|| {
                // "Let you know" / "tell me" are about the parent, not a message to pass on.
                // ("can you tell him" is a message to pass on; "tell you" / "let me know" is not.)
                let pass = self.all(Lex::PassMessage).iter().copied().find(|h| {
                    let to_author =
                        |i: usize| matches!(self.text.norm(i), "you" | "me" | "us" | "u");
                    let lead = matches!(self.text.norm(h.first), "let" | "tell" | "remind");
                    let about_author = (lead && to_author(h.first + 1)) || to_author(h.last + 1);
                    // Round 15: "I'll tell him tonight" is the author's own errand, not one for the school.
                    let authors_own = h.first > 0
                        && matches!(
                            self.text.norm(h.first - 1),
                            "i'll" | "ill" | "we'll" | "i" | "will"
                        );
                    !about_author && !authors_own && !reported(h)
                });
                // A change to today's dinner has to reach the kitchen this morning.
                let dinner_today =
                    dinner.filter(|_| same_day && !shared && self.has(Lex::DinnerChange));
                if running_late_pickup || (same_day && pickup.is_some()) {
                    pickup
                } else if same_day
                    && !shared
                    && self.has(Lex::MedRequest)
                    && !self.has(Lex::MedStop)
                {
                    medication.or(pass).or(dinner_today)
                } else if same_day {
                    dinner_today.or(pass)
                } else {
                    None
                }
            });
        if let Some(h) = urgent {
            self.push(out, RuleId::UrgentToPhone, Severity::Warn, Some(h));
        }

        // Asking for a meeting is the right route; "meeting expectations" is not asking for one.
        let mut progress = self.clean(Lex::Progress, Lex::ProgressNot, 4, 6);
        if progress.is_empty() {
            let subject = self.clean(Lex::ProgSubject, Lex::ProgressNot, 4, 6);
            progress.extend(self.near(&subject, self.all(Lex::ProgCue), 6));
        }
        // "We missed parents' evening" is not asking for a meeting.
        let meeting = self
            .clean(Lex::MeetingRequest, Lex::MeetingNot, 0, 0)
            .iter()
            .any(|m| {
                !progress
                    .iter()
                    .any(|p| p.first <= m.last && m.first <= p.last)
            });
        let progress = if meeting {
            None
        } else {
            progress.first().copied()
        };
        if let Some(h) = progress {
            self.push(out, RuleId::ProgressToMeeting, Severity::Info, Some(h));
        }

        // A worry about one child's progress raised in front of every family ("still on yellow books?
        // worried mine is behind") invites comparison: a private concern in a shared space.
        let negative = self
            .clean(Lex::Negative, Lex::NegativeNot, 2, 2)
            .first()
            .copied()
            .or_else(|| self.sarcasm())
            // A progress question put to the teacher about the whole class ("@Mr Daly how are they
            // all doing in maths") is not a private worry aired in front of everyone.
            .or(progress.filter(|_| !(self.addresses_staff() && self.has(Lex::ClassWide))));
        if shared
            && grumble
            && let Some(h) = negative
        {
            self.push(out, RuleId::NegativeInSharedSpace, Severity::Warn, Some(h));
        }
    }

    /// Round 13 parent complaint cues, each a category rather than a phrase: who is blamed (a staff
    /// role or the school) next to how they mistreated the child or parent or an insult; a sanction on
    /// the child next to a protest; a threat that carries a grievance or demand and is aimed at staff
    /// ("u better sort it or ..."); a persistence word in emphatic capitals ("empty AGAIN").
    fn complaint_categories(&self, threat: &[Hit], abuse_at: &[usize]) -> Option<Hit> {
        let targets = self.all(Lex::StaffTarget);
        let near_target = |i: usize| targets.iter().any(|t| t.first <= i + 8 && i <= t.last + 8);
        let mistreat = self
            .all(Lex::StaffMistreat)
            .iter()
            .copied()
            .find(|h| near_target(h.first));
        let insult = abuse_at
            .iter()
            .copied()
            .find(|&i| near_target(i))
            .map(|i| Hit { first: i, last: i });
        let protests = self.all(Lex::Protest);
        let sanction = self.all(Lex::Sanction).iter().copied().find(|s| {
            protests
                .iter()
                .any(|p| p.first <= s.last + 15 && s.first <= p.last + 15 && p.first != s.first)
        });
        let second_person = |i: usize| matches!(self.text.norm(i), "you" | "your" | "u" | "ur");
        let n = self.text.tokens.len();
        let outside = |i: &usize| threat.iter().all(|t| *i < t.first || *i > t.last);
        let aimed_threat = threat.first().copied().filter(|_| {
            let at_staff = !targets.is_empty() || (0..n).filter(outside).any(second_person);
            let grievance = (0..n).filter(outside).any(|i| {
                matches!(
                    self.text.norm(i),
                    "again" | "next" | "fix" | "sort" | "give" | "keep" | "week"
                )
            });
            at_staff && grievance
        });
        let shout = (0..n)
            .find(|&i| {
                self.text.tokens[i].upper
                    && matches!(
                        self.text.norm(i),
                        "again" | "still" | "never" | "always" | "twice" | "nobody" | "nothing"
                    )
                    && !(i.saturating_sub(2)..i).any(|j| {
                        matches!(self.text.norm(j), "i" | "i'm" | "i've" | "we" | "forgot")
                    })
            })
            .map(|i| Hit { first: i, last: i });
        mistreat.or(insult).or(sanction).or(aimed_threat).or(shout)
    }

    fn complaint(
        &self,
        out: &mut Vec<Raw>,
        shared: bool,
        threat: &[Hit],
        abuse_at: &[usize],
        safeguarding: bool,
    ) {
        let role = self.draft.role;
        if role == AuthorRole::Parent {
            let strong = self.clean(Lex::ComplaintStrong, Lex::ComplaintNot, 1, 1);
            // In class chat, dissatisfaction is a complaint only when it is addressed to the school
            // ("@Mr Daly why ...", "Mr Daly, not acceptable"); between parents it is grumbling.
            // "It's not right" in a report of harm is about the harm; it is a complaint only when
            // someone at the school is blamed. A message that plays its point down is not one either.
            let about_harm = safeguarding && !self.has(Lex::StaffTarget);
            let weak = if (shared && !self.draft.context.is_story() && !self.addresses_staff())
                || about_harm
                || self.has(Lex::ComplaintSoft)
            {
                Vec::new()
            } else {
                let mut weak: Vec<Hit> = self
                    .clean(Lex::ComplaintWeak, Lex::ComplaintNot, 1, 1)
                    .into_iter()
                    .chain(self.clean(Lex::ComplaintAsk, Lex::ComplaintNot, 1, 1))
                    .chain(self.complaint_categories(threat, abuse_at))
                    .filter(|h| !self.around(Lex::Laughing, *h, 8))
                    // Round 15: "nothing's changed, we'll collect as usual" confirms an arrangement.
                    .filter(|h| {
                        !((h.first..=h.last).any(|j| self.text.norm(j) == "changed")
                            && (self.has(Lex::PickupRoutine) || self.has(Lex::ChangeConfirm)))
                    })
                    .collect();
                weak.extend(self.sarcasm());
                weak
            };
            if let Some(h) = self.first_of(&[&strong, &weak]) {
                self.push(out, RuleId::ComplaintToOffice, Severity::Warn, Some(h));
                // A complaint made where every family can see it is also not a positive shared space.
                if shared {
                    self.push(out, RuleId::NegativeInSharedSpace, Severity::Warn, Some(h));
                }
            }
        } else if role.is_staff() && !self.has(Lex::StaffRedirect) {
            // Staff handle a complaint either in words that only a complaint reply uses ("your
            // complaint", "not upheld"), or by owning a parent's dissatisfaction (an apology or an
            // acknowledgement) *and* acting on it in the app (looking into it, ruling, putting it right).
            // Either cue alone is everyday ("sorry for the slow reply", "I'll look into the lost jumper").
            let handled = self
                .all(Lex::StaffComplaintHandling)
                .first()
                .copied()
                .or_else(|| {
                    let regret = self.clean(Lex::StaffRegret, Lex::StaffRegretNot, 2, 3);
                    let first = regret.first().copied()?;
                    self.has(Lex::StaffAction).then_some(first)
                });
            if let Some(h) = handled {
                self.push(out, RuleId::ComplaintToOffice, Severity::Warn, Some(h));
            }
        } else if role == AuthorRole::Pupil
            && shared
            && let Some(h) = self.clean(Lex::Negative, Lex::NegativeNot, 2, 2).first()
        {
            self.push(out, RuleId::NegativeInSharedSpace, Severity::Warn, Some(*h));
        }
    }

    /// An arrangement verb ("I'll collect at", "keep him inside", "staying for gym club", "walking home
    /// with her sister") with a day, a time or a change word ("from now on", "instead") within 8 words.
    fn pickup_arranged(&self) -> Vec<Hit> {
        let toks = &self.text.tokens;
        let when: Vec<Hit> = self
            .all(Lex::AbsWhen)
            .iter()
            .chain(self.all(Lex::PickupWhen))
            .chain(self.all(Lex::SameDay))
            .copied()
            .collect();
        self.clean(Lex::PickupArrange, Lex::PickupNot, 0, 0)
            .into_iter()
            // "keep it in the office" is about a thing, not the child.
            .filter(|h| !(h.first..=h.last).any(|j| self.text.norm(j) == "it"))
            .filter(|h| {
                let lo = h.first.saturating_sub(8);
                let hi = (h.last + 8).min(toks.len().saturating_sub(1));
                when.iter()
                    .any(|w| w.last + 8 >= h.first && w.first <= h.last + 8)
                    || (lo..=hi).any(|j| toks[j].is_number())
            })
            .collect()
    }

    /// Round 15: the pick-up cue's object is a thing ("picking up the raffle prizes"): a `PickupThing` within
    /// 3 words after it, or just before a passive or "going home with" ("the boxes got collected by", "the
    /// prizes need collecting", "the class hamster is going home with"). A thing mentioned before an active cue ("his reading book is in his
    /// bag, nan's collecting him") is not its object.
    fn thing_collected(&self, h: Hit) -> bool {
        let passive = (h.first..=h.last).any(|j| {
            matches!(
                self.text.norm(j),
                "collected" | "going" | "goes" | "go" | "picked" | "need" | "needs"
            )
        });
        self.all(Lex::PickupThing).iter().any(|x| {
            (x.first > h.last && x.first - h.last <= 3)
                || (passive && x.last < h.first && h.first - x.last <= 3)
        })
    }

    /// Round 15: in a message about collection, an absence cue within four words after the author or a
    /// collecting adult ("I've got the dentist", "I'll be late picking up", "the childminder is off sick") is
    /// that adult's, unless a pronoun for the child comes in between ("I'm keeping her off").
    fn adults_own(&self, h: Hit) -> bool {
        if !(self.has(Lex::PickupWord) || self.home_time_clock()) {
            return false;
        }
        let last = (h.last + 2).min(self.text.tokens.len().saturating_sub(1));
        self.all(Lex::AdultSubject)
            .iter()
            .chain(self.all(Lex::PickupPerson))
            .any(|x| {
                x.last < h.first
                    && h.first - x.last <= 4
                    && !(x.last + 1..=last).any(|j| {
                        matches!(
                            self.text.norm(j),
                            "him" | "her" | "them" | "he" | "she" | "he's" | "she's" | "they"
                        )
                    })
            })
    }

    /// Round 14: a clock time in the afternoon home-time window ("3.45", "15:05", "1515", "4pm"), which
    /// names a collection as plainly as "pick up" does ("I'll be late, maybe 3.45, the bus is stuck").
    fn home_time_clock(&self) -> bool {
        let toks = &self.text.tokens;
        let chars = &self.text.chars;
        toks.iter().enumerate().any(|(i, t)| {
            let n = t.norm.as_str();
            let hour_ok = |h: u32| (2..=6).contains(&h) || (14..=18).contains(&h);
            if let Some(h) = n.strip_suffix("pm").and_then(|d| d.parse::<u32>().ok()) {
                return (2..=6).contains(&h);
            }
            if !t.is_number() {
                return false;
            }
            if n.len() == 4 {
                let v: u32 = n.parse().unwrap_or(0);
                return (1430..=1800).contains(&v) && v % 100 < 60;
            }
            let Some(next) = toks.get(i + 1) else {
                return false;
            };
            next.is_number()
                && next.norm.len() == 2
                && next.start == t.end + 1
                && matches!(chars.get(t.end), Some('.' | ':'))
                && t.norm.parse::<u32>().is_ok_and(hour_ok)
        })
    }

    /// Illness words, minus those about someone else ("his grandfather is very ill", "Sam's cousin was
    /// poorly"): an illness word within three words after another person is theirs.
    fn sick(&self) -> Vec<Hit> {
        let others = self.all(Lex::SickOther);
        let chars = &self.text.chars;
        // Slang "sick" (great): in quotes, or in a message that laughs or cheers (😂 🔥 🤣, "haha").
        let cheering = self.has(Lex::Laughing)
            || chars
                .iter()
                .any(|c| matches!(c, '\u{1F602}' | '\u{1F525}' | '\u{1F923}'));
        let quote = |i: usize| {
            chars.get(i).is_some_and(|c| {
                matches!(
                    c,
                    '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
                )
            })
        };
        self.clean(Lex::Sick, Lex::SickNot, 1, 2)
            .into_iter()
            .filter(|h| {
                let t = &self.text.tokens[h.first];
                !(h.first == h.last
                    && t.norm == "sick"
                    && (cheering || quote(t.end) || (t.start > 0 && quote(t.start - 1))))
            })
            .filter(|h| {
                !others
                    .iter()
                    .any(|o| o.last < h.first && h.first - o.last <= 3)
            })
            .collect()
    }

    /// Sarcastic praise marked as such by an eye-roll, upside-down or face-palm emoji.
    fn sarcasm(&self) -> Option<Hit> {
        let marked = self
            .text
            .chars
            .iter()
            .any(|c| matches!(c, '\u{1F644}' | '\u{1F612}' | '\u{1F926}' | '\u{1F643}'));
        if marked {
            self.all(Lex::Sarcasm).first().copied()
        } else {
            None
        }
    }

    /// "Chloé's childminder here": a carer introducing themselves by the child's name, which on its own
    /// says nothing about collection (the arrangement itself, "will collect", is matched separately).
    fn introduces_carer(&self, h: Hit) -> bool {
        let word = self.text.norm(h.first);
        (word == "childminder" || (word == "child" && self.text.norm(h.last) == "minder"))
            && h.first > 0
            && {
                let prev = self.text.norm(h.first - 1);
                prev.ends_with("'s") || prev.ends_with("s'")
            }
    }

    /// Whether a shared message speaks to a member of staff: an `@` mention, or a title (Mr, Mrs, Miss,
    /// Ms) within its first three words ("Mr Daly why ...", "hi Mrs Singh, ...").
    fn addresses_staff(&self) -> bool {
        self.text.chars.iter().find(|c| !c.is_whitespace()) == Some(&'@')
            || (0..3).any(|i| matches!(self.text.norm(i), "mr" | "mrs" | "miss" | "ms"))
    }

    /// Three or more shouted words in a row (acronyms aside).
    fn shouting(&self) -> Option<(usize, usize)> {
        const ACRONYMS: &[&str] = &[
            "pe", "pta", "sats", "ehcp", "nhs", "dsl", "send", "sen", "ks1", "ks2", "eyfs", "tv",
            "ok", "uk", "am", "pm", "asap", "fyi", "bbc", "pto", "diy", "ict", "re", "rse", "pshe",
            "dt", "mfl", "tbc", "rsvp", "ps", "inset", "gp", "a&e", "ot", "salt", "camhs",
        ];
        let toks = &self.text.tokens;
        let mut run = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.upper && !ACRONYMS.contains(&t.norm.as_str()) && !t.is_number() {
                run += 1;
                if run >= 3 {
                    return Some((toks[i + 1 - run].start, t.end));
                }
            } else {
                run = 0;
            }
        }
        None
    }

    /// Staff exasperation that needs no phrase: one emphatic word in capitals in an otherwise
    /// lower-case message ("the office is NOT a lost property service", "Trip money is STILL
    /// outstanding", "Well done to MOST of the class"), or an eye-roll emoji.
    fn emphasis(&self) -> Option<(usize, usize)> {
        const EMPHATIC: &[&str] = &[
            "not", "still", "most", "so", "please", "again", "never", "any", "all", "always",
            "really", "very", "stop", "label", "must", "every", "only", "no", "don't", "do",
            "does", "is", "are", "will", "won't", "can't", "cannot", "nobody", "nothing",
            "everyone", "once", "on",
        ];
        let toks = &self.text.tokens;
        let lower = toks.iter().filter(|t| !t.upper).count();
        // Emphasis in praise ("SO good", "ALL of you were amazing") is enthusiasm, not exasperation.
        const PRAISE: &[&str] = &[
            "good", "proud", "well", "much", "lovely", "amazing", "happy", "great", "excited",
            "fun", "pleased", "done", "thank", "thanks", "of",
        ];
        if lower * 2 > toks.len()
            && let Some(i) = (0..toks.len()).find(|&i| {
                let t = &toks[i];
                t.upper
                    && t.norm.chars().count() >= 2
                    && EMPHATIC.contains(&t.norm.as_str())
                    && !PRAISE.contains(&self.text.norm(i + 1))
            })
        {
            return Some((toks[i].start, toks[i].end));
        }
        self.text
            .chars
            .iter()
            .position(|c| *c == '\u{1F644}')
            .map(|p| (p, p + 1))
    }

    fn tone(&self, out: &mut Vec<Raw>) {
        let role = self.draft.role;
        if !role.is_staff() {
            return;
        }
        let shout = self.shouting();
        if self.draft.context == Context::BehaviourComment {
            // "!!" after praise ("SUPER effort today!!") is delight, not shouting.
            let praise = (0..self.text.tokens.len()).any(|i| {
                matches!(
                    self.text.norm(i),
                    "super" | "effort" | "proud" | "brilliant" | "fantastic" | "amazing" | "star"
                )
            });
            let exclaim = (!praise)
                .then(|| self.text.chars.windows(2).position(|w| w == ['!', '!']))
                .flatten();
            let label = self.all(Lex::BehaviourLabel).first().map(|h| self.span(*h));
            if let Some(span) = label
                .or(shout)
                .or_else(|| self.emphasis())
                .or(exclaim.map(|p| (p, p + 2)))
            {
                out.push(Raw {
                    rule: RuleId::BehaviourCommentNegative,
                    severity: Severity::Warn,
                    span: Some(span),
                    surname_mode: false,
                });
            }
        } else {
            let tone = self
                .clean(Lex::StaffTone, Lex::StaffToneNot, 1, 1)
                .first()
                .map(|h| self.span(*h));
            if let Some(span) = tone.or(shout).or_else(|| self.emphasis()) {
                out.push(Raw {
                    rule: RuleId::StaffUnprofessionalTone,
                    severity: Severity::Warn,
                    span: Some(span),
                    surname_mode: false,
                });
            }
        }
    }

    fn external(&self, out: &mut Vec<Raw>) {
        let nots = self.all(Lex::ExternalNot);
        let negated = |h: &Hit| {
            nots.iter()
                .any(|n| n.last + 4 >= h.first && n.first <= h.last)
        };
        let direct = self
            .all(Lex::ExternalDirect)
            .iter()
            .copied()
            .find(|h| !negated(h));
        let targets = self.all(Lex::ExternalTarget);
        let via = self.all(Lex::ExternalVerb).iter().copied().find(|v| {
            !negated(v)
                && targets
                    .iter()
                    .any(|t| !negated(t) && t.first > v.first && t.first <= v.last + 8)
        });
        if let Some(h) = direct.or(via) {
            self.push(out, RuleId::ExternalSharing, Severity::Warn, Some(h));
        }
    }

    fn credentials(&self, out: &mut Vec<Raw>, severity: Severity) {
        let keys: Vec<(usize, usize)> = self
            .all(Lex::CredentialKey)
            .iter()
            .filter(|h| {
                // A bare "code" (dress code, door code) needs a digit in its value; checked below by
                // only keeping those keys whose value has one.
                let only_code = h.first == h.last && self.text.norm(h.first) == "code";
                !only_code || {
                    let next = self
                        .text
                        .tokens
                        .get(h.last + 1..(h.last + 7).min(self.text.tokens.len()))
                        .unwrap_or(&[]);
                    next.iter()
                        .any(|t| t.norm.chars().any(|c| c.is_ascii_digit()))
                }
            })
            .map(|h| (h.first, h.last))
            .collect();
        if let Some(s) = contact::credentials(self.text, &keys).first() {
            out.push(Raw {
                rule: RuleId::CredentialShared,
                severity,
                span: Some((s.start, s.end)),
                surname_mode: false,
            });
        }
    }

    fn sensitive(&self, out: &mut Vec<Raw>) {
        let d = self.draft;
        if !d.context.is_shared() || d.role == AuthorRole::Pupil {
            return;
        }
        // The author's own child's illness in class chat is personal too (sickness words count).
        let sick = self.sick();
        // Slang and notices: "sick of this rain", "a sick kickflip", "a toy collection for the food bank".
        let words = self.clean(Lex::Sensitive, Lex::SensitiveNot, 1, 1);
        let Some(h) = self.first_of(&[&words, &sick]) else {
            return;
        };
        let named = !self.names.is_empty();
        let strong = self.has(Lex::PersonalStrong);
        // A general cue ("thanks everyone", "the letter") makes it a notice, unless the author says
        // it of themselves right there ("we're on universal credit", "we're skint").
        let general = self.has(Lex::SensitiveGeneral) && !self.around(Lex::FirstPerson, h, 3);
        let personal = if d.role.is_staff() {
            named || strong || (self.has(Lex::Pronoun3) && !general)
        } else {
            named || strong || ((self.has(Lex::Pronoun3) || self.has(Lex::FirstPerson)) && !general)
        };
        if personal {
            let sev = if named {
                Severity::Block
            } else {
                Severity::Warn
            };
            self.push(out, RuleId::SensitiveInfoShared, sev, Some(h));
        }
    }
}

/// The catalogue severity used for pack `extra_terms` matches.
fn default_severity(rule: RuleId, role: AuthorRole, ctx: Context) -> Severity {
    use RuleId as R;
    match rule {
        R::ChildNameShared
        | R::PhotoInSharedSpace
        | R::PhotoConsent
        | R::ThreatOrIntimidation
        | R::PupilMessagingDisabled
        | R::RecipientNotClassTeacher
        | R::AbusiveLanguage => Severity::Block,
        R::CredentialShared | R::StaffConfidentialDetail if ctx.is_shared() => Severity::Block,
        R::SafeguardingToDsl if role.is_staff() && ctx.is_shared() => Severity::Block,
        R::DinnerEnquiryToOffice | R::ProgressToMeeting | R::OutOfHours => Severity::Info,
        _ => Severity::Warn,
    }
}
