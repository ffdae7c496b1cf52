//! The problems of a refused document (import, recovery) as sentences in
//! the partner's language: the store says what and where, this says it.

use super::msg;
use super::Strings;
use crate::store::problem::{Expected, Found, Reason};

/// A problem of a refused document, as a sentence in the partner's language.
pub fn problem_sentence(t: &Strings, reason: &Reason) -> String {
    let expected = |e: &Expected| -> String {
        match e {
            Expected::Text => t.expected_text.into(),
            Expected::WholeNumber => t.expected_whole_number.into(),
            Expected::TrueOrFalse => t.expected_true_or_false.into(),
            Expected::List => t.expected_list.into(),
            Expected::Object => t.expected_object.into(),
            Expected::Date => t.expected_date.into(),
            Expected::OneOf(values) => t.expected_one_of(&values.join(", ")),
        }
    };
    let found = |f: &Found| -> String {
        match f {
            Found::Value(value) => value.clone(),
            Found::Object => t.found_object.into(),
            Found::List => t.found_list.into(),
            Found::Null => t.found_null.into(),
        }
    };
    match reason {
        Reason::NotJson { line, column } => {
            t.problem_not_json(msg::ProblemNotJson { line: *line as u64, column: *column as u64 })
        }
        Reason::NotAWorkspace => t.problem_not_a_workspace.into(),
        Reason::NewerVersion { found, known } => {
            t.problem_newer_version(msg::ProblemNewerVersion {
                found: *found,
                known: (*known).into(),
            })
        }
        Reason::VersionTooOld => t.problem_version_too_old.into(),
        Reason::Missing => t.problem_missing.into(),
        Reason::UnknownField => t.problem_unknown_field.into(),
        Reason::WrongValue { expected: e, found: f } => {
            t.problem_wrong_value(msg::ProblemWrongValue {
                expected: &expected(e),
                found: &found(f),
            })
        }
        Reason::Empty => t.problem_empty.into(),
        Reason::Duplicate { id } => t.problem_duplicate(id),
        Reason::UnknownOffer { id } => t.problem_unknown_offer(id),
        Reason::UnknownService { id } => t.problem_unknown_service(id),
        Reason::UnknownSubscription { id } => t.problem_unknown_subscription(id),
        Reason::UnknownCustomer { id } => t.problem_unknown_customer(id),
        Reason::NotAMarketCode { found } => t.problem_not_a_market_code(found),
        Reason::EndsBeforeItStarts => t.problem_ends_before_it_starts.into(),
        Reason::AddonWithoutBase { offer } => t.problem_addon_without_base(offer),
        Reason::BaseOfferAsAddon { offer } => t.problem_base_offer_as_addon(offer),
        Reason::ParentNotABase { id } => t.problem_parent_not_a_base(id),
        Reason::LicenceListedTwice { id } => t.problem_licence_listed_twice(id),
        Reason::QuantityBelowOne => t.problem_quantity_too_low.into(),
        Reason::QuantityAboveMax { max, offer } => {
            t.problem_quantity_above_max(msg::ProblemQuantityAboveMax { max: (*max).into(), offer })
        }
        Reason::CloudAndMarket { china_cloud: false, market } => {
            t.problem_worldwide_in_china(market)
        }
        Reason::CloudAndMarket { china_cloud: true, market } => t.problem_china_elsewhere(market),
        Reason::NceOnly => t.problem_nce_only.into(),
        Reason::TriennialOnlyNce => t.problem_triennial_only_nce.into(),
        Reason::NotSoldUnderNce { offer } => t.problem_not_sold_under_nce(offer),
        Reason::BillingNotOffered { term, billing } => {
            t.problem_billing_not_offered(msg::ProblemBillingNotOffered { term, billing })
        }
        Reason::TermEndIs { expected } => t.problem_term_end_is(expected),
        Reason::PeriodOutsideTerm => t.problem_period_outside_term.into(),
        Reason::UsageBased => t.problem_usage_based.into(),
        Reason::BillingNotImported { billing } => t.problem_billing_not_imported(billing),
        Reason::NotPartnerCenter => t.problem_not_partner_center.into(),
        Reason::BatchesDoNotSum { total, quantity } => {
            let quantity = u64::from(*quantity);
            t.problem_batches_do_not_sum(msg::ProblemBatchesDoNotSum { total: *total, quantity })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn every_reason() -> Vec<Reason> {
        let id = || "x".to_string();
        vec![
            Reason::NotJson { line: 3, column: 7 },
            Reason::NotAWorkspace,
            Reason::NewerVersion { found: 9, known: 1 },
            Reason::VersionTooOld,
            Reason::Missing,
            Reason::UnknownField,
            Reason::WrongValue {
                expected: Expected::WholeNumber,
                found: Found::Value("-5".into()),
            },
            Reason::WrongValue {
                expected: Expected::OneOf(vec!["a".into(), "b".into()]),
                found: Found::Null,
            },
            Reason::WrongValue { expected: Expected::Date, found: Found::List },
            Reason::Empty,
            Reason::Duplicate { id: id() },
            Reason::UnknownOffer { id: id() },
            Reason::UnknownService { id: id() },
            Reason::UnknownSubscription { id: id() },
            Reason::UnknownCustomer { id: id() },
            Reason::NotAMarketCode { found: id() },
            Reason::EndsBeforeItStarts,
            Reason::AddonWithoutBase { offer: id() },
            Reason::BaseOfferAsAddon { offer: id() },
            Reason::ParentNotABase { id: id() },
            Reason::LicenceListedTwice { id: id() },
            Reason::QuantityBelowOne,
            Reason::QuantityAboveMax { max: 300, offer: id() },
            Reason::CloudAndMarket { china_cloud: false, market: "CN".into() },
            Reason::CloudAndMarket { china_cloud: true, market: "US".into() },
            Reason::NceOnly,
            Reason::TriennialOnlyNce,
            Reason::NotSoldUnderNce { offer: "o365-e4".into() },
            Reason::BillingNotOffered { term: "P1M".into(), billing: "annual".into() },
            Reason::TermEndIs { expected: "2027-03-01".into() },
            Reason::PeriodOutsideTerm,
            Reason::BatchesDoNotSum { total: 15, quantity: 20 },
        ]
    }

    #[test]
    fn every_problem_reads_as_a_sentence_in_every_language() {
        for locale in Locale::ALL {
            for reason in every_reason() {
                let sentence = problem_sentence(locale.strings(), &reason);
                assert!(
                    !sentence.is_empty() && !sentence.contains("{{"),
                    "{locale:?} {reason:?}: {sentence}"
                );
            }
        }
        let it = Locale::ItIt.strings();
        let wrong = Reason::WrongValue {
            expected: Expected::WholeNumber,
            found: Found::Value("-5".into()),
        };
        assert_eq!(
            problem_sentence(it, &wrong),
            "dovrebbe essere un numero intero pari o superiore a 0, ma è -5"
        );
        // The English sentences are the ones the store writes for logs and tests.
        for reason in every_reason() {
            assert_eq!(problem_sentence(Locale::EnUs.strings(), &reason), reason.to_string());
        }
    }
}
