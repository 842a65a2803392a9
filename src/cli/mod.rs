//! The command line: clap definitions ([`args`]), slmgr spelling ([`slmgr`]), and the
//! conversion of both into the plain [`Config`] and [`Action`] the rest of vlmgr uses.

pub(crate) mod args;
pub(crate) mod backend;
pub mod duration;
pub mod generate;
pub mod slmgr;
pub(crate) mod usage;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches, Subcommand, ValueEnum};

use crate::commands::{
    Action, ActivateOptions, CheckOptions, DiscoverOptions, ProcessExit, Selection,
};
use crate::config::{Backend, ColorPolicy, Config, DEFAULT_TIMEOUT, OutputFormat, Verbosity};
use crate::exit_codes::Exit;
use crate::locator::{RESOLV_CONF_ENV, resolv_conf_path};
use crate::output::report::{CheckFormat, Severity};
use crate::output::{self, ErrorView};
use crate::platform::terminal::Terminals;
use crate::state::StateStore;
use args::{CheckFormatArg, Cli, ColorWhen, Command, GlobalArgs, TopLevel};
use usage::UsageError;

/// The outcome of parsing: something to run, or something to print and exit with.
#[derive(Debug)]
pub enum Parsed {
    Run(Box<Invocation>),
    Exit {
        code: Exit,
        stdout: String,
        stderr: String,
    },
    /// An error under `check --format nagios|prometheus`: the monitor's own output (the
    /// `KMS UNKNOWN` line, or the metrics saying the check failed) and its exit code.
    Monitor {
        exit: ProcessExit,
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

/// The clap command with every subcommand, for help, completions and the man pages.
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
pub(crate) fn command_for(name: &str) -> clap::Command {
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
    // Asked once: a Windows console is told here to show escapes (platform::terminal).
    let terminals = crate::platform::terminal::terminals();
    parse_with(args, Tree::OnlyTheCommand, terminals)
}

fn parse_with(args: Vec<OsString>, tree: Tree, terminals: Terminals) -> Parsed {
    let errors = ErrorOutput::of(&args, terminals);
    let monitor = monitoring_format(&args);
    match parse_args_with(args, tree, terminals) {
        Ok(parsed) => parsed,
        Err(error) => match monitor {
            Some(format) => monitor_error(format, error),
            None => errors.exit(&error),
        },
    }
}

/// `check --format nagios` or `--format prometheus` among the arguments (before `--`,
/// without `--json`, which wins): a command line that fails must still give the monitor
/// its status line or its metrics.
fn monitoring_format(args: &[OsString]) -> Option<CheckFormat> {
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .map_while(|arg| arg.to_str())
        .take_while(|arg| *arg != "--")
        .collect();
    if !words.contains(&"check") || words.contains(&"--json") {
        return None;
    }
    let named = words.windows(2).find_map(|pair| match pair {
        ["--format", value] => Some(*value),
        [word, _] => word.strip_prefix("--format="),
        _ => None,
    });
    match named? {
        "nagios" => Some(CheckFormat::Nagios),
        "prometheus" => Some(CheckFormat::Prometheus),
        _ => None,
    }
}

/// An error found while parsing, as the monitoring `format` prints it (the text stays on
/// stderr): Nagios' UNKNOWN (exit 3), or Prometheus' metrics (exit 0, as every run).
fn monitor_error(format: CheckFormat, error: ErrorView) -> Parsed {
    let exit = match format {
        CheckFormat::Nagios => ProcessExit::Nagios(Severity::Unknown),
        _ => ProcessExit::Code(Exit::Success),
    };
    let stderr = output::error_text(&error, false);
    Parsed::Monitor {
        exit,
        stdout: output::monitor_failure(format, error).unwrap_or_default(),
        stderr,
    }
}

/// How an error found while parsing is printed: as every error is (`output::error_text`
/// on stderr; with `--json` the error document on stdout as well), coloured as
/// `--color` and the terminal say.
#[derive(Debug, Clone, Copy)]
struct ErrorOutput {
    json: bool,
    color: bool,
}

impl ErrorOutput {
    /// What `args` ask for, read before clap (whose error this may be) has parsed them.
    fn of(args: &[OsString], terminals: Terminals) -> ErrorOutput {
        let before_end = || args.iter().skip(1).take_while(|a| *a != "--");
        let mut color = ColorWhen::Auto;
        let mut words = before_end().filter_map(|a| a.to_str());
        while let Some(word) = words.next() {
            let value = match word.strip_prefix("--color") {
                Some("") => words.next(),
                Some(rest) => rest.strip_prefix('='),
                None => None,
            };
            match value {
                Some("always") => color = ColorWhen::Always,
                Some("never") => color = ColorWhen::Never,
                _ => {}
            }
        }
        ErrorOutput {
            json: before_end().any(|a| a == "--json"),
            color: color_policy(color, terminals.stdout, terminals.stderr).stderr,
        }
    }

    fn exit(self, error: &ErrorView) -> Parsed {
        Parsed::Exit {
            code: error.exit_code,
            stdout: if self.json {
                output::json::error_document(error)
            } else {
                String::new()
            },
            stderr: output::error_text(error, self.color),
        }
    }
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

fn parse_args_with(
    args: Vec<OsString>,
    tree: Tree,
    terminals: Terminals,
) -> Result<Parsed, ErrorView> {
    let rewritten = slmgr::rewrite(args).map_err(|refusal| slmgr_refusal(&refusal).view())?;
    let tree = match &rewritten.command {
        Some(name)
            if tree == Tree::OnlyTheCommand && !asks_for_help_or_version(&rewritten.args) =>
        {
            command_for(name)
        }
        _ => command(),
    };
    if let Some(second) = slmgr::second_option(&tree, &rewritten) {
        return Err(second_option_error(&rewritten, &second).view());
    }
    let matches = match tree.try_get_matches_from(&rewritten.args) {
        Ok(matches) => matches,
        Err(error) => return clap_exit(error, &rewritten),
    };
    // The system backend refuses --srv-order, whose default clap fills in.
    let srv_order_given = matches.subcommand().is_some_and(|(name, ato)| {
        name == "ato"
            && ato.value_source("srv_order") == Some(clap::parser::ValueSource::CommandLine)
    });
    let parsed = GlobalArgs::from_arg_matches(&matches)
        .and_then(|global| Ok((global, Command::from_arg_matches(&matches)?)));
    let cli = match parsed {
        Ok((global, command)) => Cli { global, command },
        Err(error) => return clap_exit(error, &rewritten),
    };
    let sources = Sources {
        dns_servers_from_env: matches.value_source("dns_servers") == Some(ValueSource::EnvVariable),
        srv_order_given,
    };
    match build(cli, terminals, sources)? {
        BuildResult::Run(invocation) => Ok(Parsed::Run(Box::new(invocation))),
        BuildResult::Print(text) => Ok(Parsed::Exit {
            code: Exit::Success,
            stdout: text,
            stderr: String::new(),
        }),
    }
}

enum BuildResult {
    Run(Invocation),
    Print(String),
}

/// Where the values of the options came from, beyond what clap's derive keeps.
#[derive(Debug, Clone, Copy)]
struct Sources {
    /// `VLMGR_DNS_SERVER` gave the name servers (not `--dns-server`).
    dns_servers_from_env: bool,
    /// `--srv-order` was on the command line (the system backend refuses it; clap fills
    /// in its default otherwise).
    srv_order_given: bool,
}

fn build(cli: Cli, terminals: Terminals, sources: Sources) -> Result<BuildResult, ErrorView> {
    let global = cli.global;
    match request(cli.command, global.json).map_err(|e| e.view())? {
        Request::Completions(shell) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "vlmgr", &mut script);
            Ok(BuildResult::Print(
                String::from_utf8_lossy(&script).into_owned(),
            ))
        }
        Request::Run(action) => {
            let config = config(global, terminals, sources)?;
            if let Some(refusal) =
                backend::refusal(config.backend, &action, sources.srv_order_given)
            {
                return Err(refusal.view());
            }
            Ok(BuildResult::Run(Invocation { config, action }))
        }
    }
}

/// What a command asks for: an action to run, or a completion script to print.
enum Request {
    Run(Action),
    Completions(clap_complete::Shell),
}

/// `check`'s options: `--json` is its JSON format, so it goes with no other `--format`;
/// `--crit-days` cannot be more than `--warn-days`.
fn check_options(check: args::CheckArgs, json: bool) -> Result<CheckOptions, UsageError> {
    let format = match (check.format, json) {
        (None | Some(CheckFormatArg::Json), true) | (Some(CheckFormatArg::Json), false) => {
            CheckFormat::Json
        }
        (None | Some(CheckFormatArg::Text), false) => CheckFormat::Text,
        (Some(CheckFormatArg::Nagios), false) => CheckFormat::Nagios,
        (Some(CheckFormatArg::Prometheus), false) => CheckFormat::Prometheus,
        (Some(other), true) => {
            let name = other
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string());
            return Err(UsageError::new(
                format!("--json and --format {name} ask for two different outputs"),
                format!("Give one: --format {name}, or --json (the same as --format json)."),
            ));
        }
    };
    if check.crit_days > check.warn_days {
        return Err(UsageError::new(
            format!(
                "--crit-days ({}) is more than --warn-days ({}): a product would turn critical before it warns",
                check.crit_days, check.warn_days
            ),
            "Give --crit-days no more than --warn-days (the defaults are 7 and 30).",
        ));
    }
    Ok(CheckOptions {
        domains: check.domains,
        activate: check.activate,
        product: check.product,
        expiry: check.expiry,
        warn_days: check.warn_days,
        crit_days: check.crit_days,
        format,
    })
}

