//! A test KMS host on 127.0.0.1 (tests only: vlmgr contains no KMS host).
//!
//! Built on `host_codec`: it decodes binds and requests with vlmgr's RPC decoder and the
//! host-side KMS codec, and answers V4/V5/V6 like vlmcsd. Knobs set the count (which may
//! rise with each request), the intervals, an error HRESULT, NDR32 rejection, and one
//! misbehaviour. It records what it received so tests can check, for example, that only
//! one request was sent.
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use vlmgr::protocol::HResult;
use vlmgr::protocol::rpc::{self, ClientPdu, PDU_HEADER_LEN, ResponseBody};

use super::host_codec::{
    DecodedRequest, HostAnswer, bind_results, decode_kms_request, encode_alter_context_resp,
    encode_bind_ack, encode_bind_nak, encode_fault, encode_kms_response, encode_response_pdu,
};

/// What the host does wrong, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Misbehaviour {
    /// Nothing: a conforming host.
    None,
    /// Answer the bind with a bind_nak.
    BindNak,
    /// Answer the bind with a fault PDU.
    FaultOnBind,
    /// Answer the request with a fault PDU (nca_unk_if).
    FaultOnRequest,
    /// Send the bind_ack, then close when the request arrives.
    CloseAfterBind,
    /// Accept the connection and never send anything.
    SilentAfterConnect,
    /// Send a valid bind_ack one byte every 400 ms.
    SlowDrip,
    /// Answer the bind with bytes that are not a PDU.
    Garbage,
    /// Answer the bind with a header announcing a 60000-byte PDU.
    OversizedLength,
    /// Answer the request with call id 3 instead of 2.
    WrongCallId,
    /// Answer the request with a response for another CMID.
    OtherCmid,
    /// Corrupt one byte of the encrypted/MACed response message.
    CorruptMessage,
    /// Accept, wait for the client's first bytes, and close without reading them: the
    /// kernel answers with a reset.
    ResetAfterConnect,
    /// At this step, read only the PDU header and close: a reset (unread bytes).
    Reset(Step),
    /// At this step, read the PDU and never answer (hold the connection).
    Stall(Step),
    /// At this step, send the right answer one byte a second.
    Drip(Step),
    /// At this step, send the right answer after a pause (a slow but working host).
    Late(Step, Duration),
    /// At this step, answer with `Some(n)` bytes of garbage (then hold), or with garbage
    /// until the client closes (`None`).
    Flood(Step, Option<usize>),
    /// At this step, answer with a header announcing 1,000 bytes, send 10, and hold.
    ShortBody(Step),
    /// At this step, answer with a header whose fragment length (8) is below the header
    /// size.
    TinyLength(Step),
    /// Answer the alter_context with a fault PDU.
    FaultOnAlterContext,
    /// Echo a request time one day older than the request's; the answer is otherwise
    /// valid (encrypted, hashed and MACed over that time).
    OldTimestamp,
    /// V6: key the HMAC with a time slot 5 slots (about 20 hours) away, outside the
    /// client's tolerance of one slot.
    StaleHmacSlot,
    /// Answer every request after the first successful one with that one's response
    /// message, byte for byte: a replay of an earlier run.
    Replay,
}

/// A step of the exchange, as the host sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The bind PDU.
    Bind,
    /// The alter_context PDU (the client sends one when the bind accepted no usable
    /// transfer syntax; set [`Knobs::reject_bind_syntaxes`]).
    AlterContext,
    /// The request PDU.
    Request,
}

impl Step {
    /// The step a PDU header's packet type stands for.
    fn of_header(header: &[u8]) -> Option<Step> {
        match header.get(2) {
            Some(11) => Some(Step::Bind),
            Some(14) => Some(Step::AlterContext),
            Some(0) => Some(Step::Request),
            _ => None,
        }
    }
}

