//! An in-memory model of Windows' licensing service, as Microsoft documents it and as
//! slmgr.vbs relies on it, so that the system backend's rules are tested on every OS.
//!
//! Everything here is **synthetic**: machines made up from the documented behaviour
//! (docs/windows.md, "What the model knows"), never captured from a Windows machine. The
//! catalog's public IDs and GVLKs name the KMS client licenses; every other ID, key,
//! ePID and version is invented and says so (`SYNTHETIC_*`).

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use uuid::Uuid;

use super::values::{DiscoveredHost, KmsSettings, ProductDetails};
use super::{
    ActivationType, Argument, Columns, Filter, LicenseStatus, Method, MethodCall, Product,
    SERVICE_CLASS, Service, Spp, SppError, Target, bind_argument,
};
use crate::catalog;
use crate::protocol::HResult;

/// The service version of every synthetic machine.
pub const SYNTHETIC_VERSION: &str = "10.0.26100.1-synthetic";
/// The OS's CMID on every synthetic machine (made up).
pub const SYNTHETIC_CMID: Uuid = Uuid::from_u128(0x5e7e71c0_0000_4000_8000_000000000001);
/// A made-up MAK license and key.
pub const SYNTHETIC_MAK_ID: Uuid = Uuid::from_u128(0x5e7e71c0_0000_4000_8000_00000000a001);
pub const SYNTHETIC_MAK_KEY: &str = "SYNTH-ETICM-AKKEY-00000-0A001";
/// A made-up add-on license (an extended security update) and key.
pub const SYNTHETIC_ADDON_ID: Uuid = Uuid::from_u128(0x5e7e71c0_0000_4000_8000_00000000a002);
pub(crate) const SYNTHETIC_ADDON_KEY: &str = "SYNTH-ETICA-DDONK-EY000-0A002";
/// A made-up KMS host license and key.
pub const SYNTHETIC_KMS_HOST_ID: Uuid = Uuid::from_u128(0x5e7e71c0_0000_4000_8000_00000000a003);
pub const SYNTHETIC_KMS_HOST_KEY: &str = "SYNTH-ETICK-MSHOS-TKEY0-0A003";
/// Minutes of a fresh KMS activation: 180 days.
pub(crate) const KMS_VALIDITY_MINUTES: u32 = 180 * 1_440;
/// Minutes of the initial grace period after a key is installed: 30 days.
pub(crate) const INITIAL_GRACE_MINUTES: u32 = 30 * 1_440;

/// What a KMS host (or Microsoft's activation servers, for a MAK) answers the next
/// `Activate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Activated by the host `host` (as DNS named it; `None` when an `skms` host answered)
    /// at `ip`, which asks for these intervals.
    Activated {
        host: Option<(String, u16)>,
        ip: String,
        activation_interval: u32,
        renewal_interval: u32,
    },
    /// The host's count is below its threshold: 0xC004F038, with its intervals.
    CountTooLow {
        host: Option<(String, u16)>,
        ip: String,
        activation_interval: u32,
        renewal_interval: u32,
    },
    /// `Activate` fails with this HRESULT (0xC004F074: no host; a host's error).
    Fails(HResult),
}

/// What the model was asked, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Query(&'static str),
    Call(MethodCall),
    RegistrySet(String),
    RegistryDeleted,
}

