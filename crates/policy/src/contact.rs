//! Contact details and credentials: UK phone numbers (digits or words), e-mail addresses, home
//! addresses, postcodes, and passwords or login codes, found without regular expressions.

use crate::text::Text;

/// A detected span, in token indices (inclusive) or raw character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// First character.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
}

/// What kind of contact detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ContactKind {
    /// A phone number; the digits only (leading `44` turned into `0`).
    Phone(String),
    /// An e-mail address, folded.
    Email(String),
    /// A street address or postcode.
    Address,
}

fn digit_word(w: &str) -> Option<&'static str> {
    // Every digit word is short and starts with one of these letters; most tokens stop here.
    if w.len() > 6 || !w.starts_with(['z', 'o', 'n', 't', 'f', 's', 'e']) {
        return None;
    }
    Some(match w {
        "zero" | "oh" | "o" | "nought" | "nil" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        _ => return None,
    })
}

/// Normalises a number's digits so the same number compares equal however it was written.
pub(crate) fn canonical_phone(digits: &str) -> String {
    digits
        .strip_prefix("0044")
        .or_else(|| digits.strip_prefix("44"))
        .map_or_else(
            || digits.to_owned(),
            |rest| {
                let rest = rest.strip_prefix('0').unwrap_or(rest);
                format!("0{rest}")
            },
        )
}

fn is_uk_phone(digits: &str) -> bool {
    let d = canonical_phone(digits);
    let n = d.len();
    d.starts_with('0')
        && !d.starts_with("00")
        && (10..=11).contains(&n)
        && matches!(d.as_bytes()[1], b'1'..=b'3' | b'5' | b'7' | b'8')
}

