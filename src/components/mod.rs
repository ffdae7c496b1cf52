//! Pieces shared by pages. They read state from context and hold no business rules.

pub mod audit_table;
pub mod chunk;
pub mod confirm;
pub mod fields;
pub mod icon;
pub mod messages;
pub mod offer_name;
pub mod page;
pub mod pager;
pub mod problems;
pub mod reason;
pub mod recovery;
pub mod screens;
pub mod shell;
pub mod status;
pub mod totals;
pub mod upgrade_info;
pub mod users;
