//! Where a target writes a file's text: [`Out`], which hands it on in
//! large pieces to whatever takes the file (a staged file, a comparison
//! with the file on disk, or memory), so that no output is ever whole in
//! memory.

use std::io;

/// How much text gathers before it is handed on.
const PIECE: usize = 64 * 1024;

/// A file's text as a target writes it. Writing never fails here: the
/// first I/O error of what takes the text is kept, the rest of the text is
/// dropped, and [`finish`](Out::finish) returns the error.
pub(crate) struct Out<'w> {
    text: String,
    to: &'w mut dyn io::Write,
    /// How much text has been handed on.
    handed: usize,
    error: Option<io::Error>,
}

impl<'w> Out<'w> {
    pub(crate) fn new(to: &'w mut dyn io::Write) -> Self {
        Self {
            text: String::new(),
            to,
            handed: 0,
            error: None,
        }
    }

    pub(crate) fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
        self.hand_on_when_full();
    }

    /// Writes with `write`, which appends to the text.
    pub(crate) fn write(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.hand_on_when_full();
    }

    /// Writes each of `items` with `write`, which appends to the text.
    pub(crate) fn each<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut write: impl FnMut(&mut String, T),
    ) {
        for item in items {
            write(&mut self.text, item);
            self.hand_on_when_full();
        }
    }

    /// Writes a per-code part with `write`: whole lines, of which the last
    /// loses its newline (the template's own line adds one). Returns
    /// whether it wrote anything.
    pub(crate) fn part(&mut self, write: impl FnOnce(&mut Self)) -> bool {
        let start = self.len();
        write(self);
        let written = self.len() > start;
        if written && self.text.ends_with('\n') {
            self.text.pop();
        }
        written
    }

    /// Hands on everything written, and returns the first I/O error of what
    /// took it, if any.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.hand_on(self.text.len());
        match self.error {
            Some(error) => Err(error),
            None => self.to.flush(),
        }
    }

    fn len(&self) -> usize {
        self.handed + self.text.len()
    }

    /// Hands the text on once there is a piece of it, keeping a last
    /// newline back, which [`part`](Out::part) may take off.
    fn hand_on_when_full(&mut self) {
        if self.text.len() >= PIECE {
            let kept = usize::from(self.text.ends_with('\n'));
            self.hand_on(self.text.len() - kept);
        }
    }

    fn hand_on(&mut self, len: usize) {
        if self.error.is_none()
            && let Err(error) = self.to.write_all(&self.text.as_bytes()[..len])
        {
            self.error = Some(error);
        }
        self.handed += len;
        self.text.drain(..len);
    }
}

/// What a target writes a file with: given the file's [`Out`], it writes the
/// text; an error is a template's, a bug in errspec.
pub(crate) type Write<'a> = &'a mut dyn FnMut(&mut Out<'_>) -> Result<(), minijinja::Error>;

/// Writes a file with `write` into memory.
pub(crate) fn to_string(write: Write<'_>) -> Result<String, minijinja::Error> {
    let mut bytes = Vec::new();
    let mut out = Out::new(&mut bytes);
    write(&mut out)?;
    out.finish().expect("writing to memory does not fail");
    Ok(String::from_utf8(bytes).expect("targets write UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text goes on in pieces, but reads as written: a part's last newline
    /// comes off even when the rest has gone on, and an empty part takes
    /// nothing off what came before it.
    #[test]
    fn text_is_handed_on_as_written() {
        let line = "x".repeat(999) + "\n";
        let text = to_string(&mut |out| {
            out.push_str("before\n");
            out.part(|out| out.each(0..200, |text, _| text.push_str(&line)));
            out.push_str("\nbetween\n");
            out.part(|_| {});
            out.push_str("after");
            Ok(())
        })
        .unwrap();
        let lines = line.repeat(200);
        let expected = format!("before\n{}\nbetween\nafter", &lines[..lines.len() - 1]);
        assert_eq!(text.len(), expected.len());
        assert!(text == expected);
    }

    /// The first error of what takes the text is what `finish` returns.
    #[test]
    fn an_error_taking_the_text_is_returned() {
        struct Full;
        impl io::Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut full = Full;
        let mut out = Out::new(&mut full);
        out.push_str(&"y".repeat(PIECE + 1));
        out.push_str("more");
        assert_eq!(out.finish().unwrap_err().to_string(), "disk full");
    }
}
