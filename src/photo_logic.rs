//! Photos and photo consent as plain data, tested natively: which chosen files can be attached (type, size,
//! how many), what the school's policy engine says about photos in a place (run with `PhotoFacts`, so the
//! words are the engine's, never the app's), which photo a server refusal is about, and the photo-consent
//! page's words and counts. The components in `components/photo_attach*.rs` and `components/consent_*.rs`
//! only render what these return.

use chrono::NaiveDateTime;
use hometime_api::{
    FieldError, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_POST, PhotoConsentAnswer, ShowStatus,
    UpdatePupilConsent,
};
use hometime_policy::{AuthorRole, Context, Draft, Engine, Finding, PhotoFacts, RuleId};

/// The `accept` of every photo file input: the three formats the server's pipeline takes.
pub const ACCEPT: &str = "image/jpeg,image/png,image/webp";

const TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];
const EXTENSIONS: [&str; 4] = [".jpg", ".jpeg", ".png", ".webp"];

/// What the device knows about a chosen file before anything is read or sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileInfo<'a> {
    pub name: &'a str,
    /// The browser's MIME type, which may be empty (some phones give none).
    pub mime: &'a str,
    pub size: u64,
}

/// Why a chosen file was not attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a JPEG, PNG or WebP (by the browser's type, or the name when it gives none).
    NotAPhoto(String),
    /// Larger than the server takes.
    TooLarge(String),
    /// Beyond the most one message may carry; this many were left out.
    TooMany(usize),
}

impl Refusal {
    /// The sentence shown beside the photo picker.
    pub fn text(&self) -> String {
        match self {
            Refusal::NotAPhoto(name) => format!(
                "“{name}” isn't a photo Hometime can use. Please choose a JPEG, PNG or WebP photo."
            ),
            Refusal::TooLarge(name) => format!(
                "“{name}” is too large (the most is {} MB). Please choose a smaller photo.",
                MAX_PHOTO_BYTES / (1024 * 1024)
            ),
            Refusal::TooMany(n) => format!(
                "You can add up to {MAX_PHOTOS_PER_POST} photos, so {} left out.",
                plural(*n, "photo was", "photos were")
            ),
        }
    }
}

/// Whether a file looks like a photo the server can take. The server decides by the bytes; this only
/// spares people an upload that cannot work.
pub fn is_photo_type(file: &FileInfo<'_>) -> bool {
    let mime = file.mime.trim().to_ascii_lowercase();
    if mime.is_empty() {
        let name = file.name.to_ascii_lowercase();
        EXTENSIONS.iter().any(|e| name.ends_with(e))
    } else {
        TYPES.contains(&mime.as_str())
    }
}

