//! The man pages: `vlmgr(1)` and one `vlmgr-COMMAND(1)` per command, all from the clap
//! definition. clap_mangen renders what clap knows (NAME, DESCRIPTION, the options, the
//! command list); the sections clap has no place for are written here: SYNOPSIS,
//! ENVIRONMENT, FILES, EXIT STATUS (from [`Exit::TABLE`]), EXAMPLES (`vlmgr(1)`'s
//! below, a command's from its `after_help`) and SEE ALSO. The pages are committed under
//! [`MAN_DIR`] and checked against these by `tests/generated.rs`.

use clap::{Arg, Command};
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::exit_codes::Exit;
use crate::locator::RESOLV_CONF_ENV;

/// Where the pages are committed, relative to the repository.
pub const MAN_DIR: &str = "docs/man";

/// One man page: its file name (`vlmgr-ato.1`) and its roff source.
#[derive(Debug, Clone)]
pub struct ManPage {
    pub file_name: String,
    pub roff: Vec<u8>,
}

/// Every page: `vlmgr.1` first, then one per command in the definition's order.
pub fn man_pages() -> Vec<ManPage> {
    let mut vlmgr = crate::cli::command();
    vlmgr.build();
    let mut pages = vec![main_page(&vlmgr)];
    pages.extend(vlmgr.get_subcommands().map(command_page));
    pages
}

/// The file name of a command's page.
pub fn command_page_name(command: &str) -> String {
    format!("vlmgr-{command}.1")
}

/// The heading under which a command's page lists the options every command takes.
const GLOBAL_OPTIONS: &str = "Global options";

/// A page put together from pieces. Each piece roff renders starts with the same
/// preamble (the apostrophe string's definition); the page keeps the first.
struct Page {
    roff: Vec<u8>,
    preamble: String,
}

impl Page {
    fn new() -> Page {
        Page {
            roff: Vec::new(),
            preamble: Roff::new().render(),
        }
    }

    /// A section clap_mangen renders.
    fn mangen(
        &mut self,
        render: impl FnOnce(&mut Vec<u8>) -> Result<(), std::io::Error>,
    ) -> &mut Self {
        let mut piece = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = render(&mut piece);
        self.push(piece);
        self
    }

    /// A section written here.
    fn roff(&mut self, roff: &Roff) -> &mut Self {
        self.push(roff.render().into_bytes());
        self
    }

    fn push(&mut self, piece: Vec<u8>) {
        match piece.strip_prefix(self.preamble.as_bytes()) {
            Some(rest) if !self.roff.is_empty() => self.roff.extend_from_slice(rest),
            _ => self.roff.extend_from_slice(&piece),
        }
    }

    fn finish(&mut self, file_name: String) -> ManPage {
        ManPage {
            file_name,
            roff: std::mem::take(&mut self.roff),
        }
    }
}

/// The footer's source: `vlmgr 0.1.0` on every page.
fn man(command: &Command) -> Man {
    Man::new(command.clone()).source(format!("vlmgr {}", env!("CARGO_PKG_VERSION")))
}

/// `vlmgr(1)`: the global options, the commands, and what concerns them all.
fn main_page(vlmgr: &Command) -> ManPage {
    let man = man(vlmgr);
    let mut page = Page::new();
    page.mangen(|w| man.render_title(w))
        .mangen(|w| man.render_name_section(w))
        .roff(&main_synopsis())
        .mangen(|w| man.render_description_section(w))
        .roff(&main_description(vlmgr))
        .mangen(|w| man.render_options_section(w))
        .mangen(|w| man.render_subcommands_section(w))
        .roff(&environment(vlmgr))
        .roff(&files())
        .roff(&exit_status(&[]))
        .roff(&main_examples())
        .roff(&see_also(
            vlmgr
                .get_subcommands()
                .map(|command| format!("vlmgr-{}", command.get_name())),
        ));
    page.finish("vlmgr.1".to_owned())
}

fn main_synopsis() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    let command = [
        italic("command"),
        roman(" ["),
        italic("options"),
        roman("] ["),
        italic("arguments"),
        roman("]"),
    ];
    synopsis_line(&mut roff, after_global_options(command));
    let slmgr_style = [
        bold("/"),
        italic("command"),
        roman(" ["),
        italic("arguments"),
        roman("]"),
    ];
    synopsis_line(&mut roff, after_global_options(slmgr_style));
    synopsis_line(
        &mut roff,
        vec![bold("--help"), roman(" | "), bold("--version")],
    );
    roff
}

