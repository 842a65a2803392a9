//! `skms`, `ckms`, `skms-domain`, `ckms-domain`, `skhc`, `ckhc`.

use crate::address::KmsAddress;
use crate::output::Report;
use crate::output::report::{MessageReport, NamedProduct, SetterScope, SettingsInForce};
use crate::state::{ConfiguredHost, HostSettings, State, StateStore};

use super::{Failure, display_name, is_all, select_installed};

/// Which settings a setter changes: the global ones, one product's, or with `all` the
/// global ones and every product's own.
fn scope_of(state: &State, product: Option<&str>) -> Result<SetterScope, Failure> {
    match product {
        None => Ok(SetterScope::Global),
        Some(query) if is_all(query) => Ok(SetterScope::All),
        Some(query) => {
            select_installed(state, Some(query)).map(|p| SetterScope::Product(p.activation_id))
        }
    }
}

/// The product whose own settings a scope is, if it is one.
fn product_of(scope: SetterScope) -> Option<uuid::Uuid> {
    match scope {
        SetterScope::Product(id) => Some(id),
        SetterScope::Global | SetterScope::All => None,
    }
}

/// The settings in force for the scope, and slmgr's warning when skms hides skms-domain.
fn settings_after(state: &State, scope: SetterScope) -> (SettingsInForce, Vec<String>) {
    let (kms_host, lookup_domain) = match product_of(scope).and_then(|id| state.product(&id)) {
        Some(p) => (state.kms_host_for(p), state.lookup_domain_for(p)),
        None => (
            state.settings.hosts.kms_host.as_ref(),
            state.settings.hosts.lookup_domain.as_deref(),
        ),
    };
    let mut warnings = Vec::new();
    if let (Some(configured), Some(_)) = (kms_host, lookup_domain)
        && configured.address.host.is_some()
    {
        warnings.push(format!(
            "/skms setting overrides the /skms-domain setting. {} will be used for activation.",
            configured.address
        ));
    }
    let settings = SettingsInForce {
        kms_host: kms_host.cloned(),
        lookup_domain: lookup_domain.map(str::to_string),
        host_caching: state.settings.host_caching,
        scope,
    };
    (settings, warnings)
}

/// A setter makes the next `renew` of every product it covers due at once (a product's
/// own setting covers it; a global one every product), so a new host or domain is tried
/// without waiting for the interval of an attempt made with the old one. The next attempt
/// still comes a minute at least after one that may have sent a request
/// (`InstalledProduct::next_due`, docs/activation.md).
fn renewal_due_now(state: &mut State, scope: SetterScope, now: u64) {
    for product in &mut state.products {
        if product_of(scope).is_none_or(|id| id == product.activation_id) {
            product.settings_changed(now);
        }
    }
}

/// Runs a setter: `change` on the settings of its scope (none: the global ones), and
/// with `all` `own` on every product's own settings too.
fn setter(
    store: &StateStore,
    now: u64,
    command: &'static str,
    product: Option<&str>,
    change: impl FnOnce(&mut State, Option<uuid::Uuid>) -> String,
    own: impl Fn(&mut HostSettings),
) -> Result<Report, Failure> {
    let (message, settings, warnings, product) = store.update(now, |state| {
        let scope = scope_of(state, product)?;
        let message = change(state, product_of(scope));
        if scope == SetterScope::All {
            for product in &mut state.products {
                own(&mut product.settings);
            }
        }
        renewal_due_now(state, scope, now);
        let (settings, warnings) = settings_after(state, scope);
        let acted_on = product_of(scope)
            .and_then(|id| state.product(&id))
            .map(|p| NamedProduct {
                name: display_name(p),
                activation_id: p.activation_id,
            });
        Ok::<_, Failure>((message, settings, warnings, acted_on))
    })?;
    Ok(Report::Message(MessageReport {
        command,
        message,
        warnings,
        settings: Some(settings),
        product,
    }))
}

/// `skms`. `:port` changes only the port of the host in force (slmgr's behaviour). A new
/// setting keeps no addresses: those kept belonged to the one it replaces. With `all`, a
/// port alone changes the port of the global host and of every product's own; a host
/// replaces the global one and removes the products' own, so every product uses it.
pub(super) fn set_kms_host(
    store: &StateStore,
    now: u64,
    address: KmsAddress,
    product: Option<&str>,
) -> Result<Report, Failure> {
    let message = match &address.host {
        None => format!(
            "Key Management Service machine port set to {} successfully.",
            address.port
        ),
        Some(_) => format!("Key Management Service machine name set to {address} successfully."),
    };
    let replaced = |before: Option<ConfiguredHost>| {
        let host = match &address.host {
            Some(host) => Some(host.clone()),
            None => before.and_then(|configured| configured.address.host),
        };
        ConfiguredHost::new(KmsAddress {
            host,
            port: address.port,
        })
    };
    setter(
        store,
        now,
        "skms",
        product,
        |state, scope| {
            let settings = state.host_settings_mut(scope.as_ref());
            settings.kms_host = Some(replaced(settings.kms_host.take()));
            message
        },
        |own| {
            own.kms_host = match (&address.host, own.kms_host.take()) {
                (None, Some(configured)) => Some(replaced(Some(configured))),
                _ => None,
            };
        },
    )
}

/// `ckms`.
pub(super) fn clear_kms_host(
    store: &StateStore,
    now: u64,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(
        store,
        now,
        "ckms",
        product,
        |state, scope| {
            state.host_settings_mut(scope.as_ref()).kms_host = None;
            "Key Management Service machine name cleared successfully.".into()
        },
        |own| own.kms_host = None,
    )
}

/// `skms-domain`.
pub(super) fn set_lookup_domain(
    store: &StateStore,
    now: u64,
    domain: String,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(
        store,
        now,
        "skms-domain",
        product,
        |state, scope| {
            let message =
                format!("Key Management Service lookup domain set to {domain} successfully.");
            state.host_settings_mut(scope.as_ref()).lookup_domain = Some(domain);
            message
        },
        |own| own.lookup_domain = None,
    )
}

/// `ckms-domain`.
pub(super) fn clear_lookup_domain(
    store: &StateStore,
    now: u64,
    product: Option<&str>,
) -> Result<Report, Failure> {
    setter(
        store,
        now,
        "ckms-domain",
        product,
        |state, scope| {
            state.host_settings_mut(scope.as_ref()).lookup_domain = None;
            "Key Management Service lookup domain cleared successfully.".into()
        },
        |own| own.lookup_domain = None,
    )
}

/// `skhc` / `ckhc`. Disabling also forgets every cached host.
pub(super) fn set_host_caching(
    store: &StateStore,
    now: u64,
    enabled: bool,
) -> Result<Report, Failure> {
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
        |_| {},
    )
}
