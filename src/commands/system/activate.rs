//! `ato` and `renew` on Windows' licensing service: one `Activate` (as slmgr), or with
//! `ato --wait` one after another, spaced by the rules of docs/activation.md and never
//! faster than the host's activation interval after a count too low.
//!
//! `--wait` runs the standalone backend's loop ([`run_tries`]) over attempts made on a
//! blocking thread: the licensing service's calls block (each within `--timeout`), and
//! the connection moves to that thread for an attempt and comes back after it. An attempt
//! under way when `--wait` ends is left to finish within `--timeout`.

use std::future::Future;
use std::time::{Duration, Instant};

use super::super::ActivateOptions;
use super::super::activate::report::{next_try_sentence, planned_try};
use super::super::activate::schedule::{AttemptEnd, Planned, Schedule};
use super::super::activate::wait::{Attempts, Progress, StderrProgress, Window, run_tries};
use super::narrated::Narrated;
use super::{Completed, Failure, id_of, unix_now};
use crate::client::Narration;
use crate::config::Config;
use crate::exit_codes::Exit;
use crate::output::Report;
use crate::output::activation::SystemActivationReport;
use crate::output::report::SystemReport;
use crate::protocol::HResult;
use crate::spp::commands::{
    self as spp_commands, ActivationOutcome, ProductActivation, Retry, Selection,
};
use crate::spp::error::{hresult_hint, hresult_text};
use crate::spp::values::days_from_minutes;
use crate::spp::{LicenseStatus, Spp, SppError};

/// `ato` / `renew` once.
pub(super) fn once(
    spp: &mut dyn Spp,
    now: u64,
    command: &'static str,
    product: Option<&str>,
) -> Result<Completed, Failure> {
    let started = Instant::now();
    let selection = selection_of(product)?;
    let activation = attempt(spp, command, selection)?;
    let report = report(command, activation, now, Tries::once(started));
    Ok(completed(report))
}

/// One `Activate` (or none, for what needs none) on the product `selection` names.
fn attempt(
    spp: &mut dyn Spp,
    command: &'static str,
    selection: Selection,
) -> Result<ProductActivation, Failure> {
    let run = match command {
        "renew" => spp_commands::renew(spp, selection)?,
        _ => spp_commands::activate(spp, selection)?,
    };
    // One product: `all` is not offered for ato and renew (docs/windows.md).
    let Some(activation) = run.products.into_iter().next() else {
        return Err(SppError::NoProductKey.into());
    };
    // Nothing was asked of a host: the command could not do its work.
    if activation.outcome == ActivationOutcome::TokenOnly {
        return Err(SppError::TokenOnly {
            id: activation.product.id,
            name: activation.product.name,
        }
        .into());
    }
    Ok(activation)
}

fn selection_of(product: Option<&str>) -> Result<Selection, Failure> {
    Ok(id_of(product)?.map_or(Selection::Default, Selection::Id))
}

/// `ato --wait` on Windows' licensing service through WMI: Ctrl-C ends it, the progress
/// line goes to stderr.
pub(super) fn wait(
    config: &Config,
    spp: Box<dyn Spp + Send>,
    options: &ActivateOptions,
    wait: Duration,
    narrator: Narration,
) -> Result<Completed, Failure> {
    let selection = selection_of(options.product.as_deref())?;
    let runtime = super::super::runtime()?;
    let mut progress = StderrProgress::new(config, &narrator, false);
    let waited = runtime.block_on(wait_with(
        spp,
        selection,
        WaitSettings {
            wait,
            retry_interval: options.retry_interval,
            timeout: config.timeout,
        },
        crate::platform::interrupt::interrupted(),
        &mut progress,
        narrator.clone(),
    ));
    // An attempt still on its blocking thread after Ctrl-C is not waited for.
    runtime.shutdown_background();
    waited.map(completed)
}

