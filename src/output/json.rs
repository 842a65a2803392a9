//! The `--json` documents: the public contract scripts and monitoring parse.
//!
//! Every document is one object with `"schema_version"` first, its body the view of what
//! the command reported ([`super::report`]). Each document's view is made in one place:
//! here for `discover` and `check`, [`super::activation`] for `ato` / `renew`,
//! [`super::local`] for the others; [`super::view`] holds the views they share.
//! docs/json.md describes the documents and docs/schema/ holds their JSON Schemas,
//! generated from these types (feature `schema`).

use std::net::SocketAddr;

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use uuid::Uuid;

use super::ErrorView;
use super::activation::ActivationView;
use super::local::{ExpirationsView, LicensesView, MessageView, ProductsView};
use super::report::{
    ActivationProbe, CachedHostUse, CheckReport, DiscoverResult, DomainHealth, ExpiryHealth,
    Finding, HostHealth, Report, Severity, SystemReport,
};
use super::style::is_hidden_or_control;
use super::view::{HostView, LicenseStatusView, ProductRef, ResponseView, ServiceView};
use crate::address::HostSource;
use crate::client::{AddressCheck, CheckOutcome, CheckStage, millis};
use crate::locator::{
    DomainSource, NameServer, QueryOutcome, QueryResult, ResolvedTarget, SearchDomain,
    ServerSource, SrvOrder, SrvRecord, TracedError,
};
use crate::protocol::HResult;

/// The version of the documents' shape. It goes up when a field is removed or renamed or
/// changes its type or meaning; adding a field leaves it (docs/json.md).
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// A document: the version, then the body's fields.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct Document<T> {
    /// The version of the documents' shape (docs/json.md).
    pub(crate) schema_version: u32,
    #[serde(flatten)]
    pub(crate) body: T,
}

/// A failed command's document: `{"schema_version": 2, "error": {...}}`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ErrorBody<'a> {
    pub(crate) error: &'a ErrorView,
}

/// The JSON document of a command's report, pretty-printed with a final newline.
pub fn report_document(report: &Report) -> String {
    match report {
        Report::Message(message) => render(&MessageView::from(message)),
        Report::Licenses(licenses) => render(&LicensesView::from(licenses)),
        Report::Expiration(expiration) => render(&ExpirationsView::from(expiration)),
        Report::Products(products) => render(&ProductsView::from(products)),
        Report::Discovery(result) => render(&DiscoverView::from(result.as_ref())),
        Report::Check(check) => render(&CheckView::from(check.as_ref())),
        Report::Activation(activation) => render(&ActivationView::from(activation.as_ref())),
        Report::System(system) => match system.as_ref() {
            SystemReport::Licenses(licenses) => render(&LicensesView::from(licenses)),
            SystemReport::Expiration(expiration) => render(&ExpirationsView::from(expiration)),
            SystemReport::Message(message) => render(&MessageView::from(message)),
            SystemReport::Activation(activation) => {
                render(&ActivationView::from(activation.as_ref()))
            }
        },
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
    let mut text = Vec::with_capacity(1024);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut text, TerminalSafe(PrettyFormatter::new()));
    match document.serialize(&mut serializer) {
        // The formatter writes only what serde_json gives it and ASCII escapes: UTF-8.
        Ok(()) => String::from_utf8_lossy(&text).into_owned() + "\n",
        // Serializing plain data structures cannot fail; say so if it ever does.
        Err(e) => format!("{{\"error\": {{\"message\": \"cannot serialize output: {e}\"}}}}\n"),
    }
}

