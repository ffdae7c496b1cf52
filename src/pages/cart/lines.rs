//! The cards of the cart: one per upgrade or purchase, with its licence
//! count and billing, its add-ons and its proration lines.

use super::drafts::{Drafts, SETTLE_AFTER};
use super::moved_users::MovedUsers;
use super::offer_name;
use crate::components::confirm::{use_confirm, Question};
use crate::components::fields::{BillingSelect, Quantity, QuantityField, TimingSelect};
use crate::components::messages::included_text;
use crate::components::page::{MessageBar, Tone};
use crate::components::reason::ReasonItem;
use crate::domain::cart;
use crate::domain::date::Date;
use crate::domain::eligibility::{Disposition, TargetEvaluation};
use crate::domain::proration::{quote_timed, renewal_day, LineKind, PriceLine, Quote, Upgrade};
use crate::domain::quantity::QuantityError;
use crate::domain::workspace::{CartLine, Subscription};
use crate::i18n::format;
use crate::i18n::msg;
use crate::state::use_app;
use leptos::prelude::*;

/// The licence count and billing of one cart line. The box, the price and
/// the totals follow every key; the count is stored when the partner settles
/// on it (see `drafts`); a bad one is shown and blocks checkout.
#[component]
fn LineForm(
    line: CartLine,
    /// Made by the card, so what was typed outlives a redraw of this form.
    quantity: Quantity,
    drafts: Drafts,
    /// An upgrade's source term end, for its start (`None`: a purchase).
    renews_on: Option<Date>,
) -> impl IntoView {
    let state = use_app();
    let key = StoredValue::new(line.key());
    // The timer that stores the count once typing pauses; each key restarts it.
    let pause = StoredValue::new_local(None::<TimeoutHandle>);
    let settle = move || {
        if let Some(timer) = pause.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        key.try_with_value(|key| drafts.store(key));
    };
    // Leaving the cart (or the line going) stores what was typed first.
    // Closing or reloading the page, or hiding it, stores it too, and writes
    // at once: no frame comes after a page is hidden.
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| {
        settle();
        state.save();
    });
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        settle();
        state.save();
    });
    on_cleanup(move || {
        leaving.remove();
        hidden.remove();
        settle();
        key.try_with_value(|key| drafts.clear(key));
    });
    // The line's billing and start as stored: one lookup per change for both.
    let choices = Memo::new(move |_| {
        key.with_value(|key| {
            state.workspace.with(|w| {
                cart::line(w, key)
                    .map_or((line.billing_cycle, line.timing), |l| (l.billing_cycle, l.timing))
            })
        })
    });
    let cycle = Signal::derive(move || choices.get().0);
    let timing = Signal::derive(move || choices.get().1);
    let on_read = Callback::new(move |read: Result<u32, QuantityError>| {
        key.with_value(|key| drafts.set(key, read));
        let timer = set_timeout_with_handle(settle, SETTLE_AFTER).ok();
        if let Some(previous) = pause.try_update_value(|p| std::mem::replace(p, timer)).flatten() {
            previous.clear();
        }
    });
    let on_settle = Callback::new(move |()| settle());
    let on_billing = Callback::new(move |c| {
        let _ = key
            .with_value(|key| state.run(|w, now, actor| cart::set_billing(w, key, c, now, actor)));
    });
    let on_timing = Callback::new(move |timing| {
        let _ = key.with_value(|key| {
            state.run(|w, now, actor| cart::set_timing(w, key, timing, now, actor))
        });
    });
    let read_only = Signal::derive(move || !state.can_act());
    let id = key.get_value();
    let nce = state.workspace.with_untracked(|w| cart::source_is_nce(w, &line));
    view! {
        <div class="target-form">
            <QuantityField quantity id=format!("cart-quantity-{id}") label=Signal::derive(move || state.t().licenses_label.to_string())
                disabled=read_only on_read on_settle/>
            // New commerce keeps the source's term and billing: nothing to choose.
            {(!nce).then(|| view! {
                <BillingSelect id=format!("cart-billing-{id}") value=cycle on_change=on_billing disabled=read_only/>
            })}
            {renews_on.map(|renews_on| view! {
                <TimingSelect id=format!("cart-timing-{id}") value=timing on_change=on_timing renews_on disabled=read_only/>
            })}
        </div>
    }
}

