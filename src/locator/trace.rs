//! The discovery trace behind `vlmgr discover` and `check`: every step of discovery, for
//! people (`-v`) and scripts (`--json`).

use std::collections::HashMap;
use std::net::IpAddr;

use rand::Rng;

use super::error::{LocateError, ServerList};
use super::order::{SrvOrder, SrvRecord};
use super::resolve::{Locator, QueryOutcome};
use crate::address::{HostPort, HostSource};
use crate::platform::resolver::{self, DomainSource, NameServer, SearchDomain};
use crate::protocol::HResult;

/// A [`LocateError`] as plain data, as a trace keeps it: slmgr's HRESULT, the message, and
/// what kind of outcome it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracedError {
    /// The HRESULT, e.g. 0x8007232B.
    pub hresult: HResult,
    /// The message, naming what was queried and the server asked.
    pub(crate) message: String,
    /// [`LocateError::outcome`]: `nx_domain`, `server_failure`, ...
    pub(crate) outcome: &'static str,
    /// [`LocateError::is_lookup_failure`]: the name servers failed, so whether the
    /// records exist is not known.
    pub(crate) lookup_failed: bool,
    /// [`LocateError::is_local_limit`]: this machine could not ask at all.
    pub(crate) local_limit: bool,
}

impl From<&LocateError> for TracedError {
    fn from(error: &LocateError) -> Self {
        Self {
            hresult: error.hresult(),
            message: error.to_string(),
            outcome: error.outcome(),
            lookup_failed: error.is_lookup_failure(),
            local_limit: error.is_local_limit(),
        }
    }
}

impl TracedError {
    /// A lookup that did not finish (the run is ending): a failure of the name servers
    /// as far as anyone can tell.
    fn unfinished(message: String) -> Self {
        Self {
            hresult: HResult::DNS_SERVER_FAILURE,
            message,
            outcome: "server_failure",
            lookup_failed: true,
            local_limit: false,
        }
    }
}

/// Where [`Locator::trace_early`] hands each resolved target: where it came from (the
/// domain whose records named it), and the target with its addresses.
pub(crate) type EarlyTargets = tokio::sync::mpsc::UnboundedSender<(HostSource, ResolvedTarget)>;

/// The addresses of one target of the ordered records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedTarget {
    /// The host and port from the SRV record.
    pub(crate) target: HostPort,
    /// Every A and AAAA address, in the order they will be tried.
    pub addresses: Vec<IpAddr>,
    /// Why no address was found, if so.
    pub error: Option<TracedError>,
    /// Whether the addresses came from the SRV answer's additional section (no query).
    pub(crate) from_srv_answer: bool,
}

/// Everything discovery did, step by step, for `vlmgr discover` and `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryTrace {
    /// The name servers asked (for names without a resolver of their own).
    pub(crate) servers: ServerList,
    /// Every name server, with where it came from and the domain it answers for when it
    /// is a split-DNS resolver.
    pub(crate) name_servers: Vec<NameServer>,
    /// What was missing, unreadable or unusable in the resolver configuration.
    pub(crate) configuration_notes: Vec<String>,
    /// The ordering used.
    pub(crate) order: SrvOrder,
    /// The domains that would be searched, in order, and why.
    pub(crate) domains: Vec<SearchDomain>,
    /// Each SRV query made and its outcome, in order (the walk stops at the first
    /// domain with records).
    pub tried: Vec<QueryOutcome>,
    /// The domain whose records are used, if any.
    pub found_domain: Option<SearchDomain>,
    /// The records of that domain as the server sent them.
    pub(crate) records_as_received: Vec<SrvRecord>,
    /// The usable records in the order they would be tried.
    pub(crate) ordered: Vec<SrvRecord>,
    /// The addresses of each ordered record's target.
    pub targets: Vec<ResolvedTarget>,
    /// Why discovery found no host, if it did not.
    pub error: Option<TracedError>,
    /// Plain-language explanations of what the searched domains mean for clients
    /// (e.g. why a record `nslookup` finds is not found here).
    pub hints: Vec<String>,
}

impl DiscoveryTrace {
    /// Whether discovery found at least one address to try.
    pub fn has_candidates(&self) -> bool {
        self.targets
            .iter()
            .any(|target| !target.addresses.is_empty())
    }
}

