//! An in-process authoritative DNS server for tests (hickory-server on 127.0.0.1, real
//! UDP and TCP on one ephemeral port) that logs every query it receives.
//!
//! ```ignore
//! let zone = Zone::new("corp.test").srv("_vlmcs._tcp", 0, 0, 1688, "kms1").a("kms1", [127, 0, 0, 1]);
//! let server = DnsServer::start(&[zone])?;   // runs on its own thread until dropped
//! // ... point the code under test at server.addr() (`--dns-server`)
//! assert_eq!(server.query_names(), ["_vlmcs._tcp.corp.test"]);
//! ```
//!
//! The same [`Zone`] renders as a BIND zone file ([`Zone::to_zone_file`]), so the
//! scenarios also run against a real `named` (see `bind.rs`).
#![allow(dead_code)]

use std::fmt::Write as _;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use hickory_server::ServerFuture;
use hickory_server::authority::{AuthorityObject, Catalog, ZoneType};
use hickory_server::proto::rr::rdata::{A, AAAA, CNAME, NS, SOA, SRV};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::proto::xfer::Protocol;
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::store::in_memory::InMemoryAuthority;

/// The TTL of test records unless a test sets another: short, and equal everywhere so
/// output is stable.
const TTL: u32 = 60;

/// The data of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RecordData {
    /// An SRV record; `target` is absolute when it ends in '.', else relative to the origin.
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    /// An IPv4 address.
    A(Ipv4Addr),
    /// An IPv6 address.
    Aaaa(Ipv6Addr),
    /// An alias; the target follows the same naming rule as SRV targets.
    Cname(String),
}

/// One record: an owner name ("@", relative, or absolute with a trailing dot) and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoneRecord {
    pub name: String,
    pub data: RecordData,
    /// Seconds ([`TTL`] unless set with [`Zone::ttl`]).
    pub ttl: u32,
}

/// An authoritative zone: SOA and NS are added automatically.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Zone {
    /// The zone's origin, e.g. "corp.test" (no trailing dot needed).
    pub origin: String,
    pub records: Vec<ZoneRecord>,
}

impl Zone {
    /// An empty zone (only SOA and NS): every `_vlmcs._tcp` query is NXDOMAIN.
    pub(crate) fn new(origin: &str) -> Self {
        Self {
            origin: origin.trim_end_matches('.').to_ascii_lowercase(),
            records: Vec::new(),
        }
    }

    /// A zone publishing one KMS host `kms.<origin>` at `address`:`port`.
    pub(crate) fn single_kms(origin: &str, address: Ipv4Addr, port: u16) -> Self {
        Self::new(origin)
            .srv("_vlmcs._tcp", 0, 0, port, "kms")
            .a("kms", address)
    }

    /// Adds a record.
    pub(crate) fn record(mut self, name: &str, data: RecordData) -> Self {
        self.records.push(ZoneRecord {
            name: name.to_owned(),
            data,
            ttl: TTL,
        });
        self
    }

    /// Sets the TTL of the record added last (0 and 2^31 - 1 included; RFC 2181 section 8
    /// caps TTLs at 2^31 - 1).
    pub(crate) fn ttl(mut self, ttl: u32) -> Self {
        if let Some(record) = self.records.last_mut() {
            record.ttl = ttl;
        }
        self
    }

    /// Adds an SRV record.
    pub(crate) fn srv(
        self,
        name: &str,
        priority: u16,
        weight: u16,
        port: u16,
        target: &str,
    ) -> Self {
        let data = RecordData::Srv {
            priority,
            weight,
            port,
            target: target.to_owned(),
        };
        self.record(name, data)
    }

    /// Adds an A record.
    pub(crate) fn a(self, name: &str, address: impl Into<Ipv4Addr>) -> Self {
        self.record(name, RecordData::A(address.into()))
    }

    /// Adds an AAAA record.
    pub(crate) fn aaaa(self, name: &str, address: impl Into<Ipv6Addr>) -> Self {
        self.record(name, RecordData::Aaaa(address.into()))
    }

    /// Adds a CNAME record.
    pub(crate) fn cname(self, name: &str, target: &str) -> Self {
        self.record(name, RecordData::Cname(target.to_owned()))
    }

