//! One module per command family. Each takes the plain [`Config`] and its own options,
//! orchestrates the parts (state, catalog, locator, client) and returns a [`Report`] for
//! the output layer, or a [`Failure`] that knows its exit code.

mod activate;
mod check;
mod discover;
mod failure;
mod license;
mod product;
mod settings;
pub mod system;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use uuid::Uuid;

use crate::address::{AddressOrigin, Host, HostSource, KmsAddress};
use crate::catalog::{self, Family, Product};
use crate::client::Candidate;
use crate::config::{Backend, Config, Verbosity};
use crate::exit_codes::Exit;
use crate::locator::DnsSettings;
use crate::locator::{ResolvedTarget, SrvOrder};
use crate::output::Report;
use crate::output::report::Severity;
use crate::platform::state_dir::LockWait;
use crate::state::{ConfiguredHost, InstalledProduct, State, StateStore};

pub(crate) use check::CheckOptions;
pub(crate) use failure::Failure;

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
    /// `cpky`: the system backend only.
    ClearProductKeyFromRegistry,
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
    pub(crate) product: Option<String>,
    pub(crate) wait: Option<Duration>,
    pub(crate) retry_interval: Option<Duration>,
    pub(crate) kms: Option<KmsAddress>,
    pub(crate) protocol: Option<u16>,
    /// How discovered SRV records are ordered.
    pub(crate) srv_order: SrvOrder,
}

/// `discover` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverOptions {
    pub(crate) domains: Vec<String>,
    pub(crate) check: bool,
    pub(crate) order: SrvOrder,
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
    Code(Exit),
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

impl From<Exit> for ProcessExit {
    fn from(code: Exit) -> Self {
        ProcessExit::Code(code)
    }
}

impl From<Report> for Completed {
    fn from(report: Report) -> Self {
        Completed {
            report,
            exit: Exit::Success.into(),
        }
    }
}

/// Runs one action: the slmgr commands on the backend `config` names (docs/windows.md),
/// the others as they are on every OS.
pub fn run(config: &Config, action: Action) -> Result<Completed, Failure> {
    if config.backend == Backend::System && system::handles(&action) {
        return system::run(config, action);
    }
    let store = state_store(config);
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
        // The command line refuses it before (cli::backend::refusal).
        Action::ClearProductKeyFromRegistry => Err(Failure::Usage(
            "cpky is a command of Windows' licensing service only".into(),
        )),
    }
}

/// The state of `config`'s directory. A writer waits for another's lock at most
/// `--timeout`, says so after a second (unless `-q`), and stops at an interrupt.
fn state_store(config: &Config) -> StateStore {
    let on_slow = (config.verbosity > Verbosity::Quiet).then(|| {
        let line = format!(
            "Waiting for another vlmgr to release {} (at most {})...",
            config.state_dir.join("state.lock").display(),
            crate::output::time::countdown(config.timeout)
        );
        let config = config.clone();
        Arc::new(move || crate::output::diagnostic(&config, &crate::output::sanitize(&line)))
            as Arc<dyn Fn() + Send + Sync>
    });
    StateStore::new(config.state_dir.clone()).with_lock_wait(LockWait {
        timeout: config.timeout,
        on_slow,
        stop: Some(Arc::new(crate::platform::interrupt::requested)),
    })
}

/// The runtime for network work: current-thread, because one command does one thing at a
/// time and a thread pool costs start-up time.
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Failure::Runtime)
}

/// How many address checks may hold a connection at once (`platform::limits`), said with
/// `-v`. Measured once the runtime is built, so its descriptors count as taken.
fn connection_budget(narrator: &crate::client::Narration) -> usize {
    let budget = crate::platform::limits::connection_budget();
    let limit = budget.open_file_limit.map_or_else(
        || "no open-file limit".to_string(),
        |l| format!("open-file limit {l}"),
    );
    narrator.say(format_args!(
        "at most {} connection(s) at once ({limit})",
        budget.connections
    ));
    budget.connections
}

/// Seconds since the Unix epoch (0 for a clock set before 1970).
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// How DNS lookups are made for `config`: its name servers and resolv.conf, each lookup
/// within [`lookup_time`] of the run's `--timeout`.
fn dns_settings(config: &Config) -> DnsSettings {
    DnsSettings {
        servers: config.dns_servers.clone(),
        timeout: lookup_time(config.timeout),
        resolv_conf: config.resolv_conf.clone(),
    }
}

/// How long one lookup may take in a run of `timeout`: all of it but a tenth (at most a
/// second), so that a lookup that fails ends before the run does and its own error (what
/// the name server did) is reported rather than the bare deadline (docs/discovery.md,
/// "Retransmission").
fn lookup_time(timeout: Duration) -> Duration {
    timeout.saturating_sub((timeout / 10).min(Duration::from_secs(1)))
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

/// Whether a command's Activation ID argument is `all` (any case): every installed product.
pub(crate) fn is_all(query: &str) -> bool {
    query.trim().eq_ignore_ascii_case("all")
}

/// The installed products a command acts on: every one for `all` (nothing installed is
/// [`Failure::NoProductInstalled`]), else the one [`select_installed`] picks.
fn select_products<'s>(
    state: &'s State,
    query: Option<&str>,
) -> Result<Vec<&'s InstalledProduct>, Failure> {
    match query {
        Some(query) if is_all(query) => match state.products.as_slice() {
            [] => Err(Failure::NoProductInstalled),
            products => Ok(products.iter().collect()),
        },
        query => select_installed(state, query).map(|product| vec![product]),
    }
}

/// The lookup domain and the skms setting in force for the default product (else the
/// global ones); none without a state.
fn settings_in_force(state: Option<&State>) -> (Option<&str>, Option<&ConfiguredHost>) {
    let Some(state) = state else {
        return (None, None);
    };
    match select_default(state) {
        Ok(product) => (
            state.lookup_domain_for(product),
            state.kms_host_for(product),
        ),
        Err(_) => (
            state.settings.hosts.lookup_domain.as_deref(),
            state.settings.hosts.kms_host.as_ref(),
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
    if let Some(query) = query.filter(|query| !is_all(query)) {
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

#[cfg(test)]
mod budget_tests {
    /// The descriptors kept free while connections are open cover the locator's queries
    /// in flight (A and AAAA per name), with room to spare.
    #[test]
    fn the_reserve_covers_the_lookups_in_flight() {
        let queries = 2 * crate::locator::MAX_LOOKUPS_IN_FLIGHT as u64;
        assert!(crate::platform::limits::RESERVED_DESCRIPTORS >= queries + 16);
    }
}
