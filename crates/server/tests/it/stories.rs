//! Stories and photos over real HTTP: uploads are stripped of every piece of metadata (read back from the
//! database and as served) and turned upright; bad files are refused with a 4xx naming the photo and leave
//! nothing behind; photo consent blocks a shared post naming the child and allows the private route to
//! families who may see it (never for a child who must never be shown); feeds and photos reach only the
//! people who may see them; likes, comments and the school's comment setting; and every role against
//! every story endpoint.

use hometime_api::{CommentView, LikeState, StoryFeed, StoryView};
use hometime_domain::{ClassId, PhotoId, SchoolId, UserId};
use hometime_media::fixtures::{
    jpeg_with_metadata, metadata_markers, png_claiming, png_with_text, webp,
};
use hometime_server::Clock;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

const ALEX: &str = "alex.lane@example.com";
/// Kestrel pupils by id: Ivy and Ruby may be shown; Jade's family said no; Emeka is looked after.
const RUBY: i64 = 2;
const JADE: i64 = 3;
const EMEKA: i64 = 15;
const SINGH: UserId = UserId(7);

async fn post_story(
    app: &TestApp,
    client: &Client,
    story: Value,
    photos: Vec<Upload<'_>>,
) -> Response {
    let form = upload_form(Some(("story", &story)), photos);
    post_form(client, app.api("/stories"), form).await
}

