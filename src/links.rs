//! Every route (docs/rules.md#routes-and-test-ids) as a path, built in one place: pages link and
//! navigate with these, never with hand-built `format!` paths. Paths are
//! relative to the router's base (the router's `<A>` and `navigate` add it),
//! and ids are percent-encoded, so any id a document holds makes a link.

/// The tabs of a subscription's details. Upgrade has a route of its own;
/// the others live under the details route, as `?tab=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailsTab {
    Overview,
    Upgrade,
    Licenses,
    History,
}

impl DetailsTab {
    /// The tab a details route's `?tab=` names; anything else (none, an
    /// unknown value, `upgrade`, which has its own route) is the Overview.
    pub fn from_query(value: Option<&str>) -> Self {
        match value {
            Some("licenses") => Self::Licenses,
            Some("history") => Self::History,
            _ => Self::Overview,
        }
    }

    /// Its `?tab=` value: none for the Overview (the bare route) and the
    /// Upgrade tab (its own route).
    pub fn query(self) -> Option<&'static str> {
        match self {
            Self::Overview | Self::Upgrade => None,
            Self::Licenses => Some("licenses"),
            Self::History => Some("history"),
        }
    }
}

pub fn customers() -> String {
    "/customers".into()
}

pub fn subscriptions(customer: &str) -> String {
    format!("/customers/{}/subscriptions", segment(customer))
}

pub fn subscription(customer: &str, subscription: &str) -> String {
    format!("{}/{}", subscriptions(customer), segment(subscription))
}

pub fn subscription_tab(customer: &str, subscription_id: &str, tab: DetailsTab) -> String {
    let base = subscription(customer, subscription_id);
    match (tab, tab.query()) {
        (DetailsTab::Upgrade, _) => upgrade(customer, subscription_id),
        (_, Some(value)) => format!("{base}?tab={value}"),
        (_, None) => base,
    }
}

/// The Licenses tab with one user's row brought into view and focused,
/// where the partner assigns or removes that user's licence.
pub fn licenses_user(customer: &str, subscription_id: &str, user: &str) -> String {
    format!(
        "{}&user={}",
        subscription_tab(customer, subscription_id, DetailsTab::Licenses),
        segment(user)
    )
}

pub fn upgrade(customer: &str, subscription_id: &str) -> String {
    format!("{}/upgrade", subscription(customer, subscription_id))
}

pub fn manual_upgrade(customer: &str, subscription_id: &str) -> String {
    format!("{}/manual-upgrade", subscription(customer, subscription_id))
}

/// The Upgrade tab with `target` chosen (the opportunities report's link).
pub fn upgrade_target(customer: &str, subscription_id: &str, target: &str) -> String {
    format!("{}?target={}", upgrade(customer, subscription_id), segment(target))
}

pub fn opportunities() -> String {
    "/opportunities".into()
}

pub fn renewals() -> String {
    "/renewals".into()
}

pub fn cart() -> String {
    "/cart".into()
}

pub fn checkout() -> String {
    "/checkout".into()
}

pub fn orders() -> String {
    "/orders".into()
}

pub fn order(id: &str) -> String {
    format!("/orders/{}", segment(id))
}

pub fn settings() -> String {
    "/settings".into()
}

/// One path segment: everything but letters, digits and `-._~` percent-encoded
/// as UTF-8, so a space, `#`, `?`, `/` or a Chinese id stays inside its segment.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_the_spec_s() {
        assert_eq!(subscriptions("contoso"), "/customers/contoso/subscriptions");
        assert_eq!(
            upgrade("contoso", "sub-contoso-1"),
            "/customers/contoso/subscriptions/sub-contoso-1/upgrade"
        );
        assert_eq!(manual_upgrade("c", "s"), "/customers/c/subscriptions/s/manual-upgrade");
        assert_eq!(
            subscription_tab("c", "s", DetailsTab::Licenses),
            "/customers/c/subscriptions/s?tab=licenses"
        );
        assert_eq!(
            subscription_tab("c", "s", DetailsTab::Overview),
            "/customers/c/subscriptions/s"
        );
        assert_eq!(
            subscription_tab("c", "s", DetailsTab::Upgrade),
            "/customers/c/subscriptions/s/upgrade"
        );
        assert_eq!(order("ord-1002"), "/orders/ord-1002");
        assert_eq!(
            upgrade_target("c", "s", "o365-e3"),
            "/customers/c/subscriptions/s/upgrade?target=o365-e3"
        );
        assert_eq!(opportunities(), "/opportunities");
        assert_eq!(
            licenses_user("c", "s", "u 1&x"),
            "/customers/c/subscriptions/s?tab=licenses&user=u%201%26x"
        );
    }

    #[test]
    fn a_tab_s_query_reads_back_as_that_tab() {
        for tab in [DetailsTab::Overview, DetailsTab::Licenses, DetailsTab::History] {
            assert_eq!(DetailsTab::from_query(tab.query()), tab);
        }
        assert_eq!(DetailsTab::from_query(Some("upgrade")), DetailsTab::Overview);
        assert_eq!(DetailsTab::from_query(Some("nonsense")), DetailsTab::Overview);
    }

    #[test]
    fn ids_stay_inside_their_segment() {
        assert_eq!(subscriptions("a b#c?d/e"), "/customers/a%20b%23c%3Fd%2Fe/subscriptions");
        assert_eq!(order("订单"), "/orders/%E8%AE%A2%E5%8D%95");
    }
}
