//! A batch becomes a plan: for every target, its parts (at most 3,000 items each), each part
//! with the caller reference that makes it exactly one invalidation however often it is sent.

use crate::domain::caller_reference::CallerReference;

/// One invalidation's worth of a batch (at most 3,000 items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// From 1.
    pub number: usize,
    pub of: usize,
    pub items: Vec<String>,
    pub caller_reference: CallerReference,
    /// The whole batch's reference, which the user gives again to resume it.
    pub batch_reference: CallerReference,
}

impl Part {
    /// A batch's parts: one keeps the reference as given; several get `R-1of3`, `R-2of3`...
    /// so that each is its own invalidation and a retried part is still not created twice.
    pub fn split(parts: Vec<Vec<String>>, reference: &CallerReference) -> Vec<Part> {
        let of = parts.len();
        parts
            .into_iter()
            .enumerate()
            .map(|(i, items)| Part {
                number: i + 1,
                of,
                items,
                caller_reference: if of == 1 {
                    reference.clone()
                } else {
                    reference.part(i + 1, of)
                },
                batch_reference: reference.clone(),
            })
            .collect()
    }

    /// "the batch", or "part 2 of 3".
    pub fn name(&self) -> String {
        if self.of == 1 {
            "the batch".into()
        } else {
            format!("part {} of {}", self.number, self.of)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_part_keeps_the_reference_several_are_numbered_from_one() {
        let r = CallerReference::parse("deploy-7").unwrap();
        let one = Part::split(vec![vec!["/a".into()]], &r);
        assert_eq!(one[0].caller_reference.as_str(), "deploy-7");
        assert_eq!(one[0].name(), "the batch");
        let two = Part::split(vec![vec!["/a".into()], vec!["/b".into()]], &r);
        assert_eq!(two[1].caller_reference.as_str(), "deploy-7-2of2");
        assert_eq!(two[1].batch_reference.as_str(), "deploy-7");
        assert_eq!(two[1].name(), "part 2 of 2");
    }
}
