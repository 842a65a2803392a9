//! The slmgr commands on Windows' own licensing service: the system backend
//! (docs/windows.md). Each command's arguments become what [`spp::commands`] takes (a
//! catalog name becomes an Activation ID, or for `ipk` its GVLK), its result goes to
//! `src/output` as a [`SystemReport`], and its errors become [`Failure::Spp`] with their
//! HRESULT, hint and exit code.
//!
//! [`run`] connects to WMI (Windows only: the command line refuses the system backend
//! elsewhere); [`run_with`] takes any [`Spp`], so every command is tested in-process
//! against `spp::model` on every OS.

mod activate;
mod narrated;

use uuid::Uuid;

use super::{Action, Completed, Failure, Selection, resolve_activation_id, unix_now};
use crate::catalog;
use crate::config::Config;
use crate::output::report::SystemReport;
use crate::output::report::{NamedProduct, SystemLicenses, SystemMessage, SystemSettings};
use crate::output::{Report, narrator};
use crate::spp::commands::{
    self as spp_commands, ProductRef, RegistryChange, Scope, SettingChanged,
};
use crate::spp::{self, Spp};

use narrated::Narrated;

/// Whether `action` is one of the slmgr commands the system backend runs (`discover`,
/// `check` and `products` run the same on both backends).
pub(crate) fn handles(action: &Action) -> bool {
    !matches!(
        action,
        Action::Discover(_) | Action::Check(_) | Action::Products { .. }
    )
}

/// Runs `action` on Windows' licensing service through WMI, each call within
/// `--timeout`; `-v` tells every query and call.
pub(crate) fn run(config: &Config, action: Action) -> Result<Completed, Failure> {
    let narrator = narrator(config);
    narrator.say(format_args!(
        "system backend: Windows' licensing service through WMI (--standalone: vlmgr's own \
         client)"
    ));
    let mut spp = spp::connect(config.timeout)?;
    if let Action::Activate(options) = &action
        && let Some(wait) = options.wait
    {
        return activate::wait(config, spp, options, wait, narrator);
    }
    run_with(
        &mut Narrated::new(spp.as_mut(), &narrator),
        unix_now(),
        action,
    )
}

/// Runs `action` (without `ato --wait`, see [`wait_with`]) on `spp` at `now` (Unix
/// seconds).
pub fn run_with(spp: &mut dyn Spp, now: u64, action: Action) -> Result<Completed, Failure> {
    let report = match action {
        Action::InstallProduct { key } => install(spp, &key)?,
        Action::UninstallProduct { product } => {
            let removed = spp_commands::uninstall_product_key(spp, id_of(product.as_deref())?)?;
            SystemReport::Message(SystemMessage {
                message: removed.message().to_string(),
                product: Some(named(&removed.product)),
                kms_version: Some(registry_value(removed.registry)),
                ..message("upk")
            })
        }
        Action::Activate(options) => {
            return activate::once(spp, now, "ato", options.product.as_deref());
        }
        Action::Renew { product } => return activate::once(spp, now, "renew", product.as_deref()),
        Action::DisplayLicense {
            detailed,
            selection,
        } => SystemReport::Licenses(SystemLicenses {
            licenses: spp_commands::display(spp, detailed, spp_selection(&selection)?)?,
            now,
        }),
        Action::Expiration { product } => SystemReport::Expiration(spp_commands::expiration(
            spp,
            id_of(product.as_deref())?,
            now,
        )?),
        Action::SetKmsHost { address, product } => setting(
            "skms",
            spp_commands::set_kms_host(spp, &address, id_of(product.as_deref())?)?,
        ),
        Action::ClearKmsHost { product } => setting(
            "ckms",
            spp_commands::clear_kms_host(spp, id_of(product.as_deref())?)?,
        ),
        Action::SetLookupDomain { domain, product } => setting(
            "skms-domain",
            spp_commands::set_lookup_domain(spp, &domain, id_of(product.as_deref())?)?,
        ),
        Action::ClearLookupDomain { product } => setting(
            "ckms-domain",
            spp_commands::clear_lookup_domain(spp, id_of(product.as_deref())?)?,
        ),
        Action::SetHostCaching { enabled } => setting(
            if enabled { "skhc" } else { "ckhc" },
            spp_commands::set_host_caching(spp, enabled)?,
        ),
        Action::ClearProductKeyFromRegistry => {
            let cleared = spp_commands::clear_product_key_from_registry(spp)?;
            SystemReport::Message(SystemMessage {
                message: cleared.message().to_string(),
                ..message("cpky")
            })
        }
        Action::Discover(_) | Action::Check(_) | Action::Products { .. } => {
            return Err(Failure::Usage(
                "discover, check and products are the same on both backends".into(),
            ));
        }
    };
    Ok(Report::System(Box::new(report)).into())
}

