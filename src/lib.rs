//! vlmgr: a KMS (Microsoft Volume Activation) client for the command line.
//!
//! The crate is a library plus a thin binary (`src/main.rs`). docs/architecture.md says
//! where each change goes:
//!
//! - [`address`]: the vocabulary of hosts (host and port, `skms` addresses, sources);
//! - [`protocol`]: sans-io DCE/RPC and KMS V4/V5/V6 messages and their crypto;
//! - [`locator`]: DNS SRV discovery, RFC 2782 ordering, host caching policy;
//! - [`client`]: the tokio transport that talks to a host;
//! - [`platform`]: what vlmgr asks of the OS (resolver configuration, machine name and VM
//!   flag, the state directory, open-file limits, interrupts, terminal), each OS's rules
//!   tested on every OS;
//! - [`state`]: the persistent client state file;
//! - [`catalog`]: the compiled-in product table;
//! - [`spp`]: Windows' own licensing service (the system backend), behind one trait;
//! - [`cli`], [`commands`], [`output`]: what the admin types and sees; [`output`] owns
//!   the `--json` contract (docs/json.md, docs/schema/).
#![forbid(unsafe_code)]

pub mod address;
pub mod catalog;
pub mod cli;
pub mod client;
pub mod commands;
pub(crate) mod config;
pub mod exit_codes;
pub mod locator;
pub mod output;
pub mod platform;
pub mod protocol;
pub mod spp;
pub mod state;
