//! Roster-aware pupil-name detection: nicknames, accents, typos, possessives, family surnames, and the
//! context that tells "Ruby" the pupil from "ruby" the stone.

use std::collections::HashSet as StdHashSet;

use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::lexicon::{
    AFTER_NAME_CAP_OK, BUSINESS_NOUNS, COMMON_WORDS, COPULAS, DETERMINERS, DIMINUTIVE_SUFFIXES,
    ENDEARMENT_TITLES, FAMOUS, HUMAN_ING, NAME_PREPS, NAME_TALK, NAME_VERBS, NAME_WORDS, NICKNAMES,
    PERSON_STATES, PLACE_NOUNS, SUBJECTS, TITLES, TRUE_VERBS, VERBISH, WORD_COLLOCATIONS,
};
use crate::pack::Pack;
use crate::text::{Text, fold};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Given,
    Surname,
}

#[derive(Debug, Clone, Copy)]
struct NameRef {
    pupil: usize,
    kind: Kind,
    /// The pupil's own first, preferred or alias name, not a curated variant of it.
    primary: bool,
}

/// How sure the engine is that a span is a pupil's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Confidence {
    /// A name that is also an everyday word, in a name-like position: ask the writer.
    Ambiguous,
    /// Clearly a name.
    Clear,
}

/// One pupil reference in the text.
#[derive(Debug, Clone)]
pub(crate) struct NameHit {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Pupils (roster indices) the span could refer to.
    pub pupils: Vec<usize>,
    /// The reference includes a surname (alone, plural or after a first name).
    pub has_surname: bool,
    /// How sure.
    pub confidence: Confidence,
}

/// Precomputed name tables for one roster.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    exact: HashMap<String, Vec<NameRef>>,
    typo_targets: Vec<(String, Vec<NameRef>)>,
    /// First bytes of the typo targets, a cheap filter before any edit-distance work.
    typo_initials: Vec<u8>,
    surnames: Vec<String>,
    class_names: HashSet<String>,
    famous: Vec<Vec<String>>,
    common: HashSet<String>,
    name_words: HashSet<String>,
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

fn contains(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// A family member or a child's belonging: after a name with an s it makes the s a possessive.
fn kin_or_thing(w: &str) -> bool {
    matches!(
        w,
        "mum"
            | "mam"
            | "mummy"
            | "dad"
            | "daddy"
            | "nan"
            | "nanny"
            | "brother"
            | "sister"
            | "party"
            | "house"
            | "birthday"
            | "mums"
            | "dads"
            | "coat"
            | "bag"
            | "jumper"
            | "cardigan"
            | "book"
            | "bottle"
            | "shoes"
            | "kit"
            | "hat"
            | "gloves"
            | "lunchbox"
            | "invite"
            | "costume"
            | "folder"
            | "scarf"
            | "gran"
            | "granny"
            | "nana"
    )
}

/// Bounded Damerau-Levenshtein (optimal string alignment) distance; returns `max + 1` when over `max`.
pub(crate) fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
    }
    d[a.len() * w + b.len()].min(max + 1)
}