/// What Windows itself has set and discovered, for `discover`: read on a connection of
/// its own; `Err` says why it could not be (a note, not a failed `discover`).
pub(crate) fn system_kms(config: &Config) -> Result<spp_commands::SystemKms, Failure> {
    let narrator = narrator(config);
    let mut spp = spp::connect(config.timeout)?;
    Ok(spp_commands::system_kms(&mut Narrated::new(
        spp.as_mut(),
        &narrator,
    ))?)
}

/// `ipk`: a product key (any: Windows judges it), or a catalog name, alias or Activation
/// ID for its GVLK.
fn install(spp: &mut dyn Spp, query: &str) -> Result<SystemReport, Failure> {
    let key = match product_key(query) {
        Some(key) => key,
        None => catalog::find(query)?.gvlk.to_string(),
    };
    let installed = spp_commands::install_product_key(spp, &key)?;
    Ok(SystemReport::Message(SystemMessage {
        message: installed.message(),
        product: installed.product.as_ref().map(named),
        kms_version: Some(registry_value(installed.registry)),
        ..message("ipk")
    }))
}

/// `query` as a product key, `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX` in upper case, when it is
/// 25 letters and digits (dashes aside): the shape of every key. Which characters a key
/// may hold is Windows' to say (0xC004F050 when it refuses), not vlmgr's.
fn product_key(query: &str) -> Option<String> {
    let compact: String = query.trim().chars().filter(|c| *c != '-').collect();
    if compact.len() != 25 || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let upper = compact.to_ascii_uppercase();
    let groups: Vec<&str> = (0..5).filter_map(|i| upper.get(i * 5..i * 5 + 5)).collect();
    Some(groups.join("-"))
}

/// A setter's report: slmgr's sentence and warnings, the settings read back.
fn setting(command: &'static str, changed: SettingChanged) -> SystemReport {
    let (scope, product) = match &changed.scope {
        Scope::Service => (None, None),
        Scope::Product(product) => (Some(product.id), Some(named(product))),
    };
    SystemReport::Message(SystemMessage {
        message: changed.message(),
        warnings: changed.warnings.iter().map(|w| w.text()).collect(),
        settings: Some(SystemSettings {
            settings: changed.settings.clone(),
            host_caching: changed.host_caching,
            scope,
        }),
        product,
        ..message(command)
    })
}

/// A message report of `command` with nothing in it yet.
fn message(command: &'static str) -> SystemMessage {
    SystemMessage {
        command,
        message: String::new(),
        warnings: Vec::new(),
        settings: None,
        product: None,
        kms_version: None,
    }
}

fn named(product: &ProductRef) -> NamedProduct {
    NamedProduct {
        name: product.name.clone(),
        activation_id: product.id,
    }
}

/// `KeyManagementServiceVersion` after slmgr's rule: its value, or none when deleted.
fn registry_value(change: RegistryChange) -> Option<String> {
    match change {
        RegistryChange::Set { version } => Some(version),
        RegistryChange::Deleted => None,
    }
}

/// The Activation ID a command names (a GUID, or a catalog name, alias or key), if any.
fn id_of(query: Option<&str>) -> Result<Option<Uuid>, Failure> {
    query.map(resolve_activation_id).transpose()
}

/// `dli` / `dlv`'s selection, as the licensing service's.
fn spp_selection(selection: &Selection) -> Result<spp_commands::Selection, Failure> {
    Ok(match selection {
        Selection::Default => spp_commands::Selection::Default,
        Selection::All => spp_commands::Selection::All,
        Selection::One(query) => spp_commands::Selection::Id(resolve_activation_id(query)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_key_shaped_text_goes_to_windows_as_a_key() {
        assert_eq!(
            product_key(" nppr9fwdcxd2c8jh872k2yt43 ").as_deref(),
            Some("NPPR9-FWDCX-D2C8J-H872K-2YT43")
        );
        // Letters outside the published keys' alphabet: still Windows' to judge.
        assert_eq!(
            product_key("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE").as_deref(),
            Some("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
        );
        for not_a_key in [
            "win11-pro",
            "NPPR9-FWDCX-D2C8J-H872K",
            "NPPR9-FWDCX-D2C8J-H872K-2YT4!",
            "",
        ] {
            assert_eq!(product_key(not_a_key), None, "{not_a_key}");
        }
    }
}
