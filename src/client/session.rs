//! One connection to one KMS host: framing, the RPC bind, and the KMS call.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout_at;

use super::error::AttemptError;
use super::{Candidate, Narrator, Timing, millis};
use crate::platform::limits;
use crate::protocol::kms::{self, KmsResponse, RequestBase};
use crate::protocol::rpc::{
    self, PDU_HEADER_LEN, Pdu, ResponseBody, TransferSyntax, WINDOWS_BIND_CONTEXTS,
};
use crate::protocol::{FileTime, Hex};

/// Windows' first call id: the bind, the alter_context and the first request carry it.
pub(crate) const FIRST_CALL_ID: u32 = 2;

/// A connection whose RPC bind completed: ready for the KMS request.
#[derive(Debug)]
pub(crate) struct BoundSession {
    connection: Connection,
    /// The presentation context the request goes on.
    pub(crate) context_id: u16,
    /// Its transfer syntax.
    pub(crate) syntax: TransferSyntax,
}

/// The current time as FILETIME.
fn filetime_now() -> FileTime {
    FileTime::from_unix_duration(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default(),
    )
}

/// `-vv`: one line per PDU with its bytes in hex.
fn trace_pdu(
    narrator: &dyn Narrator,
    candidate: &Candidate,
    direction: &str,
    what: &str,
    pdu: &[u8],
) {
    if narrator.traces_pdus() {
        narrator.say(format_args!(
            "{candidate}: {direction} {what} ({} bytes) {:x}",
            pdu.len(),
            Hex(pdu)
        ));
    }
}

/// Reads exactly `buf.len()` bytes before `deadline`.
async fn read_exact_by(
    stream: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
    what: &'static str,
    limit_ms: u64,
) -> Result<(), AttemptError> {
    match timeout_at(deadline.into(), stream.read_exact(buf)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(AttemptError::Closed(what))
        }
        Ok(Err(e)) => Err(AttemptError::Io(what, e)),
        Err(_) => Err(AttemptError::ReadTimeout(what, limit_ms)),
    }
}

/// Reads one whole PDU: the 16-byte header, then exactly the rest its frag_length
/// announces (bounded by [`rpc::MAX_PDU_LEN`]), all before the exchange deadline.
async fn read_pdu(
    stream: &mut TcpStream,
    timing: &Timing,
    what: &'static str,
    trace: (&Candidate, &dyn Narrator),
) -> Result<Pdu, AttemptError> {
    let deadline = timing.bounded(timing.exchange_timeout);
    let limit_ms = millis(timing.exchange_timeout);
    let mut pdu = vec![0u8; PDU_HEADER_LEN];
    read_exact_by(stream, &mut pdu, deadline, what, limit_ms).await?;
    let len = rpc::pdu_frame_len(&pdu)
        .map_err(|e| AttemptError::Malformed(what, e))?
        .unwrap_or(PDU_HEADER_LEN);
    pdu.resize(len, 0);
    if let Some(rest) = pdu.get_mut(PDU_HEADER_LEN..) {
        read_exact_by(stream, rest, deadline, what, limit_ms).await?;
    }
    trace_pdu(trace.1, trace.0, "<-", what, &pdu);
    rpc::decode_pdu(&pdu).map_err(|e| AttemptError::Malformed(what, e))
}

async fn write_pdu(
    stream: &mut TcpStream,
    pdu: &[u8],
    timing: &Timing,
    what: &'static str,
    trace: (&Candidate, &dyn Narrator),
) -> Result<(), AttemptError> {
    trace_pdu(trace.1, trace.0, "->", what, pdu);
    let deadline = timing.bounded(timing.exchange_timeout);
    match timeout_at(deadline.into(), stream.write_all(pdu)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(AttemptError::Io(what, e)),
        Err(_) => Err(AttemptError::WriteTimeout(
            what,
            millis(timing.exchange_timeout),
        )),
    }
}

fn check_call_id(pdu: &'static str, found: u32) -> Result<(), AttemptError> {
    if found == FIRST_CALL_ID {
        Ok(())
    } else {
        Err(AttemptError::WrongCallId {
            pdu,
            expected: FIRST_CALL_ID,
            found,
        })
    }
}

/// Why `pdu` is not the `expected` answer: a fault, or the wrong PDU type.
fn unexpected(expected: &'static str, pdu: &Pdu) -> AttemptError {
    match pdu {
        Pdu::Fault(fault) => AttemptError::Fault(fault.status),
        other => AttemptError::UnexpectedPdu {
            expected,
            found: other.name(),
        },
    }
}

/// A TCP connection to a candidate, before the RPC bind.
#[derive(Debug)]
pub(crate) struct Connection {
    stream: TcpStream,
    candidate: Candidate,
    /// When the connect started.
    started: Instant,
}

/// Opens the TCP connection to `candidate` within the connect timeout and the deadline.
pub(crate) async fn connect(
    candidate: Candidate,
    timing: &Timing,
    narrator: &dyn Narrator,
) -> Result<Connection, AttemptError> {
    let started = Instant::now();
    let connect_deadline = timing.bounded(timing.connect_timeout);
    let stream = match timeout_at(
        connect_deadline.into(),
        TcpStream::connect(candidate.address()),
    )
    .await
    {
        Ok(Ok(stream)) => stream,
        Ok(Err(e)) if limits::is_local_limit(&e) => return Err(AttemptError::LocalLimit(e)),
        Ok(Err(e)) => return Err(AttemptError::Connect(e)),
        Err(_) if Instant::now() >= timing.deadline => return Err(AttemptError::Deadline),
        Err(_) => return Err(AttemptError::ConnectTimeout(millis(timing.connect_timeout))),
    };
    // Small request/response exchanges: do not wait for Nagle.
    let _ = stream.set_nodelay(true);
    narrator.say(format_args!(
        "{candidate}: connected in {} ms",
        millis(started.elapsed())
    ));
    Ok(Connection {
        stream,
        candidate,
        started,
    })
}

