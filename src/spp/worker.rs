//! A blocking session on a thread of its own, each call bounded by a deadline.
//!
//! A WMI connection stays on the thread that opened it (COM apartments; the `wmi` crate's
//! connection is not `Send`) and its calls block. [`Worker`] opens the session on a
//! dedicated thread and hands it each call as a job; the caller waits for the answer at
//! most the timeout (`--timeout`). A call past it returns [`SppError::Timeout`] and the
//! thread is abandoned (it goes with the process): later calls are refused at once, so a
//! hung service costs one timeout, and nothing blocks the async runtime of the caller,
//! which can run [`Worker::run`] on a blocking thread. The worker itself is `Send`.

use std::marker::PhantomData;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use super::SppError;

type Job<S> = Box<dyn FnOnce(&mut S) + Send>;

/// A session of type `S` living on its own thread.
pub(crate) struct Worker<S> {
    /// Where jobs go; dropped when the thread is abandoned, so that it ends by itself if
    /// its call ever returns.
    jobs: Option<Sender<Job<S>>>,
    timeout: Duration,
    /// Why no more calls are sent.
    ended: Option<String>,
    /// `S` itself never leaves its thread.
    _session: PhantomData<fn() -> S>,
}

impl<S> std::fmt::Debug for Worker<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("timeout", &self.timeout)
            .field("ended", &self.ended)
            .finish()
    }
}