/// `[global options] ` and then `rest`: how a synopsis of a command starts.
fn after_global_options(rest: impl IntoIterator<Item = Inline>) -> Vec<Inline> {
    let mut words = vec![roman("["), italic("global options"), roman("] ")];
    words.extend(rest);
    words
}

/// One synopsis of `vlmgr`: the man macros `SY`/`YS` indent its continuation lines under
/// the arguments and keep it unjustified and unhyphenated.
fn synopsis_line(roff: &mut Roff, words: Vec<Inline>) {
    roff.control("SY", ["vlmgr"]);
    roff.text(words);
    roff.control("YS", []);
}

/// What follows clap's long description on `vlmgr(1)`: the slmgr spelling and where each
/// command is described.
fn main_description(vlmgr: &Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("PP", []);
    roff.text([roman(
        "Every command can also be written as slmgr writes its options: with a slash or a \
         dash, in any case, one command per run, before or after the global options. ",
    )]);
    roff.text([
        bold("vlmgr /ato"),
        roman(" is "),
        bold("vlmgr ato"),
        roman(", "),
        bold("vlmgr -skms kms.corp.example:1688"),
        roman(" is "),
        bold("vlmgr skms kms.corp.example:1688"),
        roman(" and "),
        bold("vlmgr -dlv All"),
        roman(" is "),
        bold("vlmgr dlv all"),
        roman("."),
    ]);
    roff.control("PP", []);
    let first = vlmgr.get_subcommands().next().map_or_else(
        || "vlmgr-COMMAND".to_owned(),
        |c| format!("vlmgr-{}", c.get_name()),
    );
    roff.text([
        roman("Each command has its own page with its options and examples, e.g. "),
        bold(first),
        roman("(1); the global options below work with every command."),
    ]);
    roff
}

/// The variables vlmgr reads that no option names, with what they do.
const OTHER_VARIABLES: [(&str, &str); 5] = [
    (
        crate::cli::backend::STANDALONE_ENV,
        "Which licensing the slmgr commands act on: 1, true or yes for vlmgr's own KMS \
         client (as --standalone, which wins when both are given); 0, false or no for \
         Windows' own licensing service, the default on Windows and a usage error \
         elsewhere. Empty or unset: the default.",
    ),
    (
        RESOLV_CONF_ENV,
        "A resolv.conf file to read for the search domains and name servers instead of \
         the system's resolver configuration (/etc/resolv.conf, the Windows registry, \
         the macOS dynamic store), on every system. Empty or unset: the system's.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour, even on a terminal (--color always still \
         colours).",
    ),
    (
        "XDG_CONFIG_HOME",
        "Linux: the default state directory is $XDG_CONFIG_HOME/vlmgr when it is an \
         absolute path.",
    ),
    (
        "HOME",
        "Linux and macOS: the default state directory is under it \
         (~/.config/vlmgr, ~/Library/Application Support/vlmgr).",
    ),
];

/// vlmgr(1)'s FILES: each path and what it is to vlmgr.
const FILES: [(&str, &str); 10] = [
    (
        "$XDG_CONFIG_HOME/vlmgr/state.json",
        "Linux: the state (client machine ID, settings, installed products, last \
         results), in ~/.config/vlmgr without XDG_CONFIG_HOME. --state-dir or \
         VLMGR_STATE_DIR choose another directory. The file is 0600 in a 0700 \
         directory; writes are atomic, under a lock on state.lock beside it.",
    ),
    (
        "~/Library/Application Support/vlmgr/state.json",
        "macOS: the state.",
    ),
    (
        "%LOCALAPPDATA%\\vlmgr\\state.json",
        "Windows: the state (local to the machine, never the roaming profile).",
    ),
    (
        "/var/lib/vlmgr/state.json",
        "The renewal timer's state (Debian package), owned by the system user vlmgr: \
         configure it as that user, e.g. sudo -u vlmgr vlmgr --state-dir /var/lib/vlmgr \
         ipk KEY.",
    ),
    (
        "/etc/resolv.conf",
        "Linux: the search domains (domain, search) and name servers vlmgr looks for \
         SRV records with.",
    ),
    (
        "/etc/resolver/",
        "macOS: per-domain resolvers (split DNS), beside the dynamic store.",
    ),
    (
        "/etc/hosts",
        "Host names resolved locally first (not with --dns-server).",
    ),
    (
        "/sys/class/dmi/id/sys_vendor",
        "Linux: whether the machine is virtual, which the activation request says.",
    ),
    (
        "/usr/lib/systemd/system/vlmgr-renew.service",
        "Debian package: runs vlmgr --state-dir /var/lib/vlmgr renew as the user vlmgr, \
         in a sandbox.",
    ),
    (
        "/usr/lib/systemd/system/vlmgr-renew.timer",
        "Debian package: starts the service daily; installed but not enabled \
         (systemctl enable --now vlmgr-renew.timer).",
    ),
];

