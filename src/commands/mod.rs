//! One module per command family. Each takes the plain [`Config`] and its own options,
//! orchestrates the parts (state, catalog, locator, client) and returns a [`Report`] for
//! the output layer, or a [`Failure`] that knows its exit code.

mod activate;
mod check;
mod discover;
mod failure;
mod interrupt;
mod license;
mod product;
mod settings;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use uuid::Uuid;

use crate::address::{AddressOrigin, Host, HostSource, KmsAddress};
use crate::catalog::{self, Family, Product};
use crate::client::Candidate;
use crate::config::Config;
use crate::exit_codes::ExitCode;
use crate::locator::DnsSettings;
use crate::locator::{DEFAULT_DNS_TIMEOUT, ResolvedTarget, SrvOrder};
use crate::output::Report;
use crate::output::report::Severity;
use crate::state::{InstalledProduct, State, StateStore};

pub use check::CheckOptions;
pub use failure::Failure;

/// What the user asked for, free of clap types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    InstallProduct {
        key: String,
    },
    UninstallProduct {
        product: Option<String>,
    },
    Activate(ActivateOptions),
    Check(CheckOptions),
    Renew {
        product: Option<String>,
    },
    DisplayLicense {
        detailed: bool,
        selection: Selection,
    },
    Expiration {
        product: Option<String>,
    },
    SetKmsHost {
        address: KmsAddress,
        product: Option<String>,
    },
    ClearKmsHost {
        product: Option<String>,
    },
    SetLookupDomain {
        domain: String,
        product: Option<String>,
    },
    ClearLookupDomain {
        product: Option<String>,
    },
    SetHostCaching {
        enabled: bool,
    },
    Discover(DiscoverOptions),
    Products {
        filter: Option<String>,
    },
}

/// Which products `dli`/`dlv` show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Default,
    All,
    One(String),
}

/// `ato` options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivateOptions {
    pub product: Option<String>,
    pub wait: Option<Duration>,
    pub retry_interval: Option<Duration>,
    pub kms: Option<KmsAddress>,
    pub protocol: Option<u16>,
    /// How discovered SRV records are ordered.
    pub srv_order: SrvOrder,
}

/// `discover` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverOptions {
    pub domains: Vec<String>,
    pub check: bool,
    pub order: SrvOrder,
}

/// A command's result: what to print and the exit code (a report may come with a
/// non-zero code, e.g. `ato` that reached a host whose count is too low).
#[derive(Debug)]
pub struct Completed {
    pub report: Report,
    pub exit: ProcessExit,
}

/// The code the process exits with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessExit {
    /// One of vlmgr's exit codes (the README's table).
    Code(ExitCode),
    /// `check --format nagios`: the plugin convention (0 OK, 1 WARNING, 2 CRITICAL,
    /// 3 UNKNOWN), from the worst severity found.
    Nagios(Severity),
}

impl ProcessExit {
    /// The number handed to the operating system.
    pub fn code(self) -> u8 {
        match self {
            ProcessExit::Code(code) => code.code(),
            ProcessExit::Nagios(severity) => severity.nagios_code(),
        }
    }
}

impl From<ExitCode> for ProcessExit {
    fn from(code: ExitCode) -> Self {
        ProcessExit::Code(code)
    }
}

impl From<Report> for Completed {
    fn from(report: Report) -> Self {
        Completed {
            report,
            exit: ExitCode::Success.into(),
        }
    }
}

/// Runs one action.
pub fn run(config: &Config, action: Action) -> Result<Completed, Failure> {
    let store = StateStore::new(config.state_dir.clone());
    let now = unix_now();
    match action {
        Action::InstallProduct { key } => product::install(&store, now, &key).map(Into::into),
        Action::UninstallProduct { product } => {
            product::uninstall(&store, now, product.as_deref()).map(Into::into)
        }
        Action::Products { filter } => product::list(&store, filter.as_deref()).map(Into::into),
        Action::DisplayLicense {
            detailed,
            selection,
        } => license::display(&store, now, detailed, &selection).map(Into::into),
        Action::Expiration { product } => {
            license::expiration(&store, now, product.as_deref()).map(Into::into)
        }
        Action::SetKmsHost { address, product } => {
            settings::set_kms_host(&store, now, address, product.as_deref()).map(Into::into)
        }
        Action::ClearKmsHost { product } => {
            settings::clear_kms_host(&store, now, product.as_deref()).map(Into::into)
        }
        Action::SetLookupDomain { domain, product } => {
            settings::set_lookup_domain(&store, now, domain, product.as_deref()).map(Into::into)
        }
        Action::ClearLookupDomain { product } => {
            settings::clear_lookup_domain(&store, now, product.as_deref()).map(Into::into)
        }
        Action::SetHostCaching { enabled } => {
            settings::set_host_caching(&store, now, enabled).map(Into::into)
        }
        Action::Discover(options) => discover::discover(config, &store, options),
        Action::Check(options) => check::check(config, &store, now, options),
        Action::Activate(options) => activate::activate(config, &store, &options),
        Action::Renew { product } => activate::renew(config, &store, product.as_deref()),
    }
}