/// Why a client finds nothing where a manual lookup might: which domains it searched.
fn hints_for_failure(domains: &[SearchDomain]) -> Vec<String> {
    if domains
        .iter()
        .any(|domain| domain.source == DomainSource::LookupDomain)
    {
        let names = domains
            .iter()
            .map(|domain| domain.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return vec![format!(
            "only the KMS lookup domain {names} is searched (set with `vlmgr skms-domain`); \
             it replaces the machine's own domains, with no fallback: clear it with \
             `vlmgr ckms-domain` or publish the record there"
        )];
    }
    resolver::search_list_hint(domains).into_iter().collect()
}

impl Locator {
    /// Runs discovery over `domains` and resolves every target, recording each step;
    /// failures are recorded in the trace rather than returned.
    pub async fn trace<R: Rng + ?Sized>(
        &self,
        domains: &[SearchDomain],
        order: SrvOrder,
        rng: &mut R,
    ) -> DiscoveryTrace {
        self.trace_early(domains, order, rng, None).await
    }

    /// [`Locator::trace`], handing each target with addresses to `early` as soon as its
    /// lookup answers (with the domain whose records named it), so the caller can start
    /// connecting before the last lookup is back.
    pub(crate) async fn trace_early<R: Rng + ?Sized>(
        &self,
        domains: &[SearchDomain],
        order: SrvOrder,
        rng: &mut R,
        early: Option<&EarlyTargets>,
    ) -> DiscoveryTrace {
        let walk = self.walk(domains, order, rng).await;
        let mut trace = DiscoveryTrace {
            servers: self.servers().clone(),
            name_servers: self.name_servers().to_vec(),
            configuration_notes: self.configuration_notes().to_vec(),
            order,
            domains: domains.to_vec(),
            tried: walk.tried,
            found_domain: None,
            records_as_received: Vec::new(),
            ordered: Vec::new(),
            targets: Vec::new(),
            error: None,
            hints: Vec::new(),
        };
        let found = match walk.found {
            Ok(found) => found,
            Err(error) => {
                trace.error = Some(TracedError::from(&error));
                trace.hints = hints_for_failure(domains);
                return trace;
            }
        };
        let early = early.map(|sender| (found.domain.name.as_str(), sender));
        let addresses = self.resolve_all(&found.ordered, early).await;
        for record in &found.ordered {
            let resolved = match addresses.get(&record.target) {
                Some(Ok(addresses)) => ResolvedTarget {
                    target: record.host_port(),
                    addresses: addresses.clone(),
                    error: None,
                    from_srv_answer: self.addresses_from_srv_answer(&record.target).is_some(),
                },
                Some(Err(error)) => ResolvedTarget {
                    target: record.host_port(),
                    addresses: Vec::new(),
                    error: Some(error.clone()),
                    from_srv_answer: false,
                },
                None => ResolvedTarget {
                    target: record.host_port(),
                    addresses: Vec::new(),
                    error: Some(TracedError::unfinished(format!(
                        "the lookup of {} did not finish",
                        record.target
                    ))),
                    from_srv_answer: false,
                },
            };
            trace.targets.push(resolved);
        }
        for record in found.records_as_received.iter() {
            if let Some(reason) = &record.unusable {
                trace.hints.push(format!(
                    "the SRV record for {}:{} cannot be used: {reason}; clients skip it",
                    record.target, record.port
                ));
            }
        }
        for target in &trace.targets {
            if target.addresses.is_empty() {
                trace.hints.push(format!(
                    "{} has no A or AAAA record that this resolver can see: clients skip it",
                    target.target.host
                ));
            }
        }
        trace.found_domain = Some(found.domain);
        trace.records_as_received = found.records_as_received;
        trace.ordered = found.ordered;
        trace
    }

    /// The trace of a walk that did not finish: nothing found, and why.
    pub(crate) fn unfinished(&self, domains: &[SearchDomain]) -> DiscoveryTrace {
        DiscoveryTrace {
            servers: self.servers().clone(),
            name_servers: self.name_servers().to_vec(),
            configuration_notes: self.configuration_notes().to_vec(),
            order: SrvOrder::Rfc2782,
            domains: domains.to_vec(),
            tried: Vec::new(),
            found_domain: None,
            records_as_received: Vec::new(),
            ordered: Vec::new(),
            targets: Vec::new(),
            error: Some(TracedError::unfinished(
                "the discovery did not finish".to_owned(),
            )),
            hints: Vec::new(),
        }
    }

    /// Looks up the addresses of every distinct target at once, started in the records'
    /// order; each target with addresses goes to `early` as soon as it is known.
    async fn resolve_all(
        &self,
        records: &[SrvRecord],
        early: Option<(&str, &EarlyTargets)>,
    ) -> HashMap<String, Result<Vec<IpAddr>, TracedError>> {
        let mut tasks = tokio::task::JoinSet::new();
        let mut hosts: Vec<&str> = Vec::with_capacity(records.len());
        for record in records {
            if !hosts.contains(&record.target.as_str()) {
                hosts.push(&record.target);
            }
        }
        for host in hosts {
            let locator = self.clone();
            let host = host.to_owned();
            tasks.spawn(async move {
                let result = locator.addresses(&host).await;
                (host, result.map_err(|error| TracedError::from(&error)))
            });
        }
        let mut resolved = HashMap::new();
        // A join error (runtime shutting down) leaves that host out; the caller
        // traces it as unfinished.
        while let Some(joined) = tasks.join_next().await {
            if let Ok((host, result)) = joined {
                if let (Some((domain, sender)), Ok(addresses)) = (early, &result) {
                    let from_srv_answer = self.addresses_from_srv_answer(&host).is_some();
                    for record in records.iter().filter(|record| record.target == host) {
                        let target = ResolvedTarget {
                            target: record.host_port(),
                            addresses: addresses.clone(),
                            error: None,
                            from_srv_answer,
                        };
                        // The receiver may be gone (the deadline passed): nothing to do.
                        let source = HostSource::Dns {
                            domain: domain.to_owned(),
                        };
                        let _ = sender.send((source, target));
                    }
                }
                resolved.insert(host, result);
            }
        }
        resolved
    }
}
