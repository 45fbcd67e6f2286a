//! `update` when several accounts are shown: each message is handled on its account's lane
//! (an answer on the lane that asked, a key on the selected target's), and each effect is
//! sent to the account whose target it names (see `app::lane`).

use super::*;

pub(super) fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let (context, msg) = match msg {
        Msg::Of { account, msg } => (account, *msg),
        msg => (model.active, msg),
    };
    let mut routed = Vec::new();
    if matches!(msg, Msg::Start) {
        // Every account's targets, each from its own account.
        for lane in 0..model.lane_count() {
            model.enter_lane(lane);
            let effects = load_targets(model);
            routed.extend(effects.into_iter().map(|e| route(model, e, lane)));
        }
    } else {
        model.enter_lane(context);
        let effects = update_account(model, msg);
        routed.extend(effects.into_iter().map(|e| route(model, e, context)));
    }
    // The keys work on the selected target's account.
    if let Some(lane) = model.targets().get(model.target_cursor).map(|e| e.lane) {
        model.enter_lane(lane);
    }
    routed
}

/// `effect` addressed to its account, when it belongs to one.
fn route(model: &Model, effect: Effect, context: usize) -> Effect {
    match model.lane_of_effect(&effect, context) {
        Some(account) => Effect::On {
            account,
            effect: Box::new(effect),
        },
        None => effect,
    }
}
