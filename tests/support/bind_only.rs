//! A host that answers RPC binds the way vlmcsd does and nothing else: enough for
//! `discover --check` and `check`, which never send an activation request.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};

use vlmgr::protocol::rpc::{Pdu, decode_pdu};

use super::host_codec::{bind_results, encode_bind_ack};

/// Starts the host on 127.0.0.1 (ephemeral port); it serves `connections` connections on
/// a background thread, then stops. Returns the port.
pub fn start(connections: usize) -> u16 {
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, 0)) {
        Ok(listener) => listener,
        Err(e) => panic!("cannot listen on 127.0.0.1: {e}"),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            // The Windows-like bind vlmgr sends is 160 bytes.
            let mut bind = vec![0u8; 160];
            if stream.read_exact(&mut bind).is_err() {
                continue;
            }
            if let Ok(Pdu::Bind(bind)) = decode_pdu(&bind) {
                let ack = encode_bind_ack(
                    bind.call_id,
                    0x1063_bf3f,
                    b"1688\0",
                    &bind_results(&bind, false),
                );
                let _ = stream.write_all(&ack);
            }
        }
    });
    port
}