/// vlmgr(1)'s EXAMPLES: what each does, then the command lines.
const EXAMPLES: [(&str, &[&str]); 8] = [
    (
        "Install Windows 10/11 Enterprise (its public KMS client key), then activate \
         through the host DNS finds and show the result:",
        &[
            "vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43",
            "vlmgr ato",
            "vlmgr dlv",
        ],
    ),
    (
        "The same in slmgr's spelling, with a fixed host:",
        &[
            "vlmgr /skms kms.corp.example:1688",
            "vlmgr /ato",
            "vlmgr -dlv All",
        ],
    ),
    (
        "How a host would be found, and whether each one answers the RPC bind:",
        &["vlmgr discover --check -v"],
    ),
    (
        "A provisioning step that waits until the host has counted enough clients:",
        &["vlmgr ato --wait 8h"],
    ),
    (
        "Renewal from cron (renew sends a request only when one is due):",
        &["17 * * * *  vlmgr -q renew --timeout 60s"],
    ),
    (
        "Renewal by the Debian package's systemd timer, with its state set up as the \
         user vlmgr:",
        &[
            "sudo -u vlmgr vlmgr --state-dir /var/lib/vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43",
            "sudo systemctl enable --now vlmgr-renew.timer",
        ],
    ),
    (
        "A Nagios or Icinga command (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN):",
        &[
            "vlmgr --state-dir /var/lib/vlmgr check corp.example --format nagios --expiry --timeout 20s",
        ],
    ),
    (
        "Metrics for node_exporter's textfile collector, replaced atomically:",
        &[
            "f=/var/lib/node_exporter/textfile/vlmgr.prom",
            "vlmgr check --expiry --format prometheus > \"$f.tmp\" && mv \"$f.tmp\" \"$f\"",
        ],
    ),
];

/// ENVIRONMENT: the variables the options read (from clap), then the others vlmgr reads.
fn environment(vlmgr: &Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for arg in vlmgr.get_arguments() {
        let Some(variable) = arg.get_env() else {
            continue;
        };
        let option = arg
            .get_long()
            .map_or_else(String::new, |l| format!("--{l}"));
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let mut meaning = vec![
            roman(format!("{help}. The same as ")),
            bold(option),
            roman(", which wins when both are given."),
        ];
        if let Some(delimiter) = arg.get_value_delimiter() {
            meaning.push(roman(format!(
                " Separate several values with {delimiter:?}."
            )));
        }
        term(&mut roff, vec![bold(variable.to_string_lossy())], meaning);
    }
    for (variable, meaning) in OTHER_VARIABLES {
        term(&mut roff, vec![bold(variable)], vec![roman(meaning)]);
    }
    roff
}

/// FILES: the state on each system, what vlmgr reads of the system, the packaged units.
fn files() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    for (path, meaning) in FILES {
        term(&mut roff, vec![italic(path)], vec![roman(meaning)]);
    }
    roff
}

/// EXIT STATUS: `before` (a command's own list, from its `after_help`), then every code
/// of [`Exit::TABLE`] as a list.
fn exit_status(before: &[Paragraph]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for paragraph in before {
        paragraph.render_as_list(&mut roff);
        roff.control("PP", []);
    }
    if !before.is_empty() {
        roff.text([roman(
            "A failure that stops the command (a usage error, a state problem) exits with \
             the codes every command uses:",
        )]);
    }
    for (code, meaning) in Exit::TABLE {
        term(
            &mut roff,
            vec![bold(code.code().to_string())],
            vec![roman(meaning)],
        );
    }
    roff
}

/// `vlmgr(1)`'s EXAMPLES: what each does, then the command line.
fn main_examples() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (what, lines) in EXAMPLES {
        roff.control("PP", []);
        roff.text([roman(what)]);
        literal(&mut roff, lines);
    }
    roff
}

