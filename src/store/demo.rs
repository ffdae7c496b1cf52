//! The demo workspaces (docs/rules.md#demo-workspaces): one per cloud, each showing every rule in
//! action. Kept as JSON so they read like any exported document.
//!
//! The app fetches them from beside itself (`demo/<cloud>.json`, copied by
//! Trunk) when one is loaded: the first download does not carry documents a
//! returning partner never opens. Tests read them compiled in ([`demo`]).

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

/// The demo, compiled in (tests and tools; the app fetches [`file`]).
pub fn demo(cloud: Cloud) -> Workspace {
    from_text(demo_text(cloud)).expect("the demo workspaces are tested to parse")
}

/// A fetched demo document as a workspace.
pub fn from_text(text: &str) -> Result<Workspace, String> {
    // The demo is ours and tested: serde's own words are enough if it breaks.
    super::document::read(text).map_err(|error| error.to_string())
}

/// A fingerprint of each demo's text, computed while compiling (the text
/// itself is not kept), so a fetch never meets a file cached from another release.
const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}
const WORLDWIDE_VERSION: u64 = fingerprint(include_bytes!("demo/worldwide.json"));
const CHINA_VERSION: u64 = fingerprint(include_bytes!("demo/china.json"));

/// Where the app finds a demo, relative to its base.
pub fn file(cloud: Cloud) -> String {
    match cloud {
        Cloud::Worldwide => format!("demo/worldwide.json?v={WORLDWIDE_VERSION:016x}"),
        Cloud::China => format!("demo/china.json?v={CHINA_VERSION:016x}"),
    }
}

/// Fetches a demo; the error says why it could not be had.
#[cfg(target_arch = "wasm32")]
pub async fn fetch(cloud: Cloud) -> Result<Workspace, String> {
    from_text(&crate::browser::fetch_text(&file(cloud)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_demo_has_its_own_address_that_changes_with_its_text() {
        assert!(file(Cloud::Worldwide).starts_with("demo/worldwide.json?v="));
        assert!(file(Cloud::China).starts_with("demo/china.json?v="));
        assert_ne!(WORLDWIDE_VERSION, CHINA_VERSION);
        assert_eq!(fingerprint(WORLDWIDE.as_bytes()), WORLDWIDE_VERSION);
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
