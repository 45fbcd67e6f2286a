//! The terminal while the dashboard is up: raw mode, the alternate screen, bracketed paste and
//! mouse reports on the way in, and always restored on the way out: on an error (the guard's
//! drop), a panic (ratatui's hook), a signal (the event loop quits through the guard), and
//! around a suspend (Ctrl-z, or a stop from outside).

mod paste_tail;

use std::io::{self, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use std::time::Duration;

use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{self, UnboundedReceiver};

use crate::app::settings::{DesktopNotification, Settings};
use crate::app::{Input, Screen, Signal};

/// Holds the terminal; dropping it gives the terminal back as it was.
pub struct Terminal {
    pub inner: DefaultTerminal,
    /// Mouse reports asked for (else the terminal keeps the mouse for its own selection).
    mouse: bool,
    /// Taken back after a suspend of its own, whose SIGCONT is still to come as input.
    retaken: bool,
}

impl Terminal {
    pub fn enter(mouse: bool) -> io::Result<Self> {
        // Installs a panic hook that restores the terminal before the panic is reported.
        let inner = ratatui::try_init()?;
        let mut terminal = Self {
            inner,
            mouse,
            retaken: false,
        };
        terminal.modes_on()?;
        Ok(terminal)
    }

    fn modes_on(&mut self) -> io::Result<()> {
        execute!(io::stdout(), EnableBracketedPaste)?;
        if self.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        self.inner.hide_cursor()
    }

    fn modes_off(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        let _ = self.inner.show_cursor();
    }

    /// Ctrl-z (or SIGTSTP from outside): give the terminal back, stop until `fg`, then take
    /// it again and redraw it all.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.modes_off();
        ratatui::restore();
        stop_as_by_default();
        self.inner = ratatui::try_init()?;
        self.modes_on()?;
        // The SIGCONT that continued this process also comes as input: this retake is it.
        self.retaken = true;
        Self::clear_all()
    }

    /// Continued after a stop not made here (`kill -STOP`): the shell may have put the
    /// terminal back in cooked mode meanwhile, so raw mode and the modes are set again and
    /// everything is drawn afresh.
    pub fn resume(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.retaken) {
            return Ok(());
        }
        // crossterm keeps raw mode as "on" and would skip enabling it again.
        crossterm::terminal::disable_raw_mode()?;
        crossterm::terminal::enable_raw_mode()?;
        execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
        self.modes_on()?;
        // A new terminal's buffers are blank, so the next frame draws every cell.
        self.inner = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
        Self::clear_all()
    }

    /// Not `Terminal::clear`: it asks the terminal where the cursor is (DSR), and a terminal
    /// that does not answer (or an answer the event reader takes first) would end the
    /// dashboard.
    fn clear_all() -> io::Result<()> {
        execute!(
            io::stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )
    }

    /// Draw a frame inside synchronized output (DEC mode 2026), so a terminal that knows it
    /// shows the whole frame at once, never half of one; others ignore the two sequences.
    pub fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        crossterm::queue!(
            self.inner.backend_mut(),
            crossterm::terminal::BeginSynchronizedUpdate
        )?;
        let drawn = self.inner.draw(render).map(drop);
        // Ended whatever became of the frame, so the terminal is never left holding output.
        execute!(
            self.inner.backend_mut(),
            crossterm::terminal::EndSynchronizedUpdate
        )?;
        drawn
    }

    /// Write a control sequence (bell, notification) straight to the terminal.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut out = io::stdout();
        out.write_all(bytes)?;
        out.flush()
    }
}

/// Stop the process as SIGTSTP does by default, until SIGCONT (`fg`). The dashboard catches
/// SIGTSTP (so that a stop from outside first gives the terminal back), so the default action
/// is put back for the moment of the stop. Not SIGSTOP: the kernel discards a SIGTSTP sent to
/// an orphaned process group, where nobody could continue the process, and never a SIGSTOP.
fn stop_as_by_default() {
    // SAFETY: sigaction is given valid structs (zeroed is a valid empty mask and flags); the
    // previous action (the runtime's handler) is put back unchanged. raise() only signals
    // this process.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut caught: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut caught) != 0 {
            return;
        }
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &caught, std::ptr::null_mut());
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        self.modes_off();
        ratatui::restore();
    }
}

impl Screen for Terminal {
    fn draw(&mut self, paint: &mut dyn FnMut(&mut ratatui::Frame)) -> io::Result<()> {
        Terminal::draw(self, |f| paint(f))
    }

    fn area(&mut self) -> io::Result<ratatui::layout::Rect> {
        Ok(self.inner.get_frame().area())
    }

    fn suspend(&mut self) -> io::Result<()> {
        Terminal::suspend(self)
    }

