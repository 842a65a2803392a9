//! slmgr.vbs's logic per command, over any [`Spp`]: which product, which calls in which
//! order, the follow-ups, and typed results the output layer renders (docs/windows.md
//! lists each command's calls).
//!
//! Every command asks for the service first ([`Spp::service`]): the probe that reports a
//! missing or broken licensing service before any method is called.

mod activate;
mod display;
mod keys;
mod settings;

use uuid::Uuid;

use super::{Argument, Columns, Filter, Method, MethodCall, Product, Spp, SppError, Target};

pub use activate::activate;
pub(crate) use activate::{ActivationOutcome, ProductActivation, Retry, renew};
pub use display::display;
pub(crate) use display::{
    ExpirationEnd, ExpirationReport, KmsClientBlock, KmsClientInfo, LicenseInfo, LicenseReport,
    SystemKms, expiration, system_kms,
};
pub(crate) use keys::{
    RegistryChange, clear_product_key_from_registry, install_product_key, uninstall_product_key,
};
pub use settings::set_host_caching;
pub(crate) use settings::{
    Scope, SettingChanged, clear_kms_host, clear_lookup_domain, set_kms_host, set_lookup_domain,
};

/// Which products a command acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// slmgr's default: the Windows product (ApplicationId 55c92734-…, a key installed,
    /// not an add-on); `dli`/`dlv` add the add-ons that have a key.
    Default,
    /// `all`: `dli`/`dlv` every license of the machine; `ato`/`renew` every product
    /// with a key (Windows and Office 2013+, as ospp.vbs `/act` does for Office).
    All,
    /// The license with this Activation ID.
    Id(Uuid),
}

/// A product as a command's result names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductRef {
    pub(crate) id: Uuid,
    pub(crate) name: String,
    pub(crate) description: String,
}

impl From<&Product> for ProductRef {
    fn from(product: &Product) -> Self {
        ProductRef {
            id: product.id,
            name: product.name.clone(),
            description: product.description.clone(),
        }
    }
}

/// slmgr's current Windows product among `products`: the first Windows product with a
/// key that is not an add-on (slmgr stops at the first it can tell is the primary one).
fn primary_windows(products: Vec<Product>) -> Result<Product, SppError> {
    products
        .into_iter()
        .find(Product::is_primary_windows)
        .ok_or(SppError::NoWindowsProductKey)
}

/// The product with `id` among `keyed` (products with a key), or why there is none: no
/// such license, or one without a key.
fn keyed_by_id(spp: &mut dyn Spp, keyed: Vec<Product>, id: Uuid) -> Result<Product, SppError> {
    if let Some(product) = keyed.into_iter().find(|p| p.id == id) {
        return Ok(product);
    }
    match spp
        .products(Filter::Id(id), Columns::Brief)?
        .into_iter()
        .next()
    {
        None => Err(SppError::UnknownActivationId { id }),
        Some(product) => Err(SppError::ProductKeyNotInstalled {
            id,
            name: product.name,
        }),
    }
}

/// The products with a key that `selection` names: the Windows product, all of them,
/// or one (what `ato` and `renew` act on).
pub(crate) fn keyed_selection(
    spp: &mut dyn Spp,
    selection: Selection,
) -> Result<Vec<Product>, SppError> {
    let keyed = spp.products(Filter::KeyInstalled, Columns::Brief)?;
    match selection {
        Selection::Default => primary_windows(keyed).map(|p| vec![p]),
        Selection::All if keyed.is_empty() => Err(SppError::NoProductKey),
        Selection::All => Ok(keyed),
        Selection::Id(id) => keyed_by_id(spp, keyed, id).map(|p| vec![p]),
    }
}

/// The product with `id` as it is now.
fn reread(spp: &mut dyn Spp, id: Uuid, columns: Columns) -> Result<Product, SppError> {
    spp.products(Filter::Id(id), columns)?
        .into_iter()
        .next()
        .ok_or(SppError::UnknownActivationId { id })
}

fn call(spp: &mut dyn Spp, target: Target, method: Method) -> Result<(), SppError> {
    spp.call(&MethodCall::new(target, method))
}

fn call_with(
    spp: &mut dyn Spp,
    target: Target,
    method: Method,
    argument: Argument,
) -> Result<(), SppError> {
    spp.call(&MethodCall::with(target, method, argument))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::HResult;
    use crate::spp::model::{Event, Model, SYNTHETIC_ADDON_ID, catalog_entry};
    use crate::spp::{OFFICE_APPLICATION_ID, SERVICE_CLASS};

    #[test]
    fn the_windows_product_is_the_keyed_windows_license_that_is_no_add_on() {
        let mut model = Model::synthetic_kms_client();
        // An add-on with a key and an Office key around it change nothing.
        model.product_mut(SYNTHETIC_ADDON_ID).partial_product_key = Some("0A002".into());
        let office = catalog_entry("office2021-proplus").activation_id;
        model.product_mut(office).partial_product_key = Some("6F7TH".into());
        let chosen = keyed_selection(&mut model, Selection::Default).expect("one");
        assert_eq!(chosen.len(), 1);
        assert_eq!(
            chosen[0].id,
            catalog_entry("win11-enterprise").activation_id
        );

        // An Activation ID selects Office 2013+ in the same class.
        let chosen = keyed_selection(&mut model, Selection::Id(office)).expect("office");
        assert_eq!(chosen[0].application_id, OFFICE_APPLICATION_ID);
        // `all`: every product with a key, in the service's order.
        let all = keyed_selection(&mut model, Selection::All).expect("all");
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn without_a_windows_key_there_is_no_default_product() {
        let mut model = Model::synthetic_kms_client();
        let windows = catalog_entry("win11-enterprise").activation_id;
        model.product_mut(windows).partial_product_key = None;
        model.product_mut(SYNTHETIC_ADDON_ID).partial_product_key = Some("0A002".into());
        let error = keyed_selection(&mut model, Selection::Default).unwrap_err();
        assert_eq!(error, SppError::NoWindowsProductKey);
        assert_eq!(error.hresult(), Some(HResult(0xC004_F014)));
    }

    #[test]
    fn an_activation_id_is_unknown_or_without_a_key() {
        let mut model = Model::synthetic_kms_client();
        let unknown = Uuid::from_u128(42);
        assert_eq!(
            keyed_selection(&mut model, Selection::Id(unknown)),
            Err(SppError::UnknownActivationId { id: unknown })
        );
        let office = catalog_entry("office2021-proplus");
        let error = keyed_selection(&mut model, Selection::Id(office.activation_id)).unwrap_err();
        assert!(
            matches!(&error, SppError::ProductKeyNotInstalled { id, .. } if *id == office.activation_id),
            "{error:?}"
        );
        // Selecting is reading: nothing was called.
        assert!(model.calls().is_empty());
        assert!(model.journal.iter().all(|e| matches!(e, Event::Query(_))));
        assert!(!model.journal.contains(&Event::Query(SERVICE_CLASS)));
    }
}
