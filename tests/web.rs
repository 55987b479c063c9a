//! Component tests in headless Chromium (`wasm-bindgen-test`): what a person sees when they use the forms
//! and screens, without a server. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p hometime --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use hometime::components::avatar::Avatar;
use hometime::components::error_notice::ErrorNotice;
use hometime::components::pupil_picker::PupilPicker;
use hometime::components::sign_in_form::SignInForm;
use hometime::errors::AppError;
use hometime::session::Session;
use hometime_api::{ApiError, Avatar as AvatarData, ErrorCode, PupilChoice, PupilChoices};
use hometime_domain::PupilId;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into, so tests do not see each other's output.
fn root() -> HtmlElement {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

fn find(root: &HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn monster(colour: &str) -> AvatarData {
    AvatarData {
        body: 2,
        eyes: 1,
        mouth: 3,
        accessory: 2,
        colour: colour.to_owned(),
    }
}

#[wasm_bindgen_test]
async fn sign_in_form_shows_field_errors_next_to_the_fields() {
    let root = root();
    let _handle = mount_to(root.clone(), || {
        provide_context(Session::fixed(None));
        view! {
            <Router>
                <SignInForm/>
            </Router>
        }
    });
    let email: HtmlInputElement = find(&root, "#email").unchecked_into();
    email.set_value("sam.fisher");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    find(&root, "button[type=submit]")
        .unchecked_into::<HtmlElement>()
        .click();
    leptos::task::tick().await;

    let email_error = find(&root, "#email-error").text_content().unwrap();
    assert!(email_error.contains("name@example.com"), "{email_error}");
    assert_eq!(
        find(&root, "#password-error").text_content().unwrap(),
        "Please enter your password."
    );
    // Screen readers hear the problem with the field, and what was typed is kept.
    assert_eq!(
        email.get_attribute("aria-describedby").unwrap(),
        "email-error"
    );
    assert_eq!(email.get_attribute("aria-invalid").unwrap(), "true");
    assert_eq!(email.value(), "sam.fisher");
    assert!(
        find(&root, "[role=alert]")
            .text_content()
            .unwrap()
            .contains("check the messages below")
    );
}

#[wasm_bindgen_test]
fn avatar_is_an_svg_image_with_a_name() {
    let root = root();
    let _handle = mount_to(root.clone(), || {
        view! { <Avatar avatar=monster("#00b894") label="Ivy's monster"/> }
    });
    let svg = find(&root, "svg");
    assert_eq!(svg.get_attribute("role").unwrap(), "img");
    assert_eq!(svg.get_attribute("aria-label").unwrap(), "Ivy's monster");
    assert_eq!(svg.get_attribute("aria-hidden"), None);
    let body = find(&root, "svg path");
    assert_eq!(body.get_attribute("fill").unwrap(), "#00b894");
}

#[wasm_bindgen_test]
fn avatar_with_a_bad_colour_draws_the_default_and_hides_when_decorative() {
    let root = root();
    let _handle = mount_to(root.clone(), || {
        view! { <Avatar avatar=monster("url(javascript:alert(1))")/> }
    });
    let svg = find(&root, "svg");
    assert_eq!(svg.get_attribute("aria-hidden").unwrap(), "true");
    assert_eq!(svg.get_attribute("role"), None);
    assert_eq!(
        find(&root, "svg path").get_attribute("fill").unwrap(),
        "#6c5ce7"
    );
}

#[wasm_bindgen_test]
async fn pupil_picker_offers_one_big_button_per_pupil_named_by_first_name() {
    let root = root();
    let picked = RwSignal::new(None::<PupilId>);
    let choices = PupilChoices {
        class_name: "Kestrel".to_owned(),
        pupils: vec![
            PupilChoice {
                id: PupilId(1),
                name: "Ivy".to_owned(),
                avatar: monster("#00b894"),
            },
            PupilChoice {
                id: PupilId(2),
                name: "Ruby".to_owned(),
                avatar: monster("#e17055"),
            },
        ],
    };
    let _handle = mount_to(root.clone(), move || {
        view! {
            <PupilPicker
                choices=choices.clone()
                on_pick=Callback::new(move |id| picked.set(Some(id)))
                disabled=Signal::derive(|| false)
            />
        }
    });
    let buttons = root.query_selector_all("button").unwrap();
    assert_eq!(buttons.length(), 2);
    let ruby: HtmlElement = buttons.item(1).unwrap().unchecked_into();
    assert_eq!(ruby.text_content().unwrap(), "Ruby");
    ruby.click();
    leptos::task::tick().await;
    assert_eq!(picked.get_untracked(), Some(PupilId(2)));
}

#[wasm_bindgen_test]
fn rate_limits_say_how_long_to_wait() {
    let root = root();
    let error = AppError::Api(ApiError {
        retry_after_secs: Some(125),
        ..ApiError::new(ErrorCode::RateLimited, "slow down")
    });
    let _handle = mount_to(
        root.clone(),
        move || view! { <ErrorNotice error=error.clone()/> },
    );
    let alert = find(&root, "[role=alert]").text_content().unwrap();
    assert_eq!(
        alert,
        "Too many tries. Please wait 3 minutes and try again."
    );
}

#[wasm_bindgen_test]
async fn an_ended_session_offers_a_way_back_in() {
    let root = root();
    let session = Session::fixed(None);
    let _handle = mount_to(root.clone(), move || {
        provide_context(session);
        view! { <ErrorNotice error=AppError::Api(ApiError::new(ErrorCode::Unauthenticated, "gone"))/> }
    });
    let button: HtmlElement = find(&root, "[role=alert] button").unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Sign in again");
}
