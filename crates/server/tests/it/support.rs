//! `TestApp`: a real server on a fresh database with a controllable clock, and a signed-in client per role.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use chrono::{Datelike, TimeZone};
use chrono_tz::Europe::London;

use hometime_api::{ClassCodeOpened, Me, PupilChoices};
use hometime_server::config::{PasswordCost, RateLimits};
use hometime_server::{Clock, Config, ManualClock, Server};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use sqlx::{Connection, Executor, PgConnection};

pub const PASSWORD: &str = "Brookfield2026";

/// Demo accounts by role.
pub const TEACHER: &str = "daly@brookfield.example.sch.uk";
pub const OTHER_TEACHER: &str = "achebe@brookfield.example.sch.uk";
pub const LEADER: &str = "head@brookfield.example.sch.uk";
pub const OFFICE: &str = "carver@brookfield.example.sch.uk";
pub const SUPPORT: &str = "singh@brookfield.example.sch.uk";
pub const PARENT: &str = "sam.fisher@example.com";

/// Demo ids (the seed is deterministic): Kestrel is class 1 (Mr Daly), Kingfisher 2, Robin 3. Kestrel's
/// pupils are 1..=25: Ivy (1) has two adults, Autumn (4) none, Mason (8) one.
pub const KESTREL: i64 = 1;
pub const KINGFISHER: i64 = 2;
pub const IVY: i64 = 1;
pub const AUTUMN: i64 = 4;
pub const MASON: i64 = 8;
pub const KINGFISHER_PUPIL: i64 = 30;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name no other test run uses: `prefix`, the process id, a counter and the clock's nanoseconds.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

/// Runs `case` with a fresh SQLite URL, then with a fresh PostgreSQL database if `TEST_POSTGRES_URL` is
/// set, removing each database afterwards (also when the case fails).
pub async fn on_each_db<F, Fut>(case: F)
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = std::env::temp_dir().join(unique("hometime_it"));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let outcome = tokio::spawn(case(url)).await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }

    let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| {
            use std::io::Write;
            // Written to the handle directly so the test harness's capture does not hide it.
            let _ = writeln!(
                std::io::stderr(),
                "postgres server tests SKIPPED: TEST_POSTGRES_URL not set"
            );
        });
        return;
    };
    let name = unique("hometime_it");
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .expect("connect to TEST_POSTGRES_URL");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create database");
    let outcome = tokio::spawn(case(replace_database(&admin_url, &name))).await;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await
        .expect("drop database");
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// `url` with its database name replaced by `db`, keeping any query string.
pub fn replace_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = base[scheme_end..]
        .find('/')
        .map_or(base, |i| &base[..scheme_end + i]);
    match query {
        Some(q) => format!("{base}/{db}?{q}"),
        None => format!("{base}/{db}"),
    }
}

/// Declares each listed `async fn name(db: String)` as a test run on every available database.
#[macro_export]
macro_rules! app_tests {
    ($($name:ident),+ $(,)?) => {
        mod run {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    $crate::support::on_each_db(super::$name).await;
                }
            )+
        }
    };
}

/// A built app to serve: an index with an inline script, hashed assets (one precompressed), a service worker.
pub const INDEX_HTML: &str = "<!doctype html><html lang=\"en\"><head><title>Hometime</title>\
<script type=\"module\">import init from '/hometime-0123456789abcdef.js'; init();</script></head>\
<body></body></html>";
pub const INLINE_SCRIPT: &str = "import init from '/hometime-0123456789abcdef.js'; init();";