/// The host's behaviour; every field can be changed while the host runs.
pub(crate) struct Knobs {
    /// Count answered.
    pub count: AtomicU32,
    /// Added to the count after each answered request.
    pub count_step: AtomicU32,
    /// VLActivationInterval (minutes).
    pub activation_interval: AtomicU32,
    /// VLRenewalInterval (minutes).
    pub renewal_interval: AtomicU32,
    /// When non-zero, the HRESULT answered instead of a message.
    pub host_error: AtomicU32,
    /// Reject NDR32 and accept NDR64 when both are offered (as vlmcsd may).
    pub prefer_ndr64: AtomicBool,
    /// Reject both NDR32 and NDR64 in the bind, so the client must alter_context.
    pub reject_bind_syntaxes: AtomicBool,
    /// The misbehaviour.
    pub misbehaviour: Mutex<Misbehaviour>,
    /// The ePID answered (a hostile host may put anything UTF-16 in it).
    pub epid: Mutex<String>,
    /// The first successful response message, kept for [`Misbehaviour::Replay`].
    pub replayed: Mutex<Option<Vec<u8>>>,
}

/// What the host saw.
#[derive(Debug, Default, Clone)]
pub(crate) struct Received {
    /// Connections accepted.
    pub connections: u32,
    /// Bind PDUs received.
    pub binds: u32,
    /// alter_context PDUs received.
    pub alter_contexts: u32,
    /// Call ids of every bind, alter_context and request, in order.
    pub call_ids: Vec<u32>,
    /// Every KMS request decoded, in order.
    pub requests: Vec<DecodedRequest>,
    /// When each of `requests` arrived.
    pub request_times: Vec<Instant>,
    /// Request PDUs whose KMS message did not decode.
    pub bad_requests: u32,
}

/// The running host. It stops accepting when dropped.
pub(crate) struct KmsHost {
    addr: SocketAddr,
    pub knobs: Arc<Knobs>,
    received: Arc<Mutex<Received>>,
    stop: Arc<AtomicBool>,
}

/// The ePID the test host answers with.
pub(crate) const TEST_EPID: &str = "03612-00206-556-123727-03-1033-17763.0000-2972018";
/// The HwId the test host answers with (V6).
pub(crate) const TEST_HWID: [u8; 8] = [0x3A, 0x1C, 0x04, 0x96, 0x00, 0xB6, 0x00, 0x76];

impl KmsHost {
    /// Starts a conforming host answering `count`, on an ephemeral port.
    pub(crate) fn start(count: u32) -> io::Result<KmsHost> {
        Self::start_with(count, Misbehaviour::None)
    }

    /// Starts a host with a misbehaviour.
    pub(crate) fn start_with(count: u32, misbehaviour: Misbehaviour) -> io::Result<KmsHost> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let knobs = Arc::new(Knobs {
            count: AtomicU32::new(count),
            count_step: AtomicU32::new(0),
            activation_interval: AtomicU32::new(120),
            renewal_interval: AtomicU32::new(10_080),
            host_error: AtomicU32::new(0),
            prefer_ndr64: AtomicBool::new(false),
            reject_bind_syntaxes: AtomicBool::new(false),
            misbehaviour: Mutex::new(misbehaviour),
            epid: Mutex::new(TEST_EPID.to_owned()),
            replayed: Mutex::new(None),
        });
        let received = Arc::new(Mutex::new(Received::default()));
        let stop = Arc::new(AtomicBool::new(false));
        {
            let knobs = Arc::clone(&knobs);
            let received = Arc::clone(&received);
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    lock(&received).connections += 1;
                    let knobs = Arc::clone(&knobs);
                    let received = Arc::clone(&received);
                    thread::spawn(move || {
                        let _ = serve(stream, &knobs, &received);
                    });
                }
            });
        }
        Ok(KmsHost {
            addr,
            knobs,
            received,
            stop,
        })
    }

    /// Where it listens.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT` for `--kms` / `skms`.
    pub(crate) fn address_arg(&self) -> String {
        self.addr.to_string()
    }

    /// A copy of what it received so far.
    pub(crate) fn received(&self) -> Received {
        lock(&self.received).clone()
    }

    /// How many KMS requests arrived.
    pub(crate) fn requests(&self) -> usize {
        lock(&self.received).requests.len()
    }

    /// Sets the misbehaviour.
    pub(crate) fn misbehave(&self, misbehaviour: Misbehaviour) {
        *lock(&self.knobs.misbehaviour) = misbehaviour;
    }
}