/// What `command` asks for (`--json` also picks `check`'s format).
fn request(command: Command, json: bool) -> Result<Request, UsageError> {
    let action = match command {
        Command::Completions { shell } => return Ok(Request::Completions(shell)),
        Command::Check(check) => Action::Check(check_options(check, json)?),
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
        Command::Cpky => Action::ClearProductKeyFromRegistry,
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
    Ok(Request::Run(action))
}

/// The [`Config`] of the global options and the environment.
fn config(global: GlobalArgs, terminals: Terminals, sources: Sources) -> Result<Config, ErrorView> {
    // A Windows console shows escapes (colour, the progress line) only once told to;
    // where it cannot, neither stream counts as a terminal here (docs/platforms.md).
    Ok(Config {
        state_dir: state_dir(global.state_dir)?,
        dns_servers: global.dns_servers,
        dns_servers_from_env: sources.dns_servers_from_env,
        resolv_conf: resolv_conf_path(std::env::var_os(RESOLV_CONF_ENV)),
        format: if global.json {
            OutputFormat::Json
        } else {
            OutputFormat::Text
        },
        color: color_policy(global.color, terminals.stdout, terminals.stderr),
        verbosity: match (global.quiet, global.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, 0) => Verbosity::Normal,
            (false, 1) => Verbosity::Verbose,
            (false, _) => Verbosity::Trace,
        },
        timeout: global.timeout.unwrap_or(DEFAULT_TIMEOUT),
        stderr_is_terminal: terminals.stderr,
        backend: backend(global.standalone)?,
    })
}