/// A synthetic Windows machine's licensing service.
#[derive(Debug, Clone)]
pub struct Model {
    /// Whether the caller is elevated (every method and registry write needs it).
    pub elevated: bool,
    /// The HRESULT the service probe fails with, when WMI or the service is missing
    /// (0x80041010 on a broken repository, 0x80041002 as under Wine).
    pub service_missing: Option<HResult>,
    pub(crate) service: Service,
    /// Every license, in the service's order; `details` is always filled here.
    pub products: Vec<Product>,
    /// The keys `InstallProductKey` knows, and the license each installs.
    pub(crate) keys: Vec<(String, Uuid)>,
    /// What each `Activate` meets, in order; when empty, no host is found (0xC004F074).
    pub answers: VecDeque<Answer>,
    /// Methods that fail once, in order, with an HRESULT (e.g. the port call).
    pub(crate) failures: Vec<(Method, HResult)>,
    /// A method whose call never returns within the deadline.
    pub stalls: Option<Method>,
    /// Each method's in-parameters as the provider declares them.
    pub(crate) signatures: BTreeMap<Method, Vec<String>>,
    /// `KeyManagementServiceVersion` in the 64-bit and 32-bit keys (the latter when the
    /// 32-bit key exists).
    pub kms_version: Option<String>,
    pub(crate) kms_version_32: Option<Option<String>>,
    pub journal: Vec<Event>,
}

impl Model {
    /// A synthetic machine: service present, caller elevated, no licenses yet.
    pub(crate) fn synthetic_machine() -> Model {
        let signatures = Method::ALL
            .iter()
            .map(|method| {
                let parameters = method.documented_parameter().map(str::to_string);
                (*method, parameters.into_iter().collect())
            })
            .collect();
        Model {
            elevated: true,
            service_missing: None,
            service: Service {
                version: SYNTHETIC_VERSION.to_string(),
                client_machine_id: Some(SYNTHETIC_CMID),
                host_caching: true,
                kms: KmsSettings::default(),
                remaining_windows_rearm_count: Some(1001),
            },
            products: Vec::new(),
            keys: Vec::new(),
            answers: VecDeque::new(),
            failures: Vec::new(),
            stalls: None,
            signatures,
            kms_version: None,
            kms_version_32: Some(None),
            journal: Vec::new(),
        }
    }

    /// The usual synthetic KMS client: Windows 10/11 Enterprise from the catalog, its GVLK
    /// installed, in its initial grace period, with Office LTSC 2021 and the made-up MAK,
    /// add-on and KMS host licenses present but not installed.
    pub fn synthetic_kms_client() -> Model {
        let mut model = Model::synthetic_machine()
            .with_catalog_license("win11-enterprise")
            .with_catalog_license("office2021-proplus")
            .with_license(synthetic_license(
                SYNTHETIC_MAK_ID,
                "Windows(R), Synthetic MAK edition",
                "Windows(R) Operating System, VOLUME_MAK channel",
                super::WINDOWS_APPLICATION_ID,
                SYNTHETIC_MAK_KEY,
            ))
            .with_license(Product {
                license_is_addon: true,
                ..synthetic_license(
                    SYNTHETIC_ADDON_ID,
                    "Windows(R), Synthetic ESU add-on",
                    "Windows(R) Operating System, VOLUME_MAK channel",
                    super::WINDOWS_APPLICATION_ID,
                    SYNTHETIC_ADDON_KEY,
                )
            })
            .with_license(synthetic_license(
                SYNTHETIC_KMS_HOST_ID,
                "Windows(R), Synthetic KMS host",
                "Windows(R) Operating System, VOLUME_KMS_SYNTHETIC channel",
                super::WINDOWS_APPLICATION_ID,
                SYNTHETIC_KMS_HOST_KEY,
            ));
        model
            .install_key(&catalog_key("win11-enterprise"))
            .expect("the catalog's GVLK is a known key");
        model.journal.clear();
        model
    }

    /// Adds a catalog product's KMS client license (key not installed).
    pub fn with_catalog_license(self, alias: &str) -> Model {
        let entry = catalog_entry(alias);
        let mut license = synthetic_license(
            entry.activation_id,
            entry.name,
            &entry.description(),
            entry.application_id,
            entry.gvlk,
        );
        license.kms_client_defaults();
        self.with_license(license)
    }

    /// Adds a license; its key (`partial_product_key` holds the whole key until it is
    /// installed) becomes one `InstallProductKey` knows.
    pub(crate) fn with_license(mut self, mut product: Product) -> Model {
        if let Some(key) = product.partial_product_key.take() {
            self.keys.push((key, product.id));
        }
        self.products.push(product);
        self
    }