    /// `name` made absolute (with a trailing dot) against this zone's origin.
    pub(crate) fn absolute(&self, name: &str) -> String {
        match name {
            "@" | "" => format!("{}.", self.origin),
            "." => ".".to_owned(),
            _ if name.ends_with('.') => name.to_owned(),
            _ => format!("{name}.{}.", self.origin),
        }
    }

    /// The zone as a master file (RFC 1035 section 5), every name absolute.
    pub(crate) fn to_zone_file(&self) -> String {
        let origin = self.absolute("@");
        let mut text = format!("$TTL {TTL}\n");
        // `writeln!` into a String cannot fail.
        let _ = writeln!(
            text,
            "{origin} IN SOA ns.{origin} hostmaster.{origin} 1 3600 600 86400 {TTL}"
        );
        let _ = writeln!(text, "{origin} IN NS ns.{origin}");
        let _ = writeln!(text, "ns.{origin} IN A 127.0.0.1");
        for record in &self.records {
            let owner = self.absolute(&record.name);
            let owner = format!("{owner} {}", record.ttl);
            let _ = match &record.data {
                RecordData::Srv {
                    priority,
                    weight,
                    port,
                    target,
                } => writeln!(
                    text,
                    "{owner} IN SRV {priority} {weight} {port} {}",
                    self.absolute(target)
                ),
                RecordData::A(address) => writeln!(text, "{owner} IN A {address}"),
                RecordData::Aaaa(address) => writeln!(text, "{owner} IN AAAA {address}"),
                RecordData::Cname(target) => {
                    writeln!(text, "{owner} IN CNAME {}", self.absolute(target))
                }
            };
        }
        text
    }

    /// The zone as a hickory in-memory authority.
    fn authority(&self) -> io::Result<InMemoryAuthority> {
        let origin = parse_name(&self.absolute("@"))?;
        let ns = parse_name(&format!("ns.{}", self.absolute("@")))?;
        let hostmaster = parse_name(&format!("hostmaster.{}", self.absolute("@")))?;
        let mut authority = InMemoryAuthority::empty(origin.clone(), ZoneType::Primary, false);
        let soa = SOA::new(ns.clone(), hostmaster, 1, 3600, 600, 86400, TTL);
        let mut records = vec![
            Record::from_rdata(origin.clone(), TTL, RData::SOA(soa)),
            Record::from_rdata(origin, TTL, RData::NS(NS(ns.clone()))),
            Record::from_rdata(ns, TTL, RData::A(A::new(127, 0, 0, 1))),
        ];
        for record in &self.records {
            let owner = parse_name(&self.absolute(&record.name))?;
            let data = match &record.data {
                RecordData::Srv {
                    priority,
                    weight,
                    port,
                    target,
                } => RData::SRV(SRV::new(
                    *priority,
                    *weight,
                    *port,
                    parse_name(&self.absolute(target))?,
                )),
                RecordData::A(address) => RData::A(A::from(*address)),
                RecordData::Aaaa(address) => RData::AAAA(AAAA::from(*address)),
                RecordData::Cname(target) => {
                    RData::CNAME(CNAME(parse_name(&self.absolute(target))?))
                }
            };
            records.push(Record::from_rdata(owner, record.ttl, data));
        }
        for record in records {
            authority.upsert_mut(record, 1);
        }
        Ok(authority)
    }
}

fn parse_name(name: &str) -> io::Result<Name> {
    Name::from_ascii(name).map_err(|error| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("bad DNS name {name:?}: {error}"),
        )
    })
}

/// The transport a query arrived on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport {
    Udp,
    Tcp,
}

/// One query the server received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoggedQuery {
    /// The name asked, lower-case, without the trailing dot.
    pub name: String,
    /// The type asked, e.g. "SRV", "A", "AAAA".
    pub record_type: String,
    pub transport: Transport,
}

type QueryLog = Arc<Mutex<Vec<LoggedQuery>>>;

/// Logs each query, then answers it from the zones.
struct LoggingCatalog {
    catalog: Catalog,
    log: QueryLog,
}

impl LoggingCatalog {
    fn record(&self, request: &Request) {
        let Ok(info) = request.request_info() else {
            return;
        };
        let name = info.query.name().to_string().to_ascii_lowercase();
        let entry = LoggedQuery {
            name: name.strip_suffix('.').unwrap_or(&name).to_owned(),
            record_type: info.query.query_type().to_string(),
            transport: if info.protocol == Protocol::Tcp {
                Transport::Tcp
            } else {
                Transport::Udp
            },
        };
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(entry);
    }
}

