//! What commands hand to the output layer: plain data of what happened, with no JSON
//! concern. Each document's view is made from these in `src/output`, one place per
//! document ([`super::local`], [`super::activation`], [`super::json`]), and the text
//! layouts read them directly (docs/architecture.md, "a JSON field"). `check`'s
//! [`Severity`], [`Finding`] and [`FindingKind`] are the exception: plain values whose
//! serde form is their JSON, defined here once.

use std::net::SocketAddr;

use serde::Serialize;
use uuid::Uuid;

use super::ErrorView;
use crate::address::{HostPort, HostSource};
use crate::catalog;
use crate::client::AddressCheck;
use crate::locator::{CacheUnused, TracedError};
use crate::protocol::HResult;
use crate::protocol::kms::KmsResponse;
use crate::state::{CachedHost, ConfiguredHost, InstalledProduct, LicenseStatus};

pub(crate) use super::activation::{ActivationReport, ActivationRun, SystemActivationReport};

/// A command's result.
#[derive(Debug, Clone)]
pub enum Report {
    Message(MessageReport),
    Licenses(LicensesReport),
    Expiration(ExpirationReport),
    Products(ProductsReport),
    Discovery(Box<DiscoverResult>),
    Check(Box<CheckReport>),
    Activation(Box<ActivationRun>),
    /// A slmgr command run on Windows' licensing service (the system backend).
    System(Box<SystemReport>),
}

/// What a slmgr command did on Windows' own licensing service (the system backend,
/// docs/windows.md): `spp::commands`' results, made into the same documents as the
/// standalone backend's ([`super::local`], [`super::activation`]) and into slmgr's text
/// ([`super::system`]).
#[derive(Debug, Clone)]
pub enum SystemReport {
    /// `dli` / `dlv`.
    Licenses(SystemLicenses),
    /// `xpr`.
    Expiration(crate::spp::commands::ExpirationReport),
    /// `ipk`, `upk`, `cpky` and the setters.
    Message(SystemMessage),
    /// `ato` / `renew`.
    Activation(Box<SystemActivationReport>),
}

impl SystemReport {
    /// What the text output prints on stderr as `Warning: ...` before the report.
    pub(crate) fn warnings(&self) -> &[String] {
        match self {
            SystemReport::Message(message) => &message.warnings,
            _ => &[],
        }
    }

    /// What the text output prints on stderr after the report.
    pub(crate) fn notes(&self) -> &[String] {
        match self {
            SystemReport::Activation(activation) => &activation.notes,
            _ => &[],
        }
    }
}

/// `dli` / `dlv` on the system backend: what the licensing service holds, read at `now`.
#[derive(Debug, Clone)]
pub struct SystemLicenses {
    pub(crate) licenses: crate::spp::commands::LicenseReport,
    /// When it was read (Unix seconds): `GracePeriodRemaining` counts from here.
    pub(crate) now: u64,
}

/// A key or setting command on the system backend: slmgr's sentence, its warnings, and
/// what Windows holds afterwards.
#[derive(Debug, Clone)]
pub struct SystemMessage {
    /// The command, as the long name (`skms-domain`, `ipk`, `cpky`...).
    pub(crate) command: &'static str,
    /// slmgr's sentence.
    pub(crate) message: String,
    /// What the text output prints on stderr as `Warning: ...`.
    pub(crate) warnings: Vec<String>,
    /// Setters: the settings read back afterwards.
    pub(crate) settings: Option<SystemSettings>,
    /// The license acted on, if any.
    pub(crate) product: Option<NamedProduct>,
    /// `ipk` / `upk`: `KeyManagementServiceVersion` afterwards (`Some(None)`: deleted).
    pub(crate) kms_version: Option<Option<String>>,
}

/// A setter's scope and its settings as the licensing service reads them back.
#[derive(Debug, Clone)]
pub(crate) struct SystemSettings {
    pub(crate) settings: crate::spp::values::KmsSettings,
    /// The service's host caching.
    pub(crate) host_caching: bool,
    /// The license whose settings these are; none: the service's (global).
    pub(crate) scope: Option<Uuid>,
}

/// A product as the user is told about it: its name and Activation ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NamedProduct {
    pub(crate) name: String,
    pub(crate) activation_id: Uuid,
}

/// Setters and installers: one slmgr sentence, maybe warnings.
#[derive(Debug, Clone)]
pub struct MessageReport {
    /// The command, as the long name (`skms-domain`, `ipk`...).
    pub(crate) command: &'static str,
    /// slmgr's sentence.
    pub(crate) message: String,
    /// What the text output prints on stderr as `Warning: ...`.
    pub(crate) warnings: Vec<String>,
    /// Setters: the settings in force afterwards.
    pub(crate) settings: Option<SettingsInForce>,
    /// The product acted on, if any.
    pub(crate) product: Option<NamedProduct>,
}

/// The settings in force for a setter's scope after it ran.
#[derive(Debug, Clone)]
pub(crate) struct SettingsInForce {
    pub(crate) kms_host: Option<ConfiguredHost>,
    pub(crate) lookup_domain: Option<String>,
    pub(crate) host_caching: bool,
    /// Whose settings these are.
    pub(crate) scope: SetterScope,
}

