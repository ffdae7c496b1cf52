//! Where in a JSON text a reading error happened, as the path of the value
//! being read (`customers[2].subscriptions[0].quantity`). serde_json says
//! where by line and column; this walks the text up to there. It replaces a
//! path-tracking deserializer wrapper, which compiled every typed reader of
//! the workspace a second time into the wasm (docs/architecture.md#budgets;
//! import problems keep their paths, docs/rules.md#validation, at the
//! smallest cost).

enum Frame {
    Object { key: Option<String>, awaiting_key: bool },
    Array { index: usize },
}

/// The path at `line`/`column` (1-based, as serde_json reports them); ""
/// for the top level.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, awaiting_key: awaiting @ true }) = stack.last_mut()
                {
                    let raw = &text[start..i.min(text.len())];
                    *key = Some(
                        serde_json::from_str::<String>(&format!("\"{raw}\""))
                            .unwrap_or_else(|_| raw.to_string()),
                    );
                    *awaiting = false;
                }
            }
            b'{' => stack.push(Frame::Object { key: None, awaiting_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { awaiting_key, .. }) => *awaiting_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// serde_json's message without the position it appends.
pub fn message(error: &serde_json::Error) -> String {
    without_position(&error.to_string()).to_string()
}

/// A serde_json message without the " at line L column C" it appends when
/// reading text.
pub fn without_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sub {
        quantity: u32,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Customer {
        name: String,
        subscriptions: Vec<Sub>,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        customers: Vec<Customer>,
    }

    fn path_of(text: &str) -> String {
        let error = serde_json::from_str::<Doc>(text).unwrap_err();
        path_at(text, error.line(), error.column())
    }

    #[test]
    fn paths_name_the_value_that_does_not_fit() {
        let ok = r#"{"name":"a, \"b\" [c]","subscriptions":[{"quantity":1}]}"#;
        assert_eq!(
            path_of(&format!(
                r#"{{"customers":[{ok},{{"name":"x","subscriptions":[{{"quantity":1}},{{"quantity":"9"}}]}}]}}"#
            )),
            "customers[1].subscriptions[1].quantity"
        );
        assert_eq!(
            path_of(r#"{"customers":[{"name":7,"subscriptions":[]}]}"#),
            "customers[0].name"
        );
        assert_eq!(
            path_of(r#"{"customers":[{"subscriptions":[]}]}"#),
            "customers[0]",
            "a missing field: its object"
        );
        assert_eq!(
            path_of(r#"{"customers":[{"name":"x","subscriptions":[{"quantity":1,"qty":2}]}]}"#),
            "customers[0].subscriptions[0].qty"
        );
        assert_eq!(path_of("{}"), "", "the top level");
        assert_eq!(path_of("{\n  \"customers\": [\n    {\"name\": \"北京\", \"subscriptions\": [{\"quantity\": -1}]}\n  ]\n}"), "customers[0].subscriptions[0].quantity");
    }
}
