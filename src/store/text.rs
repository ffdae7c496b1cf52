//! The stored document's text, rebuilt only where the workspace changed. At
//! partner scale the document is megabytes and a change touches one customer,
//! an order and an audit entry: serializing the whole of it on every save
//! held the main thread for tens of milliseconds (docs/architecture.md#saving).

use crate::domain::date::Date;
use crate::domain::workspace::{CartLine, CheckoutDraft, Partner, Workspace};
use serde::Serialize;

/// What the last [`DocumentText::write`] wrote, item by item, for the three
/// lists that grow with a partner's book. Everything else is small and is
/// serialized on every write.
#[derive(Default)]
pub struct DocumentText {
    customers: Written<crate::domain::workspace::Customer>,
    orders: Written<crate::domain::workspace::Order>,
    audit: Written<crate::domain::workspace::AuditEntry>,
}

impl DocumentText {
    /// Exactly `serde_json::to_string(workspace)` (the fields in the order
    /// `Workspace` declares them, as [`super::document::written_revision`]
    /// expects), reusing the text of every list item equal to the one written
    /// at its place last time.
    pub fn write(&mut self, workspace: &Workspace) -> String {
        let Workspace {
            format,
            version,
            revision,
            today,
            partner,
            customers,
            orders,
            audit,
            cart,
            checkout,
        } = workspace;
        let mut out = String::with_capacity(self.len_hint());
        // The small fields, as an object whose closing brace is left off.
        out.push_str(&serialized(&Before {
            format,
            version: *version,
            revision: *revision,
            today,
            partner,
        }));
        out.pop();
        out.push_str(",\"customers\":");
        self.customers.write(customers, &mut out);
        out.push_str(",\"orders\":");
        self.orders.write(orders, &mut out);
        out.push_str(",\"audit\":");
        self.audit.write(audit, &mut out);
        // And the rest, as an object whose opening brace is left off.
        out.push(',');
        out.push_str(&serialized(&After { cart, checkout })[1..]);
        out
    }

    /// Brings the text of `customers[from..to]` up to date without writing a
    /// document: the app calls it in idle time after start, part by part, so
    /// the first save does not serialize every customer at once.
    pub fn prepare_customers(&mut self, workspace: &Workspace, from: usize, to: usize) {
        self.customers.prepare(&workspace.customers, from, to);
    }

    fn len_hint(&self) -> usize {
        self.customers.len() + self.orders.len() + self.audit.len() + 4096
    }
}

/// `Workspace`'s fields before its lists, borrowed, in its order.
#[derive(Serialize)]
struct Before<'a> {
    format: &'a str,
    version: u32,
    revision: u64,
    today: &'a Option<Date>,
    partner: &'a Partner,
}

/// `Workspace`'s fields after its lists.
#[derive(Serialize)]
struct After<'a> {
    cart: &'a [CartLine],
    checkout: &'a Option<CheckoutDraft>,
}

fn serialized(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("the workspace's types always serialize")
}

/// Each item as last written at its place, with its text.
struct Written<T> {
    items: Vec<(T, String)>,
}

impl<T> Default for Written<T> {
    fn default() -> Self {
        Written { items: Vec::new() }
    }
}

impl<T: Serialize + Clone + PartialEq> Written<T> {
    /// `items` as a JSON array onto `out`. Items are matched by place: the
    /// lists only grow at their end or change in place, so anything else
    /// (an import) just serializes what moved.
    fn write(&mut self, items: &[T], out: &mut String) {
        self.prepare(items, 0, items.len());
        self.items.truncate(items.len());
        out.push('[');
        for (i, (_, text)) in self.items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(text);
        }
        out.push(']');
    }

    fn prepare(&mut self, items: &[T], from: usize, to: usize) {
        let to = to.min(items.len());
        for (i, item) in items.iter().enumerate().take(to).skip(from) {
            if i > self.items.len() {
                // Not prepared up to here yet: the next write fills the gap.
                break;
            }
            if i == self.items.len() {
                self.items.push((item.clone(), serialized(item)));
            } else if self.items[i].0 != *item {
                self.items[i] = (item.clone(), serialized(item));
            }
        }
    }

    /// The characters written, separators included.
    fn len(&self) -> usize {
        self.items.iter().map(|(_, text)| text.len() + 1).sum()
    }
}
