//! Every URL in the app, defined once: the router is built from these segments and links are built from
//! [`AppRoute::path`], so a path can never be spelt two ways.

use hometime_api::Me;
use hometime_domain::{ClassId, Home};

/// Path segments shared by the router (`lib.rs`) and [`AppRoute::path`].
pub mod seg {
    pub const SIGN_IN: &str = "sign-in";
    pub const JOIN: &str = "join";
    pub const PUPIL: &str = "pupil";
    pub const HOME: &str = "home";
    pub const PARENT: &str = "parent";
    pub const TEACHER: &str = "teacher";
    pub const CLASSES: &str = "classes";
    pub const LEADER: &str = "leader";
    pub const MESSAGES: &str = "messages";
    pub const CHAT: &str = "chat";
    pub const INBOX: &str = "inbox";
    pub const PHOTO_CONSENT: &str = "photo-consent";
    pub const AVATAR: &str = "avatar";
    pub const POINTS: &str = "points";
    pub const DISPLAY: &str = "display";
    pub const STORIES: &str = "stories";
    pub const SCHOOL: &str = "school";
    pub const CLASS: &str = "class";
    /// The name of the class id parameter in `/teacher/classes/:id`.
    pub const CLASS_ID_PARAM: &str = "id";
}

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppRoute {
    /// `/`: sends people to their home, or to sign in.
    Root,
    SignIn,
    Join,
    /// The pupil sign-in: class code, then tap your own avatar.
    PupilSignIn,
    /// The pupil's points (their home) and their avatar editor: the pupil app's only two screens.
    PupilHome,
    PupilAvatar,
    ParentHome,
    TeacherHome,
    /// A class list, for its teacher and for leaders.
    Class(ClassId),
    /// The teacher's points grid for a class (tablet).
    Points(ClassId),
    /// The full-screen class display for the classroom board: positive totals only.
    Display(ClassId),
    /// A parent's private threads with their children's teachers.
    Messages,
    /// One private thread (parent and class teacher, about one pupil).
    Thread(i64),
    /// A class's chat, for its parents, its teacher and leaders.
    ClassChat(ClassId),
    /// Staff: threads across their classes, with unread counts.
    Inbox,
    /// The office's and leaders' photo-consent records, one class at a time.
    PhotoConsent,
    LeaderHome,
    /// Stories: everything the person may see (a family's School Story and children's Class Stories).
    Stories,
    /// The School Story on its own.
    SchoolStory,
    /// One class's Class Story.
    ClassStory(ClassId),
}

/// Who may see a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Decides for itself (the root redirect).
    Anyone,
    /// Sign-in screens: someone already signed in is sent to their home.
    SignedOut,
    /// Signed-in people whose home is one of these.
    Homes(&'static [Home]),
}

impl AppRoute {
    /// The URL path of this screen.
    pub fn path(self) -> String {
        use seg::*;
        match self {
            AppRoute::Root => "/".to_owned(),
            AppRoute::SignIn => format!("/{SIGN_IN}"),
            AppRoute::Join => format!("/{JOIN}"),
            AppRoute::PupilSignIn => format!("/{PUPIL}"),
            AppRoute::PupilHome => format!("/{PUPIL}/{HOME}"),
            AppRoute::PupilAvatar => format!("/{PUPIL}/{AVATAR}"),
            AppRoute::ParentHome => format!("/{PARENT}"),
            AppRoute::TeacherHome => format!("/{TEACHER}"),
            AppRoute::Class(id) => format!("/{TEACHER}/{CLASSES}/{id}"),
            AppRoute::Points(id) => format!("/{TEACHER}/{CLASSES}/{id}/{POINTS}"),
            AppRoute::Display(id) => format!("/{TEACHER}/{CLASSES}/{id}/{DISPLAY}"),
            AppRoute::Messages => format!("/{MESSAGES}"),
            AppRoute::Thread(id) => format!("/{MESSAGES}/{id}"),
            AppRoute::ClassChat(id) => format!("/{CHAT}/{id}"),
            AppRoute::Inbox => format!("/{TEACHER}/{INBOX}"),
            AppRoute::PhotoConsent => format!("/{PHOTO_CONSENT}"),
            AppRoute::LeaderHome => format!("/{LEADER}"),
            AppRoute::Stories => format!("/{STORIES}"),
            AppRoute::SchoolStory => format!("/{STORIES}/{SCHOOL}"),
            AppRoute::ClassStory(id) => format!("/{STORIES}/{CLASS}/{id}"),
        }
    }

