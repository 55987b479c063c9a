//! The demo school, seeded on a fresh install: Brookfield Community Primary (fictional), three classes of
//! 25 pupils, their staff and most of their parents. Every name is fictional and everything is
//! deterministic (no clock beyond the `now` passed in, no randomness), so two seeds give the same school.
//!
//! The whole seed runs in one transaction: a crash half-way leaves an empty database, which is seeded
//! again at the next start, never a half-made school.

use hometime_domain::{SchoolId, StaffRole};

use crate::BeginWrite as _;
use crate::people::PhotoConsent;
use crate::{Millis, Store, StoreError, on_pool};

/// Every demo account's password. Printed in the README; never use the demo seed for real data.
pub const DEMO_PASSWORD: &str = "Brookfield2026";

pub const SCHOOL_NAME: &str = "Brookfield Community Primary (fictional)";

/// The school's policy settings, in the shape of the policy pack's `school` object.
pub const SCHOOL_SETTINGS_JSON: &str = r#"{
  "name": "Brookfield Community Primary (fictional)",
  "timezone": "Europe/London",
  "office_phone": "01632 960777",
  "office_email": "office@brookfield.example.sch.uk",
  "office_contact_name": "Mrs Carver (office manager)",
  "nursing_team_phone": "01632 960778",
  "dsl": "Ms Okoro (Deputy Head, Designated Safeguarding Lead)",
  "safeguarding_system": "MyConcern",
  "working_hours": {"days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "start": "08:00", "end": "17:00"},
  "response_expectation": "within 48 hours, working days only",
  "names_in_shared_spaces": "none",
  "allowlisted_contacts": ["01632 960777", "01632 960778", "office@brookfield.example.sch.uk"],
  "other_class_names": ["Kingfisher", "Robin", "Wren", "Heron", "Swift"],
  "staff": [
    {"title": "Mr", "surname": "Daly", "role": "class teacher, Kestrel Class"},
    {"title": "Mrs", "surname": "Singh", "role": "teaching assistant, Kestrel Class"},
    {"title": "Ms", "surname": "Okoro", "role": "Deputy Head and DSL"},
    {"title": "Mrs", "first_name": "Lorna", "surname": "Carver", "role": "office manager"}
  ]
}"#;

/// A member of staff: e-mail, display name, role, and the class they teach (index into [`CLASSES`]).
pub struct DemoStaff {
    pub email: &'static str,
    pub name: &'static str,
    pub role: StaffRole,
    pub teaches: Option<usize>,
}

pub const STAFF: &[DemoStaff] = &[
    DemoStaff {
        email: "daly@brookfield.example.sch.uk",
        name: "Mr Daly",
        role: StaffRole::Teacher,
        teaches: Some(0),
    },
    DemoStaff {
        email: "achebe@brookfield.example.sch.uk",
        name: "Mrs Achebe",
        role: StaffRole::Teacher,
        teaches: Some(1),
    },
    DemoStaff {
        email: "lindqvist@brookfield.example.sch.uk",
        name: "Mr Lindqvist",
        role: StaffRole::Teacher,
        teaches: Some(2),
    },
    DemoStaff {
        email: "head@brookfield.example.sch.uk",
        name: "Mrs Hollis",
        role: StaffRole::Leader,
        teaches: None,
    },
    DemoStaff {
        email: "okoro@brookfield.example.sch.uk",
        name: "Ms Okoro",
        role: StaffRole::Leader,
        teaches: None,
    },
    DemoStaff {
        email: "carver@brookfield.example.sch.uk",
        name: "Mrs Carver",
        role: StaffRole::Office,
        teaches: None,
    },
    DemoStaff {
        email: "singh@brookfield.example.sch.uk",
        name: "Mrs Singh",
        role: StaffRole::Support,
        teaches: None,
    },
];

/// A class: name and year group.
pub const CLASSES: &[(&str, u8)] = &[("Kestrel", 2), ("Kingfisher", 4), ("Robin", 1)];