/// A Kestrel story with one small photo of Ivy, posted by its teacher.
async fn kestrel_photo_story(app: &TestApp, teacher: &Client) -> StoryView {
    let res = post_story(
        app,
        teacher,
        json!({"class_id": KESTREL, "body": "Painting in the sunshine", "photos": [{"pupils": [IVY]}]}),
        vec![jpeg(jpeg_with_metadata(64, 48, 1))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

async fn feed(app: &TestApp, client: &Client, query: &str) -> StoryFeed {
    let res = client
        .get(app.api(&format!("/stories{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "feed {query}");
    res.json().await.unwrap()
}

async fn counts(app: &TestApp) -> (u32, u32) {
    app.state().store.story_and_photo_counts().await.unwrap()
}

/// A signed-in parent of a Kingfisher pupil (no child in Kestrel).
async fn kingfisher_parent(app: &TestApp) -> Client {
    let store = &app.state().store;
    let (_, user, _) = store.guardians_in_class(ClassId(KINGFISHER)).await.unwrap()[0].clone();
    let email = store.user(user).await.unwrap().unwrap().email;
    app.signed_in(&email).await
}

/// Changes one of the school's settings directly in its stored JSON.
async fn set_setting(app: &TestApp, key: &str, value: Value) {
    let store = &app.state().store;
    let school = store.school(SchoolId(1)).await.unwrap().unwrap();
    let mut raw: Value = serde_json::from_str(&school.settings).unwrap();
    raw[key] = value;
    store
        .set_school_settings(SchoolId(1), &raw.to_string())
        .await
        .unwrap();
}

async fn uploads_are_stripped_upright_and_private(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let original = jpeg_with_metadata(640, 480, 6);
    assert!(
        metadata_markers(&original).contains(&"gps"),
        "fixture has GPS"
    );
    let res = post_story(
        &app,
        &teacher,
        json!({
            "class_id": KESTREL,
            "body": "Our class trip",
            "photos": [{"pupils": [IVY]}, {"no_pupils": true}, {"no_pupils": true}],
        }),
        vec![
            jpeg(original),
            (png_with_text(40, 30), "drawing.png", "image/png"),
            (webp(30, 20), "photo.webp", "image/webp"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let story: StoryView = res.json().await.unwrap();
    assert_eq!(story.photos.len(), 3);
    // Orientation 6 is a quarter turn: the stored photo is upright, so its sides are swapped.
    assert_eq!((story.photos[0].width, story.photos[0].height), (480, 640));
    assert_eq!(story.tagged.len(), 1, "staff see who is tagged");
    // The bytes in the database carry no metadata at all, display and thumbnail alike.
    let store = &app.state().store;
    for p in &story.photos {
        for thumb in [false, true] {
            let stored = store.photo_bytes(p.id, thumb).await.unwrap().unwrap();
            assert_eq!(metadata_markers(&stored), Vec::<&str>::new(), "{p:?}");
        }
    }

    // Ivy's parent sees the story (not who is tagged, but that their child is) and gets the photo,
    // watermarked, privately cached and without metadata.
    let sam = app.signed_in(PARENT).await;
    let mine = feed(&app, &sam, &format!("?class_id={KESTREL}")).await;
    let seen = mine.stories.iter().find(|s| s.id == story.id).unwrap();
    assert!(seen.tagged.is_empty() && seen.features_my_child);
    assert_eq!(
        seen.photos[0].download_url, None,
        "no download for families"
    );
    let res = sam.get(app.url(&seen.photos[0].url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/jpeg");
    assert_eq!(h["cache-control"], "private, max-age=300");
    assert_eq!(h["vary"], "Cookie");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-disposition"], "inline");
    let served = res.bytes().await.unwrap();
    assert_eq!(metadata_markers(&served), Vec::<&str>::new());
    let res = sam
        .get(app.url(&seen.photos[0].thumb_url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        metadata_markers(&res.bytes().await.unwrap()),
        Vec::<&str>::new()
    );

    // Downloads: families only when the school allows; staff always.
    let download = format!("{}?download=1", seen.photos[0].url);
    assert_eq!(
        status_of(&sam, app.url(&download)).await,
        StatusCode::FORBIDDEN
    );
    let res = teacher.get(app.url(&download)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    set_setting(&app, "family_photo_downloads", json!(true)).await;
    let mine = feed(&app, &sam, "").await;
    let seen = mine.stories.iter().find(|s| s.id == story.id).unwrap();
    assert_eq!(
        seen.photos[0].download_url.as_deref(),
        Some(download.as_str())
    );
    assert_eq!(status_of(&sam, app.url(&download)).await, StatusCode::OK);

    // A parent of another class sees neither the story nor its photo, which answers as if missing.
    let other = kingfisher_parent(&app).await;
    assert!(
        feed(&app, &other, "")
            .await
            .stories
            .iter()
            .all(|s| s.id != story.id)
    );
    assert!(
        feed(&app, &other, &format!("?class_id={KESTREL}"))
            .await
            .stories
            .is_empty()
    );
    for url in [&story.photos[0].url, &story.photos[0].thumb_url] {
        let res = other.get(app.url(url)).send().await.unwrap();
        let body = error_of(res, StatusCode::NOT_FOUND).await;
        let missing = other.get(app.api("/photos/999999")).send().await.unwrap();
        assert_eq!(error_of(missing, StatusCode::NOT_FOUND).await, body);
    }

    // Taken down by its teacher: gone from feeds, and the photo bytes are deleted.
    let res = teacher
        .delete(app.api(&format!("/stories/{}", story.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        store.photo_bytes(story.photos[0].id, false).await.unwrap(),
        None
    );
    assert_eq!(
        status_of(&sam, app.url(&story.photos[0].url)).await,
        StatusCode::NOT_FOUND
    );
    assert!(
        feed(&app, &sam, "")
            .await
            .stories
            .iter()
            .all(|s| s.id != story.id)
    );
}

async fn bad_files_are_refused_and_leave_nothing(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let before = counts(&app).await;
    let good = jpeg_with_metadata(32, 24, 1);
    let truncated = good[..good.len() / 2].to_vec();
    let mut oversized = good.clone();
    oversized.resize(hometime_api::MAX_PHOTO_BYTES + 1, 0);
    type Case = (
        &'static str,
        Vec<Vec<u8>>,
        StatusCode,
        &'static str,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "text renamed .jpg",
            vec![good.clone(), b"Dear parents, this is not a photo".to_vec()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[1]",
        ),
        (
            "a GIF",
            vec![b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,".to_vec()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[0]",
        ),
        (
            "a truncated JPEG",
            vec![truncated],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[0]",
        ),
        (
            "a PNG header claiming 30000×30000",
            vec![good.clone(), good.clone(), png_claiming(30_000, 30_000)],
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_too_large",
            "photo[2]",
        ),
        (
            "an oversized file",
            vec![oversized],
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
            "photo[0]",
        ),
        (
            "too many photos",
            vec![good.clone(); 11],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "photos",
        ),
    ];
    for (what, files, status, code, field) in cases {
        let tags: Vec<Value> = files.iter().map(|_| json!({"no_pupils": true})).collect();
        let res = post_story(
            &app,
            &teacher,
            json!({"class_id": KESTREL, "body": "Look at this", "photos": tags}),
            files.into_iter().map(jpeg).collect(),
        )
        .await;
        assert_eq!(res.status(), status, "{what}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], code, "{what}: {body}");
        assert_eq!(body["fields"][0]["field"], field, "{what}: {body}");
        assert_eq!(counts(&app).await, before, "{what} left nothing behind");
    }
    // More files than the post describes, and fewer.
    for (tags, files) in [(1, 2), (2, 1)] {
        let tags: Vec<Value> = (0..tags).map(|_| json!({"no_pupils": true})).collect();
        let res = post_story(
            &app,
            &teacher,
            json!({"class_id": KESTREL, "photos": tags}),
            (0..files).map(|_| jpeg(good.clone())).collect(),
        )
        .await;
        let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["fields"][0]["code"], "count_mismatch");
    }
    // After the `story` part only `photo` parts are read: another name is refused.
    let form = upload_form(
        Some((
            "story",
            &json!({"class_id": KESTREL, "photos": [{"no_pupils": true}]}),
        )),
        vec![],
    )
    .part("file", reqwest::multipart::Part::bytes(good.clone()));
    let res = post_form(&teacher, app.api("/stories"), form).await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (&body["fields"][0]["field"], &body["fields"][0]["code"]),
        (&json!("photo"), &json!("unexpected_part"))
    );
    // Untagged photos on a shared post ask for tags; an empty post asks for something.
    let res = post_story(
        &app,
        &teacher,
        json!({"class_id": KESTREL, "photos": [{}]}),
        vec![jpeg(good.clone())],
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (&body["fields"][0]["field"], &body["fields"][0]["code"]),
        (&json!("photos[0]"), &json!("tags_required"))
    );
    let res = post_story(&app, &teacher, json!({"class_id": KESTREL}), vec![]).await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["field"], "body");
    // A teacher posting to a class they don't teach: 403 before any photo is read, nothing stored.
    let other_teacher = app.signed_in(OTHER_TEACHER).await;
    let res = post_story(
        &app,
        &other_teacher,
        json!({"class_id": KESTREL, "body": "Hello", "photos": [{"no_pupils": true}]}),
        vec![jpeg(good)],
    )
    .await;
    assert_eq!(
        error_of(res, StatusCode::FORBIDDEN).await["code"],
        "forbidden"
    );
    assert_eq!(counts(&app).await, before);
}

async fn consent_blocks_shared_posts_and_allows_the_private_route(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let photo = || vec![jpeg(jpeg_with_metadata(48, 32, 1))];
    let before = counts(&app).await;
    // Jade's family said no: the shared post is blocked, naming her.
    let shared =
        json!({"class_id": KESTREL, "body": "Bubbles!", "photos": [{"pupils": [IVY, JADE]}]});
    let res = post_story(&app, &teacher, shared.clone(), photo()).await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "policy_blocked");
    let finding = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "photo-consent")
        .unwrap_or_else(|| panic!("{body}"));
    assert!(
        finding["guidance"].as_str().unwrap().contains("Jade"),
        "{finding}"
    );
    assert!(
        !body.to_string().contains("Ivy"),
        "only the blocked child is named"
    );
    // Acknowledging cannot get past a block.
    let mut acked = shared.clone();
    acked["acknowledged"] = json!(["photo-consent"]);
    let res = post_story(&app, &teacher, acked, photo()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(counts(&app).await, before);

    // The private route to Ivy's family (who may be shown) goes through.
    let mut private = shared.clone();
    private["private_to"] = json!([IVY]);
    let res = post_story(&app, &teacher, private, photo()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let story: StoryView = res.json().await.unwrap();
    assert!(story.private);
    // Only that family (and staff) see it: not Ruby's parent in the same class, nor another class.
    let sam = app.signed_in(PARENT).await;
    let alex = app.signed_in(ALEX).await;
    let other = kingfisher_parent(&app).await;
    let in_feed = |f: StoryFeed| f.stories.iter().any(|s| s.id == story.id);
    assert!(in_feed(feed(&app, &sam, "").await));
    assert!(in_feed(feed(&app, &teacher, "").await));
    assert!(!in_feed(feed(&app, &alex, "").await));
    assert!(!in_feed(feed(&app, &other, "").await));
    assert_eq!(
        status_of(&alex, app.url(&story.photos[0].url)).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status_of(&sam, app.url(&story.photos[0].url)).await,
        StatusCode::OK
    );
    let res = alex
        .put(app.api(&format!("/stories/{}/like", story.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Privately to a family whose child may not be shown: blocked, naming the child.
    let res = post_story(
        &app,
        &teacher,
        json!({"class_id": KESTREL, "photos": [{"pupils": [JADE]}], "private_to": [JADE]}),
        photo(),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body.to_string().contains("Jade"), "{body}");
    // The audience must be tagged.
    let res = post_story(
        &app,
        &teacher,
        json!({"class_id": KESTREL, "photos": [{"pupils": [IVY]}], "private_to": [RUBY]}),
        photo(),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["code"], "not_tagged");
    // A looked-after child is never in any photo, not even privately.
    let res = post_story(
        &app,
        &teacher,
        json!({"class_id": KESTREL, "photos": [{"pupils": [IVY, EMEKA]}], "private_to": [IVY]}),
        photo(),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "policy_blocked");
    assert!(body.to_string().contains("Emeka"), "{body}");
    assert_eq!(counts(&app).await, (before.0 + 1, before.1 + 1));

    // On the School Story the roster is the whole school: a Kingfisher pupil can be tagged there.
    let leader = app.signed_in(LEADER).await;
    let res = post_story(
        &app,
        &leader,
        json!({"body": "Choir practice", "photos": [{"pupils": [KINGFISHER_PUPIL]}]}),
        photo(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // But not on Kestrel's Class Story.
    let res = post_story(
        &app,
        &teacher,
        json!({"class_id": KESTREL, "photos": [{"pupils": [KINGFISHER_PUPIL]}]}),
        photo(),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["code"], "unknown_pupil");
}

async fn comment(app: &TestApp, client: &Client, story: i64, body: &str) -> Response {
    post(
        client,
        app.api(&format!("/stories/{story}/comments")),
        json!({"body": body}),
    )
    .await
}

/// Likes (`PUT`) or unlikes (`DELETE`) a story and reads the new state.
async fn set_like(client: &Client, like_url: &str, on: bool) -> LikeState {
    let req = if on {
        client.put(like_url)
    } else {
        client.delete(like_url)
    };
    req.send().await.unwrap().json().await.unwrap()
}

async fn likes_and_comments_follow_the_school_setting(db: String) {
    let app = TestApp::start(&db).await;
    let teacher = app.signed_in(TEACHER).await;
    let story = kestrel_photo_story(&app, &teacher).await;
    let sam = app.signed_in(PARENT).await;
    let like_url = app.api(&format!("/stories/{}/like", story.id));
    for _ in 0..2 {
        let state = set_like(&sam, &like_url, true).await;
        assert_eq!((state.likes, state.liked_by_me), (1, true), "idempotent");
    }
    let state = set_like(&teacher, &like_url, true).await;
    assert_eq!((state.likes, state.liked_by_me), (2, true));
    for _ in 0..2 {
        let state = set_like(&sam, &like_url, false).await;
        assert_eq!((state.likes, state.liked_by_me), (1, false));
    }

    // Positive comments from families by default; negative or naming a child: refused with findings.
    let res = comment(&app, &sam, story.id.0, "What a lovely day, thank you").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let c: CommentView = res.json().await.unwrap();
    assert!(c.mine && c.can_remove);
    for bad in [
        "This was a rubbish day and the teaching is terrible",
        "Ivy Fisher was brilliant today",
    ] {
        let body = error_of(
            comment(&app, &sam, story.id.0, bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(body["code"], "policy_blocked", "{bad}");
    }
    let body = error_of(
        comment(&app, &sam, story.id.0, "   ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["fields"][0]["field"], "body");
    // Switched off: families get a plain 403; staff may still comment.
    set_setting(&app, "parent_story_comments", json!("none")).await;
    let body = error_of(
        comment(&app, &sam, story.id.0, "Lovely, thank you").await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("switched off"));
    let res = comment(&app, &teacher, story.id.0, "Thank you all for coming").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mine = feed(&app, &sam, "").await;
    let seen = mine.stories.iter().find(|s| s.id == story.id).unwrap();
    assert!(!seen.can_comment);
    assert_eq!((seen.likes, seen.liked_by_me), (1, false));
    assert_eq!(seen.comments.len(), 2);

    // The teacher removes the parent's comment: a marker stays.
    let res = teacher
        .delete(app.api(&format!("/stories/{}/comments/{}", story.id, c.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let mine = feed(&app, &sam, "").await;
    let seen = mine.stories.iter().find(|s| s.id == story.id).unwrap();
    let removed = seen.comments.iter().find(|x| x.id == c.id).unwrap();
    assert!(removed.body.is_none());
    assert_eq!(removed.removed.as_ref().unwrap().by_name, "Mr Daly");
}

async fn feeds_are_newest_first_and_paged(db: String) {
    let app = TestApp::start(&db).await;
    let leader = app.signed_in(LEADER).await;
    let mut posted = Vec::new();
    for i in 0..(hometime_api::STORY_PAGE_SIZE + 2) {
        let res = post(
            &leader,
            app.api("/stories"),
            json!({"body": format!("Notice number {i} for families")}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        posted.push(res.json::<StoryView>().await.unwrap().id);
    }
    let sam = app.signed_in(PARENT).await;
    let first = feed(&app, &sam, "?scope=school").await;
    assert_eq!(first.stories.len(), hometime_api::STORY_PAGE_SIZE as usize);
    assert_eq!(first.stories[0].id, *posted.last().unwrap(), "newest first");
    let next = first.next_before.unwrap();
    let second = feed(&app, &sam, &format!("?scope=school&before={}", next.0)).await;
    assert!(second.stories.iter().all(|s| s.id < next));
    assert!(second.stories.iter().any(|s| s.id == posted[0]));
    // Bad queries are a 422 naming the parameter, never a 500.
    let res = sam
        .get(app.api("/stories?class_id=kestrel"))
        .send()
        .await
        .unwrap();
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["field"], "class_id");
}

async fn thread_photos_reach_only_the_thread(db: String) {
    let app = TestApp::start(&db).await;
    let store = &app.state().store;
    // Sam writes to Ivy's teacher with a photo (stored as the thread-photo route stores it).
    let sam_id = UserId(8);
    let thread = store
        .thread_for(
            SchoolId(1),
            hometime_domain::PupilId(IVY),
            sam_id,
            app.clock.now_ms(),
        )
        .await
        .unwrap();
    let photo = hometime_media::process(
        &jpeg_with_metadata(40, 30, 1),
        &hometime_media::Limits::default(),
    )
    .unwrap();
    let now = app.clock.now_ms();
    let message = store
        .insert_message_with_photos(
            &hometime_store::NewMessage {
                school: SchoolId(1),
                to: hometime_store::Destination::Thread {
                    thread_id: thread.id,
                    parent: sam_id,
                    class: ClassId(KESTREL),
                },
                author: sam_id,
                author_kind: "parent",
                body: "",
                sent_at: now,
                deliver_at: now,
                acknowledged: &[],
            },
            &[hometime_store::NewMessagePhoto {
                display: &photo.display,
                width: photo.width,
                height: photo.height,
                thumb: &photo.thumb,
                thumb_width: photo.thumb_width,
                thumb_height: photo.thumb_height,
            }],
        )
        .await
        .unwrap();
    let id = store.photos_of_messages(&[message]).await.unwrap()[0].id;
    let url = app.api(&format!("/photos/{}", id.0));
    let download = format!("{url}?download=1");
    for (who, email, want, want_download) in [
        ("the thread's parent", PARENT, 200, 403),
        ("the class teacher", TEACHER, 200, 200),
        ("another parent of the class", ALEX, 404, 404),
        ("another teacher", OTHER_TEACHER, 404, 404),
        ("a leader outside the thread", LEADER, 404, 404),
        ("the office", OFFICE, 404, 404),
    ] {
        let client = app.signed_in(email).await;
        assert_eq!(status_of(&client, &url).await.as_u16(), want, "{who}");
        assert_eq!(
            status_of(&client, app.api(&format!("/photos/{}/thumb", id.0)))
                .await
                .as_u16(),
            want,
            "{who} thumb"
        );
        assert_eq!(
            status_of(&client, &download).await.as_u16(),
            want_download,
            "{who} download"
        );
    }
    let pupil = app.pupil().await;
    assert_eq!(status_of(&pupil, &url).await, StatusCode::FORBIDDEN);
}

/// Who, in the role table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Leader,
    Office,
    Teacher,
    OtherTeacher,
    SupportWithSetting,
    SupportWithout,
    Parent,
    OtherParent,
    Pupil,
}

async fn client_for(app: &TestApp, who: Who) -> Client {
    match who {
        Who::Leader => app.signed_in(LEADER).await,
        Who::Office => app.signed_in(OFFICE).await,
        Who::Teacher => app.signed_in(TEACHER).await,
        Who::OtherTeacher => app.signed_in(OTHER_TEACHER).await,
        Who::SupportWithSetting | Who::SupportWithout => app.signed_in(SUPPORT).await,
        Who::Parent => app.signed_in(ALEX).await,
        Who::OtherParent => kingfisher_parent(app).await,
        Who::Pupil => app.pupil().await,
    }
}

async fn every_role_against_every_story_endpoint(db: String) {
    use Who::*;
    let app = TestApp::start(&db).await;
    // Mrs Singh (support) works in Kestrel.
    app.state()
        .store
        .add_class_teacher(ClassId(KESTREL), SINGH, None)
        .await
        .unwrap();
    let teacher = app.signed_in(TEACHER).await;
    let alex = app.signed_in(ALEX).await;
    let story = kestrel_photo_story(&app, &teacher).await;
    let photo: PhotoId = story.photos[0].id;
    const C: u16 = 201;
    const OK: u16 = 200;
    const GONE: u16 = 204;
    const NO: u16 = 403;
    const HID: u16 = 404;
    // (who, sees the Kestrel story in the feed, post class, post school, like, comment, photo,
    //  remove a parent's comment, take a story down)
    type Row = (Who, bool, [u16; 7]);
    let table: &[Row] = &[
        (Leader, true, [C, C, OK, C, OK, GONE, GONE]),
        (Office, true, [NO, C, OK, C, OK, NO, NO]),
        (Teacher, true, [C, NO, OK, C, OK, GONE, GONE]),
        (OtherTeacher, false, [NO, NO, HID, HID, HID, HID, HID]),
        (SupportWithout, true, [NO, NO, OK, C, OK, NO, NO]),
        (SupportWithSetting, true, [C, NO, OK, C, OK, NO, NO]),
        (Parent, true, [NO, NO, OK, C, OK, GONE, NO]),
        (OtherParent, false, [NO, NO, HID, HID, HID, HID, HID]),
        (Pupil, false, [NO, NO, NO, NO, NO, NO, NO]),
    ];
    for &(who, sees, want) in table {
        if who == SupportWithSetting {
            set_setting(&app, "support_staff_messaging", json!("post_only")).await;
        }
        let client = client_for(&app, who).await;
        let res = client.get(app.api("/stories")).send().await.unwrap();
        if who == Pupil {
            assert_eq!(res.status(), StatusCode::FORBIDDEN);
        } else {
            let f: StoryFeed = res.json().await.unwrap();
            assert_eq!(
                f.stories.iter().any(|s| s.id == story.id),
                sees,
                "{who:?} feed"
            );
        }
        // A fresh story and a fresh parent's comment for the destructive rows.
        let doomed = kestrel_photo_story(&app, &teacher).await;
        let res = comment(&app, &alex, doomed.id.0, "What a lovely day, thank you").await;
        let parent_comment: CommentView = res.json().await.unwrap();

        let class_post = post(
            &client,
            app.api("/stories"),
            json!({"class_id": KESTREL, "body": "Reading together this afternoon"}),
        )
        .await
        .status();
        let school_post = post(
            &client,
            app.api("/stories"),
            json!({"body": "The library is open after school on Friday"}),
        )
        .await
        .status();
        let like = client
            .put(app.api(&format!("/stories/{}/like", story.id)))
            .send()
            .await
            .unwrap()
            .status();
        let commented = comment(
            &app,
            &client,
            story.id.0,
            "Thank you, what a lovely afternoon",
        )
        .await
        .status();
        let photo_status = status_of(&client, app.api(&format!("/photos/{}", photo.0))).await;
        let remove_comment = client
            .delete(app.api(&format!(
                "/stories/{}/comments/{}",
                doomed.id, parent_comment.id
            )))
            .send()
            .await
            .unwrap()
            .status();
        let take_down = client
            .delete(app.api(&format!("/stories/{}", doomed.id)))
            .send()
            .await
            .unwrap()
            .status();
        let got = [
            class_post,
            school_post,
            like,
            commented,
            photo_status,
            remove_comment,
            take_down,
        ]
        .map(|s| s.as_u16());
        assert_eq!(
            got, want,
            "{who:?}: [class, school, like, comment, photo, remove comment, take down]"
        );
    }
}

/// The office teaches no class, yet comments on and posts to the School Story: its checker needs the
/// whole school's roster, as the server uses. Families and pupils never get that roster.
async fn the_school_wide_pack_is_for_staff_only(db: String) {
    let app = TestApp::start(&db).await;
    let roster = |pack: &Value| -> Vec<String> {
        pack["pupils"]
            .as_array()
            .expect("pupils")
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    for who in [OFFICE, LEADER, TEACHER] {
        let client = app.signed_in(who).await;
        let res = client
            .get(app.api("/school/policy-pack"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{who}");
        let pack: Value = res.json().await.unwrap();
        let ids = roster(&pack);
        for pupil in [IVY, MASON, KINGFISHER_PUPIL] {
            let id = hometime_api::roster_id(hometime_domain::PupilId(pupil));
            assert!(ids.contains(&id), "{who}: {id} missing");
        }
        // The engine compiles it, and it finds a Kingfisher child's name in School Story text written by
        // the office, which no single class pack of Kestrel's would.
        let pack: hometime_policy::Pack = serde_json::from_value(pack).unwrap();
        let engine = hometime_policy::Engine::new(&pack).unwrap();
        let name = app
            .state()
            .store
            .pupil(hometime_domain::PupilId(KINGFISHER_PUPIL))
            .await
            .unwrap()
            .unwrap()
            .first_name;
        let findings = engine.check(&hometime_policy::Draft {
            role: hometime_policy::AuthorRole::Staff,
            context: hometime_policy::Context::SchoolStory,
            text: &format!("Well done {name} for the lovely assembly today"),
            child: None,
            sent_at: "2026-03-10T10:00:00".parse().unwrap(),
            photos: None,
            recipient_is_class_teacher: None,
        });
        assert!(
            findings
                .iter()
                .any(|f| f.rule.as_str() == "child-name-shared"),
            "{who}: {findings:?}"
        );
    }
    for client in [
        app.signed_in(ALEX).await,
        kingfisher_parent(&app).await,
        app.pupil().await,
    ] {
        let res = client
            .get(app.api("/school/policy-pack"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let body: Value = res.json().await.unwrap();
        assert!(body["message"].as_str().is_some(), "{body}");
        assert!(body.get("pupils").is_none());
    }
    let res = app
        .client()
        .get(app.api("/school/policy-pack"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

crate::app_tests!(
    the_school_wide_pack_is_for_staff_only,
    thread_photos_reach_only_the_thread,
    uploads_are_stripped_upright_and_private,
    bad_files_are_refused_and_leave_nothing,
    consent_blocks_shared_posts_and_allows_the_private_route,
    likes_and_comments_follow_the_school_setting,
    feeds_are_newest_first_and_paged,
    every_role_against_every_story_endpoint,
);
