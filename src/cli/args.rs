//! The clap definition: every command and option is defined once, here.
//!
//! Help, completions and the man pages are generated from this definition.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::address::KmsAddress;
use crate::cli::duration::{parse_positive_duration, parse_retry_interval};
use crate::cli::generate::ProductArg;
use crate::cli::usage::ValueError;
use crate::exit_codes::Exit;

/// The top-level help's epilogue: the slmgr spelling, then the exit codes as
/// [`Exit::TABLE`] has them (so the help cannot disagree with the code).
fn after_help() -> String {
    let mut text = String::from(
        "slmgr spelling works too: vlmgr /ato, vlmgr -skms kms.corp.example:1688, \
         vlmgr -dlv All.\n\nExit codes:",
    );
    for (code, meaning) in Exit::TABLE {
        text.push_str(&format!("\n  {}  {meaning}", code.code()));
    }
    text
}

/// KMS client for the command line: slmgr's KMS options, on any machine.
#[derive(Debug, Parser)]
#[command(
    name = "vlmgr",
    version,
    about = "KMS (Volume Activation) client with slmgr's options",
    long_about = "vlmgr is a KMS client: it finds KMS hosts through DNS SRV records \
(_vlmcs._tcp.<domain>), speaks the KMS activation protocol (DCE/RPC over TCP 1688, \
versions 4, 5 and 6) and keeps a client identity's activation state. It takes slmgr's \
options and prints slmgr's layouts.\n\nOn Windows the slmgr commands act on Windows' own \
licensing (the Software Protection Platform, through WMI) as slmgr.vbs does: the system \
backend. With --standalone, and on every other system, vlmgr is its own KMS client, which \
changes no operating system's license state.",
    after_help = after_help(),
    propagate_version = true,
    disable_help_subcommand = true,
    subcommand_required = true,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub(crate) struct TopLevel {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
}

/// A parsed command line: the global options and the command.
///
/// The clap tree is `TopLevel` plus the [`Command`] subcommands, put together in
/// [`crate::cli::command`] (all of them) or [`crate::cli::command_for`] (only the one
/// invoked), so parsing one command does not build the others.
#[derive(Debug)]
pub(crate) struct Cli {
    pub(crate) global: GlobalArgs,
    pub(crate) command: Command,
}

/// Options every command takes, before or after the command name.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Directory holding state.json (default: the platform's config directory)
    #[arg(long, global = true, env = "VLMGR_STATE_DIR", value_name = "DIR")]
    pub(crate) state_dir: Option<PathBuf>,

    /// Ask this name server instead of the system's (repeatable; port 53 by default)
    #[arg(
        long = "dns-server",
        global = true,
        env = crate::config::DNS_SERVER_ENV,
        value_name = "ADDR[:PORT]",
        value_delimiter = ',',
        value_parser = parse_dns_server
    )]
    pub(crate) dns_servers: Vec<SocketAddr>,

    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// When to use colour (auto: only on a terminal, never with NO_COLOR)
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto
    )]
    pub(crate) color: ColorWhen,

    /// More detail on stderr: discovery steps, timings (-vv: protocol trace)
    #[arg(short, long, global = true, action = ArgAction::Count, conflicts_with = "quiet")]
    pub(crate) verbose: u8,

    /// Silent on success: errors on stderr, and the data a command shows; no confirmations or notes
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,

    /// Overall deadline for network work, e.g. 10s, 2m (default 30s)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_positive_duration)]
    pub(crate) timeout: Option<Duration>,

    /// Use vlmgr's own KMS client, not Windows' licensing service (Windows; elsewhere the only one)
    #[arg(long, global = true)]
    pub(crate) standalone: bool,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `--srv-order` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SrvOrderArg {
    /// Priority, then weighted random within a priority (RFC 2782), as Windows 7 and later
    Rfc2782,
    /// Plain random pick, ignoring priority and weight, as Windows Vista did
    Random,
}