    /// The license with `id`, to adjust a fixture.
    pub fn product_mut(&mut self, id: Uuid) -> &mut Product {
        self.products
            .iter_mut()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("the fixture has no license {id}"))
    }

    /// The license with `id`.
    pub fn product(&self, id: Uuid) -> &Product {
        self.products
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("the fixture has no license {id}"))
    }

    /// The method calls made, in order (queries and registry left out).
    pub fn calls(&self) -> Vec<(Target, Method)> {
        self.journal
            .iter()
            .filter_map(|event| match event {
                Event::Call(call) => Some((call.target, call.method)),
                _ => None,
            })
            .collect()
    }

    fn install_key(&mut self, key: &str) -> Result<(), HResult> {
        let wanted = key.trim().to_ascii_uppercase();
        let id = self
            .keys
            .iter()
            .find(|(known, _)| *known == wanted)
            .map(|(_, id)| *id)
            .ok_or(HResult::INVALID_PRODUCT_KEY)?;
        let installs_windows = {
            let product = self.product(id);
            product.is_windows() && !product.license_is_addon
        };
        if installs_windows {
            // One Windows edition at a time: its key replaces the edition's.
            for other in self.products.iter_mut().filter(|p| p.id != id) {
                if other.is_windows() && !other.license_is_addon {
                    other.uninstall();
                }
            }
        }
        let product = self.product_mut(id);
        product.partial_product_key = Some(partial_key(&wanted));
        product.license_status = LicenseStatus::InitialGrace;
        product.license_status_reason = HResult(0x4004_F00C);
        product.grace_minutes = INITIAL_GRACE_MINUTES;
        Ok(())
    }

    fn activate(&mut self, id: Uuid) -> Result<(), HResult> {
        let answer = self
            .answers
            .pop_front()
            .unwrap_or(Answer::Fails(HResult::NO_KMS_CONTACTED));
        let registered = self.service.kms.machine.is_some();
        let product = self.product_mut(id);
        if !product.has_key() {
            return Err(HResult::PRODUCT_KEY_NOT_AVAILABLE);
        }
        let registered = registered || product.kms.machine.is_some();
        match answer {
            Answer::Activated {
                host,
                ip,
                activation_interval,
                renewal_interval,
            } => {
                product.license_status = LicenseStatus::Licensed;
                product.license_status_reason = HResult::S_OK;
                product.grace_minutes = if product.is_kms_client() {
                    KMS_VALIDITY_MINUTES
                } else {
                    0
                };
                product.answered(host, ip, registered, activation_interval, renewal_interval);
                Ok(())
            }
            Answer::CountTooLow {
                host,
                ip,
                activation_interval,
                renewal_interval,
            } => {
                product.license_status_reason = HResult::COUNT_INSUFFICIENT;
                product.answered(host, ip, registered, activation_interval, renewal_interval);
                Err(HResult::COUNT_INSUFFICIENT)
            }
            Answer::Fails(hresult) => {
                if product.license_status != LicenseStatus::Licensed {
                    product.license_status_reason = hresult;
                }
                Err(hresult)
            }
        }
    }

    /// The settings a method call changes.
    fn settings_mut(&mut self, target: Target) -> Result<&mut KmsSettings, HResult> {
        match target {
            Target::Service => Ok(&mut self.service.kms),
            Target::Product(id) => self
                .products
                .iter_mut()
                .find(|p| p.id == id)
                .map(|p| &mut p.kms)
                .ok_or(HResult::WBEM_NOT_FOUND),
        }
    }

    fn dispatch(&mut self, call: &MethodCall) -> Result<(), HResult> {
        use Argument::{Bool, Text, U32};
        let product = |target: Target| match target {
            Target::Product(id) => Ok(id),
            Target::Service => Err(HResult::WBEM_INVALID_METHOD),
        };
        let service_only = |target: Target| match target {
            Target::Service => Ok(()),
            Target::Product(_) => Err(HResult::WBEM_INVALID_METHOD),
        };
        match (call.method, call.argument.as_ref()) {
            (Method::InstallProductKey, Some(Text(key))) => {
                service_only(call.target)?;
                self.install_key(key)
            }
            (Method::UninstallProductKey, None) => {
                let id = product(call.target)?;
                self.products
                    .iter_mut()
                    .find(|p| p.id == id)
                    .ok_or(HResult::WBEM_NOT_FOUND)?
                    .uninstall();
                Ok(())
            }
            (Method::RefreshLicenseStatus, None) => service_only(call.target),
            (Method::Activate, None) => self.activate(product(call.target)?),
            (Method::SetKeyManagementServiceMachine, Some(Text(name))) => {
                self.settings_mut(call.target)?.machine = Some(name.clone());
                Ok(())
            }
            (Method::ClearKeyManagementServiceMachine, None) => {
                self.settings_mut(call.target)?.machine = None;
                Ok(())
            }
            (Method::SetKeyManagementServicePort, Some(U32(port))) => {
                let port = u16::try_from(*port).map_err(|_| HResult::INVALID_ARGUMENT)?;
                self.settings_mut(call.target)?.port = port;
                Ok(())
            }
            (Method::ClearKeyManagementServicePort, None) => {
                self.settings_mut(call.target)?.port = 0;
                Ok(())
            }
            (Method::SetKeyManagementServiceLookupDomain, Some(Text(domain))) => {
                self.settings_mut(call.target)?.lookup_domain = Some(domain.clone());
                Ok(())
            }
            (Method::ClearKeyManagementServiceLookupDomain, None) => {
                self.settings_mut(call.target)?.lookup_domain = None;
                Ok(())
            }
            (Method::DisableKeyManagementServiceHostCaching, Some(Bool(disable))) => {
                service_only(call.target)?;
                self.service.host_caching = !disable;
                Ok(())
            }
            (Method::ClearProductKeyFromRegistry, None) => service_only(call.target),
            _ => Err(HResult::WBEM_INVALID_PARAMETER),
        }
    }
}

