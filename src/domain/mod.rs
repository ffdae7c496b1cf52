//! Pure business rules: no browser, no UI, no clock. Everything here is
//! deterministic and tested natively with `cargo test`.

pub mod audit_log;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod clock;
pub mod contact;
pub mod csv;
pub mod date;
pub mod eligibility;
pub mod ids;
pub mod licenses;
pub mod money;
pub mod nce;
pub mod opportunities;
pub mod orders;
pub mod proration;
pub mod quantity;
pub mod renewal;
pub mod renewals;
pub mod scheduled;
pub mod settings;
mod string_enum;
pub mod workspace;
