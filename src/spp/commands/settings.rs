//! `skms`, `ckms`, `skms-domain`, `ckms-domain`, `skhc`, `ckhc`: the KMS host, port and
//! lookup domain of the service (global) or of one KMS client product, and host caching.

use std::net::IpAddr;

use uuid::Uuid;

use super::{ProductRef, call, call_with, reread};
use crate::address::{DEFAULT_KMS_PORT, Host, HostPort, KmsAddress};
use crate::spp::values::KmsSettings;
use crate::spp::{Argument, Columns, Filter, Method, Spp, SppError, Target};

/// What `skms` sets, as slmgr passes it on: the name (an IPv6 literal keeps its
/// brackets) and the port, where `None` means `ClearKeyManagementServicePort()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KmsHostSetting {
    /// `None` for `skms :PORT`, which changes the port only.
    pub(crate) name: Option<String>,
    pub(crate) port: Option<u16>,
}

impl KmsHostSetting {
    /// From what the admin typed. Port 1688, written or not, clears the port: the same
    /// host and port for Windows, which stores 0 for its default.
    pub(crate) fn from_address(address: &KmsAddress) -> KmsHostSetting {
        KmsHostSetting {
            name: address.host.as_ref().map(|host| match host {
                Host::Ip(IpAddr::V6(ip)) => format!("[{ip}]"),
                host => host.to_string(),
            }),
            port: (address.port != DEFAULT_KMS_PORT).then_some(address.port),
        }
    }
}

/// Which settings a setter changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The service's: global.
    Service,
    /// One KMS client product's.
    Product(ProductRef),
}

/// What a setter did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SettingChange {
    /// `skms`, with the address as vlmgr spells it (`host:port`, `[v6]:port`, `:port`).
    KmsHostSet {
        address: String,
    },
    KmsHostCleared,
    LookupDomainSet {
        domain: String,
    },
    LookupDomainCleared,
    HostCaching {
        enabled: bool,
    },
}

/// slmgr's remarks after a setter, printed as `Warning: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SettingWarning {
    /// A host is set, so the lookup domain is not used.
    HostOverridesDomain { host: String },
    /// `ckms-domain` while a host is set.
    HostInEffect { host: String },
    /// `ckms` while a lookup domain is set.
    DomainInEffect { domain: String },
}

impl SettingWarning {
    /// slmgr's text, without its `Warning: ` label.
    pub(crate) fn text(&self) -> String {
        match self {
            Self::HostOverridesDomain { host } => format!(
                "/skms setting overrides the /skms-domain setting. {host} will be used for activation."
            ),
            Self::HostInEffect { host } => {
                format!("/skms setting is in effect. {host} will be used for activation.")
            }
            Self::DomainInEffect { domain } => format!(
                "/skms-domain setting is in effect. {domain} will be used for DNS SRV record lookup."
            ),
        }
    }
}

/// A setter's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingChanged {
    pub(crate) change: SettingChange,
    pub(crate) scope: Scope,
    /// The scope's host, port and lookup domain as read afterwards.
    pub(crate) settings: KmsSettings,
    /// The service's host caching afterwards.
    pub(crate) host_caching: bool,
    pub(crate) warnings: Vec<SettingWarning>,
}

impl SettingChanged {
    /// slmgr's sentence.
    pub(crate) fn message(&self) -> String {
        match &self.change {
            SettingChange::KmsHostSet { address } => {
                format!("Key Management Service machine name set to {address} successfully.")
            }
            SettingChange::KmsHostCleared => {
                "Key Management Service machine name cleared successfully.".into()
            }
            SettingChange::LookupDomainSet { domain } => {
                format!("Key Management Service lookup domain set to {domain} successfully.")
            }
            SettingChange::LookupDomainCleared => {
                "Key Management Service lookup domain cleared successfully.".into()
            }
            SettingChange::HostCaching { enabled: true } => "KMS host caching is enabled".into(),
            SettingChange::HostCaching { enabled: false } => "KMS host caching is disabled".into(),
        }
    }
}

