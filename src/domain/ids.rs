//! The ids of the things a workspace holds, each its own type, so a
//! customer id cannot be passed where a subscription id is expected. Each is
//! stored as the same JSON string as before (`serde(transparent)`) and reads
//! as a `&str` where text is wanted (lookups, links, sentences).

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl From<&$name> for String {
            fn from(id: &$name) -> String {
                id.0.clone()
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self == *other
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

id_type! {
    /// A customer's tenant id in the partner's book (`contoso`).
    CustomerId
}
id_type! {
    /// A subscription's id, unique within its customer.
    SubscriptionId
}
id_type! {
    /// A catalog offer (`o365-e3`).
    OfferId
}
id_type! {
    /// An order's id (`ORD-…`).
    OrderId
}
id_type! {
    /// A user of a customer's tenant.
    UserId
}
id_type! {
    /// One checkout of a cart: placing it twice with the same key places
    /// its orders once (`chk-…`, made fresh when Go to checkout opens it).
    CheckoutKey
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_stored_as_the_plain_string_and_reads_as_text() {
        let id = CustomerId::from("contoso");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"contoso\"");
        let back: CustomerId = serde_json::from_str("\"contoso\"").unwrap();
        assert_eq!(back, id);
        assert!(id == "contoso" && id.starts_with("con"));
        assert_eq!(format!("/customers/{id}"), "/customers/contoso");
    }
}