impl<S: 'static> Worker<S> {
    /// Starts the thread `name` and opens the session there with `open`, waiting at most
    /// `timeout` for it.
    pub(crate) fn start<F>(name: &str, timeout: Duration, open: F) -> Result<Worker<S>, SppError>
    where
        F: FnOnce() -> Result<S, SppError> + Send + 'static,
    {
        let (jobs, inbox) = mpsc::channel::<Job<S>>();
        let (opened, opened_answer) = mpsc::channel::<Result<(), SppError>>();
        thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let mut session = match open() {
                    Ok(session) => session,
                    Err(error) => {
                        let _ = opened.send(Err(error));
                        return;
                    }
                };
                if opened.send(Ok(())).is_err() {
                    return;
                }
                while let Ok(job) = inbox.recv() {
                    job(&mut session);
                }
            })
            .map_err(|error| SppError::Thread(error.to_string()))?;
        let operation = "opening the WMI connection";
        match opened_answer.recv_timeout(timeout) {
            Ok(Ok(())) => Ok(Worker {
                jobs: Some(jobs),
                timeout,
                ended: None,
                _session: PhantomData,
            }),
            Ok(Err(error)) => Err(error),
            Err(RecvTimeoutError::Timeout) => Err(SppError::Timeout {
                operation: operation.into(),
                timeout,
                activating: false,
            }),
            Err(RecvTimeoutError::Disconnected) => Err(SppError::SessionEnded {
                operation: operation.into(),
                reason: "the WMI thread ended while connecting".into(),
            }),
        }
    }

    /// Runs `job` on the session's thread and waits at most the timeout for its answer.
    /// `activating` marks an `Activate` call (its timeout means exit 3, not 5).
    pub(crate) fn run<T, F>(
        &mut self,
        operation: &str,
        activating: bool,
        job: F,
    ) -> Result<T, SppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut S) -> Result<T, SppError> + Send + 'static,
    {
        let ended = |reason: &str| SppError::SessionEnded {
            operation: operation.to_string(),
            reason: reason.to_string(),
        };
        if let Some(reason) = &self.ended {
            return Err(ended(reason));
        }
        let Some(jobs) = &self.jobs else {
            return Err(ended("the WMI thread is gone"));
        };
        let (reply, answer) = mpsc::channel();
        let sent = jobs.send(Box::new(move |session: &mut S| {
            let _ = reply.send(job(session));
        }));
        if sent.is_err() {
            return Err(self.abandon(ended("the WMI thread is gone")));
        }
        match answer.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => Err(self.abandon(SppError::Timeout {
                operation: operation.to_string(),
                timeout: self.timeout,
                activating,
            })),
            Err(RecvTimeoutError::Disconnected) => {
                Err(self.abandon(ended("the WMI thread ended during the call")))
            }
        }
    }

    /// Leaves the thread behind and refuses every later call with `error`'s reason.
    fn abandon(&mut self, error: SppError) -> SppError {
        self.jobs = None;
        self.ended = Some(error.to_string());
        error
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    /// Long enough never to fire on a loaded machine for a call that returns at once.
    const PATIENT: Duration = Duration::from_secs(60);

    #[test]
    fn a_session_that_is_not_send_lives_on_its_thread() {
        // Rc is not Send: the session can only ever be touched on the worker's thread.
        let mut worker =
            Worker::start("test-worker", PATIENT, || Ok(Rc::new(Cell::new(0u32)))).expect("starts");
        for expected in 1..=3 {
            let count = worker
                .run("count", false, |session: &mut Rc<Cell<u32>>| {
                    session.set(session.get() + 1);
                    Ok(session.get())
                })
                .expect("answers");
            assert_eq!(count, expected);
        }
        let failed = worker.run("fail", false, |_: &mut Rc<Cell<u32>>| {
            Err::<(), _>(SppError::NoWindowsProductKey)
        });
        assert_eq!(failed, Err(SppError::NoWindowsProductKey));
    }

    #[test]
    fn the_worker_moves_to_a_blocking_thread_its_session_stays() {
        // What an async caller does: the worker goes to a blocking thread for a call.
        let mut worker =
            Worker::start("test-worker", PATIENT, || Ok(Rc::new(Cell::new(7u32)))).expect("starts");
        let answer = thread::spawn(move || {
            worker.run("read", false, |session: &mut Rc<Cell<u32>>| {
                Ok(session.get())
            })
        })
        .join()
        .expect("the calling thread ends");
        assert_eq!(answer, Ok(7));
    }

    #[test]
    fn a_call_past_the_deadline_times_out_and_ends_the_session() {
        let mut worker =
            Worker::start("test-worker", Duration::from_millis(50), || Ok(())).expect("starts");
        // The call blocks until the test drops `release`: it hangs as long as needed.
        let (release, hold) = mpsc::channel::<()>();
        let error = worker
            .run(
                "SoftwareLicensingProduct.Activate",
                true,
                move |_: &mut ()| {
                    let _ = hold.recv();
                    Ok(())
                },
            )
            .unwrap_err();
        assert!(
            matches!(&error, SppError::Timeout { activating: true, operation, .. } if operation.contains("Activate")),
            "{error:?}"
        );
        let later = worker.run("query", false, |_: &mut ()| Ok(())).unwrap_err();
        assert!(matches!(later, SppError::SessionEnded { .. }), "{later:?}");
        assert!(later.to_string().contains("did not return"), "{later}");
        drop(release);
    }

    #[test]
    fn opening_fails_or_hangs_with_a_clear_error() {
        let error = Worker::<()>::start("test-worker", PATIENT, || {
            Err(SppError::failed(
                "connecting",
                None,
                crate::protocol::HResult::WBEM_INVALID_NAMESPACE,
            ))
        })
        .unwrap_err();
        assert_eq!(error.hresult(), Some(crate::protocol::HResult(0x8004_100E)));

        let (release, hold) = mpsc::channel::<()>();
        let error = Worker::<()>::start("test-worker", Duration::from_millis(50), move || {
            let _ = hold.recv();
            Ok(())
        })
        .unwrap_err();
        assert!(
            matches!(
                error,
                SppError::Timeout {
                    activating: false,
                    ..
                }
            ),
            "{error:?}"
        );
        drop(release);
    }

    #[test]
    fn a_call_that_panics_ends_the_session_not_the_process() {
        let mut worker = Worker::start("test-worker", PATIENT, || Ok(())).expect("starts");
        let error = worker
            .run("crash", false, |_: &mut ()| -> Result<(), SppError> {
                panic!("a provider fault, simulated")
            })
            .unwrap_err();
        assert!(matches!(error, SppError::SessionEnded { .. }), "{error:?}");
        assert!(worker.run("again", false, |_: &mut ()| Ok(())).is_err());
    }
}
