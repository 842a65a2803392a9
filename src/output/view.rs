//! The JSON views shared by several documents: how vlmgr's internal vocabulary (state,
//! address, client, protocol types) is spelled in the public `--json` contract, above all
//! the one host ([`HostView`]) and the one host's answer ([`ResponseView`]) of every
//! document. Internal types carry no serde for the CLI; a rename there cannot change what
//! scripts parse.

use std::net::IpAddr;

use serde::Serialize;
use uuid::Uuid;

use super::report::NamedProduct;
use crate::address::{AddressOrigin, HostPort, HostSource};
use crate::client::Candidate;
use crate::protocol::kms::KmsResponse;
use crate::spp::values::{DiscoveredHost, KmsSettings};
use crate::spp::{self, ActivationType, Service};
use crate::state::{
    AttemptOutcome, CachedHost, ConfiguredHost, LicenseStatus, ObservedHost, ObservedResponse,
};

/// A product: name and Activation ID.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ProductRef {
    pub(crate) name: String,
    pub(crate) activation_id: Uuid,
}

impl From<&NamedProduct> for ProductRef {
    fn from(product: &NamedProduct) -> Self {
        ProductRef {
            name: product.name.clone(),
            activation_id: product.activation_id,
        }
    }
}

/// A KMS host: the one shape of a host in every document (docs/json.md, "Hosts").
/// `name` and `port` always; `source`, `ip`, `address_origin` and `addresses` where the
/// document knows them, absent elsewhere (never null).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct HostView {
    /// The DNS name or IP literal, as configured or found (an IPv6 literal without
    /// brackets); null only for an `skms :port` setting, a port without a host.
    pub(crate) name: Option<String>,
    pub(crate) port: u16,
    /// Where the host came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "HostSourceView"))]
    pub(crate) source: Option<HostSourceView>,
    /// The address connected to: the one that answered, failed or was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "IpAddr"))]
    pub(crate) ip: Option<IpAddr>,
    /// Where `ip` came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "AddressOriginView"))]
    pub(crate) address_origin: Option<AddressOriginView>,
    /// The host's addresses: kept in the state (the one that answered first), or
    /// resolved in this run (IPv6 and IPv4 interleaved, in the order they are tried).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<IpAddr>"))]
    pub(crate) addresses: Option<Vec<IpAddr>>,
}

impl HostView {
    /// A host and where it came from; nothing known of its addresses.
    pub(crate) fn new(target: &HostPort, source: &HostSource) -> HostView {
        HostView {
            name: Some(target.host.to_string()),
            port: target.port,
            source: Some(source.into()),
            ip: None,
            address_origin: None,
            addresses: None,
        }
    }

    /// The address connected to, and where it came from when that is known.
    pub(crate) fn connected(mut self, ip: IpAddr, origin: Option<AddressOrigin>) -> HostView {
        self.ip = Some(ip);
        self.address_origin = origin.map(AddressOriginView::from);
        self
    }

    /// The addresses known for the host.
    pub(crate) fn with_addresses(mut self, addresses: &[IpAddr]) -> HostView {
        self.addresses = Some(addresses.to_vec());
        self
    }

    /// An `skms` setting with the addresses kept for it.
    pub(crate) fn configured(configured: &ConfiguredHost) -> HostView {
        let address = &configured.address;
        HostView {
            name: address.host.as_ref().map(ToString::to_string),
            port: address.port,
            source: Some(HostSourceView::Configured),
            ip: None,
            address_origin: None,
            addresses: Some(configured.addresses.clone()),
        }
    }

    /// The cached host with the addresses kept for it.
    pub(crate) fn cached(cached: &CachedHost) -> HostView {
        HostView::new(&cached.target, &HostSource::Cached).with_addresses(&cached.addresses)
    }

    /// The host of a recorded attempt, at the address that answered (or failed).
    pub(crate) fn observed(host: &ObservedHost, origin: Option<AddressOrigin>) -> HostView {
        HostView::new(&host.target, &host.source).connected(host.ip, origin)
    }
}

