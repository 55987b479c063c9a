//! `safeguarding-to-dsl` from concepts rather than fixed sentences: who (an adult, "someone"), what
//! (a harm verb with a victim, a mark on the body, an approach, an online request) and where (a child,
//! the gate, a game), combined within small token windows, with accidents and lessons as counter-cues.

use crate::engine::Cx;
use crate::lexicon::Lex;
use crate::phrase::Hit;

/// Body parts: "hurt his back" is an injury to the subject, not harm done to a child.
const BODY: &[&str] = &[
    "back", "knee", "knees", "ankle", "ankles", "arm", "arms", "leg", "legs", "head", "hand",
    "hands", "foot", "feet", "wrist", "wrists", "finger", "fingers", "toe", "toes", "hip", "neck",
    "shoulder", "elbow", "chin", "nose", "lip", "tooth", "teeth", "thumb", "face", "eye",
];

/// Token distance between two hits (0 when they overlap or touch).
fn gap(a: Hit, b: Hit) -> usize {
    if a.last < b.first {
        b.first - a.last
    } else {
        a.first.saturating_sub(b.last)
    }
}

fn join(a: Hit, b: Hit) -> Hit {
    Hit {
        first: a.first.min(b.first),
        last: a.last.max(b.last),
    }
}

impl Cx<'_> {
    /// The first pair of hits from `a` and `b` at most `window` tokens apart, as one span.
    pub(crate) fn near(&self, a: &[Hit], b: &[Hit], window: usize) -> Option<Hit> {
        a.iter()
            .flat_map(|x| b.iter().map(move |y| (*x, *y)))
            .filter(|(x, y)| gap(*x, *y) <= window)
            .map(|(x, y)| join(x, y))
            .min_by_key(|h| h.first)
    }

    /// Whether any hit of `lex` lies within `window` tokens of `h`.
    pub(crate) fn around(&self, lex: Lex, h: Hit, window: usize) -> bool {
        self.all(lex).iter().any(|x| gap(*x, h) <= window)
    }

    /// Harm verbs aimed at someone, minus "hurt his back" (the subject's own injury).
    fn harm(&self) -> Vec<Hit> {
        let t = self.text;
        self.all(Lex::SgHarm)
            .iter()
            .copied()
            .filter(|h| {
                // ... unless "someone" did it ("someone at home hurt his neck").
                let own = matches!(t.norm(h.last), "his" | "her" | "my" | "their")
                    && BODY.contains(&t.norm(h.last + 1))
                    && t.norm(h.first).starts_with("hurt")
                    && !(h.first.saturating_sub(3)..h.first)
                        .any(|j| matches!(t.norm(j), "someone" | "somebody"));
                // "grab" is also collecting: "grandad is grabbing him today", "I'll grab her with ours".
                let fetch = t.norm(h.first).starts_with("grab")
                    && (self.around(Lex::SameDay, *h, 4)
                        || self.around(Lex::PickupWhen, *h, 4)
                        || (h.first > 0
                            && matches!(
                                t.norm(h.first - 1),
                                "i'll" | "we'll" | "can" | "could" | "to" | "will" | "i" | "we"
                            )));
                !own && !fetch
            })
            .collect()
    }

    /// A child's disclosure reported by the author ("she said her uncle did it", "told me at lunch that
    /// mum's boyfriend hits him"): where and when it was told (at lunch, changing for PE) is not an
    /// accident cue for what it tells.
    fn disclosed(&self, h: Hit) -> bool {
        (h.first.saturating_sub(8)..h.first).any(|j| {
            matches!(
                self.text.norm(j),
                "said" | "says" | "told" | "tells" | "saying"
            )
        })
    }

    /// An accident cue within `window` of `h`; in a reported disclosure, where and when it was told
    /// do not count.
    fn accident_near(&self, h: Hit, window: usize) -> bool {
        let told = self.disclosed(Hit {
            first: h.last,
            last: h.last,
        });
        let places = self.all(Lex::SgWhereTold);
        self.all(Lex::SgAccident).iter().any(|a| {
            gap(*a, h) <= window
                && !(told
                    && places
                        .iter()
                        .any(|p| p.first <= a.last && a.first <= p.last))
        })
    }

    /// The span that raises `safeguarding-to-dsl`, if any.
    pub(crate) fn safeguarding(&self) -> Option<Hit> {
        let topic = self.has(Lex::SgTopic);
        let mut found: Vec<Hit> = Vec::new();
        // Lessons and notices about keeping safe ("online safety week: never share pictures with
        // strangers") mention the same words as a disclosure; a topic cue nearby turns them off.
        found.extend(
            self.clean(Lex::Safeguarding, Lex::SafeguardingNot, 1, 2)
                .into_iter()
                .filter(|h| {
                    !self.around(Lex::SgTopic, *h, 12)
                        && !self.around(Lex::SgAccident, *h, 3)
                        && !self.around(Lex::SgOwnInjury, *h, 3)
                }),
        );
        found.extend(
            self.all(Lex::SafeguardingExtra)
                .iter()
                .copied()
                .filter(|h| {
                    !self.around(Lex::SgAccident, *h, 6) && !self.around(Lex::SgOwnInjury, *h, 6)
                }),
        );
        found.extend(
            self.clean(Lex::SgSerious, Lex::SafeguardingNot, 1, 2)
                .into_iter()
                .filter(|h| !self.around(Lex::SgTopic, *h, 6)),
        );
        found.extend(self.clean(Lex::SgSelfHarm, Lex::SafeguardingNot, 1, 2));
        found.extend(self.clean(Lex::SgNeglect, Lex::SafeguardingNot, 1, 2));

        // Someone harming a child (or the parent, with the child there): an adult or "someone" within a
        // few words of a harm verb with its object, unless the sentence is about an accident or a game.
        let harm = self.harm();
        for who in [Lex::SgAdult, Lex::SgSomeone] {
            if let Some(h) = self.near(self.all(who), &harm, 4)
                && !self.accident_near(h, 6)
                && (self.disclosed(h) || !self.around(Lex::SgOwnInjury, h, 6))
            {
                found.push(h);
            }
        }
        // A mark on the body with a cause given or withheld, or a person or harm verb nearby.
        let marks = self.all(Lex::SgMark);
        for cue in [
            self.all(Lex::SgCause),
            self.all(Lex::SgAdult),
            self.all(Lex::SgSomeone),
            harm.as_slice(),
        ] {
            if let Some(h) = self.near(marks, cue, 12)
                && !self.accident_near(h, 10)
            {
                found.push(h);
            }
        }
        // Secrecy imposed on a child near a person ("the man at the park ... told her not to tell"), and
        // a child avoiding an adult or home ("hides under the table when her uncle comes").
        if !topic {
            for who in [Lex::SgAdult, Lex::SgSomeone, Lex::SgStranger] {
                let secrets: Vec<Hit> = self
                    .all(Lex::SgSecret)
                    .iter()
                    .copied()
                    .filter(|h| !self.around(Lex::SgSecretNot, *h, 12))
                    .collect();
                if let Some(h) = self.near(&secrets, self.all(who), 20) {
                    found.push(h);
                }
            }
            if let Some(h) = self.near(self.all(Lex::SgAvoid), self.all(Lex::SgAdult), 8) {
                found.push(h);
            }
        }
        // Scared of a particular adult.
        if let Some(h) = self.near(self.all(Lex::SgFear), self.all(Lex::SgAdult), 2)
            && !topic
        {
            found.push(h);
        }
        if !topic {
            // A stranger approaching children: a person, an approach, and a child or a place.
            // "I know where she lives" is the author's threat, not a stranger's approach.
            let approach = self.clean(Lex::SgApproach, Lex::SafeguardingNot, 1, 0);
            if let Some(h) = self.near(self.all(Lex::SgStranger), &approach, 14)
                && self.around(Lex::SgChildPlace, h, 10)
            {
                found.push(h);
            }
            // Round 15: exploitation as a paid errand ("got him to mind a bag ... gave him a tenner").
            if let Some(h) = self.near(self.all(Lex::SgErrand), self.all(Lex::SgPaid), 15) {
                found.push(h);
            }
            // Online contact: a platform or device with a grooming cue nearby.
            let cues = self.clean(Lex::SgGroomCue, Lex::SafeguardingNot, 0, 0);
            if let Some(h) = self.near(self.all(Lex::SgOnline), &cues, 12) {
                found.push(h);
            }
        }
        found.into_iter().min_by_key(|h| h.first)
    }
}