/// Which of the chosen `files` to attach, given `already` attached, and what to say about the others.
/// Files are taken in order until the limit; each refused file is named once.
pub fn admit(already: usize, files: &[FileInfo<'_>]) -> (Vec<usize>, Vec<Refusal>) {
    let mut taken = Vec::new();
    let mut refused = Vec::new();
    let mut over = 0;
    for (i, f) in files.iter().enumerate() {
        if !is_photo_type(f) {
            refused.push(Refusal::NotAPhoto(f.name.to_owned()));
        } else if f.size > MAX_PHOTO_BYTES as u64 {
            refused.push(Refusal::TooLarge(f.name.to_owned()));
        } else if already + taken.len() >= MAX_PHOTOS_PER_POST {
            over += 1;
        } else {
            taken.push(i);
        }
    }
    if over > 0 {
        refused.push(Refusal::TooMany(over));
    }
    (taken, refused)
}

/// The engine's findings about `photos` attached photos in `context`, with no text: only the photo rules
/// (`photo-in-shared-space`, `photo-consent`), so the text's own findings are not counted twice.
/// `tagged` are roster ids (empty for a parent's own photos, which are never tagged).
pub fn photo_findings(
    engine: &Engine,
    role: AuthorRole,
    context: Context,
    photos: usize,
    tagged: &[String],
    now: NaiveDateTime,
) -> Vec<Finding> {
    if photos == 0 {
        return Vec::new();
    }
    engine
        .check(&Draft {
            role,
            context,
            text: "",
            child: None,
            sent_at: now,
            photos: Some(PhotoFacts {
                tagged: tagged.to_vec(),
            }),
            recipient_is_class_teacher: None,
        })
        .into_iter()
        .filter(|f| matches!(f.rule, RuleId::PhotoInSharedSpace | RuleId::PhotoConsent))
        .collect()
}

/// The fields a server refusal of a photo names (`photo[0]` to `photo[9]`): the photo's preview shows
/// the problem, so the error notice need not repeat it.
pub const PHOTO_FIELDS: [&str; MAX_PHOTOS_PER_POST] = [
    "photo[0]", "photo[1]", "photo[2]", "photo[3]", "photo[4]", "photo[5]", "photo[6]", "photo[7]",
    "photo[8]", "photo[9]",
];

/// The photo a server refusal is about: `photo[i]` in its fields gives the position (0-based).
pub fn refused_photo(fields: &[FieldError]) -> Option<usize> {
    fields.iter().find_map(|f| {
        f.field
            .strip_prefix("photo[")?
            .strip_suffix(']')?
            .parse()
            .ok()
    })
}

/// The alternative text of one photo in a message or post: which photo, and whose.
pub fn alt_text(index: usize, total: usize, from: &str) -> String {
    if total <= 1 {
        format!("Photo from {from}")
    } else {
        format!("Photo {} of {total} from {from}", index + 1)
    }
}

/// `"1 pupil"`, `"3 pupils"`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

// Photo consent, as the office keeps it.

/// The wire word of an answer, as radio values carry it.
pub fn answer_word(a: PhotoConsentAnswer) -> &'static str {
    match a {
        PhotoConsentAnswer::Yes => "yes",
        PhotoConsentAnswer::No => "no",
        PhotoConsentAnswer::NotAsked => "not_asked",
    }
}

pub fn answer_of(w: &str) -> PhotoConsentAnswer {
    match w {
        "yes" => PhotoConsentAnswer::Yes,
        "no" => PhotoConsentAnswer::No,
        _ => PhotoConsentAnswer::NotAsked,
    }
}

/// The label of an answer's choice.
pub fn answer_label(a: PhotoConsentAnswer) -> &'static str {
    match a {
        PhotoConsentAnswer::Yes => "Yes",
        PhotoConsentAnswer::No => "No",
        PhotoConsentAnswer::NotAsked => "Not asked",
    }
}

/// The badge for a pupil's standing, the same words staff see wherever they pick who is in a photo.
pub fn status_label(s: ShowStatus) -> &'static str {
    match s {
        ShowStatus::MayBeShown => "Can be shown",
        ShowStatus::NoConsent => "No photo permission",
        ShowStatus::ConsentNotAsked => "Not asked yet",
        ShowStatus::NeverShown => "Never shown",
    }
}

/// What a pupil's standing means, in a sentence.
pub fn status_meaning(s: ShowStatus) -> &'static str {
    match s {
        ShowStatus::MayBeShown => "May appear in photos on the class and school stories.",
        ShowStatus::NoConsent => "The family said no: left out of photos that other families see.",
        ShowStatus::ConsentNotAsked => {
            "Nobody has asked the family yet: left out of photos that other families see until they say yes."
        }
        ShowStatus::NeverShown => {
            "Never shown: this child will never appear in any photo, even shared privately."
        }
    }
}

/// How many pupils of a class may and may not be shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsentCounts {
    pub shown: usize,
    pub no: usize,
    pub not_asked: usize,
    pub never: usize,
}

