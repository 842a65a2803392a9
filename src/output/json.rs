//! The `--json` documents: the public contract scripts and monitoring parse.
//!
//! Every document is one object with `"schema_version"` first. The views of `discover` and
//! `check` are built here from the commands' data; the other commands hand over views
//! (see [`super::report`]). docs/json.md describes the documents and docs/schema/ holds
//! their JSON Schemas, generated from these types (feature `schema`).

use std::net::{IpAddr, SocketAddr};

use serde::Serialize;
use uuid::Uuid;

use super::ErrorView;
use super::report::{
    ActivationProbe, CheckReport, DiscoverResult, DomainHealth, ExpiryHealth, Finding, HostHealth,
    ProbedName, Report, Severity,
};
use super::view::{LicenseStatusView, ResponseView};
use crate::address::HostSource;
use crate::client::{AddressCheck, CheckOutcome, CheckStage, millis};
use crate::locator::{
    DomainSource, NameServer, QueryOutcome, QueryResult, ReportedError, ResolvedTarget,
    SearchDomain, ServerSource, SrvOrder, SrvRecord,
};
use crate::protocol::HResult;

/// The version of the documents' shape. It goes up when a field is removed or renamed or
/// changes its type or meaning; adding a field leaves it (docs/json.md).
pub const SCHEMA_VERSION: u32 = 1;

/// A document: the version, then the body's fields.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Document<T> {
    /// The version of the documents' shape (docs/json.md).
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: T,
}

/// A failed command's document: `{"schema_version": 1, "error": {...}}`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorBody<'a> {
    pub error: &'a ErrorView,
}

/// The JSON document of a command's report, pretty-printed with a final newline.
pub fn report_document(report: &Report) -> String {
    match report {
        Report::Message(message) => render(message),
        Report::Licenses(licenses) => render(licenses),
        Report::Expiration(expiration) => render(expiration),
        Report::Products(products) => render(products),
        Report::Discovery(result) => render(&DiscoverView::from(result.as_ref())),
        Report::Check(check) => render(&CheckView::from(check.as_ref())),
        Report::Activation(activation) => render(activation.as_ref()),
    }
}

/// The JSON document of a failure (usage errors included).
pub fn error_document(error: &ErrorView) -> String {
    render(&ErrorBody { error })
}

fn render<T: Serialize>(body: &T) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        body,
    };
    match serde_json::to_string_pretty(&document) {
        Ok(text) => text + "\n",
        // Serializing plain data structures cannot fail; say so if it ever does.
        Err(e) => format!("{{\"error\": {{\"message\": \"cannot serialize output: {e}\"}}}}\n"),
    }
}

/// An error as reported in a document: the HRESULT and the message.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorRef {
    pub hresult: HResult,
    pub message: String,
}

impl From<&ReportedError> for ErrorRef {
    fn from(error: &ReportedError) -> Self {
        ErrorRef {
            hresult: error.hresult,
            message: error.message.clone(),
        }
    }
}

/// `discover`: every step of discovery (docs/discovery.md).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DiscoverView {
    /// Whether `--check` ran.
    pub checked: bool,
    /// The `skms` host in force, which makes activation skip DNS.
    pub kms_host_override: Option<String>,
    /// Remarks about the configuration (e.g. skms hiding DNS).
    pub notes: Vec<String>,
    /// The name servers asked (for names without a resolver of their own).
    pub servers: Vec<SocketAddr>,
    /// Every name server, with where it came from (docs/platforms.md).
    pub name_servers: Vec<NameServerView>,
    /// Values of the resolver configuration that were missing or unusable, and skipped.
    pub configuration_notes: Vec<String>,
    pub order: SrvOrderView,
    /// The domains searched, in order, and why.
    pub domains: Vec<DomainView>,
    /// Each SRV query and its outcome (the walk stops at the first domain with records).
    pub tried: Vec<QueryView>,
    /// The domain whose records are used, if any.
    pub found_domain: Option<DomainView>,
    /// That domain's records as the server sent them.
    pub records_as_received: Vec<SrvRecordView>,
    /// The usable records in the order they are tried.
    pub ordered: Vec<SrvRecordView>,
    /// The addresses of each ordered record's target.
    pub targets: Vec<TargetView>,
    /// Why no host was found (the exit code is then 3).
    pub error: Option<ErrorRef>,
    /// What the searched domains mean for clients.
    pub hints: Vec<String>,
    /// `--check`: connect + RPC bind per address; empty without it.
    pub checks: Vec<AddressCheckView>,
}