impl Drop for KmsHost {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Reads and ignores whatever comes until the client closes (or 30 s pass).
fn hold(mut stream: TcpStream) -> io::Result<()> {
    let mut sink = [0u8; 512];
    while stream.read(&mut sink)? > 0 {}
    Ok(())
}

/// Sends `bytes` one at a time, `pause` apart.
fn drip(stream: &mut TcpStream, bytes: &[u8], pause: Duration) -> io::Result<()> {
    for byte in bytes {
        stream.write_all(&[*byte])?;
        thread::sleep(pause);
    }
    Ok(())
}

fn serve(mut stream: TcpStream, knobs: &Knobs, received: &Mutex<Received>) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let misbehaviour = *lock(&knobs.misbehaviour);
    match misbehaviour {
        Misbehaviour::SilentAfterConnect => return hold(stream),
        Misbehaviour::ResetAfterConnect => {
            // Closing with the client's bind unread makes the kernel send a reset.
            let mut first = [0u8; 1];
            stream.peek(&mut first)?;
            return Ok(());
        }
        _ => {}
    }
    loop {
        let mut header = [0u8; PDU_HEADER_LEN];
        stream.read_exact(&mut header)?;
        let step = Step::of_header(&header);
        if let (Misbehaviour::Reset(at), Some(step)) = (misbehaviour, step)
            && at == step
        {
            // The rest of the PDU is unread: closing now sends a reset.
            return Ok(());
        }
        let len = rpc::pdu_frame_len(&header)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?
            .unwrap_or(PDU_HEADER_LEN);
        let mut bytes = header.to_vec();
        bytes.resize(len, 0);
        stream.read_exact(&mut bytes[PDU_HEADER_LEN..])?;
        let pdu = rpc::decode_client_pdu(&bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let Some(answer) = answer(pdu, misbehaviour, knobs, received) else {
            let _ = stream.shutdown(Shutdown::Both);
            return Ok(());
        };
        match misbehaviour {
            Misbehaviour::Stall(at) if Some(at) == step => return hold(stream),
            Misbehaviour::Drip(at) if Some(at) == step => {
                drip(&mut stream, &answer, Duration::from_secs(1))?;
            }
            Misbehaviour::Late(at, pause) if Some(at) == step => {
                thread::sleep(pause);
                stream.write_all(&answer)?;
            }
            Misbehaviour::SlowDrip if step == Some(Step::Bind) => {
                drip(&mut stream, &answer, Duration::from_millis(400))?;
            }
            Misbehaviour::Flood(at, amount) if Some(at) == step => {
                let chunk = [0x5Au8; 4096];
                match amount {
                    Some(total) => {
                        let mut left = total;
                        while left > 0 {
                            let n = left.min(chunk.len());
                            stream.write_all(&chunk[..n])?;
                            left -= n;
                        }
                        return hold(stream);
                    }
                    // Until the client closes (the write then fails).
                    None => loop {
                        stream.write_all(&chunk)?;
                    },
                }
            }
            Misbehaviour::ShortBody(at) if Some(at) == step => {
                let mut lie = answer.get(..PDU_HEADER_LEN).unwrap_or_default().to_vec();
                if let Some(frag_len) = lie.get_mut(8..10) {
                    frag_len.copy_from_slice(&1000u16.to_le_bytes());
                }
                lie.extend_from_slice(&[0u8; 10]);
                stream.write_all(&lie)?;
                return hold(stream);
            }
            Misbehaviour::TinyLength(at) if Some(at) == step => {
                let mut lie = answer.clone();
                if let Some(frag_len) = lie.get_mut(8..10) {
                    frag_len.copy_from_slice(&8u16.to_le_bytes());
                }
                stream.write_all(&lie)?;
                return hold(stream);
            }
            _ => stream.write_all(&answer)?,
        }
    }
}

/// What a conforming host (or one with a message-level misbehaviour) answers to `pdu`;
/// `None` to close the connection.
fn answer(
    pdu: ClientPdu,
    misbehaviour: Misbehaviour,
    knobs: &Knobs,
    received: &Mutex<Received>,
) -> Option<Vec<u8>> {
    match pdu {
        ClientPdu::Bind(bind) => {
            {
                let mut log = lock(received);
                log.binds += 1;
                log.call_ids.push(bind.call_id);
            }
            Some(match misbehaviour {
                Misbehaviour::BindNak => encode_bind_nak(bind.call_id, 4),
                Misbehaviour::FaultOnBind => encode_fault(bind.call_id, 0x1c01_0003),
                Misbehaviour::Garbage => b"HTTP/1.1 400 Bad Request\r\n\r\n".to_vec(),
                Misbehaviour::OversizedLength => {
                    let mut header = encode_bind_nak(bind.call_id, 0);
                    header[8..10].copy_from_slice(&60_000u16.to_le_bytes());
                    header
                }
                _ => {
                    let mut results =
                        bind_results(&bind, knobs.prefer_ndr64.load(Ordering::SeqCst));
                    if knobs.reject_bind_syntaxes.load(Ordering::SeqCst) {
                        for result in results.iter_mut().take(2) {
                            result.result = rpc::AckResult::ProviderRejection;
                            result.reason = 2;
                        }
                    }
                    encode_bind_ack(bind.call_id, 0x1063_bf3f, b"1688\0", &results)
                }
            })
        }
        ClientPdu::AlterContext(alter) => {
            {
                let mut log = lock(received);
                log.alter_contexts += 1;
                log.call_ids.push(alter.call_id);
            }
            if misbehaviour == Misbehaviour::FaultOnAlterContext {
                return Some(encode_fault(alter.call_id, 0x1c01_0003));
            }
            let results = bind_results(&alter, false);
            Some(encode_alter_context_resp(
                alter.call_id,
                0x1063_bf3f,
                &results,
            ))
        }
        ClientPdu::Request(request) => {
            lock(received).call_ids.push(request.call_id);
            if misbehaviour == Misbehaviour::CloseAfterBind {
                return None;
            }
            if misbehaviour == Misbehaviour::FaultOnRequest {
                return Some(encode_fault(request.call_id, 0x1c01_0003));
            }
            let decoded = match decode_kms_request(&request.kms_message) {
                Ok(decoded) => decoded,
                Err(_) => {
                    lock(received).bad_requests += 1;
                    let body = ResponseBody::HostError(HResult::INVALID_DATA);
                    return Some(encode_response_pdu(
                        request.call_id,
                        request.context_id,
                        request.syntax,
                        &body,
                    ));
                }
            };
            {
                let mut received = lock(received);
                received.requests.push(decoded.clone());
                received.request_times.push(Instant::now());
            }
            let error = knobs.host_error.load(Ordering::SeqCst);
            let body = if error != 0 {
                ResponseBody::HostError(HResult(error))
            } else {
                ResponseBody::Message(kms_message(&decoded, misbehaviour, knobs))
            };
            let call_id = if misbehaviour == Misbehaviour::WrongCallId {
                request.call_id + 1
            } else {
                request.call_id
            };
            Some(encode_response_pdu(
                call_id,
                request.context_id,
                request.syntax,
                &body,
            ))
        }
    }
}

/// The KMS response message to `decoded`, spoilt as `misbehaviour` says.
fn kms_message(decoded: &DecodedRequest, misbehaviour: Misbehaviour, knobs: &Knobs) -> Vec<u8> {
    if misbehaviour == Misbehaviour::Replay
        && let Some(earlier) = lock(&knobs.replayed).clone()
    {
        return earlier;
    }
    let count = knobs
        .count
        .fetch_add(knobs.count_step.load(Ordering::SeqCst), Ordering::SeqCst);
    let answer = HostAnswer {
        epid: lock(&knobs.epid).clone(),
        count,
        activation_interval_minutes: knobs.activation_interval.load(Ordering::SeqCst),
        renewal_interval_minutes: knobs.renewal_interval.load(Ordering::SeqCst),
        hwid: TEST_HWID,
        random: rand::random(),
        response_iv: rand::random(),
        hmac_slot_offset: if misbehaviour == Misbehaviour::StaleHmacSlot {
            -5
        } else {
            0
        },
    };
    let mut echoed = decoded.clone();
    match misbehaviour {
        Misbehaviour::OtherCmid => echoed.base.cmid = uuid::Uuid::new_v4(),
        // One day earlier, in 100 ns units.
        Misbehaviour::OldTimestamp => {
            echoed.base.client_time.0 = echoed.base.client_time.0.saturating_sub(864_000_000_000);
        }
        _ => {}
    }
    let mut message = encode_kms_response(&echoed, &answer);
    if misbehaviour == Misbehaviour::CorruptMessage {
        let middle = message.len() / 2;
        message[middle] ^= 0x40;
    }
    if misbehaviour == Misbehaviour::Replay {
        *lock(&knobs.replayed) = Some(message.clone());
    }
    message
}

/// A port where TCP connects hang: a listener with backlog 1 that never accepts, its
/// queue filled by pre-connected sockets, so further SYNs are dropped by the kernel.
pub(crate) struct SynDropper {
    addr: SocketAddr,
    _listener: std::net::TcpListener,
    _fillers: Vec<TcpStream>,
}

impl SynDropper {
    /// Creates it and fills its accept queue.
    pub(crate) fn start() -> io::Result<SynDropper> {
        let socket = tokio_socket_listen_backlog_1()?;
        let addr = socket.local_addr()?;
        let mut fillers = Vec::new();
        let mut hangs = false;
        // The queue holds backlog + 1 connections on Linux; stop once a connect hangs.
        for _ in 0..16 {
            match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
                Ok(stream) => fillers.push(stream),
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    hangs = true;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if !hangs {
            return Err(io::Error::other(
                "the accept queue never filled: connects to the SYN dropper still complete",
            ));
        }
        Ok(SynDropper {
            addr,
            _listener: socket,
            _fillers: fillers,
        })
    }

    /// Where it listens.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

/// A std listener bound to an ephemeral 127.0.0.1 port with a listen backlog of 1
/// (std's own `bind` uses 128), made through tokio's `TcpSocket` on a throwaway runtime.
fn tokio_socket_listen_backlog_1() -> io::Result<std::net::TcpListener> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind("127.0.0.1:0".parse().map_err(io::Error::other)?)?;
        let listener = socket.listen(1)?;
        listener.into_std()
    })
}