impl From<SrvOrderArg> for crate::locator::SrvOrder {
    fn from(order: SrvOrderArg) -> Self {
        match order {
            SrvOrderArg::Rfc2782 => crate::locator::SrvOrder::Rfc2782,
            SrvOrderArg::Random => crate::locator::SrvOrder::Random,
        }
    }
}

/// The commands. slmgr's options map one to one (`/ato` is `ato`).
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Install a product (slmgr /ipk): a published GVLK, or a catalog name, alias or Activation ID
    #[command(
        long_about = "Install a product (slmgr /ipk).\n\nTakes Microsoft's published KMS client \
setup key (GVLK) in any case, with or without dashes, or a product name, alias or Activation ID \
from `vlmgr products`. The product's IDs, threshold and protocol version come from the catalog.",
        after_help = "Examples:\n  vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43\n  vlmgr /ipk win11-enterprise"
    )]
    Ipk {
        /// GVLK, product name, alias or Activation ID
        #[arg(value_name = "KEY|PRODUCT", value_parser = ProductArg { with_all: false }, hide_possible_values = true)]
        product: String,
    },

    /// Uninstall a product (slmgr /upk)
    #[command(after_help = "Example:\n  vlmgr upk 73111121-5638-40f6-bc11-f1d7b0d64300")]
    Upk {
        /// Activation ID (or name/alias) of the product, or `all`; default: the only or the Windows product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Activate (slmgr /ato): locate a KMS host, send the request, record the result
    #[command(
        long_about = "Activate (slmgr /ato).\n\nLocates a KMS host (the skms host, else the cached \
host, else DNS SRV discovery), sends one activation request under this installation's client \
machine ID, verifies the answer and records it (see `vlmgr dlv`). Exit 0 when activated, 1 when \
the host answered but did not activate (e.g. 0xC004F038: count below threshold), 3 when no host \
could be contacted, 4 when an answer failed validation.\n\nOn Windows (the system backend) it \
calls Windows' own Activate for the product, as slmgr /ato does, and Windows finds the host; \
--kms, --protocol and --srv-order belong to vlmgr's own client (--standalone).",
        after_help = "Examples:\n  vlmgr ato\n  vlmgr /ato --kms 10.0.0.5:1688\n  vlmgr ato --wait 8h"
    )]
    Ato(AtoArgs),

    /// Activate only if due (renewal or retry interval elapsed): for cron and timers
    #[command(
        long_about = "Activate only if due, for cron and systemd timers.\n\nWithout an \
Activation ID, every installed product that is due. After a success the next try is due \
after the host's renewal interval; after a host's answer without activation, after its \
activation interval; after an attempt that got no valid answer or reached no host, after a \
backoff of a minute or a second, doubling; at once after a settings change (skms, \
skms-domain, ...), a minute after a request at the earliest. When nothing is due, says when \
it will be and exits 0. Several products' requests go one at a time, a minute apart (no \
host is sent requests faster than once a minute); the exit code is the highest of theirs.\n\nOn \
Windows (the system backend), Windows renews a licensed product by itself: renew then says so \
and calls nothing; a product that is not licensed (grace, notification) is activated as ato \
does.",
        after_help = "Example (crontab):\n  17 * * * *  vlmgr -q renew"
    )]
    Renew {
        /// Activation ID (or name/alias) of the product, or `all`; default: every installed product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Display license information (slmgr /dli)
    #[command(after_help = "Examples:\n  vlmgr dli\n  vlmgr /dli All")]
    Dli {
        /// Activation ID (or name/alias) of a product, or `all`
        #[arg(value_name = "ACT_ID|all", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Display detailed license information (slmgr /dlv)
    #[command(after_help = "Examples:\n  vlmgr dlv\n  vlmgr -dlv All --json")]
    Dlv {
        /// Activation ID (or name/alias) of a product, or `all`
        #[arg(value_name = "ACT_ID|all", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Display the expiration of the current license state (slmgr /xpr)
    #[command(after_help = "Example:\n  vlmgr xpr")]
    Xpr {
        /// Activation ID (or name/alias) of the product, or `all`
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Set the KMS host and/or port (slmgr /skms); DNS discovery is then not used
    #[command(
        after_help = "Examples:\n  vlmgr skms kms.corp.example:1688\n  vlmgr /skms [2001:db8::5]:1688\n  vlmgr skms :1700"
    )]
    Skms {
        /// host, host:port, [IPv6]:port, IPv4, IPv6 (without port), or :port
        #[arg(value_name = "HOST[:PORT]", value_parser = parse_kms_address, allow_hyphen_values = true)]
        address: KmsAddress,
        /// Set it for this product only (Activation ID, name or alias); `all`: globally and for every product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Clear the KMS host (slmgr /ckms): back to DNS discovery
    #[command(after_help = "Example:\n  vlmgr ckms")]
    Ckms {
        /// Clear it for this product only; `all`: globally and for every product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Set the one DNS domain in which SRV records are looked up (slmgr /skms-domain)
    #[command(
        name = "skms-domain",
        after_help = "Example:\n  vlmgr skms-domain corp.example"
    )]
    SkmsDomain {
        /// The domain (no fallback to the system's domains while set)
        #[arg(value_name = "FQDN", value_parser = parse_lookup_domain)]
        domain: String,
        /// Set it for this product only; `all`: globally and for every product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Clear the SRV lookup domain (slmgr /ckms-domain)
    #[command(name = "ckms-domain", after_help = "Example:\n  vlmgr ckms-domain")]
    CkmsDomain {
        /// Clear it for this product only; `all`: globally and for every product
        #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
        product: Option<String>,
    },

    /// Enable KMS host caching (slmgr /skhc), the default
    #[command(
        long_about = "Enable KMS host caching (slmgr /skhc), the default.\n\nThe host that answered \
for a product is tried first next time; when it fails, discovery runs and the cache is replaced.",
        after_help = "Example:\n  vlmgr /skhc"
    )]
    Skhc,

    /// Disable KMS host caching and clear the cached hosts (slmgr /ckhc)
    #[command(
        long_about = "Disable KMS host caching (slmgr /ckhc).\n\nEvery activation then runs DNS \
discovery (unless skms is set), and the cached hosts are forgotten.",
        after_help = "Example:\n  vlmgr /ckhc"
    )]
    Ckhc,

    /// Clear the product key from the registry (slmgr /cpky), Windows' licensing service only
    #[command(
        long_about = "Clear the product key from the registry (slmgr /cpky).\n\nWindows keeps \
the installed product key in its registry, where setup and some tools can read it; this \
clears it from there (the license stays installed and activated). Windows' licensing \
service only: vlmgr's own client keeps no key.",
        after_help = "Example:\n  vlmgr /cpky"
    )]
    Cpky,

    /// Show how a KMS host would be found: domains, SRV records, order, addresses
    #[command(
        long_about = "Show how vlmgr finds a KMS host: the domains that would be searched and why, \
the query names, every SRV record (priority, weight, port, target), the order chosen and the \
resolved addresses. With --check, connects to every address and performs the RPC bind (no \
activation request is sent). Exit 0 when records exist (with --check: when a host binds), 3 otherwise.",
        after_help = "Examples:\n  vlmgr discover\n  vlmgr discover corp.example --check -v"
    )]
    Discover {
        /// Domains to search instead of the configured ones
        #[arg(value_name = "DOMAIN", value_parser = parse_discover_domain)]
        domains: Vec<String>,
        /// Connect and RPC-bind to every address, with latency
        #[arg(long)]
        check: bool,
        /// Ordering of SRV records
        #[arg(long, value_enum, default_value_t = SrvOrderArg::Rfc2782)]
        srv_order: SrvOrderArg,
    },

    /// KMS health for monitoring: SRV records, each host's connect + bind, expiry
    #[command(
        long_about = "KMS health for monitoring. For each domain (or the system's, as discovery \
does it) checks that SRV records exist and that every published host resolves, connects and \
completes the RPC bind, concurrently, within --timeout. No activation request is sent unless \
--activate is given (a request counts this client on the host). --expiry also checks how long \
the installed products stay activated. The state file is read only for --expiry, --activate, or \
when no domain is named. Both are about vlmgr's own client: on Windows, with its licensing \
service, they are refused (vlmgr xpr all shows Windows' own; --standalone checks vlmgr's).\n\nFindings: no SRV records (critical); a host that does \
not resolve, connect or bind (warning, critical when none works); count below threshold \
(warning); expiry within --warn-days / --crit-days (warning / critical); a host error (critical).",
        after_help = "Exit codes by --format:\n  \
text, json  0 OK, 1 a warning or critical finding, 3 no working host\n  \
nagios      0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also: the check could not run)\n  \
prometheus  0 (the metrics carry the status; vlmgr_check_failed 1: the check could not run)\n\n\
Examples:\n  vlmgr check corp.example\n  vlmgr check --format nagios --expiry --warn-days 30 --crit-days 7\n  \
f=/var/lib/node_exporter/textfile/vlmgr.prom\n  \
vlmgr check --expiry --format prometheus > \"$f.tmp\" && mv \"$f.tmp\" \"$f\""
    )]
    Check(CheckArgs),

    /// List the product catalog
    #[command(after_help = "Examples:\n  vlmgr products\n  vlmgr products office --json")]
    Products {
        /// Show only products whose name, alias, family or key contains this text (words are joined)
        #[arg(value_name = "FILTER")]
        filter: Vec<String>,
    },

    /// Print a shell completion script
    #[command(after_help = "Example:\n  vlmgr completions bash > /etc/bash_completion.d/vlmgr")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Options of `check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Domains to check instead of the configured ones (each on its own)
    #[arg(value_name = "DOMAIN", value_parser = parse_check_domain)]
    pub(crate) domains: Vec<String>,
    /// Also send one activation request per working host (counts this client there)
    #[arg(long)]
    pub(crate) activate: bool,
    /// The product for --activate and --expiry (default: the installed one; for --expiry, all)
    #[arg(long, value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
    pub(crate) product: Option<String>,
    /// Check how long the installed products stay activated
    #[arg(long)]
    pub(crate) expiry: bool,
    /// With --expiry: warn when fewer days are left
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub(crate) warn_days: u32,
    /// With --expiry: critical when fewer days are left
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub(crate) crit_days: u32,
    /// Output format (default: text; --json is --format json and goes with no other)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<CheckFormatArg>,
}

