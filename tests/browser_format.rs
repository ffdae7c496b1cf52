//! Money, numbers and dates through the browser's `Intl`, in each locale.
#![cfg(target_arch = "wasm32")]

use upgrade_center::domain::date::Date;
use upgrade_center::i18n::{format, Locale};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `Intl` separates with non-breaking spaces; compare with plain ones.
fn plain(text: String) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

#[wasm_bindgen_test]
fn money_is_written_as_each_locale_writes_it() {
    assert_eq!(plain(format::money(Locale::EnUs, 2300, "USD")), "USD 23.00");
    assert_eq!(plain(format::money(Locale::EnUs, -166_645, "USD")), "-USD 1,666.45");
    // Italian groups from five digits on.
    assert_eq!(plain(format::money(Locale::ItIt, 123_456, "EUR")), "1234,56 EUR");
    assert_eq!(plain(format::money(Locale::ItIt, 1_234_567, "EUR")), "12.345,67 EUR");
    assert_eq!(plain(format::money(Locale::SvSe, 6500, "SEK")), "65,00 SEK");
    assert!(plain(format::money(Locale::ZhCn, 16_100, "CNY")).contains("161.00"));
}

#[wasm_bindgen_test]
fn dates_and_numbers_follow_the_locale() {
    let date = Date::parse("2026-11-21").unwrap();
    assert_eq!(format::date(Locale::EnUs, date), "Nov 21, 2026");
    assert_eq!(format::date(Locale::ItIt, date), "21 nov 2026");
    assert_eq!(format::date(Locale::ZhCn, date), "2026年11月21日");
    assert_eq!(plain(format::number(Locale::EnUs, 1_000_000)), "1,000,000");
    assert_eq!(plain(format::number(Locale::SvSe, 1_000_000)), "1 000 000");
    assert_eq!(
        format::date_time(Locale::EnUs, "2026-11-20T15:42:00.000Z"),
        "Nov 20, 2026, 3:42 PM"
    );
    assert_eq!(format::date_time(Locale::EnUs, "not a time"), "not a time");
}

/// Checkout names an address's country in the partner's language; a code
/// the browser cannot name, or one that is not a region code, stays as stored.
#[wasm_bindgen_test]
fn countries_are_named_in_the_locale() {
    assert_eq!(format::country(Locale::EnUs, "US"), "United States");
    assert_eq!(format::country(Locale::ItIt, "US"), "Stati Uniti");
    assert_eq!(format::country(Locale::SvSe, "SE"), "Sverige");
    assert_eq!(format::country(Locale::ZhCn, "CN"), "中国");
    assert_eq!(format::country(Locale::EnUs, "XQ"), "XQ");
    assert_eq!(format::country(Locale::EnUs, "not a code"), "not a code");
}

/// docs/rules.md#licence-counts-as-typed: what the page writes is what the
/// partner may type back. For
/// every locale, the browser's own writing of a count reads back as it.
#[wasm_bindgen_test]
fn every_count_the_page_writes_reads_back() {
    use upgrade_center::domain::quantity::parse_quantity;
    let samples = (1..=1_000_000u32)
        .step_by(7_919)
        .chain([1, 999, 1_000, 1_234, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000]);
    for n in samples {
        for locale in Locale::ALL {
            let written = format::number(locale, n);
            assert_eq!(
                parse_quantity(&written, locale.number_style(), 1, 1_000_000),
                Ok(n),
                "{locale:?} wrote {written:?}"
            );
        }
    }
}

/// Small counts skip `Intl` (its first use loads the browser's number data):
/// each must be written exactly as `Intl` would write it, in every locale.
#[wasm_bindgen_test]
fn small_counts_are_written_as_intl_writes_them() {
    use js_sys::{Array, Intl, Object};
    use wasm_bindgen::JsValue;
    for locale in Locale::ALL {
        let intl =
            Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(locale.tag())), &Object::new())
                .format();
        for n in (0..1_000u32).chain([1_000, 1_234, 12_345]) {
            let expected =
                intl.call1(&JsValue::NULL, &JsValue::from(n)).unwrap().as_string().unwrap();
            assert_eq!(format::number(locale, n), expected, "{locale:?} {n}");
        }
    }
}

/// Search lower-cases through the browser: exactly as Rust would, for the
/// names partners have (Swedish, German, Turkish, Greek, Chinese, emoji).
#[wasm_bindgen_test]
fn search_lower_cases_as_rust_does() {
    for text in [
        "Contoso",
        "ÅSA FISK AB",
        "Straße GmbH",
        "İSTANBUL",
        "ΟΔΥΣΣΕΥΣ",
        "北京烘焙坊 BAKERY",
        "😀 MIXED ÄÖÜ",
        "",
    ] {
        assert_eq!(format::lowercase(text), text.to_lowercase(), "{text}");
    }
}
