//! A UDP name server that misbehaves on cue: in front of the in-process server
//! ([`DnsServer`]), it decides for each query it receives whether to drop it, forward it
//! and send the real answer back (at once or late), or send bytes of its own making
//! ([`malformed`] builds the broken answers). Queries are counted and logged by name and
//! type, so a test can see a retransmission arrive.
#![allow(dead_code)]

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use hickory_server::proto::op::Message;

use super::dns::{DnsServer, Zone};

/// One query as the scripted server received it.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    /// How many queries came before it (any name and type).
    pub index: usize,
    /// The name asked, lower-case, without the final dot.
    pub name: String,
    /// "SRV", "A", "AAAA", ...
    pub record_type: String,
    /// The query as sent.
    pub bytes: Vec<u8>,
}

/// What the server does with a query.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// Nothing: the query is lost.
    Drop,
    /// The in-process server's answer, `delay` after the query arrived.
    Answer { delay: Duration },
    /// These bytes instead of an answer (built from the query), at once.
    Send(Vec<u8>),
}

type Script = Box<dyn Fn(&Received) -> Action + Send>;

/// A running scripted server; it stops when dropped.
pub(crate) struct ScriptedDns {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    upstream: DnsServer,
}

impl ScriptedDns {
    /// Serves `zones` on 127.0.0.1 (UDP only), doing with each query what `script` says.
    pub(crate) fn start(
        zones: &[Zone],
        script: impl Fn(&Received) -> Action + Send + 'static,
    ) -> std::io::Result<ScriptedDns> {
        let upstream = DnsServer::start(zones)?;
        let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))?;
        // Wakes the loop now and then to see whether the test is over.
        socket.set_read_timeout(Some(Duration::from_millis(100)))?;
        let addr = socket.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let serve = Serve {
            socket,
            upstream: upstream.addr(),
            script: Box::new(script),
            log: Arc::clone(&log),
            stop: Arc::clone(&stop),
        };
        let thread = std::thread::Builder::new()
            .name(format!("scripted-dns-{addr}"))
            .spawn(move || serve.run())?;
        Ok(ScriptedDns {
            addr,
            log,
            stop,
            thread: Some(thread),
            upstream,
        })
    }

    /// The address to send queries to (`--dns-server`).
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many queries of `record_type` for `name` arrived.
    pub(crate) fn count(&self, name: &str, record_type: &str) -> usize {
        lock(&self.log)
            .iter()
            .filter(|query| query.name == name && query.record_type == record_type)
            .count()
    }
}

impl Drop for ScriptedDns {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

struct Serve {
    socket: UdpSocket,
    upstream: SocketAddr,
    script: Script,
    log: Arc<Mutex<Vec<Received>>>,
    stop: Arc<AtomicBool>,
}

impl Serve {
    fn run(self) {
        let mut buffer = [0u8; 4096];
        while !self.stop.load(Ordering::SeqCst) {
            let Ok((length, peer)) = self.socket.recv_from(&mut buffer) else {
                continue;
            };
            let bytes = buffer[..length].to_vec();
            let Ok(query) = Message::from_vec(&bytes) else {
                continue;
            };
            let Some(question) = query.queries().first() else {
                continue;
            };
            let name = question.name().to_string().to_ascii_lowercase();
            let received = Received {
                index: lock(&self.log).len(),
                name: name.strip_suffix('.').unwrap_or(&name).to_owned(),
                record_type: question.query_type().to_string(),
                bytes,
            };
            lock(&self.log).push(received.clone());
            let Ok(socket) = self.socket.try_clone() else {
                continue;
            };
            let upstream = self.upstream;
            match (self.script)(&received) {
                Action::Drop => {}
                Action::Send(reply) => {
                    let _ = socket.send_to(&reply, peer);
                }
                // A thread per late answer: a test sends a handful of queries.
                Action::Answer { delay } => {
                    std::thread::spawn(move || {
                        let Some(answer) = ask(upstream, &received.bytes) else {
                            return;
                        };
                        std::thread::sleep(delay);
                        let _ = socket.send_to(&answer, peer);
                    });
                }
            }
        }
    }
}

/// The in-process server's answer to `query`.
fn ask(upstream: SocketAddr, query: &[u8]) -> Option<Vec<u8>> {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).ok()?;
    socket.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    socket.send_to(query, upstream).ok()?;
    let mut buffer = [0u8; 4096];
    let (length, _) = socket.recv_from(&mut buffer).ok()?;
    Some(buffer[..length].to_vec())
}