/// `vlmgr-COMMAND(1)`: the command's options, then the global ones under their own
/// heading, so an admin finds `--timeout` or `--json` on the page of the command at hand.
fn command_page(command: &Command) -> ManPage {
    let shown = command.clone().mut_args(|arg| match is_global(&arg) {
        true => arg.help_heading(GLOBAL_OPTIONS),
        false => arg,
    });
    let man = man(&shown);
    let after_help = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
        .map(|text| text.to_string())
        .unwrap_or_default();
    let paragraphs = Paragraph::parse(&after_help);
    let of_kind = |kind: ParagraphKind| -> Vec<Paragraph> {
        paragraphs
            .iter()
            .filter(|p| p.kind() == kind)
            .cloned()
            .collect()
    };
    let mut page = Page::new();
    page.mangen(|w| man.render_title(w))
        .mangen(|w| man.render_name_section(w))
        .roff(&command_synopsis(command))
        .mangen(|w| man.render_description_section(w))
        .mangen(|w| man.render_options_section(w))
        .roff(&exit_status(&of_kind(ParagraphKind::ExitCodes)))
        // "Example (crontab):" says where the lines go; "Examples:" says nothing more.
        .roff(&paragraph_section(
            "EXAMPLES",
            &of_kind(ParagraphKind::Examples),
            |p| p.heading_beyond("Example").is_some(),
        ))
        // Any other paragraph, as it is.
        .roff(&paragraph_section(
            "NOTES",
            &of_kind(ParagraphKind::Other),
            |_| true,
        ))
        .roff(&see_also(
            std::iter::once("vlmgr".to_owned()).chain(
                related(command.get_name())
                    .iter()
                    .map(|name| format!("vlmgr-{name}")),
            ),
        ));
    page.finish(command_page_name(command.get_name()))
}

/// An option every command takes: the global ones, help and version.
fn is_global(arg: &Arg) -> bool {
    arg.is_global_set() || matches!(arg.get_id().as_str(), "help" | "version")
}

/// `vlmgr [global options] ato [--wait DURATION] ... [ACT_ID]`: the command's own options
/// with their values, then its arguments.
fn command_synopsis(command: &Command) -> Roff {
    let mut line = after_global_options([bold(command.get_name())]);
    let options = command
        .get_arguments()
        .filter(|arg| !arg.is_positional() && !arg.is_hide_set() && !is_global(arg));
    for option in options {
        line.push(roman(" ["));
        match (option.get_long(), option.get_short()) {
            (Some(long), _) => line.push(bold(format!("--{long}"))),
            (None, Some(short)) => line.push(bold(format!("-{short}"))),
            (None, None) => continue,
        }
        if option.get_action().takes_values() {
            line.push(roman(" "));
            line.push(italic(value_name(option)));
        }
        line.push(roman("]"));
    }
    for argument in command.get_positionals().filter(|arg| !arg.is_hide_set()) {
        let repeats = argument
            .get_num_args()
            .is_some_and(|range| range.max_values() > 1);
        let (open, close) = match argument.is_required_set() {
            true => (" ", ""),
            false => (" [", "]"),
        };
        line.push(roman(open));
        line.push(italic(value_name(argument)));
        line.push(roman(close));
        if repeats {
            line.push(roman("..."));
        }
    }
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    synopsis_line(&mut roff, line);
    roff
}

/// An argument's value: its few possible values (`rfc2782|random`), else its value name
/// as `--help` shows it, else its id upper-cased.
fn value_name(arg: &Arg) -> String {
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_owned())
        .collect();
    if (1..=4).contains(&values.len()) {
        return values.join("|");
    }
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_ascii_uppercase(),
    }
}

/// A section of `after_help` paragraphs, their lines shown as typed, each under its
/// heading when `heading_says_more` finds that it adds something.
fn paragraph_section(
    title: &str,
    paragraphs: &[Paragraph],
    heading_says_more: impl Fn(&Paragraph) -> bool,
) -> Roff {
    let mut roff = Roff::new();
    if paragraphs.is_empty() {
        return roff;
    }
    roff.control("SH", [title]);
    for paragraph in paragraphs {
        if heading_says_more(paragraph) {
            roff.control("PP", []);
            roff.text([roman(paragraph.heading.as_str())]);
        }
        literal(&mut roff, &paragraph.lines);
    }
    roff
}

