//! `ipk`, `upk`, `products`.

use crate::catalog::{self, Family};
use crate::output::Report;
use crate::output::report::{ListedProduct, MessageReport, NamedProduct, ProductsReport};
use crate::state::{InstalledProduct, StateStore};

use super::{Failure, display_name, select_products};

/// `ipk`: installs a catalog product. Like Windows, one operating-system edition is
/// installed at a time: a Windows key replaces the installed Windows edition (its settings
/// and results go with it); Office editions sit side by side.
pub(super) fn install(store: &StateStore, now: u64, key: &str) -> Result<Report, Failure> {
    let product = catalog::find(key)?;
    let mut warnings = Vec::new();
    store.update(now, |state| {
        let is_os =
            |family: Family| matches!(family, Family::WindowsClient | Family::WindowsServer);
        if is_os(product.family) {
            let replaced: Vec<String> = state
                .products
                .iter()
                .filter(|p| p.activation_id != product.activation_id)
                .filter(|p| {
                    catalog::by_activation_id(&p.activation_id).is_some_and(|c| is_os(c.family))
                })
                .map(display_name)
                .collect();
            for name in replaced {
                warnings.push(format!(
                    "{name} was replaced: one Windows edition is installed at a time."
                ));
            }
            state.products.retain(|p| {
                p.activation_id == product.activation_id
                    || !catalog::by_activation_id(&p.activation_id).is_some_and(|c| is_os(c.family))
            });
        }
        match state.product_mut(&product.activation_id) {
            // Installed again: the next renew is due at once, as after a setting's change.
            Some(installed) => installed.settings_changed(now),
            None => state
                .products
                .push(InstalledProduct::new(product.activation_id, now)),
        }
        Ok::<_, Failure>(())
    })?;
    Ok(Report::Message(MessageReport {
        command: "ipk",
        // Echo the key as typed (normalized) when a key was given: a few published keys
        // share one catalog row with another key of the same edition.
        message: format!(
            "Installed product key {} successfully.",
            catalog::normalize_product_key(key).unwrap_or_else(|| product.gvlk.to_string())
        ),
        warnings,
        settings: None,
        product: Some(NamedProduct {
            name: product.name.to_string(),
            activation_id: product.activation_id,
        }),
    }))
}

/// `upk`: removes an installed product with its settings and results; `all` removes
/// every one (the CMID and the global settings stay).
pub(super) fn uninstall(
    store: &StateStore,
    now: u64,
    query: Option<&str>,
) -> Result<Report, Failure> {
    let removed = store.update(now, |state| {
        let removed: Vec<NamedProduct> = select_products(state, query)?
            .into_iter()
            .map(|selected| NamedProduct {
                name: display_name(selected),
                activation_id: selected.activation_id,
            })
            .collect();
        state
            .products
            .retain(|p| removed.iter().all(|r| r.activation_id != p.activation_id));
        Ok::<_, Failure>(removed)
    })?;
    // slmgr's sentence names nothing: say which product went, with its settings.
    let message = match removed.as_slice() {
        [only] => format!(
            "Uninstalled product key successfully: {} ({}) removed, with its settings and \
             results.",
            only.name, only.activation_id
        ),
        several => format!(
            "Uninstalled {} product keys successfully: {}.",
            several.len(),
            several
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Ok(Report::Message(MessageReport {
        command: "upk",
        message,
        warnings: Vec::new(),
        settings: None,
        product: match removed.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        },
    }))
}

/// `products [FILTER]`.
pub(super) fn list(store: &StateStore, filter: Option<&str>) -> Result<Report, Failure> {
    // An unreadable state only loses the "(installed)" marks; the catalog is still useful.
    let installed = store.load().ok().flatten();
    let products = catalog::filter(filter.unwrap_or(""))
        .map(|product| ListedProduct {
            product,
            installed: installed
                .as_ref()
                .is_some_and(|s| s.product(&product.activation_id).is_some()),
        })
        .collect();
    Ok(Report::Products(ProductsReport { products }))
}