/// `--standalone` and `VLMGR_STANDALONE` on this OS (docs/windows.md).
fn backend(flag: bool) -> Result<Backend, ErrorView> {
    let env = std::env::var_os(backend::STANDALONE_ENV);
    let env = env.as_deref().map(|value| value.to_string_lossy());
    backend::backend_from(flag, env.as_deref(), crate::spp::AVAILABLE).map_err(|e| e.view())
}

/// `--state-dir` / `VLMGR_STATE_DIR`, else the platform's config directory.
fn state_dir(given: Option<PathBuf>) -> Result<PathBuf, ErrorView> {
    match given {
        Some(dir) if dir.as_os_str().is_empty() => Err(UsageError::new(
            "the state directory is empty (--state-dir or VLMGR_STATE_DIR)",
            "Give a directory: --state-dir DIR or VLMGR_STATE_DIR=DIR, or leave both out for the default.",
        )
        .view()),
        Some(dir) => Ok(dir),
        None => StateStore::default_dir().map_err(|e| ErrorView {
            hresult: None,
            message: e.to_string(),
            hint: e.hint(),
            exit_code: Exit::LocalState,
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

/// An slmgr-style option that names no command, with the one it most likely misspells.
fn slmgr_refusal(refusal: &slmgr::Unrecognized) -> UsageError {
    let slmgr::Unrecognized(typed) = refusal;
    // An argument is quoted as every usage error quotes one: escaped.
    let option = output::sanitize(typed);
    let (prefix, name) = typed.split_at(typed.len().min(1));
    let names = slmgr::COMMANDS.iter().map(|(command, _)| *command);
    let hint = match usage::similar(name, names) {
        Some(similar) => usage::similar_sentence("option", &format!("{prefix}{similar}")),
        None => {
            "vlmgr takes slmgr's KMS client options (/ipk, /ato, /dli, /dlv, /xpr, /skms, ...): \
                 `vlmgr --help` lists them."
                .to_string()
        }
    };
    UsageError::new(format!("unrecognized option '{option}'"), hint)
}

/// A second slmgr option after the first (`vlmgr /ato /dlv`).
fn second_option_error(rewritten: &slmgr::Rewritten, second: &str) -> UsageError {
    let first = output::sanitize(rewritten.command_as_typed.as_deref().unwrap_or_default());
    let second = output::sanitize(second);
    UsageError::new(
        format!(
            "\"{second}\" is a second option after \"{first}\": vlmgr, like slmgr, takes one \
             option per run"
        ),
        format!(
            "Run them one after the other: `vlmgr {}`, then `vlmgr {}`.",
            output::shell_word(&first),
            output::shell_word(&second)
        ),
    )
}

/// Help and version go to stdout with 0; errors become usage errors in vlmgr's style,
/// in slmgr's words where slmgr has some.
fn clap_exit(error: clap::Error, rewritten: &slmgr::Rewritten) -> Result<Parsed, ErrorView> {
    use clap::error::ErrorKind;
    let error = with_safe_quotes(error);
    let command = rewritten.command.as_deref();
    let usage = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return Ok(Parsed::Exit {
                code: Exit::Success,
                stdout: error.render().to_string(),
                stderr: String::new(),
            });
        }
        // `vlmgr` and nothing else: the help, which says what to do (with any argument,
        // a missing command is an error like any other).
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand if command.is_none() => {
            return Ok(Parsed::Exit {
                code: Exit::Usage,
                stdout: String::new(),
                stderr: error.render().to_string(),
            });
        }
        ErrorKind::MissingRequiredArgument
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            match rewritten
                .command_as_typed
                .as_deref()
                .and_then(slmgr::missing_argument)
            {
                Some(missing) => missing,
                None => usage::from_clap(&error, command, command_names()),
            }
        }
        _ => usage::from_clap(&error, command, command_names()),
    };
    Err(usage.view())
}

/// Every subcommand's name.
fn command_names() -> impl Iterator<Item = &'static str> {
    slmgr::COMMANDS.iter().map(|(name, _)| *name)
}

/// `error` with the arguments it quotes (an invalid value, an unknown argument or
/// subcommand) escaped as [`output::sanitize`] does, before clap lays them out: a line
/// break or ESC typed in an argument is shown escaped, not taken for a line of clap's
/// own (`output::error_text` then escapes whatever else the message holds).
fn with_safe_quotes(mut error: clap::Error) -> clap::Error {
    use clap::error::ContextValue;
    let safe = |text: &String| output::sanitize(text).into_owned();
    let quoted: Vec<_> = error
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(text) => Some((kind, ContextValue::String(safe(text)))),
            ContextValue::Strings(texts) => Some((
                kind,
                ContextValue::Strings(texts.iter().map(safe).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in quoted {
        error.insert(kind, value);
    }
    error
}

#[cfg(test)]
mod tree_tests {
    use super::*;

    fn outcome(args: &[&str], tree: Tree) -> String {
        let args = std::iter::once("vlmgr")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        format!("{:?}", parse_with(args, tree, Terminals::default()))
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
        assert_eq!(command_for("nonsense").get_subcommands().count(), 18);
    }
}
