//! The one place that reads the browser's clock and time zone; everything it returns is formatted by the
//! pure functions in [`crate::format`].

use wasm_bindgen::JsValue;

use crate::format::{clock, day_month, minutes_left};

fn date(rfc3339: &str) -> Option<js_sys::Date> {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    (!d.get_time().is_nan()).then_some(d)
}

/// "10:42", in the device's local time.
pub fn local_clock(rfc3339: &str) -> Option<String> {
    date(rfc3339).map(|d| clock(d.get_hours(), d.get_minutes()))
}

/// "7 December", in the device's local time.
pub fn local_day(rfc3339: &str) -> Option<String> {
    date(rfc3339).map(|d| day_month(d.get_date(), d.get_month()))
}

/// How long until the time, in words, or `None` once it has passed.
pub fn time_left(rfc3339: &str) -> Option<String> {
    let left = date(rfc3339)?.get_time() - js_sys::Date::now();
    (left > 0.0).then(|| minutes_left(left))
}
