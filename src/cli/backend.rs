//! Which backend the slmgr commands use: `--standalone` and `VLMGR_STANDALONE`, as a
//! pure decision every OS tests (docs/windows.md, "Two backends").

use super::usage::UsageError;
use crate::commands::Action;
use crate::config::Backend;

/// The environment variable that picks the backend without the flag.
pub(crate) const STANDALONE_ENV: &str = "VLMGR_STANDALONE";

/// What `VLMGR_STANDALONE` may hold, for messages and the man page.
pub(crate) const STANDALONE_VALUES: &str = "1, true or yes (vlmgr's own client); 0, false or no \
(Windows' licensing service, Windows only)";

/// The backend of `--standalone` (`flag`), `VLMGR_STANDALONE` (`env`, unset or empty:
/// not given) on an OS that has Windows' licensing service or not (`has_system`).
///
/// The flag wins; a value of the variable that is none of [`STANDALONE_VALUES`] is a
/// usage error whatever the flag, so a typo never goes unnoticed. Without either, the
/// system backend where there is one, else the standalone one. Asking for the system
/// backend where there is none is a usage error that says why.
pub(crate) fn backend_from(
    flag: bool,
    env: Option<&str>,
    has_system: bool,
) -> Result<Backend, UsageError> {
    let from_env = match env.map(str::trim).filter(|value| !value.is_empty()) {
        None => None,
        Some(value) => Some(parse_standalone(value).ok_or_else(|| {
            UsageError::new(
                format!("{STANDALONE_ENV}={value:?} is not understood"),
                format!("Give {STANDALONE_VALUES}, or unset it."),
            )
        })?),
    };
    let standalone = flag || from_env.unwrap_or(!has_system);
    match (standalone, has_system) {
        (true, _) => Ok(Backend::Standalone),
        (false, true) => Ok(Backend::System),
        (false, false) => Err(UsageError::new(
            format!(
                "{STANDALONE_ENV}={} asks for the system backend, Windows' own licensing \
                 service, which only Windows has",
                env.unwrap_or_default().trim()
            ),
            format!("Here vlmgr is its own KMS client: unset {STANDALONE_ENV} or set it to 1."),
        )),
    }
}