impl Spp for Model {
    fn service(&mut self) -> Result<Service, SppError> {
        self.journal.push(Event::Query(SERVICE_CLASS));
        match self.service_missing {
            Some(hresult) => Err(SppError::failed(SERVICE_CLASS, None, hresult)),
            None => Ok(self.service.clone()),
        }
    }

    fn products(&mut self, filter: Filter, columns: Columns) -> Result<Vec<Product>, SppError> {
        self.journal.push(Event::Query(super::PRODUCT_CLASS));
        Ok(self
            .products
            .iter()
            .filter(|p| match filter {
                Filter::All => true,
                Filter::KeyInstalled => p.has_key(),
                Filter::Id(id) => p.id == id,
            })
            .map(|p| Product {
                details: if columns == Columns::Full {
                    p.details.clone()
                } else {
                    None
                },
                ..p.clone()
            })
            .collect())
    }

    fn call(&mut self, call: &MethodCall) -> Result<(), SppError> {
        // Under Wine, ExecMethod on an object of a missing class kills the process: a
        // call that gets here without a successful probe is a bug of the caller.
        assert!(
            self.service_missing.is_none(),
            "{call} sent although the licensing service is missing"
        );
        self.journal.push(Event::Call(call.clone()));
        let operation = call.to_string();
        if self.stalls == Some(call.method) {
            return Err(SppError::Timeout {
                operation,
                timeout: Duration::from_secs(30),
                activating: call.method == Method::Activate,
            });
        }
        let signature = self
            .signatures
            .get(&call.method)
            .cloned()
            .unwrap_or_default();
        bind_argument(call, &signature)?;
        let failed = |hresult| SppError::failed(operation.clone(), Some(call.method), hresult);
        if !self.elevated {
            return Err(failed(HResult::SPP_ACCESS_DENIED));
        }
        if let Some(index) = self.failures.iter().position(|(m, _)| *m == call.method) {
            let (_, hresult) = self.failures.remove(index);
            return Err(failed(hresult));
        }
        self.dispatch(call).map_err(failed)
    }