impl From<&DiscoverResult> for DiscoverView {
    fn from(result: &DiscoverResult) -> Self {
        let report = &result.discovery;
        DiscoverView {
            checked: result.checked,
            kms_host_override: result.kms_host_override.clone(),
            notes: result.notes.clone(),
            servers: report.servers.0.clone(),
            name_servers: views(&report.name_servers),
            configuration_notes: report.configuration_notes.clone(),
            order: report.order.into(),
            domains: report.domains.iter().map(DomainView::from).collect(),
            tried: report.tried.iter().map(QueryView::from).collect(),
            found_domain: report.found_domain.as_ref().map(DomainView::from),
            records_as_received: views(&report.records_as_received),
            ordered: views(&report.ordered),
            targets: report.targets.iter().map(TargetView::from).collect(),
            error: report.error.as_ref().map(ErrorRef::from),
            hints: report.hints.clone(),
            checks: views(&result.checks),
        }
    }
}

fn views<'a, T: 'a, V: From<&'a T>>(items: &'a [T]) -> Vec<V> {
    items.iter().map(V::from).collect()
}

/// How SRV records are ordered: `rfc2782` or `random`.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SrvOrderView {
    Rfc2782,
    Random,
}

impl From<SrvOrder> for SrvOrderView {
    fn from(order: SrvOrder) -> Self {
        match order {
            SrvOrder::Rfc2782 => Self::Rfc2782,
            SrvOrder::Random => Self::Random,
        }
    }
}

/// A searched domain and why it is searched.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DomainView {
    pub name: String,
    pub source: DomainSourceView,
    /// Exactly where: the file, the registry value, the dynamic store key; none for a
    /// lookup domain or a domain given on the command line.
    pub origin: Option<String>,
}

impl From<&SearchDomain> for DomainView {
    fn from(domain: &SearchDomain) -> Self {
        DomainView {
            name: domain.name.clone(),
            source: domain.source.into(),
            origin: domain.origin.clone(),
        }
    }
}

/// A name server and where it came from.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NameServerView {
    pub address: SocketAddr,
    pub source: ServerSourceView,
    /// Exactly where: a file, a registry value, a dynamic store key.
    pub origin: String,
    /// The domain it answers for (split DNS); none: every other name.
    pub domain: Option<String>,
}

impl From<&NameServer> for NameServerView {
    fn from(server: &NameServer) -> Self {
        NameServerView {
            address: server.address,
            source: server.source.into(),
            origin: server.origin.clone(),
            domain: server.domain.clone(),
        }
    }
}

/// Where a name server came from.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServerSourceView {
    CommandLine,
    ResolvConf,
    ResolvConfDefault,
    AdapterConfigured,
    AdapterDhcp,
    AdapterReported,
    StoreGlobal,
    StoreSupplemental,
    ResolverFile,
}

impl From<ServerSource> for ServerSourceView {
    fn from(source: ServerSource) -> Self {
        match source {
            ServerSource::CommandLine => Self::CommandLine,
            ServerSource::ResolvConf => Self::ResolvConf,
            ServerSource::ResolvConfDefault => Self::ResolvConfDefault,
            ServerSource::AdapterConfigured => Self::AdapterConfigured,
            ServerSource::AdapterDhcp => Self::AdapterDhcp,
            ServerSource::AdapterReported => Self::AdapterReported,
            ServerSource::StoreGlobal => Self::StoreGlobal,
            ServerSource::StoreSupplemental => Self::StoreSupplemental,
            ServerSource::ResolverFile => Self::ResolverFile,
        }
    }
}