/// Running the real binary against test hosts: a temp state dir with Windows Pro installed.
pub(crate) mod cli {
    use std::path::{Path, PathBuf};
    use std::process::Output;

    use assert_cmd::Command;

    use crate::support::wine::StartRetrying;

    /// GVLK of Windows 10/11 Pro (N_Policy 25, protocol 6).
    pub(crate) const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";
    /// Its Activation ID.
    pub(crate) const PRO_ID: &str = "2de67392-b7a7-462a-b1ca-108dd189f588";

    /// A temp state dir holding an installed Windows Pro.
    pub(crate) struct Client {
        pub dir: tempfile::TempDir,
    }

    impl Client {
        /// A fresh client with Windows Pro installed.
        pub(crate) fn with_pro() -> Client {
            let client = Client {
                dir: tempfile::tempdir().expect("temp dir"),
            };
            let out = client.run(&["ipk", PRO_GVLK]);
            assert_eq!(out.status.code(), Some(0), "ipk: {}", stderr(&out));
            client
        }

        /// The state dir.
        pub(crate) fn state_dir(&self) -> &Path {
            self.dir.path()
        }

        /// The state file.
        pub(crate) fn state_file(&self) -> PathBuf {
            self.dir.path().join("state.json")
        }

        /// The state file parsed.
        pub(crate) fn state(&self) -> serde_json::Value {
            let bytes = std::fs::read(self.state_file()).expect("state file");
            serde_json::from_slice(&bytes).expect("state is JSON")
        }

