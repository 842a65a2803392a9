//! `ipk`, `upk`, `products`.

use crate::catalog::{self, Family};
use crate::output::Report;
use crate::output::report::{MessageReport, ProductView, ProductsReport};
use crate::output::view::ProductRef;
use crate::state::{InstalledProduct, StateStore};

use super::{Failure, display_name, select_installed};

/// `ipk`: installs a catalog product. Like Windows, one operating-system edition is
/// installed at a time: a Windows key replaces the installed Windows edition (its settings
/// and results go with it); Office editions sit side by side.
pub fn install(store: &StateStore, now: u64, key: &str) -> Result<Report, Failure> {
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
        if state.product(&product.activation_id).is_none() {
            state
                .products
                .push(InstalledProduct::new(product.activation_id, now));
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
        product: Some(ProductRef {
            name: product.name.to_string(),
            activation_id: product.activation_id,
        }),
    }))
}

/// `upk`: removes an installed product with its settings and results.
pub fn uninstall(store: &StateStore, now: u64, query: Option<&str>) -> Result<Report, Failure> {
    let removed = store.update(now, |state| {
        let selected = select_installed(state, query)?;
        let removed = ProductRef {
            name: display_name(selected),
            activation_id: selected.activation_id,
        };
        state
            .products
            .retain(|p| p.activation_id != removed.activation_id);
        Ok::<_, Failure>(removed)
    })?;
    Ok(Report::Message(MessageReport {
        command: "upk",
        message: "Uninstalled product key successfully.".into(),
        warnings: Vec::new(),
        settings: None,
        product: Some(removed),
    }))
}

/// `products [FILTER]`.
pub fn list(store: &StateStore, filter: Option<&str>) -> Result<Report, Failure> {
    // An unreadable state only loses the "(installed)" marks; the catalog is still useful.
    let installed = store.load().ok().flatten();
    let products = catalog::filter(filter.unwrap_or(""))
        .map(|p| ProductView {
            name: p.name,
            aliases: p.aliases,
            family: match p.family {
                Family::WindowsClient => "windows-client",
                Family::WindowsServer => "windows-server",
                Family::Office => "office",
            },
            gvlk: p.gvlk,
            application_id: p.application_id,
            activation_id: p.activation_id,
            kms_counted_id: p.kms_counted_id,
            n_policy: p.n_policy,
            protocol: p.protocol,
            installed: installed
                .as_ref()
                .is_some_and(|s| s.product(&p.activation_id).is_some()),
        })
        .collect();
    Ok(Report::Products(ProductsReport { products }))
}