/// `check --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormatArg {
    /// One line per finding
    Text,
    /// One JSON document
    Json,
    /// Nagios/Icinga plugin: status line with perfdata, exit 0/1/2/3
    Nagios,
    /// Prometheus text exposition for node_exporter's textfile collector
    Prometheus,
}

/// Options of `ato`.
#[derive(Debug, Args)]
pub(crate) struct AtoArgs {
    /// Activation ID (or name/alias) of the product, or `all` (every installed product)
    #[arg(value_name = "ACT_ID", value_parser = ProductArg { with_all: true }, hide_possible_values = true)]
    pub(crate) product: Option<String>,

    /// Keep trying until activated or this much time has passed; a host that answered is asked again after its activation interval (often 2h)
    #[arg(long, value_name = "DURATION", value_parser = parse_positive_duration)]
    pub(crate) wait: Option<Duration>,

    /// With --wait: time between tries that reach a host, at least 1m (default: the host's activation interval)
    #[arg(long, value_name = "DURATION", value_parser = parse_retry_interval, requires = "wait")]
    pub(crate) retry_interval: Option<Duration>,

    /// Use this host for this run only (state unchanged)
    #[arg(long, value_name = "HOST[:PORT]", value_parser = parse_kms_address)]
    pub(crate) kms: Option<KmsAddress>,

