//! `discover`: how a KMS host would be found, step by step; `--check` binds to each.

use std::time::{Duration, Instant};

use crate::address::HostSource;
use crate::client::{AddressCheck, check_addresses};
use crate::config::{Backend, Config, DNS_SERVER_ENV};
use crate::exit_codes::Exit;
use crate::locator::{
    CacheUnused, DiscoveryTrace, Locator, ServerSource, cached_host_searched, command_line_domains,
};
use crate::output::Report;
use crate::output::report::{CachedHostUse, DiscoverResult, NamedProduct};
use crate::spp::commands::SystemKms;
use crate::state::{ConfiguredHost, State, StateStore};

use super::{
    Completed, DiscoverOptions, Failure, candidates_of, display_name, dns_settings,
    settings_in_force,
};

/// At most this long for connect + bind of one address with `--check`.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) fn discover(
    config: &Config,
    store: &StateStore,
    options: DiscoverOptions,
) -> Result<Completed, Failure> {
    let named = command_line_domains(&options.domains)?;
    // With domains named, the state only adds notes (skms, cached hosts): one that cannot
    // be read is said, not fatal. Without, it says where to look (its lookup domain).
    let (state, state_note) = match store.load() {
        Ok(state) => (state, None),
        Err(error) if !named.is_empty() => (
            None,
            Some(format!(
                "{error}; the skms setting and cached hosts are not shown ({})",
                error.hint()
            )),
        ),
        Err(error) => return Err(error.into()),
    };
    let (lookup_domain, kms_host) = in_force(state.as_ref());
    let settings = dns_settings(config);
    let locator = Locator::new(&settings)?;
    let domains = if named.is_empty() {
        locator.search_domains(lookup_domain.as_deref())?
    } else {
        named
    };
    let runtime = super::runtime()?;
    let parallel = super::connection_budget(&crate::output::narrator(config));
    let deadline = Instant::now() + config.timeout;
    let finished = runtime.block_on(async {
        tokio::time::timeout(config.timeout, async {
            let trace = locator
                .trace(&domains, options.order, &mut rand::rng())
                .await;
            let mut checks = Vec::new();
            if options.check {
                let limit = CHECK_TIMEOUT.min(config.timeout);
                checks = check_targets(&trace, limit, parallel, deadline).await;
            }
            (trace, checks)
        })
        .await
    });
    let (trace, checks) = finished.map_err(|_| Failure::Deadline {
        what: "discovery",
        timeout: config.timeout,
    })?;
    let mut trace = trace;
    if config.dns_servers_from_env {
        from_environment(&mut trace);
    }
    let found = if options.check {
        checks.iter().any(|check| check.outcome.is_bound())
    } else {
        !trace.ordered.is_empty()
    };
    let mut notes: Vec<String> = kms_host
        .iter()
        .map(|configured| {
            format!(
                "skms is set ({}): activation uses that host and makes no DNS query; \
                 this report shows what DNS would give without it",
                configured.address
            )
        })
        .collect();
    notes.extend(state_note);
    let system = windows_view(config, &mut notes);
    let cached_hosts = state
        .as_ref()
        .map_or_else(Vec::new, |state| cached_hosts(state, &locator));
    Ok(Completed {
        report: Report::Discovery(Box::new(DiscoverResult {
            checked: options.check,
            notes,
            kms_host_override: kms_host,
            discovery: trace,
            checks,
            cached_hosts,
            system,
        })),
        exit: if found { Exit::Success } else { Exit::NoHost }.into(),
    })
}

/// With the system backend (Windows): what Windows' licensing service has set and last
/// discovered, shown beside vlmgr's own view of DNS. A failure to read it is a note, not
/// a failed `discover`: DNS is what this command is about.
fn windows_view(config: &Config, notes: &mut Vec<String>) -> Option<SystemKms> {
    if config.backend != Backend::System {
        return None;
    }
    match super::system::system_kms(config) {
        Ok(system) => {
            notes.extend(windows_notes(&system));
            Some(system)
        }
        Err(failure) => {
            let error = failure.view();
            let code = error.hresult.map(|c| format!("{c} ")).unwrap_or_default();
            notes.push(format!(
                "Windows' own KMS settings could not be read: {code}{}",
                error.message
            ));
            None
        }
    }
}