    fn kms_version_value(&mut self) -> Result<Option<String>, SppError> {
        Ok(self.kms_version.clone())
    }

    fn set_kms_version_value(&mut self, version: Option<&str>) -> Result<(), SppError> {
        if !self.elevated {
            return Err(SppError::Registry {
                operation: "writing",
                path: super::SPP_REGISTRY_KEY,
                hresult: HResult::ACCESS_DENIED,
            });
        }
        self.kms_version = version.map(str::to_string);
        if let Some(value) = &mut self.kms_version_32 {
            *value = version.map(str::to_string);
        }
        self.journal.push(match version {
            Some(version) => Event::RegistrySet(version.to_string()),
            None => Event::RegistryDeleted,
        });
        Ok(())
    }
}

impl Product {
    /// What `UninstallProductKey` leaves.
    fn uninstall(&mut self) {
        self.partial_product_key = None;
        self.license_status = LicenseStatus::Unlicensed;
        self.license_status_reason = HResult::S_OK;
        self.grace_minutes = 0;
    }

    /// A KMS client's defaults before any host answered (2 hours, 7 days).
    fn kms_client_defaults(&mut self) {
        self.activation_interval_minutes = 120;
        self.renewal_interval_minutes = 10_080;
    }

    /// What a host's answer leaves in the product.
    fn answered(
        &mut self,
        host: Option<(String, u16)>,
        ip: String,
        registered: bool,
        activation_interval: u32,
        renewal_interval: u32,
    ) {
        if !registered && let Some((name, port)) = host {
            self.discovered.name = Some(name);
            self.discovered.port = port;
        }
        self.discovered.ip = Some(ip);
        self.activation_interval_minutes = activation_interval;
        self.renewal_interval_minutes = renewal_interval;
        if let Some(details) = &mut self.details {
            details.kms_extended_pid =
                Some("06401-00206-000-000000-03-1033-26100.0000-0012026 (synthetic)".into());
            details.activated_by = ActivationType::Kms;
        }
    }
}

/// A synthetic license, not installed; `key` is kept in `partial_product_key` until
/// [`Model::with_license`] files it.
pub(crate) fn synthetic_license(
    id: Uuid,
    name: &str,
    description: &str,
    application_id: Uuid,
    key: &str,
) -> Product {
    Product {
        id,
        name: name.to_string(),
        description: description.to_string(),
        application_id,
        partial_product_key: Some(key.to_string()),
        license_is_addon: false,
        license_status: LicenseStatus::Unlicensed,
        license_status_reason: HResult::S_OK,
        grace_minutes: 0,
        activation_type_enabled: ActivationType::All,
        activation_interval_minutes: 0,
        renewal_interval_minutes: 0,
        kms: KmsSettings::default(),
        discovered: DiscoveredHost::default(),
        details: Some(ProductDetails {
            extended_pid: Some(format!("{} (synthetic)", id.simple())),
            product_key_channel: Some(
                if description.contains("VOLUME_KMSCLIENT") {
                    "Volume:GVLK"
                } else {
                    "Volume:MAK"
                }
                .to_string(),
            ),
            installation_id: None,
            evaluation_end: None,
            trusted_time: None,
            kms_extended_pid: None,
            activated_by: ActivationType::All,
            token_activated: false,
            remaining_app_rearm_count: None,
            remaining_sku_rearm_count: Some(1001),
        }),
    }
}

/// The last five characters of a key: what Windows shows of it.
pub(crate) fn partial_key(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars[chars.len().saturating_sub(5)..].iter().collect()
}

/// The catalog entry behind a fixture's alias.
pub fn catalog_entry(alias: &str) -> &'static catalog::Product {
    catalog::find(alias).unwrap_or_else(|e| panic!("the catalog has no {alias}: {e}"))
}

/// A catalog product's GVLK.
pub(crate) fn catalog_key(alias: &str) -> String {
    catalog_entry(alias).gvlk.to_string()
}
