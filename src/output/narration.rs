//! `-v` narration on stderr: what the client and the commands tell while they work.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use super::style::sanitize;
use crate::client::{Narration, Narrator, Silent};
use crate::config::{Config, Verbosity};

/// Writes each line on stderr, stamped with the time since the run started and made safe
/// for a terminal (lines may carry names from DNS or bytes from a host).
#[derive(Debug)]
struct StderrNarrator {
    trace: bool,
    started: Instant,
}

impl Narrator for StderrNarrator {
    fn say(&self, line: fmt::Arguments<'_>) {
        let elapsed = self.started.elapsed();
        eprintln!(
            "[{:>4}.{:03}s] {}",
            elapsed.as_secs(),
            elapsed.subsec_millis(),
            sanitize(&line.to_string())
        );
    }

    fn traces_pdus(&self) -> bool {
        self.trace
    }
}

/// The narrator `config` asks for: silent, `-v` (steps and timings) or `-vv` (every PDU
/// as well).
pub(crate) fn narrator(config: &Config) -> Narration {
    if config.verbosity >= Verbosity::Verbose {
        Arc::new(StderrNarrator {
            trace: config.verbosity >= Verbosity::Trace,
            started: Instant::now(),
        })
    } else {
        Arc::new(Silent)
    }
}

/// `narration` with every line starting `prefix: ` (which product a line of a run over
/// several is about).
pub(crate) fn prefixed(narration: &Narration, prefix: &str) -> Narration {
    Arc::new(Prefixed {
        inner: Arc::clone(narration),
        prefix: prefix.to_string(),
    })
}

struct Prefixed {
    inner: Narration,
    prefix: String,
}

impl Narrator for Prefixed {
    fn say(&self, line: fmt::Arguments<'_>) {
        self.inner.say(format_args!("{}: {line}", self.prefix));
    }

    fn traces_pdus(&self) -> bool {
        self.inner.traces_pdus()
    }
}