    /// The screen for a path, if the app has one. Used to check the router and links agree.
    pub fn parse(path: &str) -> Option<AppRoute> {
        use seg::*;
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        Some(match parts.as_slice() {
            [] => AppRoute::Root,
            [s] if *s == SIGN_IN => AppRoute::SignIn,
            [s] if *s == JOIN => AppRoute::Join,
            [s] if *s == PUPIL => AppRoute::PupilSignIn,
            [s, h] if *s == PUPIL && *h == HOME => AppRoute::PupilHome,
            [s, a] if *s == PUPIL && *a == AVATAR => AppRoute::PupilAvatar,
            [s] if *s == PARENT => AppRoute::ParentHome,
            [s] if *s == TEACHER => AppRoute::TeacherHome,
            [s, c, id] if *s == TEACHER && *c == CLASSES => {
                AppRoute::Class(ClassId(id.parse().ok()?))
            }
            [s, c, id, p] if *s == TEACHER && *c == CLASSES && *p == POINTS => {
                AppRoute::Points(ClassId(id.parse().ok()?))
            }
            [s, c, id, d] if *s == TEACHER && *c == CLASSES && *d == DISPLAY => {
                AppRoute::Display(ClassId(id.parse().ok()?))
            }
            [s] if *s == MESSAGES => AppRoute::Messages,
            [s, id] if *s == MESSAGES => AppRoute::Thread(id.parse().ok()?),
            [s, id] if *s == CHAT => AppRoute::ClassChat(ClassId(id.parse().ok()?)),
            [s, i] if *s == TEACHER && *i == INBOX => AppRoute::Inbox,
            [s] if *s == PHOTO_CONSENT => AppRoute::PhotoConsent,
            [s] if *s == LEADER => AppRoute::LeaderHome,
            [s] if *s == STORIES => AppRoute::Stories,
            [s, k] if *s == STORIES && *k == SCHOOL => AppRoute::SchoolStory,
            [s, k, id] if *s == STORIES && *k == CLASS => {
                AppRoute::ClassStory(ClassId(id.parse().ok()?))
            }
            _ => return None,
        })
    }

    /// The home screen for a signed-in person.
    pub fn home(home: Home) -> AppRoute {
        match home {
            Home::Parent => AppRoute::ParentHome,
            Home::Pupil => AppRoute::PupilHome,
            Home::Teacher => AppRoute::TeacherHome,
            Home::Leader => AppRoute::LeaderHome,
        }
    }

