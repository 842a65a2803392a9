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
pub fn narrator(config: &Config) -> Narration {
    if config.verbosity >= Verbosity::Verbose {
        Arc::new(StderrNarrator {
            trace: config.verbosity >= Verbosity::Trace,
            started: Instant::now(),
        })
    } else {
        Arc::new(Silent)
    }
}
