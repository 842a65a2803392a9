//! `check` and `discover --check` connect + RPC bind through the activation's session
//! code: against small hosts on 127.0.0.1 that answer with a real bind_ack, a bind_nak,
//! garbage, or nothing, and against the test KMS host when only alter_context gets a
//! usable context.

mod support;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use support::host_codec::{bind_results, encode_bind_ack, encode_bind_nak};
use support::ports::ClosedPort;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use vlmgr::address::{Host, HostPort, HostSource};
use vlmgr::client::{Candidate, CheckOutcome, CheckStage, check_address, check_addresses};
use vlmgr::protocol::rpc::{
    ClientPdu, PDU_HEADER_LEN, TransferSyntax, decode_client_pdu, pdu_frame_len,
};

/// What a test host does with the bind it receives.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Answer as vlmcsd does (NDR32 accepted, or NDR64 when `prefer_ndr64`).
    Accept { prefer_ndr64: bool },
    /// Answer with a bind_nak.
    Reject,
    /// Answer with bytes that are not an RPC PDU.
    Garbage,
    /// Accept the connection and never answer.
    Silent,
}

async fn read_pdu(stream: &mut TcpStream) -> Vec<u8> {
    let mut pdu = vec![0u8; PDU_HEADER_LEN];
    stream.read_exact(&mut pdu).await.unwrap();
    let len = pdu_frame_len(&pdu).unwrap().unwrap();
    pdu.resize(len, 0);
    stream.read_exact(&mut pdu[PDU_HEADER_LEN..]).await.unwrap();
    pdu
}

/// Starts a host on 127.0.0.1 that serves connections with `behaviour` until the test
/// ends. For each answered connection, the bytes the client sent after the bind (until
/// it closed the connection) arrive on the returned channel.
async fn host_with_trailer(behaviour: Behaviour) -> (SocketAddr, UnboundedReceiver<Vec<u8>>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (trailer_tx, trailer_rx) = unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let trailer_tx = trailer_tx.clone();
            tokio::spawn(async move {
                let pdu = read_pdu(&mut stream).await;
                let Ok(ClientPdu::Bind(bind)) = decode_client_pdu(&pdu) else {
                    panic!("the check sent something other than a bind");
                };
                let answer = match behaviour {
                    Behaviour::Accept { prefer_ndr64 } => encode_bind_ack(
                        bind.call_id,
                        0x1063,
                        b"1688\0",
                        &bind_results(&bind, prefer_ndr64),
                    ),
                    Behaviour::Reject => encode_bind_nak(bind.call_id, 4),
                    Behaviour::Garbage => b"HTTP/1.0 400 Bad Request\r\n\r\n".to_vec(),
                    Behaviour::Silent => {
                        tokio::time::sleep(Duration::from_secs(30)).await;
                        return;
                    }
                };
                stream.write_all(&answer).await.unwrap();
                let mut rest = Vec::new();
                let _ = stream.read_to_end(&mut rest).await;
                let _ = trailer_tx.send(rest);
            });
        }
    });
    (addr, trailer_rx)
}

async fn host(behaviour: Behaviour) -> SocketAddr {
    host_with_trailer(behaviour).await.0
}

const TIMEOUT: Duration = Duration::from_millis(800);

/// `name` found in DNS at `addr`.
fn candidate(name: &str, addr: SocketAddr) -> Candidate {
    Candidate {
        target: HostPort::new(Host::from_dns(name), addr.port()),
        ip: addr.ip(),
        source: HostSource::Dns {
            domain: "corp.test".to_owned(),
        },
        origin: vlmgr::address::AddressOrigin::Lookup,
    }
}

#[tokio::test]
async fn accepting_host_binds_with_ndr32_or_ndr64() {
    let (ndr32, mut trailer) = host_with_trailer(Behaviour::Accept {
        prefer_ndr64: false,
    })
    .await;
    let check = check_address(candidate("kms1.corp.test", ndr32), TIMEOUT).await;
    // The check closes the connection after the bind: no activation request follows.
    let sent_after_bind = tokio::time::timeout(Duration::from_secs(5), trailer.recv())
        .await
        .expect("the check closed the connection")
        .expect("the host reported what followed the bind");
    assert!(
        sent_after_bind.is_empty(),
        "sent after the bind: {sent_after_bind:?}"
    );
    assert_eq!(
        check.outcome,
        CheckOutcome::Bound {
            syntax: TransferSyntax::Ndr32
        }
    );
    assert!(check.connect_time.is_some());
    assert!(check.total_time < TIMEOUT);
    assert_eq!(check.candidate.target.host.to_string(), "kms1.corp.test");

    let ndr64 = host(Behaviour::Accept { prefer_ndr64: true }).await;
    let check = check_address(candidate("kms2.corp.test", ndr64), TIMEOUT).await;
    assert_eq!(
        check.outcome,
        CheckOutcome::Bound {
            syntax: TransferSyntax::Ndr64
        }
    );
}