    /// The page title, so each screen is named in tabs, history and by screen readers.
    pub fn title(self) -> &'static str {
        match self {
            AppRoute::Root => "Hometime",
            AppRoute::SignIn => "Sign in – Hometime",
            AppRoute::Join => "Join – Hometime",
            AppRoute::PupilSignIn => "Pupil sign-in – Hometime",
            AppRoute::PupilHome => "My points – Hometime",
            AppRoute::PupilAvatar => "My monster – Hometime",
            AppRoute::ParentHome => "Your children – Hometime",
            AppRoute::TeacherHome => "Your classes – Hometime",
            AppRoute::Class(_) => "Class – Hometime",
            AppRoute::Points(_) => "Points – Hometime",
            AppRoute::Display(_) => "Class display – Hometime",
            AppRoute::Messages => "Messages – Hometime",
            AppRoute::Thread(_) => "Conversation – Hometime",
            AppRoute::ClassChat(_) => "Class chat – Hometime",
            AppRoute::Inbox => "Inbox – Hometime",
            AppRoute::PhotoConsent => "Photo consent – Hometime",
            AppRoute::LeaderHome => "School overview – Hometime",
            AppRoute::Stories => "Stories – Hometime",
            AppRoute::SchoolStory => "School Story – Hometime",
            AppRoute::ClassStory(_) => "Class Story – Hometime",
        }
    }

    pub fn audience(self) -> Audience {
        match self {
            AppRoute::Root => Audience::Anyone,
            AppRoute::SignIn | AppRoute::Join | AppRoute::PupilSignIn => Audience::SignedOut,
            AppRoute::PupilHome | AppRoute::PupilAvatar => Audience::Homes(&[Home::Pupil]),
            AppRoute::ParentHome => Audience::Homes(&[Home::Parent]),
            AppRoute::TeacherHome => Audience::Homes(&[Home::Teacher]),
            // Leaders open class pages from their school overview.
            AppRoute::Class(_) | AppRoute::Points(_) | AppRoute::Display(_) => {
                Audience::Homes(&[Home::Teacher, Home::Leader])
            }
            // Messaging is for adults only: pupils have no route to any of it.
            AppRoute::Messages => Audience::Homes(&[Home::Parent]),
            AppRoute::Thread(_) | AppRoute::ClassChat(_) => {
                Audience::Homes(&[Home::Parent, Home::Teacher, Home::Leader])
            }
            AppRoute::Inbox => Audience::Homes(&[Home::Teacher, Home::Leader]),
            // The office lands on the staff home; the page itself tells other staff it is not theirs
            // (the server answers them 403).
            AppRoute::PhotoConsent => Audience::Homes(&[Home::Teacher, Home::Leader]),
            AppRoute::LeaderHome => Audience::Homes(&[Home::Leader]),
            // Stories are for families and staff; pupils have no route to them.
            AppRoute::Stories | AppRoute::SchoolStory | AppRoute::ClassStory(_) => {
                Audience::Homes(&[Home::Parent, Home::Teacher, Home::Leader])
            }
        }
    }
}

/// What we know about the session while deciding what to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionView {
    /// `GET /me` has not answered yet.
    Loading,
    SignedOut,
    SignedIn(Home),
}

impl SessionView {
    pub fn of(me: Option<&Me>) -> SessionView {
        me.map_or(SessionView::SignedOut, |me| SessionView::SignedIn(me.home))
    }
}

/// What a guarded screen should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Wait,
    Show,
    Redirect(AppRoute),
}