/// What `--wait` was given.
#[derive(Debug, Clone, Copy)]
pub(in crate::commands) struct WaitSettings {
    /// `--wait`.
    pub(in crate::commands) wait: Duration,
    /// `--retry-interval`.
    pub(in crate::commands) retry_interval: Option<Duration>,
    /// `--timeout`: each attempt's.
    pub(in crate::commands) timeout: Duration,
}

/// `ato --wait` on `spp`: tries until the product is activated, a try would fall after
/// the end of the wait, an answer no try would change, or `interrupt`; reports the last
/// attempt. Generic over the interrupt and the progress line, so the tests drive it
/// against the model under tokio's paused clock.
pub(in crate::commands) async fn wait_with<I: Future, P: Progress>(
    mut spp: Box<dyn Spp + Send>,
    selection: Selection,
    settings: WaitSettings,
    interrupt: I,
    progress: &mut P,
    narrator: Narration,
) -> Result<SystemActivationReport, Failure> {
    let started = Instant::now();
    let interval = recorded_interval(spp.as_mut(), selection, &narrator)?;
    let mut schedule = Schedule::new(settings.retry_interval, interval, rand::rng());
    let window_start = tokio::time::Instant::from_std(started);
    let window = Window {
        started: window_start,
        end: window_start + settings.wait.min(CENTURY),
        attempt_timeout: settings.timeout,
    };
    let mut attempts = Blocking {
        spp: Some(spp),
        selection,
        narrator,
    };
    let waited = run_tries(&mut attempts, &mut schedule, window, interrupt, progress).await?;
    let Some((activation, ended_at)) = waited.last else {
        // Interrupted before the first attempt came back.
        return Err(Failure::Interrupted);
    };
    let tries = Tries {
        count: waited.tries,
        interrupted: waited.interrupted,
        started,
        wait: Some((settings.wait, waited.next_try)),
    };
    Ok(report("ato", activation, ended_at, tries))
}

/// Far enough for any `--wait` (the clock's end).
const CENTURY: Duration = Duration::from_secs(100 * 365 * 86_400);

/// The product's activation interval before the first try (Windows' `VLActivationInterval`):
/// how far the waits after attempts without an answer may grow.
fn recorded_interval(
    spp: &mut (dyn Spp + Send),
    selection: Selection,
    narrator: &Narration,
) -> Result<u32, Failure> {
    let mut narrated = Narrated::new(spp, narrator);
    let products = spp_commands::keyed_selection(&mut narrated, selection)?;
    Ok(products
        .first()
        .map_or(0, |product| product.activation_interval_minutes))
}

/// Attempts made on a blocking thread, the connection moved there and back.
struct Blocking {
    /// None only while an attempt has it.
    spp: Option<Box<dyn Spp + Send>>,
    selection: Selection,
    narrator: Narration,
}

impl Attempts for Blocking {
    /// The activation, and when it ended (Unix seconds).
    type Attempt = (ProductActivation, u64);

    async fn attempt(&mut self, _deadline: tokio::time::Instant) -> Result<Self::Attempt, Failure> {
        let Some(mut spp) = self.spp.take() else {
            return Err(Failure::Usage(
                "the licensing service's connection was lost after an earlier attempt".into(),
            ));
        };
        let selection = self.selection;
        let narrator = self.narrator.clone();
        let (spp, activation) = tokio::task::spawn_blocking(move || {
            let activation = attempt(
                &mut Narrated::new(spp.as_mut(), &narrator),
                "ato",
                selection,
            );
            (spp, activation)
        })
        .await
        .map_err(|error| {
            Failure::Spp(SppError::SessionEnded {
                operation: "SoftwareLicensingProduct.Activate".into(),
                reason: format!("the attempt's thread ended: {error}"),
            })
        })?;
        self.spp = Some(spp);
        Ok((activation?, unix_now()))
    }

