//! A compiled set of word phrases matched over tokens in one pass (a tiny, regex-free matcher).
//!
//! Phrase syntax: words separated by spaces, already folded. `word*` matches any token starting with
//! `word` (at least 3 letters before the star), `_` matches any single token, `#` matches a number. A
//! phrase with a contraction (`don't`, `i'm`, `she's`) also matches the same word typed without the
//! apostrophe, as people do on phones. `word~` matches the word's regular inflections (`hurt~`: hurts,
//! hurting; `grab~`: grabbed). Tokens also match through their standard spelling (`tmrw` as `tomorrow`).

use crate::fxhash::FxHashMap;

use crate::text::{Text, Token, fold};

#[derive(Debug, Clone)]
enum Pat {
    /// A word, by its id in the set's vocabulary.
    Exact(u32),
    Prefix(String),
    Any,
    Number,
    /// Digits followed by a unit or ordinal suffix (`#ml` matches "200ml", `#th` matches "14th").
    NumberUnit(String),
}

impl Pat {
    fn matches(&self, t: &Token, ids: [u32; 2]) -> bool {
        match self {
            Pat::Exact(w) => ids[0] == *w || ids[1] == *w,
            Pat::Prefix(p) => t.key().starts_with(p.as_str()) || t.norm.starts_with(p.as_str()),
            Pat::Any => true,
            Pat::Number => t.is_number(),
            Pat::NumberUnit(u) => t
                .norm
                .strip_suffix(u.as_str())
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())),
        }
    }
}

#[derive(Debug, Clone)]
struct Phrase {
    pats: Vec<Pat>,
    tag: usize,
}

/// A matched phrase: its tag and the token range `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
}

/// Phrases indexed by their first word.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    phrases: Vec<Phrase>,
    /// Every word used in an exact pattern, interned so matching compares integers, not strings.
    vocab: FxHashMap<String, u32>,
    /// Phrases by the id of their first word.
    by_word: Vec<Vec<usize>>,
    by_prefix: FxHashMap<String, Vec<usize>>,
    number_first: Vec<usize>,
    tags: usize,
}

const PREFIX_KEY: usize = 3;

/// The id of a word that is in no phrase.
const NO_WORD: u32 = u32::MAX;

/// The first `PREFIX_KEY` characters of a word, or `None` when it is shorter.
fn prefix_key(word: &str) -> Option<&str> {
    match word.char_indices().nth(PREFIX_KEY) {
        Some((b, _)) => Some(&word[..b]),
        None => (word.chars().count() == PREFIX_KEY).then_some(word),
    }
}

