//! The documents of the commands that read or change only the local state and the
//! catalog, or Windows' licensing service with the system backend: the setters and
//! installers, `dli` / `dlv`, `xpr`, `products`. Each view is made here from what the
//! command reports ([`super::report`]), one `From` per backend, and nowhere else.

use serde::Serialize;
use uuid::Uuid;

use super::report::{
    ExpirationReport, License, LicensesReport, MessageReport, ProductsReport, SetterScope,
    SettingScope, SettingsInForce, SystemLicenses, SystemMessage, SystemSettings,
};
use super::time::iso8601;
use super::view::{
    ActivationTypeView, BackendView, HostView, LicenseStatusView, OutcomeView, ProductRef,
    ResponseView, ServiceView,
};
use crate::catalog::{self, Family};
use crate::protocol::HResult;
use crate::spp;
use crate::spp::commands::{KmsClientBlock, LicenseInfo};
use crate::state::ActivationRecord;

/// Setters and installers.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct MessageView {
    /// Which licensing the command acted on.
    pub(crate) backend: BackendView,
    /// The command, as the long name (`skms-domain`, `ipk`...).
    pub(crate) command: &'static str,
    /// slmgr's sentence, as the text output prints it.
    pub(crate) message: String,
    /// What the text output prints on stderr as `Warning: ...`.
    pub(crate) warnings: Vec<String>,
    /// Setters: the settings in force afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) settings: Option<SettingsView>,
    /// The product acted on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) product: Option<ProductRef>,
    /// The system backend's `ipk` / `upk`: `KeyManagementServiceVersion` in the registry
    /// afterwards, null when it was deleted (docs/windows.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) kms_version: Option<Option<String>>,
}

impl From<&MessageReport> for MessageView {
    fn from(report: &MessageReport) -> Self {
        MessageView {
            backend: BackendView::Standalone,
            command: report.command,
            message: report.message.clone(),
            warnings: report.warnings.clone(),
            settings: report.settings.as_ref().map(SettingsView::from),
            product: report.product.as_ref().map(ProductRef::from),
            kms_version: None,
        }
    }
}

