//! A host that answers RPC binds the way vlmcsd does and nothing else: enough for
//! `discover --check` and `check`, which never send an activation request.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use vlmgr::protocol::rpc::{ClientPdu, PDU_HEADER_LEN, decode_client_pdu, pdu_frame_len};

use super::host_codec::{bind_results, encode_bind_ack};

/// Starts the host on 127.0.0.1 (ephemeral port); it serves `connections` connections on
/// a background thread, then stops. Returns the port.
pub(crate) fn start(connections: usize) -> u16 {
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
            if let Ok(ClientPdu::Bind(bind)) = decode_client_pdu(&bind) {
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

/// Many bind-only hosts, each on its own 127.0.0.1 port, all served by one thread with
/// one epoll loop (a current-thread tokio runtime) until dropped.
///
/// The benchmark's stand-in for a fleet of KMS hosts: each host on its own machine
/// costs the client nothing, while thread-per-connection test hosts sharing the
/// client's cores cost more CPU than the client itself (see docs/performance.md).
pub(crate) struct BindFleet {
    ports: Vec<u16>,
    binds: Arc<Vec<AtomicU32>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl BindFleet {
    /// Starts `hosts` hosts.
    pub(crate) fn start(hosts: usize) -> std::io::Result<BindFleet> {
        let listeners = (0..hosts)
            .map(|_| {
                let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
                listener.set_nonblocking(true)?;
                Ok(listener)
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        let ports = listeners
            .iter()
            .map(|l| l.local_addr().map(|a| a.port()))
            .collect::<std::io::Result<Vec<_>>>()?;
        let binds: Arc<Vec<AtomicU32>> = Arc::new((0..hosts).map(|_| AtomicU32::new(0)).collect());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let counters = Arc::clone(&binds);
        std::thread::spawn(move || {
            runtime.block_on(async move {
                for (index, listener) in listeners.into_iter().enumerate() {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        continue;
                    };
                    let counters = Arc::clone(&counters);
                    tokio::spawn(async move {
                        while let Ok((stream, _)) = listener.accept().await {
                            let counters = Arc::clone(&counters);
                            tokio::spawn(async move {
                                if answer_bind(stream).await
                                    && let Some(counter) = counters.get(index)
                                {
                                    counter.fetch_add(1, Ordering::Relaxed);
                                }
                            });
                        }
                    });
                }
                let _ = stopped.await;
            });
        });
        Ok(BindFleet {
            ports,
            binds,
            stop: Some(stop),
        })
    }

    /// The hosts' ports.
    pub(crate) fn ports(&self) -> &[u16] {
        &self.ports
    }

    /// Binds answered by each host.
    pub(crate) fn binds(&self) -> Vec<u32> {
        self.binds
            .iter()
            .map(|b| b.load(Ordering::Relaxed))
            .collect()
    }
}

impl Drop for BindFleet {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Reads one bind PDU and answers it with a bind_ack; whether it did.
async fn answer_bind(mut stream: tokio::net::TcpStream) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut header = [0u8; PDU_HEADER_LEN];
    if stream.read_exact(&mut header).await.is_err() {
        return false;
    }
    let Ok(Some(len)) = pdu_frame_len(&header) else {
        return false;
    };
    let mut pdu = header.to_vec();
    pdu.resize(len.max(PDU_HEADER_LEN), 0);
    if let Some(body) = pdu.get_mut(PDU_HEADER_LEN..)
        && stream.read_exact(body).await.is_err()
    {
        return false;
    }
    let Ok(ClientPdu::Bind(bind)) = decode_client_pdu(&pdu) else {
        return false;
    };
    let ack = encode_bind_ack(
        bind.call_id,
        0x1063_bf3f,
        b"1688\0",
        &bind_results(&bind, false),
    );
    stream.write_all(&ack).await.is_ok()
}