/// The runtime for network work: current-thread, because one command does one thing at a
/// time and a thread pool costs start-up time.
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Failure::Runtime)
}

/// Seconds since the Unix epoch (0 for a clock set before 1970).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// How DNS lookups are made for `config`: its name servers and resolv.conf, each lookup
/// bounded by the default DNS timeout and the run's `--timeout`.
fn dns_settings(config: &Config) -> DnsSettings {
    DnsSettings {
        servers: config.dns_servers.clone(),
        timeout: DEFAULT_DNS_TIMEOUT.min(config.timeout),
        resolv_conf: config.resolv_conf.clone(),
    }
}

/// Every address of `target`, in order, as candidates found through `source`.
fn candidates_of<'t>(
    target: &'t ResolvedTarget,
    source: &'t HostSource,
) -> impl Iterator<Item = Candidate> + 't {
    let origin = match target.target.host {
        Host::Ip(_) => AddressOrigin::Literal,
        Host::Name(_) if target.from_srv_answer => AddressOrigin::SrvAnswer,
        Host::Name(_) => AddressOrigin::Lookup,
    };
    target.addresses.iter().map(move |ip| Candidate {
        target: target.target.clone(),
        ip: *ip,
        source: source.clone(),
        origin,
    })
}

/// The catalog entry for an installed product.
fn catalog_entry(product: &InstalledProduct) -> Option<&'static Product> {
    catalog::by_activation_id(&product.activation_id)
}

/// A display name for an installed product, even one this build's catalog lacks.
fn display_name(product: &InstalledProduct) -> String {
    catalog_entry(product).map_or_else(
        || format!("Unknown product {}", product.activation_id),
        |p| p.name.to_string(),
    )
}

/// Finds the installed product a command names (Activation ID, or a catalog name, alias or
/// key), or picks the default one when none is named: the only installed product, else the
/// only installed Windows product (slmgr acts on Windows without an Activation ID).
fn select_installed<'s>(
    state: &'s State,
    query: Option<&str>,
) -> Result<&'s InstalledProduct, Failure> {
    match query {
        Some(query) => {
            let activation_id = resolve_activation_id(query)?;
            state
                .product(&activation_id)
                .ok_or_else(|| Failure::ProductNotInstalled {
                    query: query.to_string(),
                })
        }
        None => select_default(state),
    }
}

/// The lookup domain and the skms setting in force for the default product (else the
/// global ones); none without a state.
fn settings_in_force(state: Option<&State>) -> (Option<&str>, Option<&KmsAddress>) {
    let Some(state) = state else {
        return (None, None);
    };
    match select_default(state) {
        Ok(product) => (
            state.lookup_domain_for(product),
            state.kms_host_for(product),
        ),
        Err(_) => (
            state.settings.lookup_domain.as_deref(),
            state.settings.kms_host.as_ref(),
        ),
    }
}

fn select_default(state: &State) -> Result<&InstalledProduct, Failure> {
    match state.products.as_slice() {
        [] => Err(Failure::NoProductInstalled),
        [only] => Ok(only),
        several => {
            let windows: Vec<&InstalledProduct> = several
                .iter()
                .filter(|p| {
                    catalog_entry(p).is_some_and(|c| {
                        matches!(c.family, Family::WindowsClient | Family::WindowsServer)
                    })
                })
                .collect();
            match windows.as_slice() {
                [only] => Ok(only),
                _ => Err(Failure::AmbiguousProduct {
                    installed: several
                        .iter()
                        .map(|p| format!("{} ({})", display_name(p), p.activation_id))
                        .collect(),
                }),
            }
        }
    }
}

/// The state for a command that acts on an installed product. A query that names no
/// product at all is a usage error (exit 2) whatever the state holds, so it is checked
/// before the state is read; no state file means nothing is installed.
fn load_for_product(store: &StateStore, query: Option<&str>) -> Result<State, Failure> {
    if let Some(query) = query {
        resolve_activation_id(query)?;
    }
    store.load()?.ok_or(Failure::NoProductInstalled)
}

/// An Activation ID from a GUID or from a catalog name, alias or key.
fn resolve_activation_id(query: &str) -> Result<Uuid, Failure> {
    if let Ok(id) = Uuid::parse_str(query.trim()) {
        return Ok(id);
    }
    catalog::find(query)
        .map(|p| p.activation_id)
        .map_err(Failure::from)
}