/// Finds phone numbers: runs of digit tokens and digit words ("oh seven seven double nine ...") joined
/// only by spaces or `-.()+/`.
pub(crate) fn phones(text: &Text) -> Vec<(Span, ContactKind)> {
    let mut out = Vec::new();
    let toks = &text.tokens;
    let mut i = 0;
    while i < toks.len() {
        let mut digits = String::new();
        let mut j = i;
        let mut repeat = 1usize;
        let mut last_ok = None;
        while j < toks.len() {
            let t = &toks[j];
            if j > i
                && !text.gap_before(j).iter().all(|c| {
                    c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '+' | '/' | ',')
                })
            {
                break;
            }
            if j > i && text.gap_before(j).iter().filter(|c| **c == '\n').count() > 0 {
                break;
            }
            let piece: Option<String> = if t.is_number() {
                Some(t.norm.clone())
            } else if let Some(d) = digit_word(&t.norm) {
                Some(d.repeat(repeat))
            } else if t.norm == "double" {
                repeat = 2;
                j += 1;
                continue;
            } else if t.norm == "triple" {
                repeat = 3;
                j += 1;
                continue;
            } else {
                None
            };
            let Some(piece) = piece else { break };
            if t.is_number() && repeat > 1 {
                let first = piece.chars().next().map(String::from).unwrap_or_default();
                digits.push_str(&first.repeat(repeat - 1));
            }
            repeat = 1;
            digits.push_str(&piece);
            if digits.len() > 13 {
                break;
            }
            if is_uk_phone(&digits) {
                last_ok = Some((j, digits.clone()));
            }
            j += 1;
        }
        if let Some((end_tok, d)) = last_ok {
            let mut start = toks[i].start;
            if start > 0 && text.chars[start - 1] == '+' {
                start -= 1;
            }
            out.push((
                Span {
                    start,
                    end: toks[end_tok].end,
                },
                ContactKind::Phone(canonical_phone(&d)),
            ));
            i = end_tok + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_email_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')
}

/// Finds e-mail addresses (`name@domain.tld`) and spelled-out ones (`name at gmail dot com`).
pub(crate) fn emails(text: &Text) -> Vec<(Span, ContactKind)> {
    let chars = &text.chars;
    let mut out = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut s = at;
        while s > 0 && is_email_char(chars[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < chars.len() && is_email_char(chars[e]) {
            e += 1;
        }
        while e > at + 1 && matches!(chars[e - 1], '.' | '-') {
            e -= 1;
        }
        let domain: String = chars[at + 1..e].iter().collect();
        if s < at && domain.contains('.') && !domain.starts_with('.') {
            let addr: String = chars[s..e].iter().collect::<String>().to_lowercase();
            out.push((Span { start: s, end: e }, ContactKind::Email(addr)));
        }
    }
    let toks = &text.tokens;
    for i in 1..toks.len().saturating_sub(3) {
        if toks[i].norm == "at"
            && matches!(
                toks[i + 1].norm.as_str(),
                "gmail"
                    | "hotmail"
                    | "yahoo"
                    | "outlook"
                    | "icloud"
                    | "live"
                    | "btinternet"
                    | "aol"
            )
            && toks[i + 2].norm == "dot"
        {
            out.push((
                Span {
                    start: toks[i - 1].start,
                    end: toks[i + 3].end,
                },
                ContactKind::Email(String::new()),
            ));
        }
    }
    out
}

const STREET_WORDS: &[&str] = &[
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way",
    "crescent", "cres", "court", "ct", "gardens", "gdns", "grove", "place", "pl", "terrace",
    "mews", "rise", "row", "square", "sq", "walk", "view", "parade", "hill", "green", "park",
];

const NOT_HOUSE_NUMBER_BEFORE: &[&str] = &[
    "year", "class", "page", "room", "group", "table", "chapter", "level", "band", "step", "stage",
    "week", "number", "top", "times",
];

fn is_postcode_outward(w: &str) -> bool {
    let b = w.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || b.len() < letters + 1 {
        return false;
    }
    let rest = &b[letters..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits)
        && (rest.len() == digits
            || (rest.len() == digits + 1 && rest[digits].is_ascii_alphabetic()))
}

fn is_postcode_inward(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
        && !matches!(&w[1..], "st" | "nd" | "rd" | "th")
}

/// Finds home addresses (a house number then up to three words and a street word) and postcodes.
pub(crate) fn addresses(text: &Text) -> Vec<(Span, ContactKind)> {
    let toks = &text.tokens;
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        let house = t.norm.len() <= 4
            && t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.norm
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .chars()
                .all(|c| c.is_ascii_digit())
            && t.norm.chars().filter(char::is_ascii_alphabetic).count() <= 1;
        if house
            && !NOT_HOUSE_NUMBER_BEFORE.contains(&text.prev(i, 1))
            && !text.gap_after(i).contains(&':')
        {
            for k in 2..=4 {
                let Some(st) = toks.get(i + k - 1) else { break };
                let between_ok = (i + 1..i + k - 1).all(|j| {
                    let w = &toks[j];
                    w.norm.chars().all(char::is_alphabetic)
                        && w.norm.len() >= 3
                        && (w.cap || k == 2)
                });
                if !between_ok {
                    break;
                }
                if k >= 2
                    && STREET_WORDS.contains(&st.norm.as_str())
                    && (st.cap || toks[i + 1].cap || k == 2)
                    && k > 2
                {
                    out.push((
                        Span {
                            start: t.start,
                            end: st.end,
                        },
                        ContactKind::Address,
                    ));
                    break;
                }
            }
        }
        // Postcodes: "B15 2TT", "b152tt" or "SW1A 1AA".
        let n = &t.norm;
        if n.is_ascii()
            && n.len() >= 2
            && is_postcode_outward(n)
            && let Some(next) = toks.get(i + 1)
            && next.norm.is_ascii()
            && is_postcode_inward(&next.norm)
            && text.gap_before(i + 1).iter().all(|c| *c == ' ')
        {
            out.push((
                Span {
                    start: t.start,
                    end: next.end,
                },
                ContactKind::Address,
            ));
            continue;
        }
        if n.is_ascii() && (5..=7).contains(&n.len()) && t.upper {
            let (o, inw) = n.split_at(n.len() - 3);
            if is_postcode_outward(o) && is_postcode_inward(inw) {
                out.push((
                    Span {
                        start: t.start,
                        end: t.end,
                    },
                    ContactKind::Address,
                ));
            }
        }
    }
    out
}

const CREDENTIAL_STOP: &[&str] = &[
    "is",
    "was",
    "on",
    "in",
    "at",
    "the",
    "a",
    "an",
    "for",
    "to",
    "and",
    "or",
    "but",
    "please",
    "it",
    "this",
    "that",
    "not",
    "no",
    "yes",
    "again",
    "sent",
    "send",
    "reset",
    "working",
    "wrong",
    "expired",
    "letter",
    "email",
    "same",
    "different",
    "new",
    "old",
    "correct",
    "changed",
    "my",
    "your",
    "our",
    "his",
    "her",
    "from",
    "by",
    "still",
    "doesn't",
    "isn't",
    "wasn't",
    "there",
    "here",
    "below",
    "above",
    "attached",
    "missing",
    "lost",
    "forgotten",
    "required",
    "needed",
    "needs",
    "with",
    "of",
    "what",
    "where",
    "ok",
    "easy",
    "simple",
    "broken",
    "fine",
    "case",
    "sensitive",
    "printed",
    "written",
    "stuck",
    "locked",
    "blocked",
    "too",
    "really",
    "very",
    "so",
    "just",
    "also",
    "always",
    "never",
    "now",
    "taking",
    "coming",
    "going",
    "being",
    "inside",
    "somewhere",
    "available",
    "confusing",
    "annoying",
    "fixed",
];

/// Finds a password, PIN or login/connection code that is actually given: a credential word, an
/// optional "is", ":" or "=", then a value that looks like a secret.
pub(crate) fn credentials(text: &Text, key_hits: &[(usize, usize)]) -> Vec<Span> {
    let toks = &text.tokens;
    let mut out = Vec::new();
    for &(_, last) in key_hits {
        let is_link = |k: usize| {
            matches!(
                toks[k].norm.as_str(),
                "is" | "it's" | "its" | "=" | "was" | "are" | "will" | "be"
            )
        };
        let mut j = last + 1;
        let mut saw_link = text
            .gap_after(last)
            .iter()
            .any(|c| matches!(c, ':' | '=' | '-'));
        if !saw_link {
            // "the login code as requested: KST-4829": a colon a few words on introduces the value.
            // ("the new connection code for Sam's stepmum as requested: HT7-2KQ-9WP", up to 8 words on)
            if let Some(k) = (last + 1..toks.len().min(last + 8))
                .find(|&k| k + 1 < toks.len() && text.gap_after(k).contains(&':'))
            {
                j = k + 1;
                saw_link = true;
            }
        }
        if !saw_link {
            // "the login for the reading app is kestrel2": a link word a few words on.
            if let Some(k) = (last + 1..toks.len().min(last + 7)).find(|&k| is_link(k)) {
                j = k;
            }
        }
        while j < toks.len() && j <= last + 7 && is_link(j) {
            saw_link = true;
            j += 1;
        }
        let Some(v) = toks.get(j) else { continue };
        // "the school password brook2026": no link, but the value carries a digit.
        let bare_value = !saw_link
            && j == last + 1
            && v.norm.chars().any(|c| c.is_ascii_digit())
            && v.norm.chars().any(char::is_alphabetic);
        if (!saw_link && !bare_value) || CREDENTIAL_STOP.contains(&v.norm.as_str()) {
            continue;
        }
        // The value may be written with hyphens ("HT-4829-XK"); take the whole run.
        let mut end = j;
        while end + 1 < toks.len()
            && text.gap_after(end).iter().all(|c| matches!(c, '-' | '_'))
            && !text.gap_after(end).is_empty()
        {
            end += 1;
        }
        let raw = text.slice(v.start, toks[end].end);
        let has_digit = raw.chars().any(|c| c.is_ascii_digit());
        let mixed_case =
            raw.chars().skip(1).any(char::is_uppercase) && raw.chars().any(char::is_lowercase);
        let long_word = raw.chars().count() >= 4 && !raw.contains(' ');
        if has_digit || mixed_case || long_word {
            out.push(Span {
                start: v.start,
                end: toks[end].end,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let t = Text::new(text);
        let mut v: Vec<String> = phones(&t)
            .into_iter()
            .chain(emails(&t))
            .chain(addresses(&t))
            .map(|(s, k)| match k {
                ContactKind::Phone(d) => format!("phone {d} {}", t.slice(s.start, s.end)),
                ContactKind::Email(_) => format!("email {}", t.slice(s.start, s.end)),
                ContactKind::Address => format!("address {}", t.slice(s.start, s.end)),
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn finds_contact_details() {
        let cases: &[(&str, &[&str])] = &[
            (
                "ring me on 07700 900123 x",
                &["phone 07700900123 07700 900123"],
            ),
            (
                "call +44 7700 900 123",
                &["phone 07700900123 +44 7700 900 123"],
            ),
            (
                "(01632) 960-555 anytime",
                &["phone 01632960555 01632) 960-555"],
            ),
            (
                "oh seven seven double oh nine double oh one two three",
                &["phone 07700900123 oh seven seven double oh nine double oh one two three"],
            ),
            (
                "mail me jo.bloggs@gmail.com.",
                &["email jo.bloggs@gmail.com"],
            ),
            ("we live at 14 Maple Close now", &["address 14 Maple Close"]),
            ("postcode B15 2TT thanks", &["address B15 2TT"]),
            ("Year 2 Road safety talk at 3.15 on 12/03", &[]),
            ("she got 10 out of 12 in the test", &[]),
            ("the 3rd of May", &[]),
        ];
        for &(text, want) in cases {
            assert_eq!(kinds(text), want, "{text}");
        }
    }
}