/// `Some(true)` for a value that asks for the standalone backend, `Some(false)` for one
/// that asks for the system backend, `None` for anything else.
fn parse_standalone(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// Why `action` cannot run on `backend`, if it cannot: the options of vlmgr's own
/// client the system backend has no use for (Windows picks the host and speaks the
/// protocol itself), and `cpky`, which only Windows has. `srv_order_given`: `--srv-order`
/// was on the command line.
pub(crate) fn refusal(
    backend: Backend,
    action: &Action,
    srv_order_given: bool,
) -> Option<UsageError> {
    match (backend, action) {
        (Backend::System, Action::Activate(options)) => {
            let given: Vec<&str> = [
                (options.kms.is_some(), "--kms"),
                (options.protocol.is_some(), "--protocol"),
                (srv_order_given, "--srv-order"),
            ]
            .into_iter()
            .filter_map(|(given, name)| given.then_some(name))
            .collect();
            (!given.is_empty()).then(|| {
                UsageError::new(
                    format!(
                        "{} cannot be used with Windows' licensing service: Windows finds the \
                         KMS host and speaks the protocol itself",
                        given.join(", ")
                    ),
                    "Set its host with `vlmgr skms HOST` (or its lookup domain with `vlmgr \
                     skms-domain DOMAIN`), or add --standalone to use vlmgr's own client.",
                )
            })
        }
        (Backend::System, Action::Check(options)) if options.activate || options.expiry => {
            Some(check_of_the_own_client(options.activate))
        }
        (Backend::Standalone, Action::ClearProductKeyFromRegistry) => Some(UsageError::new(
            "cpky clears the product key Windows keeps in its registry; vlmgr's own client \
             (--standalone, and every OS but Windows) keeps no key there",
            "Nothing to clear here; on Windows, run it without --standalone.",
        )),
        _ => None,
    }
}

/// `check --activate` and `--expiry` are about vlmgr's own client: its identity sends the
/// request, its state holds the products. With Windows' licensing service that would
/// count the machine on the host a second time, or tell of products Windows does not
/// have, so they are refused (docs/windows.md, "`check` on Windows").
fn check_of_the_own_client(activate: bool) -> UsageError {
    match activate {
        true => UsageError::new(
            "check --activate sends a request under vlmgr's own client identity, which the \
             host would count besides Windows' own",
            "Check the hosts without a request: `vlmgr check`; Windows' own activation: \
             `vlmgr ato`, then `vlmgr dlv`. Add --standalone for vlmgr's own client.",
        ),
        false => UsageError::new(
            "check --expiry reads the products of vlmgr's own client, not Windows' licenses",
            "Windows' own: `vlmgr xpr all` (or `vlmgr dlv all`). Add --standalone for vlmgr's \
             own client.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::KmsAddress;
    use crate::commands::{ActivateOptions, CheckOptions};
    use crate::output::report::CheckFormat;

    /// An error's two lines as one text, for the assertions.
    fn text(error: UsageError) -> String {
        format!("{} {}", error.message, error.hint)
    }

    #[test]
    fn windows_defaults_to_the_system_backend_and_the_flag_or_variable_picks_standalone() {
        assert_eq!(backend_from(false, None, true), Ok(Backend::System));
        assert_eq!(backend_from(true, None, true), Ok(Backend::Standalone));
        for yes in ["1", "true", "YES", " yes "] {
            assert_eq!(
                backend_from(false, Some(yes), true),
                Ok(Backend::Standalone)
            );
        }
        for no in ["0", "False", "no"] {
            assert_eq!(backend_from(false, Some(no), true), Ok(Backend::System));
            // The flag wins over the variable.
            assert_eq!(backend_from(true, Some(no), true), Ok(Backend::Standalone));
        }
        // Empty is unset.
        assert_eq!(backend_from(false, Some(""), true), Ok(Backend::System));
    }

    #[test]
    fn elsewhere_standalone_is_accepted_and_changes_nothing() {
        for (flag, env) in [
            (false, None),
            (true, None),
            (false, Some("1")),
            (true, Some("yes")),
            (false, Some("")),
        ] {
            assert_eq!(
                backend_from(flag, env, false),
                Ok(Backend::Standalone),
                "{flag} {env:?}"
            );
        }
        // With the flag, the variable's "no" is overruled, not an error.
        assert_eq!(
            backend_from(true, Some("0"), false),
            Ok(Backend::Standalone)
        );
    }

    #[test]
    fn asking_for_the_system_backend_without_windows_says_why() {
        let error = text(backend_from(false, Some("0"), false).unwrap_err());
        assert!(error.starts_with("VLMGR_STANDALONE=0 asks for the system backend"));
        assert!(error.contains("only Windows has"), "{error}");
        assert!(error.contains("unset VLMGR_STANDALONE"), "{error}");
    }

    #[test]
    fn a_value_that_means_nothing_is_a_usage_error_everywhere() {
        for has_system in [true, false] {
            for flag in [true, false] {
                let error = text(backend_from(flag, Some("maybe"), has_system).unwrap_err());
                assert!(error.contains("\"maybe\" is not understood"), "{error}");
                assert!(error.contains(STANDALONE_VALUES), "{error}");
            }
        }
    }

    #[test]
    fn the_system_backend_refuses_the_standalone_client_s_options() {
        let plain = Action::Activate(ActivateOptions::default());
        assert_eq!(refusal(Backend::System, &plain, false), None);
        let with_kms = Action::Activate(ActivateOptions {
            kms: Some(KmsAddress::parse("kms.corp.example").expect("address")),
            protocol: Some(6),
            ..ActivateOptions::default()
        });
        let why = text(refusal(Backend::System, &with_kms, true).expect("refused"));
        assert!(
            why.starts_with("--kms, --protocol, --srv-order cannot be used"),
            "{why}"
        );
        assert!(why.contains("vlmgr skms HOST") && why.contains("--standalone"));
        // The standalone client takes them.
        assert_eq!(refusal(Backend::Standalone, &with_kms, true), None);
        assert_eq!(
            refusal(Backend::Standalone, &plain, true),
            None,
            "--srv-order is the standalone client's"
        );
    }

    #[test]
    fn check_of_the_own_client_is_refused_with_windows_licensing() {
        let check = |activate, expiry| {
            Action::Check(CheckOptions {
                domains: Vec::new(),
                activate,
                product: None,
                expiry,
                warn_days: 30,
                crit_days: 7,
                format: CheckFormat::Nagios,
            })
        };
        assert_eq!(refusal(Backend::System, &check(false, false), false), None);
        let why = text(refusal(Backend::System, &check(true, false), false).expect("refused"));
        assert!(why.starts_with("check --activate sends a request"), "{why}");
        assert!(why.contains("--standalone"), "{why}");
        let why = text(refusal(Backend::System, &check(false, true), false).expect("refused"));
        assert!(why.contains("vlmgr xpr all"), "{why}");
        for (activate, expiry) in [(true, false), (false, true), (true, true)] {
            let standalone = check(activate, expiry);
            assert_eq!(refusal(Backend::Standalone, &standalone, false), None);
        }
    }

    #[test]
    fn cpky_is_windows_own() {
        let cpky = Action::ClearProductKeyFromRegistry;
        assert_eq!(refusal(Backend::System, &cpky, false), None);
        let why = text(refusal(Backend::Standalone, &cpky, false).expect("refused"));
        assert!(why.contains("keeps no key there"), "{why}");
    }
}
