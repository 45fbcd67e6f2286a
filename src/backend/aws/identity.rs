//! Who the credentials belong to: STS GetCallerIdentity. It needs no permission ("No
//! permissions are required to perform this operation", STS API Reference), so it also tells
//! whether the credentials work at all.

use aws_sdk_sts::Client;

use super::convert::unreadable;
use super::errors::{Call, from_sdk};
use crate::backend::Result;
use crate::domain::account::CallerIdentity;

pub async fn caller_identity(client: &Client) -> Result<CallerIdentity> {
    let call = Call::new("sts:GetCallerIdentity", "the caller's identity");
    let answer = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    Ok(CallerIdentity {
        account: answer
            .account()
            .ok_or_else(|| unreadable("the account id"))?
            .to_string(),
        arn: answer
            .arn()
            .ok_or_else(|| unreadable("the caller's ARN"))?
            .to_string(),
    })
}
