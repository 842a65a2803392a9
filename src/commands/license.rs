//! `dli`, `dlv`, `xpr`: read-only views of the state.

use crate::address::HostPort;
use crate::output::Report;
use crate::output::report::{
    AttemptView, ExpirationReport, ExpirationView, KmsClientView, LicenseView, LicensesReport,
};
use crate::output::time::iso8601;
use crate::protocol::HResult;
use crate::state::{InstalledProduct, LicenseStatus, State, StateStore};

use super::{
    Failure, Selection, catalog_entry, display_name, load_for_product, resolve_activation_id,
    select_installed,
};

/// `dli` / `dlv`.
pub fn display(
    store: &StateStore,
    now: u64,
    detailed: bool,
    selection: &Selection,
) -> Result<Report, Failure> {
    // A query that names nothing is a usage error whatever the state holds.
    if let Selection::One(query) = selection {
        resolve_activation_id(query)?;
    }
    let state = store.load()?;
    let products: Vec<LicenseView> = match (selection, &state) {
        (Selection::All, None) => Vec::new(),
        (Selection::All, Some(state)) => state
            .products
            .iter()
            .map(|p| license_view(state, p, now))
            .collect(),
        (_, None) => return Err(Failure::NoProductInstalled),
        (Selection::Default, Some(state)) => {
            vec![license_view(state, select_installed(state, None)?, now)]
        }
        (Selection::One(query), Some(state)) => {
            vec![license_view(
                state,
                select_installed(state, Some(query))?,
                now,
            )]
        }
    };
    Ok(Report::Licenses(LicensesReport { detailed, products }))
}

/// `xpr`.
pub fn expiration(store: &StateStore, now: u64, query: Option<&str>) -> Result<Report, Failure> {
    let state = load_for_product(store, query)?;
    let product = select_installed(&state, query)?;
    let status = product.status(now);
    let ends_at_unix = match status {
        LicenseStatus::Licensed => product.licensed_until,
        LicenseStatus::InitialGrace => Some(product.grace_ends_at()),
        LicenseStatus::Notification => None,
    };
    Ok(Report::Expiration(ExpirationReport {
        products: vec![ExpirationView {
            name: display_name(product),
            activation_id: product.activation_id,
            license_status: status.into(),
            ends_at: ends_at_unix.map(iso8601),
            ends_at_unix,
        }],
    }))
}

fn license_view(state: &State, product: &InstalledProduct, now: u64) -> LicenseView {
    let entry = catalog_entry(product);
    let status = product.status(now);
    let status_ends = match status {
        LicenseStatus::Licensed => product.licensed_until,
        LicenseStatus::InitialGrace => Some(product.grace_ends_at()),
        LicenseStatus::Notification => None,
    };
    let notification_reason = match status {
        LicenseStatus::Notification => product
            .last_result
            .as_ref()
            .filter(|r| r.hresult != HResult::S_OK)
            .map(|r| r.hresult),
        _ => None,
    };
    let (registered_kms_host, registered_kms_host_scope) =
        match (&product.settings.kms_host, &state.settings.kms_host) {
            (Some(own), _) => (Some(own.to_string()), Some("product")),
            (None, Some(global)) => (Some(global.to_string()), Some("global")),
            (None, None) => (None, None),
        };
    let last_attempt = product.last_result.as_ref().map(|r| AttemptView {
        at: iso8601(r.at),
        outcome: r.outcome.into(),
        hresult: r.hresult,
        protocol: r.protocol,
        host: r
            .host
            .as_ref()
            .map(|h| HostPort::new(h.name.clone(), h.port).to_string()),
        host_source: r.host.as_ref().map(|h| (&h.source).into()),
        ip: r.host.as_ref().map(|h| h.ip.to_string()),
        epid: r.response.as_ref().map(|x| x.epid.clone()),
        hwid: r.response.as_ref().and_then(|x| x.hwid.clone()),
        count: r.response.as_ref().map(|x| x.count),
    });
    LicenseView {
        name: display_name(product),
        description: entry.map_or_else(
            || "Unknown product, VOLUME_KMSCLIENT channel".to_string(),
            |e| e.description(),
        ),
        activation_id: product.activation_id,
        application_id: entry.map(|e| e.application_id),
        kms_counted_id: entry.map(|e| e.kms_counted_id),
        product_key_channel: "Volume:GVLK",
        partial_product_key: entry.map(|e| e.partial_key().to_string()),
        license_status: status.into(),
        minutes_left: product.minutes_left(now),
        status_ends_at: status_ends.map(iso8601),
        notification_reason,
        n_policy: entry.map(|e| e.n_policy),
        protocol: entry.map(|e| e.protocol),
        kms_client: KmsClientView {
            cmid: state.cmid,
            registered_kms_host,
            registered_kms_host_scope,
            registered_kms_host_addresses: addresses_view(state.kms_host_addresses_for(product)),
            lookup_domain: state.lookup_domain_for(product).map(str::to_string),
            host_caching: state.settings.host_caching,
            cached_host: product
                .cached_host
                .as_ref()
                .map(|cached| cached.target.to_string()),
            cached_host_addresses: product
                .cached_host
                .as_ref()
                .map(|cached| addresses_view(&cached.addresses))
                .unwrap_or_default(),
            activation_interval_minutes: product.activation_interval_minutes,
            renewal_interval_minutes: product.renewal_interval_minutes,
            next_due: product.next_due().filter(|due| *due > now).map(iso8601),
            last_attempt,
        },
    }
}

/// Kept addresses as the views show them.
fn addresses_view(addresses: &[std::net::IpAddr]) -> Vec<String> {
    addresses.iter().map(ToString::to_string).collect()
}