// `RequestHandler` is declared with `#[async_trait]`; this is the signature that macro
// produces, written out so the tests need no extra dependency.
impl RequestHandler for LoggingCatalog {
    fn handle_request<'life0, 'life1, 'async_trait, R>(
        &'life0 self,
        request: &'life1 Request,
        response_handle: R,
    ) -> Pin<Box<dyn Future<Output = ResponseInfo> + Send + 'async_trait>>
    where
        R: 'async_trait + ResponseHandler,
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            self.record(request);
            self.catalog.handle_request(request, response_handle).await
        })
    }
}

/// A running in-process DNS server; it stops when dropped.
pub(crate) struct DnsServer {
    addr: SocketAddr,
    log: QueryLog,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl DnsServer {
    /// Serves `zones` on 127.0.0.1 (UDP and TCP, one ephemeral port) from a thread of
    /// its own, so it works from synchronous tests and any async runtime alike.
    pub(crate) fn start(zones: &[Zone]) -> io::Result<Self> {
        let mut catalog = Catalog::new();
        for zone in zones {
            let authority = zone.authority()?;
            let origin = LowerName::new(&parse_name(&zone.absolute("@"))?);
            let authority: Arc<dyn AuthorityObject> = Arc::new(authority);
            catalog.upsert(origin, vec![authority]);
        }
        let log = QueryLog::default();
        let handler = LoggingCatalog {
            catalog,
            log: Arc::clone(&log),
        };
        let (udp, tcp) = bind_same_port()?;
        let addr = udp.local_addr()?;
        udp.set_nonblocking(true)?;
        tcp.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("dns-server-{addr}"))
            .spawn(move || {
                runtime.block_on(async move {
                    let mut server = ServerFuture::new(handler);
                    match (
                        tokio::net::UdpSocket::from_std(udp),
                        tokio::net::TcpListener::from_std(tcp),
                    ) {
                        (Ok(udp), Ok(tcp)) => {
                            server.register_socket(udp);
                            server.register_listener(tcp, Duration::from_secs(10));
                        }
                        (Err(error), _) | (_, Err(error)) => {
                            eprintln!("test DNS server: cannot register sockets: {error}");
                            return;
                        }
                    }
                    // Either a stop request or the handle being dropped ends the server.
                    let _ = stopped.await;
                    let _ = server.shutdown_gracefully().await;
                });
            })?;
        Ok(Self {
            addr,
            log,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address to send queries to (`--dns-server`).
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every query received so far, in arrival order.
    pub(crate) fn queries(&self) -> Vec<LoggedQuery> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The distinct names asked so far, in order of first arrival.
    pub(crate) fn query_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for query in self.queries() {
            if !names.contains(&query.name) {
                names.push(query.name);
            }
        }
        names
    }

    /// How many queries of `record_type` for `name` arrived (any transport).
    pub(crate) fn count(&self, name: &str, record_type: &str) -> usize {
        self.queries()
            .iter()
            .filter(|query| query.name == name && query.record_type == record_type)
            .count()
    }

    /// Forgets the queries logged so far.
    pub(crate) fn clear_log(&self) {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A "name server" that accepts queries on UDP and TCP and never answers.
pub(crate) struct SilentDnsServer {
    udp: UdpSocket,
    tcp: TcpListener,
}

impl SilentDnsServer {
    /// Binds UDP and TCP on one ephemeral 127.0.0.1 port; nothing is ever read or sent,
    /// so queries are left to time out (TCP connections complete in the kernel backlog).
    pub(crate) fn start() -> io::Result<Self> {
        let (udp, tcp) = bind_same_port()?;
        Ok(Self { udp, tcp })
    }

    /// The address to send queries to.
    pub(crate) fn addr(&self) -> io::Result<SocketAddr> {
        self.udp.local_addr()
    }
}

/// A UDP socket and a TCP listener on the same ephemeral 127.0.0.1 port.
pub(crate) fn bind_same_port() -> io::Result<(UdpSocket, TcpListener)> {
    let mut last_error = None;
    // The UDP port chosen by the kernel may be taken for TCP; try a few.
    for _ in 0..50 {
        let udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))?;
        match TcpListener::bind(udp.local_addr()?) {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free port for UDP and TCP")))
}