/// Why a domain is searched.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DomainSourceView {
    /// Set with `skms-domain` (searched alone).
    LookupDomain,
    ResolvConfDomain,
    ResolvConfSearch,
    /// Named on the command line.
    CommandLine,
    /// Windows: Group Policy's DNS suffix search list.
    SearchListPolicy,
    /// Windows: the DNS suffix search list.
    SearchList,
    /// Windows: Group Policy's primary DNS suffix.
    PrimarySuffixPolicy,
    /// Windows: the primary DNS suffix.
    PrimarySuffix,
    /// Windows: an adapter's connection-specific suffix.
    AdapterSuffix,
    /// Windows: an adapter's connection-specific suffix from DHCP.
    AdapterDhcpSuffix,
    /// macOS: the dynamic store's search domains.
    StoreSearchDomains,
    /// macOS: the dynamic store's domain name.
    StoreDomainName,
    /// macOS: a VPN service's supplemental match domain.
    StoreSupplementalDomain,
}

impl From<DomainSource> for DomainSourceView {
    fn from(source: DomainSource) -> Self {
        match source {
            DomainSource::LookupDomain => Self::LookupDomain,
            DomainSource::ResolvConfDomain => Self::ResolvConfDomain,
            DomainSource::ResolvConfSearch => Self::ResolvConfSearch,
            DomainSource::CommandLine => Self::CommandLine,
            DomainSource::SearchListPolicy => Self::SearchListPolicy,
            DomainSource::SearchList => Self::SearchList,
            DomainSource::PrimarySuffixPolicy => Self::PrimarySuffixPolicy,
            DomainSource::PrimarySuffix => Self::PrimarySuffix,
            DomainSource::AdapterSuffix => Self::AdapterSuffix,
            DomainSource::AdapterDhcpSuffix => Self::AdapterDhcpSuffix,
            DomainSource::StoreSearchDomains => Self::StoreSearchDomains,
            DomainSource::StoreDomainName => Self::StoreDomainName,
            DomainSource::StoreSupplementalDomain => Self::StoreSupplementalDomain,
        }
    }
}

/// One SRV query of the walk.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QueryView {
    pub domain: DomainView,
    /// `_vlmcs._tcp.<domain>`.
    pub query_name: String,
    pub result: QueryResultView,
    pub elapsed_ms: u64,
    /// The name servers the query was sent to.
    pub servers: Vec<SocketAddr>,
}

impl From<&QueryOutcome> for QueryView {
    fn from(query: &QueryOutcome) -> Self {
        QueryView {
            domain: DomainView::from(&query.domain),
            query_name: query.query_name.clone(),
            result: QueryResultView::from(&query.result),
            elapsed_ms: millis(query.elapsed),
            servers: query.servers.0.clone(),
        }
    }
}

/// How an SRV query ended.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum QueryResultView {
    Records {
        count: usize,
    },
    NxDomain,
    NoData,
    /// The only record has target "." (service not available).
    NoService,
    ServerFailure {
        reason: String,
    },
}

impl From<&QueryResult> for QueryResultView {
    fn from(result: &QueryResult) -> Self {
        match result {
            QueryResult::Records { count } => Self::Records { count: *count },
            QueryResult::NxDomain => Self::NxDomain,
            QueryResult::NoData => Self::NoData,
            QueryResult::NoService => Self::NoService,
            QueryResult::ServerFailure { reason } => Self::ServerFailure {
                reason: reason.clone(),
            },
        }
    }
}

/// One SRV record.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SrvRecordView {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    pub target: String,
}

