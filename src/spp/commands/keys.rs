//! `ipk`, `upk`, `cpky`: product keys, and slmgr's `KeyManagementServiceVersion` rule.

use super::{ProductRef, call, call_with, keyed_by_id, primary_windows};
use crate::spp::{Argument, Columns, Filter, Method, Product, Service, Spp, SppError, Target};

/// What slmgr does to `KeyManagementServiceVersion` after a key changes: set it to the
/// service's version while a KMS host key is installed, else delete it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegistryChange {
    Set { version: String },
    Deleted,
}

/// `ipk`'s result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyInstalled {
    /// The key as given (slmgr echoes it).
    pub(crate) key: String,
    /// The license that now shows the key's last five characters, if one does.
    pub(crate) product: Option<ProductRef>,
    pub(crate) registry: RegistryChange,
}

impl KeyInstalled {
    /// slmgr's sentence.
    pub(crate) fn message(&self) -> String {
        format!("Installed product key {} successfully.", self.key)
    }
}

/// `upk`'s result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyUninstalled {
    pub(crate) product: ProductRef,
    pub(crate) registry: RegistryChange,
}

impl KeyUninstalled {
    /// slmgr's sentence.
    pub(crate) fn message(&self) -> &'static str {
        "Uninstalled product key successfully."
    }
}

/// `cpky`'s result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProductKeyCleared;

impl ProductKeyCleared {
    /// slmgr's sentence.
    pub(crate) fn message(self) -> &'static str {
        "Product key from registry cleared successfully."
    }
}

/// `ipk KEY`: the service's `InstallProductKey(ProductKey)`, `RefreshLicenseStatus()`,
/// then the registry rule over the products that now have a key.
pub(crate) fn install_product_key(spp: &mut dyn Spp, key: &str) -> Result<KeyInstalled, SppError> {
    let service = spp.service()?;
    call_with(
        spp,
        Target::Service,
        Method::InstallProductKey,
        Argument::Text(key.to_string()),
    )?;
    // Installing a key can change the licensing state, which tells the service when to
    // run next: slmgr has it consume the licenses again.
    call(spp, Target::Service, Method::RefreshLicenseStatus)?;
    let keyed = spp.products(Filter::KeyInstalled, Columns::Brief)?;
    let registry = apply_registry_rule(spp, &service, &keyed)?;
    let partial = last_five(key);
    let product = keyed
        .iter()
        .find(|p| {
            p.partial_product_key
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case(&partial))
        })
        .map(ProductRef::from);
    Ok(KeyInstalled {
        key: key.to_string(),
        product,
        registry,
    })
}

/// `upk [ACT_ID]`: the product's `UninstallProductKey()`, the service's
/// `RefreshLicenseStatus()`, then the registry rule over the other products with a key.
pub(crate) fn uninstall_product_key(
    spp: &mut dyn Spp,
    id: Option<uuid::Uuid>,
) -> Result<KeyUninstalled, SppError> {
    let service = spp.service()?;
    let keyed = spp.products(Filter::KeyInstalled, Columns::Brief)?;
    let chosen = match id {
        None => primary_windows(keyed.clone())?,
        Some(id) => keyed_by_id(spp, keyed.clone(), id)?,
    };
    call(spp, Target::Product(chosen.id), Method::UninstallProductKey)?;
    call(spp, Target::Service, Method::RefreshLicenseStatus)?;
    let others: Vec<Product> = keyed.into_iter().filter(|p| p.id != chosen.id).collect();
    let registry = apply_registry_rule(spp, &service, &others)?;
    Ok(KeyUninstalled {
        product: ProductRef::from(&chosen),
        registry,
    })
}

/// `cpky`: the service's `ClearProductKeyFromRegistry()`.
pub(crate) fn clear_product_key_from_registry(
    spp: &mut dyn Spp,
) -> Result<ProductKeyCleared, SppError> {
    spp.service()?;
    call(spp, Target::Service, Method::ClearProductKeyFromRegistry)?;
    Ok(ProductKeyCleared)
}

