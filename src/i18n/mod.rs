//! Every user-visible string, from one file per locale in `locales/` that a
//! translator edits (named `{{ arguments }}`, CLDR plural forms). build.rs
//! checks the files agree and turns each into a `Strings` value, so a missing
//! translation fails the build instead of leaving a blank on screen.
//! A templated message is a method with named, typed arguments
//! (`t.licenses_saved(40)`, `t.signed_in_as(msg::SignedInAs { name, role })`):
//! numbers, money and dates are passed as values and formatted inside, in
//! the table's locale (docs/architecture.md#messages).

pub mod audit;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
mod fill;
#[cfg(target_arch = "wasm32")]
pub mod format;
#[cfg(not(target_arch = "wasm32"))]
#[path = "format_native.rs"]
pub mod format;
mod plural;
pub mod problems;
pub mod runtime;

pub use fill::Arg;
pub use strings::{msg, Strings};
mod strings;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    EnUs,
    ItIt,
    SvSe,
    ZhCn,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::EnUs, Locale::ItIt, Locale::SvSe, Locale::ZhCn];

    /// The BCP 47 tag, as `Intl` and `<html lang>` take it.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::ItIt => "it-IT",
            Locale::SvSe => "sv-SE",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::EnUs => "English (US)",
            Locale::ItIt => "Italiano",
            Locale::SvSe => "Svenska",
            Locale::ZhCn => "中文(简体)",
        }
    }

    /// Two-letter badge for the header's language menu.
    pub fn short(self) -> &'static str {
        match self {
            Locale::EnUs => "EN",
            Locale::ItIt => "IT",
            Locale::SvSe => "SV",
            Locale::ZhCn => "中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The first supported language among the browser's preferences, matching
    /// on the language part ("it-CH" picks Italian); English otherwise.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(|tag| {
                let language = tag.split('-').next().unwrap_or_default();
                Locale::ALL.into_iter().find(|l| l.tag().split('-').next() == Some(language))
            })
            .unwrap_or(Locale::EnUs)
    }

    /// How this language writes whole numbers, to read the counts typed in it.
    pub fn number_style(self) -> crate::domain::quantity::NumberStyle {
        use crate::domain::quantity::NumberStyle;
        match self {
            Locale::EnUs | Locale::ZhCn => NumberStyle::COMMA_GROUPS,
            Locale::ItIt => NumberStyle::DOT_GROUPS,
            Locale::SvSe => NumberStyle::SPACE_GROUPS,
        }
    }

    /// This language's messages. In the browser a language other than
    /// en-US is there once loaded ([`runtime`]); until then, English.
    pub fn strings(self) -> &'static Strings {
        if self == Locale::EnUs {
            return &strings::EN_US;
        }
        #[cfg(not(target_arch = "wasm32"))]
        return match self {
            Locale::ItIt => &strings::IT_IT,
            Locale::SvSe => &strings::SV_SE,
            _ => &strings::ZH_CN,
        };
        #[cfg(target_arch = "wasm32")]
        runtime::loaded(self).unwrap_or(&strings::EN_US)
    }

    /// Whether [`Locale::strings`] has this language's own messages yet.
    pub fn is_loaded(self) -> bool {
        self == Locale::EnUs || cfg!(not(target_arch = "wasm32")) || runtime::is_loaded(self)
    }

    /// Where the browser fetches this language's file, relative to `<base href>`.
    pub fn file(self) -> String {
        format!("locales/{}.json?v={}", self.tag(), strings::locale_version(self.tag()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_on_the_language_part() {
        assert_eq!(Locale::negotiate(["it-CH", "en-US"]), Locale::ItIt);
        assert_eq!(Locale::negotiate(["fr-FR", "sv"]), Locale::SvSe);
        assert_eq!(Locale::negotiate(["zh-TW"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["fr-FR"]), Locale::EnUs);
        assert_eq!(Locale::from_tag("it-it"), Some(Locale::ItIt));
    }
}

#[cfg(test)]
mod table_tests {
    use super::{msg, Locale};

    /// Every locale names the same audit actions, each with a label.
    #[test]
    fn audit_action_tables_match() {
        let codes =
            |l: Locale| l.strings().audit_actions.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        for locale in Locale::ALL {
            assert_eq!(codes(locale), codes(Locale::EnUs), "{locale:?}");
            assert!(locale.strings().audit_actions.iter().all(|(_, label)| !label.is_empty()));
        }
        assert_eq!(Locale::ItIt.strings().audit_action("order_placed"), "Ordine effettuato");
        assert_eq!(Locale::EnUs.strings().audit_action("something_new"), "something_new");
    }

    /// One and many read as the language says them.
    #[test]
    fn plural_forms_follow_the_count() {
        let en = Locale::EnUs.strings();
        let credit = |count| msg::CreditLine { count, offer: "Basic", period: 30 };
        assert_eq!(en.credit_line(credit(1)), "Credit for 1 unused day of Basic (1 of 30 days)");
        assert_eq!(en.credit_line(credit(2)), "Credit for 2 unused days of Basic (2 of 30 days)");
        assert_eq!(en.eligible_for_upgrades(1), "Eligible for 1 upgrade");
        assert_eq!(Locale::ItIt.strings().free_licenses(1), "1 licenza libera");
        assert_eq!(Locale::SvSe.strings().free_licenses(3), "3 lediga licenser");
        assert_eq!(
            Locale::ZhCn.strings().free_licenses(1),
            "1 个空闲许可证",
            "Chinese has one form"
        );
    }

    /// Placeholders are filled in every language, numbers, money and dates
    /// as the language writes them.
    #[test]
    fn arguments_are_filled_and_formatted_in_the_language() {
        for locale in Locale::ALL {
            let t = locale.strings();
            let more = t.reason_more_users(msg::ReasonMoreUsers { users: 7, licenses: 3 });
            assert!(more.contains('7') && more.contains('3'), "{more}");
            let credit = msg::CreditLine { count: 10, offer: "Basic", period: 30 };
            assert!(t.credit_line(credit).contains("Basic"));
            assert!(t.remedy_multichannel("EA").contains("EA"));
        }
        assert!(Locale::EnUs.strings().quantity_below(1000).contains("1,000"));
        assert!(Locale::ItIt.strings().quantity_below(1000).contains("1.000"));
        assert!(Locale::SvSe.strings().quantity_below(1000).contains("1\u{a0}000"));
        let price = crate::domain::money::Money::new(123_450, "EUR");
        assert!(Locale::ItIt.strings().per_license_month(&price).contains("1.234,50"));
        let date = crate::domain::date::Date::parse("2027-02-01").unwrap();
        assert!(Locale::EnUs.strings().charge_billed_on(date).contains("2027-02-01"));
    }
}
