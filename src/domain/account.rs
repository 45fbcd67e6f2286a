//! Who the account is: what STS GetCallerIdentity answers for the credentials in use.

use serde::Serialize;

/// The account and the identity the calls are made as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallerIdentity {
    /// The 12-digit account id, e.g. `111122223333`.
    pub account: String,
    /// The user or role, e.g. `arn:aws:iam::111122223333:user/deploy`.
    pub arn: String,
}
