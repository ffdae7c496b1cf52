//! `/customers/:customer/subscriptions/:subscription/manual-upgrade`: the four
//! steps of the E4 article, in order: buy a new subscription (through the cart
//! and checkout), verify it, reassign licences at most 20 users at a time, and
//! cancel the old subscription once nobody holds its licences.

use crate::components::confirm::{use_confirm, Question};
use crate::components::fields::{BillingSelect, Quantity, QuantityField};
use crate::components::messages::{count_change_lines, license_message};
use crate::components::page::{Crumb, MessageBar, PageHeader, PageNotes, Tone};
use crate::components::users::UserPicker;
use crate::domain::cart;
use crate::domain::licenses::{self, AddonOutcome, MAX_USERS_PER_REASSIGNMENT};
use crate::domain::proration::count_change_price;
use crate::domain::workspace::{CartLine, Customer, Subscription, SubscriptionStatus};
use crate::i18n::format;
use crate::links;
use crate::pages::{use_customer, use_subscription, SubscriptionContext};
use crate::state::{use_app, Notice};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

fn offer_name(id: &str) -> String {
    use_app().catalog.offer_name(id).to_string()
}

#[component]
pub fn ManualUpgradePage() -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let customer_id = use_customer().id;
    let SubscriptionContext { id: subscription_id, selected } = use_subscription();
    let found = Memo::new(move |_| {
        selected.with(|s| s.as_ref().map(|s| (s.customer.clone(), s.subscription.clone())))
    });
    let crumbs = Signal::derive(move || {
        let customer = customer_id.get();
        let name = found
            .with(|f| f.as_ref().map(|(c, _)| c.company_name.clone()))
            .unwrap_or(customer.clone());
        // The subscription by name, as its details page titles it (its id only
        // when it is not in the workspace).
        let subscription = found
            .with(|f| f.as_ref().map(|(_, s)| state.catalog.offer_name(&s.offer_id).to_string()))
            .unwrap_or_else(|| subscription_id.get());
        vec![
            Crumb::link(t().nav_customers, links::customers()),
            Crumb::link(name, links::subscriptions(&customer)),
            Crumb::link(subscription, links::subscription(&customer, &subscription_id.get())),
            Crumb::here(t().manual_upgrade_title),
        ]
    });
    let subtitle = Signal::derive(move || t().manual_intro.to_string());
    view! {
        <PageHeader title=Signal::derive(move || t().manual_upgrade_title.to_string()) crumbs subtitle/>
        <PageNotes/>
        {move || match found.get() {
            None => view! { <MessageBar tone=Tone::Danger>{(t().subscription_not_found)(&subscription_id.get())}</MessageBar> }.into_any(),
            Some((customer, old)) => view! { <Steps customer old/> }.into_any(),
        }}
    }
}