impl From<&SystemMessage> for MessageView {
    fn from(report: &SystemMessage) -> Self {
        MessageView {
            backend: BackendView::System,
            command: report.command,
            message: report.message.clone(),
            warnings: report.warnings.clone(),
            settings: report.settings.as_ref().map(SettingsView::from),
            product: report.product.as_ref().map(ProductRef::from),
            kms_version: report.kms_version.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct SettingsView {
    /// The `skms` setting, with the addresses kept for it.
    pub(crate) kms_host: Option<HostView>,
    pub(crate) lookup_domain: Option<String>,
    pub(crate) host_caching: bool,
    /// "global", the Activation ID the settings belong to, or "all" (the global ones,
    /// which every product now uses: `all` removed the products' own).
    pub(crate) scope: String,
}

impl From<&SystemSettings> for SettingsView {
    fn from(settings: &SystemSettings) -> Self {
        SettingsView {
            kms_host: HostView::windows_setting(&settings.settings),
            lookup_domain: settings.settings.lookup_domain.clone(),
            host_caching: settings.host_caching,
            scope: scope_name(settings.scope),
        }
    }
}

/// "global" or the Activation ID.
fn scope_name(scope: Option<Uuid>) -> String {
    scope.map_or_else(|| "global".to_string(), |id| id.to_string())
}

impl From<&SettingsInForce> for SettingsView {
    fn from(settings: &SettingsInForce) -> Self {
        SettingsView {
            kms_host: settings.kms_host.as_ref().map(HostView::configured),
            lookup_domain: settings.lookup_domain.clone(),
            host_caching: settings.host_caching,
            scope: match settings.scope {
                SetterScope::Global => "global".to_string(),
                SetterScope::Product(id) => id.to_string(),
                SetterScope::All => "all".to_string(),
            },
        }
    }
}

/// `dli` / `dlv`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct LicensesView {
    /// Which licensing the command read.
    pub(crate) backend: BackendView,
    pub(crate) detailed: bool,
    /// The system backend: the licensing service's own settings; null with the
    /// standalone backend.
    pub(crate) service: Option<ServiceView>,
    pub(crate) products: Vec<LicenseView>,
}

impl From<&LicensesReport> for LicensesView {
    fn from(report: &LicensesReport) -> Self {
        LicensesView {
            backend: BackendView::Standalone,
            service: None,
            detailed: report.detailed,
            products: report
                .products
                .iter()
                .map(|license| LicenseView::new(report, license))
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct LicenseView {
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) activation_id: Uuid,
    pub(crate) application_id: Option<Uuid>,
    pub(crate) kms_counted_id: Option<Uuid>,
    /// `Volume:GVLK` with the standalone backend; Windows' `ProductKeyChannel` (null when
    /// Windows has none) with the system backend.
    pub(crate) product_key_channel: Option<String>,
    /// Null for a license without a key (the system backend's `all`: not in use).
    pub(crate) partial_product_key: Option<String>,
    pub(crate) license_status: LicenseStatusView,
    /// Minutes left in the current status (activation window or grace).
    pub(crate) minutes_left: u32,
    /// When the current status ends (ISO 8601 UTC), if it does.
    pub(crate) status_ends_at: Option<String>,
    /// The HRESULT of the last failure while in notification.
    pub(crate) notification_reason: Option<HResult>,
    pub(crate) n_policy: Option<u32>,
    pub(crate) protocol: Option<u16>,
    /// Null for a license that is not a KMS client (the system backend).
    pub(crate) kms_client: Option<KmsClientView>,
    /// The system backend: what Windows holds of the license besides; null with the
    /// standalone backend.
    pub(crate) system: Option<LicenseSystemView>,
}

/// What `dli` / `dlv` say of a product whose catalog entry this build lacks.
pub(crate) const UNKNOWN_DESCRIPTION: &str = "Unknown product, VOLUME_KMSCLIENT channel";

/// The channel of every product vlmgr installs.
pub(crate) const PRODUCT_KEY_CHANNEL: &str = "Volume:GVLK";

impl LicenseView {
    fn new(report: &LicensesReport, license: &License) -> LicenseView {
        let product = &license.product;
        let entry = license.entry;
        let now = report.now;
        LicenseView {
            name: license.name.clone(),
            description: entry.map_or_else(|| UNKNOWN_DESCRIPTION.to_string(), |e| e.description()),
            activation_id: product.activation_id,
            application_id: entry.map(|e| e.application_id),
            kms_counted_id: entry.map(|e| e.kms_counted_id),
            product_key_channel: Some(PRODUCT_KEY_CHANNEL.to_string()),
            partial_product_key: entry.map(|e| e.partial_key().to_string()),
            license_status: product.status(now).into(),
            minutes_left: product.minutes_left(now),
            status_ends_at: product.status_ends_at(now).map(iso8601),
            notification_reason: product.notification_reason(now),
            n_policy: entry.map(|e| e.n_policy),
            protocol: entry.map(|e| e.protocol),
            kms_client: Some(KmsClientView::new(report, license)),
            system: None,
        }
    }

    /// A license as Windows' licensing service holds it, read at `now`.
    fn system(info: &LicenseInfo, service: &spp::Service, now: u64) -> LicenseView {
        let product = &info.product;
        let details = product.details.as_ref();
        let counting =
            product.grace_minutes > 0 && product.license_status != spp::LicenseStatus::Notification;
        LicenseView {
            name: product.name.clone(),
            description: product.description.clone(),
            activation_id: product.id,
            application_id: Some(product.application_id),
            kms_counted_id: None,
            product_key_channel: details.and_then(|d| d.product_key_channel.clone()),
            partial_product_key: product.partial_product_key.clone(),
            license_status: product.license_status.into(),
            minutes_left: product.grace_minutes,
            status_ends_at: counting
                .then(|| iso8601(now.saturating_add(u64::from(product.grace_minutes) * 60))),
            notification_reason: (product.license_status == spp::LicenseStatus::Notification)
                .then_some(product.license_status_reason),
            n_policy: None,
            protocol: None,
            kms_client: info
                .kms_client
                .as_ref()
                .map(|block| KmsClientView::system(block, service, product)),
            system: Some(LicenseSystemView::from(product)),
        }
    }
}

impl From<&SystemLicenses> for LicensesView {
    fn from(system: &SystemLicenses) -> Self {
        let report = &system.licenses;
        LicensesView {
            backend: BackendView::System,
            detailed: report.detailed,
            service: Some(ServiceView::from(&report.service)),
            products: report
                .products
                .iter()
                .map(|info| LicenseView::system(info, &report.service, system.now))
                .collect(),
        }
    }
}

/// What Windows holds of a license besides what both backends show (docs/windows.md).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct LicenseSystemView {
    /// `LicenseStatus` as Windows numbers it (0 to 6).
    pub(crate) license_status_code: u32,
    /// `LicenseStatusReason`.
    pub(crate) license_status_reason: HResult,
    /// `LicenseIsAddon`.
    pub(crate) license_is_addon: bool,
    /// `ProductKeyID`: slmgr's "Extended PID".
    pub(crate) extended_pid: Option<String>,
    /// `OfflineInstallationId`.
    pub(crate) installation_id: Option<String>,
    /// `EvaluationEndDate` (ISO 8601 UTC); null when not set.
    pub(crate) evaluation_end: Option<String>,
    /// `TrustedTime` (ISO 8601 UTC); null when not set.
    pub(crate) trusted_time: Option<String>,
    /// `VLActivationTypeEnabled`: `all`, `active_directory`, `kms`, `token` or `unknown`.
    pub(crate) activation_type: ActivationTypeView,
    /// `RemainingAppReArmCount`.
    pub(crate) remaining_app_rearm_count: Option<u32>,
    /// `RemainingSkuReArmCount`.
    pub(crate) remaining_sku_rearm_count: Option<u32>,
}

impl From<&spp::Product> for LicenseSystemView {
    fn from(product: &spp::Product) -> Self {
        let details = product.details.clone().unwrap_or_default();
        LicenseSystemView {
            license_status_code: product.license_status.code(),
            license_status_reason: product.license_status_reason,
            license_is_addon: product.license_is_addon,
            extended_pid: details.extended_pid,
            installation_id: details.installation_id,
            evaluation_end: details.evaluation_end.map(iso8601),
            trusted_time: details.trusted_time.map(iso8601),
            activation_type: product.activation_type_enabled.into(),
            remaining_app_rearm_count: details.remaining_app_rearm_count,
            remaining_sku_rearm_count: details.remaining_sku_rearm_count,
        }
    }
}

/// What the KMS client block says of a license: activated by KMS (`kms`), not
/// activated yet (`not_activated`: slmgr asks to run `/ato`), or, with the system
/// backend, activated another way (`active_directory`, `token`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum KmsClientStateView {
    Kms,
    NotActivated,
    ActiveDirectory,
    Token,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct KmsClientView {
    /// What the block says of the license.
    pub(crate) state: KmsClientStateView,
    /// The client machine ID: vlmgr's own (standalone) or the OS's (`ClientMachineID`;
    /// null when Windows has none).
    pub(crate) cmid: Option<Uuid>,
    /// The `skms` setting in force, with the addresses its name last answered on (tried
    /// at once while DNS is down, the one that answered first; empty when none are kept).
    pub(crate) registered_kms_host: Option<HostView>,
    /// `product` when the product has its own `skms`, else `global`.
    pub(crate) registered_kms_host_scope: Option<&'static str>,
    pub(crate) lookup_domain: Option<String>,
    pub(crate) host_caching: bool,
    /// The host that last answered, with the addresses it answered on (tried at once
    /// at the next renewal, the one that answered first; empty for an IP literal or
    /// none kept).
    pub(crate) cached_host: Option<HostView>,
    pub(crate) activation_interval_minutes: u32,
    pub(crate) renewal_interval_minutes: u32,
    /// When `renew` will next contact a host (ISO 8601 UTC); null: now.
    pub(crate) next_due: Option<String>,
    /// Null before the first `ato`; always null with the system backend (Windows keeps
    /// its attempts to itself).
    pub(crate) last_attempt: Option<AttemptView>,
    /// The system backend: the host Windows found itself and last used
    /// (`DiscoveredKeyManagementServiceMachineName` and `...Port`, with the IP Windows
    /// recorded when no `skms` host is set); null with the standalone backend.
    pub(crate) discovered_host: Option<HostView>,
    /// The system backend: the extended PID of the host that activated the license
    /// (`KeyManagementServiceProductKeyID`); null with the standalone backend, whose
    /// host's answer is `last_attempt.response`.
    pub(crate) kms_extended_pid: Option<String>,
}

impl KmsClientView {
    fn new(report: &LicensesReport, license: &License) -> KmsClientView {
        let product = &license.product;
        let registered = license.kms_host.as_ref();
        let licensed = product.status(report.now) == crate::state::LicenseStatus::Licensed;
        KmsClientView {
            state: if licensed {
                KmsClientStateView::Kms
            } else {
                KmsClientStateView::NotActivated
            },
            cmid: Some(license.cmid),
            registered_kms_host: registered.map(|(configured, _)| HostView::configured(configured)),
            registered_kms_host_scope: registered.map(|(_, scope)| match scope {
                SettingScope::Product => "product",
                SettingScope::Global => "global",
            }),
            lookup_domain: license.lookup_domain.clone(),
            host_caching: license.host_caching,
            cached_host: product.cached_host.as_ref().map(HostView::cached),
            activation_interval_minutes: product.activation_interval_minutes,
            renewal_interval_minutes: product.renewal_interval_minutes,
            next_due: product
                .next_due()
                .filter(|due| *due > report.now)
                .map(iso8601),
            last_attempt: product.last_result.as_ref().map(AttemptView::from),
            discovered_host: None,
            kms_extended_pid: None,
        }
    }

    /// The block of a KMS client license as Windows holds it.
    fn system(
        block: &KmsClientBlock,
        service: &spp::Service,
        product: &spp::Product,
    ) -> KmsClientView {
        let (registered, discovered) = HostView::windows_hosts(product);
        KmsClientView {
            state: match block {
                KmsClientBlock::Kms(_) => KmsClientStateView::Kms,
                KmsClientBlock::NotActivated => KmsClientStateView::NotActivated,
                KmsClientBlock::ActiveDirectory => KmsClientStateView::ActiveDirectory,
                KmsClientBlock::Token => KmsClientStateView::Token,
            },
            cmid: service.client_machine_id,
            registered_kms_host: registered,
            // Whether Windows' product value holds its own setting or the global one is
            // not documented (docs/windows.md).
            registered_kms_host_scope: None,
            lookup_domain: product.kms.lookup_domain.clone(),
            host_caching: service.host_caching,
            cached_host: None,
            activation_interval_minutes: product.activation_interval_minutes,
            renewal_interval_minutes: product.renewal_interval_minutes,
            next_due: None,
            last_attempt: None,
            discovered_host: discovered,
            kms_extended_pid: product
                .details
                .as_ref()
                .and_then(|d| d.kms_extended_pid.clone()),
        }
    }
}

/// The last activation attempt, as recorded.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct AttemptView {
    pub(crate) at: String,
    pub(crate) outcome: OutcomeView,
    pub(crate) hresult: HResult,
    pub(crate) protocol: u16,
    /// The host that answered, or the most specific failure's; null when none was
    /// reached.
    pub(crate) host: Option<HostView>,
    /// What the host answered; null without a valid answer.
    pub(crate) response: Option<ResponseView>,
}

impl From<&ActivationRecord> for AttemptView {
    fn from(record: &ActivationRecord) -> Self {
        AttemptView {
            at: iso8601(record.at),
            outcome: record.outcome.into(),
            hresult: record.hresult,
            protocol: record.protocol,
            host: record
                .host
                .as_ref()
                .map(|host| HostView::observed(host, None)),
            response: record.response.as_ref().map(ResponseView::from),
        }
    }
}

/// `xpr`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ExpirationsView {
    /// Which licensing the command read.
    pub(crate) backend: BackendView,
    pub(crate) products: Vec<ExpirationView>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ExpirationView {
    pub(crate) name: String,
    pub(crate) activation_id: Uuid,
    pub(crate) license_status: LicenseStatusView,
    /// ISO 8601 UTC end of the activation or grace period; null in notification, and
    /// with the system backend for a permanent activation (`licensed`) or `unlicensed`.
    pub(crate) ends_at: Option<String>,
}

impl From<&ExpirationReport> for ExpirationsView {
    fn from(report: &ExpirationReport) -> Self {
        ExpirationsView {
            backend: BackendView::Standalone,
            products: report
                .products
                .iter()
                .map(|expiration| ExpirationView {
                    name: expiration.product.name.clone(),
                    activation_id: expiration.product.activation_id,
                    license_status: expiration.status.into(),
                    ends_at: expiration.ends_at.map(iso8601),
                })
                .collect(),
        }
    }
}

impl From<&spp::commands::ExpirationReport> for ExpirationsView {
    fn from(report: &spp::commands::ExpirationReport) -> Self {
        ExpirationsView {
            backend: BackendView::System,
            products: report
                .products
                .iter()
                .map(|expiration| ExpirationView {
                    name: expiration.product.name.clone(),
                    activation_id: expiration.product.id,
                    license_status: expiration.status.into(),
                    ends_at: expiration.end.at().map(iso8601),
                })
                .collect(),
        }
    }
}

/// `products`.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ProductsView {
    pub(crate) products: Vec<ProductView>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ProductView {
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
    /// `windows-client`, `windows-server` or `office`.
    pub(crate) family: &'static str,
    pub(crate) gvlk: &'static str,
    pub(crate) application_id: Uuid,
    pub(crate) activation_id: Uuid,
    pub(crate) kms_counted_id: Uuid,
    pub(crate) n_policy: u32,
    pub(crate) protocol: u16,
    pub(crate) installed: bool,
}

impl From<&ProductsReport> for ProductsView {
    fn from(report: &ProductsReport) -> Self {
        ProductsView {
            products: report
                .products
                .iter()
                .map(|listed| product_view(listed.product, listed.installed))
                .collect(),
        }
    }
}

fn product_view(product: &'static catalog::Product, installed: bool) -> ProductView {
    ProductView {
        name: product.name,
        aliases: product.aliases,
        family: match product.family {
            Family::WindowsClient => "windows-client",
            Family::WindowsServer => "windows-server",
            Family::Office => "office",
        },
        gvlk: product.gvlk,
        application_id: product.application_id,
        activation_id: product.activation_id,
        kms_counted_id: product.kms_counted_id,
        n_policy: product.n_policy,
        protocol: product.protocol,
        installed,
    }
}