/// `skms ADDRESS [ACT_ID]`: `SetKeyManagementServiceMachine(MachineName)` unless only a
/// port was given, then `SetKeyManagementServicePort(PortNumber)` or
/// `ClearKeyManagementServicePort()`; if that fails, the previous name is put back and
/// the port call's error is the result.
pub(crate) fn set_kms_host(
    spp: &mut dyn Spp,
    address: &KmsAddress,
    id: Option<Uuid>,
) -> Result<SettingChanged, SppError> {
    let (target, scope, before) = settings_target(spp, id)?;
    let setting = KmsHostSetting::from_address(address);
    if let Some(name) = &setting.name {
        call_with(
            spp,
            target,
            Method::SetKeyManagementServiceMachine,
            Argument::Text(name.clone()),
        )?;
    }
    let port = match setting.port {
        Some(port) => call_with(
            spp,
            target,
            Method::SetKeyManagementServicePort,
            Argument::U32(u32::from(port)),
        ),
        None => call(spp, target, Method::ClearKeyManagementServicePort),
    };
    if let Err(error) = port {
        // slmgr restores the name and reports the port call's error, whatever the
        // restoring call does.
        let _ = match &before.machine {
            Some(previous) => call_with(
                spp,
                target,
                Method::SetKeyManagementServiceMachine,
                Argument::Text(previous.clone()),
            ),
            None => call(spp, target, Method::ClearKeyManagementServiceMachine),
        };
        return Err(error);
    }
    let shown = address.to_string();
    let mut warnings = Vec::new();
    if before.lookup_domain.is_some() {
        warnings.push(SettingWarning::HostOverridesDomain {
            host: shown.clone(),
        });
    }
    finish(
        spp,
        target,
        scope,
        SettingChange::KmsHostSet { address: shown },
        warnings,
    )
}

/// `ckms [ACT_ID]`: `ClearKeyManagementServiceMachine()`, `ClearKeyManagementServicePort()`.
pub(crate) fn clear_kms_host(
    spp: &mut dyn Spp,
    id: Option<Uuid>,
) -> Result<SettingChanged, SppError> {
    let (target, scope, before) = settings_target(spp, id)?;
    call(spp, target, Method::ClearKeyManagementServiceMachine)?;
    call(spp, target, Method::ClearKeyManagementServicePort)?;
    let warnings = before
        .lookup_domain
        .map(|domain| SettingWarning::DomainInEffect { domain })
        .into_iter()
        .collect();
    finish(spp, target, scope, SettingChange::KmsHostCleared, warnings)
}

/// `skms-domain FQDN [ACT_ID]`: `SetKeyManagementServiceLookupDomain(LookupDomain)`.
pub(crate) fn set_lookup_domain(
    spp: &mut dyn Spp,
    domain: &str,
    id: Option<Uuid>,
) -> Result<SettingChanged, SppError> {
    let (target, scope, before) = settings_target(spp, id)?;
    call_with(
        spp,
        target,
        Method::SetKeyManagementServiceLookupDomain,
        Argument::Text(domain.to_string()),
    )?;
    let warnings = registered(&before)
        .map(|host| SettingWarning::HostOverridesDomain { host })
        .into_iter()
        .collect();
    let change = SettingChange::LookupDomainSet {
        domain: domain.to_string(),
    };
    finish(spp, target, scope, change, warnings)
}

/// `ckms-domain [ACT_ID]`: `ClearKeyManagementServiceLookupDomain()`.
pub(crate) fn clear_lookup_domain(
    spp: &mut dyn Spp,
    id: Option<Uuid>,
) -> Result<SettingChanged, SppError> {
    let (target, scope, before) = settings_target(spp, id)?;
    call(spp, target, Method::ClearKeyManagementServiceLookupDomain)?;
    let warnings = registered(&before)
        .map(|host| SettingWarning::HostInEffect { host })
        .into_iter()
        .collect();
    finish(
        spp,
        target,
        scope,
        SettingChange::LookupDomainCleared,
        warnings,
    )
}

/// `skhc` / `ckhc`: the service's `DisableKeyManagementServiceHostCaching(DisableCaching)`.
pub fn set_host_caching(spp: &mut dyn Spp, enabled: bool) -> Result<SettingChanged, SppError> {
    spp.service()?;
    call_with(
        spp,
        Target::Service,
        Method::DisableKeyManagementServiceHostCaching,
        Argument::Bool(!enabled),
    )?;
    let change = SettingChange::HostCaching { enabled };
    finish(spp, Target::Service, Scope::Service, change, Vec::new())
}

/// The object a setter acts on, its scope, and its settings before: the service, or the
/// KMS client product with `id`.
fn settings_target(
    spp: &mut dyn Spp,
    id: Option<Uuid>,
) -> Result<(Target, Scope, KmsSettings), SppError> {
    let service = spp.service()?;
    let Some(id) = id else {
        return Ok((Target::Service, Scope::Service, service.kms));
    };
    let product = spp
        .products(Filter::Id(id), Columns::Brief)?
        .into_iter()
        .next()
        .ok_or(SppError::UnknownActivationId { id })?;
    if !product.is_kms_client() {
        return Err(SppError::NotKmsClient {
            id,
            name: product.name,
            description: product.description,
        });
    }
    let scope = Scope::Product(ProductRef::from(&product));
    Ok((Target::Product(id), scope, product.kms))
}

