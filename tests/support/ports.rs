//! A TCP port on 127.0.0.1 where connections are refused, held for the test's lifetime.
//!
//! Binding a listener and dropping it to get a "free" port races with every other test
//! on a busy machine: another test (or the kernel, for an outgoing connection) may take
//! the port before it is used. A socket that is bound but never listens keeps the port
//! reserved, and the kernel still answers connections to it with a reset.
#![allow(dead_code)]

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use tokio::net::TcpSocket;

/// A bound, never-listening TCP socket: connecting to [`ClosedPort::addr`] is refused.
pub(crate) struct ClosedPort {
    socket: TcpSocket,
    addr: SocketAddr,
}

impl ClosedPort {
    /// Reserves an ephemeral port on 127.0.0.1.
    pub(crate) fn new() -> io::Result<ClosedPort> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        let addr = socket.local_addr()?;
        Ok(ClosedPort { socket, addr })
    }

    /// The refused address.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The refused port.
    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }
}
