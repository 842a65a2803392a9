//! slmgr spelling: `/ATO`, `-skms host`, `-dlv All` become `ato`, `skms host`, `dlv All`
//! before clap parses, so clap defines every command once.

use std::ffi::OsString;

use super::usage::{UsageError, help_pointer};

/// The commands that may be written slmgr style, and what each needs when its argument is
/// missing (slmgr's wording).
pub const COMMANDS: &[(&str, Option<&str>)] = &[
    ("ipk", Some("<Product Key>")),
    ("upk", None),
    ("ato", None),
    ("renew", None),
    ("dli", None),
    ("dlv", None),
    ("xpr", None),
    ("skms", Some("<Name[:Port] | : port>")),
    ("ckms", None),
    ("skms-domain", Some("<FQDN>")),
    ("ckms-domain", None),
    ("skhc", None),
    ("ckhc", None),
    ("cpky", None),
    ("discover", None),
    ("check", None),
    ("products", None),
    (
        "completions",
        Some("<bash | zsh | fish | powershell | elvish>"),
    ),
];

/// Global options that take a value in the next argument.
const GLOBAL_OPTIONS_WITH_VALUE: &[&str] = &["--state-dir", "--dns-server", "--color", "--timeout"];

/// Single-letter flags; a `-xyz` made only of these is a cluster, not an slmgr option.
const SHORT_FLAGS: &str = "vqhV";

/// The rewritten arguments and where the command word stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rewritten {
    pub(crate) args: Vec<OsString>,
    /// The index in `args` of the command word, if one was found.
    pub(crate) position: Option<usize>,
    /// The command as the user spelled it (`/SKMS`, `skms`), if one was found.
    pub(crate) command_as_typed: Option<String>,
    /// The subcommand name now at the command position, when it is one of [`COMMANDS`].
    pub(crate) command: Option<String>,
}

/// An slmgr-style option that names no command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unrecognized(pub(crate) String);

/// Rewrites the first command-position argument from slmgr style to a subcommand name.
pub(crate) fn rewrite(args: Vec<OsString>) -> Result<Rewritten, Unrecognized> {
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    // argv[0]
    if let Some(program) = iter.next() {
        out.push(program);
    }
    let mut command_as_typed = None;
    let mut command = None;
    let mut position = None;
    while let Some(arg) = iter.next() {
        let Some(text) = arg.to_str() else {
            // Not UTF-8: clap reports it.
            out.push(arg);
            break;
        };
        if text == "--" {
            out.push(arg);
            break;
        }
        if let Some(long) = text.strip_prefix("--") {
            let takes_value = !long.contains('=') && GLOBAL_OPTIONS_WITH_VALUE.contains(&text);
            out.push(arg);
            if takes_value && let Some(value) = iter.next() {
                out.push(value);
            }
            continue;
        }
        if let Some(short) = text.strip_prefix('-')
            && !short.is_empty()
            && short.chars().all(|c| SHORT_FLAGS.contains(c))
        {
            out.push(arg);
            continue;
        }
        // The command position.
        position = Some(out.len());
        let slmgr_name = text.strip_prefix('/').or_else(|| text.strip_prefix('-'));
        match slmgr_name {
            Some("?") => out.push(OsString::from("--help")),
            // `vlmgr help [COMMAND]`, as git and cargo take it: that command's help.
            _ if slmgr_name.unwrap_or(text).eq_ignore_ascii_case("help") => {
                match iter.next().and_then(|next| next.into_string().ok()) {
                    Some(next) => {
                        let name = next.trim_start_matches(['/', '-']).to_ascii_lowercase();
                        if COMMANDS.iter().any(|(command, _)| *command == name) {
                            command = Some(name.clone());
                        }
                        command_as_typed = Some(next);
                        out.push(OsString::from(name));
                    }
                    None => position = None,
                }
                out.push(OsString::from("--help"));
            }
            Some(name) => {
                let lower = name.to_ascii_lowercase();
                if !COMMANDS.iter().any(|(command, _)| *command == lower) {
                    return Err(Unrecognized(text.to_string()));
                }
                command_as_typed = Some(text.to_string());
                command = Some(lower.clone());
                out.push(OsString::from(lower));
            }
            None => {
                command_as_typed = Some(text.to_string());
                if COMMANDS.iter().any(|(name, _)| *name == text) {
                    command = Some(text.to_string());
                }
                out.push(arg);
            }
        }
        break;
    }
    out.extend(iter);
    Ok(Rewritten {
        args: out,
        position,
        command_as_typed,
        command,
    })
}

/// slmgr's message for a command whose required argument is missing, if it has one,
/// with the command's first example (from its help) as what to do.
pub(crate) fn missing_argument(command_as_typed: &str) -> Option<UsageError> {
    let name = command_as_typed
        .trim_start_matches(['/', '-'])
        .to_ascii_lowercase();
    let needs = COMMANDS
        .iter()
        .find(|(command, _)| *command == name)
        .and_then(|(_, needs)| *needs)?;
    let hint = match first_example(&name) {
        Some(example) => format!("For example: `{example}` (`vlmgr {name} --help` says more)."),
        None => help_pointer(Some(&name)),
    };
    Some(UsageError::new(
        format!("option /{name} needs {needs}"),
        hint,
    ))
}

/// The first example of a command's help (its `after_help`, "Example:" or "Examples:").
fn first_example(name: &str) -> Option<String> {
    let tree = super::command_for(name);
    let help = tree.find_subcommand(name)?.get_after_help()?.to_string();
    let mut lines = help.lines();
    lines.find(|line| line.starts_with("Example"))?;
    lines
        .next()
        .map(str::trim)
        .filter(|line| line.starts_with("vlmgr "))
        .map(str::to_string)
}

