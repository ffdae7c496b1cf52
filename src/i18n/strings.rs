//! The shape of a locale: one field per message.

use crate::domain::catalog::Cloud;
use crate::domain::workspace::{AdminAccess, BillingCycle, Channel, OrderStatus, Role, SubscriptionStatus};

pub type F1 = fn(&str) -> String;
pub type F2 = fn(&str, &str) -> String;
pub type F3 = fn(&str, &str, &str) -> String;

pub struct Strings {
    // Frame
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_customers: &'static str,
    pub nav_orders: &'static str,
    pub nav_settings: &'static str,
    pub cart_button: F1,
    pub language: &'static str,
    pub signed_in_as: F2,
    pub breadcrumb_label: &'static str,
    pub loading: &'static str,
    pub cloud_worldwide: &'static str,
    pub cloud_china: &'static str,
    pub china_note: &'static str,
    pub read_only_note: &'static str,
    pub pending_order_note: F1,
    pub view_order: &'static str,
    pub dismiss: &'static str,

    // Roles
    pub role_global_admin: &'static str,
    pub role_user_management_admin: &'static str,
    pub role_admin_agent: &'static str,
    pub role_sales_agent: &'static str,
    pub role_helpdesk_agent: &'static str,
    pub role_billing_admin: &'static str,

    pub eligible_for_upgrades: F1,
    pub upgrade_now: &'static str,
    pub can_be_upgraded: &'static str,

    // Customers
    pub customers_title: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub filter_market: &'static str,
    pub filter_all_markets: &'static str,
    pub filter_upgradable: &'static str,
    pub col_company: &'static str,
    pub col_domain: &'static str,
    pub col_market: &'static str,
    pub col_subscriptions: &'static str,
    pub col_upgradable: &'static str,
    pub col_delegated_admin: &'static str,
    pub admin_granted: &'static str,
    pub admin_limited: &'static str,
    pub admin_none: &'static str,
    pub no_customers_match: F1,
    pub no_customers: &'static str,
    pub clear_search: &'static str,
    pub customers_shown: F2,
    pub show_more: &'static str,
    pub upgradable_count_label: F1,

    // Subscriptions
    pub subscriptions_title: &'static str,
    pub col_name: &'static str,
    pub col_status: &'static str,
    pub col_quantity: &'static str,
    pub col_assigned: &'static str,
    pub col_billing: &'static str,
    pub col_channel: &'static str,
    pub col_renewal: &'static str,
    pub addon_label: &'static str,
    pub no_subscriptions: &'static str,
    pub customer_not_found: F1,
    pub subscription_not_found: F1,
    pub back_to_customers: &'static str,
    pub customer_summary: F2,

    // Status, billing, channel
    pub status_active: &'static str,
    pub status_suspended: &'static str,
    pub status_cancelled: &'static str,
    pub status_expired: &'static str,
    pub status_pending: &'static str,
    pub billing_monthly: &'static str,
    pub billing_annual: &'static str,
    pub channel_partner: &'static str,
    pub channel_other_partner: &'static str,
    pub channel_direct: &'static str,
    pub channel_ea: &'static str,
    pub channel_open: &'static str,

    // Subscription details
    pub tab_overview: &'static str,
    pub tab_upgrade: &'static str,
    pub tab_licenses: &'static str,
    pub tab_history: &'static str,
    pub subscription_id: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub field_offer: &'static str,
    pub field_friendly_name: &'static str,
    pub field_period: &'static str,
    pub field_auto_renew: &'static str,
    pub field_price: &'static str,
    pub field_services: &'static str,
    pub field_base_subscription: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub addons_title: &'static str,
    pub no_addons: &'static str,
    pub assigned_users_title: &'static str,
    pub no_assigned_users: &'static str,
    pub col_user: &'static str,
    pub col_upn: &'static str,
    pub col_usage_location: &'static str,
    pub no_usage_location: &'static str,
    pub per_license_month: F1,
    pub no_history: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_change: &'static str,
    pub col_outcome: &'static str,