/// Which settings a setter changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetterScope {
    /// The global ones (no Activation ID).
    Global,
    /// One product's own (its Activation ID).
    Product(Uuid),
    /// `all`: the global ones, and every installed product's own.
    All,
}

/// `dli` / `dlv`: installed products as the state has them at `now`.
#[derive(Debug, Clone)]
pub struct LicensesReport {
    pub(crate) detailed: bool,
    /// When the state was read (Unix seconds): statuses are derived for this time.
    pub(crate) now: u64,
    pub(crate) products: Vec<License>,
}

/// One installed product with the settings in force for it.
#[derive(Debug, Clone)]
pub(crate) struct License {
    /// Its name, even for a product this build's catalog lacks.
    pub(crate) name: String,
    /// Its catalog entry, if this build knows it.
    pub(crate) entry: Option<&'static catalog::Product>,
    /// The state's record of it.
    pub(crate) product: InstalledProduct,
    /// The `skms` setting in force for it, and whose it is.
    pub(crate) kms_host: Option<(ConfiguredHost, SettingScope)>,
    /// The `skms-domain` in force for it.
    pub(crate) lookup_domain: Option<String>,
    /// The client machine ID.
    pub(crate) cmid: Uuid,
    /// `skhc` / `ckhc`.
    pub(crate) host_caching: bool,
}

/// Whose setting is in force for a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SettingScope {
    /// Its own (given with its Activation ID).
    Product,
    Global,
}

/// `xpr`.
#[derive(Debug, Clone)]
pub struct ExpirationReport {
    pub(crate) products: Vec<Expiration>,
}

/// When a product's activation or grace period ends.
#[derive(Debug, Clone)]
pub(crate) struct Expiration {
    pub(crate) product: NamedProduct,
    pub(crate) status: LicenseStatus,
    /// Unix seconds; none in notification.
    pub(crate) ends_at: Option<u64>,
}

/// `products`: catalog entries, marked when installed.
#[derive(Debug, Clone)]
pub struct ProductsReport {
    pub(crate) products: Vec<ListedProduct>,
}

#[derive(Debug, Clone)]
pub(crate) struct ListedProduct {
    pub(crate) product: &'static catalog::Product,
    pub(crate) installed: bool,
}

/// `discover`: what discovery did, and the checks of `--check`.
#[derive(Debug, Clone)]
pub struct DiscoverResult {
    /// Whether `--check` ran.
    pub checked: bool,
    /// The `skms` setting in force, which makes activation skip DNS.
    pub kms_host_override: Option<ConfiguredHost>,
    /// Remarks about the configuration (e.g. skms hiding DNS).
    pub notes: Vec<String>,
    pub discovery: crate::locator::DiscoveryTrace,
    /// `--check`: connect + RPC bind per address, in target then address order.
    pub checks: Vec<AddressCheck>,
    /// Each installed product's cached host, and whether `ato` and `renew` try it first.
    pub cached_hosts: Vec<CachedHostUse>,
    /// On Windows (system backend): what Windows' licensing service has set and last
    /// discovered; none elsewhere, with `--standalone`, or when it could not be read
    /// (a note says why).
    pub system: Option<crate::spp::commands::SystemKms>,
}

/// A product's cached host, and why it is not tried first when it is not.
#[derive(Debug, Clone)]
pub struct CachedHostUse {
    pub(crate) product: NamedProduct,
    pub(crate) host: CachedHost,
    /// None: tried first, before discovery.
    pub(crate) unused: Option<CacheUnused>,
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CheckFormat {
    Text,
    Json,
    Nagios,
    Prometheus,
}

/// A finding's severity, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Ok,
    Warning,
    Critical,
    /// The check itself could not complete.
    Unknown,
}

impl Severity {
    /// The Nagios plugin exit code.
    pub(crate) fn nagios_code(self) -> u8 {
        match self {
            Severity::Ok => 0,
            Severity::Warning => 1,
            Severity::Critical => 2,
            Severity::Unknown => 3,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Ok => "OK",
            Severity::Warning => "WARNING",
            Severity::Critical => "CRITICAL",
            Severity::Unknown => "UNKNOWN",
        }
    }
}

/// `check`.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub(crate) format: CheckFormat,
    /// The worst severity found.
    pub(crate) status: Severity,
    /// Whether activation requests were sent (each counts this client on the host).
    pub(crate) activation_requests_sent: bool,
    pub(crate) domains: Vec<DomainHealth>,
    pub(crate) hosts: Vec<HostHealth>,
    pub(crate) expiry: Vec<ExpiryHealth>,
    pub(crate) findings: Vec<Finding>,
    /// The check could not run (Nagios and Prometheus only: the monitor still gets its
    /// status line or its metrics; text and JSON print the error instead).
    pub(crate) failure: Option<ErrorView>,
}

impl CheckReport {
    /// A report with nothing found yet (status OK).
    pub(crate) fn new(format: CheckFormat) -> CheckReport {
        CheckReport {
            format,
            status: Severity::Ok,
            activation_requests_sent: false,
            domains: Vec::new(),
            hosts: Vec::new(),
            expiry: Vec::new(),
            findings: Vec::new(),
            failure: None,
        }
    }

