//! `discover`: how a KMS host would be found, step by step; `--check` binds to each.

use std::time::Duration;

use crate::address::HostSource;
use crate::client::{AddressCheck, check_addresses};
use crate::config::Config;
use crate::exit_codes::ExitCode;
use crate::locator::{DiscoveryReport, Locator, command_line_domains};
use crate::output::Report;
use crate::output::report::DiscoverResult;
use crate::state::{State, StateStore};

use super::{Completed, DiscoverOptions, Failure, candidates_of, dns_settings, settings_in_force};

/// At most this long for connect + bind of one address with `--check`.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

pub fn discover(
    config: &Config,
    store: &StateStore,
    options: DiscoverOptions,
) -> Result<Completed, Failure> {
    let state = store.load()?;
    let (lookup_domain, kms_host) = in_force(state.as_ref());
    let settings = dns_settings(config);
    let named = command_line_domains(&options.domains)?;
    let locator = Locator::new(&settings)?;
    let domains = if named.is_empty() {
        locator.search_domains(lookup_domain.as_deref())?
    } else {
        named
    };
    let runtime = super::runtime()?;
    let finished = runtime.block_on(async {
        tokio::time::timeout(config.timeout, async {
            let report = locator
                .report(&domains, options.order, &mut rand::rng())
                .await;
            let mut checks = Vec::new();
            if options.check {
                checks = check_report(&report, CHECK_TIMEOUT.min(config.timeout)).await;
            }
            (report, checks)
        })
        .await
    });
    let (report, checks) = finished.map_err(|_| Failure::Deadline {
        what: "discovery",
        timeout: config.timeout,
    })?;
    let found = if options.check {
        checks.iter().any(|check| check.outcome.is_bound())
    } else {
        !report.ordered.is_empty()
    };
    let notes = kms_host.iter().map(|host| {
        format!(
            "skms is set ({host}): activation uses that host and makes no DNS query; \
             this report shows what DNS would give without it"
        )
    });
    Ok(Completed {
        report: Report::Discovery(Box::new(DiscoverResult {
            checked: options.check,
            notes: notes.collect(),
            kms_host_override: kms_host,
            discovery: report,
            checks,
        })),
        exit: if found {
            ExitCode::Success
        } else {
            ExitCode::NoHost
        }
        .into(),
    })
}

/// The lookup domain and the skms host in force for the default product (or the global
/// ones).
fn in_force(state: Option<&State>) -> (Option<String>, Option<String>) {
    let (domain, kms_host) = settings_in_force(state);
    (
        domain.map(str::to_string),
        kms_host.map(ToString::to_string),
    )
}

/// `--check`: connect + bind to every address of every target, each within `limit`.
async fn check_report(report: &DiscoveryReport, limit: Duration) -> Vec<AddressCheck> {
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
    check_addresses(&candidates, limit).await
}
