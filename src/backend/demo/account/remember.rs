//! What the demo account writes to its memory, and takes in from it (see `memory`).

use chrono::{DateTime, Utc};

use super::{Account, Reset};
use crate::backend::demo::memory::{
    Entry, KEEP_FOR, Remembered, RememberedInvalidation, RememberedReset, numbers_key,
};
use crate::backend::demo::target_state::Creation;

/// What is written to the memory, and taken in from it.
impl Account {
    /// The entry that remembers a new invalidation on `target` (a CloudFront id).
    pub fn invalidation_entry(&self, target: &str, creation: &Creation) -> Option<Entry> {
        let Creation::New {
            invalidation,
            completes_at,
        } = creation
        else {
            return None;
        };
        Some(Entry::Invalidation {
            invalidation: RememberedInvalidation {
                seed: self.seed,
                target: target.to_string(),
                id: invalidation.id.clone(),
                items: invalidation.items.clone(),
                caller_reference: invalidation.caller_reference.clone(),
                create_time: invalidation.create_time,
                completes_at: *completes_at,
            },
            next_number: self.targets.get(target)?.next_number(),
        })
    }

    pub fn reset_entry(&self, reset: &Reset) -> Entry {
        Entry::Reset(RememberedReset {
            seed: self.seed,
            id: reset.id.clone(),
            name: reset.name.clone(),
            created_at: reset.created_at,
            completes_at: reset.completes_at,
        })
    }

    /// Take in what this account (this seed) remembers and does not know yet; what is older
    /// than `KEEP_FOR`, or names a target or an id the account does not have, is passed over.
    pub fn take_in(&mut self, remembered: &Remembered, now: DateTime<Utc>) {
        let oldest = now - KEEP_FOR;
        let seed = self.seed;
        for (id, target) in &mut self.targets {
            if let Some(&next) = remembered.next_numbers.get(&numbers_key(seed, id)) {
                target.skip_to(next);
            }
        }
        for i in &remembered.invalidations {
            if i.seed != self.seed || i.create_time < oldest {
                continue;
            }
            if let Some(target) = self.targets.get_mut(&i.target) {
                target.restore(
                    &i.id,
                    i.items.clone(),
                    i.caller_reference.clone(),
                    i.create_time,
                    i.completes_at,
                );
            }
        }
        let mut added = false;
        for r in &remembered.resets {
            if r.seed != self.seed
                || r.created_at < oldest
                || self.resets.iter().any(|known| known.id == r.id)
                || self.lightsail_exists(&r.name).is_err()
            {
                continue;
            }
            self.resets.push(Reset {
                id: r.id.clone(),
                name: r.name.clone(),
                created_at: r.created_at,
                completes_at: r.completes_at,
            });
            added = true;
        }
        if added {
            // The latest reset is the last one.
            self.resets.sort_by_key(|r| r.created_at);
        }
    }
}