/// An slmgr option written after the command's (`vlmgr /ato /dlv`): slmgr takes one per
/// run, and taken as the command's argument it would read as a product or a host. Values
/// of options (`--state-dir /ato`) are not options, so `tree` says which options take one.
pub(crate) fn second_option(tree: &clap::Command, rewritten: &Rewritten) -> Option<String> {
    let position = rewritten.position?;
    let command = rewritten
        .command
        .as_deref()
        .and_then(|name| tree.find_subcommand(name));
    let takes_value = |long: &str| {
        tree.get_arguments()
            .chain(command.into_iter().flat_map(clap::Command::get_arguments))
            .any(|arg| arg.get_long() == Some(long) && arg.get_action().takes_values())
    };
    let mut words = rewritten.args.iter().skip(position + 1);
    while let Some(word) = words.next() {
        let text = word.to_str()?;
        if text == "--" {
            return None;
        }
        if let Some(long) = text.strip_prefix("--") {
            if !long.contains('=') && takes_value(long) {
                words.next();
            }
            continue;
        }
        let name = text.strip_prefix('/').or_else(|| text.strip_prefix('-'));
        if let Some(name) = name
            && COMMANDS
                .iter()
                .any(|(command, _)| command.eq_ignore_ascii_case(name))
        {
            return Some(text.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Vec<String>, Unrecognized> {
        let mut all = vec!["vlmgr"];
        all.extend_from_slice(args);
        rewrite(all.into_iter().map(OsString::from).collect()).map(|r| {
            r.args
                .into_iter()
                .skip(1)
                .map(|a| a.into_string().unwrap_or_default())
                .collect()
        })
    }

    #[test]
    fn slmgr_and_subcommand_spellings_agree() {
        assert_eq!(run(&["/ATO"]).unwrap(), ["ato"]);
        assert_eq!(run(&["-ato"]).unwrap(), ["ato"]);
        assert_eq!(run(&["ato"]).unwrap(), ["ato"]);
        assert_eq!(run(&["-skms", "host:1688"]).unwrap(), ["skms", "host:1688"]);
        assert_eq!(run(&["-dlv", "All"]).unwrap(), ["dlv", "All"]);
        assert_eq!(
            run(&["/SKMS-DOMAIN", "corp.example"]).unwrap(),
            ["skms-domain", "corp.example"]
        );
        assert_eq!(run(&["/?"]).unwrap(), ["--help"]);
    }

    #[test]
    fn global_options_are_skipped() {
        assert_eq!(
            run(&["--state-dir", "/x", "-v", "--json", "/ato", "--kms", "h"]).unwrap(),
            ["--state-dir", "/x", "-v", "--json", "ato", "--kms", "h"]
        );
        assert_eq!(
            run(&["--color=never", "-vv", "/dli"]).unwrap(),
            ["--color=never", "-vv", "dli"]
        );
        assert_eq!(run(&["-q", "-ckhc"]).unwrap(), ["-q", "ckhc"]);
    }

    #[test]
    fn only_the_command_position_is_rewritten() {
        assert_eq!(run(&["skms", "/ato"]).unwrap(), ["skms", "/ato"]);
        assert_eq!(run(&["/ato", "-dli"]).unwrap(), ["ato", "-dli"]);
    }

    #[test]
    fn unknown_slmgr_options_are_reported() {
        assert_eq!(run(&["/foo"]), Err(Unrecognized("/foo".into())));
        assert_eq!(run(&["-rearm"]), Err(Unrecognized("-rearm".into())));
    }

    #[test]
    fn missing_argument_messages() {
        assert_eq!(
            missing_argument("/skms"),
            Some(UsageError::new(
                "option /skms needs <Name[:Port] | : port>",
                "For example: `vlmgr skms kms.corp.example:1688` (`vlmgr skms --help` says more)."
            ))
        );
        assert_eq!(
            missing_argument("IPK"),
            Some(UsageError::new(
                "option /ipk needs <Product Key>",
                "For example: `vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43` (`vlmgr ipk --help` says more)."
            ))
        );
        assert_eq!(missing_argument("/ato"), None);
    }

    #[test]
    fn help_takes_a_command() {
        assert_eq!(run(&["help"]).unwrap(), ["--help"]);
        assert_eq!(run(&["help", "ato"]).unwrap(), ["ato", "--help"]);
        assert_eq!(
            run(&["-v", "HELP", "/DLV"]).unwrap(),
            ["-v", "dlv", "--help"]
        );
        assert_eq!(run(&["/help", "atoo"]).unwrap(), ["atoo", "--help"]);
    }

    #[test]
    fn a_second_slmgr_option_is_found_but_option_values_are_not() {
        let second = |args: &[&str]| {
            let mut all = vec!["vlmgr"];
            all.extend_from_slice(args);
            let rewritten = rewrite(all.into_iter().map(OsString::from).collect()).unwrap();
            second_option(&super::super::command(), &rewritten)
        };
        assert_eq!(second(&["/ato", "/dlv"]).as_deref(), Some("/dlv"));
        assert_eq!(second(&["ato", "-DLV"]).as_deref(), Some("-DLV"));
        assert_eq!(second(&["/skms", "/ato"]).as_deref(), Some("/ato"));
        assert_eq!(second(&["/ato", "--state-dir", "/dlv"]), None);
        assert_eq!(
            second(&["/ato", "--state-dir=/tmp", "win11-enterprise"]),
            None
        );
        assert_eq!(second(&["/ato", "--", "/dlv"]), None);
        assert_eq!(second(&["/ato", "-v", "/tmp/x"]), None);
        assert_eq!(second(&["--state-dir", "/ato", "dli"]), None);
    }
}