/// The host set before, as slmgr's warnings show it (port 0 as 1688).
fn registered(settings: &KmsSettings) -> Option<String> {
    settings.registered_host().as_ref().map(HostPort::to_string)
}

/// Reads the settings back for the result.
fn finish(
    spp: &mut dyn Spp,
    target: Target,
    scope: Scope,
    change: SettingChange,
    warnings: Vec<SettingWarning>,
) -> Result<SettingChanged, SppError> {
    let service = spp.service()?;
    let settings = match target {
        Target::Service => service.kms,
        Target::Product(id) => reread(spp, id, Columns::Brief)?.kms,
    };
    Ok(SettingChanged {
        change,
        scope,
        settings,
        host_caching: service.host_caching,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit_codes::Exit;
    use crate::protocol::HResult;
    use crate::spp::model::{Model, SYNTHETIC_MAK_ID, catalog_entry};

    fn address(text: &str) -> KmsAddress {
        KmsAddress::parse(text).expect("address")
    }

    fn service_calls(model: &Model) -> Vec<Method> {
        model
            .calls()
            .into_iter()
            .map(|(target, method)| {
                assert_eq!(target, Target::Service);
                method
            })
            .collect()
    }

    #[test]
    fn skms_sets_the_name_then_the_port_on_the_service() {
        let mut model = Model::synthetic_kms_client();
        let changed =
            set_kms_host(&mut model, &address("kms.corp.example:1700"), None).expect("sets");
        assert_eq!(
            service_calls(&model),
            [
                Method::SetKeyManagementServiceMachine,
                Method::SetKeyManagementServicePort
            ]
        );
        assert_eq!(
            changed.message(),
            "Key Management Service machine name set to kms.corp.example:1700 successfully."
        );
        assert_eq!(changed.scope, Scope::Service);
        assert_eq!(
            changed.settings.machine.as_deref(),
            Some("kms.corp.example")
        );
        assert_eq!(changed.settings.port, 1700);
        assert!(changed.warnings.is_empty());
    }

    #[test]
    fn the_default_port_is_cleared_and_a_port_alone_leaves_the_name() {
        let mut model = Model::synthetic_kms_client();
        set_kms_host(&mut model, &address("[2001:db8::5]"), None).expect("sets");
        assert_eq!(
            service_calls(&model),
            [
                Method::SetKeyManagementServiceMachine,
                Method::ClearKeyManagementServicePort
            ]
        );
        assert_eq!(
            model.service.kms.machine.as_deref(),
            Some("[2001:db8::5]"),
            "brackets kept"
        );
        model.journal.clear();
        let changed = set_kms_host(&mut model, &address(":1701"), None).expect("port");
        assert_eq!(service_calls(&model), [Method::SetKeyManagementServicePort]);
        assert_eq!(changed.settings.machine.as_deref(), Some("[2001:db8::5]"));
        assert_eq!(changed.settings.port, 1701);
        assert_eq!(
            changed.message(),
            "Key Management Service machine name set to :1701 successfully."
        );
    }

    #[test]
    fn a_failed_port_call_puts_the_previous_name_back() {
        let mut model = Model::synthetic_kms_client();
        model.service.kms.machine = Some("old.corp.example".into());
        model.failures.push((
            Method::SetKeyManagementServicePort,
            HResult::INVALID_ARGUMENT,
        ));
        let error = set_kms_host(&mut model, &address("new.corp.example:1700"), None).unwrap_err();
        assert_eq!(error.hresult(), Some(HResult::INVALID_ARGUMENT));
        assert_eq!(error.exit_code(), Exit::Usage);
        assert_eq!(
            service_calls(&model),
            [
                Method::SetKeyManagementServiceMachine,
                Method::SetKeyManagementServicePort,
                Method::SetKeyManagementServiceMachine
            ]
        );
        assert_eq!(
            model.service.kms.machine.as_deref(),
            Some("old.corp.example")
        );

        // With no name before, the name is cleared again.
        let mut model = Model::synthetic_kms_client();
        model.failures.push((
            Method::ClearKeyManagementServicePort,
            HResult::WBEM_PROVIDER_FAILURE,
        ));
        assert!(set_kms_host(&mut model, &address("new.corp.example"), None).is_err());
        assert_eq!(
            service_calls(&model).last(),
            Some(&Method::ClearKeyManagementServiceMachine)
        );
        assert_eq!(model.service.kms.machine, None);
    }

    #[test]
    fn a_product_takes_its_own_settings_and_only_a_kms_client_can() {
        let mut model = Model::synthetic_kms_client();
        let office = catalog_entry("office2021-proplus").activation_id;
        let changed = set_lookup_domain(&mut model, "corp.example", Some(office)).expect("sets");
        assert_eq!(
            model.calls(),
            [(
                Target::Product(office),
                Method::SetKeyManagementServiceLookupDomain
            )]
        );
        assert!(matches!(&changed.scope, Scope::Product(p) if p.id == office));
        assert_eq!(
            changed.settings.lookup_domain.as_deref(),
            Some("corp.example")
        );
        assert_eq!(
            model.service.kms.lookup_domain, None,
            "the global one is untouched"
        );

        let error = set_kms_host(&mut model, &address("kms"), Some(SYNTHETIC_MAK_ID)).unwrap_err();
        assert!(matches!(error, SppError::NotKmsClient { .. }), "{error:?}");
        assert_eq!(error.exit_code(), Exit::Usage);
        let unknown = Uuid::from_u128(3);
        assert_eq!(
            clear_kms_host(&mut model, Some(unknown)),
            Err(SppError::UnknownActivationId { id: unknown })
        );
        assert_eq!(model.calls().len(), 1, "refused before any call");
    }

    #[test]
    fn the_warnings_are_slmgr_s() {
        let mut model = Model::synthetic_kms_client();
        model.service.kms.lookup_domain = Some("corp.example".into());
        let changed = set_kms_host(&mut model, &address("kms.corp.example"), None).expect("ok");
        assert_eq!(
            changed.warnings,
            [SettingWarning::HostOverridesDomain {
                host: "kms.corp.example:1688".into()
            }]
        );
        assert_eq!(
            changed.warnings[0].text(),
            "/skms setting overrides the /skms-domain setting. kms.corp.example:1688 will be used for activation."
        );
        let changed = clear_lookup_domain(&mut model, None).expect("ok");
        assert_eq!(
            changed.warnings,
            [SettingWarning::HostInEffect {
                host: "kms.corp.example:1688".into()
            }]
        );
        let changed = set_lookup_domain(&mut model, "corp.example", None).expect("ok");
        assert_eq!(changed.warnings.len(), 1);
        model.journal.clear();
        let changed = clear_kms_host(&mut model, None).expect("ok");
        assert_eq!(
            service_calls(&model),
            [
                Method::ClearKeyManagementServiceMachine,
                Method::ClearKeyManagementServicePort
            ]
        );
        assert_eq!(
            changed.warnings[0].text(),
            "/skms-domain setting is in effect. corp.example will be used for DNS SRV record lookup."
        );
        assert_eq!(
            changed.message(),
            "Key Management Service machine name cleared successfully."
        );
    }

    #[test]
    fn host_caching_is_the_service_s_disable_flag() {
        let mut model = Model::synthetic_kms_client();
        let changed = set_host_caching(&mut model, false).expect("ckhc");
        assert_eq!(changed.message(), "KMS host caching is disabled");
        assert!(!changed.host_caching && !model.service.host_caching);
        let changed = set_host_caching(&mut model, true).expect("skhc");
        assert_eq!(changed.message(), "KMS host caching is enabled");
        assert!(changed.host_caching);
        assert_eq!(
            model
                .journal
                .iter()
                .filter_map(|e| match e {
                    crate::spp::model::Event::Call(call) => call.argument.clone(),
                    _ => None,
                })
                .collect::<Vec<_>>(),
            [Argument::Bool(true), Argument::Bool(false)]
        );
    }

    #[test]
    fn arguments_follow_the_provider_s_signature() {
        let mut model = Model::synthetic_kms_client();
        // A provider that names the port parameter differently is still called.
        model
            .signatures
            .insert(Method::SetKeyManagementServicePort, vec!["dwPort".into()]);
        set_kms_host(&mut model, &address("kms:1700"), None).expect("binds by the signature");
        // One whose signature does not fit is refused before the call changes anything.
        model.signatures.insert(
            Method::SetKeyManagementServiceLookupDomain,
            vec!["A".into(), "B".into()],
        );
        let error = set_lookup_domain(&mut model, "corp.example", None).unwrap_err();
        assert!(matches!(error, SppError::Signature { .. }), "{error:?}");
        assert_eq!(model.service.kms.lookup_domain, None);
    }

    #[test]
    fn not_elevated_nothing_changes() {
        let mut model = Model::synthetic_kms_client();
        model.elevated = false;
        for result in [
            set_kms_host(&mut model, &address("kms"), None),
            clear_kms_host(&mut model, None),
            set_lookup_domain(&mut model, "corp.example", None),
            clear_lookup_domain(&mut model, None),
            set_host_caching(&mut model, false),
        ] {
            let error = result.unwrap_err();
            assert_eq!(error.hresult(), Some(HResult::SPP_ACCESS_DENIED));
        }
        assert_eq!(model.service.kms, KmsSettings::default());
        assert!(model.service.host_caching);
    }
}