/// A card for one cart line: title, Remove, the body, and its price lines.
#[component]
fn LineCard(
    line: CartLine,
    #[prop(into)] title: String,
    blocked: bool,
    quote: Memo<Option<Quote>>,
    children: Children,
) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let key = line.key();
    let confirm = use_confirm();
    let what = title.clone();
    // A new-commerce source says so with its term and billing, which the upgrade keeps.
    let nce_terms = Memo::new({
        let (customer_id, source_id) =
            (line.customer_id.clone(), line.source_subscription_id.clone());
        let purchase = line.purchase;
        move |_| {
            let t = state.t();
            let source = state.workspace.with(|w| {
                w.customer(&customer_id)?.subscription(&source_id).filter(|_| !purchase).cloned()
            })?;
            t.nce_summary(&source)
        }
    });
    let remove = move |_| {
        let key = key.clone();
        let t = state.t();
        confirm.ask(Question {
            title: t.confirm_remove_title.into(),
            lines: vec![t.confirm_remove_body(&what)],
            accept: t.remove.into(),
            on_accept: Callback::new(move |()| {
                let _ = state.run(|w, now, actor| cart::remove(w, &key, now, actor));
            }),
        });
    };
    view! {
        <section class="card cart-line" class:target-blocked=blocked>
            <header class="target-header">
                <h2 class="cart-line-title">{title}</h2>
                {move || nce_terms.get().map(|terms| view! { <span class="nce-tag" data-testid="nce-terms">{terms}</span> })}
                <button class="button-subtle" on:click=remove title=move || state.read_only_reason() disabled=move || !state.can_act()>{move || t().remove}</button>
            </header>
            {children()}
            // No preview for a line that cannot be priced (a count that is
            // not one, a line no longer eligible): its message says why.
            <Show when=move || quote.with(Option::is_some)>
                <h3 class="subsection-title">{move || t().proration_title}</h3>
                <table class="proration">
                    <tbody>
                        {move || quote.get().map(|q| q.lines.iter().map(|l| view! { <ProrationRow line=l.clone() currency=q.currency.clone()/> }).collect_view())}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
pub(super) fn CartLineCard(line: CartLine, drafts: Drafts) -> impl IntoView {
    if line.purchase {
        return view! { <PurchaseLineCard line drafts/> }.into_any();
    }
    let state = use_app();
    let t = move || state.t();
    let source_id = line.source_subscription_id.clone();
    // The live evaluation: the cart re-checks the rules on every change.
    let evaluated = Memo::new({
        let key = line.key();
        move |_| {
            state.workspace.with(|w| cart::evaluate_line(state.catalog, w, cart::line(w, &key)?))
        }
    });
    let quote = upgrade_quote(&line, evaluated, drafts);
    // The box's text belongs to the card, not to the form the card redraws
    // (eligibility changing, another language): what was typed stays.
    // The range follows the line's start: an NCE upgrade at renewal has its own.
    let timing = Memo::new({
        let key = line.key();
        move |_| state.workspace.with(|w| cart::line(w, &key).map(|l| l.timing).unwrap_or_default())
    });
    let bound = move |pick: fn((u32, u32)) -> u32| {
        Signal::derive(move || {
            evaluated.with(|e| e.as_ref().map_or(1, |(_, t)| pick(t.quantity_range(timing.get()))))
        })
    };
    let quantity = Quantity::new(line.quantity, bound(|r| r.0), bound(|r| r.1));
    (move || {
        // Missing or no longer eligible lines block checkout through the quote.
        let Some((source, target)) = evaluated.get() else {
            let message = t().subscription_not_found(&source_id);
            return view! {
                <LineCard line=line.clone() title=line.target_offer_id.clone() blocked=true quote>
                    <MessageBar tone=Tone::Danger>{message}</MessageBar>
                </LineCard>
            }.into_any();
        };
        let target_name = offer_name(&target.target);
        let title = t().cart_line_title(msg::CartLineTitle { source: &offer_name(&source.offer_id), target: &target_name });
        let body = if target.eligible {
            let renews_on = Some(renewal_day(&source, state.today()));
            view! { <LineForm line=line.clone() quantity drafts renews_on/> }.into_any()
        } else {
            view! { <NotEligible target=target.clone()/> }.into_any()
        };
        let moved = view! {
            <MovedUsers key=line.key() source=source.clone() target_name=target_name.clone() drafts/>
        };
        // The title read the language above, so a switch redraws the parts below too.
        view! {
            <LineCard line=line.clone() title blocked=!target.eligible quote>
                <p class="secondary caption">{source.friendly_name.clone()}" · "<code>{source.id.to_string()}</code></p>
                {body}
                {moved}
                <AddonFates target target_name/>
            </LineCard>
        }.into_any()
    })
    .into_any()
}

/// An upgrade line priced with the count in the box, settled or not; apart
/// from the evaluation, so typing a count never rebuilds the form.
fn upgrade_quote(
    line: &CartLine,
    evaluated: Memo<Option<(Subscription, TargetEvaluation)>>,
    drafts: Drafts,
) -> Memo<Option<Quote>> {
    let state = use_app();
    let key = line.key();
    let customer_id = line.customer_id.clone();
    Memo::new(move |_| {
        let (source, target) = evaluated.get()?;
        if drafts.is_invalid(&key) {
            return None;
        }
        let typed = drafts.count(&key);
        state.workspace.with(|w| {
            let customer = w.customer(&customer_id)?;
            let current = cart::line(w, &key)?;
            let quantity = typed.unwrap_or(current.quantity);
            let upgrade = Upgrade {
                customer,
                source: &source,
                target: &target,
                quantity,
                cycle: current.billing_cycle,
            };
            Some(quote_timed(state.catalog, w, upgrade, current.timing, state.today()))
        })
    })
}

/// Why the target is no longer eligible: every reason, with its remedy.
#[component]
fn NotEligible(target: TargetEvaluation) -> impl IntoView {
    let state = use_app();
    let target_id = target.target.clone();
    view! {
        <p class="field-error" data-testid="error">{state.t().cart_line_not_eligible}</p>
        <ul class="reason-list">{target.reasons.into_iter().map(|r| view! { <ReasonItem reason=r target=target_id.clone()/> }).collect_view()}</ul>
    }
}

/// What the upgrade does with each add-on of the source that can go along:
/// carried over, or removed; nothing when the source has none.
#[component]
fn AddonFates(target: TargetEvaluation, target_name: String) -> impl IntoView {
    let state = use_app();
    let t = state.t();
    (!target.addons.is_empty()).then(|| view! {
        <h3 class="subsection-title">{t.addons_title}</h3>
        <ul class="plain-list">
            {target.addons.iter().filter(|f| !matches!(f.disposition, Disposition::Blocking(_))).map(|fate| {
                let text = match fate.disposition {
                    Disposition::Removed => included_text(t, fate, &target_name),
                    _ => t.addon_carried_over.to_string(),
                };
                view! {
                    <li data-testid="addon-line" data-offer-id=fate.offer_id.to_string() data-disposition=fate.disposition.as_str()>
                        {offer_name(&fate.offer_id)}" — "{text}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// A new subscription bought for the manual upgrade.
#[component]
fn PurchaseLineCard(line: CartLine, drafts: Drafts) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let key = line.key();
    let quote = Memo::new(move |_| {
        if drafts.is_invalid(&key) {
            return None;
        }
        let typed = drafts.count(&key);
        state.workspace.with(|w| {
            let mut current = cart::line(w, &key)?.clone();
            current.quantity = typed.unwrap_or(current.quantity);
            let customer = w.customer(&current.customer_id)?;
            crate::domain::orders::quote_purchase(state.catalog, w, customer, &current).ok()
        })
    });
    let max = state.catalog.offer(&line.target_offer_id).map_or(1, |o| o.seat_max());
    let quantity = Quantity::new(line.quantity, 1, max);
    let title = t().buy_line_title(&offer_name(&line.target_offer_id));
    // Another line of the cart already gets this offer: one order buys it once.
    let duplicate = Memo::new({
        let line = line.clone();
        move |_| state.workspace.with(|w| cart::duplicate_reason(w, &line))
    });
    let target = line.target_offer_id.clone();
    view! {
        <LineCard line=line.clone() title blocked=false quote>
            <p class="secondary caption">{t().manual_upgrade_title}" · "<code>{line.source_subscription_id.to_string()}</code></p>
            {move || duplicate.get().map(|reason| view! {
                <p class="field-error" data-testid="error">{t().cart_line_blocked}</p>
                <ul class="reason-list"><ReasonItem reason target=target.clone()/></ul>
            })}
            <LineForm line=line.clone() quantity drafts renews_on=None/>
        </LineCard>
    }
}

#[component]
fn ProrationRow(line: PriceLine, currency: String) -> impl IntoView {
    let state = use_app();
    let t = move || state.t();
    let name = offer_name(&line.offer_id);
    let text = move || match (line.kind, line.days, line.runs_to) {
        (LineKind::Credit, Some((remaining, period)), _) => t().credit_line(msg::CreditLine {
            count: remaining.unsigned_abs(),
            offer: &name,
            period: period.unsigned_abs(),
        }),
        // New commerce: the charge runs to the source's period end.
        (LineKind::Charge, Some((remaining, _)), Some(end)) => {
            t().charge_line_coterminous(msg::ChargeLineCoterminous {
                offer: &name,
                count: u64::from(line.quantity),
                days: remaining.unsigned_abs(),
                date: end.add_days(-1),
            })
        }
        _ => {
            let period = if line.months == 12 { t().period_year } else { t().period_month };
            let charge = t().charge_line(msg::ChargeLine {
                offer: &name,
                count: u64::from(line.quantity),
                period,
            });
            match line.billed_on {
                Some(day) => format!("{charge} · {}", t().charge_billed_on(day)),
                None => charge,
            }
        }
    };
    let signed = if line.kind == LineKind::Credit { -line.amount_minor } else { line.amount_minor };
    view! {
        <tr data-kind=if line.kind == LineKind::Credit { "credit" } else { "charge" } data-minor-units=signed.to_string()>
            <td>{text}</td>
            <td class="num">{move || format::money(state.locale.get(), signed, &currency)}</td>
        </tr>
    }
}