    // Eligibility and the Upgrade tab
    pub what_you_can_do: &'static str,
    pub reason_code_label: &'static str,
    pub reason_status_not_active: F1,
    pub remedy_status_not_active: &'static str,
    pub reason_not_provisioned: &'static str,
    pub remedy_not_provisioned: &'static str,
    pub reason_admin_disabled: &'static str,
    pub remedy_admin_disabled: &'static str,
    pub reason_role: F1,
    pub remedy_role: &'static str,
    pub reason_concurrency: F1,
    pub remedy_concurrency: &'static str,
    pub reason_more_users: F2,
    pub remedy_more_users: &'static str,
    pub reason_no_path: F1,
    pub remedy_no_path: &'static str,
    pub reason_granular: F1,
    pub remedy_granular: &'static str,
    pub reason_owned: F2,
    pub reason_conflict: F3,
    pub remedy_partner_owned: &'static str,
    pub remedy_multichannel: F1,
    pub reason_addon_cannot_attach: F2,
    pub remedy_addon_cannot_attach: &'static str,
    pub reason_addon_not_movable: F2,
    pub remedy_addon_not_movable: &'static str,
    pub reason_not_in_market: F2,
    pub remedy_not_in_market: &'static str,
    pub adds_label: &'static str,
    pub adds_nothing: &'static str,
    pub addons_label: &'static str,
    pub addon_carried_over: &'static str,
    pub addon_removed: F1,
    pub addon_blocking: &'static str,
    pub not_available: &'static str,
    pub licenses_label: &'static str,
    pub quantity_range: F2,
    pub quantity_help: &'static str,
    pub billing_label: &'static str,
    pub add_to_cart: &'static str,
    pub upgrade_moves_licenses: F1,
    pub upgrade_only_note: &'static str,
    pub nothing_eligible: &'static str,
    pub no_upgrade_targets: &'static str,
    pub blocked_summary: &'static str,
    pub quantity_empty: &'static str,
    pub quantity_not_number: &'static str,
    pub quantity_fractional: &'static str,
    pub quantity_below: F1,
    pub quantity_above: F1,
    pub read_only_action: &'static str,
    pub added_to_cart: F1,

    // Orders
    pub orders_title: &'static str,
    pub no_orders: &'static str,
    pub col_order: &'static str,
    pub col_customer: &'static str,
    pub col_placed: &'static str,
    pub col_items: &'static str,
    pub col_total: &'static str,
    pub order_status_credit_check: &'static str,
    pub order_status_provisioning: &'static str,
    pub order_status_completed: &'static str,
    pub order_status_failed: &'static str,
    pub order_title: F1,
    pub order_not_found: F1,
    pub order_line: F2,
    pub audit_title: &'static str,
    pub payment_card: &'static str,
    pub payment_invoice: &'static str,
    pub col_payment: &'static str,

    // Cart and checkout
    pub cart_title: &'static str,
    pub cart_empty: &'static str,
    pub checkout_title: &'static str,
    pub manual_upgrade_title: &'static str,

    // Cart, checkout, orders
    pub cart_for_customer: F1,
    pub cart_line_title: F2,
    pub remove: &'static str,
    pub proration_title: &'static str,
    pub credit_line: F3,
    pub charge_line: F3,
    pub period_month: &'static str,
    pub period_year: &'static str,
    pub summary_title: &'static str,
    pub charges_label: &'static str,
    pub credits_label: &'static str,
    pub total_due: &'static str,
    pub total_credit_note: &'static str,
    pub next_steps: &'static str,
    pub go_to_checkout: &'static str,
    pub cart_blocked: &'static str,
    pub cart_line_not_eligible: &'static str,
    pub cart_replaced: F1,
    pub sold_to: &'static str,
    pub bill_to: &'static str,
    pub items_title: &'static str,
    pub change: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub field_name: &'static str,
    pub field_address: &'static str,
    pub field_city: &'static str,
    pub field_postal: &'static str,
    pub field_country: &'static str,
    pub field_email: &'static str,
    pub err_required: &'static str,
    pub err_email: &'static str,
    pub err_country: &'static str,
    pub payment_title: &'static str,
    pub payment_card_detail: &'static str,
    pub payment_invoice_detail: F1,
    pub invoice_unavailable: F1,
    pub credit_check_needed: F1,
    pub no_credit_check: &'static str,
    pub place_order: &'static str,
    pub placing_order: &'static str,
    pub place_error_empty: &'static str,
    pub place_error_not_eligible: F1,
    pub place_error_quantity: F1,
    pub place_error_customer: &'static str,
    pub step_placed: &'static str,
    pub step_credit: &'static str,
    pub step_upgrading: &'static str,
    pub step_done: &'static str,
    pub step_failed: &'static str,
    pub progress_label: &'static str,
    pub credit_check_waiting: F1,
    pub transfer_title: &'static str,
    pub transfer_line: F3,
    pub new_subscription: &'static str,
    pub affected_title: &'static str,
    pub affected_none: &'static str,
    pub col_service: &'static str,
    pub col_todo: &'static str,
    pub affected_usage_location: &'static str,
    pub affected_duplicate: F1,
    pub failed_reason: F1,
    pub complete_credit_checks: &'static str,
    pub complete_credit_checks_help: &'static str,
    pub credit_checks_done: F1,
    pub upgrade_in_progress: F2,
    pub upgraded_to: F2,
    pub upgraded_from: F1,
    pub upgrade_failed_note: F1,

