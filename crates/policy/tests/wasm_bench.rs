//! Times `Engine::check` in a real browser (wasm32): prints microseconds per check for 100, 1,000 and
//! 5,000 characters, and asserts the 1,000-character check stays well under a millisecond.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use hometime_policy::{AuthorRole, Context, Draft, Engine, Pack};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PARAGRAPH: &str = "Hi Mr Daly, just to let you know Bella won't be in tomorrow morning, she has a dentist appointment at 9 so her nan is picking her up at 11. She was sick in the night but seems fine now. Can she switch to packed lunch next week? Thanks so much for the lovely photos of the trip, Mason's mum says hi! ";

fn engine() -> Engine {
    let pack = Pack::from_json(include_str!("../data/pack.json")).expect("pack");
    let t0 = js_sys::Date::now();
    let engine = Engine::new(&pack).expect("engine");
    console_log!("Engine::new: {:.0} µs", (js_sys::Date::now() - t0) * 1000.0);
    engine
}

/// Times `iterations` checks of a `len`-character draft and returns microseconds per check.
fn time_check(engine: &Engine, len: usize, iterations: u32) -> f64 {
    let sent_at = NaiveDate::from_ymd_opt(2025, 3, 12)
        .and_then(|d| d.and_hms_opt(10, 15, 0))
        .expect("date");
    let text: String = PARAGRAPH.chars().cycle().take(len).collect();
    let draft = Draft {
        role: AuthorRole::Parent,
        context: Context::ClassChat,
        text: &text,
        child: None,
        sent_at,
        photos: None,
        recipient_is_class_teacher: None,
    };
    let mut findings = 0usize;
    // Warm up for a fixed time, not a fixed count: V8 first runs wasm in its baseline compiler and
    // tiers hot functions up to the optimising one after enough calls. Five warm-up checks left
    // whichever test ran first measuring baseline code (the 5,000-character case ran 2-3x slow).
    // Then time many iterations: Date::now() only has millisecond resolution.
    let warm = js_sys::Date::now();
    while js_sys::Date::now() - warm < 300.0 {
        findings += engine.check(&draft).len();
    }
    let start = js_sys::Date::now();
    for _ in 0..iterations {
        findings += engine.check(&draft).len();
    }
    let per_check_us = (js_sys::Date::now() - start) * 1000.0 / f64::from(iterations);
    console_log!(
        "wasm check {len} chars: {per_check_us:.1} µs per check over {iterations} iterations"
    );
    assert!(findings > 0);
    per_check_us
}

#[wasm_bindgen_test]
fn check_100_chars() {
    time_check(&engine(), 100, 500);
}

#[wasm_bindgen_test]
fn check_1000_chars() {
    let us = time_check(&engine(), 1_000, 200);
    assert!(us < 1000.0, "1,000 characters took {us} µs");
}

#[wasm_bindgen_test]
fn check_5000_chars() {
    time_check(&engine(), 5_000, 200);
}
