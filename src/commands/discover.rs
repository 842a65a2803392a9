//! `discover`: how a KMS host would be found, step by step; `--check` binds to each.

use std::time::Duration;

use crate::address::HostSource;
use crate::client::check_addresses;
use crate::config::Config;
use crate::exit_codes::ExitCode;
use crate::locator::{Locator, command_line_domains, search_domains};
use crate::output::Report;
use crate::output::report::DiscoverResult;
use crate::state::StateStore;

use super::{Completed, DiscoverOptions, Failure, candidates_of, dns_settings, select_default};

/// At most this long for connect + bind of one address with `--check`.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

pub fn discover(
    config: &Config,
    store: &StateStore,
    options: DiscoverOptions,
) -> Result<Completed, Failure> {
    // The lookup domain and skms host in force for the default product (or the global ones).
    let state = store.load()?;
    let (lookup_domain, kms_host) = match &state {
        Some(state) => match select_default(state) {
            Ok(product) => (
                state.lookup_domain_for(product).map(str::to_string),
                state.kms_host_for(product).map(ToString::to_string),
            ),
            Err(_) => (
                state.settings.lookup_domain.clone(),
                state.settings.kms_host.as_ref().map(ToString::to_string),
            ),
        },
        None => (None, None),
    };
    let settings = dns_settings(config);
    let domains = if options.domains.is_empty() {
        search_domains(lookup_domain.as_deref(), &settings)?
    } else {
        command_line_domains(&options.domains)?
    };
    let locator = Locator::new(&settings)?;
    let order = options.order;
    let runtime = super::runtime()?;
    let finished = runtime.block_on(async {
        tokio::time::timeout(config.timeout, async {
            let report = locator.report(&domains, order, &mut rand::rng()).await;
            let mut checks = Vec::new();
            if options.check {
                let source = HostSource::Dns {
                    domain: report
                        .found_domain
                        .as_ref()
                        .map_or_else(String::new, |d| d.name.clone()),
                };
                let candidates: Vec<_> = report
                    .targets
                    .iter()
                    .flat_map(|target| candidates_of(target, &source))
                    .collect();
                checks = check_addresses(&candidates, CHECK_TIMEOUT.min(config.timeout)).await;
            }
            (report, checks)
        })
        .await
    });
    let (report, checks) = finished.map_err(|_| Failure::Deadline {
        what: "discovery",
        timeout: config.timeout,
    })?;
    let success = if options.check {
        checks.iter().any(|check| check.outcome.is_bound())
    } else {
        !report.ordered.is_empty()
    };
    let mut notes = Vec::new();
    if let Some(host) = &kms_host {
        notes.push(format!(
            "skms is set ({host}): activation uses that host and makes no DNS query; \
             this report shows what DNS would give without it"
        ));
    }
    Ok(Completed {
        report: Report::Discovery(Box::new(DiscoverResult {
            checked: options.check,
            kms_host_override: kms_host,
            notes,
            discovery: report,
            checks,
        })),
        exit: if success {
            ExitCode::Success.into()
        } else {
            ExitCode::NoHost.into()
        },
    })
}