    /// Audit log actions, by their stored code.
    pub audit_actions: &'static [(&'static str, &'static str)],

    // Settings
    pub settings_title: &'static str,
    pub settings_language_help: &'static str,
    pub settings_role: &'static str,
    pub settings_role_help: &'static str,
    pub settings_workspace: &'static str,
    pub settings_today: &'static str,
    pub settings_today_help: &'static str,
    pub settings_today_effective: F1,
    pub settings_today_real: &'static str,
    pub settings_today_apply: &'static str,
    pub settings_today_invalid: &'static str,
    pub export_workspace: &'static str,
    pub export_help: &'static str,
    pub import_workspace: &'static str,
    pub import_help: &'static str,
    pub import_done: F1,
    pub import_failed: F1,
    pub reset_demo: &'static str,
    pub reset_china_demo: &'static str,
    pub reset_help: &'static str,
    pub reset_confirm: &'static str,
    pub reset_done: &'static str,
    pub revision_label: F1,

    // Errors and recovery
    pub error_catalog_title: &'static str,
    pub error_catalog_body: F1,
    pub error_catalog_unreachable: F1,
    pub reload: &'static str,
    pub error_storage_unavailable: F1,
    pub error_storage_full: &'static str,
    pub error_stale: &'static str,
    pub recovery_title: &'static str,
    pub recovery_not_json: &'static str,
    pub recovery_wrong_format: &'static str,
    pub recovery_newer_version: &'static str,
    pub recovery_invalid: &'static str,
    pub recovery_detail: F1,
    pub recovery_what_to_do: &'static str,
    pub recovery_download: &'static str,
    pub recovery_start_fresh: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
}

impl Strings {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::GlobalAdmin => self.role_global_admin,
            Role::UserManagementAdmin => self.role_user_management_admin,
            Role::AdminAgent => self.role_admin_agent,
            Role::SalesAgent => self.role_sales_agent,
            Role::HelpdeskAgent => self.role_helpdesk_agent,
            Role::BillingAdmin => self.role_billing_admin,
        }
    }

    pub fn cloud(&self, cloud: Cloud) -> &'static str {
        match cloud {
            Cloud::Worldwide => self.cloud_worldwide,
            Cloud::China => self.cloud_china,
        }
    }

    pub fn status(&self, status: SubscriptionStatus) -> &'static str {
        match status {
            SubscriptionStatus::Active => self.status_active,
            SubscriptionStatus::Suspended => self.status_suspended,
            SubscriptionStatus::Cancelled => self.status_cancelled,
            SubscriptionStatus::Expired => self.status_expired,
            SubscriptionStatus::Pending => self.status_pending,
        }
    }

    pub fn billing(&self, cycle: BillingCycle) -> &'static str {
        match cycle {
            BillingCycle::Monthly => self.billing_monthly,
            BillingCycle::Annual => self.billing_annual,
        }
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        match channel {
            Channel::Partner => self.channel_partner,
            Channel::OtherPartner => self.channel_other_partner,
            Channel::Direct => self.channel_direct,
            Channel::Ea => self.channel_ea,
            Channel::Open => self.channel_open,
        }
    }

    pub fn admin_access(&self, access: AdminAccess) -> &'static str {
        match access {
            AdminAccess::Granted => self.admin_granted,
            AdminAccess::Limited => self.admin_limited,
            AdminAccess::None => self.admin_none,
        }
    }

    /// The label of an audit action code; unknown codes are shown as they are.
    pub fn audit_action<'a>(&self, code: &'a str) -> &'a str {
        self.audit_actions.iter().find(|(c, _)| *c == code).map_or(code, |(_, label)| label)
    }

    pub fn order_status(&self, status: OrderStatus) -> &'static str {
        match status {
            OrderStatus::CreditCheck => self.order_status_credit_check,
            OrderStatus::Provisioning => self.order_status_provisioning,
            OrderStatus::Completed => self.order_status_completed,
            OrderStatus::Failed => self.order_status_failed,
        }
    }
}
