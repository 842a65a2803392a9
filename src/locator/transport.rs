//! How a query travels (docs/discovery.md, "Retransmission"): over UDP, sent again on a
//! growing schedule within the lookup's time, an answer to any of its transmissions
//! taken; over TCP (hickory's own connection) after a truncated answer.
//!
//! The UDP exchange is vlmgr's own rather than hickory's because hickory's sends once and
//! drops, without a word, every datagram it cannot use: a server that sends garbage
//! looked like one that sends nothing. Here such a datagram is still waited past (one
//! forged or broken datagram must not end a lookup), but remembered, and when no good
//! answer comes the lookup fails as malformed, saying what was wrong.

use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::time::Duration;

use futures_util::stream::{self, Stream};
use hickory_resolver::config::{NameServerConfig, ResolverOpts};
use hickory_resolver::name_server::{
    ConnectionProvider, GenericConnection, TokioConnectionProvider,
};
use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
use hickory_resolver::proto::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::xfer::{DnsHandle, DnsRequest, DnsResponse, Protocol};
use hickory_resolver::proto::{ProtoError, ProtoErrorKind};
use tokio::net::UdpSocket;
use tokio::time::Instant;

use crate::platform::resolver::RetryOptions;

/// The first retransmission comes this soon (or after the configured per-try timeout
/// when that is shorter); each later one waits twice as long as the one before, never
/// longer than that timeout.
pub const FIRST_RETRANSMISSION: Duration = Duration::from_secs(1);

/// glibc's bounds on resolv.conf's options (`RES_MAXRETRANS`, `RES_MAXRETRY`).
const MAX_TIMEOUT_SECONDS: u32 = 30;
const MAX_ATTEMPTS: u32 = 5;

/// Room for any datagram a server sends in answer to a query advertising 1,232 octets
/// (EDNS), and more: a bigger one is a server's fault, and is cut and reported malformed.
const DATAGRAM_BUFFER: usize = 4096;

/// When a UDP query is sent again, and how long its answer is waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Schedule {
    /// The wait before the first retransmission.
    first: Duration,
    /// The longest wait between two transmissions: the configured per-try timeout.
    longest: Duration,
    /// How long a server is waited for in all: timeout x attempts, within the lookup's
    /// time.
    budget: Duration,
}

impl Schedule {
    /// The schedule of the resolver options `retry` (glibc's defaults without any),
    /// bounded by `lookup_time`.
    pub(crate) fn new(retry: Option<RetryOptions>, lookup_time: Duration) -> Self {
        let retry = retry.unwrap_or_default();
        // timeout:0 is 1 s in glibc too; attempts:0 would make no query at all.
        let seconds = retry.timeout_seconds.clamp(1, MAX_TIMEOUT_SECONDS);
        let attempts = retry.attempts.clamp(1, MAX_ATTEMPTS);
        let longest = Duration::from_secs(u64::from(seconds));
        Self {
            first: FIRST_RETRANSMISSION.min(longest),
            longest,
            budget: (longest * attempts).min(lookup_time),
        }
    }

    /// How long a server is waited for in all.
    pub(crate) fn budget(&self) -> Duration {
        self.budget
    }

    /// The times, from the first transmission, at which the query is sent.
    pub(crate) fn transmissions(&self) -> Vec<Duration> {
        let mut times = Vec::new();
        let (mut at, mut gap) = (Duration::ZERO, self.first);
        while at < self.budget {
            times.push(at);
            at += gap;
            gap = (gap * 2).min(self.longest);
        }
        times
    }
}

/// Why an exchange with one name server gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ExchangeError {
    /// Nothing came back.
    #[error(
        "no answer from {server} (the query sent {sent} time(s) in {:.1} s)",
        waited.as_secs_f64()
    )]
    NoAnswer {
        server: SocketAddr,
        sent: usize,
        waited: Duration,
    },
    /// Only datagrams that are not a valid answer to the query came back.
    #[error("malformed answer from {server}: {problem}")]
    Malformed { server: SocketAddr, problem: String },
    /// The server's host said nothing listens there (ICMP port unreachable), or the
    /// socket failed.
    #[error("{server} cannot be asked: {reason}")]
    Unreachable { server: SocketAddr, reason: String },
    /// This machine could not open or use a socket (its open-file limit, no buffer
    /// space): nothing is known of the server.
    #[error("{server} could not be asked: this machine could not open a socket ({reason})")]
    LocalLimit { server: SocketAddr, reason: String },
}