    fn end(&self, (activation, _): &Self::Attempt) -> AttemptEnd {
        match activation.retry() {
            Retry::AfterHostInterval { minutes } => AttemptEnd::Answered {
                activation_interval_minutes: Some(minutes),
            },
            // Windows may have sent a request before it gave up on the host.
            Retry::AfterNoAnswer => AttemptEnd::NoValidAnswer,
            // Done, or nothing a new try would change (ends_the_loop).
            Retry::No | Retry::Stop => AttemptEnd::Activated,
        }
    }

    fn describe(&self, (activation, _): &Self::Attempt, number: u32) -> String {
        match activation.outcome.hresult() {
            Some(HResult::COUNT_INSUFFICIENT) => {
                format!("attempt {number}: the host's count is too low (0xC004F038)")
            }
            Some(code) => format!("attempt {number}: Windows answered {code}"),
            None => format!("attempt {number}"),
        }
    }

    fn ends_the_loop(&self, (activation, _): &Self::Attempt) -> bool {
        activation.retry() == Retry::Stop
    }
}

/// How the tries went, beyond the last one.
struct Tries {
    count: u32,
    interrupted: bool,
    started: Instant,
    /// `--wait` and the try it planned but did not make.
    wait: Option<(Duration, Option<Planned>)>,
}

impl Tries {
    fn once(started: Instant) -> Tries {
        Tries {
            count: 1,
            interrupted: false,
            started,
            wait: None,
        }
    }
}

/// The report of the last activation, read at `now`.
fn report(
    command: &'static str,
    activation: ProductActivation,
    now: u64,
    tries: Tries,
) -> SystemActivationReport {
    let (message, hint) = message_and_hint(&activation);
    let mut notes = Vec::new();
    if tries.interrupted {
        notes.push("interrupted: the last attempt's result is the report".to_string());
    }
    let planned = tries
        .wait
        .and_then(|(wait, planned)| planned.map(|planned| (wait, planned)));
    let sentence = planned.map(|(wait, planned)| next_try_sentence(wait, planned, now));
    let counting = activation.outcome.hresult() == Some(HResult::COUNT_INSUFFICIENT);
    let hint = match (counting, tries.wait, sentence) {
        (true, Some(_), Some(sentence)) => Some(format!(
            "The count rises as more clients ask the host. {sentence}"
        )),
        (_, _, Some(sentence)) => {
            notes.push(sentence);
            hint
        }
        (_, _, None) => hint,
    };
    let exit_code = activation.outcome.exit_code();
    SystemActivationReport {
        command,
        now,
        message,
        hint,
        attempts: tries.count,
        interrupted: tries.interrupted,
        next_try: planned.map(|(_, planned)| planned_try(planned, now)),
        elapsed: tries.started.elapsed(),
        exit_code,
        notes,
        activation,
    }
}

/// slmgr's sentence for the outcome, and what to do about it.
fn message_and_hint(activation: &ProductActivation) -> (String, Option<String>) {
    let after = &activation.after;
    let name = &activation.product.name;
    match activation.outcome {
        ActivationOutcome::Activated => ("Product activated successfully.".into(), None),
        ActivationOutcome::ExtendedGrace => (
            "Product activated successfully (License Status: Extended grace period).".into(),
            None,
        ),
        ActivationOutcome::NotLicensed { status, reason } => {
            let genuine =
                status != LicenseStatus::NonGenuineGrace && reason != HResult(0xC004_F200);
            let text = if genuine {
                "Product activation failed"
            } else {
                "Product activation failed: Windows reports this copy as non-genuine"
            };
            let status = crate::output::view::LicenseStatusView::from(status).slmgr_text();
            let hint = if reason.is_failure() {
                hresult_hint(reason)
            } else {
                "Run `vlmgr dlv` to see the license status and its reason.".into()
            };
            (format!("{text} (License Status: {status})."), Some(hint))
        }
        ActivationOutcome::Failed { hresult } => (
            hresult_text(hresult).to_string(),
            Some(hresult_hint(hresult)),
        ),
        ActivationOutcome::LeftAlone => (
            format!(
                "{name} is activated with a MAK: vlmgr does not activate it again, which would \
                 use one of the key's activations (nothing was called)."
            ),
            None,
        ),
        ActivationOutcome::RenewsByItself if after.grace_minutes == 0 => (
            format!("{name} is permanently activated: nothing to renew (nothing was called)."),
            None,
        ),
        ActivationOutcome::RenewsByItself => (
            format!(
                "{name} is activated ({} day(s) left) and Windows renews it by itself (nothing \
                 was called).",
                days_from_minutes(after.grace_minutes)
            ),
            None,
        ),
        // Refused before the report (`attempt`).
        ActivationOutcome::TokenOnly => (
            SppError::TokenOnly {
                id: activation.product.id,
                name: name.clone(),
            }
            .to_string(),
            None,
        ),
    }
}

