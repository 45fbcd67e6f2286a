//! Counting things in messages.

/// `1 item is`, `3 items are`: the count with its words in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 path`, `3 paths`, for nouns whose plural adds an `s`.
pub fn plural(n: usize, noun: &str) -> String {
    count(n, noun, &format!("{noun}s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(plural(1, "path"), "1 path");
        assert_eq!(plural(0, "path"), "0 paths");
        assert_eq!(count(2, "item is", "items are"), "2 items are");
    }
}