impl ConsentCounts {
    pub fn of(statuses: impl IntoIterator<Item = ShowStatus>) -> ConsentCounts {
        let mut c = ConsentCounts::default();
        for s in statuses {
            match s {
                ShowStatus::MayBeShown => c.shown += 1,
                ShowStatus::NoConsent => c.no += 1,
                ShowStatus::ConsentNotAsked => c.not_asked += 1,
                ShowStatus::NeverShown => c.never += 1,
            }
        }
        c
    }

    pub fn not_shown(&self) -> usize {
        self.no + self.not_asked + self.never
    }

    /// "3 pupils can't be shown", or "Every pupil can be shown".
    pub fn headline(&self) -> String {
        match self.not_shown() {
            0 => "Every pupil can be shown".to_owned(),
            n => plural(n, "pupil can't be shown", "pupils can't be shown"),
        }
    }

    /// "1 no, 1 not asked yet, 1 never shown. 22 can be shown."
    pub fn detail(&self) -> String {
        let parts: Vec<String> = [
            (self.no, "no"),
            (self.not_asked, "not asked yet"),
            (self.never, "never shown"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
        let can = format!("{} can be shown.", self.shown);
        if parts.is_empty() {
            can
        } else {
            format!("{}. {can}", parts.join(", "))
        }
    }
}

/// Where a pupil stands with the values on screen (saved or not).
pub fn status_of(u: &UpdatePupilConsent) -> ShowStatus {
    ShowStatus::of(u.photo_consent, u.looked_after, u.do_not_show)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use hometime_policy::{Pack, Severity};

    fn info<'a>(name: &'a str, mime: &'a str, size: u64) -> FileInfo<'a> {
        FileInfo { name, mime, size }
    }

    #[test]
    fn only_photos_of_a_usable_type_and_size_are_attached() {
        let big = MAX_PHOTO_BYTES as u64 + 1;
        // (already attached, files chosen, indices taken, refusals)
        type Case<'a> = (usize, Vec<FileInfo<'a>>, Vec<usize>, Vec<Refusal>);
        let cases: Vec<Case<'_>> = vec![
            (0, vec![info("a.jpg", "image/jpeg", 10)], vec![0], vec![]),
            (0, vec![info("a.PNG", "", 10)], vec![0], vec![]),
            (0, vec![info("b.webp", "image/webp", 10)], vec![0], vec![]),
            (
                0,
                vec![info("notes.txt", "text/plain", 10)],
                vec![],
                vec![Refusal::NotAPhoto("notes.txt".into())],
            ),
            // A text file renamed .jpg still says text/plain: refused before any upload.
            (
                0,
                vec![info("photo.jpg", "text/plain", 10)],
                vec![],
                vec![Refusal::NotAPhoto("photo.jpg".into())],
            ),
            (
                0,
                vec![info("IMG_1.HEIC", "image/heic", 10)],
                vec![],
                vec![Refusal::NotAPhoto("IMG_1.HEIC".into())],
            ),
            (
                0,
                vec![info("huge.jpg", "image/jpeg", big)],
                vec![],
                vec![Refusal::TooLarge("huge.jpg".into())],
            ),
            (
                9,
                vec![
                    info("a.jpg", "image/jpeg", 1),
                    info("b.jpg", "image/jpeg", 1),
                ],
                vec![0],
                vec![Refusal::TooMany(1)],
            ),
            (
                1,
                vec![
                    info("x.gif", "image/gif", 1),
                    info("a.jpg", "image/jpeg", 1),
                    info("b.png", "image/png", 1),
                ],
                vec![1, 2],
                vec![Refusal::NotAPhoto("x.gif".into())],
            ),
        ];
        for (already, files, taken, refused) in cases {
            assert_eq!(admit(already, &files), (taken, refused), "{files:?}");
        }
        assert!(Refusal::TooMany(1).text().contains("1 photo was left out"));
        assert!(
            Refusal::TooMany(3)
                .text()
                .contains("3 photos were left out")
        );
        assert!(
            Refusal::NotAPhoto("a.txt".into())
                .text()
                .contains("JPEG, PNG or WebP")
        );
        assert!(Refusal::TooLarge("a.jpg".into()).text().contains("15 MB"));
    }