#[tokio::test]
async fn rejecting_garbage_silent_and_closed_hosts_are_told_apart() {
    let rejecting = check_address(candidate("a", host(Behaviour::Reject).await), TIMEOUT).await;
    assert_eq!(rejecting.outcome, CheckOutcome::BindRejected { reason: 4 });

    let garbage = check_address(candidate("b", host(Behaviour::Garbage).await), TIMEOUT).await;
    assert!(
        matches!(garbage.outcome, CheckOutcome::ProtocolError { .. }),
        "{:?}",
        garbage.outcome
    );

    let silent = check_address(candidate("c", host(Behaviour::Silent).await), TIMEOUT).await;
    assert_eq!(
        silent.outcome,
        CheckOutcome::TimedOut {
            stage: CheckStage::Bind
        }
    );
    assert!(silent.connect_time.is_some());

    let closed_port = ClosedPort::new().unwrap();
    let closed = check_address(candidate("d", closed_port.addr()), TIMEOUT).await;
    assert!(
        matches!(closed.outcome, CheckOutcome::ConnectFailed { .. }),
        "{:?}",
        closed.outcome
    );
    assert!(closed.connect_time.is_none());
}

#[tokio::test]
async fn every_address_is_checked_concurrently_in_order() {
    let good = host(Behaviour::Accept {
        prefer_ndr64: false,
    })
    .await;
    let silent_a = host(Behaviour::Silent).await;
    let silent_b = host(Behaviour::Silent).await;
    let silent_c = host(Behaviour::Silent).await;
    let candidates = vec![
        candidate("slow-a", silent_a),
        candidate("good", good),
        candidate("slow-b", silent_b),
        candidate("slow-c", silent_c),
    ];
    let started = Instant::now();
    let deadline = started + Duration::from_secs(30);
    let checks = check_addresses(&candidates, TIMEOUT, 4, deadline).await;
    let elapsed = started.elapsed();
    // Three silent hosts of 800 ms each: sequential checks would take 2.4 s.
    assert!(elapsed < Duration::from_millis(1600), "took {elapsed:?}");
    let hosts: Vec<String> = checks
        .iter()
        .map(|c| c.candidate.target.host.to_string())
        .collect();
    assert_eq!(hosts, vec!["slow-a", "good", "slow-b", "slow-c"]);
    assert!(checks[1].outcome.is_bound());
    assert_eq!(checks.iter().filter(|c| c.outcome.is_bound()).count(), 1);
}

/// A silent host that counts the connections it accepted and holds them until the test
/// ends.
async fn counting_silent_host() -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&accepted);
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(stream);
        }
    });
    (addr, accepted)
}

/// One connection at a time: the second check waits for the first, and the deadline
/// ends the one under way and the one still waiting, as unfinished rather than down.
#[tokio::test]
async fn checks_wait_for_a_turn_and_end_unfinished_at_the_deadline() {
    let (silent, accepted) = counting_silent_host().await;
    let candidates = vec![
        candidate("first", silent),
        candidate("second", silent),
        candidate("third", silent),
    ];
    // Each check gives up after 800 ms; the second cannot end before 1.6 s.
    let deadline = Instant::now() + Duration::from_millis(1200);
    let checks = check_addresses(&candidates, TIMEOUT, 1, deadline).await;
    assert!(Instant::now() >= deadline);
    let outcomes: Vec<&CheckOutcome> = checks.iter().map(|c| &c.outcome).collect();
    assert_eq!(
        outcomes[0],
        &CheckOutcome::TimedOut {
            stage: CheckStage::Bind
        }
    );
    assert!(
        matches!(outcomes[1], CheckOutcome::Unfinished { .. }),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], &CheckOutcome::Unfinished { started: false });
    assert!(
        checks
            .iter()
            .skip(1)
            .all(|c| !c.outcome.speaks_for_the_host())
    );
    // The third never connected: at most two connections were made.
    assert!(accepted.load(std::sync::atomic::Ordering::SeqCst) <= 2);
}

/// A host whose bind_ack accepts neither NDR32 nor NDR64 but whose alter_context accepts
/// NDR32: activation uses it, so the check reports it bound, through one alter_context.
#[tokio::test]
async fn a_host_usable_only_after_alter_context_is_bound() {
    let kms = support::kms_host::KmsHost::start(30).expect("test host");
    kms.knobs
        .reject_bind_syntaxes
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let check = check_address(candidate("kms.corp.test", kms.addr()), TIMEOUT).await;
    assert_eq!(
        check.outcome,
        CheckOutcome::Bound {
            syntax: TransferSyntax::Ndr32
        }
    );
    let received = kms.received();
    assert_eq!((received.binds, received.alter_contexts), (1, 1));
    assert!(received.requests.is_empty(), "the check sends no request");
}