/// (first name, surname, preferred name, photo consent) per pupil. Kestrel's are the first 25 pupils of
/// the policy pack's example roster, so the policy examples and the demo agree.
type DemoPupil = (&'static str, &'static str, &'static str, bool);

const KESTREL: [DemoPupil; 25] = [
    ("Ivy", "Fisher", "Ivy", true),
    ("Ruby", "Lane", "Ruby", true),
    ("Jade", "Mills", "Jade", false),
    ("Autumn", "Cook", "Autumn", true),
    ("Francis", "Turner", "Frankie", true),
    ("Mark", "Bell", "Mark", true),
    ("Joy", "Adeleke", "Joy", true),
    ("Mason", "Hunter", "Mason", true),
    ("Isabella", "Field", "Bella", true),
    ("Yusuf", "Ali", "Yusuf", true),
    ("Yousef", "Hassan", "Yousef", false),
    ("Chloé", "Martin", "Chloé", true),
    ("Niamh", "Byrne", "Niamh", true),
    ("Saoirse", "Kelly", "Saoirse", true),
    ("Chukwuemeka", "Obi", "Emeka", true),
    ("An", "Tran", "An", true),
    ("Kacper", "Nowak", "Kacper", true),
    ("Zuzanna", "Wójcik", "Zuzia", true),
    ("Priya", "Sharma", "Priya", true),
    ("Aisha", "Begum", "Aisha", true),
    ("Samuel", "Brooks", "Sam", true),
    ("Samantha", "Reed", "Sammy", true),
    ("Charlotte", "Webb", "Lottie", true),
    ("Harrison", "Stone", "Harry", true),
    ("Sunny", "Patel", "Sunny", true),
];

const KINGFISHER: [DemoPupil; 25] = [
    ("Olivia", "Grant", "Olivia", true),
    ("Noah", "Osei", "Noah", true),
    ("Amelia", "Price", "Millie", true),
    ("Oscar", "Dunn", "Oscar", true),
    ("Maya", "Kaur", "Maya", true),
    ("Theo", "Russo", "Theo", false),
    ("Freya", "Lloyd", "Freya", true),
    ("Ibrahim", "Khan", "Ibrahim", true),
    ("Poppy", "Shaw", "Poppy", true),
    ("Elijah", "Mensah", "Eli", true),
    ("Grace", "Doyle", "Grace", true),
    ("Arlo", "Fernandes", "Arlo", true),
    ("Hana", "Suzuki", "Hana", true),
    ("Reuben", "Clarke", "Reuben", true),
    ("Zara", "Ahmed", "Zara", true),
    ("Finley", "Moss", "Finn", true),
    ("Layla", "Novak", "Layla", false),
    ("Rowan", "Pike", "Rowan", true),
    ("Evie", "Holt", "Evie", true),
    ("Kofi", "Asante", "Kofi", true),
    ("Isla", "Murray", "Isla", true),
    ("Leon", "Schmidt", "Leon", true),
    ("Nia", "Evans", "Nia", true),
    ("Toby", "Marsh", "Toby", true),
    ("Anaya", "Joshi", "Anaya", true),
];

const ROBIN: [DemoPupil; 25] = [
    ("Leo", "Fisher", "Leo", true),
    ("Ada", "Quinn", "Ada", true),
    ("Milo", "Hart", "Milo", true),
    ("Esme", "Rahman", "Esme", true),
    ("Jonah", "Ellis", "Jonah", true),
    ("Iris", "Kowalski", "Iris", true),
    ("Ezra", "Blake", "Ezra", false),
    ("Lina", "Haddad", "Lina", true),
    ("Arthur", "Wood", "Arthur", true),
    ("Mei", "Chen", "Mei", true),
    ("Otis", "Barker", "Otis", true),
    ("Nell", "Foster", "Nell", true),
    ("Rafael", "Silva", "Rafa", true),
    ("Willow", "Hughes", "Willow", true),
    ("Kai", "Walker", "Kai", true),
    ("Sofia", "Romano", "Sofia", true),
    ("Idris", "Jama", "Idris", true),
    ("Martha", "Green", "Martha", true),
    ("Ayaan", "Mistry", "Ayaan", true),
    ("Beatrice", "Cole", "Bea", true),
    ("Felix", "Young", "Felix", true),
    ("Orla", "Byrne", "Orla", true),
    ("Yara", "Nasser", "Yara", true),
    ("Jude", "Palmer", "Jude", false),
    ("Edie", "Ward", "Edie", true),
];

/// The pupils of each class in [`CLASSES`] order.
pub const PUPILS: [&[DemoPupil; 25]; 3] = [&KESTREL, &KINGFISHER, &ROBIN];

type NamedParent = (&'static str, &'static str, &'static [(usize, usize)]);

/// Named demo parents: e-mail, display name, and the pupils (class index, pupil index) they are linked to.
pub const NAMED_PARENTS: &[NamedParent] = &[
    ("sam.fisher@example.com", "Sam Fisher", &[(0, 0), (2, 0)]),
    ("alex.lane@example.com", "Alex Lane", &[(0, 1)]),
];

const PARENT_GIVEN_NAMES: [&str; 12] = [
    "Jordan", "Casey", "Morgan", "Riley", "Taylor", "Jamie", "Avery", "Quinn", "Rowan", "Hayden",
    "Drew", "Emerson",
];

const AVATAR_COLOURS: [&str; 8] = [
    "#6c5ce7", "#00b894", "#e17055", "#0984e3", "#fdcb6e", "#e84393", "#00cec9", "#2d3436",
];

/// How many linked adults a pupil gets in the demo, by its position in the whole school (0..75): most
/// have two, every tenth from the fourth has none and every tenth from the eighth has one, so invites can
/// be demonstrated.
pub fn demo_adult_count(school_index: usize) -> usize {
    match school_index % 10 {
        3 => 0,
        7 => 1,
        _ => 2,
    }
}

/// The avatar the demo gives a pupil, as the JSON the api crate's `Avatar` reads.
pub fn demo_avatar_json(school_index: usize) -> String {
    let i = school_index;
    format!(
        r#"{{"body":{},"eyes":{},"mouth":{},"accessory":{},"colour":"{}"}}"#,
        i % 4,
        (i / 4) % 4,
        i % 3,
        i % 5,
        AVATAR_COLOURS[i % AVATAR_COLOURS.len()]
    )
}

fn demo_consent(school_index: usize, pack_consent: bool) -> PhotoConsent {
    if !pack_consent {
        PhotoConsent::No
    } else if school_index % 17 == 9 {
        PhotoConsent::NotAsked
    } else {
        PhotoConsent::Yes
    }
}

/// The demo school's skills: name and kind (`positive` or `needs_work`).
pub const SKILLS: &[(&str, &str)] = &[
    ("Kindness", "positive"),
    ("Teamwork", "positive"),
    ("Working hard", "positive"),
    ("Great listening", "positive"),
    ("Perseverance", "positive"),
    ("Off task", "needs_work"),
    ("Unkind words", "needs_work"),
];

const HOUR_MS: Millis = 3_600_000;

/// The demo stories, oldest first: (class index into [`CLASSES`], or `None` for the School Story; the
/// author's e-mail in [`STAFF`]; how many hours ago; the text). Text only, and no pupil is named, so they
/// pass the policy engine as any post would.
pub const DEMO_STORIES: &[(Option<usize>, &str, i64, &str)] = &[
    (
        None,
        "head@brookfield.example.sch.uk",
        50,
        "Welcome to Hometime! This is our School Story, where we share news from across Brookfield. \
         The library is open after school on Tuesdays and Thursdays, and everyone is welcome at the \
         summer fair.",
    ),
    (
        Some(0),
        "daly@brookfield.example.sch.uk",
        26,
        "Reading challenge: every book read at home this half term earns a sticker on our class rocket. \
         We are nearly at the moon!",
    ),
    (
        Some(0),
        "daly@brookfield.example.sch.uk",
        4,
        "This week Kestrel Class planted sunflower seeds and measured them every morning. The tallest \
         is already 12 cm! Ask your child which one is theirs.",
    ),
];
/// A factual, positive note on the first pupil of each class (Ivy Fisher in Kestrel).
pub const DEMO_POSITIVE_NOTE: &str = "Helped tidy the reading corner without being asked.";
/// A factual needs-work note with a next step, on the second pupil of each class (Ruby Lane in Kestrel).
pub const DEMO_NEEDS_WORK_NOTE: &str =
    "Needed two reminders to stay on task; we agreed a quiet signal.";

/// How many plain positive points a demo pupil has (0 to 3), by position in the whole school.
pub fn demo_point_count(school_index: usize) -> usize {
    (school_index * 7) % 4
}

/// How long ago a demo pupil's `k`th point was given: within the last few days, never in the future.
fn demo_point_age_ms(pupil_index: usize, k: usize) -> Millis {
    let minutes = i64::try_from((k + 1) * 180 + pupil_index * 10).unwrap_or(0);
    HOUR_MS / 60 * minutes + 3 * HOUR_MS
}

/// Seeds the demo school into an empty database and returns its id. `password_hash` is the hash of
/// [`DEMO_PASSWORD`], computed once by the caller (hashing it per account would make seeding slow).
pub async fn demo(store: &Store, password_hash: &str, now: Millis) -> Result<SchoolId, StoreError> {
    on_pool!(store, |pool| {
        let mut tx = pool.begin_write().await?;
        macro_rules! insert_id {
            ($sql:expr, $($arg:expr),+) => {{
                let id: i64 = sqlx::query_scalar($sql)$(.bind($arg))+.fetch_one(&mut *tx).await?;
                id
            }};
        }
        macro_rules! exec {
            ($sql:expr, $($arg:expr),+) => {{
                sqlx::query($sql)$(.bind($arg))+.execute(&mut *tx).await?;
            }};
        }
        const USER: &str = "INSERT INTO users (email, display_name, password_hash, created_at) \
                            VALUES ($1, $2, $3, $4) RETURNING id";
        const GUARDIAN: &str =
            "INSERT INTO guardians (user_id, pupil_id, linked_at) VALUES ($1, $2, $3)";

        let school = insert_id!(
            "INSERT INTO schools (name, settings, created_at) VALUES ($1, $2, $3) RETURNING id",
            SCHOOL_NAME,
            SCHOOL_SETTINGS_JSON,
            now
        );
        let mut classes = Vec::new();
        for (name, year) in CLASSES {
            classes.push(insert_id!(
                "INSERT INTO classes (school_id, name, year_group, created_at) VALUES ($1, $2, $3, $4) \
                 RETURNING id",
                school,
                *name,
                i64::from(*year),
                now
            ));
        }
        let mut teachers = vec![None; CLASSES.len()];
        let mut staff_ids = Vec::new();
        for s in STAFF {
            let user = insert_id!(USER, s.email, s.name, password_hash, now);
            staff_ids.push((s.email, user));
            exec!(
                "INSERT INTO staff (user_id, school_id, role) VALUES ($1, $2, $3)",
                user,
                school,
                s.role.as_str()
            );
            if let Some(c) = s.teaches {
                teachers[c] = Some(user);
                exec!(
                    "INSERT INTO class_teachers (class_id, user_id) VALUES ($1, $2)",
                    classes[c],
                    user
                );
            }
        }

        let mut pupil_ids = Vec::new();
        let mut school_index = 0;
        for (c, pupils) in PUPILS.iter().enumerate() {
            let mut ids = Vec::new();
            for (first, surname, preferred, consent) in pupils.iter() {
                ids.push(insert_id!(
                    "INSERT INTO pupils (class_id, first_name, surname, preferred_name, avatar, photo_consent, \
                     looked_after, do_not_show) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    classes[c],
                    *first,
                    *surname,
                    *preferred,
                    demo_avatar_json(school_index),
                    demo_consent(school_index, *consent).as_str(),
                    school_index % 25 == 14,
                    school_index % 25 == 10 && !*consent
                ));
                school_index += 1;
            }
            pupil_ids.push(ids);
        }

        // Named parents first, so they count towards their children's two places.
        let mut linked = vec![vec![0usize; 25]; PUPILS.len()];
        for (email, name, children) in NAMED_PARENTS {
            let user = insert_id!(USER, *email, *name, password_hash, now);
            for &(c, p) in children.iter() {
                exec!(GUARDIAN, user, pupil_ids[c][p], now);
                linked[c][p] += 1;
            }
        }
        let mut parent_number = 0;
        let mut school_index = 0;
        for (c, pupils) in PUPILS.iter().enumerate() {
            for (p, (_, surname, _, _)) in pupils.iter().enumerate() {
                while linked[c][p] < demo_adult_count(school_index) {
                    parent_number += 1;
                    let email = format!("parent.{parent_number}@example.com");
                    let given = PARENT_GIVEN_NAMES[parent_number % PARENT_GIVEN_NAMES.len()];
                    let name = format!("{given} {surname}");
                    let user = insert_id!(USER, email, name, password_hash, now);
                    exec!(GUARDIAN, user, pupil_ids[c][p], now);
                    linked[c][p] += 1;
                }
                school_index += 1;
            }
        }

        // Points: the school's skills, and a few recent points per class so the screens are not empty.
        let mut positive = Vec::new();
        let mut needs_work = Vec::new();
        for (name, kind) in SKILLS {
            let id = insert_id!(
                "INSERT INTO skills (school_id, class_id, name, kind, created_by, created_at) \
                 VALUES ($1, NULL, $2, $3, NULL, $4) RETURNING id",
                school,
                *name,
                *kind,
                now
            );
            if *kind == "positive" {
                positive.push(id);
            } else {
                needs_work.push(id);
            }
        }
        const POINT: &str = "INSERT INTO points (pupil_id, class_id, skill_id, awarded_by, note, awarded_at) \
                             VALUES ($1, $2, $3, $4, $5, $6)";
        for (c, ids) in pupil_ids.iter().enumerate() {
            let Some(teacher) = teachers[c] else { continue };
            for (p, pupil) in ids.iter().enumerate() {
                for k in 0..demo_point_count(c * 25 + p) {
                    let skill = positive[(p + k) % positive.len()];
                    let at = now - demo_point_age_ms(p, k);
                    exec!(
                        POINT,
                        *pupil,
                        classes[c],
                        skill,
                        teacher,
                        None::<String>,
                        at
                    );
                }
            }
            exec!(
                POINT,
                ids[0],
                classes[c],
                positive[0],
                teacher,
                Some(DEMO_POSITIVE_NOTE),
                now - HOUR_MS
            );
            exec!(
                POINT,
                ids[1],
                classes[c],
                needs_work[0],
                teacher,
                Some(DEMO_NEEDS_WORK_NOTE),
                now - 2 * HOUR_MS
            );
        }
        // A few stories so the School Story and Kestrel's Class Story are not empty.
        for (class, author, hours_ago, body) in DEMO_STORIES {
            let Some(&(_, author)) = staff_ids.iter().find(|(e, _)| e == author) else {
                continue;
            };
            exec!(
                "INSERT INTO stories (school_id, class_id, author_user_id, body, private, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                school,
                class.map(|c| classes[c]),
                author,
                *body,
                false,
                now - hours_ago * HOUR_MS
            );
        }
        tx.commit().await?;
        Ok(SchoolId(school))
    })
}