/// What Windows' own settings mean for its activation, beside what DNS says here.
fn windows_notes(system: &SystemKms) -> Vec<String> {
    let mut notes = Vec::new();
    let kms = &system.service.kms;
    if let Some(host) = kms.registered_host() {
        notes.push(format!(
            "Windows has skms set ({host}): Windows activates with that host and makes no \
             DNS query"
        ));
    } else if let Some(domain) = &kms.lookup_domain {
        notes.push(format!(
            "Windows has skms-domain set ({domain}): Windows looks up SRV records in that \
             domain only"
        ));
    }
    notes
}

/// The lookup domain and the skms setting in force for the default product (or the
/// global ones).
fn in_force(state: Option<&State>) -> (Option<String>, Option<ConfiguredHost>) {
    let (domain, kms_host) = settings_in_force(state);
    (domain.map(str::to_string), kms_host.cloned())
}

/// Each installed product's cached host, and whether `ato` would try it first: not with
/// `skms` set or caching off, nor when it was found in a domain not searched now (the
/// product's settings, not the domains named on the command line).
fn cached_hosts(state: &State, locator: &Locator) -> Vec<CachedHostUse> {
    state
        .products
        .iter()
        .filter_map(|product| {
            let host = product.cached_host.clone()?;
            let skms = state
                .kms_host_for(product)
                .and_then(|configured| configured.address.host_port());
            let unused = if skms.is_some() {
                Some(CacheUnused::SkmsSet)
            } else if !state.settings.host_caching {
                Some(CacheUnused::CachingOff)
            } else {
                let searched = locator.search_domains(state.lookup_domain_for(product));
                cached_host_searched(host.domain.as_deref(), searched.as_deref()).err()
            };
            Some(CachedHostUse {
                product: NamedProduct {
                    name: display_name(product),
                    activation_id: product.activation_id,
                },
                host,
                unused,
            })
        })
        .collect()
}

/// `--check`: connect + bind to every address of every target, each within `limit`,
/// `parallel` at a time, all by `deadline`.
async fn check_targets(
    trace: &DiscoveryTrace,
    limit: Duration,
    parallel: usize,
    deadline: Instant,
) -> Vec<AddressCheck> {
    let source = HostSource::Dns {
        domain: trace
            .found_domain
            .as_ref()
            .map_or_else(String::new, |d| d.name.clone()),
    };
    let candidates: Vec<_> = trace
        .targets
        .iter()
        .flat_map(|target| candidates_of(target, &source))
        .collect();
    check_addresses(&candidates, limit, parallel, deadline).await
}

/// Name servers given by `VLMGR_DNS_SERVER` are labelled so: the locator knows them only
/// as the ones given instead of the system's.
fn from_environment(trace: &mut DiscoveryTrace) {
    for server in &mut trace.name_servers {
        if server.source == ServerSource::CommandLine {
            server.source = ServerSource::Environment;
            server.origin = DNS_SERVER_ENV.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spp::commands::system_kms;
    use crate::spp::model::Model;

    #[test]
    fn windows_own_settings_say_what_windows_does_instead_of_dns() {
        let mut model = Model::synthetic_kms_client();
        let system = system_kms(&mut model).expect("reads");
        assert!(windows_notes(&system).is_empty(), "DNS discovery as usual");

        model.service.kms.lookup_domain = Some("corp.example".into());
        let notes = windows_notes(&system_kms(&mut model).expect("reads"));
        assert_eq!(
            notes,
            [
                "Windows has skms-domain set (corp.example): Windows looks up SRV records in \
              that domain only"
            ]
        );
        // A host wins over the domain, as Windows has it.
        model.service.kms.machine = Some("[2001:db8::5]".into());
        model.service.kms.port = 1700;
        let notes = windows_notes(&system_kms(&mut model).expect("reads"));
        assert_eq!(
            notes,
            [
                "Windows has skms set ([2001:db8::5]:1700): Windows activates with that host and \
              makes no DNS query"
            ]
        );
    }
}
