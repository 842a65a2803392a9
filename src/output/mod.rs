//! Everything vlmgr prints: slmgr's text layouts, JSON, colour, terminal safety.
//!
//! Data goes to stdout, diagnostics to stderr. Text that came from outside (the network,
//! DNS, the state file) passes through [`sanitize`] before it reaches a terminal.

pub mod activation;
mod check;
mod discovery;
pub mod report;
pub(crate) mod style;
mod text;
pub mod time;

use std::io::{self, Write};

use crate::config::{Config, OutputFormat, Verbosity};
use crate::exit_codes::ExitCode;

pub use report::Report;
pub use style::{Style, paint, sanitize};

/// An error as the user sees it: slmgr's `Error: 0x... text` and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorView {
    /// `0x...`, when the failure has an HRESULT.
    pub hresult: Option<String>,
    pub message: String,
    pub hint: String,
    pub exit_code: ExitCode,
}

/// Writes a report to stdout. A closed pipe (`vlmgr dlv | head -1`) is not an error.
pub fn print_report(report: &Report, config: &Config) -> io::Result<()> {
    let rendered = match (config.format, report) {
        (_, Report::Check(check)) => render_check(check, config),
        (OutputFormat::Json, _) => json_document(report),
        (OutputFormat::Text, _) => text::render(report, config.color.stdout),
    };
    let warnings = match (config.format, report) {
        (OutputFormat::Text, Report::Message(message)) => message.warnings.clone(),
        (OutputFormat::Text, Report::Activation(activation)) => activation.notes.clone(),
        _ => Vec::new(),
    };
    if config.verbosity > Verbosity::Quiet {
        for warning in warnings {
            diagnostic(
                config,
                &format!(
                    "{} {}",
                    paint("Warning:", Style::Warn, config.color.stderr),
                    sanitize(&warning)
                ),
            );
        }
    }
    write_stdout(&rendered)
}

/// Prints a failure: JSON on stdout with `--json`, else slmgr's form on stderr.
pub fn print_error(error: &ErrorView, config: &Config) {
    if config.format == OutputFormat::Json {
        let document = serde_json::json!({ "error": error });
        let _ = write_stdout(&format!("{document:#}\n"));
        return;
    }
    let color = config.color.stderr;
    let label = paint("Error:", Style::Bad, color);
    let first = match &error.hresult {
        Some(code) => format!("{label} {code} {}", sanitize(&error.message)),
        None => format!("{label} {}", sanitize(&error.message)),
    };
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{first}");
    if !error.hint.is_empty() {
        let _ = writeln!(stderr, "{}", sanitize(&error.hint));
    }
}

/// A line on stderr (warnings, `-v` narration, progress).
pub fn diagnostic(_config: &Config, line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

fn render_check(check: &report::CheckReport, config: &Config) -> String {
    let mut out = String::new();
    match check.format {
        report::CheckFormat::Json => return json_document(check),
        report::CheckFormat::Text => check::render_text(&mut out, check, config.color.stdout),
        report::CheckFormat::Nagios => check::render_nagios(&mut out, check),
        report::CheckFormat::Prometheus => check::render_prometheus(&mut out, check),
    }
    out
}

fn json_document(report: &impl serde::Serialize) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(text) => text + "\n",
        // Serializing plain data structures cannot fail; say so if it ever does.
        Err(e) => format!("{{\"error\": {{\"message\": \"cannot serialize output: {e}\"}}}}\n"),
    }
}

fn write_stdout(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