    /// Ordering of discovered SRV records (random: as Windows Vista did)
    #[arg(long, value_enum, default_value_t = SrvOrderArg::Rfc2782)]
    pub(crate) srv_order: SrvOrderArg,

    /// Use this KMS protocol version for this run only
    #[arg(long, value_name = "4|5|6", value_parser = parse_protocol)]
    pub(crate) protocol: Option<u16>,
}

/// How the KMS host's address may be written, as every refusal of one says.
fn kms_address_forms() -> String {
    format!("Accepted forms: {}.", crate::address::ACCEPTED_FORMS)
}

fn parse_kms_address(text: &str) -> Result<KmsAddress, ValueError> {
    KmsAddress::parse(text).map_err(|e| ValueError::new(e.to_string(), kms_address_forms()))
}

/// What a domain argument is for: each command says what to do with a host instead.
#[derive(Debug, Clone, Copy)]
enum DomainUse {
    Check,
    Discover,
    LookupDomain,
}

fn parse_check_domain(text: &str) -> Result<String, ValueError> {
    parse_domain(text, DomainUse::Check)
}

fn parse_discover_domain(text: &str) -> Result<String, ValueError> {
    parse_domain(text, DomainUse::Discover)
}

fn parse_lookup_domain(text: &str) -> Result<String, ValueError> {
    parse_domain(text, DomainUse::LookupDomain)
}