impl HostView {
    /// A KMS host set in Windows' licensing service (`skms` there): Windows keeps no
    /// addresses for it, so none are shown.
    pub(crate) fn windows_setting(settings: &KmsSettings) -> Option<HostView> {
        let target = settings.registered_host()?;
        Some(HostView::new(&target, &HostSource::Configured))
    }

    /// The host Windows itself found and last used (`DiscoveredKeyManagementService*`),
    /// at the address Windows recorded; none when Windows has no name and port for it.
    pub(crate) fn windows_discovered(discovered: &DiscoveredHost) -> Option<HostView> {
        let target = discovered.host()?;
        let mut view = HostView::new(&target, &HostSource::Configured);
        view.source = Some(HostSourceView::Windows);
        view.ip = windows_ip(discovered);
        Some(view)
    }

    /// A license's registered (`skms`) host and the host Windows found, with the IP
    /// Windows recorded where slmgr's `dlv` shows it: after the registered host when one
    /// is set (Windows used it), else after the one it found.
    pub(crate) fn windows_hosts(product: &spp::Product) -> (Option<HostView>, Option<HostView>) {
        let mut discovered = HostView::windows_discovered(&product.discovered);
        match HostView::windows_setting(&product.kms) {
            Some(mut registered) => {
                registered.ip = windows_ip(&product.discovered);
                if let Some(found) = &mut discovered {
                    found.ip = None;
                }
                (Some(registered), discovered)
            }
            None => (None, discovered),
        }
    }

    /// The host a license was last activated by: its registered host, else the one
    /// Windows found, each with the IP Windows recorded ([`HostView::windows_hosts`]).
    pub(crate) fn windows_used(product: &spp::Product) -> Option<HostView> {
        let (registered, discovered) = HostView::windows_hosts(product);
        registered.or(discovered)
    }
}

/// The address Windows recorded for the host it used, without an IPv6 zone (`%12` names
/// an interface of this machine); none when Windows recorded none, or something that is
/// no address (the text output shows it as Windows spells it).
fn windows_ip(discovered: &DiscoveredHost) -> Option<IpAddr> {
    let text = discovered.ip.as_deref()?;
    let address = text
        .split_once('%')
        .map_or(text, |(address, _zone)| address);
    address.trim().parse().ok()
}

impl From<&Candidate> for HostView {
    /// A candidate: the host, the address tried and where both came from.
    fn from(candidate: &Candidate) -> Self {
        HostView::new(&candidate.target, &candidate.source)
            .connected(candidate.ip, Some(candidate.origin))
    }
}

/// Where the address connected to came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum AddressOriginView {
    /// The host is an IP literal.
    Literal,
    /// Kept in the state from the host's last answer (no DNS needed).
    Known,
    /// The additional section of the SRV answer.
    SrvAnswer,
    /// An A or AAAA lookup in this run.
    Lookup,
}

impl From<AddressOrigin> for AddressOriginView {
    fn from(origin: AddressOrigin) -> Self {
        match origin {
            AddressOrigin::Literal => Self::Literal,
            AddressOrigin::Known => Self::Known,
            AddressOrigin::SrvAnswer => Self::SrvAnswer,
            AddressOrigin::Lookup => Self::Lookup,
        }
    }
}

/// Where a host came from: `{"kind": "configured"}`, `{"kind": "command_line"}`,
/// `{"kind": "cached"}`, `{"kind": "dns", "domain": "corp.example"}` or, with the system
/// backend, `{"kind": "windows"}` (found by Windows itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum HostSourceView {
    Configured,
    CommandLine,
    Cached,
    Dns {
        domain: String,
    },
    /// Found by Windows itself (its own DNS discovery or host cache: the system backend);
    /// Windows does not say in which domain.
    Windows,
}

impl From<&HostSource> for HostSourceView {
    fn from(source: &HostSource) -> Self {
        match source {
            HostSource::Configured => Self::Configured,
            HostSource::CommandLine => Self::CommandLine,
            HostSource::Cached => Self::Cached,
            HostSource::Dns { domain } => Self::Dns {
                domain: domain.clone(),
            },
        }
    }
}

