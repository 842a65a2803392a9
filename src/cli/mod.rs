//! The command line: clap definitions ([`args`]), slmgr spelling ([`slmgr`]), and the
//! conversion of both into the plain [`Config`] and [`Action`] the rest of vlmgr uses.

pub mod args;
pub mod duration;
pub mod generate;
pub mod slmgr;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Subcommand};

use crate::commands::{Action, ActivateOptions, CheckOptions, DiscoverOptions, Selection};
use crate::config::{ColorPolicy, Config, DEFAULT_TIMEOUT, OutputFormat, Verbosity};
use crate::exit_codes::ExitCode;
use crate::locator::{RESOLV_CONF_ENV, resolv_conf_path};
use crate::output::report::CheckFormat;
use crate::output::{self, ErrorView};
use crate::state::StateStore;
use args::{CheckFormatArg, Cli, ColorWhen, Command, GlobalArgs, TopLevel};

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

/// The clap command with every subcommand, for help, completions and the man page.
pub fn command() -> clap::Command {
    // The subcommands first: `augment_subcommands` also applies the enum's own doc
    // comment as the command's about, which `TopLevel`'s attributes then replace.
    let subcommands = Command::augment_subcommands(clap::Command::new("vlmgr"));
    TopLevel::augment_args(subcommands)
}

/// The clap command with only the subcommand `name` (as [`command`] has it), or every
/// subcommand when `name` is none of them.
///
/// Building the tree is most of what a short command costs: clap copies each global
/// option into every subcommand, about 190 argument definitions and 80 page faults for
/// the whole tree (docs/performance.md). Help, version and errors about the command name
/// use the whole tree, so they read the same either way.
pub fn command_for(name: &str) -> clap::Command {
    let every = Command::augment_subcommands(clap::Command::new("vlmgr"));
    match every.find_subcommand(name) {
        Some(subcommand) => TopLevel::command().subcommand(subcommand.clone()),
        None => command(),
    }
}

/// Whether `args` ask for help or the version anywhere (then the whole tree is parsed).
fn asks_for_help_or_version(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|arg| {
        let Some(text) = arg.to_str() else {
            return false;
        };
        match text.strip_prefix("--") {
            Some(long) => long == "help" || long == "version",
            None => text.starts_with('-') && (text.contains('h') || text.contains('V')),
        }
    })
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
            stdout: usage_error_json(&stderr),
            stderr,
        },
        parsed => parsed,
    }
}

/// A usage error as the JSON error document scripts read (the text stays on stderr).
fn usage_error_json(text: &str) -> String {
    let message = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("usage error")
        .trim_start_matches("error: ")
        .trim_start_matches("Error: ");
    output::json::error_document(&ErrorView {
        hresult: None,
        message: message.to_owned(),
        hint: "Run 'vlmgr --help' for the commands and options.".to_owned(),
        exit_code: ExitCode::Usage,
    })
}

fn parse_args(args: Vec<OsString>) -> Parsed {
    parse_args_with(args, Tree::OnlyTheCommand)
}

/// Which clap tree parsing builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tree {
    /// Only the invoked subcommand when that is enough ([`command_for`]).
    OnlyTheCommand,
    /// Every subcommand ([`command`]); the tests compare the two.
    #[cfg_attr(not(test), allow(dead_code))]
    Whole,
}

fn parse_args_with(args: Vec<OsString>, tree: Tree) -> Parsed {
    let rewritten = match slmgr::rewrite(args) {
        Ok(rewritten) => rewritten,
        Err(slmgr::Unrecognized(option)) => {
            return usage_exit(format!(
                "Unrecognized option: {option}\n{}\nRun 'vlmgr --help' for the commands.\n",
                command().render_usage()
            ));
        }
    };
    let tree = match &rewritten.command {
        Some(name)
            if tree == Tree::OnlyTheCommand && !asks_for_help_or_version(&rewritten.args) =>
        {
            command_for(name)
        }
        _ => command(),
    };
    let matches = match tree.try_get_matches_from(&rewritten.args) {
        Ok(matches) => matches,
        Err(error) => return clap_exit(error, rewritten.command_as_typed.as_deref()),
    };
    let parsed = GlobalArgs::from_arg_matches(&matches)
        .and_then(|global| Ok((global, Command::from_arg_matches(&matches)?)));
    let cli = match parsed {
        Ok((global, command)) => Cli { global, command },
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
    match request(cli.command, global.json) {
        Request::Completions(shell) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "vlmgr", &mut script);
            Ok(BuildResult::Print(
                String::from_utf8_lossy(&script).into_owned(),
            ))
        }
        Request::Run(action) => Ok(BuildResult::Run(Invocation {
            config: config(global)?,
            action,
        })),
    }
}

/// What a command asks for: an action to run, or a completion script to print.
enum Request {
    Run(Action),
    Completions(clap_complete::Shell),
}

/// `check`'s options (`--json` picks its JSON format).
fn check_options(check: args::CheckArgs, json: bool) -> CheckOptions {
    CheckOptions {
        domains: check.domains,
        activate: check.activate,
        product: check.product,
        expiry: check.expiry,
        warn_days: check.warn_days,
        crit_days: check.crit_days,
        format: match (check.format, json) {
            (_, true) | (CheckFormatArg::Json, _) => CheckFormat::Json,
            (CheckFormatArg::Text, false) => CheckFormat::Text,
            (CheckFormatArg::Nagios, false) => CheckFormat::Nagios,
            (CheckFormatArg::Prometheus, false) => CheckFormat::Prometheus,
        },
    }
}

/// What `command` asks for (`--json` also picks `check`'s format).
fn request(command: Command, json: bool) -> Request {
    let action = match command {
        Command::Completions { shell } => return Request::Completions(shell),
        Command::Check(check) => Action::Check(check_options(check, json)),
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
        Command::Products { filter } => Action::Products {
            filter: (!filter.is_empty()).then(|| filter.join(" ")),
        },
    };
    Request::Run(action)
}

