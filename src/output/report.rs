//! What commands hand to the output layer.
//!
//! The documents of the simpler commands (setters, `dli`/`dlv`, `xpr`, `products`) are
//! built by the commands as views: plain data whose serde form is the `--json` contract.
//! `discover` and `check` hand over their data as is; [`super::json`] turns it into a view.

use std::net::SocketAddr;

use serde::Serialize;
use uuid::Uuid;

use super::view::{HostSourceView, LicenseStatusView, OutcomeView, ProductRef};
use crate::address::{HostPort, HostSource};
use crate::client::AddressCheck;
use crate::locator::ReportedError;
use crate::protocol::HResult;
use crate::protocol::kms::KmsResponse;

pub use super::activation::ActivationReport;

/// A command's result.
#[derive(Debug, Clone)]
pub enum Report {
    Message(MessageReport),
    Licenses(LicensesReport),
    Expiration(ExpirationReport),
    Products(ProductsReport),
    Discovery(Box<DiscoverResult>),
    Check(Box<CheckReport>),
    Activation(Box<ActivationReport>),
}

/// Setters and installers: one slmgr sentence, maybe warnings.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MessageReport {
    /// The command, as the long name (`skms-domain`, `ipk`...).
    pub command: &'static str,
    /// slmgr's sentence, as the text output prints it.
    pub message: String,
    /// What the text output prints on stderr as `Warning: ...`.
    pub warnings: Vec<String>,
    /// Setters: the settings in force afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsView>,
    /// The product acted on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductRef>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SettingsView {
    pub kms_host: Option<String>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    /// "global" or the Activation ID the settings belong to.
    pub scope: String,
}

