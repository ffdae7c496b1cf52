//! An offer's current name, with its pre-2020 name as a second line.

use crate::domain::ids::OfferId;
use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn OfferName(offer_id: OfferId, #[prop(optional)] friendly: Option<String>) -> impl IntoView {
    let state = use_app();
    let offer = state.catalog.offer(&offer_id);
    let name = offer.map_or_else(|| offer_id.to_string(), |o| o.name.clone());
    let legacy = offer.and_then(|o| o.legacy_name.clone());
    view! {
        <span class="offer-name">
            <span class="offer-name-primary">{name}</span>
            {legacy.map(|legacy| view! { <span class="secondary offer-name-legacy">{legacy}</span> })}
            {friendly.map(|f| view! { <span class="secondary offer-name-friendly">{f}</span> })}
        </span>
    }
}
