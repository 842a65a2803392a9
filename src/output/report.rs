//! What commands hand to the output layer: plain data, rendered as slmgr text or JSON.

use serde::Serialize;
use uuid::Uuid;

use crate::address::HostSource;
use crate::protocol::HResult;
use crate::state::{AttemptOutcome, LicenseStatus};

pub use super::activation::ActivationReport;

/// A command's result.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Report {
    Message(MessageReport),
    Licenses(LicensesReport),
    Expiration(ExpirationReport),
    Products(ProductsReport),
    Discovery(Box<DiscoverView>),
    Check(Box<CheckReport>),
    Activation(Box<ActivationReport>),
}

/// Setters and installers: one slmgr sentence, maybe warnings.
#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    pub command: &'static str,
    pub message: String,
    pub warnings: Vec<String>,
    /// The settings in force afterwards, for scripts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsView>,
    /// The product acted on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<ProductRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub kms_host: Option<String>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    /// "global" or the Activation ID the settings belong to.
    pub scope: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductRef {
    pub name: String,
    pub activation_id: Uuid,
}

/// `dli` / `dlv`.
#[derive(Debug, Clone, Serialize)]
pub struct LicensesReport {
    pub detailed: bool,
    pub products: Vec<LicenseView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenseView {
    pub name: String,
    pub description: String,
    pub activation_id: Uuid,
    pub application_id: Option<Uuid>,
    pub kms_counted_id: Option<Uuid>,
    pub product_key_channel: &'static str,
    pub partial_product_key: Option<String>,
    pub license_status: LicenseStatus,
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
pub struct KmsClientView {
    pub cmid: Uuid,
    /// The `skms` host in force and whether it is the product's own or the global one.
    pub registered_kms_host: Option<String>,
    pub registered_kms_host_scope: Option<&'static str>,
    pub lookup_domain: Option<String>,
    pub host_caching: bool,
    pub cached_host: Option<String>,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
    /// When `renew` will next contact a host (ISO 8601 UTC); null: now.
    pub next_due: Option<String>,
    pub last_attempt: Option<AttemptView>,
}

/// Where a host came from: `{"kind": "configured"}`, `{"kind": "command_line"}`,
/// `{"kind": "cached"}` or `{"kind": "dns", "domain": "corp.example"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HostSourceView {
    Configured,
    CommandLine,
    Cached,
    Dns { domain: String },
}

impl From<&HostSource> for HostSourceView {
    fn from(source: &HostSource) -> Self {
        match source {
            HostSource::Configured => HostSourceView::Configured,
            HostSource::CommandLine => HostSourceView::CommandLine,
            HostSource::Cached => HostSourceView::Cached,
            HostSource::Dns { domain } => HostSourceView::Dns {
                domain: domain.clone(),
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AttemptView {
    pub at: String,
    pub outcome: AttemptOutcome,
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
pub struct ExpirationReport {
    pub products: Vec<ExpirationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpirationView {
    pub name: String,
    pub activation_id: Uuid,
    pub license_status: LicenseStatus,
    /// ISO 8601 UTC end of the activation or grace period; null in notification.
    pub ends_at: Option<String>,
    #[serde(skip)]
    pub ends_at_unix: Option<u64>,
}

/// `products`.
#[derive(Debug, Clone, Serialize)]
pub struct ProductsReport {
    pub products: Vec<ProductView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub family: &'static str,
    pub gvlk: &'static str,
    pub application_id: Uuid,
    pub activation_id: Uuid,
    pub kms_counted_id: Uuid,
    pub n_policy: u32,
    pub protocol: u16,
    pub installed: bool,
}

/// `discover`.
#[derive(Debug, Clone, Serialize)]
pub struct DiscoverView {
    /// Whether `--check` ran.
    pub checked: bool,
    /// The `skms` host in force, which makes activation skip DNS.
    pub kms_host_override: Option<String>,
    /// Remarks about the configuration (e.g. skms hiding DNS).
    pub notes: Vec<String>,
    #[serde(flatten)]
    pub discovery: crate::locator::DiscoveryReport,
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckFormat {
    Text,
    Json,
    Nagios,
    Prometheus,
}

/// A finding's severity, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    #[serde(skip)]
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

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// `no_srv_records`, `host_down`, `no_host`, `count_below_threshold`, `host_error`,
    /// `expiry`, `deadline`.
    pub kind: &'static str,
    /// What it is about: a domain, `host:port`, a product.
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainHealth {
    /// The domain whose records were used (or the first searched when none had any).
    pub domain: String,
    /// Every domain searched, in order.
    pub searched: Vec<String>,
    /// Usable SRV records.
    pub records: usize,
    pub error: Option<crate::locator::ReportedError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HostHealth {
    /// The domain it was published in, or `(skms)` for the configured host.
    pub domain: String,
    pub host: String,
    pub port: u16,
    pub resolve_error: Option<crate::locator::ReportedError>,
    /// Whether any of its addresses completed the RPC bind.
    pub works: bool,
    pub addresses: Vec<crate::locator::AddressCheck>,
    /// `--activate`: what the host answered to one activation request.
    pub activation: Option<ActivationProbe>,
}

/// The answer to the one activation request of `check --activate`.
#[derive(Debug, Clone, Serialize)]
pub struct ActivationProbe {
    pub address: std::net::SocketAddr,
    /// The host's error HRESULT, if it answered with one.
    pub hresult: Option<HResult>,
    /// Why the request failed, if it did.
    pub error: Option<String>,
    pub epid: Option<String>,
    pub hwid: Option<String>,
    pub count: Option<u32>,
    /// The product's N_Policy.
    pub threshold: u32,
    pub activation_interval_minutes: Option<u32>,
    pub renewal_interval_minutes: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpiryHealth {
    pub product: String,
    pub activation_id: Uuid,
    pub status: LicenseStatus,
    /// Seconds until the activation (or grace) ends; 0 in notification.
    pub seconds_left: u64,
}
