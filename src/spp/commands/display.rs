//! `dli`, `dlv`, `xpr`, and what `discover` shows of Windows' own settings: queries only.

use uuid::Uuid;

use super::{ProductRef, Selection, keyed_by_id};
use crate::address::HostPort;
use crate::spp::values::KmsSettings;
use crate::spp::{Columns, Filter, LicenseStatus, Product, Service, Spp, SppError};

/// `dli` / `dlv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseReport {
    /// `dlv`: the lines slmgr marks as detailed (version, IDs, extended PID, channel...).
    pub(crate) detailed: bool,
    pub(crate) service: Service,
    /// With their details ([`Product::details`]).
    pub(crate) products: Vec<LicenseInfo>,
}

/// One license as `dli` / `dlv` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LicenseInfo {
    pub(crate) product: Product,
    /// The block after the status, for KMS client licenses only (with slmgr's
    /// `Configured Activation Type:` line, from `product.activation_type_enabled`).
    pub(crate) kms_client: Option<KmsClientBlock>,
}

/// What a KMS client license shows after its status (slmgr's choice, in its order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KmsClientBlock {
    /// Activated through Active Directory (`VLActivationType` 1): slmgr shows the
    /// activation object; vlmgr names the kind only (docs/windows.md, out of scope).
    ActiveDirectory,
    /// Activated by token: likewise.
    Token,
    /// Not licensed: "Please use slmgr.vbs /ato to activate and update KMS client
    /// information in order to update values."
    NotActivated,
    /// Licensed by KMS: the client information.
    Kms(KmsClientInfo),
}

/// slmgr's "Key Management Service client information" block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KmsClientInfo {
    /// The OS's CMID (the service's `ClientMachineID`).
    pub(crate) cmid: Option<Uuid>,
    /// "Registered KMS SRV record lookup domain".
    pub(crate) lookup_domain: Option<String>,
    /// "Registered KMS machine name" (the `skms` host, port 0 shown as 1688); when set,
    /// the discovered name is not shown.
    pub(crate) registered_host: Option<HostPort>,
    /// "KMS machine name from DNS"; `None` with no registered host: "DNS auto-discovery:
    /// KMS name not available".
    pub(crate) discovered_host: Option<HostPort>,
    /// "KMS machine IP address" (else "not available").
    pub(crate) discovered_ip: Option<String>,
    /// "KMS machine extended PID".
    pub(crate) kms_extended_pid: Option<String>,
    pub(crate) activation_interval_minutes: u32,
    pub(crate) renewal_interval_minutes: u32,
    pub(crate) host_caching: bool,
}

impl KmsClientInfo {
    /// Both a host and a lookup domain are set: slmgr ends the block with "Warning: /skms
    /// setting overrides the /skms-domain setting. HOST:PORT will be used for activation."
    pub(crate) fn host_overrides_domain(&self) -> bool {
        self.registered_host.is_some() && self.lookup_domain.is_some()
    }
}

/// `xpr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpirationReport {
    pub(crate) products: Vec<Expiration>,
}

/// One product's `xpr` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expiration {
    pub(crate) product: ProductRef,
    pub(crate) status: LicenseStatus,
    pub(crate) end: ExpirationEnd,
}

/// What slmgr's `xpr` says, with the end as Unix seconds (now + `GracePeriodRemaining`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpirationEnd {
    /// "Unlicensed".
    Unlicensed,
    /// Licensed with no time left to count: "The machine is permanently activated."
    Permanent,
    /// "Volume activation will expire ...".
    Volume { at: u64 },
    /// "Timebased activation will expire ...".
    Timebased { at: u64 },
    /// "Automatic VM activation will expire ...".
    AutomaticVm { at: u64 },
    /// "Initial grace period ends ...".
    InitialGrace { at: u64 },
    /// "Additional grace period ends ...".
    AdditionalGrace { at: u64 },
    /// "Non-genuine grace period ends ...".
    NonGenuineGrace { at: u64 },
    /// "Windows is in Notification mode".
    Notification,
    /// "Extended grace period ends ...".
    ExtendedGrace { at: u64 },
    /// A status slmgr has no line for (it prints nothing).
    Unknown,
}

impl ExpirationEnd {
    /// When it ends, if it does.
    pub(crate) fn at(self) -> Option<u64> {
        match self {
            Self::Volume { at }
            | Self::Timebased { at }
            | Self::AutomaticVm { at }
            | Self::InitialGrace { at }
            | Self::AdditionalGrace { at }
            | Self::NonGenuineGrace { at }
            | Self::ExtendedGrace { at } => Some(at),
            _ => None,
        }
    }
}

/// What Windows itself has set and discovered, for `discover`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemKms {
    /// The global host, lookup domain and host caching.
    pub(crate) service: Service,
    /// The KMS client products with a key: their own settings and the host Windows last
    /// discovered for them (name, port, IP).
    pub(crate) products: Vec<Product>,
}

