//! Money, numbers and dates through the browser's `Intl`, in the chosen locale.
//! Formatters are costly to build, so each is made once per locale and kept.

use super::Locale;
use crate::domain::date::Date;
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static FORMATTERS: RefCell<HashMap<(Locale, String), Function>> = RefCell::new(HashMap::new());
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn formatter(locale: Locale, key: String, make: impl FnOnce(&Array) -> Function) -> Function {
    FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry((locale, key))
            .or_insert_with(|| make(&Array::of1(&JsValue::from_str(locale.tag()))))
            .clone()
    })
}

fn call(function: &Function, value: &JsValue) -> String {
    function.call1(&JsValue::NULL, value).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// "USD 23.00" as the locale writes it; `minor` is in hundredths.
pub fn money(locale: Locale, minor: i64, currency: &str) -> String {
    let format = formatter(locale, format!("money:{currency}"), |locales| {
        let opts =
            options(&[("style", "currency"), ("currency", currency), ("currencyDisplay", "code")]);
        Intl::NumberFormat::new(locales, &opts).format()
    });
    call(&format, &JsValue::from_f64(minor as f64 / 100.0))
}

pub fn number(locale: Locale, value: impl Into<f64>) -> String {
    let value = value.into();
    // Whole numbers below a thousand are plain digits in every locale we
    // ship. Writing them without `Intl` keeps the first page from waiting on
    // the browser's number data, which its first formatter loads (~15 ms).
    if value.fract() == 0.0 && (0.0..1000.0).contains(&value) {
        return (value as u32).to_string();
    }
    let format = formatter(locale, "number".into(), |locales| {
        Intl::NumberFormat::new(locales, &Object::new()).format()
    });
    call(&format, &JsValue::from_f64(value))
}

/// "Nov 21, 2026" / "21 nov 2026" / "2026年11月21日".
pub fn date(locale: Locale, date: Date) -> String {
    let format = formatter(locale, "date".into(), |locales| {
        Intl::DateTimeFormat::new(
            locales,
            &options(&[("dateStyle", "medium"), ("timeZone", "UTC")]),
        )
        .format()
    });
    let millis = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month()) - 1.0)
        + (f64::from(date.day()) - 1.0) * 86_400_000.0;
    call(&format, &js_sys::Date::new(&JsValue::from_f64(millis)).into())
}

/// An RFC 3339 timestamp as date and time in the locale (UTC, as recorded).
pub fn date_time(locale: Locale, rfc3339: &str) -> String {
    let parsed = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if parsed.get_time().is_nan() {
        return rfc3339.to_string();
    }
    let format = formatter(locale, "datetime".into(), |locales| {
        let opts = options(&[("dateStyle", "medium"), ("timeStyle", "short"), ("timeZone", "UTC")]);
        Intl::DateTimeFormat::new(locales, &opts).format()
    });
    call(&format, &parsed.into())
}

/// An RFC 3339 timestamp as date and time in the locale and the browser's
/// own time zone: when something happens for the partner reading it
/// (the renewals report says which zone, [`time_zone`]).
pub fn local_date_time(locale: Locale, rfc3339: &str) -> String {
    let parsed = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if parsed.get_time().is_nan() {
        return rfc3339.to_string();
    }
    let format = formatter(locale, "local-datetime".into(), |locales| {
        let opts = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
        Intl::DateTimeFormat::new(locales, &opts).format()
    });
    call(&format, &parsed.into())
}

/// The browser's time zone ("Europe/Rome"), or "UTC" when it has none.
pub fn time_zone() -> String {
    let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_string())
}

/// A country's name in the locale, from its ISO 3166 code as stored
/// ("US": "United States", "Stati Uniti", "USA", "美国"). The code itself
/// when the browser has no name for it or no `Intl.DisplayNames`.
pub fn country(locale: Locale, code: &str) -> String {
    // Without `Intl.DisplayNames` the call below fails and the code is kept.
    let name_of = formatter(locale, "region".into(), |locales| {
        region_names(locales).unwrap_or_else(|| Function::from(JsValue::UNDEFINED))
    });
    name_of
        .call1(&JsValue::NULL, &JsValue::from_str(code))
        .ok()
        .and_then(|name| name.as_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| code.to_string())
}

/// `Intl.DisplayNames` for regions, its `of` bound; looked up rather than
/// called directly, so a browser without it gets codes instead of a panic.
fn region_names(locales: &Array) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let class: Function = Reflect::get(&intl, &"DisplayNames".into()).ok()?.dyn_into().ok()?;
    let names =
        Reflect::construct(&class, &Array::of2(locales, &options(&[("type", "region")]))).ok()?;
    let of: Function = Reflect::get(&names, &"of".into()).ok()?.dyn_into().ok()?;
    Some(of.bind0(&names))
}

/// `text` in lower case, for search: the browser's `toLowerCase`, the same
/// Unicode mapping as `str::to_lowercase` without shipping its tables (about
/// 10 KB of gzip) in the first download.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    js_sys::JsString::from(text).to_lower_case().into()
}