/// The [`Config`] of the global options and the environment.
fn config(global: GlobalArgs) -> Result<Config, Parsed> {
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let stderr_is_terminal = std::io::stderr().is_terminal();
    // A Windows console shows escapes (colour, the progress line) only once told to;
    // where it cannot, neither stream counts as a terminal here (docs/platforms.md).
    let escapes = crate::output::style::enable_escapes(stdout_is_terminal, stderr_is_terminal);
    let stdout_is_terminal = stdout_is_terminal && escapes;
    let stderr_is_terminal = stderr_is_terminal && escapes;
    Ok(Config {
        state_dir: state_dir(global.state_dir)?,
        dns_servers: global.dns_servers,
        resolv_conf: resolv_conf_path(std::env::var_os(RESOLV_CONF_ENV)),
        format: if global.json {
            OutputFormat::Json
        } else {
            OutputFormat::Text
        },
        color: color_policy(global.color, stdout_is_terminal, stderr_is_terminal),
        verbosity: match (global.quiet, global.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, 1) => Verbosity::Verbose,
            (false, _) => Verbosity::Trace,
        },
        timeout: global.timeout.unwrap_or(DEFAULT_TIMEOUT),
        stderr_is_terminal,
    })
}

/// `--state-dir` / `VLMGR_STATE_DIR`, else the platform's config directory.
fn state_dir(given: Option<PathBuf>) -> Result<PathBuf, Parsed> {
    match given {
        Some(dir) if dir.as_os_str().is_empty() => Err(usage_exit(
            "Error: the state directory is empty; give --state-dir DIR or VLMGR_STATE_DIR=DIR\n"
                .into(),
        )),
        Some(dir) => Ok(dir),
        None => StateStore::default_dir().map_err(|e| Parsed::Exit {
            code: ExitCode::LocalState,
            stdout: String::new(),
            stderr: format!("Error: {e}\n{}\n", e.hint()),
        }),
    }
}

/// Colour per stream: `--color always|never`, or on a terminal without `NO_COLOR`.
fn color_policy(
    when: ColorWhen,
    stdout_is_terminal: bool,
    stderr_is_terminal: bool,
) -> ColorPolicy {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match when {
        ColorWhen::Always => ColorPolicy {
            stdout: true,
            stderr: true,
        },
        ColorWhen::Never => ColorPolicy::default(),
        ColorWhen::Auto => ColorPolicy {
            stdout: stdout_is_terminal && !no_color,
            stderr: stderr_is_terminal && !no_color,
        },
    }
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

#[cfg(test)]
mod tree_tests {
    use super::*;

    fn outcome(args: &[&str], tree: Tree) -> String {
        let args = std::iter::once("vlmgr")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        format!("{:?}", parse_args_with(args, tree))
    }

    /// Parsing with only the invoked subcommand's tree gives exactly what the whole tree
    /// gives, for valid and invalid command lines of every command.
    #[test]
    fn the_pruned_tree_parses_like_the_whole_tree() {
        let mut lines: Vec<Vec<&str>> = vec![
            vec![],
            vec!["--json"],
            vec![
                "ato",
                "--kms",
                "127.0.0.1:1688",
                "--protocol",
                "4",
                "--json",
            ],
            vec!["--json", "ato", "--wait", "5m", "--srv-order", "random"],
            vec!["ato", "--kms", "host:0"],
            vec!["ato", "--bogus"],
            vec!["ato", "extra", "words", "-vv"],
            vec!["/ATO", "-q"],
            vec!["-skms", "kms.corp.example:1688"],
            vec!["skms"],
            vec!["ipk"],
            vec!["ipk", "W269N-WFGWX-YVC9B-4J6C9-T83GX", "--timeout", "0s"],
            vec!["dlv", "all", "--color", "never"],
            vec!["dlv", "--color", "sometimes"],
            vec!["--state-dir", "/tmp/x", "discover", "corp.test", "--check"],
            vec!["check", "corp.test", "--format", "nagios"],
            vec!["check", "--format", "xml"],
            vec!["completions", "fish"],
            vec!["completions", "tcsh"],
            vec!["products", "windows", "11"],
            vec!["-v", "-q", "dli"],
            vec!["--dns-server", "127.0.0.1:5353", "skms-domain", "corp.test"],
            vec!["ckms-domain", "--", "x"],
            vec!["atoo"],
        ];
        for (name, _) in slmgr::COMMANDS {
            lines.push(vec![name]);
            lines.push(vec![name, "--unknown-option"]);
        }
        for line in lines {
            assert_eq!(
                outcome(&line, Tree::OnlyTheCommand),
                outcome(&line, Tree::Whole),
                "{line:?}"
            );
        }
    }

    #[test]
    fn help_and_version_use_the_whole_tree() {
        let os = |args: &[&str]| args.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(asks_for_help_or_version(&os(&["vlmgr", "ato", "--help"])));
        assert!(asks_for_help_or_version(&os(&["vlmgr", "-vh", "dlv"])));
        assert!(asks_for_help_or_version(&os(&["vlmgr", "--version"])));
        assert!(!asks_for_help_or_version(&os(&["vlmgr", "ato", "-vv"])));
        assert!(!asks_for_help_or_version(&os(&["vlmgr", "skms", "host"])));
        for (name, _) in slmgr::COMMANDS {
            let tree = command_for(name);
            let names: Vec<&str> = tree.get_subcommands().map(|s| s.get_name()).collect();
            assert_eq!(names, vec![*name]);
        }
        assert_eq!(command_for("nonsense").get_subcommands().count(), 17);
    }
}
