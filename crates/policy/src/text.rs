//! Folding and tokenising: turns a draft into word tokens that carry character offsets into the original.

use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::fxhash::FxHashMap;

/// One word of the draft.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// First character (inclusive), as an index into the original text's characters.
    pub start: usize,
    /// Last character (exclusive).
    pub end: usize,
    /// Folded form: lower case, accents removed, curly apostrophes straightened.
    pub norm: String,
    /// The first letter was upper case in the original.
    pub cap: bool,
    /// Every letter was upper case and there were at least two.
    pub upper: bool,
    /// First token of a sentence (start of text, or after `.`, `!`, `?`, a line break or `:`).
    pub sent_start: bool,
    /// The standard spelling of a text-speak or common misspelling (`tmrw` → `tomorrow`), used by the
    /// phrase matcher; names still match on `norm`.
    pub canon: Option<&'static str>,
}

impl Token {
    /// The form the phrase matcher sees: the standard spelling when there is one, else the folded form.
    pub fn key(&self) -> &str {
        self.canon.unwrap_or(self.norm.as_str())
    }

    /// All ASCII digits.
    pub fn is_number(&self) -> bool {
        !self.norm.is_empty() && self.norm.bytes().all(|b| b.is_ascii_digit())
    }

    /// The folded form without a possessive `'s` / `s'` ending.
    pub fn stem(&self) -> &str {
        let n = self.norm.as_str();
        n.strip_suffix("'s")
            .or_else(|| n.strip_suffix('\''))
            .unwrap_or(n)
    }

    /// Whether the token ends in a possessive apostrophe.
    pub fn has_apostrophe_s(&self) -> bool {
        self.norm.ends_with("'s") || self.norm.ends_with('\'')
    }
}

/// A tokenised draft.
#[derive(Debug)]
pub(crate) struct Text {
    /// The original characters.
    pub chars: Vec<char>,
    /// Word tokens in order.
    pub tokens: Vec<Token>,
}