    fn engine() -> Engine {
        let pack = Pack::from_json(include_str!("../crates/policy/data/pack.json")).unwrap();
        Engine::new(&pack).unwrap()
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 4)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_parents_photo_is_blocked_in_class_chat_and_fine_in_a_private_thread() {
        let e = engine();
        let chat = photo_findings(&e, AuthorRole::Parent, Context::ClassChat, 1, &[], now());
        assert_eq!(chat.len(), 1, "{chat:?}");
        assert_eq!(chat[0].rule, RuleId::PhotoInSharedSpace);
        assert_eq!(chat[0].severity, Severity::Block);
        assert!(
            chat[0].guidance.contains("directly with the teacher"),
            "{}",
            chat[0].guidance
        );
        assert_eq!(chat[0].action, Some(hometime_policy::Action::SendPrivately));

        let private = photo_findings(
            &e,
            AuthorRole::Parent,
            Context::PrivateMessage,
            2,
            &[],
            now(),
        );
        assert!(private.is_empty(), "{private:?}");
        // Nothing attached, nothing said.
        assert!(
            photo_findings(&e, AuthorRole::Parent, Context::ClassChat, 0, &[], now()).is_empty()
        );
        // Staff in class chat are not parents sharing their own child's photo.
        assert!(
            photo_findings(&e, AuthorRole::Teacher, Context::ClassChat, 1, &[], now()).is_empty()
        );
    }

    #[test]
    fn a_server_refusal_names_the_photo_it_is_about() {
        let f = |field: &str| FieldError {
            field: field.into(),
            code: "unsupported_image".into(),
            message: String::new(),
        };
        assert_eq!(refused_photo(&[f("photo[2]")]), Some(2));
        assert_eq!(refused_photo(&[f("body"), f("photo[0]")]), Some(0));
        assert_eq!(refused_photo(&[f("photo")]), None);
        assert_eq!(refused_photo(&[f("photo[x]")]), None);
    }

    #[test]
    fn consent_counts_and_words() {
        use ShowStatus::*;
        let c = ConsentCounts::of([
            MayBeShown,
            MayBeShown,
            NoConsent,
            ConsentNotAsked,
            NeverShown,
        ]);
        assert_eq!(c.not_shown(), 3);
        assert_eq!(c.headline(), "3 pupils can't be shown");
        assert_eq!(
            c.detail(),
            "1 no, 1 not asked yet, 1 never shown. 2 can be shown."
        );
        let one = ConsentCounts::of([MayBeShown, NeverShown]);
        assert_eq!(one.headline(), "1 pupil can't be shown");
        assert_eq!(one.detail(), "1 never shown. 1 can be shown.");
        let all = ConsentCounts::of([MayBeShown]);
        assert_eq!(all.headline(), "Every pupil can be shown");
        assert_eq!(all.detail(), "1 can be shown.");
        for a in [
            PhotoConsentAnswer::Yes,
            PhotoConsentAnswer::No,
            PhotoConsentAnswer::NotAsked,
        ] {
            assert_eq!(answer_of(answer_word(a)), a);
        }
        let u = UpdatePupilConsent {
            photo_consent: PhotoConsentAnswer::Yes,
            looked_after: false,
            do_not_show: true,
        };
        assert_eq!(status_of(&u), NeverShown);
        assert!(status_meaning(NeverShown).contains("even shared privately"));
        assert_eq!(status_label(NoConsent), "No photo permission");
        assert_eq!(alt_text(0, 1, "Sam Fisher"), "Photo from Sam Fisher");
        assert_eq!(alt_text(1, 3, "Sam Fisher"), "Photo 2 of 3 from Sam Fisher");
    }
}
