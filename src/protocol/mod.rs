//! The KMS protocol as a sans-io library: DCE/RPC framing, the KMS V4/V5/V6
//! messages, their cryptography, FILETIME and HRESULTs.
//!
//! Nothing here opens sockets, reads the clock or draws random numbers:
//! callers pass the time, the IVs and the client identity. See
//! `docs/protocol.md` for how each type maps to the wire.

pub mod crypto;
pub mod filetime;
#[cfg(any(test, feature = "test-host"))]
pub mod host_side;
pub mod hresult;
pub mod kms;
pub mod rpc;
mod wire;

pub use filetime::FileTime;
pub use hresult::{HResult, HResultInfo, describe};
pub use kms::KmsError;
pub use rpc::RpcError;
