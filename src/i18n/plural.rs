//! CLDR plural categories for whole numbers, in the languages we ship: in
//! English, Italian and Swedish 1 is "one" and every other count "other";
//! Chinese has only "other". (Decimals never reach a plural message.)

/// Whether `n` takes the "one" form in the language of `tag`.
pub fn is_one(tag: &str, n: u64) -> bool {
    match tag.split('-').next() {
        Some("en" | "it" | "sv") => n == 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_one;

    #[test]
    fn one_is_one_where_the_language_says_so() {
        assert!(is_one("en-US", 1) && is_one("it-IT", 1) && is_one("sv-SE", 1));
        assert!(!is_one("en-US", 0) && !is_one("en-US", 2) && !is_one("sv-SE", 21));
        assert!(!is_one("zh-CN", 1));
    }
}
