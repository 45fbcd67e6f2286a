//! The terminal while the dashboard is up: raw mode, the alternate screen, bracketed paste and
//! mouse reports on the way in, and always restored on the way out: on an error (the guard's
//! drop), a panic (ratatui's hook), a signal (the event loop quits through the guard), and
//! around a suspend (Ctrl-z).

use std::io::{self, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crossterm::event::EventStream;
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::{self, UnboundedReceiver};

use crate::app::settings::{DesktopNotification, Settings};
use crate::app::{Input, Screen};

/// Holds the terminal; dropping it gives the terminal back as it was.
pub struct Terminal {
    pub inner: DefaultTerminal,
}

impl Terminal {
    pub fn enter() -> io::Result<Self> {
        // Installs a panic hook that restores the terminal before the panic is reported.
        let inner = ratatui::try_init()?;
        let mut terminal = Self { inner };
        terminal.modes_on()?;
        Ok(terminal)
    }

    fn modes_on(&mut self) -> io::Result<()> {
        execute!(io::stdout(), EnableBracketedPaste, EnableMouseCapture)?;
        self.inner.hide_cursor()
    }

    fn modes_off(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        let _ = self.inner.show_cursor();
    }

    /// Ctrl-z: give the terminal back, stop until `fg`, then take it again and redraw it all.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.modes_off();
        ratatui::restore();
        // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops
        // it, and it returns once SIGCONT (`fg`) continues it.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        self.inner = ratatui::try_init()?;
        self.modes_on()?;
        // Not `Terminal::clear`: it asks the terminal where the cursor is (DSR), and a terminal
        // that does not answer (or an answer the event reader takes first) would end the
        // dashboard. The new terminal's buffers are blank, so the next frame draws it all.
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

    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        Terminal::send(self, bytes)
    }
}

/// The terminal's events and the signals that end the dashboard, as one stream of input.
/// Events come through a task of their own, so that those already typed can be taken without
/// waiting (`try_recv`), which the event stream itself cannot do safely.
pub fn inputs() -> io::Result<UnboundedReceiver<Input>> {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let events = tx.clone();
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        while let Some(event) = stream.next().await {
            let input = match event {
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
            tokio::select! {
                _ = terminate.recv() => {}
                _ = hangup.recv() => {}
                _ = interrupt.recv() => {}
            }
            if tx.send(Input::Stop).is_err() {
                break;
            }
        }
    });
    Ok(rx)
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