/// slmgr's rule: `KeyManagementServiceVersion` holds the service's version while one of
/// `keyed` is a KMS host license, and is deleted otherwise.
fn apply_registry_rule(
    spp: &mut dyn Spp,
    service: &Service,
    keyed: &[Product],
) -> Result<RegistryChange, SppError> {
    if keyed.iter().any(Product::is_kms_host) {
        spp.set_kms_version_value(Some(&service.version))?;
        Ok(RegistryChange::Set {
            version: service.version.clone(),
        })
    } else {
        spp.set_kms_version_value(None)?;
        Ok(RegistryChange::Deleted)
    }
}

/// The key's last five characters, what Windows keeps as the partial key.
fn last_five(key: &str) -> String {
    let chars: Vec<char> = key.trim().chars().collect();
    chars[chars.len().saturating_sub(5)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit_codes::Exit;
    use crate::protocol::HResult;
    use crate::spp::SERVICE_CLASS;
    use crate::spp::model::{
        Event, Model, SYNTHETIC_KMS_HOST_ID, SYNTHETIC_KMS_HOST_KEY, SYNTHETIC_VERSION,
        catalog_entry, catalog_key,
    };
    use crate::spp::values::LicenseStatus;

    #[test]
    fn ipk_installs_refreshes_then_deletes_the_kms_version_for_a_client_key() {
        let mut model = Model::synthetic_kms_client();
        model.kms_version = Some("stale".into());
        let key = catalog_key("win10-pro");
        model = model.with_catalog_license("win10-pro");
        let installed = install_product_key(&mut model, &key).expect("installs");
        assert_eq!(
            installed.message(),
            format!("Installed product key {key} successfully.")
        );
        let pro = catalog_entry("win10-pro");
        assert_eq!(installed.product.map(|p| p.id), Some(pro.activation_id));
        assert_eq!(installed.registry, RegistryChange::Deleted);
        assert_eq!(model.kms_version, None);
        assert_eq!(
            model.calls(),
            [
                (Target::Service, Method::InstallProductKey),
                (Target::Service, Method::RefreshLicenseStatus)
            ]
        );
        // The service was asked first, before any method.
        assert_eq!(model.journal.first(), Some(&Event::Query(SERVICE_CLASS)));
        // Windows has one edition: the Enterprise key went.
        let enterprise = catalog_entry("win11-enterprise").activation_id;
        assert_eq!(
            model.product(enterprise).license_status,
            LicenseStatus::Unlicensed
        );
    }

    #[test]
    fn ipk_of_a_kms_host_key_sets_the_version_in_both_views() {
        let mut model = Model::synthetic_kms_client();
        let installed = install_product_key(&mut model, SYNTHETIC_KMS_HOST_KEY).expect("ok");
        assert_eq!(
            installed.registry,
            RegistryChange::Set {
                version: SYNTHETIC_VERSION.into()
            }
        );
        assert_eq!(model.kms_version.as_deref(), Some(SYNTHETIC_VERSION));
        assert_eq!(model.kms_version_32, Some(Some(SYNTHETIC_VERSION.into())));
        assert_eq!(installed.product.map(|p| p.id), Some(SYNTHETIC_KMS_HOST_ID));
    }

    #[test]
    fn an_invalid_key_stops_before_the_refresh_with_exit_2() {
        let mut model = Model::synthetic_kms_client();
        let error = install_product_key(&mut model, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE").unwrap_err();
        assert_eq!(error.hresult(), Some(HResult::INVALID_PRODUCT_KEY));
        assert_eq!(error.exit_code(), Exit::Usage);
        assert_eq!(
            model.calls(),
            [(Target::Service, Method::InstallProductKey)]
        );
        assert!(
            !model
                .journal
                .iter()
                .any(|e| matches!(e, Event::RegistryDeleted | Event::RegistrySet(_)))
        );
    }

    #[test]
    fn upk_uninstalls_the_windows_key_and_keeps_the_version_while_a_host_key_stays() {
        let mut model = Model::synthetic_kms_client();
        install_product_key(&mut model, SYNTHETIC_KMS_HOST_KEY).expect("host key");
        // The host key replaced the Enterprise edition; put a client key back beside it
        // as an Office key.
        install_product_key(&mut model, &catalog_key("office2021-proplus")).expect("office");
        model.journal.clear();
        let office = catalog_entry("office2021-proplus").activation_id;
        let removed = uninstall_product_key(&mut model, Some(office)).expect("removes");
        assert_eq!(removed.product.id, office);
        assert_eq!(removed.message(), "Uninstalled product key successfully.");
        assert_eq!(
            model.calls(),
            [
                (Target::Product(office), Method::UninstallProductKey),
                (Target::Service, Method::RefreshLicenseStatus)
            ]
        );
        assert!(matches!(removed.registry, RegistryChange::Set { .. }));
        // Without an Activation ID: the Windows product (here the KMS host license), and
        // then no host key is left.
        let removed = uninstall_product_key(&mut model, None).expect("removes");
        assert_eq!(removed.product.id, SYNTHETIC_KMS_HOST_ID);
        assert_eq!(removed.registry, RegistryChange::Deleted);
        assert_eq!(model.kms_version, None);
    }

    #[test]
    fn upk_without_a_key_to_remove_says_so_and_calls_nothing() {
        let mut model = Model::synthetic_kms_client();
        let office = catalog_entry("office2021-proplus").activation_id;
        let error = uninstall_product_key(&mut model, Some(office)).unwrap_err();
        assert!(
            matches!(error, SppError::ProductKeyNotInstalled { .. }),
            "{error:?}"
        );
        assert_eq!(error.exit_code(), Exit::LocalState);
        let unknown = uuid::Uuid::from_u128(7);
        assert_eq!(
            uninstall_product_key(&mut model, Some(unknown)),
            Err(SppError::UnknownActivationId { id: unknown })
        );
        assert!(model.calls().is_empty());
    }

    #[test]
    fn not_elevated_the_first_method_is_refused_with_0xc004f025() {
        let mut model = Model::synthetic_kms_client();
        model.elevated = false;
        let error = install_product_key(&mut model, &catalog_key("win10-pro")).unwrap_err();
        assert_eq!(error.hresult(), Some(HResult(0xC004_F025)));
        assert_eq!(error.exit_code(), Exit::LocalState);
        assert!(error.hint().contains("Run as administrator"));
        let error = clear_product_key_from_registry(&mut model).unwrap_err();
        assert_eq!(error.hresult(), Some(HResult(0xC004_F025)));
    }

    #[test]
    fn cpky_clears_the_key_from_the_registry_through_the_service() {
        let mut model = Model::synthetic_kms_client();
        let cleared = clear_product_key_from_registry(&mut model).expect("clears");
        assert_eq!(
            cleared.message(),
            "Product key from registry cleared successfully."
        );
        assert_eq!(
            model.calls(),
            [(Target::Service, Method::ClearProductKeyFromRegistry)]
        );
    }

    #[test]
    fn a_missing_service_stops_every_command_before_any_call() {
        for missing in [HResult::WBEM_INVALID_CLASS, HResult::WBEM_NOT_FOUND] {
            let mut model = Model::synthetic_kms_client();
            model.service_missing = Some(missing);
            let error = install_product_key(&mut model, &catalog_key("win10-pro")).unwrap_err();
            assert_eq!(error.hresult(), Some(missing));
            assert_eq!(error.exit_code(), Exit::LocalState);
            assert!(uninstall_product_key(&mut model, None).is_err());
            assert!(clear_product_key_from_registry(&mut model).is_err());
            // The model panics on a method call without a service; none was made.
            assert!(model.calls().is_empty());
        }
    }
}