/// How an activation attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum OutcomeView {
    Activated,
    CountTooLow,
    HostError,
    Unreachable,
    InvalidResponse,
    /// The system backend: `Activate` returned, but Windows did not license the product
    /// (`license_status` and `license_status_reason` say how it stands).
    NotLicensed,
}

impl From<AttemptOutcome> for OutcomeView {
    fn from(outcome: AttemptOutcome) -> Self {
        match outcome {
            AttemptOutcome::Activated => Self::Activated,
            AttemptOutcome::CountTooLow => Self::CountTooLow,
            AttemptOutcome::HostError => Self::HostError,
            AttemptOutcome::Unreachable => Self::Unreachable,
            AttemptOutcome::InvalidResponse => Self::InvalidResponse,
        }
    }
}

/// A product's license status: `licensed`, `initial_grace` or `notification`; with the
/// system backend also `unlicensed`, `additional_grace`, `non_genuine_grace`,
/// `extended_grace` and `unknown` (Windows' `LicenseStatus` 0 to 6, or another number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum LicenseStatusView {
    Unlicensed,
    Licensed,
    InitialGrace,
    AdditionalGrace,
    NonGenuineGrace,
    Notification,
    ExtendedGrace,
    Unknown,
}

impl LicenseStatusView {
    /// slmgr's `License Status:` text.
    pub(crate) fn slmgr_text(self) -> &'static str {
        match self {
            Self::Unlicensed => "Unlicensed",
            Self::Licensed => "Licensed",
            Self::InitialGrace => "Initial grace period",
            Self::AdditionalGrace => {
                "Additional grace period (KMS license expired or hardware out of tolerance)"
            }
            Self::NonGenuineGrace => "Non-genuine grace period.",
            Self::Notification => "Notification",
            Self::ExtendedGrace => "Extended grace period",
            Self::Unknown => "Unknown",
        }
    }
}

impl From<spp::LicenseStatus> for LicenseStatusView {
    fn from(status: spp::LicenseStatus) -> Self {
        use spp::LicenseStatus as Spp;
        match status {
            Spp::Unlicensed => Self::Unlicensed,
            Spp::Licensed => Self::Licensed,
            Spp::InitialGrace => Self::InitialGrace,
            Spp::AdditionalGrace => Self::AdditionalGrace,
            Spp::NonGenuineGrace => Self::NonGenuineGrace,
            Spp::Notification => Self::Notification,
            Spp::ExtendedGrace => Self::ExtendedGrace,
            Spp::Unknown(_) => Self::Unknown,
        }
    }
}

/// Which licensing a document's command acted on (docs/windows.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum BackendView {
    /// vlmgr's own KMS client and its state file (every OS).
    Standalone,
    /// Windows' own licensing service, through WMI (Windows).
    System,
}

/// The licensing service's own settings (`SoftwareLicensingService`): `dli` / `dlv`'s
/// `service` and `discover`'s `system.service`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ServiceView {
    /// `Version`.
    pub(crate) version: String,
    /// `ClientMachineID`: the OS's CMID.
    pub(crate) client_machine_id: Option<Uuid>,
    /// The global `skms` host (`KeyManagementServiceMachine` and `...Port`).
    pub(crate) kms_host: Option<HostView>,
    /// The global `skms-domain` (`KeyManagementServiceLookupDomain`).
    pub(crate) lookup_domain: Option<String>,
    /// `KeyManagementServiceHostCaching`.
    pub(crate) host_caching: bool,
    /// `RemainingWindowsReArmCount`.
    pub(crate) remaining_windows_rearm_count: Option<u32>,
}

impl From<&Service> for ServiceView {
    fn from(service: &Service) -> Self {
        ServiceView {
            version: service.version.clone(),
            client_machine_id: service.client_machine_id,
            kms_host: HostView::windows_setting(&service.kms),
            lookup_domain: service.kms.lookup_domain.clone(),
            host_caching: service.host_caching,
            remaining_windows_rearm_count: service.remaining_windows_rearm_count,
        }
    }
}

/// `VLActivationTypeEnabled`: which activation a license is configured for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum ActivationTypeView {
    All,
    ActiveDirectory,
    Kms,
    Token,
    Unknown,
}

