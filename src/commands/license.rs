//! `dli`, `dlv`, `xpr`: read-only reports of the state.

use crate::output::Report;
use crate::output::report::{
    Expiration, ExpirationReport, License, LicensesReport, NamedProduct, SettingScope,
};
use crate::state::{InstalledProduct, State, StateStore};

use super::{
    Failure, Selection, catalog_entry, display_name, load_for_product, resolve_activation_id,
    select_installed, select_products,
};

/// `dli` / `dlv`.
pub(super) fn display(
    store: &StateStore,
    now: u64,
    detailed: bool,
    selection: &Selection,
) -> Result<Report, Failure> {
    // A query that names nothing is a usage error whatever the state holds.
    if let Selection::One(query) = selection {
        resolve_activation_id(query)?;
    }
    let Some(state) = store.load()? else {
        return match selection {
            Selection::All => Ok(Report::Licenses(LicensesReport {
                detailed,
                now,
                products: Vec::new(),
            })),
            Selection::Default | Selection::One(_) => Err(Failure::NoProductInstalled),
        };
    };
    let products: Vec<License> = match selection {
        Selection::All => state.products.iter().map(|p| license(&state, p)).collect(),
        Selection::Default => vec![license(&state, select_installed(&state, None)?)],
        Selection::One(query) => vec![license(&state, select_installed(&state, Some(query))?)],
    };
    Ok(Report::Licenses(LicensesReport {
        detailed,
        now,
        products,
    }))
}

/// `xpr`: the product named, every installed product with `all`, else the default one.
pub(super) fn expiration(
    store: &StateStore,
    now: u64,
    query: Option<&str>,
) -> Result<Report, Failure> {
    let state = load_for_product(store, query)?;
    let products = select_products(&state, query)?
        .into_iter()
        .map(|product| Expiration {
            product: NamedProduct {
                name: display_name(product),
                activation_id: product.activation_id,
            },
            status: product.status(now),
            ends_at: product.status_ends_at(now),
        })
        .collect();
    Ok(Report::Expiration(ExpirationReport { products }))
}

/// A product with the settings in force for it.
fn license(state: &State, product: &InstalledProduct) -> License {
    let scope = match product.settings.kms_host {
        Some(_) => SettingScope::Product,
        None => SettingScope::Global,
    };
    License {
        name: display_name(product),
        entry: catalog_entry(product),
        product: product.clone(),
        kms_host: state
            .kms_host_for(product)
            .map(|configured| (configured.clone(), scope)),
        lookup_domain: state.lookup_domain_for(product).map(str::to_string),
        cmid: state.cmid,
        host_caching: state.settings.host_caching,
    }
}