/// serde_json's pretty layout, with every character that would act on a terminal or
/// disguise text ([`is_hidden_or_control`]: C0 and C1 controls, DEL, bidi overrides and
/// isolates, zero-width and other format characters) written as a `\uXXXX` escape.
/// serde_json escapes only C0, `"` and `\`; the rest is legal raw in JSON, but a raw
/// U+202E from a host's ePID would reorder what `vlmgr --json | less` shows. The escape
/// decodes to the same string, so no value changes (docs/json.md).
struct TerminalSafe(PrettyFormatter<'static>);

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_hidden_or_control(c)) {
            let (plain, after) = rest.split_at(at);
            writer.write_all(plain.as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = after.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// An error as reported in a document: the HRESULT and the message.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ErrorRef {
    pub(crate) hresult: HResult,
    pub(crate) message: String,
}

impl From<&TracedError> for ErrorRef {
    fn from(error: &TracedError) -> Self {
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
    pub(crate) checked: bool,
    /// The `skms` setting in force, which makes activation skip DNS.
    pub(crate) kms_host_override: Option<HostView>,
    /// Remarks about the configuration (e.g. skms hiding DNS).
    pub(crate) notes: Vec<String>,
    /// The name servers asked (for names without a resolver of their own).
    pub(crate) servers: Vec<SocketAddr>,
    /// Every name server, with where it came from (docs/platforms.md).
    pub(crate) name_servers: Vec<NameServerView>,
    /// Values of the resolver configuration that were missing or unusable, and skipped.
    pub(crate) configuration_notes: Vec<String>,
    pub(crate) order: SrvOrderView,
    /// The domains searched, in order, and why.
    pub(crate) domains: Vec<DomainView>,
    /// Each SRV query and its outcome (the walk stops at the first domain with records).
    pub(crate) tried: Vec<QueryView>,
    /// The domain whose records are used, if any.
    pub(crate) found_domain: Option<DomainView>,
    /// That domain's records as the server sent them.
    pub(crate) records_as_received: Vec<SrvRecordView>,
    /// The usable records in the order they are tried.
    pub(crate) ordered: Vec<SrvRecordView>,
    /// The addresses of each ordered record's target.
    pub(crate) targets: Vec<TargetView>,
    /// Why no host was found (the exit code is then 3).
    pub(crate) error: Option<ErrorRef>,
    /// What the searched domains mean for clients.
    pub(crate) hints: Vec<String>,
    /// `--check`: connect + RPC bind per address; empty without it.
    pub(crate) checks: Vec<AddressCheckView>,
    /// Each installed product's cached host, and whether `ato` and `renew` try it first.
    pub(crate) cached_hosts: Vec<CachedHostView>,
    /// On Windows with the system backend: what Windows' licensing service has set and
    /// last discovered, beside vlmgr's own view above; null elsewhere, with
    /// `--standalone`, or when it could not be read (`notes` says why).
    pub(crate) system: Option<SystemKmsView>,
}

/// A product's cached host (docs/activation.md, "What happens").
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct CachedHostView {
    pub(crate) product: ProductRef,
    /// The host, with the addresses kept for it.
    pub(crate) host: HostView,
    /// The domain whose SRV records named it (null in state files older than issue 24).
    pub(crate) found_in: Option<String>,
    /// Whether `ato` and `renew` try it first, before discovery.
    pub(crate) tried_first: bool,
    /// Why not, when it is not: `skms` is set, caching is off, or it was found in a
    /// domain that is not searched now.
    pub(crate) not_used_because: Option<String>,
}

impl From<&CachedHostUse> for CachedHostView {
    fn from(cached: &CachedHostUse) -> Self {
        CachedHostView {
            product: ProductRef::from(&cached.product),
            host: HostView::cached(&cached.host),
            found_in: cached.host.domain.clone(),
            tried_first: cached.unused.is_none(),
            not_used_because: cached.unused.as_ref().map(ToString::to_string),
        }
    }
}

/// What Windows itself has: the licensing service's settings and, for each KMS client
/// license with a key, its own settings and the host Windows last found.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct SystemKmsView {
    pub(crate) service: ServiceView,
    pub(crate) products: Vec<SystemKmsProductView>,
}

/// A KMS client license's settings and discovered host, as Windows holds them.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct SystemKmsProductView {
    pub(crate) product: ProductRef,
    pub(crate) license_status: LicenseStatusView,
    /// The license's own `skms` host, with the IP Windows recorded when it used it.
    pub(crate) kms_host: Option<HostView>,
    /// The license's own `skms-domain`.
    pub(crate) lookup_domain: Option<String>,
    /// The host Windows found itself and last used (its name, port and IP).
    pub(crate) discovered_host: Option<HostView>,
    pub(crate) activation_interval_minutes: u32,
    pub(crate) renewal_interval_minutes: u32,
}

