//! Sending an unconfirmed journal entry again, with its own caller reference: what was made is
//! found, what was not is made, nothing twice. The CLI's `resume` and the dashboard's offer at
//! start both come here.

use super::{Engine, Part, SendError};
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::Invalidation;
use crate::domain::journal::{Entry, Kind};
use crate::domain::lightsail::Operation;
use crate::domain::target::{CloudFrontTarget, Target};

/// What sending an entry again came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resent {
    Invalidation {
        target: CloudFrontTarget,
        invalidation: Invalidation,
    },
    Reset {
        name: String,
        operation: Operation,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResendError {
    /// The entry cannot be sent as recorded (edited by hand, or from a later version).
    #[error("{target}: the journal entry cannot be sent again: {why}")]
    Unreadable { target: String, why: String },
    #[error("{target}: {caller_reference}: {error}")]
    Failed {
        target: String,
        caller_reference: String,
        error: SendError,
    },
}

impl Engine {
    /// Send an unconfirmed entry again with its own reference.
    pub async fn send_again(&self, entry: &Entry) -> Result<Resent, ResendError> {
        let i = &entry.intent;
        let unreadable = |why: String| ResendError::Unreadable {
            target: i.target.clone(),
            why,
        };
        let reference =
            |text: &str| CallerReference::parse(text).map_err(|e| unreadable(e.to_string()));
        let part = Part {
            number: i.part,
            of: i.parts,
            items: i.items.clone(),
            caller_reference: reference(&i.caller_reference)?,
            batch_reference: reference(&i.batch_reference)?,
        };
        let failed = |error| ResendError::Failed {
            target: i.target.clone(),
            caller_reference: i.caller_reference.clone(),
            error,
        };
        match (
            i.kind,
            i.target
                .parse::<Target>()
                .map_err(|e| unreadable(e.to_string()))?,
        ) {
            (Kind::Invalidation, Target::CloudFront(target)) => {
                let made = self.create(&target, &part).await.map_err(failed)?;
                Ok(Resent::Invalidation {
                    target,
                    invalidation: made.invalidation,
                })
            }
            (Kind::Reset, Target::Lightsail { name }) => {
                let (operation, _) = self.reset_as(&name, &part).await.map_err(failed)?;
                Ok(Resent::Reset { name, operation })
            }
            _ => Err(unreadable("its kind does not match its target".into())),
        }
    }
}