/// Regular inflections of a base word written `word~` in a phrase: `hurt~` gives hurt, hurts, hurting;
/// `grab~` gives grabbed, grabbing; `bruise~` gives bruised, bruising; `carry~` gives carries, carried.
/// Over-generation (`hurted`) is harmless because nobody types it.
pub(crate) fn inflections(base: &str) -> Vec<String> {
    let mut out = vec![base.to_owned()];
    let b = base.as_bytes();
    let n = b.len();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    out.push(format!("{base}s"));
    if base.ends_with('e') {
        let stem = &base[..n - 1];
        out.push(format!("{base}d"));
        out.push(format!("{stem}ing"));
    } else if base.ends_with('y') && n > 1 && !vowel(b[n - 2]) {
        let stem = &base[..n - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else {
        if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
            out.push(format!("{base}es"));
        }
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
        // Short consonant-vowel-consonant words double the last letter: grab → grabbed, hit → hitting.
        if n >= 3
            && !vowel(b[n - 1])
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
            && !matches!(b[n - 1], b'w' | b'x' | b'y')
        {
            let last = char::from(b[n - 1]);
            out.push(format!("{base}{last}ed"));
            out.push(format!("{base}{last}ing"));
        }
    }
    out
}

/// Contractions whose apostrophe-less spelling is a different everyday word, so no variant is added.
fn apostrophe_free_variant(word: &str) -> Option<String> {
    let ok = word.ends_with("n't")
        || word.ends_with("'m")
        || word.ends_with("'s")
        || word.ends_with("'ve");
    (ok && word.contains('\'')).then(|| word.replace('\'', ""))
}

impl PhraseSet {
    /// Adds a phrase under `tag` (tags are small dense integers chosen by the caller).
    pub fn add(&mut self, phrase: &str, tag: usize) {
        let folded = fold(phrase);
        let words: Vec<&str> = folded.split([' ', '-']).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return;
        }
        // Expand each contraction into both spellings and each `word~` into its inflections.
        let mut variants: Vec<Vec<String>> = vec![Vec::new()];
        for w in &words {
            let alts: Vec<String> = match w.strip_suffix('~') {
                Some(base) => inflections(base),
                None => std::iter::once((*w).to_owned())
                    .chain(apostrophe_free_variant(w))
                    .collect(),
            };
            let mut next = Vec::with_capacity(variants.len() * alts.len());
            for v in &variants {
                for alt in &alts {
                    let mut a = v.clone();
                    a.push(alt.clone());
                    next.push(a);
                }
            }
            variants = next;
        }
        for v in variants {
            let pats: Vec<Pat> = v
                .iter()
                .map(|w| match w.as_str() {
                    "_" => Pat::Any,
                    "#" => Pat::Number,
                    w if w.len() > 1 && w.starts_with('#') => Pat::NumberUnit(w[1..].to_owned()),
                    w => match w.strip_suffix('*') {
                        Some(p) if p.chars().count() >= PREFIX_KEY => Pat::Prefix(p.to_owned()),
                        Some(p) => Pat::Exact(self.intern(p)),
                        None => Pat::Exact(self.intern(w)),
                    },
                })
                .collect();
            let idx = self.phrases.len();
            match &pats[0] {
                Pat::Exact(w) => self.by_word[*w as usize].push(idx),
                Pat::Prefix(p) => {
                    let key = prefix_key(p).unwrap_or(p).to_owned();
                    self.by_prefix.entry(key).or_default().push(idx);
                }
                Pat::Number | Pat::NumberUnit(_) => self.number_first.push(idx),
                // A phrase cannot start with `_`; it would be tried at every token.
                Pat::Any => continue,
            }
            self.phrases.push(Phrase { pats, tag });
            self.tags = self.tags.max(tag + 1);
        }
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = u32::try_from(self.by_word.len()).unwrap_or(NO_WORD - 1);
        self.vocab.insert(word.to_owned(), id);
        self.by_word.push(Vec::new());
        id
    }

    fn id(&self, word: &str) -> u32 {
        self.vocab.get(word).copied().unwrap_or(NO_WORD)
    }

    /// Finds every phrase occurrence; the result is indexed by tag.
    pub fn find_all(&self, text: &Text) -> Vec<Vec<Hit>> {
        let mut out: Vec<Vec<Hit>> = vec![Vec::new(); self.tags];
        let toks = &text.tokens;
        if self.phrases.is_empty() {
            return out;
        }
        // One vocabulary lookup per token and spelling; the phrase loop below compares ids.
        let ids: Vec<[u32; 2]> = toks
            .iter()
            .map(|t| {
                let canon = t
                    .canon
                    .filter(|c| *c != t.norm)
                    .map_or(NO_WORD, |c| self.id(c));
                [self.id(&t.norm), canon]
            })
            .collect();
        for (i, t) in toks.iter().enumerate() {
            let forms = [Some(t.norm.as_str()), t.canon.filter(|c| *c != t.norm)];
            let mut candidates: [&[usize]; 5] = [&[]; 5];
            for (k, form) in forms.iter().enumerate() {
                let Some(form) = form else { continue };
                let id = ids[i][k];
                if id != NO_WORD {
                    candidates[2 * k] = &self.by_word[id as usize];
                }
                candidates[2 * k + 1] = prefix_key(form)
                    .and_then(|key| self.by_prefix.get(key))
                    .map_or(&[], Vec::as_slice);
            }
            if t.norm.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                candidates[4] = self.number_first.as_slice();
            }
            for &pi in candidates.iter().flat_map(|c| c.iter()) {
                let p = &self.phrases[pi];
                if i + p.pats.len() > toks.len() {
                    continue;
                }
                if p.pats
                    .iter()
                    .zip(&toks[i..])
                    .zip(&ids[i..])
                    .all(|((pat, tok), id)| pat.matches(tok, *id))
                {
                    let hit = Hit {
                        first: i,
                        last: i + p.pats.len() - 1,
                    };
                    // Hits arrive in token order, so a duplicate (the same phrase matched through
                    // both spellings of a word) can only be among the tail entries starting here.
                    let list = &mut out[p.tag];
                    if !list
                        .iter()
                        .rev()
                        .take_while(|h| h.first == i)
                        .any(|h| *h == hit)
                    {
                        list.push(hit);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_verbs() {
        assert_eq!(
            inflections("hit"),
            ["hit", "hits", "hited", "hiting", "hitted", "hitting"]
        );
        assert!(inflections("bruise").contains(&"bruising".to_owned()));
        assert!(inflections("carry").contains(&"carried".to_owned()));
    }

    #[test]
    fn matches_words_prefixes_and_contractions() {
        let mut set = PhraseSet::default();
        set.add("won't be in", 0);
        set.add("vomit*", 1);
        set.add("pick _ up", 2);
        set.add("# ml", 3);
        set.add("grab~ him", 4);
        set.add("off tomorrow", 5);
        set.add("#th", 6);
        let cases: &[(&str, &[usize])] = &[
            ("someone grabbed him", &[4]),
            ("she grabs him", &[4]),
            ("he'll be off tmrw", &[5]),
            ("back on the 14th", &[6]),
            ("She wont be in today", &[0]),
            ("she won’t be in", &[0]),
            ("he was vomiting", &[1]),
            ("can you pick her up", &[2]),
            ("give him 5 ml", &[3]),
            ("nothing here at all", &[]),
        ];
        for &(text, want) in cases {
            let hits = set.find_all(&Text::new(text));
            let got: Vec<usize> = (0..hits.len()).filter(|&t| !hits[t].is_empty()).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
