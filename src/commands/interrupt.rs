//! The user asking a long wait to stop: Ctrl-C everywhere; on Windows also Ctrl-Break and
//! closing the console window. `ato --wait` then records what it has and exits.

/// Completes when the user interrupts. If the OS refuses to deliver the signals, it
/// never completes: the wait then runs to its deadline, rather than stopping at once.
pub async fn interrupted() {
    if listen().await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[cfg(unix)]
async fn listen() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}

/// Ctrl-C, Ctrl-Break, or the console window closing. For a close, tokio's handler does
/// not return, so Windows waits (up to its timeout of a few seconds) while the state is
/// recorded and the process exits.
#[cfg(windows)]
async fn listen() -> std::io::Result<()> {
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
