//! The message composer in headless Chromium with a fixed policy pack and no server: what a writer sees as
//! they type, and what Send does. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p hometime --target wasm32-unknown-unknown --test composer`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use hometime::components::composer::{Composer, SendPrivately, Sender};
use hometime::composer_logic::Checker;
use hometime::errors::AppError;
use hometime_api::{ApiError, ErrorCode, PolicyFindingView, SendMessageRequest};
use hometime_policy::{Action, AuthorRole, Context, Pack, RuleId, Severity};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const PACK: &str = include_str!("../crates/policy/data/pack.json");

fn checker() -> Checker {
    Checker::new(&Pack::from_json(PACK).expect("pack")).expect("engine")
}

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn root() -> HtmlElement {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

fn find(root: &HtmlElement, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn type_text(root: &HtmlElement, value: &str) {
    let area: HtmlTextAreaElement = find(root, "textarea").unchecked_into();
    area.set_value(value);
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
}

fn send_button(root: &HtmlElement) -> HtmlButtonElement {
    find(root, "button[type=submit]").unchecked_into()
}

/// A sender that records what would have gone to the server and answers with `answer`.
fn recording(sent: Rc<RefCell<Vec<SendMessageRequest>>>, answer: Result<(), AppError>) -> Sender {
    Rc::new(move |req| {
        sent.borrow_mut().push(req);
        let answer = answer.clone();
        Box::pin(async move { answer })
    })
}

#[wasm_bindgen_test]
async fn a_childs_name_in_class_chat_blocks_send_with_the_guidance_under_the_text() {
    let root = root();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let handed_over = Rc::new(RefCell::new(None::<String>));
    let sender = recording(sent.clone(), Ok(()));
    let hand = handed_over.clone();
    let privately: SendPrivately = Rc::new(move |draft| *hand.borrow_mut() = Some(draft));
    let draft = RwSignal::new(String::new());
    let _handle = mount_to(root.clone(), move || {
        view! {
            <Composer
                checker=checker()
                role=AuthorRole::Parent
                context=Context::ClassChat
                draft=draft
                label="Message to Kestrel Class".to_owned()
                send=sender.clone()
                send_privately=Some(privately.clone())
            />
        }
    });
    let area = find(&root, "textarea");
    assert_eq!(
        text(&root, &format!("label[for='{}']", area.id())),
        "Message to Kestrel Class"
    );
    assert!(send_button(&root).disabled(), "nothing to send yet");

    type_text(&root, "Did Priya leave her coat at the park today?").await;

    let finding = find(&root, "li.finding-block");
    assert_eq!(
        finding.get_attribute("data-rule").as_deref(),
        Some("child-name-shared")
    );
    assert!(finding.text_content().unwrap().contains("Priya"));
    assert!(
        text(&root, ".findings").contains("don't use children's names"),
        "{}",
        text(&root, ".findings")
    );
    // The name is highlighted under the very letters typed.
    assert_eq!(text(&root, ".composer-backdrop mark.mark-block"), "Priya");
    assert!(send_button(&root).disabled());
    assert!(text(&root, ".composer-reason").contains("child's name"));
    // Screen readers hear the findings as they appear and with the field.
    assert_eq!(
        find(&root, ".findings")
            .get_attribute("aria-live")
            .as_deref(),
        Some("polite")
    );
    let described = area.get_attribute("aria-describedby").unwrap();
    assert!(described.contains(&find(&root, ".findings").id()));

    let privately_button = root.query_selector_all(".finding-block button").unwrap();
    let offer = (0..privately_button.length())
        .filter_map(|i| privately_button.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap() == "Send privately to the teacher instead")
        .expect("the private alternative is offered");
    offer.click();
    leptos::task::tick().await;
    assert_eq!(
        handed_over.borrow().as_deref(),
        Some("Did Priya leave her coat at the park today?")
    );
    assert!(sent.borrow().is_empty(), "nothing was sent to the class");

    // Taking the name out lets it go.
    type_text(&root, "Did anyone see a blue coat at the park today?").await;
    assert!(root.query_selector("li.finding-block").unwrap().is_none());
    assert!(!send_button(&root).disabled());
    assert_eq!(text(&root, ".composer-reason"), "");
}

#[wasm_bindgen_test]
async fn a_warning_offers_the_office_phone_and_send_anyway_acknowledges_the_rule_only() {
    let root = root();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let sender = recording(sent.clone(), Ok(()));
    let draft = RwSignal::new(String::new());
    let _handle = mount_to(root.clone(), move || {
        view! {
            <Composer
                checker=checker()
                role=AuthorRole::Parent
                context=Context::PrivateMessage
                child="k01".to_owned()
                draft=draft
                label="Message to Mr Daly".to_owned()
                send=sender.clone()
            />
        }
    });
    let body = "Ivy won't be in school tomorrow, she has a dentist appointment";
    type_text(&root, body).await;

    let phone = find(&root, ".finding-warn a[href^='tel:']");
    assert_eq!(
        phone.get_attribute("href").as_deref(),
        Some("tel:01632960777")
    );
    assert_eq!(send_button(&root).text_content().unwrap(), "Send anyway");
    assert!(!send_button(&root).disabled());
    send_button(&root).click();
    leptos::task::tick().await;
    leptos::task::tick().await;

    let sent = sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body, body);
    assert!(sent[0].acknowledged.contains(&RuleId::AbsenceToOffice));
    assert!(!sent[0].schedule_for_next_working_morning);
    assert_eq!(draft.get_untracked(), "", "the draft goes once it was sent");
}

#[wasm_bindgen_test]
async fn a_server_rejection_keeps_the_draft_and_shows_the_servers_findings() {
    let root = root();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let rejection = AppError::Api(ApiError {
        findings: vec![PolicyFindingView {
            rule: RuleId::UrgentToPhone,
            severity: Severity::Warn,
            start: None,
            end: None,
            guidance: "Teachers may not see messages until the end of the day.".to_owned(),
            action: Some(Action::Phone {
                label: "Phone the office".to_owned(),
                number: "01632 960777".to_owned(),
            }),
        }],
        ..ApiError::new(ErrorCode::PolicyBlocked, "blocked")
    });
    let sender = recording(sent.clone(), Err(rejection));
    let draft = RwSignal::new(String::new());
    let _handle = mount_to(root.clone(), move || {
        view! {
            <Composer
                checker=checker()
                role=AuthorRole::Parent
                context=Context::PrivateMessage
                child="k01".to_owned()
                draft=draft
                label="Message to Mr Daly".to_owned()
                send=sender.clone()
            />
        }
    });
    let body = "Thank you for the lovely reading book this week";
    type_text(&root, body).await;
    assert_eq!(send_button(&root).text_content().unwrap(), "Send");
    send_button(&root).click();
    leptos::task::tick().await;
    leptos::task::tick().await;

    assert_eq!(sent.borrow().len(), 1);
    let area: HtmlTextAreaElement = find(&root, "textarea").unchecked_into();
    assert_eq!(area.value(), body, "the draft is kept");
    assert!(text(&root, "[role=alert]").contains("can't be sent as it is"));
    assert!(text(&root, ".findings").contains("end of the day"));
    assert_eq!(send_button(&root).text_content().unwrap(), "Send anyway");
}
