//! Network latency in user space, for tests and the benchmark's latency group (these
//! machines have no netem).
//!
//! A [`Relay`] listens on 127.0.0.1 in front of a server and forwards every message
//! `one_way` after it arrived, in each direction:
//!
//! - TCP: the client's handshake completes at once (the kernel accepts on the relay's
//!   listener); each chunk read from one side is written to the other side `one_way`
//!   later, so the server sees a message `one_way` after the client sent it, and the
//!   client sees the answer `one_way` after the server wrote it. A close travels the
//!   same way (as a FIN: a reset from either side also arrives as a FIN).
//! - UDP: each datagram is forwarded `one_way` after it arrived, from a socket of the
//!   relay's own per client address, so answers find their way back.
//!
//! The sockets are served by one tokio thread, which reads at once; the delays are kept by
//! a second, plain thread ([`DelayLine`]) that wakes on a condition variable, precise to
//! tens of microseconds, where tokio's timer rounds every deadline up to a whole
//! millisecond (several milliseconds over the eight one-way trips of an activation).
//!
//! [`Delayed`] puts a relay in front of the test servers: the KMS host, the bind-only
//! fleet, the in-process DNS server and BIND.
#![allow(dead_code)]

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hickory_server::proto::op::{Edns, Message, MessageType, Query};
use hickory_server::proto::rr::{Name, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::bind::NamedServer;
use super::bind_only::BindFleet;
use super::dns::{DnsServer, Zone, bind_same_port};
use super::kms_host::KmsHost;

/// The largest chunk or datagram read at once. Per-connection buffers are reserved, not
/// zeroed: a 50-host run opens about 150 of them.
const BUFFER: usize = 64 * 1024;
/// A UDP client address unheard of for this long (plus two one-way delays) loses its
/// relay socket; a later datagram from it gets a new one.
const UDP_IDLE: Duration = Duration::from_millis(500);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

type Job = Box<dyn FnOnce() + Send>;

/// A job and when it is due; ordered so that a `BinaryHeap` pops the earliest first
/// (and, at equal times, the one scheduled first).
struct Scheduled {
    due: Instant,
    seq: u64,
    job: Job,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        (self.due, self.seq) == (other.due, other.seq)
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.due, other.seq).cmp(&(self.due, self.seq))
    }
}

#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Scheduled>,
    next_seq: u64,
    stopped: bool,
}

/// Runs each job at its due time, on a thread of its own.
struct DelayLine {
    queue: Mutex<Queue>,
    changed: Condvar,
}

impl DelayLine {
    fn start() -> io::Result<(Arc<DelayLine>, JoinHandle<()>)> {
        let line = Arc::new(DelayLine {
            queue: Mutex::default(),
            changed: Condvar::new(),
        });
        let runner = Arc::clone(&line);
        let thread = std::thread::Builder::new()
            .name("delay-line".to_owned())
            .spawn(move || runner.run())?;
        Ok((line, thread))
    }

    /// Runs `job` `delay` from now.
    fn after(&self, delay: Duration, job: Job) {
        let mut queue = lock(&self.queue);
        let due = Instant::now() + delay;
        let seq = queue.next_seq;
        queue.next_seq += 1;
        // The runner sleeps until the earliest job: wake it only when this one comes
        // first (with one delay per relay, only when the line was empty), since a wake-up
        // per message costs more CPU than the clients under test on two cores.
        let first = queue.heap.peek().is_none_or(|next| due < next.due);
        queue.heap.push(Scheduled { due, seq, job });
        if first {
            self.changed.notify_one();
        }
    }

    fn stop(&self) {
        lock(&self.queue).stopped = true;
        self.changed.notify_one();
    }

