//! `skms`, `ckms`, `skms-domain`, `ckms-domain`, `skhc`, `ckhc`.

use crate::address::KmsAddress;
use crate::output::Report;
use crate::output::report::{MessageReport, SettingsView};
use crate::output::view::ProductRef;
use crate::state::{State, StateStore};

use super::{Failure, display_name, select_installed};

/// Which settings a setter changes: the global ones, or one product's.
fn scope_of(state: &State, product: Option<&str>) -> Result<Option<uuid::Uuid>, Failure> {
    match product {
        None => Ok(None),
        Some(query) => select_installed(state, Some(query)).map(|p| Some(p.activation_id)),
    }
}

/// The settings in force for the scope, and slmgr's warning when skms hides skms-domain.
fn settings_after(state: &State, scope: Option<uuid::Uuid>) -> (SettingsView, Vec<String>) {
    let product = scope.and_then(|id| state.product(&id));
    let (kms_host, lookup_domain) = match product {
        Some(p) => (
            state.kms_host_for(p).cloned(),
            state.lookup_domain_for(p).map(str::to_string),
        ),
        None => (
            state.settings.kms_host.clone(),
            state.settings.lookup_domain.clone(),
        ),
    };
    let mut warnings = Vec::new();
    if let (Some(host), Some(_)) = (&kms_host, &lookup_domain)
        && host.host.is_some()
    {
        warnings.push(format!(
            "/skms setting overrides the /skms-domain setting. {host} will be used for activation."
        ));
    }
    let view = SettingsView {
        kms_host: kms_host.map(|h| h.to_string()),
        lookup_domain,
        host_caching: state.settings.host_caching,
        scope: scope.map_or_else(|| "global".to_string(), |id| id.to_string()),
    };
    (view, warnings)
}

fn setter(
    store: &StateStore,
    now: u64,
    command: &'static str,
    product: Option<&str>,
    change: impl FnOnce(&mut State, Option<uuid::Uuid>) -> String,
) -> Result<Report, Failure> {
    let (message, view, warnings, product_ref) = store.update(now, |state| {
        let scope = scope_of(state, product)?;
        let message = change(state, scope);
        let (view, warnings) = settings_after(state, scope);
        let product_ref = scope.and_then(|id| state.product(&id)).map(|p| ProductRef {
            name: display_name(p),
            activation_id: p.activation_id,
        });
        Ok::<_, Failure>((message, view, warnings, product_ref))
    })?;
    Ok(Report::Message(MessageReport {
        command,
        message,
        warnings,
        settings: Some(view),
        product: product_ref,
    }))
}

/// `skms`. `:port` changes only the port of the host in force (slmgr's behaviour).
pub fn set_kms_host(
    store: &StateStore,
    now: u64,
    address: KmsAddress,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(store, now, "skms", product, |state, scope| {
        let (slot, kept) = match scope.and_then(|id| state.product_mut(&id)) {
            Some(p) => (&mut p.settings.kms_host, &mut p.settings.kms_host_addresses),
            None => (
                &mut state.settings.kms_host,
                &mut state.settings.kms_host_addresses,
            ),
        };
        // Addresses kept for the host that was set belong to it alone.
        kept.clear();
        match (address.host, slot.as_mut()) {
            (None, Some(existing)) => {
                existing.port = address.port;
                format!(
                    "Key Management Service machine port set to {} successfully.",
                    address.port
                )
            }
            (None, None) => {
                *slot = Some(KmsAddress {
                    host: None,
                    port: address.port,
                });
                format!(
                    "Key Management Service machine port set to {} successfully.",
                    address.port
                )
            }
            (Some(host), _) => {
                let new = KmsAddress {
                    host: Some(host),
                    port: address.port,
                };
                let message =
                    format!("Key Management Service machine name set to {new} successfully.");
                *slot = Some(new);
                message
            }
        }
    })
}

/// `ckms`.
pub fn clear_kms_host(
    store: &StateStore,
    now: u64,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(store, now, "ckms", product, |state, scope| {
        match scope.and_then(|id| state.product_mut(&id)) {
            Some(p) => {
                p.settings.kms_host = None;
                p.settings.kms_host_addresses.clear();
            }
            None => {
                state.settings.kms_host = None;
                state.settings.kms_host_addresses.clear();
            }
        }
        "Key Management Service machine name cleared successfully.".into()
    })
}

/// `skms-domain`.
pub fn set_lookup_domain(
    store: &StateStore,
    now: u64,
    domain: String,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(store, now, "skms-domain", product, |state, scope| {
        let message = format!("Key Management Service lookup domain set to {domain} successfully.");
        match scope.and_then(|id| state.product_mut(&id)) {
            Some(p) => p.settings.lookup_domain = Some(domain),
            None => state.settings.lookup_domain = Some(domain),
        }
        message
    })
}

/// `ckms-domain`.
pub fn clear_lookup_domain(
    store: &StateStore,
    now: u64,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(store, now, "ckms-domain", product, |state, scope| {
        match scope.and_then(|id| state.product_mut(&id)) {
            Some(p) => p.settings.lookup_domain = None,
            None => state.settings.lookup_domain = None,
        }
        "Key Management Service lookup domain cleared successfully.".into()
    })
}

/// `skhc` / `ckhc`. Disabling also forgets every cached host.
pub fn set_host_caching(store: &StateStore, now: u64, enabled: bool) -> Result<Report, Failure> {
    setter(
        store,
        now,
        if enabled { "skhc" } else { "ckhc" },
        None,
        |state, _| {
            state.settings.host_caching = enabled;
            if enabled {
                "KMS host caching is enabled".into()
            } else {
                for product in &mut state.products {
                    product.cached_host = None;
                }
                "KMS host caching is disabled".into()
            }
        },
    )
}