impl NameIndex {
    /// Builds the tables from the pack's roster, nickname table, class names and staff.
    pub fn new(pack: &Pack, lexicon_words: &StdHashSet<String>) -> NameIndex {
        let mut idx = NameIndex {
            common: set(COMMON_WORDS),
            name_words: set(NAME_WORDS),
            famous: FAMOUS
                .iter()
                .map(|f| f.split(' ').map(str::to_owned).collect())
                .collect(),
            ..NameIndex::default()
        };
        for c in &pack.school.other_class_names {
            idx.class_names.insert(fold(c));
        }
        if let Some(class) = &pack.class {
            for w in fold(&class.name).split_whitespace() {
                if w != "class" {
                    idx.class_names.insert(w.to_owned());
                }
            }
        }
        let nick: HashMap<&str, &[&str]> = NICKNAMES.iter().copied().collect();
        for (p, pupil) in pack.pupils.iter().enumerate() {
            let mut given: Vec<String> = vec![fold(&pupil.first_name)];
            if let Some(pref) = &pupil.preferred_name {
                given.push(fold(pref));
            }
            given.extend(pupil.aliases.iter().map(|a| fold(a)));
            let own: StdHashSet<String> = given
                .iter()
                .flat_map(|g| g.split_whitespace().map(str::to_owned))
                .chain(given.iter().cloned())
                .collect();
            let mut expanded = given.clone();
            for g in &given {
                // Multi-word first names ("Mary Jane") are indexed word by word.
                for part in g.split_whitespace() {
                    expanded.push(part.to_owned());
                    if let Some(n) = nick.get(part) {
                        expanded.extend(n.iter().map(|s| (*s).to_owned()));
                    }
                }
            }
            expanded.sort();
            expanded.dedup();
            for g in expanded {
                if g.contains(' ') || g.chars().count() < 2 {
                    continue;
                }
                let primary = own.contains(&g);
                idx.exact.entry(g).or_default().push(NameRef {
                    pupil: p,
                    kind: Kind::Given,
                    primary,
                });
            }
            let surname = fold(&pupil.surname);
            for part in surname.split([' ', '-']).filter(|s| s.chars().count() >= 2) {
                idx.exact.entry(part.to_owned()).or_default().push(NameRef {
                    pupil: p,
                    kind: Kind::Surname,
                    primary: true,
                });
            }
            idx.surnames.push(surname);
        }
        // Words from the rule phrases are everyday words, except a pupil's own name that a phrase happens
        // to quote ("shouted at Tadhg"): that stays a clear name unless it is a known name-word.
        let own_names: StdHashSet<&str> = idx
            .exact
            .iter()
            .filter(|(_, refs)| refs.iter().any(|r| r.primary))
            .map(|(k, _)| k.as_str())
            .collect();
        let from_rules: Vec<String> = lexicon_words
            .iter()
            .filter(|w| {
                w.chars().count() >= 4
                    && (!own_names.contains(w.as_str()) || idx.name_words.contains(*w))
            })
            .cloned()
            .collect();
        idx.common.extend(from_rules);
        // Only clear names of five letters or more are matched with typos, so short names never collide
        // with ordinary words.
        let mut typo: Vec<(String, Vec<NameRef>)> = idx
            .exact
            .iter()
            .filter(|(k, _)| k.chars().count() >= 5 && !idx.name_words.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        typo.sort_by(|a, b| a.0.cmp(&b.0));
        idx.typo_initials = typo.iter().filter_map(|(k, _)| k.bytes().next()).collect();
        idx.typo_initials.sort_unstable();
        idx.typo_initials.dedup();
        idx.typo_targets = typo;
        idx
    }

    fn lookup(&self, word: &str) -> Option<&Vec<NameRef>> {
        self.exact.get(word)
    }

    /// The refs a word names: a pupil's own name wins over another pupil's curated variant of it
    /// ("Yousef" is Yousef, not a spelling of Yusuf, when both are on the roster).
    fn own_refs(refs: &[NameRef]) -> Vec<NameRef> {
        if refs.iter().any(|r| r.primary) && refs.iter().any(|r| !r.primary) {
            refs.iter().copied().filter(|r| r.primary).collect()
        } else {
            refs.to_vec()
        }
    }

    fn typo_lookup(&self, word: &str) -> Option<Vec<NameRef>> {
        let n = word.chars().count();
        if n < 4 || self.common.contains(word) || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        let mut out = Vec::new();
        for (name, refs) in &self.typo_targets {
            let len = name.chars().count();
            let max = if len >= 8 { 2 } else { 1 };
            // The first letter is almost always right, even in a hurried typo; requiring it keeps
            // "hurry" away from "Harry" style collisions cheap to rule out.
            if name.chars().next() != word.chars().next() {
                continue;
            }
            if edit_distance(word, name, max) <= max {
                out.extend(refs.iter().copied());
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Cheapest pre-check: long enough, letters only, not a common word, and starting with the first
    /// letter of some typo target (the edit distance below requires that letter anyway).
    fn typo_candidate(&self, word: &str) -> bool {
        word.len() >= 4
            && word
                .as_bytes()
                .first()
                .is_some_and(|b| self.typo_initials.contains(b))
            && !self.common.contains(word)
    }

    /// Cheap pre-check before any edit-distance work: a misspelt name still sits in a name position.
    fn typo_plausible(&self, text: &Text, i: usize) -> bool {
        let t = &text.tokens[i];
        (t.cap && !t.sent_start)
            || t.has_apostrophe_s()
            || contains(NAME_VERBS, text.norm(i + 1))
            || contains(NAME_PREPS, text.prev(i, 1))
    }

    fn is_famous(&self, text: &Text, i: usize, stem: &str) -> bool {
        self.famous.iter().any(|f| {
            f.iter().enumerate().any(|(k, w)| {
                (w == stem || *w == text.tokens[i].norm)
                    && k <= i
                    && f.iter().enumerate().all(|(m, fw)| {
                        let j = i - k + m;
                        j == i
                            || text
                                .tokens
                                .get(j)
                                .is_some_and(|t| t.stem() == fw || t.norm == *fw)
                    })
            })
        })
    }

    fn is_name_word(&self, w: &str) -> bool {
        self.name_words.contains(w) || self.common.contains(w)
    }

    /// Whether the token at `i` is (probably) some pupil's name, without context checks; used to tell
    /// a neighbouring name from a title word.
    fn is_any_name(&self, text: &Text, i: usize) -> bool {
        text.tokens
            .get(i)
            .is_some_and(|t| self.lookup(t.stem()).is_some())
    }

    /// Whether the token at `i` is some pupil's first (or preferred) name.
    fn is_given(&self, text: &Text, i: usize) -> bool {
        text.tokens.get(i).is_some_and(|t| {
            self.lookup(t.stem())
                .is_some_and(|r| r.iter().any(|r| r.kind == Kind::Given))
        })
    }

    /// Scores how name-like the position of token `i` is (see the crate README for the signals).
    fn context_score(
        &self,
        text: &Text,
        i: usize,
        stem: &str,
        plural_s: bool,
        all_caps_text: bool,
        surname_only: bool,
    ) -> i32 {
        let t = &text.tokens[i];
        let verbish = contains(VERBISH, stem);
        // Verbs first ("Mark is", "Mark could" can only be the name); seasons, months and feelings
        // ("Autumn is here", "Joy is") need a person's state or act after the copula.
        let true_verb = contains(TRUE_VERBS, stem);
        let seasonal = verbish
            && matches!(
                stem,
                "autumn" | "summer" | "june" | "april" | "sunny" | "joy" | "grace" | "faith"
            );
        let mut s = 0;
        if t.cap && !t.upper && !t.sent_start {
            s += 2;
        } else if t.upper && !all_caps_text {
            s += 1;
        }
        if t.has_apostrophe_s() {
            s += 2;
        } else if plural_s {
            s += 1;
        }
        let next = text.norm(i + 1);
        // A word from the previous sentence does not qualify this one ("a spare top? an's one got").
        let prev = if t.sent_start { "" } else { text.prev(i, 1) };
        let kin = kin_or_thing(next);
        if kin && (t.has_apostrophe_s() || plural_s) {
            s += 2;
        }
        // "pick Harry up", "drop Ivy off": the object of a pick-up verb is a person.
        let picked = matches!(
            prev,
            "pick" | "picking" | "collect" | "collecting" | "drop" | "dropping" | "take" | "taking"
        ) && matches!(next, "up" | "off" | "home");
        if picked {
            s += 1;
        }
        let roster = |j: usize| j != i && self.is_any_name(text, j);
        let and = |w: &str| matches!(w, "and" | "&" | "n" | "+");
        if and(next) && (roster(i + 2) || matches!(text.norm(i + 2), "i" | "me" | "my")) {
            // "Ivy and Ruby", "bella n ivy": two roster names joined are both names; so is a name
            // joined to the writer ("Ivy and I", "An and my two").
            s += 2;
        } else if and(prev) && i >= 2 && (roster(i - 2) || matches!(text.prev(i, 2), "me" | "i")) {
            s += 2;
        } else if stem == "an" && Self::article_misused(text, i) {
            // "An and my son", "An An": the article cannot stand before these words, so it is a name.
            s += 2;
        } else if let Some(initial) = text
            .tokens
            .get(i + 1)
            .filter(|n| n.cap)
            .map(|n| n.norm.strip_suffix("'s").unwrap_or(&n.norm))
            && initial.chars().count() == 1
            && initial != "i"
        {
            // "Ruby L", "Bella F's mum": a surname initial.
            s += 2;
        } else if text
            .tokens
            .get(i + 1)
            .filter(|n| {
                !n.cap && n.norm.chars().count() == 1 && !matches!(n.norm.as_str(), "a" | "i" | "x")
            })
            .is_some()
            && (contains(NAME_VERBS, text.norm(i + 2))
                || matches!(text.norm(i + 2), "mum" | "dad" | "mums" | "dads"))
        {
            // "harry s left his bottle": a lower-case surname initial before a verb or a parent.
            s += 2;
        } else if i >= 1
            && text.tokens[i - 1].sent_start
            && matches!(prev, "is" | "was" | "has" | "does" | "did" | "will")
            && matches!(
                next,
                "coming"
                    | "going"
                    | "still"
                    | "back"
                    | "ok"
                    | "okay"
                    | "alright"
                    | "allowed"
                    | "joining"
                    | "feeling"
            )
        {
            // "is mason coming to the party?": a question about a child at the start of a sentence.
            s += 2;
        } else if contains(COPULAS, next)
            && matches!(text.norm(i + 2), "my" | "a" | "the")
            && matches!(
                text.norm(i + 3),
                "best" | "friend" | "frend" | "bestie" | "mate"
            )
        {
            s += 2;
        } else if next == "and" || next == "&" {
            s += 1;
        } else if contains(COPULAS, next) {
            let person = |w: &str| contains(PERSON_STATES, w) || contains(HUMAN_ING, w);
            s += if !verbish
                || true_verb
                || person(text.norm(i + 2))
                || (matches!(
                    text.norm(i + 2),
                    "so" | "really" | "very" | "still" | "being"
                ) && person(text.norm(i + 3)))
            {
                2
            } else {
                1
            };
        } else if contains(NAME_VERBS, next) && !t.has_apostrophe_s() {
            s += 2;
        }
        if contains(NAME_PREPS, prev) {
            s += 1;
        }
        // "tell mason i said well done": a message passed on to someone.
        if matches!(prev, "tell" | "ask" | "remind" | "told" | "asked")
            && matches!(
                next,
                "i" | "we" | "she" | "he" | "they" | "his" | "her" | "that"
            )
        {
            s += 1;
        }
        // Praise and thanks addressed to someone: "well done jade!!!", "thank you Mark".
        let frame = |a: &str, b: &str| {
            matches!(
                (a, b),
                ("well", "done") | ("thank", "you") | ("happy", "birthday")
            )
        };
        // Frames read the standard spelling ("thank u ivy", "well dun").
        let key = |k: usize| {
            if t.sent_start {
                ""
            } else {
                i.checked_sub(k)
                    .and_then(|j| text.tokens.get(j))
                    .map_or("", |t| t.key())
            }
        };
        if frame(key(2), key(1)) {
            s += if prev == "birthday" { 1 } else { 2 };
        } else if prev == "to" && frame(key(3), key(2)) {
            // "a big thank you to Mark for": the frame, then "to".
            s += 2;
        }
        let capital = t.cap && !t.upper && !t.sent_start;
        // "our Ivy" / "little An" with a capital is the family idiom for a child; "our ivy" is the
        // plant. "so Joy won't", "that Sunny is": a conjunction, not a determiner, before a subject.
        let conjunction = matches!(prev, "so" | "that")
            && t.cap
            && !t.sent_start
            && text.tokens.get(i + 1).is_some_and(|n| !n.cap);
        // "our jade loves the hamster": a person's verb after "our" + name.
        let our_child = prev == "our"
            && (capital
                || matches!(
                    next,
                    "said" | "says" | "loves" | "wants" | "told" | "cried" | "asked" | "misses"
                ));
        let family_idiom = our_child || (prev == "little" && capital);
        if contains(DETERMINERS, prev) && !family_idiom && !conjunction {
            s -= 3;
        } else if !t.cap
            && (2..=3).any(|k| {
                i >= k
                    && contains(DETERMINERS, text.prev(i, k))
                    && (i + 1 - k..i).all(|j| !text.tokens[j].cap && !self.is_any_name(text, j))
            })
        {
            // "the old cotton mills": a lower-case word-name at the end of a noun phrase.
            s -= 2;
        }
        // "my nan is called Ruby", "our dog's named Mason": the name of a grown-up or a pet.
        if matches!(prev, "called" | "named")
            && (2..=4).any(|k| {
                matches!(
                    text.prev(i, k),
                    "nan"
                        | "nanny"
                        | "nana"
                        | "nanna"
                        | "gran"
                        | "granny"
                        | "grandma"
                        | "grandad"
                        | "grandpa"
                        | "mum"
                        | "mam"
                        | "mother"
                        | "dad"
                        | "father"
                        | "aunt"
                        | "auntie"
                        | "aunty"
                        | "uncle"
                        | "wife"
                        | "husband"
                        | "partner"
                        | "dog"
                        | "dog's"
                        | "cat"
                        | "cat's"
                        | "puppy"
                        | "kitten"
                        | "hamster"
                        | "rabbit"
                )
            })
        {
            s -= 4;
        }
        // "ivy is growing": a copula followed by a word that belongs to the everyday sense.
        if contains(COPULAS, next)
            && !true_verb
            && text.norm(i + 2).ends_with("ing")
            && contains(WORD_COLLOCATIONS, text.norm(i + 2))
        {
            s -= 3;
        }
        // "we'll mark it", "I hope": a subject before a verb; "to Autumn" is not a verb.
        if verbish && !seasonal && stem != "an" && contains(SUBJECTS, prev) {
            s -= 3;
        }
        // A surname alone that is also a word ("bell goes", "reeds in the pond", "Rolling Stones"):
        // families say the first name, so it needs more than one cue.
        if surname_only {
            s -= 2;
        }
        // "Is Harry the only one": after a question's auxiliary a capitalised word is its subject, so
        // an article after it does not make it a verb ("mark the register").
        let asked = t.cap
            && i >= 1
            && text.tokens[i - 1].sent_start
            && matches!(prev, "is" | "was" | "has" | "does" | "did" | "will" | "can")
            && contains(DETERMINERS, next);
        if !t.has_apostrophe_s() && !picked && !asked && contains(WORD_COLLOCATIONS, next) {
            s -= 3;
        }
        // "Mill Lane", "Church Road": a street after a capitalised word that is not a pupil's first name.
        if matches!(
            stem,
            "lane" | "road" | "street" | "hill" | "green" | "park" | "way" | "close"
        ) && i > 0
            && text.tokens[i - 1].cap
            && if self.is_any_name(text, i - 1) {
                !self.is_given(text, i - 1)
            } else {
                !text.tokens[i - 1].sent_start
            }
        {
            // "Marsh Lane is closed": a surname before a street word is a street name too.
            s -= 3;
        }
        // "Hunter or any brand": a product, not a child.
        if (i + 1..i + 4).any(|j| matches!(text.norm(j), "brand" | "brands" | "make")) {
            s -= 3;
        }
        // "Ruby-Mae", "Lily-Jade": two capitalised parts joined by a hyphen are a double first name.
        let hyphen_next =
            text.gap_after(i) == ['-'] && text.tokens.get(i + 1).is_some_and(|n| n.cap);
        let hyphen_prev = i > 0 && text.gap_before(i) == ['-'] && text.tokens[i - 1].cap;
        if t.cap && !surname_only && (hyphen_next || hyphen_prev) {
            return s + 3;
        }
        // A capitalised non-name neighbour usually means a title or a place ("Park Lane", "Autumn Fair").
        if i > 0 {
            let p = &text.tokens[i - 1];
            // Only a neighbour in the same phrase: "Thursday? Autumn is" is two sentences.
            if p.cap && !p.sent_start && !p.upper && !t.sent_start && !self.is_any_name(text, i - 1)
            {
                s -= 2;
            }
        }
        if let Some(n) = text.tokens.get(i + 1)
            && n.cap
            && !n.sent_start
            && !n.upper
            && n.stem().chars().count() > 1
            && !self.is_any_name(text, i + 1)
            && !t.has_apostrophe_s()
        {
            s -= 2;
        }
        s
    }

    /// Finds pupil references in the text.
    pub fn find(&self, text: &Text) -> Vec<NameHit> {
        let mut hits = Vec::new();
        let toks = &text.tokens;
        let all_caps_text = toks.iter().filter(|t| t.upper).count() * 2 > toks.len();
        // "Happy Birthday Priya Lots Of Love": in Title Case a capital says nothing about a surname.
        let inner = toks.iter().filter(|t| !t.sent_start).count();
        let title_case_text =
            inner >= 4 && toks.iter().filter(|t| t.cap && !t.sent_start).count() * 5 > inner * 3;
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let stem = t.stem();
            let mut plural_s = false;
            // Letters cut for a plural: 1 for "Fishers", 2 for "the Walshes" / "the Joneses".
            let mut cut = 1;
            let mut typo = false;
            let refs: Vec<NameRef> = if let Some(r) = self.lookup(stem) {
                Self::own_refs(r)
            } else if let Some(r) = stem
                .strip_suffix('s')
                .filter(|s| {
                    s.chars().count() >= 3
                        && (!self.common.contains(stem) || Self::parent_next(text, i))
                })
                .and_then(|s| self.lookup(s))
            {
                // "marks mum": even a plural that is a word ("marks") is a possessive before a parent.
                plural_s = true;
                Self::own_refs(r)
            } else if let Some(r) = stem
                .strip_suffix("es")
                .filter(|s| {
                    s.chars().count() >= 3
                        && (s.ends_with('s') || s.ends_with("sh") || s.ends_with("ch"))
                        && text.prev(i, 1) == "the"
                })
                .and_then(|s| self.lookup(s))
            {
                plural_s = true;
                cut = 2;
                r.clone()
            } else if let Some(r) = (self.typo_candidate(stem) && self.typo_plausible(text, i))
                .then(|| self.typo_lookup(stem))
                .flatten()
            {
                typo = true;
                r
            } else if let Some(r) = stem
                .strip_suffix('s')
                .filter(|s| self.typo_candidate(s) && Self::parent_next(text, i))
                .and_then(|s| self.typo_lookup(s))
            {
                // "Kaspers mum": a misspelt name with a possessive s before a parent.
                typo = true;
                plural_s = true;
                r
            } else if let Some(r) = t.cap.then(|| self.diminutive(stem)).flatten() {
                // "Bellinha": a first name with a diminutive ending, asked about rather than blocked.
                typo = true;
                r
            } else {
                i += 1;
                continue;
            };
            let base = if plural_s {
                &stem[..stem.len() - cut]
            } else {
                stem
            };
            if self.suppressed(text, i, base)
                || self.someone_else(text, i, base, &refs, title_case_text)
            {
                i += 1;
                continue;
            }
            // A first name followed by that pupil's surname is one clear reference.
            if let Some(next) = toks.get(i + 1) {
                let next_stem = next.stem();
                let full: Vec<usize> = refs
                    .iter()
                    .filter(|r| {
                        r.kind == Kind::Given
                            && self.surnames[r.pupil]
                                .split([' ', '-'])
                                .any(|s| s == next_stem)
                    })
                    .map(|r| r.pupil)
                    .collect();
                if !full.is_empty() {
                    hits.push(NameHit {
                        first: i,
                        last: i + 1,
                        pupils: full,
                        has_surname: true,
                        confidence: Confidence::Clear,
                    });
                    i += 2;
                    continue;
                }
            }
            let has_surname = refs.iter().any(|r| r.kind == Kind::Surname);
            let has_given = refs.iter().any(|r| r.kind == Kind::Given);
            let surname_only = has_surname && !has_given;
            let mut pupils: Vec<usize> = refs.iter().map(|r| r.pupil).collect();
            pupils.dedup();
            let ambiguous = self.is_name_word(base) || base.chars().count() <= 2;
            let confidence = if typo {
                let s = self.context_score(text, i, base, plural_s, all_caps_text, surname_only);
                if s < 2 {
                    None
                } else if t.cap && !t.sent_start {
                    Some(Confidence::Clear)
                } else {
                    Some(Confidence::Ambiguous)
                }
            } else if has_surname && !has_given && self.family_context(text, i, base, plural_s) {
                Some(Confidence::Clear)
            } else if ambiguous {
                // "an's" is never the article, in any case.
                let strict_short = base.chars().count() <= 2
                    && !(base == "an" && Self::article_misused(text, i))
                    && !(t.cap
                        && !t.upper
                        && (!t.sent_start || (base == "an" && Self::article_misused(text, i))));
                let s = self.context_score(text, i, base, plural_s, all_caps_text, surname_only);
                (s >= 2 && !strict_short).then_some(Confidence::Ambiguous)
            } else if plural_s && !t.cap {
                // "masons" or "kellys" in lower case: a plural noun more often than a possessive.
                // A plain name that is not a word ("lotties coat") is still most likely a possessive.
                let s = self.context_score(text, i, base, plural_s, all_caps_text, surname_only);
                let word_like = self.is_name_word(base) || self.common.contains(base);
                // A plain name that is not a word is a possessive even after an article ("a kacpers
                // jumper"), so only a word-like name needs a name-like position.
                let need = if word_like { 3 } else { -2 };
                (s >= need).then_some(Confidence::Ambiguous)
            } else {
                Some(Confidence::Clear)
            };
            if let Some(confidence) = confidence {
                hits.push(NameHit {
                    first: i,
                    last: i,
                    pupils,
                    has_surname,
                    confidence,
                });
            }
            i += 1;
        }
        hits
    }

    /// "An" before a word the article cannot precede ("An and my son", "An An", "An was"): a name.
    fn article_misused(text: &Text, i: usize) -> bool {
        text.tokens[i].has_apostrophe_s()
            || matches!(
                text.norm(i + 1),
                "an" | "and"
                    | "&"
                    | "with"
                    | "for"
                    | "from"
                    | "to"
                    | "is"
                    | "was"
                    | "has"
                    | "had"
                    | "said"
                    | "says"
                    | "loves"
                    | "likes"
                    | "went"
                    | "came"
                    | "got"
                    | "did"
                    | "didn't"
                    | "can't"
                    | "won't"
                    | "isn't"
                    | "wasn't"
                    | "cried"
                    | "told"
            )
    }

    /// A family member or a child's thing follows token `i` ("marks mum", "Kaspers dad", "dylans
    /// sister", "emmekas party"): the s before it is a possessive.
    fn parent_next(text: &Text, i: usize) -> bool {
        kin_or_thing(text.norm(i + 1))
    }

    /// A capitalised word that is a first name plus a diminutive ending ("Bellinha" for Bella).
    fn diminutive(&self, word: &str) -> Option<Vec<NameRef>> {
        if self.common.contains(word) || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        for suffix in DIMINUTIVE_SUFFIXES {
            let Some(root) = word.strip_suffix(suffix) else {
                continue;
            };
            if root.chars().count() < 3 {
                continue;
            }
            for v in ["", "a", "e", "i", "o", "y"] {
                let mut name = root.to_owned();
                name.push_str(v);
                if let Some(r) = self.lookup(&name) {
                    let given: Vec<NameRef> = r
                        .iter()
                        .copied()
                        .filter(|r| r.kind == Kind::Given)
                        .collect();
                    if !given.is_empty() {
                        return Some(given);
                    }
                }
            }
        }
        None
    }

    /// The word is this name but the person or thing is someone else's: a street, venue or toy after
    /// it ("Martin Street", "a Lottie doll", "Turner's bakery"), or another capitalised word that makes
    /// it a full name or title that is not on the roster ("Saoirse Ronan", "Francis Drake",
    /// "Autumn Fields"). Runs after the roster full-name check, so "Ruby Lane" is still Ruby.
    fn someone_else(
        &self,
        text: &Text,
        i: usize,
        base: &str,
        refs: &[NameRef],
        title_case_text: bool,
    ) -> bool {
        let t = &text.tokens[i];
        let Some(n) = text.tokens.get(i + 1) else {
            return false;
        };
        let next = n.stem();
        if refs
            .iter()
            .any(|r| self.surnames[r.pupil].split([' ', '-']).any(|s| s == next))
        {
            return false;
        }
        if t.has_apostrophe_s() {
            // Only a surname-like word owns a business ("Turner's bakery"); "Mason's party" stays.
            return contains(BUSINESS_NOUNS, next)
                && refs
                    .iter()
                    .all(|r| r.kind == Kind::Surname || self.is_name_word(base));
        }
        // Lower case, "close", "drive" and "fields" are more often verbs or plain nouns ("Ruby close
        // to tears").
        if contains(PLACE_NOUNS, &n.norm)
            && (n.cap
                || !matches!(
                    n.norm.as_str(),
                    "close" | "drive" | "fields" | "st" | "arms"
                ))
            && text.gap_after(i).iter().all(|c| c.is_whitespace())
        {
            return true;
        }
        !title_case_text
            && n.cap
            && !n.sent_start
            && !n.upper
            && !t.upper
            && next.chars().count() > 1
            && !n.has_apostrophe_s()
            && text.gap_after(i).iter().all(|c| c.is_whitespace())
            && !contains(AFTER_NAME_CAP_OK, next)
            && !next.ends_with("ing")
            && (!self.is_any_name(text, i + 1) || contains(PLACE_NOUNS, next))
    }

    fn family_context(&self, text: &Text, i: usize, base: &str, plural_s: bool) -> bool {
        let prev = text.prev(i, 1);
        let next = text.tokens.get(i + 1).map_or("", |t| t.stem());
        let family_noun = matches!(
            next,
            "twins"
                | "family"
                | "families"
                | "kids"
                | "boys"
                | "girls"
                | "children"
                | "brothers"
                | "sisters"
                | "household"
                | "lot"
                | "clan"
                | "family's"
                | "twins'"
                | "boy"
                | "girl"
                | "lad"
        );
        // "the Fishers"; in lower case only a surname that is not a word ("the nowaks", not "the reeds").
        (prev == "the"
            && (family_noun || (plural_s && (text.tokens[i].cap || !self.is_name_word(base)))))
            || (family_noun && text.tokens[i].cap)
    }

    /// Titled adults, class names, famous people and names discussed as words.
    fn suppressed(&self, text: &Text, i: usize, stem: &str) -> bool {
        let prev = text.prev(i, 1);
        // "our princess AISHA": an endearment after a possessive is not a title.
        if contains(TITLES, prev)
            && !(contains(ENDEARMENT_TITLES, prev)
                && matches!(text.prev(i, 2), "our" | "my" | "little" | "your"))
        {
            return true;
        }
        if self.class_names.contains(stem) {
            let next = text.norm(i + 1);
            if matches!(
                next,
                "class" | "classes" | "group" | "team" | "table" | "house"
            ) || matches!(prev, "in" | "from" | "to" | "for" | "into")
            {
                return true;
            }
        }
        if self.is_famous(text, i, stem) {
            return true;
        }
        if contains(NAME_TALK, prev) {
            return true;
        }
        let t = &text.tokens[i];
        if !t.has_apostrophe_s() {
            let quoted = text
                .gap_before(i)
                .iter()
                .any(|c| matches!(c, '"' | '“' | '\'' | '‘'));
            let talk_after = (1..=5).any(|k| {
                matches!(
                    text.norm(i + k),
                    "name" | "names" | "spelling" | "spelt" | "spelled"
                )
            });
            if talk_after && (quoted || matches!(text.norm(i + 1), "is" | "was" | "means" | "as")) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_is_bounded_damerau() {
        let cases: &[(&str, &str, usize, usize)] = &[
            ("isabela", "isabella", 2, 1),
            ("saorise", "saoirse", 2, 1),
            ("kasper", "kacper", 1, 1),
            ("hurry", "harry", 1, 1),
            ("abcdef", "uvwxyz", 2, 3),
            ("niamh", "naimh", 1, 1),
        ];
        for &(a, b, max, want) in cases {
            assert_eq!(edit_distance(a, b, max), want, "{a} {b}");
        }
    }
}