/// SEE ALSO: the pages, comma-separated, and the README the packages install.
fn see_also(pages: impl Iterator<Item = String>) -> Roff {
    let mut line = Vec::new();
    for (i, page) in pages.enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(page));
        line.push(roman("(1)"));
    }
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    roff.text(line);
    roff.control("PP", []);
    roff.text([
        roman("The README ("),
        italic("/usr/share/doc/vlmgr/README.md"),
        roman(" in the Debian package) and the documentation at "),
        roman(env!("CARGO_PKG_REPOSITORY")),
        roman("."),
    ]);
    roff
}

/// The pages a command's page points to besides `vlmgr(1)`.
fn related(command: &str) -> &'static [&'static str] {
    match command {
        "ipk" => &["products", "upk", "ato"],
        "upk" => &["ipk", "dli"],
        "ato" => &["renew", "dlv", "skms", "discover"],
        "renew" => &["ato", "dlv"],
        "dli" | "xpr" => &["dlv"],
        "dlv" => &["dli", "xpr"],
        "skms" => &["ckms", "skms-domain", "ato"],
        "ckms" => &["skms"],
        "skms-domain" => &["ckms-domain", "discover"],
        "ckms-domain" => &["skms-domain"],
        "skhc" => &["ckhc"],
        "ckhc" => &["skhc"],
        "discover" => &["check", "skms-domain"],
        "check" => &["discover", "ato"],
        "products" => &["ipk"],
        _ => &[],
    }
}

/// One entry of a list: the term, and its meaning indented below.
fn term(roff: &mut Roff, term: Vec<Inline>, meaning: Vec<Inline>) {
    roff.control("TP", []);
    roff.text(term);
    roff.text(meaning);
}

/// Lines shown as typed: indented, not filled.
fn literal<S: AsRef<str>>(roff: &mut Roff, lines: &[S]) {
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(line.as_ref())]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

/// A paragraph of a command's `after_help`: a heading line ending in `:` and the lines
/// indented under it (commands, or `term  meaning` pairs).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Paragraph {
    heading: String,
    lines: Vec<String>,
}

/// Where a paragraph goes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParagraphKind {
    Examples,
    ExitCodes,
    Other,
}

impl Paragraph {
    fn parse(text: &str) -> Vec<Paragraph> {
        text.split("\n\n")
            .filter(|block| !block.trim().is_empty())
            .map(|block| {
                let mut lines = block.lines();
                Paragraph {
                    heading: lines.next().unwrap_or_default().trim().to_owned(),
                    lines: lines.map(|line| line.trim().to_owned()).collect(),
                }
            })
            .collect()
    }

    fn kind(&self) -> ParagraphKind {
        if self.heading.starts_with("Example") {
            ParagraphKind::Examples
        } else if self.heading.starts_with("Exit codes") {
            ParagraphKind::ExitCodes
        } else {
            ParagraphKind::Other
        }
    }

    /// What the heading says after `word` (and an `s`), without the colon: `(crontab)`
    /// of `Example (crontab):`, `by --format` of `Exit codes by --format:`; none when
    /// nothing.
    fn heading_beyond(&self, word: &str) -> Option<String> {
        let rest = self.heading.strip_prefix(word)?;
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        let rest = rest.trim_end_matches(':').trim();
        (!rest.is_empty()).then(|| rest.to_owned())
    }

    /// `term  meaning` lines (two or more spaces apart) as a list under the heading.
    fn render_as_list(&self, roff: &mut Roff) {
        if let Some(context) = self.heading_beyond("Exit codes") {
            roff.text([roman(format!("Exit codes {context}:"))]);
        }
        for line in &self.lines {
            let (name, meaning) = line
                .split_once("  ")
                .map_or((line.as_str(), ""), |(n, m)| (n, m.trim()));
            term(roff, vec![bold(name)], vec![roman(meaning)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_into_heading_and_lines() {
        let parsed = Paragraph::parse(
            "Exit codes by --format:\n  json  0 OK\n\nExample (crontab):\n  17 * * * *  vlmgr -q renew",
        );
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].kind(), ParagraphKind::ExitCodes);
        assert_eq!(
            parsed[0].heading_beyond("Exit codes").as_deref(),
            Some("by --format")
        );
        assert_eq!(parsed[0].lines, ["json  0 OK"]);
        assert_eq!(parsed[1].kind(), ParagraphKind::Examples);
        assert_eq!(
            parsed[1].heading_beyond("Example").as_deref(),
            Some("(crontab)")
        );
        assert_eq!(
            Paragraph::parse("Examples:\n  vlmgr dli")[0].heading_beyond("Example"),
            None
        );
    }
}
