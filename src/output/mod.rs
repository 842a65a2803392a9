//! Everything vlmgr prints: slmgr's text layouts, JSON, colour, terminal safety.
//!
//! Data goes to stdout, diagnostics to stderr. Text that came from outside (the network,
//! DNS, the state file, arguments) passes through [`sanitize`] before it reaches a
//! terminal; the `--json` documents write the same characters as `\uXXXX` escapes
//! (docs/reliability.md, "Text from outside").

pub(crate) mod activation;
mod discovery;
pub mod json;
pub(crate) mod local;
mod monitoring;
mod narration;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub(crate) mod style;
mod system;
mod text;
pub mod time;
pub(crate) mod view;

use std::io::{self, Write};

use crate::config::{Config, OutputFormat, Verbosity};
use crate::exit_codes::Exit;
use crate::protocol::HResult;

pub(crate) use narration::{narrator, prefixed};
pub(crate) use report::Report;
pub use style::is_hidden_or_control;
pub(crate) use style::{Style, paint, sanitize, shell_word};

/// An error as the user sees it: slmgr's `Error: 0x... text` and what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorView {
    /// Null for failures slmgr has no code for (a damaged state file, a usage error).
    pub hresult: Option<HResult>,
    pub message: String,
    /// What to do next (may be empty).
    pub hint: String,
    pub exit_code: Exit,
}

/// Writes a report to stdout. A closed pipe (`vlmgr dlv | head -1`) is not an error.
///
/// With `-q` (text), only errors are printed, on stderr: a setter's confirmation, a
/// successful or not-due `ato`/`renew`, warnings and `Note:` lines are not; what a command
/// is run to show (`dli`, `dlv`, `xpr`, `products`, `discover`, `check`) still is.
/// `--json` prints its document whatever the verbosity.
pub fn print_report(report: &Report, config: &Config) -> io::Result<()> {
    let quiet = config.verbosity == Verbosity::Quiet;
    if quiet && config.format == OutputFormat::Text {
        match report {
            Report::Message(_) => return Ok(()),
            Report::Activation(run) => {
                for activation in run.products() {
                    print_activation_errors(activation, config);
                }
                return Ok(());
            }
            _ => {}
        }
    }
    // A check that could not run gives Prometheus its metrics; the error goes to stderr
    // (the journal) too. Nagios reads stdout only: its status line says why.
    if let Report::Check(check) = report
        && check.format == report::CheckFormat::Prometheus
        && let Some(error) = &check.failure
    {
        print_error_text(error, config);
    }
    // `check` has its own formats; `--json` selects its JSON one.
    let rendered = match (config.format, report) {
        (_, Report::Check(check)) => render_check(report, check, config),
        (OutputFormat::Json, _) => json::report_document(report),
        (OutputFormat::Text, _) => text::render(report, config.color.stdout, quiet),
    };
    // A setter's warnings come before its message; what an activation run adds (Ctrl-C,
    // why --wait stopped) follows its report, which starts with "Activating ...".
    let (before, after): (&[String], Vec<String>) = match (config.format, report) {
        (OutputFormat::Text, Report::Message(message)) => (&message.warnings, Vec::new()),
        (OutputFormat::Text, Report::Activation(run)) => (&[], activation::notes(run)),
        (OutputFormat::Text, Report::System(system)) => {
            (system.warnings(), system.notes().to_vec())
        }
        _ => (&[], Vec::new()),
    };
    print_warnings(before, config);
    write_stdout(&rendered)?;
    print_warnings(&after, config);
    // A host answered but its answer could not be recorded: an error (exit 5), printed
    // as every error is (with `-q`, by `print_activation_errors`).
    if config.format == OutputFormat::Text
        && let Report::Activation(run) = report
    {
        for not_recorded in run.products().filter_map(|a| a.not_recorded.as_ref()) {
            let error = ErrorView {
                hresult: None,
                message: not_recorded.message.clone(),
                hint: not_recorded.hint.clone(),
                exit_code: Exit::LocalState,
            };
            print_error_text(&error, config);
        }
    }
    Ok(())
}

