//! What vlmgr asks of the OS, in one place (docs/platforms.md): each OS's resolver
//! configuration ([`resolver`]), this machine's name and whether it is a VM
//! ([`machine`]), the state directory, reached so that nothing planted in it is followed
//! ([`state_dir`]), how many connections the process may hold open ([`limits`]), the
//! user interrupting a wait ([`interrupt`]), whether the standard streams are terminals
//! that show escape sequences ([`terminal`]), and the one way a file the OS keeps is
//! read: bounded, regular files only ([`os_file`]).
//!
//! The pattern: a small reader per OS takes a snapshot of what the OS holds, and a pure
//! function decides from it, so the rules of every OS are tested on every OS with
//! fixtures. The per-OS `cfg`s of the crate live here (docs/architecture.md).
//!
//! This layer sits at the bottom: it imports nothing from `locator`, `client`, `state`,
//! `output`, `commands` or `cli` (only `protocol`'s limit on the workstation name).

pub(crate) mod interrupt;
pub(crate) mod limits;
pub mod machine;
pub(crate) mod os_file;
pub mod resolver;
pub(crate) mod state_dir;
pub(crate) mod terminal;
