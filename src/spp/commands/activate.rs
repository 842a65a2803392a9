//! `ato` and `renew`: the product's `Activate()`, the service's `RefreshLicenseStatus()`,
//! the product read again; token-only products refused, a licensed MAK left alone; and
//! what `ato --wait` needs to know to try again.

use super::{ProductRef, Selection, call, keyed_selection, reread};
use crate::exit_codes::Exit;
use crate::protocol::HResult;
use crate::spp::error::{exit_code_for, is_local_problem};
use crate::spp::{ActivationType, Columns, LicenseStatus, Method, Product, Spp, SppError, Target};

/// `ato` / `renew`: one entry per product acted on, in the service's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationRun {
    pub(crate) products: Vec<ProductActivation>,
}

impl ActivationRun {
    /// The run's exit code: that of the first product that did not end well, else 0
    /// (what the tests check; the output's run takes the worst product's).
    #[cfg(test)]
    pub(crate) fn exit_code(&self) -> Exit {
        self.products
            .iter()
            .map(|p| p.outcome.exit_code())
            .find(|code| *code != Exit::Success)
            .unwrap_or(Exit::Success)
    }
}

/// One product's activation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductActivation {
    /// slmgr's `Activating <Name> (<ID>) ...`.
    pub(crate) product: ProductRef,
    pub(crate) outcome: ActivationOutcome,
    /// The product as read after `Activate` (status, reason, intervals, the host Windows
    /// found), or as it was when nothing was called.
    pub(crate) after: Product,
}

impl ProductActivation {
    /// Whether and when `ato --wait` tries this product again (docs/activation.md).
    pub(crate) fn retry(&self) -> Retry {
        match self.outcome {
            ActivationOutcome::Failed {
                hresult: HResult::COUNT_INSUFFICIENT,
            } => Retry::AfterHostInterval {
                minutes: self.after.activation_interval_minutes,
            },
            ActivationOutcome::Failed { hresult }
                if exit_code_for(hresult, true) == Exit::NoHost =>
            {
                Retry::AfterNoAnswer
            }
            ActivationOutcome::Activated
            | ActivationOutcome::ExtendedGrace
            | ActivationOutcome::LeftAlone
            | ActivationOutcome::RenewsByItself => Retry::No,
            _ => Retry::Stop,
        }
    }
}

/// How one product's activation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActivationOutcome {
    /// `Activate` returned and the product is licensed: "Product activated successfully."
    Activated,
    /// `Activate` returned and the product is in extended grace (slmgr: activated, then
    /// "License Status: Extended grace period").
    ExtendedGrace,
    /// `Activate` returned but the product is not licensed: slmgr's "Error: Product
    /// activation failed." (its non-genuine texts for status 4, and 5 with 0xC004F200).
    NotLicensed {
        status: LicenseStatus,
        reason: HResult,
    },
    /// `Activate` failed with this HRESULT: the host's count is too low (0xC004F038), no
    /// host could be contacted (0xC004F074), a host's error...
    Failed { hresult: HResult },
    /// A licensed MAK product: not activated again, which would use up a MAK activation.
    LeftAlone,
    /// Configured for token-based activation only (`VLActivationTypeEnabled` 3): refused,
    /// as slmgr refuses it.
    TokenOnly,
    /// `renew` of a licensed product: Windows renews it by itself.
    RenewsByItself,
}

impl ActivationOutcome {
    pub(crate) fn exit_code(self) -> Exit {
        match self {
            Self::Activated | Self::ExtendedGrace | Self::LeftAlone | Self::RenewsByItself => {
                Exit::Success
            }
            Self::NotLicensed { .. } => Exit::NotActivated,
            Self::Failed { hresult } => exit_code_for(hresult, true),
            Self::TokenOnly => Exit::LocalState,
        }
    }

    /// The HRESULT to print with it, if any.
    pub(crate) fn hresult(self) -> Option<HResult> {
        match self {
            Self::Failed { hresult } => Some(hresult),
            Self::NotLicensed { reason, .. } if reason.is_failure() => Some(reason),
            _ => None,
        }
    }
}