/// `dli` / `dlv`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LicensesReport {
    pub detailed: bool,
    pub products: Vec<LicenseView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LicenseView {
    pub name: String,
    pub description: String,
    pub activation_id: Uuid,
    pub application_id: Option<Uuid>,
    pub kms_counted_id: Option<Uuid>,
    pub product_key_channel: &'static str,
    pub partial_product_key: Option<String>,
    pub license_status: LicenseStatusView,
    /// Minutes left in the current status (activation window or grace).
    pub minutes_left: u32,
    /// When the current status ends (ISO 8601 UTC), if it does.
    pub status_ends_at: Option<String>,
    /// The HRESULT of the last failure while in notification.
    pub notification_reason: Option<HResult>,
    pub n_policy: Option<u32>,
    pub protocol: Option<u16>,
    pub kms_client: KmsClientView,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KmsClientView {
    pub cmid: Uuid,
    /// The `skms` host in force.
    pub registered_kms_host: Option<String>,
    /// `product` when the product has its own `skms`, else `global`.
    pub registered_kms_host_scope: Option<&'static str>,
    /// The addresses the `skms` name last answered on, tried while DNS is down (the one
    /// that answered first); empty when none are kept.
    pub registered_kms_host_addresses: Vec<String>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    pub cached_host: Option<String>,
    /// The addresses the cached host last answered on, tried at once at the next
    /// renewal (the one that answered first); empty for an IP literal or none kept.
    pub cached_host_addresses: Vec<String>,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
    /// When `renew` will next contact a host (ISO 8601 UTC); null: now.
    pub next_due: Option<String>,
    /// Null before the first `ato`.
    pub last_attempt: Option<AttemptView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AttemptView {
    pub at: String,
    pub outcome: OutcomeView,
    pub hresult: HResult,
    pub protocol: u16,
    pub host: Option<String>,
    pub host_source: Option<HostSourceView>,
    pub ip: Option<String>,
    pub epid: Option<String>,
    pub hwid: Option<String>,
    pub count: Option<u32>,
}

/// `xpr`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExpirationReport {
    pub products: Vec<ExpirationView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExpirationView {
    pub name: String,
    pub activation_id: Uuid,
    pub license_status: LicenseStatusView,
    /// ISO 8601 UTC end of the activation or grace period; null in notification.
    pub ends_at: Option<String>,
    /// For the text layout only.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub ends_at_unix: Option<u64>,
}

/// `products`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductsReport {
    pub products: Vec<ProductView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductView {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// `windows-client`, `windows-server` or `office`.
    pub family: &'static str,
    pub gvlk: &'static str,
    pub application_id: Uuid,
    pub activation_id: Uuid,
    pub kms_counted_id: Uuid,
    pub n_policy: u32,
    pub protocol: u16,
    pub installed: bool,
}

/// `discover`: what discovery did, and the checks of `--check`.
#[derive(Debug, Clone)]
pub struct DiscoverResult {
    /// Whether `--check` ran.
    pub checked: bool,
    /// The `skms` host in force, which makes activation skip DNS.
    pub kms_host_override: Option<String>,
    /// Remarks about the configuration (e.g. skms hiding DNS).
    pub notes: Vec<String>,
    pub discovery: crate::locator::DiscoveryReport,
    /// `--check`: connect + RPC bind per address, in target then address order.
    pub checks: Vec<AddressCheck>,
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
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
    pub fn nagios_code(self) -> u8 {
        match self {
            Severity::Ok => 0,
            Severity::Warning => 1,
            Severity::Critical => 2,
            Severity::Unknown => 3,
        }
    }

    pub fn label(self) -> &'static str {
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
    pub format: CheckFormat,
    /// The worst severity found.
    pub status: Severity,
    /// Whether activation requests were sent (each counts this client on the host).
    pub activation_requests_sent: bool,
    pub domains: Vec<DomainHealth>,
    pub hosts: Vec<HostHealth>,
    pub expiry: Vec<ExpiryHealth>,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// A report with nothing found yet (status OK).
    pub fn new(format: CheckFormat) -> CheckReport {
        CheckReport {
            format,
            status: Severity::Ok,
            activation_requests_sent: false,
            domains: Vec::new(),
            hosts: Vec::new(),
            expiry: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// What a check found that is not OK.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    pub severity: Severity,
    pub kind: FindingKind,
    /// What it is about: a domain, `host:port`, a product.
    pub subject: String,
    pub message: String,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// No usable `_vlmcs._tcp` SRV record (or no domain to search).
    NoSrvRecords,
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
}

impl FindingKind {
    /// Whether a critical finding of this kind means no host can be reached.
    pub fn is_reachability(self) -> bool {
        matches!(
            self,
            Self::NoSrvRecords | Self::HostDown | Self::NoHost | Self::Deadline
        )
    }
}

#[derive(Debug, Clone)]
pub struct DomainHealth {
    /// The domain whose records were used (or the first searched when none had any).
    pub domain: String,
    /// Every domain searched, in order.
    pub searched: Vec<String>,
    /// Usable SRV records.
    pub records: usize,
    pub error: Option<ReportedError>,
}

#[derive(Debug, Clone)]
pub struct HostHealth {
    /// Where it came from: the configured host (`skms`) or DNS in a domain.
    pub source: HostSource,
    pub target: HostPort,
    pub resolve_error: Option<ReportedError>,
    /// Whether any of its addresses completed the RPC bind.
    pub works: bool,
    pub addresses: Vec<AddressCheck>,
    /// `--activate`: what the host answered to one activation request.
    pub activation: Option<ActivationProbe>,
}

impl HostHealth {
    /// The probe of this host's address when this host is the first that led there:
    /// an address is told about (and judged) once, however many hosts lead to it.
    pub fn probe_named_first(&self) -> Option<&ActivationProbe> {
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
pub struct ActivationProbe {
    /// The address asked.
    pub address: SocketAddr,
    /// Every host that led to this address, in the order the check met them.
    pub names: Vec<ProbedName>,
    /// The product's N_Policy.
    pub threshold: u32,
    /// What the host answered, or why there is no answer.
    pub answer: Result<KmsResponse, ProbeFailure>,
}

/// A host, as configured or published, that led to a probed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbedName {
    pub source: HostSource,
    pub target: HostPort,
}

/// Why an activation request of `check --activate` got no valid answer.
#[derive(Debug, Clone)]
pub struct ProbeFailure {
    /// The host's error HRESULT, if it answered with one.
    pub hresult: Option<HResult>,
    /// What went wrong.
    pub error: String,
}

#[derive(Debug, Clone)]
pub struct ExpiryHealth {
    pub product: String,
    pub activation_id: Uuid,
    pub status: crate::state::LicenseStatus,
    /// Seconds until the activation (or grace) ends; 0 in notification.
    pub seconds_left: u64,
}
