//! The built-in demo workspaces (SPEC 5.1): one per cloud, each showing every
//! rule in action. Kept as JSON so they read like any exported document.

use crate::domain::catalog::Cloud;
use crate::domain::workspace::Workspace;

const WORLDWIDE: &str = include_str!("demo/worldwide.json");
const CHINA: &str = include_str!("demo/china.json");

pub fn demo_text(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Worldwide => WORLDWIDE,
        Cloud::China => CHINA,
    }
}

pub fn demo(cloud: Cloud) -> Workspace {
    super::document::deserialize(demo_text(cloud)).expect("the demo workspaces are tested to parse")
}