/// Connects to `candidate` and completes the RPC bind ([`Connection::bind`]).
pub(crate) async fn connect_and_bind(
    candidate: Candidate,
    timing: Timing,
    narrator: &dyn Narrator,
) -> Result<BoundSession, AttemptError> {
    connect(candidate, &timing, narrator)
        .await?
        .bind(&timing, narrator)
        .await
}

impl Connection {
    /// Completes the Windows-like bind: NDR32, NDR64 and bind-time feature negotiation
    /// offered; NDR32 used when accepted, else NDR64; when neither, one alter_context
    /// asking for NDR32 again, as Windows does.
    pub(crate) async fn bind(
        mut self,
        timing: &Timing,
        narrator: &dyn Narrator,
    ) -> Result<BoundSession, AttemptError> {
        let bind = rpc::encode_bind_windows(FIRST_CALL_ID);
        let names = ("bind", "bind_ack");
        let ack = match self.exchange(&bind, names, timing, narrator).await? {
            Pdu::BindAck(ack) => ack,
            Pdu::BindNak(nak) => return Err(AttemptError::BindNak(nak.reason)),
            other => return Err(unexpected("bind_ack", &other)),
        };
        check_call_id("bind_ack", ack.call_id())?;
        let (context_id, syntax) = match ack.select_context(&WINDOWS_BIND_CONTEXTS) {
            Some(chosen) => chosen,
            None => self.alter_context(timing, narrator).await?,
        };
        narrator.say(format_args!(
            "{}: bound in {} ms ({} on context {context_id})",
            self.candidate,
            millis(self.started.elapsed()),
            syntax.name()
        ));
        Ok(BoundSession {
            connection: self,
            context_id,
            syntax,
        })
    }

    /// After a bind that accepted no usable context: asks for NDR32 once more.
    async fn alter_context(
        &mut self,
        timing: &Timing,
        narrator: &dyn Narrator,
    ) -> Result<(u16, TransferSyntax), AttemptError> {
        narrator.say(format_args!(
            "{}: NDR32 and NDR64 rejected, sending alter_context",
            self.candidate
        ));
        let alter = rpc::encode_alter_context_ndr32(FIRST_CALL_ID);
        let names = ("alter_context", "alter_context_resp");
        let resp = match self.exchange(&alter, names, timing, narrator).await? {
            Pdu::AlterContextResp(resp) => resp,
            other => return Err(unexpected("alter_context_resp", &other)),
        };
        check_call_id("alter_context_resp", resp.call_id())?;
        resp.select_context(&rpc::NDR32_ONLY_BIND_CONTEXTS)
            .ok_or(AttemptError::NoContext)
    }

    /// Sends `pdu` and reads the answer; `names` are the PDU's name and the answer's.
    async fn exchange(
        &mut self,
        pdu: &[u8],
        names: (&'static str, &'static str),
        timing: &Timing,
        narrator: &dyn Narrator,
    ) -> Result<Pdu, AttemptError> {
        let trace = (&self.candidate, narrator);
        write_pdu(&mut self.stream, pdu, timing, names.0, trace).await?;
        read_pdu(&mut self.stream, timing, names.1, trace).await
    }
}

impl BoundSession {
    /// The candidate connected to.
    pub(crate) fn candidate(&self) -> &Candidate {
        &self.connection.candidate
    }

    /// Sends the KMS request (with a fresh IV and the client time now) and validates
    /// the answer.
    pub(crate) async fn request(
        mut self,
        base: &RequestBase,
        timing: &Timing,
        narrator: &dyn Narrator,
    ) -> Result<KmsResponse, AttemptError> {
        let mut base = base.clone();
        base.client_time = filetime_now();
        let iv = fresh_iv();
        let (message, pending) = kms::encode_request(&base, iv);
        let pdu = rpc::encode_request(FIRST_CALL_ID, self.context_id, self.syntax, &message);
        let names = ("request", "response");
        let response = match self
            .connection
            .exchange(&pdu, names, timing, narrator)
            .await?
        {
            Pdu::Response(response) => response,
            other => return Err(unexpected("response", &other)),
        };
        check_call_id("response", response.call_id)?;
        if response.context_id != self.context_id {
            return Err(AttemptError::WrongContext {
                expected: self.context_id,
                found: response.context_id,
            });
        }
        // A polite close; the host is done with us either way.
        let _ = self.connection.stream.shutdown().await;
        match response.body {
            ResponseBody::HostError(code) => Err(AttemptError::HostError(code)),
            ResponseBody::Message(message) => {
                kms::decode_response(&pending, &message).map_err(AttemptError::InvalidMessage)
            }
        }
    }
}

/// A fresh IV for the request, straight from the operating system (one system call):
/// the thread-local generator would first seed itself and detect CPU features, which in
/// a VM costs more than the whole exchange's crypto (docs/performance.md).
fn fresh_iv() -> [u8; 16] {
    use rand::TryRngCore;
    let mut iv = [0u8; 16];
    if rand::rngs::OsRng.try_fill_bytes(&mut iv).is_err() {
        iv = rand::random();
    }
    iv
}