/// A well-formed answer to the SRV `query` with one record (priority 0, weight 0, `port`)
/// per target, each target's labels as raw bytes: DNS allows any byte in a label.
pub(crate) fn srv_answer(query: &[u8], port: u16, targets: &[&[&[u8]]]) -> Vec<u8> {
    use hickory_server::proto::op::MessageType;
    use hickory_server::proto::rr::rdata::SRV;
    use hickory_server::proto::rr::{Name, RData, Record};
    let Ok(asked) = Message::from_vec(query) else {
        return Vec::new();
    };
    let Some(question) = asked.queries().first() else {
        return Vec::new();
    };
    let mut answer = Message::new();
    answer
        .set_id(asked.id())
        .set_message_type(MessageType::Response)
        .set_recursion_desired(true)
        .set_authoritative(true)
        .add_query(question.clone());
    for labels in targets {
        let Ok(target) = Name::from_labels(labels.iter().copied()) else {
            return Vec::new();
        };
        let srv = SRV::new(0, 0, port, target);
        answer.add_answer(Record::from_rdata(
            question.name().clone(),
            60,
            RData::SRV(srv),
        ));
    }
    answer.to_vec().unwrap_or_default()
}

/// Broken answers to a query, built from its bytes (ID and question copied unless the
/// case is about them).
pub(crate) mod malformed {
    use hickory_server::proto::op::{Message, MessageType, Query};
    use hickory_server::proto::rr::{Name, RecordType};

    /// The header of an answer to `query` with `answers` records, and its question.
    fn answer_head(query: &[u8], answers: u16) -> Vec<u8> {
        let question_end = 12 + question_length(query);
        let mut bytes = query[..question_end].to_vec();
        bytes[2] = 0x81; // QR, RD
        bytes[3] = 0x80; // RA, NOERROR
        bytes[4..6].copy_from_slice(&1u16.to_be_bytes());
        bytes[6..8].copy_from_slice(&answers.to_be_bytes());
        bytes[8..12].fill(0);
        bytes
    }

    /// The length of the question section (one question) of `query`.
    fn question_length(query: &[u8]) -> usize {
        let mut at = 12;
        while let Some(&length) = query.get(at) {
            at += 1 + usize::from(length);
            if length == 0 {
                break;
            }
        }
        at + 4 - 12
    }

    /// TYPE, CLASS IN, TTL 60, RDLENGTH and RDATA.
    fn record_tail(record_type: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = record_type.to_be_bytes().to_vec();
        bytes.extend_from_slice(&1u16.to_be_bytes());
        bytes.extend_from_slice(&60u32.to_be_bytes());
        bytes.extend_from_slice(&u16::try_from(data.len()).unwrap_or(0).to_be_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    /// An answer record whose owner name is a compression pointer to itself.
    pub(crate) fn compression_loop(query: &[u8]) -> Vec<u8> {
        let mut bytes = answer_head(query, 1);
        let here = u16::try_from(bytes.len()).unwrap_or(0);
        bytes.extend_from_slice(&(0xC000 | here).to_be_bytes());
        bytes.extend(record_tail(1, &[127, 0, 0, 1]));
        bytes
    }

    /// An answer record whose owner name is 320 octets long (the limit is 255).
    pub(crate) fn overlong_name(query: &[u8]) -> Vec<u8> {
        let mut bytes = answer_head(query, 1);
        for _ in 0..5 {
            bytes.push(63);
            bytes.extend_from_slice(&[b'a'; 63]);
        }
        bytes.push(0);
        bytes.extend(record_tail(1, &[127, 0, 0, 1]));
        bytes
    }

    /// An A record with three octets of address.
    pub(crate) fn three_byte_a(query: &[u8]) -> Vec<u8> {
        let mut bytes = answer_head(query, 1);
        bytes.extend_from_slice(&0xC00Cu16.to_be_bytes()); // the question's name
        bytes.extend(record_tail(1, &[127, 0, 0]));
        bytes
    }

    /// A well-formed empty answer to `query`, but with another ID.
    pub(crate) fn wrong_id(query: &[u8]) -> Vec<u8> {
        let mut bytes = answer_head(query, 0);
        bytes[0] ^= 0x5A;
        bytes
    }

    /// A well-formed empty answer with the query's ID to another question.
    pub(crate) fn wrong_question(query: &[u8]) -> Vec<u8> {
        let Ok(asked) = Message::from_vec(query) else {
            return Vec::new();
        };
        let Ok(other) = Name::from_ascii("_vlmcs._tcp.elsewhere.test.") else {
            return Vec::new();
        };
        let mut answer = Message::new();
        answer
            .set_id(asked.id())
            .set_message_type(MessageType::Response)
            .set_recursion_desired(true)
            .add_query(Query::query(other, RecordType::SRV));
        answer.to_vec().unwrap_or_default()
    }
}
