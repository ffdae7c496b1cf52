//! CSV as spreadsheets read it (RFC 4180): a byte-order mark so Excel reads
//! UTF-8, CRLF line ends, and a field quoted when it holds a comma, a quote
//! or a line break (quotes doubled inside).

pub struct Csv {
    text: String,
}

impl Csv {
    /// A document with a BOM and its header row.
    pub fn new(header: &[&str]) -> Csv {
        let mut csv = Csv { text: String::from('\u{feff}') };
        csv.row(header);
        csv
    }

    /// The header row of a document (with its BOM) when `first`, otherwise
    /// nothing: a later part of a document written in parts.
    pub fn part(header: &[&str], first: bool) -> Csv {
        if first {
            Csv::new(header)
        } else {
            Csv { text: String::new() }
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            let field = field.as_ref();
            if field.contains([',', '"', '\n', '\r']) {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        self.text.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// Minor units as a decimal with two places and a point, as the exports
/// write amounts (every catalog currency has two decimals): -1234 → "-12.34".
pub fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let mut csv = Csv::new(&["a", "b"]);
        csv.row(&["plain", "with, comma"]);
        csv.row(&["say \"hi\"", "two\nlines"]);
        assert_eq!(
            csv.finish(),
            "\u{feff}a,b\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    /// A minimal RFC 4180 reader, to check that what is written reads back.
    fn read(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let (mut row, mut field, mut quoted, mut chars) =
            (vec![], String::new(), false, text.trim_start_matches('\u{feff}').chars().peekable());
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    proptest! {
        #[test]
        fn any_text_reads_back(fields in prop::collection::vec("\\PC{0,12}|[,\"\n\r ]{0,4}", 1..6)) {
            let mut csv = Csv::new(&["h"]);
            csv.row(&fields);
            let rows = read(&csv.finish());
            prop_assert_eq!(&rows[1], &fields);
        }
    }
}
