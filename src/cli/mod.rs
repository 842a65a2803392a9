//! The command line: clap definitions ([`args`]), slmgr spelling ([`slmgr`]), and the
//! conversion of both into the plain [`Config`] and [`Action`] the rest of vlmgr uses.

pub mod args;
pub mod duration;
pub mod generate;
pub mod slmgr;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches};

use crate::commands::{Action, ActivateOptions, CheckOptions, DiscoverOptions, Selection};
use crate::config::{ColorPolicy, Config, DEFAULT_TIMEOUT, OutputFormat, Verbosity};
use crate::exit_codes::ExitCode;
use crate::output::report::CheckFormat;
use crate::state::StateStore;
use args::{CheckFormatArg, Cli, ColorWhen, Command};

/// The resolver configuration read when `VLMGR_RESOLV_CONF` does not name another.
const DEFAULT_RESOLV_CONF: &str = "/etc/resolv.conf";

/// The outcome of parsing: something to run, or something to print and exit with.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Invocation>),
    Exit {
        code: ExitCode,
        stdout: String,
        stderr: String,
    },
}

/// A parsed command line.
#[derive(Debug)]
pub struct Invocation {
    pub config: Config,
    pub action: Action,
}

/// The clap command, for help, completions and the man page.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses arguments (both spellings) and the environment.
pub fn parse(args: Vec<OsString>) -> Parsed {
    let wants_json = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json");
    match parse_args(args) {
        Parsed::Exit {
            code: ExitCode::Usage,
            stdout: _,
            stderr,
        } if wants_json => Parsed::Exit {
            code: ExitCode::Usage,
            stdout: format!("{}\n", usage_error_json(&stderr)),
            stderr,
        },
        parsed => parsed,
    }
}

/// A usage error as the JSON error object scripts read (the text stays on stderr).
fn usage_error_json(text: &str) -> serde_json::Value {
    let message = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("usage error")
        .trim_start_matches("error: ")
        .trim_start_matches("Error: ");
    serde_json::json!({ "error": {
        "hresult": null,
        "message": message,
        "hint": "Run 'vlmgr --help' for the commands and options.",
        "exit_code": ExitCode::Usage,
    }})
}

fn parse_args(args: Vec<OsString>) -> Parsed {
    let rewritten = match slmgr::rewrite(args) {
        Ok(rewritten) => rewritten,
        Err(slmgr::Unrecognized(option)) => {
            return usage_exit(format!(
                "Unrecognized option: {option}\n{}\nRun 'vlmgr --help' for the commands.\n",
                command().render_usage()
            ));
        }
    };
    let matches = match command().try_get_matches_from(&rewritten.args) {
        Ok(matches) => matches,
        Err(error) => return clap_exit(error, rewritten.command_as_typed.as_deref()),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => return clap_exit(error, rewritten.command_as_typed.as_deref()),
    };
    match build(cli) {
        Ok(BuildResult::Run(invocation)) => Parsed::Run(Box::new(invocation)),
        Ok(BuildResult::Print(text)) => Parsed::Exit {
            code: ExitCode::Success,
            stdout: text,
            stderr: String::new(),
        },
        Err(exit) => exit,
    }
}

enum BuildResult {
    Run(Invocation),
    Print(String),
}