#[component]
fn Steps(customer: Customer, old: Subscription) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let navigate = use_navigate();
    let cloud = state.workspace.with_untracked(|w| w.partner.cloud);
    let offers: Vec<_> = state
        .catalog
        .offers
        .iter()
        .filter(|o| !o.is_addon() && o.sold_in(cloud, &customer.market) && o.id != old.offer_id)
        .cloned()
        .collect();
    let offer = RwSignal::new(offers.first().map(|o| o.id.clone()).unwrap_or_default());
    let billing = RwSignal::new(old.billing_cycle);
    let seat_max =
        Signal::derive(move || state.catalog.offer(&offer.get()).map_or(1, |o| o.seat_max()));
    let quantity = Quantity::new(old.quantity, 1, seat_max);
    let parsed = quantity.parsed;

    // Only this partner's active subscriptions, each with the services its
    // users would lose; one is chosen for the partner only when it loses none.
    let choices = licenses::replacements(state.catalog, &customer, &old.id);
    let chosen = RwSignal::new(licenses::preselected(&choices).map(|r| r.subscription.id.clone()));
    let chosen_replacement = {
        let choices = choices.clone();
        Memo::new(move |_| {
            chosen.get().and_then(|id| choices.iter().find(|r| r.subscription.id == id).cloned())
        })
    };
    let new_sub = Memo::new(move |_| chosen_replacement.get().map(|r| r.subscription));
    let holders: Vec<_> =
        customer.users.iter().filter(|u| u.licenses.contains(&old.id)).cloned().collect();
    let step_error = RwSignal::new(None::<String>);

    let buy = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        move |_| {
            let Ok(q) = parsed.get_untracked() else { return };
            let line = CartLine {
                customer_id: customer_id.clone(),
                source_subscription_id: old_id.clone(),
                target_offer_id: offer.get_untracked(),
                quantity: q,
                billing_cycle: billing.get_untracked(),
                purchase: true,
                timing: Default::default(),
            };
            if state.run(|w, now, actor| cart::add(state.catalog, w, line, now, actor)).is_ok() {
                navigate(&links::cart(), Default::default());
            }
        }
    };
    let confirm = use_confirm();
    // Buying licences spends: the price first, then the change
    // (docs/rules.md#confirmation).
    let buy_more = {
        let (customer_id, old_quantity) = (customer.id.clone(), old.quantity);
        move |_| {
            let Some(new) = new_sub.get_untracked() else { return };
            let price = state.workspace.with_untracked(|w| {
                let customer = w.customer(&customer_id)?;
                let current = customer.subscription(&new.id)?;
                Some((
                    current.quantity,
                    count_change_price(
                        state.catalog,
                        w,
                        customer,
                        current,
                        old_quantity,
                        state.today(),
                    ),
                ))
            });
            let Some((from, price)) = price else { return };
            let (t, locale) = (state.t(), state.locale.get_untracked());
            let customer_id = customer_id.clone();
            confirm.ask(Question {
                title: (t.confirm_count_title)(
                    &format::number(locale, from),
                    &format::number(locale, old_quantity),
                ),
                lines: count_change_lines(locale, &price),
                accept: t.confirm_buy_more_accept.into(),
                on_accept: Callback::new(move |()| {
                    if let Err(e) = state.run(|w, now, actor| {
                        licenses::set_quantity(
                            state.catalog,
                            w,
                            &customer_id,
                            &new.id,
                            old_quantity,
                            now,
                            actor,
                        )
                    }) {
                        step_error.set(Some(license_message(state.t(), &e)));
                    }
                }),
            });
        }
    };
    let has_choices = !choices.is_empty();
    let reassign = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        Callback::new(move |ids: Vec<String>| {
            let Some(new) = new_sub.get_untracked() else {
                let t = state.t();
                return Err(
                    if has_choices { t.manual_choose_new } else { t.manual_no_new }.to_string()
                );
            };
            state
                .run(|w, now, actor| {
                    licenses::reassign(w, &customer_id, &old_id, &new.id, &ids, now, actor)
                })
                .map(|n| (state.t().manual_reassigned)(n as u64, &n.to_string()))
                .map_err(|e| license_message(state.t(), &e))
        })
    };
    let cancel_old = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        let name = format!("{} ({})", state.catalog.offer_name(&old.offer_id), old.friendly_name);
        move |_| {
            let t = state.t();
            let new = new_sub.get_untracked();
            let new_id = new.as_ref().map(|s| s.id.clone());
            // Each add-on by name, and what happens to it (docs/rules.md#manual-upgrade).
            let plan = state.workspace.with_untracked(|w| {
                w.customer(&customer_id)
                    .map(|c| licenses::addon_plan(state.catalog, c, &old_id, new_id.as_deref()))
                    .unwrap_or_default()
            });
            let target = new.as_ref().map(|s| offer_name(&s.offer_id)).unwrap_or_default();
            let mut lines = vec![t.confirm_cancel_body.to_string()];
            lines.extend(plan.iter().map(|(addon, outcome)| {
                let addon = offer_name(&addon.offer_id);
                match outcome {
                    AddonOutcome::Moves => (t.confirm_addon_moves)(&addon, &target),
                    AddonOutcome::Included => (t.confirm_addon_included)(&addon, &target),
                    AddonOutcome::CancelledWithBase => (t.confirm_cancel_addon)(&addon),
                }
            }));
            let (customer_id, old_id) = (customer_id.clone(), old_id.clone());
            confirm.ask(Question {
                title: (t.confirm_cancel_title)(&name),
                lines,
                accept: t.confirm_cancel_accept.into(),
                on_accept: Callback::new(move |()| {
                    match state.run(|w, now, actor| {
                        licenses::cancel(
                            state.catalog,
                            w,
                            &customer_id,
                            &old_id,
                            new_id.as_deref(),
                            now,
                            actor,
                        )
                    }) {
                        Ok(_) => state
                            .notice
                            .set(Some(Notice::Success(state.t().manual_cancelled.into()))),
                        Err(e) => step_error.set(Some(license_message(state.t(), &e))),
                    }
                }),
            });
        }
    };
    let old_cancelled = old.status == SubscriptionStatus::Cancelled;
    // Step 4 waits for step 3 (and a role that may act): the rules' reason.
    let cancel_block = {
        let (customer_id, old_id) = (customer.id.clone(), old.id.clone());
        Memo::new(move |_| {
            let t = state.t();
            state
                .workspace
                .with(|w| licenses::check_cancel(w, &customer_id, &old_id))
                .err()
                .map(|e| license_message(t, &e))
        })
    };
    let old_quantity = old.quantity;

    view! {
        <ol class="wizard">
            <li class="card wizard-step" data-testid="manual-step" data-step="1">
                <h2 class="cart-line-title">"1 · "{move || t().manual_step1}</h2>
                <div class="target-form">
                    <div class="form-field">
                        <label for="manual-offer">{move || t().manual_offer_label}</label>
                        <select id="manual-offer" data-testid="manual-offer" prop:value=move || offer.get() on:change=move |ev| offer.set(event_target_value(&ev))>
                            {offers.iter().map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <QuantityField quantity id="manual-quantity" label=Signal::derive(move || t().licenses_label.to_string())/>
                    <BillingSelect id="manual-billing" value=billing on_change=Callback::new(move |c| billing.set(c))/>
                    <button class="button-primary" data-testid="add-to-cart" on:click=buy title=move || state.read_only_reason() disabled=move || parsed.get().is_err() || !state.can_act()>
                        {move || t().add_to_cart}
                    </button>
                </div>
            </li>
            <li class="card wizard-step" data-testid="manual-step" data-step="2">
                <h2 class="cart-line-title">"2 · "{move || t().manual_step2}</h2>
                <p class="secondary caption">{move || t().manual_partner_only}</p>
                {if choices.is_empty() {
                    view! { <p class="secondary">{move || t().manual_no_new}</p> }.into_any()
                } else {
                    view! {
                        <div class="form-field">
                            <label for="manual-new">{move || t().manual_new_label}</label>
                            <select id="manual-new" data-testid="manual-new" prop:value=move || chosen.get().unwrap_or_default()
                                on:change=move |ev| { let id = event_target_value(&ev); chosen.set((!id.is_empty()).then_some(id)) }>
                                <option value="">{move || t().manual_choose_new}</option>
                                {choices.iter().map(|r| {
                                    let s = &r.subscription;
                                    view! { <option value=s.id.clone()>{format!("{} · {} · {}", offer_name(&s.offer_id), s.friendly_name, s.id)}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        {move || chosen_replacement.get().filter(|r| !r.lost_services.is_empty()).map(|r| {
                            let services = r.lost_services.iter().map(|id| state.catalog.service_name(id)).collect::<Vec<_>>().join(", ");
                            view! { <MessageBar tone=Tone::Warning><span data-testid="manual-lost-services">{(t().manual_loses_services)(&services)}</span></MessageBar> }
                        })}
                        {move || chosen_replacement.get().map(|r| (r.is_ready(old_quantity), r.subscription)).map(|(ready, new)| if ready {
                            view! { <MessageBar tone=Tone::Success>{(t().manual_verify_ok)(&format::number(state.locale.get(), new.quantity), &format::number(state.locale.get(), old_quantity))}</MessageBar> }.into_any()
                        } else if new.quantity >= old_quantity {
                            // Enough licences, but services would be lost: said above.
                            ().into_any()
                        } else {
                            view! {
                                <MessageBar tone=Tone::Warning>{(t().manual_verify_short)(&format::number(state.locale.get(), new.quantity), &format::number(state.locale.get(), old_quantity))}</MessageBar>
                                <button class="button-secondary" data-testid="manual-buy-more" title=move || state.read_only_reason() on:click=buy_more.clone() disabled=move || !state.can_act()>
                                    {(t().manual_buy_more)(&format::number(state.locale.get(), old_quantity))}
                                </button>
                            }.into_any()
                        })}
                    }.into_any()
                }}
            </li>
            <li class="card wizard-step" data-testid="manual-step" data-step="3">
                <h2 class="cart-line-title">"3 · "{move || t().manual_step3}</h2>
                {if holders.is_empty() {
                    view! { <MessageBar tone=Tone::Success>{move || t().manual_all_moved}</MessageBar> }.into_any()
                } else {
                    view! {
                        <p class="secondary">{move || (t().manual_select_hint)(&MAX_USERS_PER_REASSIGNMENT.to_string())}</p>
                        <UserPicker users=holders limit=MAX_USERS_PER_REASSIGNMENT action_testid="manual-reassign"
                            action_label=Signal::derive(move || t().manual_reassign_button.to_string())
                            on_act=reassign/>
                    }.into_any()
                }}
            </li>
            <li class="card wizard-step" data-testid="manual-step" data-step="4">
                <h2 class="cart-line-title">"4 · "{move || t().manual_step4}</h2>
                {if old_cancelled {
                    view! { <MessageBar tone=Tone::Success>{move || t().manual_cancelled}</MessageBar> }.into_any()
                } else {
                    view! {
                        {move || cancel_block.get().map(|why| view! { <p class="secondary" id="manual-cancel-why" data-testid="manual-cancel-reason">{why}</p> })}
                        <button class="button-secondary danger" data-testid="manual-cancel-old" title=move || cancel_block.get()
                            aria-describedby=move || cancel_block.with(Option::is_some).then_some("manual-cancel-why")
                            on:click=cancel_old disabled=move || cancel_block.with(Option::is_some)>
                            {move || t().manual_cancel_button}
                        </button>
                    }.into_any()
                }}
            </li>
        </ol>
        {move || step_error.get().map(|e| view! { <MessageBar tone=Tone::Danger>{e}</MessageBar> })}
    }
}
