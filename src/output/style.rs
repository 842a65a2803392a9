//! Colour and terminal safety.

use std::borrow::Cow;

/// A few ANSI styles; written only when the stream's policy allows colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Good,
    Warn,
    Bad,
    Bold,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Good => "\x1b[32m",
            Style::Warn => "\x1b[33m",
            Style::Bad => "\x1b[1;31m",
            Style::Bold => "\x1b[1m",
        }
    }
}

/// Makes the terminal interpret the escape sequences vlmgr writes (colour, the erase of
/// the progress line) and says whether it will.
///
/// Unix terminals always do. A Windows console does once virtual terminal processing is
/// on (Windows 10 and later); vlmgr turns it on when stdout and stderr are both the
/// console, and otherwise writes no escapes there.
pub fn enable_escapes(stdout_is_terminal: bool, stderr_is_terminal: bool) -> bool {
    #[cfg(windows)]
    {
        stdout_is_terminal
            && stderr_is_terminal
            && anstyle_query::windows::enable_ansi_colors() == Some(true)
    }
    #[cfg(not(windows))]
    {
        let _ = (stdout_is_terminal, stderr_is_terminal);
        true
    }
}

/// `text` in `style` when `enabled`, else unchanged.
pub fn paint(text: &str, style: Style, enabled: bool) -> Cow<'_, str> {
    if enabled {
        Cow::Owned(format!("{}{text}\x1b[0m", style.code()))
    } else {
        Cow::Borrowed(text)
    }
}

/// Makes text from outside (network, DNS, state file) safe to print on a terminal: every
/// control character (C0, DEL, C1, and the Unicode bidi overrides that can disguise text)
/// is shown as a visible escape instead of being interpreted.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let is_unsafe =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralises_escapes_and_newlines() {
        assert_eq!(sanitize("plain ePID-123"), "plain ePID-123");
        let hostile = "x\u{1b}[2J\ny\u{7}\u{9b}z\u{202e}";
        let safe = sanitize(hostile);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe}");
        assert!(safe.contains("\\u{1b}[2J\\u{a}y"), "{safe}");
    }

    #[test]
    fn paint_only_when_enabled() {
        assert_eq!(paint("ok", Style::Good, false), "ok");
        assert_eq!(paint("ok", Style::Good, true), "\x1b[32mok\x1b[0m");
    }
}
