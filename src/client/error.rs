//! Why one candidate did not activate the client.

use std::io;

use crate::protocol::{HResult, KmsError, RpcError};

/// How bad a failure is for the final verdict: when every candidate fails, the
/// most specific failure seen is reported (a host that answered says more than a
/// host that could not be reached).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FailureClass {
    /// No connection, or the connection broke or went silent.
    Unreachable,
    /// The host refused the RPC session (bind_nak, fault, no usable context).
    Refused,
    /// The host's answer failed validation.
    Invalid,
    /// The host answered with an error HRESULT.
    HostError,
}

/// What went wrong with one candidate.
#[derive(Debug, thiserror::Error)]
pub(crate) enum AttemptError {
    /// TCP connect failed.
    #[error("connection failed: {0}")]
    Connect(#[source] io::Error),
    /// This machine could not open the connection: no descriptor, memory or local port
    /// left for the socket (EMFILE, ENFILE, ENOBUFS; `platform::limits::is_local_limit`).
    /// Not the host's fault.
    #[error(
        "this machine could not open a connection ({0}); raise the open-file limit (ulimit -n)"
    )]
    LocalLimit(#[source] io::Error),
    /// TCP connect did not complete in time.
    #[error("connection timed out after {0} ms")]
    ConnectTimeout(u64),
    /// The host closed the connection while an answer was awaited.
    #[error("the host closed the connection while waiting for the {0}")]
    Closed(&'static str),
    /// No complete answer arrived in time.
    #[error("no complete {0} within {1} ms")]
    ReadTimeout(&'static str, u64),
    /// Sending did not complete in time.
    #[error("sending the {0} did not complete within {1} ms")]
    WriteTimeout(&'static str, u64),
    /// A socket error while sending or receiving.
    #[error("network error during the {0}: {1}")]
    Io(&'static str, #[source] io::Error),
    /// The run's deadline passed before this candidate finished.
    #[error("the overall deadline passed")]
    Deadline,
    /// The host sent bytes that are not a usable RPC PDU.
    #[error("malformed {0}: {1}")]
    Malformed(&'static str, #[source] RpcError),
    /// The host sent a PDU of the wrong type.
    #[error("expected a {expected}, the host sent a {found}")]
    UnexpectedPdu {
        /// What was awaited.
        expected: &'static str,
        /// What arrived.
        found: &'static str,
    },
    /// The answer does not carry the call id of the PDU it answers.
    #[error("the {pdu} carries call id {found}, expected {expected}")]
    WrongCallId {
        /// Which answer.
        pdu: &'static str,
        /// Call id sent.
        expected: u32,
        /// Call id received.
        found: u32,
    },
    /// The response names another presentation context than the request.
    #[error("the response is for context {found}, the request used {expected}")]
    WrongContext {
        /// Context sent.
        expected: u16,
        /// Context received.
        found: u16,
    },
    /// The host rejected the bind.
    #[error("the host rejected the RPC bind (bind_nak, reason {0})")]
    BindNak(u16),
    /// Neither NDR32 (directly or through alter_context) nor NDR64 was accepted.
    #[error("the host accepted no transfer syntax for the KMS interface")]
    NoContext,
    /// The host answered with an RPC fault.
    #[error("the host answered with RPC fault 0x{0:08X}")]
    Fault(u32),
    /// The host answered the KMS call with an error HRESULT.
    #[error("the host answered {0}")]
    HostError(HResult),
    /// The KMS message failed validation.
    #[error("invalid KMS response: {0}")]
    InvalidMessage(#[source] KmsError),
}

impl AttemptError {
    /// How this failure ranks.
    pub(crate) fn class(&self) -> FailureClass {
        match self {
            AttemptError::Connect(_)
            | AttemptError::LocalLimit(_)
            | AttemptError::ConnectTimeout(_)
            | AttemptError::Closed(_)
            | AttemptError::ReadTimeout(..)
            | AttemptError::WriteTimeout(..)
            | AttemptError::Io(..)
            | AttemptError::Deadline => FailureClass::Unreachable,
            AttemptError::BindNak(_) | AttemptError::NoContext | AttemptError::Fault(_) => {
                FailureClass::Refused
            }
            AttemptError::Malformed(..)
            | AttemptError::UnexpectedPdu { .. }
            | AttemptError::WrongCallId { .. }
            | AttemptError::WrongContext { .. }
            | AttemptError::InvalidMessage(_) => FailureClass::Invalid,
            AttemptError::HostError(_) => FailureClass::HostError,
        }
    }
}
