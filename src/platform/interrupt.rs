//! The user asking a long wait to stop: Ctrl-C everywhere; on Unix also SIGTERM (a
//! service manager stopping it) and SIGHUP (its terminal closing); on Windows also
//! Ctrl-Break and closing the console window. `ato --wait` then records what it has and
//! exits.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set once an interrupt has arrived, for waits that cannot poll [`interrupted`] (the
/// state lock's, which runs between two awaits of `ato --wait`).
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether an interrupt has arrived since [`interrupted`] started listening. Before that
/// the signals keep their default action, which ends the process.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Completes when the user interrupts. If the OS refuses to deliver the signals, it
/// never completes: the wait then runs to its deadline, rather than stopping at once.
pub(crate) async fn interrupted() {
    if listen().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Called by the listening thread when an interrupt arrives: sets the flag first (a
/// synchronous wait may be running, not polling the future), then wakes the future.
fn arrived(signalled: tokio::sync::oneshot::Sender<()>) {
    REQUESTED.store(true, Ordering::SeqCst);
    let _ = signalled.send(());
}

/// The signals' handlers write a byte into a pipe (the self-pipe pattern) that a thread
/// waits on. Not tokio's signal driver: it needs a Unix socket pair, created at every
/// runtime start, and panics where a sandbox refuses one (docs/activation.md).
#[cfg(unix)]
async fn listen() -> std::io::Result<()> {
    use std::io::Read;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    let (mut reader, writer) = std::io::pipe()?;
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        signal_hook::low_level::pipe::register(signal, writer.try_clone()?)?;
    }
    drop(writer);
    let (signalled, received) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("interrupt".to_owned())
        .spawn(move || {
            // Blocks until a handler writes its byte; a failed read leaves the sender
            // dropped, so the wait is never interrupted by mistake.
            let mut byte = [0u8; 1];
            if reader.read(&mut byte).is_ok_and(|read| read == 1) {
                arrived(signalled);
            }
        })?;
    received
        .await
        .map_err(|_| std::io::Error::other("the interrupt pipe closed"))
}

/// Ctrl-C, Ctrl-Break, or the console window closing, awaited on a thread of its own
/// (with a runtime of its own) so that the flag is set even while the command's thread
/// is in a synchronous wait. For a close, tokio's handler does not return, so Windows
/// waits (up to its timeout of a few seconds) while the state is recorded and the
/// process exits.
#[cfg(windows)]
async fn listen() -> std::io::Result<()> {
    let (signalled, received) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("interrupt".to_owned())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            if runtime.block_on(console_event()).is_ok() {
                arrived(signalled);
            }
        })?;
    received
        .await
        .map_err(|_| std::io::Error::other("the interrupt listener ended"))
}

#[cfg(windows)]
async fn console_event() -> std::io::Result<()> {
    use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
    let mut c = ctrl_c()?;
    let mut brk = ctrl_break()?;
    let mut close = ctrl_close()?;
    tokio::select! {
        _ = c.recv() => {}
        _ = brk.recv() => {}
        _ = close.recv() => {}
    }
    Ok(())
}