fn build(cli: Cli) -> Result<BuildResult, Parsed> {
    let global = cli.global;
    let action = match cli.command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "vlmgr", &mut script);
            return Ok(BuildResult::Print(
                String::from_utf8_lossy(&script).into_owned(),
            ));
        }
        Command::Ipk { product } => Action::InstallProduct { key: product },
        Command::Upk { product } => Action::UninstallProduct { product },
        Command::Ato(ato) => Action::Activate(ActivateOptions {
            product: ato.product,
            wait: ato.wait,
            retry_interval: ato.retry_interval,
            kms: ato.kms,
            protocol: ato.protocol,
            srv_order: ato.srv_order.into(),
        }),
        Command::Renew { product } => Action::Renew { product },
        Command::Dli { product } => Action::DisplayLicense {
            detailed: false,
            selection: selection(product),
        },
        Command::Dlv { product } => Action::DisplayLicense {
            detailed: true,
            selection: selection(product),
        },
        Command::Xpr { product } => Action::Expiration { product },
        Command::Skms { address, product } => Action::SetKmsHost { address, product },
        Command::Ckms { product } => Action::ClearKmsHost { product },
        Command::SkmsDomain { domain, product } => Action::SetLookupDomain { domain, product },
        Command::CkmsDomain { product } => Action::ClearLookupDomain { product },
        Command::Skhc => Action::SetHostCaching { enabled: true },
        Command::Ckhc => Action::SetHostCaching { enabled: false },
        Command::Discover {
            domains,
            check,
            srv_order,
        } => Action::Discover(DiscoverOptions {
            domains,
            check,
            order: srv_order.into(),
        }),
        Command::Check(check) => Action::Check(CheckOptions {
            domains: check.domains,
            activate: check.activate,
            product: check.product,
            expiry: check.expiry,
            warn_days: check.warn_days,
            crit_days: check.crit_days,
            format: match (check.format, global.json) {
                (_, true) | (CheckFormatArg::Json, _) => CheckFormat::Json,
                (CheckFormatArg::Text, false) => CheckFormat::Text,
                (CheckFormatArg::Nagios, false) => CheckFormat::Nagios,
                (CheckFormatArg::Prometheus, false) => CheckFormat::Prometheus,
            },
        }),
        Command::Products { filter } => Action::Products {
            filter: (!filter.is_empty()).then(|| filter.join(" ")),
        },
    };

    let state_dir = match global.state_dir {
        Some(dir) if dir.as_os_str().is_empty() => {
            return Err(usage_exit(
                "Error: the state directory is empty; give --state-dir DIR or VLMGR_STATE_DIR=DIR\n"
                    .into(),
            ));
        }
        Some(dir) => dir,
        None => match StateStore::default_dir() {
            Ok(dir) => dir,
            Err(e) => {
                return Err(Parsed::Exit {
                    code: ExitCode::LocalState,
                    stdout: String::new(),
                    stderr: format!("Error: {e}\n{}\n", e.hint()),
                });
            }
        },
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let stdout_tty = std::io::stdout().is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let color = match global.color {
        ColorWhen::Always => ColorPolicy {
            stdout: true,
            stderr: true,
        },
        ColorWhen::Never => ColorPolicy::default(),
        ColorWhen::Auto => ColorPolicy {
            stdout: stdout_tty && !no_color,
            stderr: stderr_tty && !no_color,
        },
    };
    let verbosity = match (global.quiet, global.verbose) {
        (true, _) => Verbosity::Quiet,
        (false, 0) => Verbosity::Normal,
        (false, 1) => Verbosity::Verbose,
        (false, _) => Verbosity::Trace,
    };
    let resolv_conf = std::env::var_os("VLMGR_RESOLV_CONF")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(DEFAULT_RESOLV_CONF), PathBuf::from);
    Ok(BuildResult::Run(Invocation {
        config: Config {
            state_dir,
            dns_servers: global.dns_servers,
            resolv_conf,
            format: if global.json {
                OutputFormat::Json
            } else {
                OutputFormat::Text
            },
            color,
            verbosity,
            timeout: global.timeout.unwrap_or(DEFAULT_TIMEOUT),
            stderr_is_terminal: stderr_tty,
        },
        action,
    }))
}

fn selection(product: Option<String>) -> Selection {
    match product {
        None => Selection::Default,
        Some(text) if text.eq_ignore_ascii_case("all") => Selection::All,
        Some(text) => Selection::One(text),
    }
}

fn usage_exit(stderr: String) -> Parsed {
    Parsed::Exit {
        code: ExitCode::Usage,
        stdout: String::new(),
        stderr,
    }
}

/// Help and version go to stdout with 0; errors to stderr with 2, in slmgr's words where
/// slmgr has some.
fn clap_exit(error: clap::Error, command_as_typed: Option<&str>) -> Parsed {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Parsed::Exit {
            code: ExitCode::Success,
            stdout: error.render().to_string(),
            stderr: String::new(),
        },
        ErrorKind::MissingRequiredArgument
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            match command_as_typed.and_then(slmgr::missing_argument_message) {
                Some(message) => usage_exit(format!("{message}\n")),
                None => usage_exit(error.render().to_string()),
            }
        }
        _ => usage_exit(error.render().to_string()),
    }
}
