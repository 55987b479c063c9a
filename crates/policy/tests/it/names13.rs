//! Round 13 name rows (dev9–dev13: text speak, EAL, shift workers, shared spaces). Each row pins one
//! general mechanism in `names.rs`; every firing row has a must-not-fire twin next to it. The sentences
//! are written for the mechanism, not copied from the dev sets.

use hometime_policy::{AuthorRole, Context, Engine, RuleId, Severity};
use serde_json::json;

use crate::engine_with;

/// Context, text, the child a private message is about, the rule, and the expected severity
/// (`None`: must not fire).
type Row<'a> = (Context, &'a str, Option<&'a str>, RuleId, Option<Severity>);

/// Runs a row through the rule table's helper: private messages are a teacher writing about the child,
/// shared spaces a parent, at the rule table's time.
fn check(engine: &Engine, row: &Row<'_>) {
    let (context, text, child, rule, want) = *row;
    let role = if context == Context::PrivateMessage {
        AuthorRole::Teacher
    } else {
        AuthorRole::Parent
    };
    crate::rules::check(
        engine,
        &(
            role,
            context,
            text,
            child,
            "2025-03-12T10:15:00",
            rule,
            want,
        ),
    );
}

#[test]
fn round13_name_rows() {
    use Context::{ClassChat as Cc, PrivateMessage as Pm};
    use RuleId::{ChildNameShared as Name, OtherChildNamedPrivate as Other};
    use Severity::{Block, Warn};
    let rows: &[Row<'_>] = &[
        // A pupil's own name wins over another pupil's curated spelling variant of it.
        (
            Pm,
            "Yousef and Yusuf both scored a goal today",
            Some("k10"),
            Other,
            Some(Warn),
        ),
        (Pm, "Yusuf scored a goal today", Some("k10"), Other, None),
        // Possessive titles in the famous list; a pupil's possessive stays a name.
        (
            Cc,
            "We're reading Charlotte's Web in class",
            None,
            Name,
            None,
        ),
        (
            Cc,
            "Charlotte's reading book is in her bag",
            None,
            Name,
            Some(Block),
        ),
        // A capitalised non-roster word after a name: someone else's full name or a title.
        (
            Cc,
            "Did you see Niamh Cusack on telly last night?",
            None,
            Name,
            None,
        ),
        (Cc, "Niamh Byrne was brilliant", None, Name, Some(Block)),
        (
            Cc,
            "Can anyone have Kacper Tues after school?",
            None,
            Name,
            Some(Block),
        ),
        // Streets, venues and toy lines after a name.
        (
            Cc,
            "Parking on Martin Road is a nightmare at 3",
            None,
            Name,
            None,
        ),
        (
            Cc,
            "she wants a Lottie doll for her birthday",
            None,
            Name,
            None,
        ),
        (
            Cc,
            "Lottie wants a doll for her birthday",
            None,
            Name,
            Some(Block),
        ),
        (Cc, "Cook's bakery does the best pasties", None, Name, None),
        (Cc, "Mason's party was great", None, Name, Some(Warn)),
        (Cc, "Marsh Lane is closed", None, Name, None),
        (
            Cc,
            "Ellie Marsh and Ruby Lane came",
            None,
            Name,
            Some(Block),
        ),
        // A surname alone that is also a word needs more than one cue; a family plural still counts.
        (Cc, "the bell rang early today", None, Name, None),
        (Cc, "lovely reeds by the pond", None, Name, None),
        (Cc, "Rolling Stones tribute night", None, Name, None),
        (Cc, "the Fisher twins were great", None, Name, Some(Block)),
        (Cc, "the nowaks are having a bbq", None, Name, Some(Block)),
        (Cc, "the reeds are growing", None, Name, None),
        // Joined to another name ("n" is "and") or to the writer.
        (
            Cc,
            "look at ruby n ivy in the photo",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "look at the ruby necklace", None, Name, None),
        (Cc, "Ivy and I made cakes", None, Name, Some(Warn)),
        (Cc, "ivy and holly in the garden", None, Name, None),
        // "An" where the article cannot stand.
        (Cc, "An and her cousin came to tea", None, Name, Some(Warn)),
        (Cc, "An apple a day", None, Name, None),
        // An endearment after "our" is not a title; a title still is.
        (
            Cc,
            "Happy birthday to our princess Priya",
            None,
            Name,
            Some(Block),
        ),
        (Cc, "we met Princess Ivy at the pantomime", None, Name, None),
        // "so" / "that" before a subject is a conjunction, not a determiner.
        (
            Cc,
            "it was late so Joy missed the bus",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "such joy in the hall today", None, Name, None),
        // A verb-first name-word before a copula or modal can only be the name.
        (
            Cc,
            "Mark could come round after school",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "we could mark the date", None, Name, None),
        (Cc, "mark it in the diary", None, Name, None),
        // A season or feeling name-word needs a person's state or act after the copula.
        (
            Cc,
            "Autumn is so excited for the trip",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "Autumn is here, leaves everywhere", None, Name, None),
        (
            Cc,
            "Sunny was telling us about the trip",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "it was sunny all day", None, Name, None),
        // A capitalised word across a sentence break is not a neighbour.
        (
            Cc,
            "Is it pizza on Friday? Autumn is desperate to know",
            None,
            Name,
            Some(Warn),
        ),
        // Praise frames and pick-up objects.
        (Cc, "well done ruby!!", None, Name, Some(Warn)),
        (Cc, "a ruby ring for her birthday", None, Name, None),
        (
            Cc,
            "a big thank you to Mark for helping",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "we need to mark it", None, Name, None),
        (
            Cc,
            "could someone pick Harry up at 3",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "hurry up or we'll be late", None, Name, None),
        // Diminutive endings and misspelt possessives before a parent.
        (Cc, "Priyinha loved the party", None, Name, Some(Warn)),
        (Cc, "Marina from the cafe said hi", None, Name, None),
        (Cc, "Zuzanas mum left her umbrella", None, Name, Some(Warn)),
        (Cc, "Jaspers mum left her umbrella", None, Name, None),
        // A surname initial with a possessive at the very start.
        (
            Cc,
            "Sam B's dad here, anyone got a spare kit",
            None,
            Name,
            Some(Warn),
        ),
        // A sentence opener after a name is not a surname; an -ing word is not either.
        (
            Cc,
            "Well done Kacper Brilliant effort today",
            None,
            Name,
            Some(Block),
        ),
        (Cc, "is Zuzia Coming to the party", None, Name, Some(Block)),
        (
            Cc,
            "it was sunny so Ivy wore shorts",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "we had so much joy today", None, Name, None),
        (Cc, "An's reading is coming on", None, Name, Some(Warn)),
        (Cc, "An answer would be great", None, Name, None),
        // Hyphenated double first names; a brand with a surname-word is not one.
        (Cc, "Ruby-Mae's party was fab", None, Name, Some(Warn)),
        (
            Cc,
            "Anyone got a Fisher-Price garage going spare?",
            None,
            Name,
            None,
        ),
        (Cc, "jade-green paint for the shed", None, Name, None),
        // The previous sentence does not qualify this one; "an's" is never the article.
        (
            Cc,
            "anyone got a spare top? an's one is torn",
            None,
            Name,
            Some(Warn),
        ),
        // A capitalised subject after a question's auxiliary, even before an article.
        (
            Cc,
            "Is Joy the one with the red coat?",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "I will mark the books tonight", None, Name, None),
        // In Title Case a capital after a name says nothing about a surname.
        (
            Cc,
            "Happy Birthday Priya Lots Of Love From All Of Us",
            None,
            Name,
            Some(Block),
        ),
        // Frames read text speak; a person's verb after "our"; "an" before a preposition; a message
        // passed on; a season arriving is not a child.
        (Cc, "thank u ivy for the card", None, Name, Some(Warn)),
        (Cc, "thank u for the ivy cuttings", None, Name, None),
        (
            Cc,
            "our jade loves the class hamster",
            None,
            Name,
            Some(Warn),
        ),
        (Cc, "our ivy is growing up the wall", None, Name, None),
        (Cc, "shout out to an for her poem", None, Name, Some(Warn)),
        (Cc, "we went to an event", None, Name, None),
        (Cc, "tell mason i said well done", None, Name, Some(Warn)),
        (Cc, "ask the cook if she has any", None, Name, None),
        (Cc, "Autumn is coming", None, Name, None),
        // A pupil's own name stays clear even when a rule phrase quotes it.
        (Cc, "Tadhg was brilliant", None, Name, Some(Block)),
    ];
    let engine = engine_with(json!({}), json!({}));
    for row in rows {
        check(&engine, row);
    }
}