/// What `ato --wait` does after an attempt (the schedule of docs/activation.md decides
/// how long; this says which of its cases applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Nothing to try again.
    No,
    /// The host answered that its count is too low: again after the activation interval
    /// it asked for (`VLActivationInterval`, read after the attempt), never sooner than the
    /// one-minute floor.
    AfterHostInterval { minutes: u32 },
    /// No host answered (0xC004F074, DNS): Windows may have sent a request, so as after an
    /// attempt without a valid answer (a minute, doubling).
    AfterNoAnswer,
    /// An outcome a new attempt would not change (a host's refusal, token-only, not
    /// genuine): the wait ends with it.
    Stop,
}

/// `ato [ACT_ID | all]`.
pub fn activate(spp: &mut dyn Spp, selection: Selection) -> Result<ActivationRun, SppError> {
    spp.service()?;
    let chosen = keyed_selection(spp, selection)?;
    let mut products = Vec::with_capacity(chosen.len());
    for product in chosen {
        products.push(activate_one(spp, product)?);
    }
    Ok(ActivationRun { products })
}

/// `renew [ACT_ID | all]`: Windows renews licensed products by itself; only those that
/// are not licensed (grace, notification, unlicensed) are activated.
pub(crate) fn renew(spp: &mut dyn Spp, selection: Selection) -> Result<ActivationRun, SppError> {
    spp.service()?;
    let chosen = keyed_selection(spp, selection)?;
    let mut products = Vec::with_capacity(chosen.len());
    for product in chosen {
        let activation = if product.license_status == LicenseStatus::Licensed {
            unchanged(product, ActivationOutcome::RenewsByItself)
        } else {
            activate_one(spp, product)?
        };
        products.push(activation);
    }
    Ok(ActivationRun { products })
}

/// One product, as slmgr's `ActivateProduct` does it.
fn activate_one(spp: &mut dyn Spp, product: Product) -> Result<ProductActivation, SppError> {
    if product.activation_type_enabled == ActivationType::Token {
        return Ok(unchanged(product, ActivationOutcome::TokenOnly));
    }
    if product.is_mak() && product.license_status == LicenseStatus::Licensed {
        return Ok(unchanged(product, ActivationOutcome::LeftAlone));
    }
    let target = Target::Product(product.id);
    let outcome = match call(spp, target, Method::Activate) {
        Ok(()) => {
            call(spp, Target::Service, Method::RefreshLicenseStatus)?;
            None
        }
        // A refusal of this machine (rights, WMI) is the command's error; anything else
        // is the product's outcome. slmgr stops there; vlmgr reads the product again
        // (a query) for the interval the host asked for.
        Err(SppError::Failed { hresult, .. }) if !is_local_problem(hresult) => {
            Some(ActivationOutcome::Failed { hresult })
        }
        Err(error) => return Err(error),
    };
    let after = reread(spp, product.id, Columns::Brief)?;
    let outcome = outcome.unwrap_or_else(|| status_outcome(&after));
    Ok(ProductActivation {
        product: ProductRef::from(&product),
        outcome,
        after,
    })
}

/// slmgr's `DisplayActivatedStatus`, as an outcome.
fn status_outcome(after: &Product) -> ActivationOutcome {
    match after.license_status {
        LicenseStatus::Licensed => ActivationOutcome::Activated,
        LicenseStatus::ExtendedGrace => ActivationOutcome::ExtendedGrace,
        status => ActivationOutcome::NotLicensed {
            status,
            reason: after.license_status_reason,
        },
    }
}