/// `dli` (`detailed` false) / `dlv` (true).
pub fn display(
    spp: &mut dyn Spp,
    detailed: bool,
    selection: Selection,
) -> Result<LicenseReport, SppError> {
    let service = spp.service()?;
    let products = match selection {
        // The Windows product, and the add-ons that have a key (slmgr shows both).
        Selection::Default => {
            let shown: Vec<Product> = spp
                .products(Filter::KeyInstalled, Columns::Full)?
                .into_iter()
                .filter(|p| p.is_primary_windows() || p.license_is_addon)
                .collect();
            if shown.is_empty() {
                return Err(SppError::NoWindowsProductKey);
            }
            shown
        }
        Selection::All => spp.products(Filter::All, Columns::Full)?,
        Selection::Id(id) => match spp.products(Filter::Id(id), Columns::Full)?.pop() {
            Some(product) => vec![product],
            None => return Err(SppError::UnknownActivationId { id }),
        },
    };
    let products = products
        .into_iter()
        .map(|product| LicenseInfo {
            kms_client: kms_client_block(&service, &product),
            product,
        })
        .collect();
    Ok(LicenseReport {
        detailed,
        service,
        products,
    })
}

/// slmgr's choice of the block after the status of a KMS client license.
fn kms_client_block(service: &Service, product: &Product) -> Option<KmsClientBlock> {
    if !product.is_kms_client() {
        return None;
    }
    let details = product.details.as_ref();
    let block =
        if details.is_some_and(|d| d.activated_by == crate::spp::ActivationType::ActiveDirectory) {
            KmsClientBlock::ActiveDirectory
        } else if details.is_some_and(|d| d.token_activated) {
            KmsClientBlock::Token
        } else if product.license_status != LicenseStatus::Licensed {
            KmsClientBlock::NotActivated
        } else {
            KmsClientBlock::Kms(kms_client_info(service, product))
        };
    Some(block)
}

fn kms_client_info(service: &Service, product: &Product) -> KmsClientInfo {
    let KmsSettings { lookup_domain, .. } = &product.kms;
    let registered_host = product.kms.registered_host();
    KmsClientInfo {
        cmid: service.client_machine_id,
        lookup_domain: lookup_domain.clone(),
        discovered_host: match registered_host {
            Some(_) => None,
            None => product.discovered.host(),
        },
        registered_host,
        discovered_ip: product.discovered.ip.clone(),
        kms_extended_pid: product
            .details
            .as_ref()
            .and_then(|d| d.kms_extended_pid.clone()),
        activation_interval_minutes: product.activation_interval_minutes,
        renewal_interval_minutes: product.renewal_interval_minutes,
        host_caching: service.host_caching,
    }
}

/// `xpr [ACT_ID]`: without an ID every Windows product with a key (add-ons included, as
/// slmgr's query has it); `now` in Unix seconds.
pub(crate) fn expiration(
    spp: &mut dyn Spp,
    id: Option<Uuid>,
    now: u64,
) -> Result<ExpirationReport, SppError> {
    spp.service()?;
    let keyed = spp.products(Filter::KeyInstalled, Columns::Brief)?;
    let chosen = match id {
        None => {
            let windows: Vec<Product> = keyed.into_iter().filter(Product::is_windows).collect();
            if windows.is_empty() {
                return Err(SppError::NoWindowsProductKey);
            }
            windows
        }
        Some(id) => vec![keyed_by_id(spp, keyed, id)?],
    };
    let products = chosen
        .iter()
        .map(|product| Expiration {
            product: ProductRef::from(product),
            status: product.license_status,
            end: expiration_end(product, now),
        })
        .collect();
    Ok(ExpirationReport { products })
}

/// slmgr's `ExpirationDatime`, as data.
fn expiration_end(product: &Product, now: u64) -> ExpirationEnd {
    let at = now.saturating_add(u64::from(product.grace_minutes) * 60);
    match product.license_status {
        LicenseStatus::Unlicensed => ExpirationEnd::Unlicensed,
        LicenseStatus::Licensed if product.grace_minutes == 0 => ExpirationEnd::Permanent,
        LicenseStatus::Licensed if product.is_timebased() => ExpirationEnd::Timebased { at },
        LicenseStatus::Licensed if product.is_avma() => ExpirationEnd::AutomaticVm { at },
        LicenseStatus::Licensed => ExpirationEnd::Volume { at },
        LicenseStatus::InitialGrace => ExpirationEnd::InitialGrace { at },
        LicenseStatus::AdditionalGrace => ExpirationEnd::AdditionalGrace { at },
        LicenseStatus::NonGenuineGrace => ExpirationEnd::NonGenuineGrace { at },
        LicenseStatus::Notification => ExpirationEnd::Notification,
        LicenseStatus::ExtendedGrace => ExpirationEnd::ExtendedGrace { at },
        LicenseStatus::Unknown(_) => ExpirationEnd::Unknown,
    }
}

