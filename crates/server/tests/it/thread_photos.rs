//! Photos in messaging over real HTTP: a parent's photo of their own child goes privately to the teacher,
//! stored without any metadata (read back from the database and as served) and upright; only the thread
//! sees it; bad files and bad messages are refused with a 4xx and leave neither a message nor a photo;
//! and class chat refuses photos with the policy's `photo-in-shared-space`.

use hometime_api::{MessageView, ThreadMessages};
use hometime_media::fixtures::{jpeg_with_metadata, metadata_markers, png_with_text, webp};
use reqwest::multipart::Form;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use crate::support::*;

/// Ruby Lane's parent: another family of Kestrel.
const ALEX: &str = "alex.lane@example.com";

/// A photo send: the `message` part when there is one, then the photos.
fn form(message: Option<&Value>, photos: Vec<Upload<'_>>) -> Form {
    upload_form(message.map(|m| ("message", m)), photos)
}

async fn send(
    app: &TestApp,
    client: &Client,
    thread: i64,
    message: Option<Value>,
    photos: Vec<Upload<'_>>,
) -> Response {
    let url = app.api(&format!("/threads/{thread}/photos"));
    post_form(client, url, form(message.as_ref(), photos)).await
}

async fn thread_messages(app: &TestApp, client: &Client, thread: i64) -> Vec<MessageView> {
    let res = client
        .get(app.api(&format!("/threads/{thread}/messages")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<ThreadMessages>().await.unwrap().messages
}

async fn a_parent_sends_a_photo_privately_stripped_and_upright(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let store = &app.state().store;
    let events_before = store.latest_event_id().await.unwrap();

    // A phone photo, rotated by its EXIF orientation (6: turn right), with GPS and camera data.
    let original = jpeg_with_metadata(64, 48, 6);
    for marker in ["exif", "gps"] {
        assert!(metadata_markers(&original).contains(&marker), "{marker}");
    }
    let res = send(
        &app,
        &sam,
        thread,
        Some(json!({"body": "Ivy's painting from the weekend"})),
        vec![jpeg(original), (webp(40, 30), "b.webp", "image/webp")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let sent: MessageView = res.json().await.unwrap();
    assert!(sent.mine);
    assert_eq!(sent.thread_id, Some(thread));
    assert_eq!(
        sent.body.as_deref(),
        Some("Ivy's painting from the weekend")
    );
    assert_eq!(sent.photos.len(), 2);
    let photo = &sent.photos[0];
    assert_eq!((photo.width, photo.height), (48, 64), "turned upright");
    assert_eq!((sent.photos[1].width, sent.photos[1].height), (40, 30));
    assert_eq!(photo.url, format!("/api/v1/photos/{}", photo.id));
    assert_eq!(
        photo.thumb_url,
        format!("/api/v1/photos/{}/thumb", photo.id)
    );

    // What the database holds has no metadata at all, at either size.
    for p in &sent.photos {
        let stored = store.message_photo_bytes(p.id).await.unwrap().unwrap();
        assert_eq!(stored.message_id, sent.id);
        for bytes in [stored.display.unwrap(), stored.thumb.unwrap()] {
            assert!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
            assert_eq!(metadata_markers(&bytes), Vec::<&str>::new());
        }
    }

    // One live event for the message, as for any thread message (besides the writer's read mark).
    let events = store.events_after(events_before, 10).await.unwrap();
    let announced: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "thread_message")
        .collect();
    assert_eq!(announced.len(), 1, "{events:?}");
    assert_eq!(announced[0].thread_id, Some(thread));

    // The teacher sees the message with its photos, and can open them.
    let seen = thread_messages(&app, &teacher, thread).await;
    let message = seen.iter().find(|m| m.id == sent.id).unwrap();
    assert_eq!(message.photos, sent.photos);
    assert!(!message.mine);
    let res = teacher.get(app.url(&photo.url)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let served = res.bytes().await.unwrap();
    assert_eq!(metadata_markers(&served), Vec::<&str>::new());
    assert_eq!(
        teacher
            .get(app.url(&photo.thumb_url))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // So does the parent who sent it.
    assert_eq!(thread_messages(&app, &sam, thread).await[0].photos.len(), 2);
    assert_eq!(status_of(&sam, app.url(&photo.url)).await, StatusCode::OK);

    // Nobody else: another family, a teacher of another class, the office (not in the thread) get 404;
    // a pupil 403.
    for who in [ALEX, OTHER_TEACHER, OFFICE] {
        let client = app.signed_in(who).await;
        for url in [&photo.url, &photo.thumb_url] {
            assert_eq!(
                status_of(&client, app.url(url)).await,
                StatusCode::NOT_FOUND,
                "{who} {url}"
            );
        }
    }
    let pupil = app.pupil().await;
    assert_eq!(
        status_of(&pupil, app.url(&photo.url)).await,
        StatusCode::FORBIDDEN
    );

    // Photos may come without words; staff may send photos in the thread too.
    let res = send(
        &app,
        &sam,
        thread,
        Some(json!({"body": ""})),
        vec![(png_with_text(20, 20), "scan.png", "image/png")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let wordless: MessageView = res.json().await.unwrap();
    assert_eq!(wordless.body.as_deref(), Some(""));
    let stored = store
        .message_photo_bytes(wordless.photos[0].id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        metadata_markers(&stored.display.unwrap()),
        Vec::<&str>::new()
    );
    let res = send(
        &app,
        &teacher,
        thread,
        Some(json!({"body": "Thank you, it's lovely"})),
        vec![jpeg(jpeg_with_metadata(16, 16, 1))],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(thread_messages(&app, &sam, thread).await.len(), 3);
}

async fn bad_files_and_bad_messages_leave_nothing(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let thread = start_thread(&app, &sam, IVY).await;
    let message = || Some(json!({"body": "From the weekend"}));
    let good = || jpeg(jpeg_with_metadata(32, 24, 1));
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec();
    let mut truncated = jpeg_with_metadata(64, 64, 1);
    truncated.truncate(truncated.len() / 2);
    let oversized = vec![0xFF; hometime_api::MAX_PHOTO_BYTES + 1];

    // (what, message part, photos, status, error code, the field named)
    type Case = (
        &'static str,
        Option<Value>,
        Vec<Upload<'static>>,
        StatusCode,
        &'static str,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "text renamed .jpg",
            message(),
            vec![(b"hello, not a photo".to_vec(), "a.jpg", "image/jpeg")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[0]",
        ),
        (
            "a GIF after a good photo",
            message(),
            vec![good(), (gif, "b.gif", "image/gif")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[1]",
        ),
        (
            "truncated JPEG",
            message(),
            vec![good(), good(), jpeg(truncated)],
            StatusCode::UNPROCESSABLE_ENTITY,
            "unsupported_image",
            "photo[2]",
        ),
        (
            "oversized file",
            message(),
            vec![jpeg(oversized)],
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
            "photo[0]",
        ),
        (
            "too many photos",
            message(),
            (0..=hometime_api::MAX_PHOTOS_PER_POST)
                .map(|_| jpeg(jpeg_with_metadata(8, 8, 1)))
                .collect(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "photo",
        ),
        (
            "no photo",
            message(),
            vec![],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "photo",
        ),
        (
            "no message part",
            None,
            vec![good()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "message",
        ),
        (
            "message without a body",
            Some(json!({"acknowledged": []})),
            vec![good()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "body",
        ),
        (
            "text too long",
            Some(json!({"body": "a".repeat(hometime_api::MAX_MESSAGE_CHARS + 1)})),
            vec![good()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "body",
        ),
        (
            "text the policy blocks",
            Some(json!({"body": "I will find you after school and you will regret it"})),
            vec![good()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "policy_blocked",
            "",
        ),
        (
            "a parent scheduling",
            Some(json!({"body": "Morning", "schedule_for_next_working_morning": true})),
            vec![good()],
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            "schedule_for_next_working_morning",
        ),
    ];
    // After the `message` part only `photo` parts are read: another name is refused.
    let form = form(message().as_ref(), vec![good()])
        .part("file", reqwest::multipart::Part::bytes(vec![0xFF; 8]));
    let res = post_form(&sam, app.api(&format!("/threads/{thread}/photos")), form).await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        (&body["fields"][0]["field"], &body["fields"][0]["code"]),
        (&json!("photo"), &json!("unexpected_part"))
    );
    for (what, message, photos, status, code, field) in cases {
        let res = send(&app, &sam, thread, message, photos).await;
        let body = error_of(res, status).await;
        assert_eq!(body["code"], code, "{what}: {body}");
        if !field.is_empty() {
            assert_eq!(body["fields"][0]["field"], field, "{what}: {body}");
        }
        if code == "policy_blocked" {
            assert!(!body["findings"].as_array().unwrap().is_empty(), "{what}");
        }
    }

    // A JSON message alone is read like any other and refused: photos are required here.
    let res = post(
        &sam,
        app.api(&format!("/threads/{thread}/photos")),
        json!({"body": "No photo"}),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["fields"][0]["field"], "photo");

    // Another family and a teacher of another class can't send into the thread; a pupil is refused
    // before the body is read.
    for who in [ALEX, OTHER_TEACHER] {
        let client = app.signed_in(who).await;
        let res = send(&app, &client, thread, message(), vec![good()]).await;
        error_of(res, StatusCode::NOT_FOUND).await;
    }
    let pupil = app.pupil().await;
    let res = send(&app, &pupil, thread, message(), vec![good()]).await;
    error_of(res, StatusCode::FORBIDDEN).await;

    // Nothing was stored: no message in the thread, no photo by anyone who tried.
    assert!(thread_messages(&app, &teacher, thread).await.is_empty());
    let store = &app.state().store;
    for who in [PARENT, ALEX, OTHER_TEACHER] {
        let id = app
            .me(&app.signed_in(who).await)
            .await
            .unwrap()
            .user_id
            .unwrap();
        assert_eq!(store.message_photo_count(id).await.unwrap(), 0, "{who}");
    }
}

async fn class_chat_refuses_photos_with_the_policy_reason(db: String) {
    let app = TestApp::start(&db).await;
    let sam = app.signed_in(PARENT).await;
    let teacher = app.signed_in(TEACHER).await;
    let url = app.api(&format!("/classes/{KESTREL}/chat/photos"));
    let chat_before = app
        .state()
        .store
        .chat_messages(hometime_domain::ClassId(KESTREL), 500)
        .await
        .unwrap()
        .len();

    // A parent: the engine's own finding, with its guidance and the "send privately" action.
    let res = post_form(
        &sam,
        url.clone(),
        form(
            Some(&json!({"body": "Look at the class assembly!"})),
            vec![jpeg(jpeg_with_metadata(32, 24, 1))],
        ),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "policy_blocked", "{body}");
    let finding = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "photo-in-shared-space")
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(finding["severity"], "block");
    assert!(
        finding["guidance"]
            .as_str()
            .unwrap()
            .contains("can't be posted where other families can see them"),
        "{finding}"
    );
    assert!(finding.get("action").is_some(), "{finding}");
    // Photos without a message part, and a JSON message sent here, get the same answer.
    let res = post_form(
        &sam,
        url.clone(),
        form(None, vec![jpeg(jpeg_with_metadata(8, 8, 1))]),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["findings"][0]["rule"], "photo-in-shared-space");
    let res = post(&sam, url.clone(), json!({"body": "Here you go"})).await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "policy_blocked");

    // Staff are pointed to the Class Story.
    let res = post_form(
        &teacher,
        url.clone(),
        form(
            Some(&json!({"body": "Assembly"})),
            vec![jpeg(jpeg_with_metadata(8, 8, 1))],
        ),
    )
    .await;
    let body = error_of(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["code"], "validation");
    assert_eq!(body["fields"][0]["field"], "photo");
    assert!(
        body["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Class Story")
    );

    // A parent of another class and a pupil are refused as for the chat itself.
    let kingfisher_url = app.api(&format!("/classes/{KINGFISHER}/chat/photos"));
    let res = post(&sam, kingfisher_url, json!({"body": "Hello"})).await;
    error_of(res, StatusCode::FORBIDDEN).await;
    let pupil = app.pupil().await;
    let res = post_form(
        &pupil,
        url.clone(),
        form(None, vec![jpeg(jpeg_with_metadata(8, 8, 1))]),
    )
    .await;
    error_of(res, StatusCode::FORBIDDEN).await;

    // The chat's own endpoint takes JSON only: a multipart post there is a 4xx that says so.
    let res = post_form(
        &sam,
        app.api(&format!("/classes/{KESTREL}/chat")),
        form(
            Some(&json!({"body": "Look"})),
            vec![jpeg(jpeg_with_metadata(8, 8, 1))],
        ),
    )
    .await;
    let body = error_of(res, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    assert_eq!(body["code"], "unsupported_media_type");

    // Nothing reached the chat.
    assert_eq!(
        app.state()
            .store
            .chat_messages(hometime_domain::ClassId(KESTREL), 500)
            .await
            .unwrap()
            .len(),
        chat_before
    );
}

crate::app_tests!(
    a_parent_sends_a_photo_privately_stripped_and_upright,
    bad_files_and_bad_messages_leave_nothing,
    class_chat_refuses_photos_with_the_policy_reason,
);