/// Folds one character for matching: lower case, no accents, straight apostrophes. Pushes 0..n chars.
pub(crate) fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ı' => out.push('i'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Folds a whole string (used for pack names and phrases).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Text-speak, dropped apostrophes and frequent misspellings, mapped to the spelling the lexicons use.
/// Kept to forms that are never another everyday word ("ill" and "wed" stay as they are).
const CANONICAL: &[(&str, &str)] = &[
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("tmrow", "tomorrow"),
    ("tmoz", "tomorrow"),
    ("tomoz", "tomorrow"),
    ("tomorow", "tomorrow"),
    ("tommorow", "tomorrow"),
    ("tommorrow", "tomorrow"),
    ("tomorro", "tomorrow"),
    ("2moro", "tomorrow"),
    ("2morrow", "tomorrow"),
    ("2mrw", "tomorrow"),
    ("2moz", "tomorrow"),
    ("tmw", "tomorrow"),
    ("tomm", "tomorrow"),
    ("2day", "today"),
    ("tday", "today"),
    ("tdy", "today"),
    ("todya", "today"),
    ("2nite", "tonight"),
    ("tonite", "tonight"),
    ("2night", "tonight"),
    ("pls", "please"),
    ("plz", "please"),
    ("plse", "please"),
    ("pleae", "please"),
    ("pleas", "please"),
    ("plss", "please"),
    ("u", "you"),
    ("ur", "your"),
    ("r", "are"),
    ("b", "be"),
    ("cos", "because"),
    ("coz", "because"),
    ("cuz", "because"),
    ("bcos", "because"),
    ("becos", "because"),
    ("bc", "because"),
    ("bcz", "because"),
    ("wk", "week"),
    ("thx", "thanks"),
    ("thanx", "thanks"),
    ("thnx", "thanks"),
    ("ty", "thanks"),
    ("im", "i'm"),
    ("ive", "i've"),
    ("hes", "he's"),
    ("shes", "she's"),
    ("theyre", "they're"),
    ("dont", "don't"),
    ("cant", "can't"),
    ("wont", "won't"),
    ("didnt", "didn't"),
    ("isnt", "isn't"),
    ("doesnt", "doesn't"),
    ("wasnt", "wasn't"),
    ("arent", "aren't"),
    ("havent", "haven't"),
    ("hasnt", "hasn't"),
    ("shouldnt", "shouldn't"),
    ("couldnt", "couldn't"),
    ("wouldnt", "wouldn't"),
    ("thats", "that's"),
    ("theres", "there's"),
    ("whats", "what's"),
    ("hows", "how's"),
    ("youre", "you're"),
    ("weve", "we've"),
    ("hosp", "hospital"),
    ("hospitle", "hospital"),
    ("hospial", "hospital"),
    ("docs", "doctor"),
    ("doc", "doctor"),
    ("doctors", "doctor"),
    ("drs", "doctor"),
    ("dentists", "dentist"),
    ("dentis", "dentist"),
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("tues", "tuesday"),
    ("weds", "wednesday"),
    ("wednesay", "wednesday"),
    ("wendsday", "wednesday"),
    ("wensday", "wednesday"),
    ("thur", "thursday"),
    ("thurs", "thursday"),
    ("thu", "thursday"),
    ("thurdsay", "thursday"),
    ("thrusday", "thursday"),
    ("fri", "friday"),
    ("firday", "friday"),
    ("skool", "school"),
    ("skl", "school"),
    ("sch", "school"),
    ("scool", "school"),
    ("shcool", "school"),
    ("msg", "message"),
    ("mssg", "message"),
    ("abt", "about"),
    ("nxt", "next"),
    ("bk", "back"),
    ("sumone", "someone"),
    ("some1", "someone"),
    ("sum1", "someone"),
    ("ppl", "people"),
    ("medecine", "medicine"),
    ("medicene", "medicine"),
    ("medicin", "medicine"),
    ("meds", "medicine"),
    ("medicaton", "medication"),
    ("medciation", "medication"),
    ("mediaction", "medication"),
    ("tempreture", "temperature"),
    ("temprature", "temperature"),
    ("temperture", "temperature"),
    ("tempature", "temperature"),
    ("diarrea", "diarrhea"),
    ("diarhea", "diarrhea"),
    ("diarrhoea", "diarrhea"),
    ("diarrohea", "diarrhea"),
    ("diahorrea", "diarrhea"),
    ("diarhoea", "diarrhea"),
    ("tonsilitis", "tonsillitis"),
    ("tonsillitus", "tonsillitis"),
    ("tonsilitus", "tonsillitis"),
    ("poorley", "poorly"),
    ("porly", "poorly"),
    ("vomitting", "vomiting"),
    ("vommiting", "vomiting"),
    ("vommitting", "vomiting"),
    ("asma", "asthma"),
    ("asthama", "asthma"),
    ("inhailer", "inhaler"),
    ("inhayler", "inhaler"),
    ("inhaller", "inhaler"),
    ("antibiotics", "antibiotics"),
    ("antibiotcs", "antibiotics"),
    ("anti-biotics", "antibiotics"),
    ("antibiotic", "antibiotics"),
    ("complant", "complaint"),
    ("complaint's", "complaint"),
    ("pasword", "password"),
    ("passwrd", "password"),
    ("pword", "password"),
    ("passwd", "password"),
    ("passowrd", "password"),
    ("dissapointed", "disappointed"),
    ("disapointed", "disappointed"),
    ("dissappointed", "disappointed"),
    ("unacceptible", "unacceptable"),
    ("bruse", "bruise"),
    ("bruize", "bruise"),
    ("bruses", "bruises"),
    ("bruizes", "bruises"),
    ("progres", "progress"),
    ("progess", "progress"),
    ("collet", "collect"),
    ("colect", "collect"),
    ("collectin", "collecting"),
    ("colecting", "collecting"),
    ("pikup", "pickup"),
];

