//! Whether stdout and stderr are terminals that show the escape sequences vlmgr writes
//! (colour, the erase of the progress line). Whether to colour them is the output's
//! decision (`--color`, `NO_COLOR`: `cli::color_policy`, `output::style`).

use std::io::IsTerminal;

/// Which standard streams are terminals that show escape sequences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Terminals {
    /// Standard output.
    pub(crate) stdout: bool,
    /// Standard error.
    pub(crate) stderr: bool,
}

/// How a terminal takes escape sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escapes {
    /// A Unix terminal always interprets them.
    #[cfg_attr(windows, allow(dead_code))]
    Interpreted,
    /// A Windows console does once virtual terminal processing is on (Windows 10 and
    /// later); vlmgr turns it on only when stdout and stderr are both the console.
    #[cfg_attr(not(windows), allow(dead_code))]
    VirtualTerminal {
        /// Turning it on succeeded.
        enabled: bool,
    },
}

/// Asks the OS which streams are terminals, and on Windows turns virtual terminal
/// processing on when both are; where it cannot, neither stream counts as a terminal.
pub(crate) fn terminals() -> Terminals {
    let found = Terminals {
        stdout: std::io::stdout().is_terminal(),
        stderr: std::io::stderr().is_terminal(),
    };
    showing_escapes(found, escapes(found))
}

/// The streams of `found` that show escapes, given how the terminal takes them.
pub(crate) fn showing_escapes(found: Terminals, escapes: Escapes) -> Terminals {
    let shown = match escapes {
        Escapes::Interpreted => true,
        Escapes::VirtualTerminal { enabled } => enabled,
    };
    Terminals {
        stdout: found.stdout && shown,
        stderr: found.stderr && shown,
    }
}

#[cfg(windows)]
fn escapes(found: Terminals) -> Escapes {
    Escapes::VirtualTerminal {
        enabled: found.stdout
            && found.stderr
            && anstyle_query::windows::enable_ansi_colors() == Some(true),
    }
}

#[cfg(not(windows))]
fn escapes(_found: Terminals) -> Escapes {
    Escapes::Interpreted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_console_without_virtual_terminal_processing_is_no_terminal() {
        let both = Terminals {
            stdout: true,
            stderr: true,
        };
        let piped_stdout = Terminals {
            stdout: false,
            stderr: true,
        };
        // Unix.
        assert_eq!(showing_escapes(both, Escapes::Interpreted), both);
        assert_eq!(
            showing_escapes(piped_stdout, Escapes::Interpreted),
            piped_stdout
        );
        // Windows.
        let on = Escapes::VirtualTerminal { enabled: true };
        let off = Escapes::VirtualTerminal { enabled: false };
        assert_eq!(showing_escapes(both, on), both);
        assert_eq!(showing_escapes(both, off), Terminals::default());
        assert_eq!(showing_escapes(piped_stdout, off), Terminals::default());
    }
}
