//! Whether a person is at a terminal, and asking them: the question and the answer go through
//! the terminal itself (`/dev/tty`), so a purge can read its paths from a pipe and still ask.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, IsTerminal, Write};

use crate::domain::visible;

/// The controlling terminal, when standard error is one too: a run whose errors go to a
/// terminal has a person watching it. A script (errors to a file or a pipe, or no terminal at
/// all, as in CI) gets `None`.
pub fn open() -> Option<File> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
}

/// Whether standard error is a terminal (where progress is drawn in place).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// How sure the answer must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `y` or `yes`.
    Yes,
    /// `yes` typed out: for what cannot be undone on a large scale (a whole cache).
    YesInFull,
}

/// Ask `question` on the terminal; whether the answer was yes. End of input is no.
pub fn confirm(tty: &File, question: &str, answer: Answer) -> std::io::Result<bool> {
    let mut writer = tty;
    ask(&mut BufReader::new(tty), &mut writer, question, answer)
}

/// [`confirm`] on any reader and writer (tests).
pub fn ask(
    reader: &mut impl BufRead,
    writer: &mut impl Write,
    question: &str,
    answer: Answer,
) -> std::io::Result<bool> {
    let prompt = match answer {
        Answer::Yes => "[y/N]",
        Answer::YesInFull => "(type yes to go on)",
    };
    write!(writer, "{} {prompt} ", visible::lines(question))?;
    writer.flush()?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    Ok(is_yes(&line, answer))
}

fn is_yes(line: &str, answer: Answer) -> bool {
    let word = line.trim().to_ascii_lowercase();
    match answer {
        Answer::Yes => word == "y" || word == "yes",
        Answer::YesInFull => word == "yes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(input: &str, answer: Answer) -> (bool, String) {
        let mut out = Vec::new();
        let yes = ask(&mut input.as_bytes(), &mut out, "Send?", answer).unwrap();
        (yes, String::from_utf8(out).unwrap())
    }

    #[test]
    fn y_or_yes_confirms_and_anything_else_declines() {
        assert_eq!(answer("y\n", Answer::Yes), (true, "Send? [y/N] ".into()));
        assert!(answer("YES\n", Answer::Yes).0);
        assert!(!answer("\n", Answer::Yes).0);
        assert!(!answer("n\n", Answer::Yes).0);
        assert!(!answer("", Answer::Yes).0, "end of input is no");
    }

    #[test]
    fn a_whole_cache_wants_yes_in_full() {
        let (yes, shown) = answer("y\n", Answer::YesInFull);
        assert!(!yes);
        assert!(shown.contains("type yes"), "{shown}");
        assert!(answer(" yes \n", Answer::YesInFull).0);
    }
}