impl From<&SrvRecord> for SrvRecordView {
    fn from(record: &SrvRecord) -> Self {
        SrvRecordView {
            priority: record.priority,
            weight: record.weight,
            port: record.port,
            target: record.target.clone(),
        }
    }
}

/// The addresses of one record's target.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetView {
    pub host: String,
    pub port: u16,
    /// IPv6 and IPv4 interleaved, in the order they are tried.
    pub addresses: Vec<IpAddr>,
    pub error: Option<ErrorRef>,
    /// Whether the addresses came from the SRV answer's additional section.
    pub from_srv_answer: bool,
}

impl From<&ResolvedTarget> for TargetView {
    fn from(target: &ResolvedTarget) -> Self {
        TargetView {
            host: target.target.host.to_string(),
            port: target.target.port,
            addresses: target.addresses.clone(),
            error: target.error.as_ref().map(ErrorRef::from),
            from_srv_answer: target.from_srv_answer,
        }
    }
}

/// Connect + RPC bind of one address.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AddressCheckView {
    pub host: String,
    pub address: SocketAddr,
    pub outcome: CheckOutcomeView,
    /// Until the TCP connection was established, if it was.
    pub connect_ms: Option<u64>,
    /// Until the outcome was known.
    pub total_ms: u64,
}

impl From<&AddressCheck> for AddressCheckView {
    fn from(check: &AddressCheck) -> Self {
        AddressCheckView {
            host: check.candidate.target.host.to_string(),
            address: check.candidate.address(),
            outcome: CheckOutcomeView::from(&check.outcome),
            connect_ms: check.connect_time.map(millis),
            total_ms: millis(check.total_time),
        }
    }
}

/// How the check of one address ended.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum CheckOutcomeView {
    /// The bind completed; requests would use this transfer syntax (`NDR32`, `NDR64`).
    Bound {
        syntax: String,
    },
    NoUsableContext,
    BindRejected {
        reason: u16,
    },
    ConnectFailed {
        reason: String,
    },
    TimedOut {
        stage: CheckStageView,
    },
    ProtocolError {
        reason: String,
    },
}

/// The step a check was at.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckStageView {
    Connect,
    Bind,
}

impl From<&CheckOutcome> for CheckOutcomeView {
    fn from(outcome: &CheckOutcome) -> Self {
        match outcome {
            CheckOutcome::Bound { syntax } => Self::Bound {
                syntax: syntax.name().to_owned(),
            },
            CheckOutcome::NoUsableContext => Self::NoUsableContext,
            CheckOutcome::BindRejected { reason } => Self::BindRejected { reason: *reason },
            CheckOutcome::ConnectFailed { reason } => Self::ConnectFailed {
                reason: reason.clone(),
            },
            CheckOutcome::TimedOut { stage } => Self::TimedOut {
                stage: match stage {
                    CheckStage::Connect => CheckStageView::Connect,
                    CheckStage::Bind => CheckStageView::Bind,
                },
            },
            CheckOutcome::ProtocolError { reason } => Self::ProtocolError {
                reason: reason.clone(),
            },
        }
    }
}

/// `check`: KMS health for monitoring.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckView {
    /// The worst severity found.
    pub status: Severity,
    /// Whether activation requests were sent (each counts this client on its host).
    pub activation_requests_sent: bool,
    pub domains: Vec<DomainHealthView>,
    pub hosts: Vec<HostHealthView>,
    pub expiry: Vec<ExpiryView>,
    pub findings: Vec<Finding>,
}

impl From<&CheckReport> for CheckView {
    fn from(report: &CheckReport) -> Self {
        CheckView {
            status: report.status,
            activation_requests_sent: report.activation_requests_sent,
            domains: views(&report.domains),
            hosts: views(&report.hosts),
            expiry: views(&report.expiry),
            findings: report.findings.clone(),
        }
    }
}

/// The SRV records of one searched domain (or of the first searched, when none had any).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DomainHealthView {
    pub domain: String,
    /// Every domain searched, in order.
    pub searched: Vec<String>,
    /// Usable SRV records.
    pub records: usize,
    pub error: Option<ErrorRef>,
}