/// A DNS domain, lower-case without a final dot. An IP address or a host with a port is
/// refused with what to do with a host instead (`skms`).
fn parse_domain(text: &str, domain_use: DomainUse) -> Result<String, ValueError> {
    if let Some(host) = host_not_domain(text) {
        let word = crate::output::shell_word(text);
        let (command, takes) = match domain_use {
            DomainUse::Check => (
                "check",
                "DNS domains, whose _vlmcs._tcp SRV records name the hosts it checks",
            ),
            DomainUse::Discover => (
                "discover",
                "DNS domains, whose _vlmcs._tcp SRV records it looks up",
            ),
            DomainUse::LookupDomain => (
                "skms-domain",
                "the DNS domain whose _vlmcs._tcp SRV records name the KMS hosts",
            ),
        };
        let hint = match domain_use {
            DomainUse::Check | DomainUse::Discover => format!(
                "For one host, set it with `vlmgr skms {word}`: `vlmgr check` then checks it (`vlmgr ckms` goes back to DNS)."
            ),
            DomainUse::LookupDomain => {
                format!("To use one host instead of DNS: `vlmgr skms {word}`.")
            }
        };
        return Err(ValueError::new(
            format!("{text:?} is {host}: {command} takes {takes}"),
            hint,
        ));
    }
    crate::address::validate_host_name(text)
        .map_err(|e| ValueError::new(e.to_string(), "Give a DNS domain such as corp.example."))?;
    Ok(text.trim_end_matches('.').to_ascii_lowercase())
}

/// What `text` is when it is a host rather than a domain: an IP address, or a host with
/// a port.
fn host_not_domain(text: &str) -> Option<&'static str> {
    let unbracketed = text.trim_start_matches('[').trim_end_matches(']');
    if unbracketed.parse::<std::net::IpAddr>().is_ok() {
        return Some("an IP address");
    }
    match KmsAddress::parse(text) {
        Ok(address) if text.contains(':') && address.host_port().is_some() => {
            Some("a host and port")
        }
        _ => None,
    }
}

fn parse_protocol(text: &str) -> Result<u16, ValueError> {
    match text.parse::<u16>() {
        Ok(version @ 4..=6) => Ok(version),
        _ => Err(ValueError::new(
            format!("{text:?} is not a KMS protocol version vlmgr speaks"),
            "Give 4, 5 or 6 (leave --protocol out for the product's own).",
        )),
    }
}

fn parse_dns_server(text: &str) -> Result<SocketAddr, ValueError> {
    let hint = "Give an IP address, optionally with a port: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53.";
    if let Ok(ip) = text.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    match text.parse::<SocketAddr>() {
        Ok(addr) if addr.port() == 0 => Err(ValueError::new(format!("port 0 in {text:?}"), hint)),
        Ok(addr) => Ok(addr),
        Err(_) => Err(ValueError::new(
            format!("{text:?} is not a name server address"),
            hint,
        )),
    }
}
