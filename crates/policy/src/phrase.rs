//! A compiled set of word phrases matched over tokens in one pass (a tiny, regex-free matcher).
//!
//! Phrase syntax: words separated by spaces, already folded. `word*` matches any token starting with
//! `word` (at least 3 letters before the star), `_` matches any single token, `#` matches a number. A
//! phrase with a contraction (`don't`, `i'm`, `she's`) also matches the same word typed without the
//! apostrophe, as people do on phones.

use std::collections::HashMap;

use crate::text::{Text, Token, fold};

#[derive(Debug, Clone)]
enum Pat {
    Exact(String),
    Prefix(String),
    Any,
    Number,
}

impl Pat {
    fn matches(&self, t: &Token) -> bool {
        match self {
            Pat::Exact(w) => t.norm == *w,
            Pat::Prefix(p) => t.norm.starts_with(p.as_str()),
            Pat::Any => true,
            Pat::Number => t.is_number(),
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
    by_word: HashMap<String, Vec<usize>>,
    by_prefix: HashMap<String, Vec<usize>>,
    number_first: Vec<usize>,
    tags: usize,
}

const PREFIX_KEY: usize = 3;

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
        // Expand each contraction into both spellings (few phrases have more than one).
        let mut variants: Vec<Vec<String>> = vec![Vec::new()];
        for w in &words {
            let alt = apostrophe_free_variant(w);
            let mut next = Vec::with_capacity(variants.len() * 2);
            for v in &variants {
                let mut a = v.clone();
                a.push((*w).to_owned());
                next.push(a);
                if let Some(alt) = &alt {
                    let mut b = v.clone();
                    b.push(alt.clone());
                    next.push(b);
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
                    w => match w.strip_suffix('*') {
                        Some(p) if p.chars().count() >= PREFIX_KEY => Pat::Prefix(p.to_owned()),
                        Some(p) => Pat::Exact(p.to_owned()),
                        None => Pat::Exact(w.to_owned()),
                    },
                })
                .collect();
            let idx = self.phrases.len();
            match &pats[0] {
                Pat::Exact(w) => self.by_word.entry(w.clone()).or_default().push(idx),
                Pat::Prefix(p) => {
                    let key: String = p.chars().take(PREFIX_KEY).collect();
                    self.by_prefix.entry(key).or_default().push(idx);
                }
                Pat::Number => self.number_first.push(idx),
                // A phrase cannot start with `_`; it would be tried at every token.
                Pat::Any => continue,
            }
            self.phrases.push(Phrase { pats, tag });
            self.tags = self.tags.max(tag + 1);
        }
    }

    /// Finds every phrase occurrence; the result is indexed by tag.
    pub fn find_all(&self, text: &Text) -> Vec<Vec<Hit>> {
        let mut out: Vec<Vec<Hit>> = vec![Vec::new(); self.tags];
        let toks = &text.tokens;
        for (i, t) in toks.iter().enumerate() {
            let exact = self
                .by_word
                .get(t.norm.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let key_end = t.norm.char_indices().nth(PREFIX_KEY).map(|(b, _)| b);
            let prefixed = key_end
                .or((t.norm.chars().count() == PREFIX_KEY).then_some(t.norm.len()))
                .and_then(|e| self.by_prefix.get(&t.norm[..e]))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let numbered = if t.is_number() {
                self.number_first.as_slice()
            } else {
                &[]
            };
            for &pi in exact.iter().chain(prefixed).chain(numbered) {
                let p = &self.phrases[pi];
                if i + p.pats.len() > toks.len() {
                    continue;
                }
                if p.pats
                    .iter()
                    .zip(&toks[i..])
                    .all(|(pat, tok)| pat.matches(tok))
                {
                    let hit = Hit {
                        first: i,
                        last: i + p.pats.len() - 1,
                    };
                    let list = &mut out[p.tag];
                    if !list.contains(&hit) {
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
    fn matches_words_prefixes_and_contractions() {
        let mut set = PhraseSet::default();
        set.add("won't be in", 0);
        set.add("vomit*", 1);
        set.add("pick _ up", 2);
        set.add("# ml", 3);
        let cases: &[(&str, &[usize])] = &[
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