fn completed(report: SystemActivationReport) -> Completed {
    let exit: Exit = report.exit_code;
    Completed {
        report: Report::System(Box::new(SystemReport::Activation(Box::new(report)))),
        exit: exit.into(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tokio::time::Instant as Clock;

    use super::*;
    use crate::spp::model::{Answer, Model};
    use crate::spp::{ActivationType, Columns, Filter, Method, MethodCall, Product, Service};

    const MIN: Duration = Duration::from_secs(60);

    /// The model, with the (paused) clock's time of every `Activate`.
    struct Timed {
        model: Model,
        activations: Arc<Mutex<Vec<Clock>>>,
    }

    impl Spp for Timed {
        fn service(&mut self) -> Result<Service, SppError> {
            self.model.service()
        }
        fn products(&mut self, filter: Filter, columns: Columns) -> Result<Vec<Product>, SppError> {
            self.model.products(filter, columns)
        }
        fn call(&mut self, call: &MethodCall) -> Result<(), SppError> {
            if call.method == Method::Activate {
                self.activations.lock().expect("lock").push(Clock::now());
            }
            self.model.call(call)
        }
        fn kms_version_value(&mut self) -> Result<Option<String>, SppError> {
            self.model.kms_version_value()
        }
        fn set_kms_version_value(&mut self, version: Option<&str>) -> Result<(), SppError> {
            self.model.set_kms_version_value(version)
        }
    }

    struct Quiet;

    impl Progress for Quiet {
        fn ticks(&self) -> bool {
            false
        }
        fn show(&mut self, _: &str) {}
        fn clear(&mut self) {}
    }

    fn count_too_low(minutes: u32) -> Answer {
        Answer::CountTooLow {
            host: Some(("kms1.corp.example".into(), 1688)),
            ip: "192.0.2.10".into(),
            activation_interval: minutes,
            renewal_interval: 10_080,
        }
    }

    fn activated() -> Answer {
        Answer::Activated {
            host: Some(("kms1.corp.example".into(), 1688)),
            ip: "192.0.2.10".into(),
            activation_interval: 120,
            renewal_interval: 10_080,
        }
    }

    /// `ato --wait wait` on `model` (no interrupt unless `interrupt` completes): the
    /// report, and the gaps between the `Activate` calls.
    async fn waited(
        model: Model,
        wait: Duration,
        interrupt: impl Future,
    ) -> (Result<SystemActivationReport, Failure>, Vec<Duration>) {
        let activations = Arc::new(Mutex::new(Vec::new()));
        let spp = Timed {
            model,
            activations: Arc::clone(&activations),
        };
        let settings = WaitSettings {
            wait,
            retry_interval: None,
            timeout: Duration::from_secs(30),
        };
        let narrator: Narration = Arc::new(crate::client::Silent);
        let report = wait_with(
            Box::new(spp),
            Selection::Default,
            settings,
            interrupt,
            &mut Quiet,
            narrator,
        )
        .await;
        let times = activations.lock().expect("lock").clone();
        let gaps = times.windows(2).map(|pair| pair[1] - pair[0]).collect();
        (report, gaps)
    }

    #[tokio::test(start_paused = true)]
    async fn wait_asks_again_after_the_host_s_interval_until_windows_is_activated() {
        let mut model = Model::synthetic_kms_client();
        model
            .answers
            .extend([count_too_low(45), count_too_low(30), activated()]);
        let (report, gaps) = waited(model, 8 * 60 * MIN, std::future::pending::<()>()).await;
        let report = report.expect("runs");
        assert_eq!(report.attempts, 3);
        assert_eq!(report.activation.outcome, ActivationOutcome::Activated);
        assert_eq!(report.exit_code, Exit::Success);
        assert!(report.next_try.is_none());
        assert_eq!(
            gaps,
            [45 * MIN, 30 * MIN],
            "the intervals the host asked for"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_host_is_retried_a_minute_later_doubling() {
        let mut model = Model::synthetic_kms_client();
        // The model finds no host when it has no answer: two misses, then a host.
        model.answers.extend([
            Answer::Fails(HResult::NO_KMS_CONTACTED),
            Answer::Fails(HResult::NO_KMS_CONTACTED),
            activated(),
        ]);
        let (report, gaps) = waited(model, 60 * MIN, std::future::pending::<()>()).await;
        assert_eq!(report.expect("runs").attempts, 3);
        assert_eq!(gaps, [MIN, 2 * MIN], "never faster than once a minute");
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_ends_the_wait_and_a_late_try_is_reported_not_made() {
        let mut model = Model::synthetic_kms_client();
        model
            .answers
            .push_back(Answer::Fails(HResult::KMS_CANNOT_BE_USED));
        let (report, gaps) = waited(model, 8 * 60 * MIN, std::future::pending::<()>()).await;
        let report = report.expect("runs");
        assert_eq!(report.attempts, 1, "a new try would not change a refusal");
        assert_eq!(report.exit_code, Exit::NotActivated);
        assert!(report.next_try.is_none());
        assert!(gaps.is_empty());

        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(count_too_low(120));
        let (report, _) = waited(model, 30 * MIN, std::future::pending::<()>()).await;
        let report = report.expect("runs");
        assert_eq!(report.attempts, 1);
        let next = report.next_try.expect("the try it did not make");
        assert!(next.after_wait_end);
        assert_eq!(next.after, 120 * MIN);
        let hint = report.hint.expect("a hint");
        assert!(
            hint.starts_with("The count rises as more clients ask the host."),
            "{hint}"
        );
        assert!(
            hint.contains("after the end of --wait 30m: pass --wait 2h or more"),
            "{hint}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_interrupt_while_waiting_reports_the_last_attempt() {
        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(count_too_low(45));
        let (report, _) = waited(model, 8 * 60 * MIN, tokio::time::sleep(10 * MIN)).await;
        let report = report.expect("runs");
        assert!(report.interrupted);
        assert_eq!(report.attempts, 1);
        assert!(report.notes.iter().any(|n| n.starts_with("interrupted")));
        assert_eq!(report.exit_code, Exit::NotActivated);
    }

    #[tokio::test(start_paused = true)]
    async fn a_token_only_product_is_refused_before_any_wait() {
        let mut model = Model::synthetic_kms_client();
        let id = crate::spp::model::catalog_entry("win11-enterprise").activation_id;
        model.product_mut(id).activation_type_enabled = ActivationType::Token;
        let (report, _) = waited(model, 60 * MIN, std::future::pending::<()>()).await;
        let failure = report.expect_err("refused");
        assert!(
            matches!(failure, Failure::Spp(SppError::TokenOnly { .. })),
            "{failure:?}"
        );
        assert_eq!(failure.exit_code(), Exit::LocalState);
    }
}