impl From<&DomainHealth> for DomainHealthView {
    fn from(domain: &DomainHealth) -> Self {
        DomainHealthView {
            domain: domain.domain.clone(),
            searched: domain.searched.clone(),
            records: domain.records,
            error: domain.error.as_ref().map(ErrorRef::from),
        }
    }
}

/// One published or configured host.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HostHealthView {
    /// The domain it was published in, or `(skms)` for the configured host.
    pub domain: String,
    pub host: String,
    pub port: u16,
    pub resolve_error: Option<ErrorRef>,
    /// Whether any of its addresses completed the RPC bind.
    pub works: bool,
    pub addresses: Vec<AddressCheckView>,
    /// `--activate`: the answer to the request sent to its address; null without
    /// `--activate` and for hosts that did not bind.
    pub activation: Option<ProbeView>,
}

/// The `domain` a check document gives the configured (`skms`) host.
pub const CONFIGURED_DOMAIN: &str = "(skms)";

/// A host's source as check's documents and metrics name it: the domain it was published
/// in, or `(skms)`.
pub fn source_domain(source: &HostSource) -> &str {
    source.dns_domain().unwrap_or(CONFIGURED_DOMAIN)
}

impl From<&HostHealth> for HostHealthView {
    fn from(host: &HostHealth) -> Self {
        HostHealthView {
            domain: source_domain(&host.source).to_owned(),
            host: host.target.host.to_string(),
            port: host.target.port,
            resolve_error: host.resolve_error.as_ref().map(ErrorRef::from),
            works: host.works,
            addresses: views(&host.addresses),
            activation: host.activation.as_ref().map(ProbeView::from),
        }
    }
}

/// What a host address answered to the one activation request of `check --activate`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProbeView {
    /// The address the request went to: one request per address, however many names
    /// lead there.
    pub address: SocketAddr,
    /// Every host (configured or published) that led to this address.
    pub names: Vec<ProbedNameView>,
    /// The host's error HRESULT, if it answered with one.
    pub hresult: Option<HResult>,
    /// Why there is no valid answer, if there is none.
    pub error: Option<String>,
    /// The product's N_Policy.
    pub threshold: u32,
    /// The host's answer; null when the request failed.
    pub response: Option<ResponseView>,
}

impl From<&ActivationProbe> for ProbeView {
    fn from(probe: &ActivationProbe) -> Self {
        let (response, failure) = match &probe.answer {
            Ok(response) => (Some(ResponseView::from(response)), None),
            Err(failure) => (None, Some(failure)),
        };
        ProbeView {
            address: probe.address,
            names: views(&probe.names),
            hresult: failure.and_then(|f| f.hresult),
            error: failure.map(|f| f.error.clone()),
            threshold: probe.threshold,
            response,
        }
    }
}

/// A host that led to a probed address: the domain it was published in (or `(skms)`),
/// its name and port.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProbedNameView {
    pub domain: String,
    pub host: String,
    pub port: u16,
}

impl From<&ProbedName> for ProbedNameView {
    fn from(name: &ProbedName) -> Self {
        ProbedNameView {
            domain: source_domain(&name.source).to_owned(),
            host: name.target.host.to_string(),
            port: name.target.port,
        }
    }
}

/// `--expiry`: one installed product.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExpiryView {
    pub product: String,
    pub activation_id: Uuid,
    pub status: LicenseStatusView,
    /// Until the activation (or grace) ends; 0 in notification.
    pub seconds_left: u64,
}

impl From<&ExpiryHealth> for ExpiryView {
    fn from(expiry: &ExpiryHealth) -> Self {
        ExpiryView {
            product: expiry.product.clone(),
            activation_id: expiry.activation_id,
            status: expiry.status.into(),
            seconds_left: expiry.seconds_left,
        }
    }
}