/// What Windows has set and discovered: the service's settings and every KMS client
/// product with a key.
pub(crate) fn system_kms(spp: &mut dyn Spp) -> Result<SystemKms, SppError> {
    let service = spp.service()?;
    let products = spp
        .products(Filter::KeyInstalled, Columns::Brief)?
        .into_iter()
        .filter(Product::is_kms_client)
        .collect();
    Ok(SystemKms { service, products })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spp::ActivationType;
    use crate::spp::commands::{activate, set_kms_host, set_lookup_domain};
    use crate::spp::model::{
        Answer, Model, SYNTHETIC_ADDON_ID, SYNTHETIC_CMID, SYNTHETIC_KMS_HOST_ID, catalog_entry,
    };

    fn enterprise() -> Uuid {
        catalog_entry("win11-enterprise").activation_id
    }

    fn licensed_client() -> Model {
        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(Answer::Activated {
            host: Some(("kms1.corp.example".into(), 1688)),
            ip: "10.5.213.229".into(),
            activation_interval: 120,
            renewal_interval: 10_080,
        });
        activate(&mut model, Selection::Default).expect("activates");
        model.journal.clear();
        model
    }

    #[test]
    fn dlv_of_a_licensed_kms_client_shows_what_windows_discovered() {
        let mut model = licensed_client();
        let report = display(&mut model, true, Selection::Default).expect("shows");
        assert!(report.detailed);
        assert_eq!(report.service.version, crate::spp::model::SYNTHETIC_VERSION);
        let [info] = report.products.as_slice() else {
            panic!("{report:?}")
        };
        assert_eq!(info.product.id, enterprise());
        assert!(info.product.details.is_some(), "dlv reads the details");
        let Some(KmsClientBlock::Kms(kms)) = &info.kms_client else {
            panic!("{info:?}")
        };
        assert_eq!(kms.cmid, Some(SYNTHETIC_CMID));
        assert_eq!(kms.registered_host, None);
        assert_eq!(
            kms.discovered_host
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("kms1.corp.example:1688")
        );
        assert_eq!(kms.discovered_ip.as_deref(), Some("10.5.213.229"));
        assert!(kms.kms_extended_pid.is_some());
        assert_eq!(
            (
                kms.activation_interval_minutes,
                kms.renewal_interval_minutes
            ),
            (120, 10_080)
        );
        assert!(kms.host_caching && !kms.host_overrides_domain());
        // Queries only.
        assert!(model.calls().is_empty());
    }

    #[test]
    fn a_registered_host_hides_the_discovered_one_and_warns_over_the_domain() {
        let mut model = licensed_client();
        let address = crate::address::KmsAddress::parse("[2001:db8::5]:1700").expect("address");
        set_kms_host(&mut model, &address, Some(enterprise())).expect("skms");
        set_lookup_domain(&mut model, "corp.example", Some(enterprise())).expect("domain");
        let report = display(&mut model, false, Selection::Id(enterprise())).expect("shows");
        let Some(KmsClientBlock::Kms(kms)) = &report.products[0].kms_client else {
            panic!("{report:?}")
        };
        assert_eq!(
            kms.registered_host
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("[2001:db8::5]:1700")
        );
        assert_eq!(kms.discovered_host, None);
        assert_eq!(kms.lookup_domain.as_deref(), Some("corp.example"));
        assert!(kms.host_overrides_domain());
    }

    #[test]
    fn not_licensed_asks_for_ato_and_other_activations_are_named() {
        let mut model = Model::synthetic_kms_client();
        let report = display(&mut model, true, Selection::Default).expect("shows");
        assert_eq!(
            report.products[0].kms_client,
            Some(KmsClientBlock::NotActivated)
        );

        let mut model = licensed_client();
        let product = model.product_mut(enterprise());
        if let Some(details) = &mut product.details {
            details.activated_by = ActivationType::ActiveDirectory;
        }
        let report = display(&mut model, true, Selection::Default).expect("shows");
        assert_eq!(
            report.products[0].kms_client,
            Some(KmsClientBlock::ActiveDirectory)
        );
        if let Some(details) = &mut model.product_mut(enterprise()).details {
            details.activated_by = ActivationType::Kms;
            details.token_activated = true;
        }
        let report = display(&mut model, true, Selection::Default).expect("shows");
        assert_eq!(report.products[0].kms_client, Some(KmsClientBlock::Token));
    }

    #[test]
    fn the_default_adds_keyed_add_ons_and_all_shows_every_license() {
        let mut model = Model::synthetic_kms_client();
        model.product_mut(SYNTHETIC_ADDON_ID).partial_product_key = Some("0A002".into());
        let report = display(&mut model, false, Selection::Default).expect("shows");
        let ids: Vec<Uuid> = report.products.iter().map(|i| i.product.id).collect();
        assert_eq!(ids, [enterprise(), SYNTHETIC_ADDON_ID]);
        // The add-on is a MAK license: no KMS client block.
        assert_eq!(report.products[1].kms_client, None);

        let report = display(&mut model, false, Selection::All).expect("shows");
        assert_eq!(report.products.len(), model.products.len());
        let host = report
            .products
            .iter()
            .find(|i| i.product.id == SYNTHETIC_KMS_HOST_ID)
            .expect("listed");
        assert_eq!(host.product.partial_product_key, None, "not in use");
    }

    #[test]
    fn nothing_to_show_is_an_error_with_slmgr_code() {
        let mut model = Model::synthetic_machine().with_catalog_license("win11-enterprise");
        assert_eq!(
            display(&mut model, true, Selection::Default),
            Err(SppError::NoWindowsProductKey)
        );
        let unknown = Uuid::from_u128(9);
        assert_eq!(
            display(&mut model, true, Selection::Id(unknown)),
            Err(SppError::UnknownActivationId { id: unknown })
        );
        // A license without a key can still be shown by its ID.
        let report = display(&mut model, true, Selection::Id(enterprise())).expect("shows");
        assert_eq!(report.products[0].product.partial_product_key, None);
    }

    #[test]
    fn xpr_ends_now_plus_the_minutes_left_as_slmgr_words_it() {
        const NOW: u64 = 1_800_000_000;
        let mut model = licensed_client();
        let report = expiration(&mut model, None, NOW).expect("xpr");
        assert_eq!(
            report.products[0].end,
            ExpirationEnd::Volume {
                at: NOW + 180 * 86_400
            }
        );
        let product = model.product_mut(enterprise());
        product.license_status = LicenseStatus::InitialGrace;
        product.grace_minutes = 60;
        let report = expiration(&mut model, Some(enterprise()), NOW).expect("xpr");
        assert_eq!(
            report.products[0].end,
            ExpirationEnd::InitialGrace { at: NOW + 3_600 }
        );
        assert_eq!(report.products[0].end.at(), Some(NOW + 3_600));

        let cases = [
            (LicenseStatus::Licensed, 0, ExpirationEnd::Permanent),
            (LicenseStatus::Unlicensed, 0, ExpirationEnd::Unlicensed),
            (LicenseStatus::Notification, 0, ExpirationEnd::Notification),
            (
                LicenseStatus::AdditionalGrace,
                1,
                ExpirationEnd::AdditionalGrace { at: NOW + 60 },
            ),
            (
                LicenseStatus::NonGenuineGrace,
                1,
                ExpirationEnd::NonGenuineGrace { at: NOW + 60 },
            ),
            (
                LicenseStatus::ExtendedGrace,
                1,
                ExpirationEnd::ExtendedGrace { at: NOW + 60 },
            ),
            (LicenseStatus::Unknown(9), 1, ExpirationEnd::Unknown),
        ];
        for (status, minutes, expected) in cases {
            let product = model.product_mut(enterprise());
            product.license_status = status;
            product.grace_minutes = minutes;
            let report = expiration(&mut model, None, NOW).expect("xpr");
            assert_eq!(report.products[0].end, expected, "{status:?}");
        }
        let mut timebased = model.product(enterprise()).clone();
        timebased.license_status = LicenseStatus::Licensed;
        timebased.grace_minutes = 1;
        timebased.description = "Windows(R) Operating System, TIMEBASED_EVAL channel".into();
        assert_eq!(
            expiration_end(&timebased, NOW),
            ExpirationEnd::Timebased { at: NOW + 60 }
        );
        timebased.description =
            "Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel".into();
        assert_eq!(
            expiration_end(&timebased, NOW),
            ExpirationEnd::AutomaticVm { at: NOW + 60 }
        );
        assert!(model.calls().is_empty());
    }

    #[test]
    fn discover_sees_the_settings_and_the_discovered_host() {
        let mut model = licensed_client();
        model.service.kms.lookup_domain = Some("corp.example".into());
        let system = system_kms(&mut model).expect("reads");
        assert_eq!(
            system.service.kms.lookup_domain.as_deref(),
            Some("corp.example")
        );
        assert!(system.service.host_caching);
        let [windows] = system.products.as_slice() else {
            panic!("{system:?}")
        };
        assert_eq!(windows.discovered.ip.as_deref(), Some("10.5.213.229"));
        assert_eq!(windows.discovered.port, 1688);
        assert!(model.calls().is_empty());
    }
}