/// Decides whether a screen is shown, or where the person is sent instead: signed-out people go to the right
/// sign-in, and signed-in people who open someone else's screen go to their own home.
pub fn decide(route: AppRoute, session: SessionView) -> Decision {
    match (route.audience(), session) {
        (_, SessionView::Loading) => Decision::Wait,
        (Audience::Anyone, SessionView::SignedOut) => Decision::Redirect(AppRoute::SignIn),
        (Audience::Anyone, SessionView::SignedIn(home)) => Decision::Redirect(AppRoute::home(home)),
        (Audience::SignedOut, SessionView::SignedOut) => Decision::Show,
        (Audience::SignedOut, SessionView::SignedIn(home)) => {
            Decision::Redirect(AppRoute::home(home))
        }
        (Audience::Homes(homes), SessionView::SignedOut) => {
            // Pupils sign in with a class code, not a password.
            if homes == [Home::Pupil] {
                Decision::Redirect(AppRoute::PupilSignIn)
            } else {
                Decision::Redirect(AppRoute::SignIn)
            }
        }
        (Audience::Homes(homes), SessionView::SignedIn(home)) => {
            if homes.contains(&home) {
                Decision::Show
            } else {
                Decision::Redirect(AppRoute::home(home))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [AppRoute; 12] = [
        AppRoute::PupilAvatar,
        AppRoute::Points(ClassId(3)),
        AppRoute::Display(ClassId(3)),
        AppRoute::Root,
        AppRoute::SignIn,
        AppRoute::Join,
        AppRoute::PupilSignIn,
        AppRoute::PupilHome,
        AppRoute::ParentHome,
        AppRoute::TeacherHome,
        AppRoute::Class(ClassId(42)),
        AppRoute::LeaderHome,
    ];

    /// The pupil app has exactly two screens; every other screen sends a pupil home.
    #[test]
    fn a_pupil_can_open_only_the_two_pupil_screens() {
        let open: Vec<AppRoute> = ALL
            .into_iter()
            .filter(|r| decide(*r, SessionView::SignedIn(Home::Pupil)) == Decision::Show)
            .collect();
        assert_eq!(open, vec![AppRoute::PupilAvatar, AppRoute::PupilHome]);
    }

    #[test]
    fn every_route_round_trips_through_its_path() {
        for route in ALL {
            assert_eq!(AppRoute::parse(&route.path()), Some(route), "{route:?}");
        }
        assert_eq!(AppRoute::parse("/teacher/classes/abc"), None);
        assert_eq!(AppRoute::parse("/nope"), None);
        assert_eq!(AppRoute::Class(ClassId(7)).path(), "/teacher/classes/7");
        assert_eq!(AppRoute::SignIn.title(), "Sign in – Hometime");
    }

    #[test]
    fn people_see_their_own_screens_and_are_sent_home_from_others() {
        use Decision::*;
        use SessionView::*;
        let cases = [
            (AppRoute::Root, Loading, Wait),
            (AppRoute::Root, SignedOut, Redirect(AppRoute::SignIn)),
            (
                AppRoute::Root,
                SignedIn(Home::Teacher),
                Redirect(AppRoute::TeacherHome),
            ),
            (
                AppRoute::Root,
                SignedIn(Home::Pupil),
                Redirect(AppRoute::PupilHome),
            ),
            (AppRoute::SignIn, SignedOut, Show),
            (
                AppRoute::SignIn,
                SignedIn(Home::Parent),
                Redirect(AppRoute::ParentHome),
            ),
            (AppRoute::PupilSignIn, SignedOut, Show),
            (
                AppRoute::Join,
                SignedIn(Home::Leader),
                Redirect(AppRoute::LeaderHome),
            ),
            (AppRoute::ParentHome, SignedOut, Redirect(AppRoute::SignIn)),
            (
                AppRoute::PupilHome,
                SignedOut,
                Redirect(AppRoute::PupilSignIn),
            ),
            (AppRoute::ParentHome, SignedIn(Home::Parent), Show),
            (
                AppRoute::ParentHome,
                SignedIn(Home::Pupil),
                Redirect(AppRoute::PupilHome),
            ),
            (
                AppRoute::TeacherHome,
                SignedIn(Home::Parent),
                Redirect(AppRoute::ParentHome),
            ),
            (
                AppRoute::LeaderHome,
                SignedIn(Home::Teacher),
                Redirect(AppRoute::TeacherHome),
            ),
            (
                AppRoute::TeacherHome,
                SignedIn(Home::Leader),
                Redirect(AppRoute::LeaderHome),
            ),
            (AppRoute::Class(ClassId(1)), SignedIn(Home::Teacher), Show),
            (AppRoute::Class(ClassId(1)), SignedIn(Home::Leader), Show),
            (
                AppRoute::Class(ClassId(1)),
                SignedIn(Home::Pupil),
                Redirect(AppRoute::PupilHome),
            ),
            (
                AppRoute::Class(ClassId(1)),
                SignedIn(Home::Parent),
                Redirect(AppRoute::ParentHome),
            ),
            (AppRoute::PupilAvatar, SignedIn(Home::Pupil), Show),
            (
                AppRoute::PupilAvatar,
                SignedOut,
                Redirect(AppRoute::PupilSignIn),
            ),
            (
                AppRoute::Points(ClassId(1)),
                SignedIn(Home::Pupil),
                Redirect(AppRoute::PupilHome),
            ),
            (
                AppRoute::Display(ClassId(1)),
                SignedIn(Home::Parent),
                Redirect(AppRoute::ParentHome),
            ),
            (AppRoute::Points(ClassId(1)), SignedIn(Home::Teacher), Show),
        ];
        for (route, session, want) in cases {
            assert_eq!(decide(route, session), want, "{route:?} {session:?}");
        }
    }

    #[test]
    fn story_screens_round_trip_and_are_for_families_and_staff_only() {
        for route in [
            AppRoute::Stories,
            AppRoute::SchoolStory,
            AppRoute::ClassStory(ClassId(4)),
        ] {
            assert_eq!(AppRoute::parse(&route.path()), Some(route), "{route:?}");
            assert_eq!(
                decide(route, SessionView::SignedIn(Home::Pupil)),
                Decision::Redirect(AppRoute::PupilHome)
            );
            for home in [Home::Parent, Home::Teacher, Home::Leader] {
                assert_eq!(decide(route, SessionView::SignedIn(home)), Decision::Show);
            }
        }
        assert_eq!(AppRoute::ClassStory(ClassId(4)).path(), "/stories/class/4");
        assert_eq!(AppRoute::parse("/stories/class/x"), None);
    }

    #[test]
    fn the_photo_consent_screen_is_for_staff_only() {
        let route = AppRoute::PhotoConsent;
        assert_eq!(AppRoute::parse(&route.path()), Some(route));
        assert_eq!(route.path(), "/photo-consent");
        for (home, want) in [
            (Home::Teacher, Decision::Show),
            (Home::Leader, Decision::Show),
            (Home::Parent, Decision::Redirect(AppRoute::ParentHome)),
            (Home::Pupil, Decision::Redirect(AppRoute::PupilHome)),
        ] {
            assert_eq!(decide(route, SessionView::SignedIn(home)), want, "{home:?}");
        }
    }

    #[test]
    fn messaging_screens_round_trip_and_are_for_adults_only() {
        let messaging = [
            AppRoute::Messages,
            AppRoute::Thread(12),
            AppRoute::ClassChat(ClassId(3)),
            AppRoute::Inbox,
        ];
        for route in messaging {
            assert_eq!(AppRoute::parse(&route.path()), Some(route), "{route:?}");
            assert_eq!(
                decide(route, SessionView::SignedIn(Home::Pupil)),
                Decision::Redirect(AppRoute::PupilHome),
                "{route:?}"
            );
        }
        assert_eq!(AppRoute::Thread(12).path(), "/messages/12");
        assert_eq!(AppRoute::ClassChat(ClassId(3)).path(), "/chat/3");
        assert_eq!(AppRoute::parse("/messages/x"), None);
        let show = SessionView::SignedIn(Home::Parent);
        assert_eq!(decide(AppRoute::Messages, show), Decision::Show);
        assert_eq!(
            decide(AppRoute::ClassChat(ClassId(3)), show),
            Decision::Show
        );
        assert_eq!(
            decide(AppRoute::Inbox, show),
            Decision::Redirect(AppRoute::ParentHome)
        );
        let teacher = SessionView::SignedIn(Home::Teacher);
        assert_eq!(decide(AppRoute::Inbox, teacher), Decision::Show);
        assert_eq!(decide(AppRoute::Thread(1), teacher), Decision::Show);
        assert_eq!(
            decide(AppRoute::Messages, teacher),
            Decision::Redirect(AppRoute::TeacherHome)
        );
    }
}