    fn resume(&mut self) -> io::Result<()> {
        Terminal::resume(self)
    }

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        Terminal::send(self, bytes)
    }
}

/// The terminal's events and the signals that end, stop or continue the dashboard, as one
/// stream of input. Events come through a task of their own, so that those already typed can
/// be taken without waiting (`try_recv`), which the event stream itself cannot do safely.
pub fn inputs() -> io::Result<UnboundedReceiver<Input>> {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    // Caught, so that a stop sent from outside first gives the terminal back.
    let mut stop = signal(SignalKind::from_raw(libc::SIGTSTP))?;
    let mut continued = signal(SignalKind::from_raw(libc::SIGCONT))?;
    let events = tx.clone();
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        while let Some(event) = stream.next().await {
            let input = match event {
                Ok(Event::Paste(text)) => {
                    Input::Event(Event::Paste(paste_with_tail(text, &mut stream).await))
                }
                Ok(event) => Input::Event(event),
                Err(e) => Input::Failed(e),
            };
            if events.send(input).is_err() {
                break;
            }
        }
    });
    tokio::spawn(async move {
        loop {
            let input = tokio::select! {
                _ = terminate.recv() => Input::Stop(Signal::Terminate),
                _ = hangup.recv() => Input::Stop(Signal::Hangup),
                _ = interrupt.recv() => Input::Stop(Signal::Interrupt),
                _ = stop.recv() => Input::Suspend,
                _ = continued.recv() => Input::Continued,
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    });
    Ok(rx)
}

/// Events that follow a paste this closely came with it: no one types that fast.
const PASTE_TAIL: Duration = Duration::from_millis(25);

/// A paste, with whatever the terminal sent right behind it. Pasted text holding the
/// bracketed-paste end (`ESC [ 201 ~`) ends the paste early, and the rest would be read as
/// keys (`\x13` is Ctrl-S, send; `y` confirms): all of it is text of the same paste instead.
async fn paste_with_tail(mut text: String, stream: &mut EventStream) -> String {
    while let Ok(Some(event)) = tokio::time::timeout(PASTE_TAIL, stream.next()).await {
        match event {
            Ok(event) => paste_tail::push(&mut text, &event),
            Err(_) => break,
        }
    }
    text
}

/// The bytes that put `text` on the terminal's clipboard: OSC 52 (`ESC ] 52 ; c ; base64
/// BEL`). The text is base64, so nothing in it can end the escape early.
pub fn clipboard(text: &str) -> Vec<u8> {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07").into_bytes()
}

/// The bytes that announce a finished batch: the bell if wanted, and a desktop notification
/// escape if configured (OSC 9: `ESC ] 9 ; body BEL`; OSC 777: `ESC ] 777 ; notify ; title ;
/// body BEL`). Control characters are taken out of the text so it cannot end the escape early.
pub fn notification(settings: &Settings, title: &str, body: &str) -> Vec<u8> {
    let clean = |s: &str, drop_semicolons: bool| -> String {
        s.chars()
            .filter(|c| !(c.is_control() || drop_semicolons && *c == ';'))
            .collect()
    };
    let mut out = String::new();
    match settings.desktop {
        DesktopNotification::Off => {}
        DesktopNotification::Osc9 => {
            out.push_str(&format!(
                "\x1b]9;{}: {}\x07",
                clean(title, false),
                clean(body, false)
            ));
        }
        DesktopNotification::Osc777 => {
            out.push_str(&format!(
                "\x1b]777;notify;{};{}\x07",
                clean(title, true),
                clean(body, true)
            ));
        }
    }
    if settings.bell {
        out.push('\x07');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_escape_carries_the_text_in_base64() {
        assert_eq!(clipboard("/a\n/b"), b"\x1b]52;c;L2EKL2I=\x07");
        // An escape in the text cannot end the sequence: it is encoded.
        let hostile = clipboard("\x07\x1b]0;title\x07");
        assert_eq!(hostile.iter().filter(|&&b| b == 0x1b).count(), 1);
        assert_eq!(hostile.iter().filter(|&&b| b == 0x07).count(), 1);
    }

    #[test]
    fn the_bell_and_the_configured_escape() {
        let mut s = Settings::default();
        assert_eq!(notification(&s, "t", "b"), b"\x07");
        s.desktop = DesktopNotification::Osc777;
        assert_eq!(
            notification(&s, "edgepurge: done", "I1; on E1\x1b]"),
            b"\x1b]777;notify;edgepurge: done;I1 on E1]\x07\x07"
        );
        s.desktop = DesktopNotification::Osc9;
        s.bell = false;
        assert_eq!(notification(&s, "t", "b"), b"\x1b]9;t: b\x07");
    }
}