impl From<ActivationType> for ActivationTypeView {
    fn from(kind: ActivationType) -> Self {
        match kind {
            ActivationType::All => Self::All,
            ActivationType::ActiveDirectory => Self::ActiveDirectory,
            ActivationType::Kms => Self::Kms,
            ActivationType::Token => Self::Token,
            ActivationType::Other(_) => Self::Unknown,
        }
    }
}

impl From<LicenseStatus> for LicenseStatusView {
    fn from(status: LicenseStatus) -> Self {
        match status {
            LicenseStatus::Licensed => Self::Licensed,
            LicenseStatus::InitialGrace => Self::InitialGrace,
            LicenseStatus::Notification => Self::Notification,
        }
    }
}

/// What a host answered to an activation request: the one shape of a host's answer
/// (`ato` / `renew`'s `response`, `check --activate`'s, `dli` / `dlv`'s last attempt's).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ResponseView {
    pub(crate) epid: String,
    /// The host's hardware ID, 16 upper-case hex digits (protocol 6 only).
    pub(crate) hwid: Option<String>,
    pub(crate) count: u32,
    pub(crate) activation_interval_minutes: u32,
    pub(crate) renewal_interval_minutes: u32,
}

impl From<&ObservedResponse> for ResponseView {
    fn from(response: &ObservedResponse) -> Self {
        ResponseView {
            epid: response.epid.clone(),
            hwid: response.hwid.clone(),
            count: response.count,
            activation_interval_minutes: response.activation_interval_minutes,
            renewal_interval_minutes: response.renewal_interval_minutes,
        }
    }
}

impl From<&KmsResponse> for ResponseView {
    /// As the state records it ([`ObservedResponse`]): one spelling of the HwId.
    fn from(response: &KmsResponse) -> Self {
        ResponseView::from(&ObservedResponse::from(response))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::address::{Host, KmsAddress};

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an IP")
    }

    #[test]
    fn a_host_has_name_and_port_and_what_the_document_knows() {
        let target = HostPort::new(Host::parse("kms.corp.test").expect("host"), 1688);
        let source = HostSource::Dns {
            domain: "corp.test".into(),
        };
        let candidate = Candidate {
            target: target.clone(),
            ip: ip("2001:db8::5"),
            source: source.clone(),
            origin: AddressOrigin::SrvAnswer,
        };
        assert_eq!(
            serde_json::to_value(HostView::from(&candidate)).expect("JSON"),
            json!({"name": "kms.corp.test", "port": 1688,
                   "source": {"kind": "dns", "domain": "corp.test"},
                   "ip": "2001:db8::5", "address_origin": "srv_answer"})
        );
        assert_eq!(
            serde_json::to_value(HostView::new(&target, &source)).expect("JSON"),
            json!({"name": "kms.corp.test", "port": 1688,
                   "source": {"kind": "dns", "domain": "corp.test"}})
        );
        let cached = CachedHost {
            target,
            addresses: Vec::new(),
            domain: Some("corp.test".into()),
        };
        assert_eq!(
            serde_json::to_value(HostView::cached(&cached)).expect("JSON"),
            json!({"name": "kms.corp.test", "port": 1688, "source": {"kind": "cached"},
                   "addresses": []})
        );
    }

    #[test]
    fn a_port_alone_has_no_name() {
        let mut configured = ConfiguredHost::new(KmsAddress::parse(":1700").expect("port"));
        assert_eq!(
            serde_json::to_value(HostView::configured(&configured)).expect("JSON"),
            json!({"name": null, "port": 1700, "source": {"kind": "configured"},
                   "addresses": []})
        );
        configured.address = KmsAddress::parse("[2001:db8::1]:1800").expect("address");
        configured.addresses = vec![ip("2001:db8::1")];
        assert_eq!(
            serde_json::to_value(HostView::configured(&configured)).expect("JSON"),
            json!({"name": "2001:db8::1", "port": 1800, "source": {"kind": "configured"},
                   "addresses": ["2001:db8::1"]})
        );
    }
}