impl From<ExchangeError> for ProtoError {
    fn from(error: ExchangeError) -> Self {
        ProtoError::from(io::Error::other(error))
    }
}

/// The exchange error inside `error`, when an exchange of this module failed.
pub(super) fn exchange_error(error: &ProtoError) -> Option<&ExchangeError> {
    match error.kind() {
        ProtoErrorKind::Io(io) => io.get_ref()?.downcast_ref::<ExchangeError>(),
        _ => None,
    }
}

/// The connections hickory's name server pool and resolver use: UDP through
/// [`exchange`], TCP through hickory's own.
#[derive(Clone)]
pub(super) struct Transport {
    schedule: Schedule,
    tcp: TokioConnectionProvider,
}

impl Transport {
    pub(super) fn new(schedule: Schedule) -> Self {
        Self {
            schedule,
            tcp: TokioConnectionProvider::default(),
        }
    }
}

/// One name server over one protocol.
#[derive(Clone)]
pub(super) enum Connection {
    Udp {
        server: SocketAddr,
        schedule: Schedule,
    },
    Tcp(GenericConnection),
}

type ConnectionFuture = Pin<Box<dyn Future<Output = Result<Connection, ProtoError>> + Send>>;
type ResponseStream = Pin<Box<dyn Stream<Item = Result<DnsResponse, ProtoError>> + Send>>;

impl ConnectionProvider for Transport {
    type Conn = Connection;
    type FutureConn = ConnectionFuture;
    type RuntimeProvider = TokioRuntimeProvider;

    fn new_connection(
        &self,
        config: &NameServerConfig,
        options: &ResolverOpts,
    ) -> io::Result<Self::FutureConn> {
        if config.protocol == Protocol::Udp {
            let connection = Connection::Udp {
                server: config.socket_addr,
                schedule: self.schedule,
            };
            return Ok(Box::pin(std::future::ready(Ok(connection))));
        }
        let connecting = self.tcp.new_connection(config, options)?;
        Ok(Box::pin(
            async move { connecting.await.map(Connection::Tcp) },
        ))
    }
}

impl DnsHandle for Connection {
    type Response = ResponseStream;

    fn send<R: Into<DnsRequest> + Unpin + Send + 'static>(&self, request: R) -> Self::Response {
        match self {
            Self::Udp { server, schedule } => {
                let exchange = exchange(*server, request.into(), *schedule);
                Box::pin(stream::once(async move {
                    exchange.await.map_err(ProtoError::from)
                }))
            }
            Self::Tcp(connection) => Box::pin(connection.send(request)),
        }
    }
}

/// One query to `server` over UDP, sent at the times of `schedule` from one socket with
/// one ID, so an answer to any transmission is taken, until a valid answer comes or the
/// schedule's budget is spent.
pub(super) async fn exchange(
    server: SocketAddr,
    request: DnsRequest,
    schedule: Schedule,
) -> Result<DnsResponse, ExchangeError> {
    let unreachable = |error: io::Error| {
        if crate::platform::limits::is_local_limit(&error) {
            ExchangeError::LocalLimit {
                server,
                reason: error.to_string(),
            }
        } else {
            ExchangeError::Unreachable {
                server,
                reason: error.to_string(),
            }
        }
    };
    let socket = connected_socket(server).await.map_err(unreachable)?;
    let (mut query, _) = request.into_parts();
    query.set_id(rand::random());
    let bytes = query.to_vec().map_err(|error| ExchangeError::Unreachable {
        server,
        reason: format!("the query cannot be encoded: {error}"),
    })?;
    let started = Instant::now();
    let mut times = schedule.transmissions().into_iter().peekable();
    let mut sent = 0;
    let mut malformed: Option<String> = None;
    let mut buffer = vec![0; DATAGRAM_BUFFER];
    loop {
        // Transmissions that fell due while the process was busy go out once.
        let mut due = false;
        while times
            .next_if(|at| started + *at <= Instant::now())
            .is_some()
        {
            due = true;
        }
        if due {
            socket.send(&bytes).await.map_err(unreachable)?;
            sent += 1;
        }
        let next = times.peek().map_or(schedule.budget, |at| *at);
        let received = tokio::time::timeout_at(started + next, socket.recv(&mut buffer)).await;
        match received {
            Ok(Ok(length)) => {
                let datagram = buffer.get(..length).unwrap_or_default();
                match answer_to(&query, datagram) {
                    Ok(response) => return Ok(response),
                    // The first problem is kept: a later datagram is often the same.
                    Err(problem) => malformed = malformed.or(Some(problem)),
                }
            }
            Ok(Err(error)) if is_refusal(&error) => return Err(unreachable(error)),
            // Anything else (Windows reports a datagram larger than the buffer as an
            // error) is noted like a broken datagram; waiting for the next transmission
            // keeps an error that repeats from spinning.
            Ok(Err(error)) => {
                let problem = format!("a datagram could not be read: {error}");
                malformed = malformed.or(Some(problem));
                tokio::time::sleep_until(started + next).await;
            }
            Err(_) if times.peek().is_some() => {}
            Err(_) => {
                return Err(match malformed {
                    Some(problem) => ExchangeError::Malformed { server, problem },
                    None => ExchangeError::NoAnswer {
                        server,
                        sent,
                        waited: started.elapsed(),
                    },
                });
            }
        }
    }
}