/// Prints `ato`'s first line at once (text only), ahead of what the run prints while it
/// goes on (`--wait`'s progress line); the report then leaves it out
/// (`ActivationReport::heading_printed`).
pub(crate) fn print_activation_heading(name: &str, activation_id: uuid::Uuid, config: &Config) {
    if config.format == OutputFormat::Text {
        let _ = write_stdout(&activation::heading(name, activation_id));
    }
}

/// `-q`: an `ato`/`renew` that did not succeed, as `Error:` lines on stderr (nothing when it
/// did, or when nothing was due).
fn print_activation_errors(report: &report::ActivationReport, config: &Config) {
    let lines = activation::render_errors(report, config.color.stderr);
    if !lines.is_empty() {
        let _ = io::stderr().lock().write_all(lines.as_bytes());
    }
}

/// slmgr's text of a report, as [`print_report`] writes it on stdout (for every report
/// but `check`, which has formats of its own).
pub fn render_text(report: &Report, color: bool) -> String {
    text::render(report, color, false)
}

/// `Warning: ...` lines on stderr (not with `-q`).
fn print_warnings(warnings: &[String], config: &Config) {
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

/// Prints a failure: [`error_text`] on stderr, and with `--json` the error document on
/// stdout as well (scripts read the one, people the other).
pub fn print_error(error: &ErrorView, config: &Config) {
    if config.format == OutputFormat::Json {
        let _ = write_stdout(&json::error_document(error));
    }
    print_error_text(error, config);
}

/// [`error_text`] on stderr.
fn print_error_text(error: &ErrorView, config: &Config) {
    let _ = io::stderr()
        .lock()
        .write_all(error_text(error, config.color.stderr).as_bytes());
}

/// Every error's text, usage errors included (docs/architecture.md, "Rules the code
/// keeps"): `Error: [0x........ ]<what is wrong>`, then one line of what to do.
pub fn error_text(error: &ErrorView, color: bool) -> String {
    let label = paint("Error:", Style::Bad, color);
    let mut text = match &error.hresult {
        Some(code) => format!("{label} {code} {}\n", sanitize(&error.message)),
        None => format!("{label} {}\n", sanitize(&error.message)),
    };
    if !error.hint.is_empty() {
        text.push_str(&sanitize(&error.hint));
        text.push('\n');
    }
    text
}

/// A line on stderr (warnings, notes of a wait), not with `-q`.
pub(crate) fn diagnostic(config: &Config, line: &str) {
    if config.verbosity > Verbosity::Quiet {
        let _ = writeln!(io::stderr().lock(), "{line}");
    }
}

/// A check that could not run, as a monitoring format prints it (`KMS UNKNOWN - ...`, or
/// the metrics with `vlmgr_check_failed 1`); `None` for text and JSON, which print the
/// error instead. For usage errors, found before there is a [`Config`].
pub(crate) fn monitor_failure(format: report::CheckFormat, error: ErrorView) -> Option<String> {
    let report = report::CheckReport::failed(format, error);
    let mut out = String::new();
    match format {
        report::CheckFormat::Nagios => monitoring::render_nagios(&mut out, &report),
        report::CheckFormat::Prometheus => monitoring::render_prometheus(&mut out, &report),
        report::CheckFormat::Text | report::CheckFormat::Json => return None,
    }
    Some(out)
}

/// `check`'s report (`report`) in its own format, `--json` being its JSON one.
fn render_check(report: &Report, check: &report::CheckReport, config: &Config) -> String {
    let mut out = String::new();
    match check.format {
        report::CheckFormat::Json => return json::report_document(report),
        report::CheckFormat::Text => {
            let quiet = config.verbosity == Verbosity::Quiet;
            monitoring::render_text(&mut out, check, config.color.stdout, quiet);
        }
        report::CheckFormat::Nagios => monitoring::render_nagios(&mut out, check),
        report::CheckFormat::Prometheus => monitoring::render_prometheus(&mut out, check),
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