        /// The installed product's entry in the state.
        pub(crate) fn product(&self) -> serde_json::Value {
            self.state()["products"][0].clone()
        }

        /// A command on the binary with this state dir and no ambient DNS settings, on
        /// vlmgr's own client (`VLMGR_STANDALONE=1`): these tests are about it on every
        /// OS, and on Windows the default is Windows' licensing service
        /// (tests/system_backend.rs).
        pub(crate) fn command(&self) -> Command {
            let mut cmd = Command::cargo_bin("vlmgr").expect("binary built");
            cmd.env("VLMGR_STATE_DIR", self.dir.path())
                .env("VLMGR_STANDALONE", "1")
                .env_remove("VLMGR_DNS_SERVER")
                .env_remove("NO_COLOR");
            cmd
        }

        /// Runs `args` and returns the output.
        pub(crate) fn run(&self, args: &[&str]) -> Output {
            self.command()
                .args(args)
                .output_retrying()
                .expect("vlmgr runs")
        }
    }

    /// stdout as text.
    pub(crate) fn stdout(out: &Output) -> String {
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// stderr as text.
    pub(crate) fn stderr(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// stdout parsed as JSON.
    pub(crate) fn json(out: &Output) -> serde_json::Value {
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
    }

    /// The exit code.
    pub(crate) fn code(out: &Output) -> i32 {
        out.status.code().expect("exited normally")
    }
}
