//! Pure business rules: no browser, no UI, no clock. Everything here is
//! deterministic and tested natively with `cargo test`.

pub mod catalog;
pub mod date;
pub mod eligibility;
pub mod money;
pub mod quantity;
mod string_enum;
pub mod workspace;