    /// The report of a check that could not run, in `format`: status unknown.
    pub(crate) fn failed(format: CheckFormat, error: ErrorView) -> CheckReport {
        CheckReport {
            status: Severity::Unknown,
            failure: Some(error),
            ..CheckReport::new(format)
        }
    }
}

/// What a check found that is not OK.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct Finding {
    pub(crate) severity: Severity,
    pub(crate) kind: FindingKind,
    /// What it is about: a domain, `host:port`, a product.
    pub(crate) subject: String,
    pub(crate) message: String,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum FindingKind {
    /// No usable `_vlmcs._tcp` SRV record (or no domain to search): the name servers
    /// answered, without records that can be used.
    NoSrvRecords,
    /// The name servers failed the SRV lookup (no answer, an error, malformed answers):
    /// whether records exist is not known.
    DnsFailure,
    /// A published or configured host does not resolve, connect or bind.
    HostDown,
    /// No host is published or configured at all.
    NoHost,
    /// `--activate`: the host counts fewer clients than the product needs.
    CountBelowThreshold,
    /// `--activate`: the host answered with an error, or its answer failed.
    HostError,
    /// `--expiry`: a product is not activated, or its activation ends soon.
    Expiry,
    /// The check itself did not finish within `--timeout`.
    Deadline,
    /// Addresses of hosts not known to work were not checked to the end before
    /// `--timeout` (too many for the time): their hosts' state is unknown.
    NotChecked,
    /// This machine could not open connections to some addresses (its open-file limit):
    /// their hosts' state is unknown.
    LocalLimit,
}

impl FindingKind {
    /// Whether a critical finding of this kind means no host can be reached.
    pub(crate) fn is_reachability(self) -> bool {
        matches!(
            self,
            Self::NoSrvRecords | Self::DnsFailure | Self::HostDown | Self::NoHost | Self::Deadline
        )
    }
}

#[derive(Debug, Clone)]
pub(crate) struct DomainHealth {
    /// The domain whose records were used (or the first searched when none had any).
    pub(crate) domain: String,
    /// Every domain searched, in order.
    pub(crate) searched: Vec<String>,
    /// Usable SRV records.
    pub(crate) records: usize,
    pub(crate) error: Option<TracedError>,
}

#[derive(Debug, Clone)]
pub(crate) struct HostHealth {
    /// Where it came from: the configured host (`skms`) or DNS in a domain.
    pub(crate) source: HostSource,
    pub(crate) target: HostPort,
    pub(crate) resolve_error: Option<TracedError>,
    /// Whether any of its addresses completed the RPC bind.
    pub(crate) works: bool,
    pub(crate) addresses: Vec<AddressCheck>,
    /// `--activate`: what the host answered to one activation request.
    pub(crate) activation: Option<ActivationProbe>,
}

impl DomainHealth {
    /// Whether the name servers answered the SRV queries (records or not).
    pub(crate) fn lookup_ok(&self) -> bool {
        !self.error.as_ref().is_some_and(|error| error.lookup_failed)
    }
}

impl HostHealth {
    /// Whether every address's check ended in something about the host (not this
    /// machine's limit, not `--timeout`).
    pub(crate) fn fully_checked(&self) -> bool {
        !self.resolve_error.as_ref().is_some_and(|e| e.local_limit)
            && self
                .addresses
                .iter()
                .all(|check| check.outcome.speaks_for_the_host())
    }

    /// The probe of this host's address when this host is the first that led there:
    /// an address is told about (and judged) once, however many hosts lead to it.
    pub(crate) fn probe_named_first(&self) -> Option<&ActivationProbe> {
        self.activation.as_ref().filter(|probe| {
            probe
                .names
                .first()
                .is_some_and(|first| first.target == self.target && first.source == self.source)
        })
    }
}

/// The one activation request of `check --activate` to a host address.
#[derive(Debug, Clone)]
pub(crate) struct ActivationProbe {
    /// The address asked.
    pub(crate) address: SocketAddr,
    /// Every host that led to this address, in the order the check met them.
    pub(crate) names: Vec<ProbedName>,
    /// The product's N_Policy.
    pub(crate) threshold: u32,
    /// What the host answered, or why there is no answer.
    pub(crate) answer: Result<KmsResponse, ProbeFailure>,
}

/// A host, as configured or published, that led to a probed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProbedName {
    pub(crate) source: HostSource,
    pub(crate) target: HostPort,
}

/// Why an activation request of `check --activate` got no valid answer.
#[derive(Debug, Clone)]
pub(crate) struct ProbeFailure {
    /// The host's error HRESULT, if it answered with one.
    pub(crate) hresult: Option<HResult>,
    /// What went wrong.
    pub(crate) error: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ExpiryHealth {
    pub(crate) product: String,
    pub(crate) activation_id: Uuid,
    pub(crate) status: crate::state::LicenseStatus,
    /// Seconds until the activation (or grace) ends; 0 in notification.
    pub(crate) seconds_left: u64,
}
