//! slmgr spelling: `/ATO`, `-skms host`, `-dlv All` become `ato`, `skms host`, `dlv All`
//! before clap parses, so clap defines every command once.

use std::ffi::OsString;

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
pub struct Rewritten {
    pub args: Vec<OsString>,
    /// The command as the user spelled it (`/SKMS`, `skms`), if one was found.
    pub command_as_typed: Option<String>,
    /// The subcommand name now at the command position, when it is one of [`COMMANDS`].
    pub command: Option<String>,
}

/// An slmgr-style option that names no command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrecognized(pub String);

/// Rewrites the first command-position argument from slmgr style to a subcommand name.
pub fn rewrite(args: Vec<OsString>) -> Result<Rewritten, Unrecognized> {
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    // argv[0]
    if let Some(program) = iter.next() {
        out.push(program);
    }
    let mut command_as_typed = None;
    let mut command = None;
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
        let slmgr_name = text.strip_prefix('/').or_else(|| text.strip_prefix('-'));
        match slmgr_name {
            Some("?") => out.push(OsString::from("--help")),
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
        command_as_typed,
        command,
    })
}

/// slmgr's message for a command whose required argument is missing, if it has one.
pub fn missing_argument_message(command_as_typed: &str) -> Option<String> {
    let name = command_as_typed
        .trim_start_matches(['/', '-'])
        .to_ascii_lowercase();
    let needs = COMMANDS
        .iter()
        .find(|(command, _)| *command == name)
        .and_then(|(_, needs)| *needs)?;
    Some(format!("Error: option /{name} needs {needs}"))
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
            missing_argument_message("/skms").as_deref(),
            Some("Error: option /skms needs <Name[:Port] | : port>")
        );
        assert_eq!(
            missing_argument_message("IPK").as_deref(),
            Some("Error: option /ipk needs <Product Key>")
        );
        assert_eq!(missing_argument_message("/ato"), None);
    }
}