    fn run(&self) {
        let mut queue = lock(&self.queue);
        loop {
            if queue.stopped {
                return;
            }
            let now = Instant::now();
            match queue.heap.peek().map(|next| next.due) {
                None => {
                    queue = self
                        .changed
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                Some(due) if due <= now => {
                    if let Some(next) = queue.heap.pop() {
                        drop(queue);
                        (next.job)();
                        queue = lock(&self.queue);
                    }
                }
                Some(due) => {
                    queue = self
                        .changed
                        .wait_timeout(queue, due - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
        }
    }
}

/// One direction's delay and the line that keeps it.
#[derive(Clone)]
struct Link {
    line: Arc<DelayLine>,
    one_way: Duration,
}

impl Link {
    /// Sends `message` into `outlet` one delay from now.
    fn forward<T: Send + 'static>(&self, outlet: &UnboundedSender<T>, message: T) {
        let outlet = outlet.clone();
        self.line.after(
            self.one_way,
            Box::new(move || {
                // The receiving side may be gone (its peer closed): nothing to deliver to.
                let _ = outlet.send(message);
            }),
        );
    }
}

/// A relay on 127.0.0.1 that delays every message by `one_way` in each direction.
/// It stops when dropped.
pub(crate) struct Relay {
    addrs: Vec<SocketAddr>,
    one_way: Duration,
    line: Arc<DelayLine>,
    line_thread: Option<JoinHandle<()>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    io_thread: Option<JoinHandle<()>>,
}

impl Relay {
    /// TCP relays, one front port for each of `upstreams` (in that order).
    pub(crate) fn tcp(upstreams: &[SocketAddr], one_way: Duration) -> io::Result<Relay> {
        let listeners = upstreams
            .iter()
            .map(|upstream| {
                let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
                Ok((listener, *upstream))
            })
            .collect::<io::Result<Vec<_>>>()?;
        Self::start(listeners, None, one_way)
    }

    /// UDP and TCP on one front port, both to `upstream` (a DNS server).
    pub(crate) fn udp_and_tcp(upstream: SocketAddr, one_way: Duration) -> io::Result<Relay> {
        let (udp, tcp) = bind_same_port()?;
        Self::start(vec![(tcp, upstream)], Some((udp, upstream)), one_way)
    }

    fn start(
        listeners: Vec<(std::net::TcpListener, SocketAddr)>,
        udp: Option<(std::net::UdpSocket, SocketAddr)>,
        one_way: Duration,
    ) -> io::Result<Relay> {
        let addrs = listeners
            .iter()
            .map(|(listener, _)| listener.local_addr())
            .collect::<io::Result<Vec<_>>>()?;
        for (listener, _) in &listeners {
            listener.set_nonblocking(true)?;
        }
        if let Some((socket, _)) = &udp {
            socket.set_nonblocking(true)?;
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (line, line_thread) = DelayLine::start()?;
        let link = Link {
            line: Arc::clone(&line),
            one_way,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let io_thread = std::thread::Builder::new()
            .name(format!(
                "relay-{}",
                addrs.first().map_or(0, SocketAddr::port)
            ))
            .spawn(move || {
                runtime.block_on(async move {
                    for (listener, upstream) in listeners {
                        match TcpListener::from_std(listener) {
                            Ok(listener) => {
                                tokio::spawn(serve_tcp(listener, upstream, link.clone()));
                            }
                            Err(error) => eprintln!("relay: cannot register a listener: {error}"),
                        }
                    }
                    if let Some((socket, upstream)) = udp {
                        match UdpSocket::from_std(socket) {
                            Ok(socket) => {
                                tokio::spawn(serve_udp(socket, upstream, link.clone()));
                            }
                            Err(error) => eprintln!("relay: cannot register a socket: {error}"),
                        }
                    }
                    // A stop request or the handle being dropped ends every task.
                    let _ = stopped.await;
                });
            })?;
        Ok(Relay {
            addrs,
            one_way,
            line,
            line_thread: Some(line_thread),
            stop: Some(stop),
            io_thread: Some(io_thread),
        })
    }

    /// The (first) front address: where clients connect.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addrs
            .first()
            .copied()
            .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
    }

    /// Every front address, in the order of the upstreams.
    pub(crate) fn addrs(&self) -> &[SocketAddr] {
        &self.addrs
    }

    /// The delay each message waits in each direction.
    pub(crate) fn one_way(&self) -> Duration {
        self.one_way
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.io_thread.take() {
            let _ = thread.join();
        }
        self.line.stop();
        if let Some(thread) = self.line_thread.take() {
            let _ = thread.join();
        }
    }
}

/// Accepts clients and relays each to `upstream`.
async fn serve_tcp(listener: TcpListener, upstream: SocketAddr, link: Link) {
    while let Ok((client, _)) = listener.accept().await {
        tokio::spawn(relay_tcp(client, upstream, link.clone()));
    }
}

/// A chunk of a stream, or its end.
type Chunk = Option<Vec<u8>>;

async fn relay_tcp(client: TcpStream, upstream: SocketAddr, link: Link) {
    // The relay's own writes are delayed already; Nagle's algorithm must not add more.
    let _ = client.set_nodelay(true);
    let (client_read, client_write) = client.into_split();
    let (to_server, server_bound) = unbounded_channel::<Chunk>();
    let (to_client, client_bound) = unbounded_channel::<Chunk>();
    tokio::spawn(write_out(client_write, client_bound));
    let answer_link = link.clone();
    // The client's first bytes are read (and their delay starts) while this connects.
    tokio::spawn(async move {
        let Ok(server) = TcpStream::connect(upstream).await else {
            // Nothing listens upstream: the client sees its connection closed.
            answer_link.forward(&to_client, None);
            return;
        };
        let _ = server.set_nodelay(true);
        let (server_read, server_write) = server.into_split();
        tokio::spawn(pump(server_read, to_client, answer_link));
        write_out(server_write, server_bound).await;
    });
    pump(client_read, to_server, link).await;
}

/// Reads `from` until it ends, forwarding each chunk (and then the end) one delay later.
async fn pump(mut from: OwnedReadHalf, to: UnboundedSender<Chunk>, link: Link) {
    let mut buffer = Vec::with_capacity(BUFFER);
    loop {
        buffer.clear();
        let chunk = match from.read_buf(&mut buffer).await {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(buffer.clone()),
        };
        let end = chunk.is_none();
        link.forward(&to, chunk);
        if end {
            return;
        }
    }
}

/// Writes the chunks that arrive to `to`; at the end (or when the sender is gone),
/// dropping the write half sends a FIN.
async fn write_out(mut to: OwnedWriteHalf, mut chunks: UnboundedReceiver<Chunk>) {
    while let Some(Some(bytes)) = chunks.recv().await {
        if to.write_all(&bytes).await.is_err() {
            return;
        }
    }
}

/// The relay's UDP sessions: per client address, an id and the outlet toward upstream.
type Sessions = Arc<Mutex<HashMap<SocketAddr, (u64, UnboundedSender<Vec<u8>>)>>>;

/// Relays datagrams between clients on `front` and `upstream`.
async fn serve_udp(front: UdpSocket, upstream: SocketAddr, link: Link) {
    let front = Arc::new(front);
    let (to_clients, mut answers) = unbounded_channel::<(Vec<u8>, SocketAddr)>();
    let sender = Arc::clone(&front);
    tokio::spawn(async move {
        while let Some((datagram, client)) = answers.recv().await {
            let _ = sender.send_to(&datagram, client).await;
        }
    });
    let sessions = Sessions::default();
    let mut next_id = 0u64;
    let mut buffer = vec![0u8; BUFFER];
    loop {
        let Ok((n, client)) = front.recv_from(&mut buffer).await else {
            continue;
        };
        let datagram = buffer.get(..n).map(<[u8]>::to_vec).unwrap_or_default();
        let existing = lock(&sessions)
            .get(&client)
            .map(|(_, outlet)| outlet.clone());
        let outlet = match existing {
            Some(outlet) => outlet,
            None => {
                next_id += 1;
                match open_session(client, upstream, next_id, &link, &to_clients, &sessions) {
                    Ok(outlet) => outlet,
                    Err(error) => {
                        eprintln!("relay: no socket for {client}: {error}");
                        continue;
                    }
                }
            }
        };
        link.forward(&outlet, datagram);
    }
}

/// A socket of the relay's own for `client`, connected to `upstream`, with a task that
/// sends what arrives on the returned outlet and relays the answers back. The session
/// leaves the map when idle, and ends once nothing scheduled can reach it any more.
fn open_session(
    client: SocketAddr,
    upstream: SocketAddr,
    id: u64,
    link: &Link,
    to_clients: &UnboundedSender<(Vec<u8>, SocketAddr)>,
    sessions: &Sessions,
) -> io::Result<UnboundedSender<Vec<u8>>> {
    let socket = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))?;
    socket.connect(upstream)?;
    socket.set_nonblocking(true)?;
    let socket = UdpSocket::from_std(socket)?;
    let (outlet, mut datagrams) = unbounded_channel::<Vec<u8>>();
    lock(sessions).insert(client, (id, outlet.clone()));
    let link = link.clone();
    let to_clients = to_clients.clone();
    let sessions = Arc::clone(sessions);
    let idle = UDP_IDLE + 2 * link.one_way;
    tokio::spawn(async move {
        let mut buffer = Vec::with_capacity(BUFFER);
        let mut open = true;
        while open {
            buffer.clear();
            tokio::select! {
                datagram = datagrams.recv() => match datagram {
                    Some(datagram) => {
                        let _ = socket.send(&datagram).await;
                    }
                    // Out of the map and every scheduled datagram delivered: answers to
                    // the last ones may still come, for one more idle period.
                    None => open = false,
                },
                answer = tokio::time::timeout(idle, socket.recv_buf(&mut buffer)) => match answer {
                    Ok(Ok(_)) => link.forward(&to_clients, (buffer.clone(), client)),
                    Ok(Err(_)) => {}
                    Err(_idle) => {
                        let mut map = lock(&sessions);
                        if map.get(&client).is_some_and(|(current, _)| *current == id) {
                            map.remove(&client);
                        }
                    }
                },
            }
        }
        buffer.clear();
        while let Ok(Ok(_)) = tokio::time::timeout(idle, socket.recv_buf(&mut buffer)).await {
            link.forward(&to_clients, (buffer.clone(), client));
            buffer.clear();
        }
    });
    Ok(outlet)
}

/// A test server behind a [`Relay`]: clients use [`Delayed::addr`], never the server's
/// own address.
pub(crate) struct Delayed<S> {
    relay: Relay,
    /// The server itself (its query log, its knobs, what it received).
    pub server: S,
}

impl<S> Delayed<S> {
    /// Where clients connect (the relay).
    pub(crate) fn addr(&self) -> SocketAddr {
        self.relay.addr()
    }

    /// Every front address (one per host of a fleet).
    pub(crate) fn addrs(&self) -> &[SocketAddr] {
        self.relay.addrs()
    }

    /// The delay in each direction.
    pub(crate) fn one_way(&self) -> Duration {
        self.relay.one_way()
    }
}

impl Delayed<KmsHost> {
    /// A conforming test KMS host answering `count`, `one_way` away.
    pub(crate) fn kms_host(count: u32, one_way: Duration) -> io::Result<Self> {
        let server = KmsHost::start(count)?;
        let relay = Relay::tcp(&[server.addr()], one_way)?;
        Ok(Delayed { relay, server })
    }
}

impl Delayed<BindFleet> {
    /// `hosts` bind-only hosts, each `one_way` away on a front port of its own.
    pub(crate) fn bind_fleet(hosts: usize, one_way: Duration) -> io::Result<Self> {
        let server = BindFleet::start(hosts)?;
        let upstreams: Vec<SocketAddr> = server
            .ports()
            .iter()
            .map(|port| SocketAddr::from((Ipv4Addr::LOCALHOST, *port)))
            .collect();
        let relay = Relay::tcp(&upstreams, one_way)?;
        Ok(Delayed { relay, server })
    }
}

impl Delayed<DnsServer> {
    /// The in-process DNS server serving `zones`, `one_way` away over UDP and TCP.
    pub(crate) fn dns_server(zones: &[Zone], one_way: Duration) -> io::Result<Self> {
        let server = DnsServer::start(zones)?;
        let relay = Relay::udp_and_tcp(server.addr(), one_way)?;
        Ok(Delayed { relay, server })
    }
}

impl Delayed<NamedServer> {
    /// BIND 9 serving `zones`, `one_way` away over UDP and TCP.
    pub(crate) fn named(zones: &[Zone], one_way: Duration) -> io::Result<Self> {
        let server = NamedServer::start(zones)?;
        let relay = Relay::udp_and_tcp(server.addr(), one_way)?;
        Ok(Delayed { relay, server })
    }
}

/// An SRV query for `name` (absolute, with the final dot) advertising a 1232-octet UDP
/// payload (EDNS), as vlmgr's resolver sends it: for timing a round trip by hand.
pub(crate) fn srv_query(id: u16, name: &str) -> io::Result<Vec<u8>> {
    let name = Name::from_ascii(name)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("{name}: {e}")))?;
    let mut edns = Edns::new();
    edns.set_max_payload(1232);
    let mut message = Message::new();
    message
        .set_id(id)
        .set_message_type(MessageType::Query)
        .add_query(Query::query(name, RecordType::SRV))
        .set_edns(edns);
    message.to_vec().map_err(io::Error::other)
}