impl From<&crate::spp::commands::SystemKms> for SystemKmsView {
    fn from(system: &crate::spp::commands::SystemKms) -> Self {
        SystemKmsView {
            service: ServiceView::from(&system.service),
            products: system
                .products
                .iter()
                .map(|product| {
                    let (kms_host, discovered_host) = HostView::windows_hosts(product);
                    SystemKmsProductView {
                        product: ProductRef {
                            name: product.name.clone(),
                            activation_id: product.id,
                        },
                        license_status: product.license_status.into(),
                        kms_host,
                        lookup_domain: product.kms.lookup_domain.clone(),
                        discovered_host,
                        activation_interval_minutes: product.activation_interval_minutes,
                        renewal_interval_minutes: product.renewal_interval_minutes,
                    }
                })
                .collect(),
        }
    }
}

impl From<&DiscoverResult> for DiscoverView {
    fn from(result: &DiscoverResult) -> Self {
        let trace = &result.discovery;
        DiscoverView {
            checked: result.checked,
            kms_host_override: result.kms_host_override.as_ref().map(HostView::configured),
            notes: result.notes.clone(),
            servers: trace.servers.0.clone(),
            name_servers: views(&trace.name_servers),
            configuration_notes: trace.configuration_notes.clone(),
            order: trace.order.into(),
            domains: trace.domains.iter().map(DomainView::from).collect(),
            tried: trace.tried.iter().map(QueryView::from).collect(),
            found_domain: trace.found_domain.as_ref().map(DomainView::from),
            records_as_received: views(&trace.records_as_received),
            ordered: views(&trace.ordered),
            targets: trace
                .targets
                .iter()
                .map(|target| TargetView::new(target, trace.found_domain.as_ref()))
                .collect(),
            error: trace.error.as_ref().map(ErrorRef::from),
            hints: trace.hints.clone(),
            checks: views(&result.checks),
            cached_hosts: views(&result.cached_hosts),
            system: result.system.as_ref().map(SystemKmsView::from),
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
pub(crate) enum SrvOrderView {
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
pub(crate) struct DomainView {
    pub(crate) name: String,
    pub(crate) source: DomainSourceView,
    /// Exactly where: the file, the registry value, the dynamic store key; none for a
    /// lookup domain or a domain given on the command line.
    pub(crate) origin: Option<String>,
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
pub(crate) struct NameServerView {
    pub(crate) address: SocketAddr,
    pub(crate) source: ServerSourceView,
    /// Exactly where: a file, a registry value, a dynamic store key.
    pub(crate) origin: String,
    /// The domain it answers for (split DNS); none: every other name.
    pub(crate) domain: Option<String>,
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

/// Where a name server came from (`command_line`: `--dns-server`, or `VLMGR_DNS_SERVER`,
/// which `origin` then names).
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum ServerSourceView {
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
            // The contract's `command_line` covers both; `origin` tells them apart.
            ServerSource::CommandLine | ServerSource::Environment => Self::CommandLine,
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
pub(crate) enum DomainSourceView {
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
pub(crate) struct QueryView {
    pub(crate) domain: DomainView,
    /// `_vlmcs._tcp.<domain>`.
    pub(crate) query_name: String,
    pub(crate) result: QueryResultView,
    pub(crate) elapsed_ms: u64,
    /// The name servers the query was sent to.
    pub(crate) servers: Vec<SocketAddr>,
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
pub(crate) enum QueryResultView {
    Records {
        count: usize,
    },
    NxDomain,
    NoData,
    /// The only record has target "." (service not available).
    NoService,
    /// There are records, but none names a target that can be asked for.
    UnusableTargets {
        records: Vec<UnusableTargetView>,
    },
    ServerFailure {
        reason: String,
    },
    /// Only answers that are not valid answers to the query came back.
    Malformed {
        reason: String,
    },
    /// This machine could not open a socket to ask (its open-file limit).
    LocalLimit {
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
            QueryResult::UnusableTargets { records } => Self::UnusableTargets {
                records: records.iter().map(UnusableTargetView::from).collect(),
            },
            QueryResult::ServerFailure { reason } => Self::ServerFailure {
                reason: reason.clone(),
            },
            QueryResult::Malformed { reason } => Self::Malformed {
                reason: reason.clone(),
            },
            QueryResult::LocalLimit { reason } => Self::LocalLimit {
                reason: reason.clone(),
            },
        }
    }
}

/// One SRV record.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct SrvRecordView {
    pub(crate) priority: u16,
    pub(crate) weight: u16,
    pub(crate) port: u16,
    pub(crate) target: String,
}

/// An SRV record whose target cannot be used, and why.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct UnusableTargetView {
    pub(crate) priority: u16,
    pub(crate) weight: u16,
    pub(crate) port: u16,
    /// The target as text, with unprintable bytes escaped (`\\033` for ESC).
    pub(crate) target: String,
    /// Why it cannot be used.
    pub(crate) reason: String,
}

impl From<&SrvRecord> for UnusableTargetView {
    fn from(record: &SrvRecord) -> Self {
        UnusableTargetView {
            priority: record.priority,
            weight: record.weight,
            port: record.port,
            target: record.target.clone(),
            reason: record.unusable.clone().unwrap_or_default(),
        }
    }
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
pub(crate) struct TargetView {
    /// The record's target and port, found in the domain, with the addresses it resolved
    /// to (IPv6 and IPv4 interleaved, in the order they are tried).
    pub(crate) host: HostView,
    pub(crate) error: Option<ErrorRef>,
    /// Whether the addresses came from the SRV answer's additional section.
    pub(crate) from_srv_answer: bool,
}

impl TargetView {
    fn new(target: &ResolvedTarget, found_in: Option<&SearchDomain>) -> TargetView {
        let source = HostSource::Dns {
            domain: found_in.map_or_else(String::new, |domain| domain.name.clone()),
        };
        TargetView {
            host: HostView::new(&target.target, &source).with_addresses(&target.addresses),
            error: target.error.as_ref().map(ErrorRef::from),
            from_srv_answer: target.from_srv_answer,
        }
    }
}

/// Connect + RPC bind of one address.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct AddressCheckView {
    /// The host, at the address checked.
    pub(crate) host: HostView,
    pub(crate) outcome: CheckOutcomeView,
    /// Until the TCP connection was established, if it was.
    pub(crate) connect_ms: Option<u64>,
    /// Until the outcome was known.
    pub(crate) total_ms: u64,
}

impl From<&AddressCheck> for AddressCheckView {
    fn from(check: &AddressCheck) -> Self {
        AddressCheckView {
            host: HostView::from(&check.candidate),
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
pub(crate) enum CheckOutcomeView {
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
    /// This machine could not open the connection (its open-file limit): not the host's
    /// doing.
    LocalLimit {
        reason: String,
    },
    /// `--timeout` came before the check ended; `started`: whether it had begun, or was
    /// still waiting for its turn. Not the host's doing.
    Unfinished {
        started: bool,
    },
}

/// The step a check was at.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum CheckStageView {
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
            CheckOutcome::LocalLimit { reason } => Self::LocalLimit {
                reason: reason.clone(),
            },
            CheckOutcome::Unfinished { started } => Self::Unfinished { started: *started },
        }
    }
}

/// `check`: KMS health for monitoring.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct CheckView {
    /// The worst severity found.
    pub(crate) status: Severity,
    /// Whether activation requests were sent (each counts this client on its host).
    pub(crate) activation_requests_sent: bool,
    pub(crate) domains: Vec<DomainHealthView>,
    pub(crate) hosts: Vec<HostHealthView>,
    pub(crate) expiry: Vec<ExpiryView>,
    pub(crate) findings: Vec<Finding>,
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
pub(crate) struct DomainHealthView {
    pub(crate) domain: String,
    /// Every domain searched, in order.
    pub(crate) searched: Vec<String>,
    /// Usable SRV records.
    pub(crate) records: usize,
    /// Whether the name servers answered the SRV queries (with records or without);
    /// false when they failed, did not answer or answered malformed, and whether records
    /// exist is then not known (`records` is 0 either way).
    pub(crate) lookup_ok: bool,
    pub(crate) error: Option<ErrorRef>,
}

impl From<&DomainHealth> for DomainHealthView {
    fn from(domain: &DomainHealth) -> Self {
        DomainHealthView {
            domain: domain.domain.clone(),
            searched: domain.searched.clone(),
            records: domain.records,
            lookup_ok: domain.lookup_ok(),
            error: domain.error.as_ref().map(ErrorRef::from),
        }
    }
}

/// One published or configured host.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct HostHealthView {
    /// The host, configured (`skms`) or published in a domain.
    pub(crate) host: HostView,
    pub(crate) resolve_error: Option<ErrorRef>,
    /// Whether any of its addresses completed the RPC bind.
    pub(crate) works: bool,
    /// Connect + RPC bind of each of its addresses.
    pub(crate) checks: Vec<AddressCheckView>,
    /// `--activate`: the answer to the request sent to its address; null without
    /// `--activate` and for hosts that did not bind.
    pub(crate) activation: Option<ProbeView>,
}

/// The `domain` check's metrics give the configured (`skms`) host.
pub(crate) const CONFIGURED_DOMAIN: &str = "(skms)";

/// A host's source as check's metrics name it: the domain it was published in, or
/// `(skms)`.
pub(crate) fn source_domain(source: &HostSource) -> &str {
    source.dns_domain().unwrap_or(CONFIGURED_DOMAIN)
}

impl From<&HostHealth> for HostHealthView {
    fn from(host: &HostHealth) -> Self {
        HostHealthView {
            host: HostView::new(&host.target, &host.source),
            resolve_error: host.resolve_error.as_ref().map(ErrorRef::from),
            works: host.works,
            checks: views(&host.addresses),
            activation: host.activation.as_ref().map(ProbeView::from),
        }
    }
}

/// What a host address answered to the one activation request of `check --activate`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ProbeView {
    /// Every host (configured or published) that led to the address the request went to
    /// (their `ip` and `port`): one request per address, however many hosts lead there.
    pub(crate) hosts: Vec<HostView>,
    /// The host's error HRESULT, if it answered with one.
    pub(crate) hresult: Option<HResult>,
    /// Why there is no valid answer, if there is none.
    pub(crate) error: Option<String>,
    /// The product's N_Policy.
    pub(crate) threshold: u32,
    /// The host's answer; null when the request failed.
    pub(crate) response: Option<ResponseView>,
}

impl From<&ActivationProbe> for ProbeView {
    fn from(probe: &ActivationProbe) -> Self {
        let (response, failure) = match &probe.answer {
            Ok(response) => (Some(ResponseView::from(response)), None),
            Err(failure) => (None, Some(failure)),
        };
        ProbeView {
            hosts: probe
                .names
                .iter()
                .map(|name| {
                    HostView::new(&name.target, &name.source).connected(probe.address.ip(), None)
                })
                .collect(),
            hresult: failure.and_then(|f| f.hresult),
            error: failure.map(|f| f.error.clone()),
            threshold: probe.threshold,
            response,
        }
    }
}

/// `--expiry`: one installed product.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ExpiryView {
    pub(crate) product: String,
    pub(crate) activation_id: Uuid,
    pub(crate) status: LicenseStatusView,
    /// Until the activation (or grace) ends; 0 in notification.
    pub(crate) seconds_left: u64,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_escape_what_would_act_on_a_terminal_and_keep_every_value() {
        let hostile = "ePID\u{202e}1033\u{1b}[2J\u{7f}\u{9b}\u{200b}\u{feff}\u{e0041} Café 🔑";
        let error = ErrorView {
            hresult: None,
            message: hostile.to_owned(),
            hint: String::new(),
            exit_code: crate::exit_codes::Exit::Usage,
        };
        let text = error_document(&error);
        assert!(
            !text.chars().any(|c| c != '\n' && is_hidden_or_control(c)),
            "{text}"
        );
        assert!(
            text.contains(
                r#""ePID\u202e1033\u001b[2J\u007f\u009b\u200b\ufeff\udb40\udc41 Café 🔑""#
            ),
            "{text}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed["error"]["message"], hostile);
        // The layout is serde_json's pretty one.
        assert!(
            text.starts_with("{\n  \"schema_version\": 2,\n  \"error\": {\n"),
            "{text}"
        );
    }
}
