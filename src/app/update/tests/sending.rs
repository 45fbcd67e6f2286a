//! The form while its batch is on its way: Esc stops waiting, quitting asks, and the batch
//! can be sent again with its reference.

use super::compose::{created, creates, press, type_text};
use super::*;

#[test]
fn while_sending_esc_stops_waiting_and_the_batch_can_be_sent_again_with_its_reference() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    press(&mut m, Action::Submit);
    let (request, _, _, reference) = creates(&press(&mut m, Action::Yes))[0].clone();
    // Edits and submits are not taken while the batch is on its way.
    assert!(press(&mut m, Action::Submit).is_empty());
    let effects = press(&mut m, Action::Back);
    assert!(
        effects.contains(&Effect::StopSending(vec![request])),
        "{effects:?}"
    );
    let form = m.compose.as_ref().expect("the form stays");
    assert!(!form.is_sending());
    assert_eq!(form.editor.lines(), ["/a"]);
    let error = form.error.as_deref().unwrap();
    assert!(error.contains("stopped waiting"), "{error}");
    // Its answer, already on its way when the wait was stopped, is still taken.
    let effects = update(
        &mut m,
        Msg::Created {
            request,
            result: Ok(created("ILATE", &["/a"], &reference)),
        },
    );
    assert!(
        m.flash.as_ref().unwrap().text.contains("ILATE"),
        "{:?}",
        m.flash
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Poll { id, .. } if id == "ILATE")),
        "{effects:?}"
    );
    press(&mut m, Action::Submit);
    let again = creates(&press(&mut m, Action::Yes));
    assert_eq!(again[0].3, reference, "the same caller reference");
}

#[test]
fn while_sending_quit_asks_and_yes_leaves_with_the_batch_kept() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    press(&mut m, Action::Submit);
    press(&mut m, Action::Yes);
    press(&mut m, Action::Quit);
    assert_eq!(m.overlays.question(), Some(&Question::Quit));
    let effects = press(&mut m, Action::Yes);
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::SaveDraft(_))),
        "{effects:?}"
    );
}