/// `CANONICAL` as a hash map, built on first use (one lookup per token instead of a long `match`).
fn canonical(norm: &str) -> Option<&'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| CANONICAL.iter().copied().collect())
        .get(norm)
        .copied()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

impl Text {
    /// Splits into word tokens. Words are runs of letters and digits; an apostrophe between two of
    /// them, or a trailing one after an `s` (possessive plural), stays inside the word.
    pub fn new(text: &str) -> Text {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::with_capacity(chars.len() / 5 + 1);
        let mut i = 0;
        let mut boundary = true;
        while i < chars.len() {
            let c = chars[i];
            if !c.is_alphanumeric() {
                // "Mrs. Carver" does not start a sentence after the abbreviation's full stop.
                let after_title = c == '.'
                    && tokens.last().is_some_and(|t: &Token| {
                        matches!(t.norm.as_str(), "mr" | "mrs" | "ms" | "dr" | "st" | "mx")
                    });
                if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';') && !after_title {
                    boundary = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() {
                let c = chars[i];
                let inner_apostrophe = is_apostrophe(c)
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphabetic()
                    && i > start;
                if c.is_alphanumeric() || is_combining_mark(c) || inner_apostrophe {
                    i += 1;
                } else if is_apostrophe(c)
                    && i > start
                    && matches!(chars[i - 1], 's' | 'S')
                    && chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric())
                {
                    i += 1;
                    break;
                } else {
                    break;
                }
            }
            let end = i;
            let mut norm = String::with_capacity(end - start);
            let mut letters = 0usize;
            let mut uppers = 0usize;
            for &c in &chars[start..end] {
                fold_char(c, &mut norm);
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        uppers += 1;
                    }
                }
            }
            let cap = chars[start].is_uppercase();
            tokens.push(Token {
                start,
                end,
                canon: canonical(&norm),
                norm,
                cap,
                upper: letters >= 2 && uppers == letters,
                sent_start: boundary,
            });
            boundary = false;
        }
        Text { chars, tokens }
    }

    /// The original characters between two character offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// The original characters between token `i - 1` and token `i` (or before the first token).
    pub fn gap_before(&self, i: usize) -> &[char] {
        let end = self.tokens[i].start;
        let start = if i == 0 { 0 } else { self.tokens[i - 1].end };
        &self.chars[start..end]
    }

    /// The original characters after token `i` up to the next token (or the end).
    pub fn gap_after(&self, i: usize) -> &[char] {
        let start = self.tokens[i].end;
        let end = self.tokens.get(i + 1).map_or(self.chars.len(), |t| t.start);
        &self.chars[start..end]
    }

    /// The folded token at `i`, or "" out of range (saves bounds checks in context windows).
    pub fn norm(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.norm.as_str())
    }

    /// The folded token `back` places before `i`, or "".
    pub fn prev(&self, i: usize, back: usize) -> &str {
        i.checked_sub(back).map_or("", |j| self.norm(j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenises_with_char_offsets() {
        let t = Text::new("Chloé’s mum said: “don't” 🎉 Masons' ok");
        let got: Vec<(&str, usize, usize, bool)> = t
            .tokens
            .iter()
            .map(|t| (t.norm.as_str(), t.start, t.end, t.sent_start))
            .collect();
        assert_eq!(
            got,
            vec![
                ("chloe's", 0, 7, true),
                ("mum", 8, 11, false),
                ("said", 12, 16, false),
                ("don't", 19, 24, true),
                ("masons'", 28, 35, false),
                ("ok", 36, 38, false),
            ]
        );
        assert_eq!(t.tokens[4].stem(), "masons");
        assert_eq!(fold("Wójcik ZUZIA Łukasz"), "wojcik zuzia lukasz");
    }
}
