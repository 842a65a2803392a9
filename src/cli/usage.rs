//! Usage errors in vlmgr's one error style (docs/architecture.md, "Rules the code
//! keeps"): `Error: <what is wrong>`, then one line of what to do. clap's errors are
//! taken apart here (its message, its "a similar ... exists" suggestions and tips) and
//! put in that form; the value parsers say what to do through [`ValueError`].

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::exit_codes::Exit;
use crate::output::ErrorView;

/// A command line vlmgr cannot run: what is wrong, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UsageError {
    pub(crate) message: String,
    pub(crate) hint: String,
}

impl UsageError {
    pub(crate) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The view every error is printed from (exit 2, no HRESULT).
    pub(crate) fn view(&self) -> ErrorView {
        ErrorView {
            hresult: None,
            message: self.message.clone(),
            hint: self.hint.clone(),
            exit_code: Exit::Usage,
        }
    }
}

/// A value an option or argument does not take: what is wrong with it (clap shows it
/// after "invalid value '...' for '...'") and what to give instead (the hint line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct ValueError {
    pub(crate) problem: String,
    pub(crate) hint: String,
}

impl ValueError {
    pub(crate) fn new(problem: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            problem: problem.into(),
            hint: hint.into(),
        }
    }
}

/// Where to read more: the command's help when one was named, else the top level's.
pub(crate) fn help_pointer(command: Option<&str>) -> String {
    match command {
        Some(name) => format!("Run `vlmgr {name} --help` for its arguments and options."),
        None => "Run `vlmgr --help` for the commands and options.".to_string(),
    }
}

/// The name among `candidates` that `word` most likely misspells: clap's rule (Jaro
/// similarity above 0.7) or one edit away, a swap of two neighbours counting as one
/// (`dvl` for `dlv`, which Jaro misses). Case is ignored.
pub(crate) fn similar<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro(&word, candidate), candidate))
        .filter(|(score, candidate)| *score > 0.7 || strsim::osa_distance(&word, candidate) <= 1)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "A similar command exists: 'ato'."
pub(crate) fn similar_sentence(what: &str, name: &str) -> String {
    format!("A similar {what} exists: '{name}'.")
}

/// clap's error (not help or version) as a usage error. `command` is the subcommand
/// the arguments named, if they named one; `commands` every subcommand's name, for a
/// suggestion clap's own rule misses.
pub(crate) fn from_clap<'c>(
    error: &clap::Error,
    command: Option<&str>,
    commands: impl IntoIterator<Item = &'c str>,
) -> UsageError {
    if error.kind() == ErrorKind::MissingSubcommand {
        return UsageError::new(
            "no command given",
            "Give one, e.g. `vlmgr dlv` for the license state; `vlmgr --help` lists them all.",
        );
    }
    let message = clap_message(error);
    let mut hints = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "command"),
        (ContextKind::SuggestedArg, "option"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        if let Some(name) = error.get(kind).and_then(first_string) {
            hints.push(similar_sentence(what, &name));
        }
    }
    if hints.is_empty()
        && error.kind() == ErrorKind::InvalidSubcommand
        && let Some(ContextValue::String(typed)) = error.get(ContextKind::InvalidSubcommand)
        && let Some(name) = similar(typed, commands)
    {
        hints.push(similar_sentence("command", name));
    }
    if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
        hints.extend(tips.iter().map(|tip| sentence(&tip.to_string())));
    }
    if let Some(value_error) = value_error(error) {
        hints.push(value_error.hint.clone());
    }
    if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue)
        && !values.is_empty()
    {
        hints.push(format!("Possible values: {}.", values.join(", ")));
    }
    if error.kind() == ErrorKind::ArgumentConflict {
        hints.push("Give only one of them.".to_string());
    }
    if hints.is_empty() {
        // An unknown command has no command of its own to point at.
        let own = command.filter(|_| error.kind() != ErrorKind::InvalidSubcommand);
        hints.push(help_pointer(own));
    }
    UsageError::new(message, hints.join(" "))
}

/// The [`ValueError`] a value parser gave, if one did.
fn value_error(error: &clap::Error) -> Option<&ValueError> {
    std::error::Error::source(error)?.downcast_ref::<ValueError>()
}

/// clap's own sentence of what is wrong, on one line: its first paragraph without the
/// `error:` label, the list of possible values (the hint gives them) and line breaks.
fn clap_message(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered.split("\n\n").next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    first
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("[possible values:"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first name of a suggestion's context value.
fn first_string(value: &ContextValue) -> Option<String> {
    match value {
        ContextValue::String(name) => Some(name.clone()),
        ContextValue::Strings(names) => names.first().cloned(),
        _ => None,
    }
}

/// `text` as a sentence: a capital first letter and a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let end = if text.ends_with('.') { "" } else { "." };
    format!("{}{}{end}", first.to_uppercase(), chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: [&str; 6] = ["ato", "dli", "dlv", "skms", "ckms", "skms-domain"];

    #[test]
    fn misspellings_find_their_command() {
        assert_eq!(similar("atoo", COMMANDS), Some("ato"));
        assert_eq!(similar("dvl", COMMANDS), Some("dlv"));
        assert_eq!(similar("DLV", COMMANDS), Some("dlv"));
        assert_eq!(similar("skms-domian", COMMANDS), Some("skms-domain"));
        assert_eq!(similar("rearm", COMMANDS), None);
        assert_eq!(similar("x", COMMANDS), None);
    }

    #[test]
    fn sentences() {
        assert_eq!(
            sentence("to pass '-x' as a value, use '-- -x'"),
            "To pass '-x' as a value, use '-- -x'."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), "");
    }
}