fn write_dist(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(
        dir.join("hometime-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(
        dir.join("hometime-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dir.join("hometime-0123456789abcdef_bg.wasm.br"),
        b"brotli-bytes",
    )
    .unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
}

pub struct TestApp {
    pub base: String,
    pub clock: Arc<ManualClock>,
    /// Kept so the server lives as long as the test; the runtime stops it when the test ends.
    _server: Server,
    pub dist: PathBuf,
}

impl TestApp {
    pub async fn start(db: &str) -> TestApp {
        Self::start_with(db, |_| {}).await
    }

    /// Starts with settings changed by `tweak` (attempt limits, no app folder, ...).
    pub async fn start_with(db: &str, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dist = std::env::temp_dir().join(unique("hometime_dist"));
        write_dist(&dist);
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        let mut config = Config::new(addr, db.to_owned(), dist.clone());
        config.password = PasswordCost::TEST;
        // Generous by default so ordinary tests never trip them; the limit tests tighten them.
        config.limits = RateLimits {
            window: Duration::from_secs(900),
            per_account: 50,
            per_address: 200,
            global: 1000,
        };
        tweak(&mut config);
        let clock = Arc::new(ManualClock::new());
        let server = Server::start(config, clock.clone())
            .await
            .expect("server starts");
        TestApp {
            base: server.url(),
            clock,
            _server: server,
            dist,
        }
    }

    /// The running server's state (store and clock), for tests that run scheduled jobs directly.
    pub fn state(&self) -> &hometime_server::AppState {
        self._server.state()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// A client with its own cookie jar, like a fresh browser.
    pub fn client(&self) -> Client {
        Self::client_from(Ipv4Addr::LOCALHOST)
    }

    /// A client whose connections come from another loopback address (a different "device").
    pub fn client_from(ip: Ipv4Addr) -> Client {
        Client::builder()
            .cookie_store(true)
            .local_address(IpAddr::V4(ip))
            .build()
            .unwrap()
    }

    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        client
            .post(self.api("/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let res = self.login(&client, email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "{email} signs in");
        client
    }

    /// Opens Kestrel's class code as its teacher and returns it.
    pub async fn open_kestrel_code(&self, minutes: u32) -> String {
        let teacher = self.signed_in(TEACHER).await;
        let res = teacher
            .post(self.api(&format!("/classes/{KESTREL}/pupil-code")))
            .json(&json!({"minutes": minutes}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.json::<ClassCodeOpened>().await.unwrap().code
    }

    /// A client signed in as Ivy, through the class-code flow.
    pub async fn pupil(&self) -> Client {
        let code = self.open_kestrel_code(30).await;
        let client = self.client();
        let choices: PupilChoices = client
            .post(self.api("/pupil-auth/class"))
            .json(&json!({"code": code}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(choices.pupils.iter().any(|p| p.id.0 == IVY));
        let res = client
            .post(self.api("/pupil-auth/pick"))
            .json(&json!({"code": code, "pupil_id": IVY}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        client
    }

    pub async fn me(&self, client: &Client) -> Result<Me, StatusCode> {
        let res = client.get(self.api("/me")).send().await.unwrap();
        if res.status() == StatusCode::OK {
            Ok(res.json().await.unwrap())
        } else {
            Err(res.status())
        }
    }

    /// Marks a thread read as `client` and returns the response.
    pub async fn mark_read(&self, client: &Client, thread: i64) -> Response {
        client
            .post(self.api(&format!("/threads/{thread}/read")))
            .send()
            .await
            .unwrap()
    }

    /// Issues an invite for a pupil as `staff` and returns the response.
    pub async fn invite(&self, staff: &Client, pupil: i64) -> Response {
        staff
            .post(self.api(&format!("/pupils/{pupil}/invites")))
            .send()
            .await
            .unwrap()
    }

    pub async fn invite_code(&self, staff: &Client, pupil: i64) -> String {
        let res = self.invite(staff, pupil).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn join(&self, client: &Client, code: &str, email: &str) -> Response {
        client
            .post(self.api("/auth/join"))
            .json(&json!({
                "invite_code": code,
                "display_name": "Pat Example",
                "email": email,
                "password": "Kestrel2026",
            }))
            .send()
            .await
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dist);
    }
}

/// GETs `url` and reads the answer's JSON body (its status is not checked).
pub async fn get_json<T: serde::de::DeserializeOwned>(
    client: &Client,
    url: impl reqwest::IntoUrl,
) -> T {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

/// GETs `url` and returns the answer's status.
pub async fn status_of(client: &Client, url: impl reqwest::IntoUrl) -> StatusCode {
    client.get(url).send().await.unwrap().status()
}

/// Posts `body` as JSON to `url`.
pub async fn post(client: &Client, url: String, body: Value) -> Response {
    client.post(url).json(&body).send().await.unwrap()
}

/// Moves the test clock forward to the next `weekday` (0 = Monday) at `hh:mm` London time.
pub fn advance_to(app: &TestApp, weekday: u32, hh: u32, mm: u32) {
    let now = chrono::DateTime::from_timestamp_millis(app.clock.now_ms()).unwrap();
    let mut day = now.with_timezone(&London).date_naive() + chrono::Duration::days(1);
    while day.weekday().num_days_from_monday() != weekday {
        day = day.succ_opt().unwrap();
    }
    let target = London
        .from_local_datetime(&day.and_hms_opt(hh, mm, 0).unwrap())
        .earliest()
        .unwrap();
    let by = target.timestamp_millis() - app.clock.now_ms();
    assert!(by > 0);
    app.advance(Duration::from_millis(u64::try_from(by).unwrap()));
}

/// The error body of a response, after checking its status.
pub async fn error_of(res: Response, status: StatusCode) -> Value {
    assert_eq!(res.status(), status, "status");
    let body: Value = res.json().await.expect("JSON error body");
    assert!(
        body["code"].is_string() && body["message"].is_string(),
        "{body}"
    );
    body
}

/// The session token a response set, if any.
pub fn session_cookie(res: &Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("hometime_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
}

/// One file for an upload: its bytes, file name and media type.
pub type Upload<'a> = (Vec<u8>, &'a str, &'a str);

/// A JPEG file for an upload, named as a phone names its photos.
pub fn jpeg(bytes: Vec<u8>) -> Upload<'static> {
    (bytes, "IMG_0001.jpg", "image/jpeg")
}

/// A multipart upload as the app sends one: the JSON part (`story`, `message`) when there is one, then a
/// `photo` part per file, in order.
pub fn upload_form(json_part: Option<(&str, &Value)>, photos: Vec<Upload<'_>>) -> Form {
    let mut form = Form::new();
    if let Some((name, value)) = json_part {
        form = form.part(
            name.to_owned(),
            Part::text(value.to_string())
                .mime_str("application/json")
                .unwrap(),
        );
    }
    for (bytes, name, mime) in photos {
        form = form.part(
            "photo",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str(mime)
                .unwrap(),
        );
    }
    form
}

/// Sends a multipart upload (see [`upload_form`]).
pub async fn post_form(client: &Client, url: String, form: Form) -> Response {
    client.post(url).multipart(form).send().await.unwrap()
}

/// Opens (or finds) the thread between `parent` and `pupil`'s teacher and returns its id.
pub async fn start_thread(app: &TestApp, parent: &Client, pupil: i64) -> i64 {
    let res = post(parent, app.api("/threads"), json!({"pupil_id": pupil})).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}
