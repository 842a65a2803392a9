//! `vlmgr discover --check`: connect to every discovered address and perform the RPC
//! bind a Windows client starts with, concurrently, timing each. No activation request
//! is sent, so no host counts the check as a client.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::report::{DiscoveryReport, ResolvedTarget};
use crate::protocol::rpc::{
    PDU_HEADER_LEN, Pdu, WINDOWS_BIND_CONTEXTS, decode_pdu, encode_bind_windows, pdu_frame_len,
};

/// The call id of the check's bind (a Windows client's first bind uses 2).
const CHECK_CALL_ID: u32 = 2;

/// Which step a check was at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStage {
    /// Opening the TCP connection.
    Connect,
    /// Sending the bind and waiting for the answer.
    Bind,
}

/// How a check of one address ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// The host accepted the bind; requests would use this transfer syntax.
    Bound {
        /// "NDR32" or "NDR64".
        syntax: String,
    },
    /// The host answered with a bind_ack that accepted neither NDR32 nor NDR64 for
    /// the KMS interface (not a KMS host, or a misconfigured one).
    NoUsableContext,
    /// The host refused the bind (bind_nak).
    BindRejected {
        /// The provider reject reason.
        reason: u16,
    },
    /// The TCP connection failed (refused, unreachable).
    ConnectFailed {
        /// The operating system's error.
        reason: String,
    },
    /// No progress within the timeout.
    TimedOut {
        /// The step that did not finish.
        stage: CheckStage,
    },
    /// The host answered something that is not a bind answer for this call.
    ProtocolError {
        /// What was wrong.
        reason: String,
    },
}

impl CheckOutcome {
    /// Whether the host completed the bind.
    pub fn is_bound(&self) -> bool {
        matches!(self, Self::Bound { .. })
    }
}

/// The check of one address of one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressCheck {
    /// The target's host name as discovered.
    pub host: String,
    /// The address connected to.
    pub address: SocketAddr,
    /// How it ended.
    pub outcome: CheckOutcome,
    /// Milliseconds until the TCP connection was established, if it was.
    pub connect_ms: Option<u64>,
    /// Milliseconds from the start until the outcome was known.
    pub total_ms: u64,
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// Connects to `address` and performs the RPC bind, all within `timeout`.
pub async fn check_address(host: &str, address: SocketAddr, timeout: Duration) -> AddressCheck {
    let started = Instant::now();
    let mut connect_ms = None;
    let outcome = match tokio::time::timeout(timeout, TcpStream::connect(address)).await {
        Err(_elapsed) => CheckOutcome::TimedOut {
            stage: CheckStage::Connect,
        },
        Ok(Err(error)) => CheckOutcome::ConnectFailed {
            reason: error.to_string(),
        },
        Ok(Ok(mut stream)) => {
            connect_ms = Some(millis(started.elapsed()));
            let remaining = timeout.saturating_sub(started.elapsed());
            match tokio::time::timeout(remaining, bind(&mut stream)).await {
                Err(_elapsed) => CheckOutcome::TimedOut {
                    stage: CheckStage::Bind,
                },
                Ok(outcome) => outcome,
            }
        }
    };
    AddressCheck {
        host: host.to_owned(),
        address,
        outcome,
        connect_ms,
        total_ms: millis(started.elapsed()),
    }
}

/// Sends the Windows bind and interprets the answer.
async fn bind(stream: &mut TcpStream) -> CheckOutcome {
    let protocol_error = |reason: String| CheckOutcome::ProtocolError { reason };
    if let Err(error) = stream.write_all(&encode_bind_windows(CHECK_CALL_ID)).await {
        return protocol_error(format!("sending the bind failed: {error}"));
    }
    let mut header = [0u8; PDU_HEADER_LEN];
    if let Err(error) = stream.read_exact(&mut header).await {
        return protocol_error(format!("no bind answer: {error}"));
    }
    let frame_len = match pdu_frame_len(&header) {
        Ok(Some(len)) => len,
        Ok(None) => return protocol_error("short PDU header".to_owned()),
        Err(error) => return protocol_error(format!("not an RPC answer: {error}")),
    };
    let mut pdu = header.to_vec();
    pdu.resize(frame_len.max(PDU_HEADER_LEN), 0);
    if let Some(body) = pdu.get_mut(PDU_HEADER_LEN..)
        && let Err(error) = stream.read_exact(body).await
    {
        return protocol_error(format!("bind answer cut short: {error}"));
    }
    match decode_pdu(&pdu) {
        Ok(Pdu::BindAck(ack)) if ack.call_id() != CHECK_CALL_ID => protocol_error(format!(
            "bind_ack for call {} instead of {CHECK_CALL_ID}",
            ack.call_id()
        )),
        Ok(Pdu::BindAck(ack)) => match ack.select_context(&WINDOWS_BIND_CONTEXTS) {
            Some((_, syntax)) => CheckOutcome::Bound {
                syntax: syntax.name().to_owned(),
            },
            None => CheckOutcome::NoUsableContext,
        },
        Ok(Pdu::BindNak(nak)) => CheckOutcome::BindRejected { reason: nak.reason },
        Ok(other) => protocol_error(format!("unexpected answer to a bind: {}", other.name())),
        Err(error) => protocol_error(format!("malformed bind answer: {error}")),
    }
}

/// Checks every address of every target at once; results in target, then address order.
pub async fn check_targets(targets: &[ResolvedTarget], timeout: Duration) -> Vec<AddressCheck> {
    let mut tasks = tokio::task::JoinSet::new();
    let mut expected = 0usize;
    for target in targets {
        for address in &target.addresses {
            let host = target.target.host.to_string();
            let address = SocketAddr::new(*address, target.target.port);
            let index = expected;
            tasks.spawn(async move { (index, check_address(&host, address, timeout).await) });
            expected += 1;
        }
    }
    let mut results: Vec<(usize, AddressCheck)> = Vec::with_capacity(expected);
    while let Some(joined) = tasks.join_next().await {
        // A check task cannot panic on its inputs; a join error means the runtime is
        // shutting down, and that address simply has no result.
        if let Ok(result) = joined {
            results.push(result);
        }
    }
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, check)| check).collect()
}

impl DiscoveryReport {
    /// Runs [`check_targets`] on this report's targets and stores the results in
    /// [`DiscoveryReport::checks`].
    pub async fn run_checks(&mut self, timeout: Duration) {
        self.checks = check_targets(&self.targets, timeout).await;
    }

    /// Whether any checked address completed the bind.
    pub fn any_bound(&self) -> bool {
        self.checks.iter().any(|check| check.outcome.is_bound())
    }
}
