//! Everything vlmgr prints: slmgr's text layouts, JSON, colour, terminal safety.
//!
//! Data goes to stdout, diagnostics to stderr. Text that came from outside (the network,
//! DNS, the state file) passes through [`sanitize`] before it reaches a terminal.

pub mod activation;
mod check;
mod discovery;
pub mod json;
mod narration;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub(crate) mod style;
mod text;
pub mod time;
pub mod view;

use std::io::{self, Write};

use crate::config::{Config, OutputFormat, Verbosity};
use crate::exit_codes::ExitCode;
use crate::protocol::HResult;

pub use narration::narrator;
pub use report::Report;
pub use style::{Style, paint, sanitize};

/// An error as the user sees it: slmgr's `Error: 0x... text` and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorView {
    /// Null for failures slmgr has no code for (a damaged state file, a usage error).
    pub hresult: Option<HResult>,
    pub message: String,
    /// What to do next (may be empty).
    pub hint: String,
    pub exit_code: ExitCode,
}

/// Writes a report to stdout. A closed pipe (`vlmgr dlv | head -1`) is not an error.
pub fn print_report(report: &Report, config: &Config) -> io::Result<()> {
    // `check` has its own formats; `--json` selects its JSON one.
    let rendered = match (config.format, report) {
        (_, Report::Check(check)) => render_check(report, check, config),
        (OutputFormat::Json, _) => json::report_document(report),
        (OutputFormat::Text, _) => text::render(report, config.color.stdout),
    };
    // A setter's warnings come before its message; what an activation run adds (Ctrl-C,
    // why --wait stopped) follows its report, which starts with "Activating ...".
    let (before, after): (&[String], &[String]) = match (config.format, report) {
        (OutputFormat::Text, Report::Message(message)) => (&message.warnings, &[]),
        (OutputFormat::Text, Report::Activation(activation)) => (&[], &activation.notes),
        _ => (&[], &[]),
    };
    print_warnings(before, config);
    write_stdout(&rendered)?;
    print_warnings(after, config);
    Ok(())
}

/// `Warning: ...` lines on stderr (not with `-q`).
fn print_warnings(warnings: &[String], config: &Config) {
    if config.verbosity == Verbosity::Quiet {
        return;
    }
    for warning in warnings {
        diagnostic(
            config,
            &format!(
                "{} {}",
                paint("Warning:", Style::Warn, config.color.stderr),
                sanitize(warning)
            ),
        );
    }
}

/// Prints a failure: JSON on stdout with `--json`, else slmgr's form on stderr.
pub fn print_error(error: &ErrorView, config: &Config) {
    if config.format == OutputFormat::Json {
        let _ = write_stdout(&json::error_document(error));
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

/// `check`'s report (`report`) in its own format, `--json` being its JSON one.
fn render_check(report: &Report, check: &report::CheckReport, config: &Config) -> String {
    let mut out = String::new();
    match check.format {
        report::CheckFormat::Json => return json::report_document(report),
        report::CheckFormat::Text => check::render_text(&mut out, check, config.color.stdout),
        report::CheckFormat::Nagios => check::render_nagios(&mut out, check),
        report::CheckFormat::Prometheus => check::render_prometheus(&mut out, check),
    }
    out
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