fn unchanged(product: Product, outcome: ActivationOutcome) -> ProductActivation {
    ProductActivation {
        product: ProductRef::from(&product),
        outcome,
        after: product,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spp::model::{
        Answer, Model, SYNTHETIC_MAK_ID, SYNTHETIC_MAK_KEY, catalog_entry, catalog_key,
    };
    use crate::spp::{SERVICE_CLASS, model::Event};

    fn enterprise() -> uuid::Uuid {
        catalog_entry("win11-enterprise").activation_id
    }

    fn activated_by(host: &str) -> Answer {
        Answer::Activated {
            host: Some((host.into(), 1688)),
            ip: "192.0.2.10".into(),
            activation_interval: 120,
            renewal_interval: 10_080,
        }
    }

    #[test]
    fn ato_activates_refreshes_and_reads_the_product_again() {
        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(activated_by("kms1.corp.example"));
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.exit_code(), Exit::Success);
        let [only] = run.products.as_slice() else {
            panic!("{run:?}")
        };
        assert_eq!(only.outcome, ActivationOutcome::Activated);
        assert_eq!(only.product.id, enterprise());
        assert_eq!(only.after.license_status, LicenseStatus::Licensed);
        assert_eq!(
            only.after
                .discovered
                .host()
                .map(|h| h.to_string())
                .as_deref(),
            Some("kms1.corp.example:1688")
        );
        assert_eq!(only.retry(), Retry::No);
        assert_eq!(
            model.calls(),
            [
                (Target::Product(enterprise()), Method::Activate),
                (Target::Service, Method::RefreshLicenseStatus)
            ]
        );
        assert_eq!(model.journal.first(), Some(&Event::Query(SERVICE_CLASS)));
        // The product was read again after the refresh.
        assert!(matches!(model.journal.last(), Some(Event::Query(_))));
    }

    #[test]
    fn count_too_low_is_the_outcome_with_exit_1_and_the_host_interval_to_wait() {
        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(Answer::CountTooLow {
            host: Some(("kms1.corp.example".into(), 1688)),
            ip: "192.0.2.10".into(),
            activation_interval: 45,
            renewal_interval: 10_080,
        });
        let run = activate(&mut model, Selection::Default).expect("runs");
        let only = &run.products[0];
        assert_eq!(
            only.outcome,
            ActivationOutcome::Failed {
                hresult: HResult::COUNT_INSUFFICIENT
            }
        );
        assert_eq!(run.exit_code(), Exit::NotActivated);
        assert_eq!(only.outcome.hresult(), Some(HResult(0xC004_F038)));
        assert_eq!(only.retry(), Retry::AfterHostInterval { minutes: 45 });
        assert_eq!(
            only.after.license_status_reason,
            HResult::COUNT_INSUFFICIENT
        );
        // slmgr quits after the failure: no refresh.
        assert_eq!(
            model.calls(),
            [(Target::Product(enterprise()), Method::Activate)]
        );
    }

    #[test]
    fn no_host_means_exit_3_and_a_cautious_retry() {
        let mut model = Model::synthetic_kms_client();
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.exit_code(), Exit::NoHost);
        assert_eq!(
            run.products[0].outcome.hresult(),
            Some(HResult(0xC004_F074))
        );
        assert_eq!(run.products[0].retry(), Retry::AfterNoAnswer);
        // A host that refuses the product: exit 1, and waiting would not change it.
        model
            .answers
            .push_back(Answer::Fails(HResult::KMS_CANNOT_BE_USED));
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.exit_code(), Exit::NotActivated);
        assert_eq!(run.products[0].retry(), Retry::Stop);
    }

    #[test]
    fn not_elevated_or_a_broken_service_is_the_command_error() {
        let mut model = Model::synthetic_kms_client();
        model.elevated = false;
        let error = activate(&mut model, Selection::Default).unwrap_err();
        assert_eq!(error.hresult(), Some(HResult(0xC004_F025)));
        assert_eq!(error.exit_code(), Exit::LocalState);

        let mut model = Model::synthetic_kms_client();
        model.stalls = Some(Method::Activate);
        let error = activate(&mut model, Selection::Default).unwrap_err();
        assert!(
            matches!(
                error,
                SppError::Timeout {
                    activating: true,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(error.exit_code(), Exit::NoHost);

        let mut model = Model::synthetic_kms_client();
        model.service_missing = Some(HResult::WBEM_INVALID_CLASS);
        let error = activate(&mut model, Selection::Default).unwrap_err();
        assert_eq!(error.hresult(), Some(HResult(0x8004_1010)));
        assert!(model.calls().is_empty());
    }

    #[test]
    fn token_only_products_are_refused_without_a_call() {
        let mut model = Model::synthetic_kms_client();
        model.product_mut(enterprise()).activation_type_enabled = ActivationType::Token;
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.products[0].outcome, ActivationOutcome::TokenOnly);
        assert_eq!(run.exit_code(), Exit::LocalState);
        assert_eq!(run.products[0].retry(), Retry::Stop);
        assert!(model.calls().is_empty());
    }

    #[test]
    fn a_licensed_mak_product_is_left_alone_an_unlicensed_one_activated() {
        let mut model = Model::synthetic_kms_client();
        crate::spp::commands::install_product_key(&mut model, SYNTHETIC_MAK_KEY).expect("mak");
        model.journal.clear();
        model.product_mut(SYNTHETIC_MAK_ID).license_status = LicenseStatus::Licensed;
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.products[0].outcome, ActivationOutcome::LeftAlone);
        assert_eq!(run.exit_code(), Exit::Success);
        assert!(model.calls().is_empty());

        model.product_mut(SYNTHETIC_MAK_ID).license_status = LicenseStatus::Notification;
        model.answers.push_back(Answer::Activated {
            host: None,
            ip: "192.0.2.80".into(),
            activation_interval: 0,
            renewal_interval: 0,
        });
        let run = activate(&mut model, Selection::Default).expect("runs");
        assert_eq!(run.products[0].outcome, ActivationOutcome::Activated);
        assert_eq!(run.products[0].after.grace_minutes, 0, "a MAK is permanent");
    }

    #[test]
    fn activate_returning_without_a_license_is_a_failed_activation() {
        let mut after = Model::synthetic_kms_client().product(enterprise()).clone();
        after.license_status = LicenseStatus::Notification;
        after.license_status_reason = HResult(0xC004_F200);
        let outcome = status_outcome(&after);
        assert_eq!(
            outcome,
            ActivationOutcome::NotLicensed {
                status: LicenseStatus::Notification,
                reason: HResult(0xC004_F200)
            }
        );
        assert_eq!(outcome.exit_code(), Exit::NotActivated);
        assert_eq!(outcome.hresult(), Some(HResult(0xC004_F200)));
        after.license_status = LicenseStatus::ExtendedGrace;
        assert_eq!(status_outcome(&after), ActivationOutcome::ExtendedGrace);
        assert_eq!(status_outcome(&after).exit_code(), Exit::Success);
        after.license_status = LicenseStatus::InitialGrace;
        after.license_status_reason = HResult(0x4004_F00C);
        assert_eq!(status_outcome(&after).hresult(), None, "not a failure code");
    }

    #[test]
    fn ato_all_activates_windows_and_office_and_reports_the_first_failure() {
        let mut model = Model::synthetic_kms_client();
        crate::spp::commands::install_product_key(&mut model, &catalog_key("office2021-proplus"))
            .expect("office");
        model.journal.clear();
        model.answers.push_back(activated_by("kms1.corp.example"));
        model
            .answers
            .push_back(Answer::Fails(HResult::KMS_NOT_ACTIVATED));
        let run = activate(&mut model, Selection::All).expect("runs");
        let office = catalog_entry("office2021-proplus").activation_id;
        let ids: Vec<_> = run.products.iter().map(|p| p.product.id).collect();
        assert_eq!(ids, [enterprise(), office]);
        assert_eq!(
            run.products[1].outcome.hresult(),
            Some(HResult(0xC004_F041))
        );
        assert_eq!(run.exit_code(), Exit::NotActivated);
    }

    #[test]
    fn renew_activates_only_what_is_not_licensed() {
        let mut model = Model::synthetic_kms_client();
        model.answers.push_back(activated_by("kms1.corp.example"));
        let run = renew(&mut model, Selection::Default).expect("grace: activated");
        assert_eq!(run.products[0].outcome, ActivationOutcome::Activated);
        assert_eq!(model.calls().len(), 2);
        model.journal.clear();
        let run = renew(&mut model, Selection::Default).expect("licensed: nothing");
        assert_eq!(run.products[0].outcome, ActivationOutcome::RenewsByItself);
        assert_eq!(run.exit_code(), Exit::Success);
        assert!(model.calls().is_empty());
    }
}
