//! What a run sends and where it looks, fixed once from the state and the options.

use std::net::IpAddr;

use uuid::Uuid;

use super::super::{
    ActivateOptions, Failure, catalog_entry, load_for_product, select_installed, select_products,
    unix_now,
};
use crate::address::{HostPort, HostSource, KmsAddress};
use crate::catalog::Product;
use crate::client::{Narration, RequestSpec};
use crate::locator::{HostPlan, SrvOrder, host_plan};
use crate::output::view::LicenseStatusView;
use crate::platform::machine::{is_virtual_machine, machine_name};
use crate::protocol::FileTime;
use crate::protocol::kms::{ProtocolVersion, RequestBase, WorkstationName};
use crate::state::{InstalledProduct, MAX_KNOWN_ADDRESSES, State, StateStore};

/// Everything fixed for the run: what to send and where to look.
pub(in crate::commands) struct Plan {
    pub(super) installed: InstalledProduct,
    pub(in crate::commands) product: &'static Product,
    pub(super) version: ProtocolVersion,
    pub(in crate::commands) request: RequestSpec,
    pub(super) hosts: HostSettings,
}

/// Where the run looks for a host.
pub(super) struct HostSettings {
    pub(super) plan: HostPlan,
    /// The addresses the plan's first host (an `skms` or cached name) last answered on,
    /// tried at once while its name is resolved again.
    pub(super) known_addresses: Vec<IpAddr>,
    /// The source recorded for a configured host (`skms` or `--kms`).
    pub(super) configured_source: HostSource,
    /// The domain the plan's cached host was found in (none: not known, or no cached
    /// host first): it is tried only while that domain is searched.
    pub(super) cached_domain: Option<String>,
    /// A port given without a host (`skms :1700`), applied to discovered hosts.
    pub(super) port_override: Option<u16>,
    pub(super) lookup_domain: Option<String>,
    pub(super) srv_order: SrvOrder,
}

/// Reads the state (without the lock) and fixes what `ato` would send for the product
/// and where it would look; `check --activate` sends the same (and so reads the state a
/// second time, after its own reading for the report).
pub(in crate::commands) fn prepare(
    store: &StateStore,
    options: &ActivateOptions,
    narrator: &Narration,
) -> Result<Plan, Failure> {
    let state: State = load_for_product(store, options.product.as_deref())?;
    let installed = select_installed(&state, options.product.as_deref())?.clone();
    plan_for(&state, installed, options, narrator)
}

/// [`prepare`] for every product `options.product` selects: the one named, every one for
/// `all`, else the default one. The state is read once; a product that cannot be
/// planned (unknown to this build's catalog, a `--protocol` it cannot take) stops the
/// command before anything is sent.
pub(super) fn prepare_all(
    store: &StateStore,
    options: &ActivateOptions,
    narrator: &Narration,
) -> Result<Vec<Plan>, Failure> {
    let state: State = load_for_product(store, options.product.as_deref())?;
    select_products(&state, options.product.as_deref())?
        .into_iter()
        .map(|installed| plan_for(&state, installed.clone(), options, narrator))
        .collect()
}

/// What the run sends for `installed` and where it looks.
fn plan_for(
    state: &State,
    installed: InstalledProduct,
    options: &ActivateOptions,
    narrator: &Narration,
) -> Result<Plan, Failure> {
    let product = catalog_entry(&installed).ok_or(Failure::NotInCatalog {
        activation_id: installed.activation_id,
    })?;
    let protocol = options.protocol.unwrap_or(product.protocol);
    let version = ProtocolVersion::try_from(protocol)
        .map_err(|_| Failure::UnsupportedProtocol { protocol })?;
    let base = request_base(state, &installed, product, version, narrator)?;
    let hosts = host_settings(state, &installed, options);
    Ok(Plan {
        installed,
        product,
        version,
        request: RequestSpec { base },
        hosts,
    })
}

/// The request: the product's IDs, this installation's CMID, the machine's name and
/// whether it is a VM, the license status now (the client time is set when sending).
fn request_base(
    state: &State,
    installed: &InstalledProduct,
    product: &Product,
    version: ProtocolVersion,
    narrator: &Narration,
) -> Result<RequestBase, Failure> {
    let now = unix_now();
    let machine = machine_name();
    if let Some(full) = &machine.truncated_from {
        narrator.say(format_args!(
            "machine name {full:?} is longer than 63 UTF-16 units; sending {:?}",
            machine.name
        ));
    }
    let workstation_name =
        WorkstationName::new(&machine.name).map_err(|e| Failure::MachineName {
            reason: e.to_string(),
        })?;
    let vm_info = is_virtual_machine();
    let status = installed.status(now);
    narrator.say(format_args!(
        "request: {} protocol {version}, N_Policy {}, CMID {}, name {:?}, status {} ({} minutes left), VM {vm_info}",
        product.name,
        product.n_policy,
        state.cmid,
        machine.name,
        LicenseStatusView::from(status).slmgr_text(),
        installed.minutes_left(now)
    ));
    Ok(RequestBase {
        version,
        vm_info,
        license_status: status.request_code(),
        binding_expiration_minutes: installed.minutes_left(now),
        application_id: product.application_id,
        activation_id: product.activation_id,
        kms_counted_id: product.kms_counted_id,
        cmid: state.cmid,
        n_policy: product.n_policy,
        client_time: FileTime::default(),
        previous_cmid: Uuid::nil(),
        workstation_name,
    })
}

/// Where to look: `--kms` wins over `skms` for this run; a port alone applies to whatever
/// host is found; the cached host goes first while caching is on.
fn host_settings(
    state: &State,
    installed: &InstalledProduct,
    options: &ActivateOptions,
) -> HostSettings {
    let (kms_address, configured_source) = match &options.kms {
        Some(address) => (Some(address), HostSource::CommandLine),
        None => (
            state
                .kms_host_for(installed)
                .map(|configured| &configured.address),
            HostSource::Configured,
        ),
    };
    let configured: Option<HostPort> = kms_address.and_then(KmsAddress::host_port);
    let port_override = kms_address
        .filter(|address| address.host.is_none())
        .map(|address| address.port);
    let caching = state.settings.host_caching;
    let cached = installed.cached_host.as_ref();
    let plan = host_plan(configured, caching, cached.map(|c| c.target.clone()));
    let known_addresses = match (&plan, &configured_source) {
        (HostPlan::Configured(_), HostSource::Configured) => state
            .kms_host_for(installed)
            .map(|configured| configured.addresses.clone())
            .unwrap_or_default(),
        (HostPlan::CachedThenDiscover(_), _) => {
            cached.map(|c| c.addresses.clone()).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let cached_domain = match &plan {
        HostPlan::CachedThenDiscover(_) => cached.and_then(|c| c.domain.clone()),
        _ => None,
    };
    HostSettings {
        plan,
        known_addresses: known_addresses
            .into_iter()
            .take(MAX_KNOWN_ADDRESSES)
            .collect(),
        configured_source,
        cached_domain,
        port_override,
        lookup_domain: state.lookup_domain_for(installed).map(str::to_string),
        srv_order: options.srv_order,
    }
}