/// A UDP socket connected to `server`: the kernel passes on only its datagrams, and
/// reports a closed port.
async fn connected_socket(server: SocketAddr) -> io::Result<UdpSocket> {
    let local = match server {
        SocketAddr::V4(_) => SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)),
        SocketAddr::V6(_) => SocketAddr::from((Ipv6Addr::UNSPECIFIED, 0)),
    };
    let socket = UdpSocket::bind(local).await?;
    socket.connect(server).await?;
    Ok(socket)
}

/// Whether a socket error says nothing listens at the server's port (ICMP port
/// unreachable: Linux reports it as refused, Windows as reset).
fn is_refusal(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionReset
    )
}

/// `datagram` as the answer to `query`, or what is wrong with it.
fn answer_to(query: &Message, datagram: &[u8]) -> Result<DnsResponse, String> {
    let response = DnsResponse::from_buffer(datagram.to_vec())
        .map_err(|error| format!("{error} ({} octets)", datagram.len()))?;
    if response.id() != query.id() {
        return Err(format!(
            "its ID is {}, the query's {}",
            response.id(),
            query.id()
        ));
    }
    if response.message_type() != MessageType::Response {
        return Err("it is a query, not an answer".to_owned());
    }
    // A server may leave the question out of an error (FORMERR, NOTIMP, REFUSED).
    let question_left_out =
        response.queries().is_empty() && response.response_code() != ResponseCode::NoError;
    if response.queries() != query.queries() && !question_left_out {
        let asked: Vec<String> = response
            .queries()
            .iter()
            .map(|q| format!("{} {}", q.name(), q.query_type()))
            .collect();
        return Err(format!(
            "it answers another question ({})",
            if asked.is_empty() {
                "none".to_owned()
            } else {
                asked.join(", ")
            }
        ));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(times: &[Duration]) -> Vec<f64> {
        times.iter().map(Duration::as_secs_f64).collect()
    }

    #[test]
    fn the_default_schedule_is_glibcs_budget_with_early_retransmissions() {
        let schedule = Schedule::new(None, Duration::from_secs(30));
        assert_eq!(schedule.budget(), Duration::from_secs(10));
        assert_eq!(seconds(&schedule.transmissions()), [0.0, 1.0, 3.0, 7.0]);
    }

    #[test]
    fn resolver_options_set_the_budget_and_the_longest_gap() {
        let options = |timeout_seconds, attempts| {
            Some(RetryOptions {
                timeout_seconds,
                attempts,
            })
        };
        let long = Duration::from_secs(300);
        let one_each = Schedule::new(options(1, 3), long);
        assert_eq!(seconds(&one_each.transmissions()), [0.0, 1.0, 2.0]);
        let single = Schedule::new(options(1, 1), long);
        assert_eq!(seconds(&single.transmissions()), [0.0]);
        // glibc's bounds: 30 s, 5 attempts; 0 means 1.
        let huge = Schedule::new(options(1000, 1000), long);
        assert_eq!(huge.budget(), Duration::from_secs(150));
        let zero = Schedule::new(options(0, 0), long);
        assert_eq!(zero.budget(), Duration::from_secs(1));
        // The lookup's time bounds everything.
        let short = Schedule::new(options(5, 2), Duration::from_millis(2500));
        assert_eq!(short.budget(), Duration::from_millis(2500));
        assert_eq!(seconds(&short.transmissions()), [0.0, 1.0]);
    }
}
