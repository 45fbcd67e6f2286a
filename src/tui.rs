//! The terminal while the dashboard is up: raw mode and the alternate screen on the way in, and
//! always restored on the way out, on an error (the guard's drop) or a panic (ratatui's hook).

use std::io;

use ratatui::DefaultTerminal;

/// Holds the terminal; dropping it gives the terminal back as it was.
pub struct Terminal {
    pub inner: DefaultTerminal,
}

impl Terminal {
    pub fn enter() -> io::Result<Self> {
        // Installs a panic hook that restores the terminal before the panic is reported.
        let mut inner = ratatui::try_init()?;
        inner.hide_cursor()?;
        Ok(Self { inner })
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.inner.show_cursor();
        ratatui::restore();
    }
}
