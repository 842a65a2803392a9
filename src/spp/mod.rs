//! Windows' own licensing: the Software Protection Platform (SPP) that slmgr.vbs drives
//! through WMI, behind one trait, so that the system backend's rules are tested on every
//! OS (docs/windows.md).
//!
//! - [`Spp`]: what slmgr asks of `SoftwareLicensingService` and `SoftwareLicensingProduct`
//!   in `root\cimv2` (queries, methods called by name with one named argument at most) and
//!   of the `KeyManagementServiceVersion` registry value;
//! - [`values`]: what those objects hold, typed, and how a WMI row decodes into them;
//! - [`commands`]: slmgr's logic per command over any [`Spp`] (which product, which calls
//!   in which order, the follow-ups), returning typed results the output layer renders;
//! - [`error`]: [`SppError`], with its HRESULT, hint and exit code;
//! - [`worker`]: a blocking session on a dedicated thread, each call bounded by a deadline;
//! - [`wql`]: the queries and object paths sent, as pure functions;
//! - `wmi` (Windows only): the implementation over the `wmi` crate, on a [`worker`] thread,
//!   with the registry value through `windows-registry` (`registry`);
//! - `model` (tests, feature `spp-model`): an in-memory model of the documented behaviour,
//!   whose fixtures are synthetic.

pub mod commands;
pub(crate) mod error;
#[cfg(any(test, feature = "spp-model"))]
pub mod model;
#[cfg(windows)]
mod registry;
// Decoding WMI's rows, writing WQL, the WMI worker thread: compiled and tested everywhere,
// called by wmi.rs on Windows only, whose build is the one that finds dead code in them.
#[cfg_attr(not(windows), allow(dead_code))]
pub mod values;
#[cfg(windows)]
pub mod wmi;
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) mod worker;
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) mod wql;

use std::fmt;
use std::time::Duration;

use uuid::Uuid;

pub use error::SppError;
pub use values::{ActivationType, LicenseStatus};
pub(crate) use values::{Product, Service};

/// The WMI class of the licensing service (one instance).
pub(crate) const SERVICE_CLASS: &str = "SoftwareLicensingService";
/// The WMI class of the licenses, one instance per product (installed or not).
pub const PRODUCT_CLASS: &str = "SoftwareLicensingProduct";
/// The WMI namespace both classes live in.
#[cfg(windows)]
pub(crate) const NAMESPACE: &str = r"root\cimv2";

/// Windows' Application ID: slmgr's products.
pub(crate) const WINDOWS_APPLICATION_ID: Uuid =
    Uuid::from_u128(0x55c92734_d682_4d71_983e_d6ec3f16059f);
/// Office 2013 and later: the same class on Windows 8 and later (ospp.vbs `/act` there).
/// The tests' model products use it; vlmgr itself selects by Windows' ID only.
#[cfg(test)]
pub(crate) const OFFICE_APPLICATION_ID: Uuid =
    Uuid::from_u128(0x0ff1ce15_a989_479d_af46_f275c6370663);

/// Where `KeyManagementServiceVersion` lives, under HKLM (slmgr's `SLKeyPath`).
pub const SPP_REGISTRY_KEY: &str =
    r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform";
/// The same key in the 32-bit view, written too when it exists (slmgr's `SLKeyPath32`).
pub const SPP_REGISTRY_KEY_32: &str =
    r"SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform";
/// The value slmgr sets to the service's version while a KMS host key is installed.
#[cfg(windows)]
pub(crate) const KMS_VERSION_VALUE: &str = "KeyManagementServiceVersion";

/// Whether this OS has Windows' licensing service, the system backend: Windows only.
pub(crate) const AVAILABLE: bool = cfg!(windows);

/// Connects to Windows' licensing service: WMI in `root\cimv2` on a thread of its own,
/// each call (this one included) bounded by `timeout`. Other OSes have none
/// ([`SppError::Unavailable`]).
pub(crate) fn connect(timeout: Duration) -> Result<Box<dyn Spp + Send>, SppError> {
    #[cfg(windows)]
    {
        Ok(Box::new(wmi::WmiSpp::connect(timeout)?))
    }
    #[cfg(not(windows))]
    {
        let _ = timeout;
        Err(SppError::Unavailable)
    }
}

/// Windows' licensing service as slmgr uses it. Every command asks [`Spp::service`]
/// first: it is the probe that tells a missing or broken service apart before any method
/// is called (under Wine a method call on a missing class kills the process).
pub trait Spp {
    /// The service's properties that slmgr reads.
    fn service(&mut self) -> Result<Service, SppError>;

    /// The products `filter` selects, in the service's order, with `columns`.
    fn products(&mut self, filter: Filter, columns: Columns) -> Result<Vec<Product>, SppError>;

    /// Calls a method. The argument goes by the name the provider's in-signature gives
    /// (see [`bind_argument`]).
    fn call(&mut self, call: &MethodCall) -> Result<(), SppError>;

    /// `KeyManagementServiceVersion` under [`SPP_REGISTRY_KEY`], if set.
    fn kms_version_value(&mut self) -> Result<Option<String>, SppError>;

    /// Sets `KeyManagementServiceVersion` to `version` under [`SPP_REGISTRY_KEY`] (and
    /// [`SPP_REGISTRY_KEY_32`] when that key exists), or deletes it from both (`None`);
    /// a value already absent is fine.
    fn set_kms_version_value(&mut self, version: Option<&str>) -> Result<(), SppError>;
}

/// Which products a query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every license the service knows, installed or not.
    All,
    /// Those with a product key installed (`PartialProductKey IS NOT NULL`).
    KeyInstalled,
    /// The one with this Activation ID (`ID`), key or not.
    Id(Uuid),
}

/// How much of each product a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// What choosing a product and acting on it needs.
    Brief,
    /// Everything `dli` / `dlv` show as well ([`Product::details`]).
    Full,
}

/// What a method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The `SoftwareLicensingService` instance (global settings).
    Service,
    /// The `SoftwareLicensingProduct` with this Activation ID.
    Product(Uuid),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Service => f.write_str(SERVICE_CLASS),
            Target::Product(id) => write!(f, "{PRODUCT_CLASS} {id}"),
        }
    }
}

/// The methods slmgr calls (reference: slmgr-and-discovery §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    InstallProductKey,
    UninstallProductKey,
    RefreshLicenseStatus,
    Activate,
    SetKeyManagementServiceMachine,
    ClearKeyManagementServiceMachine,
    SetKeyManagementServicePort,
    ClearKeyManagementServicePort,
    SetKeyManagementServiceLookupDomain,
    ClearKeyManagementServiceLookupDomain,
    DisableKeyManagementServiceHostCaching,
    ClearProductKeyFromRegistry,
}

impl Method {
    /// Every method, for the model's tables and the tests.
    #[cfg(any(test, feature = "spp-model"))]
    pub(crate) const ALL: [Method; 12] = [
        Method::InstallProductKey,
        Method::UninstallProductKey,
        Method::RefreshLicenseStatus,
        Method::Activate,
        Method::SetKeyManagementServiceMachine,
        Method::ClearKeyManagementServiceMachine,
        Method::SetKeyManagementServicePort,
        Method::ClearKeyManagementServicePort,
        Method::SetKeyManagementServiceLookupDomain,
        Method::ClearKeyManagementServiceLookupDomain,
        Method::DisableKeyManagementServiceHostCaching,
        Method::ClearProductKeyFromRegistry,
    ];

    /// The method's WMI name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Method::InstallProductKey => "InstallProductKey",
            Method::UninstallProductKey => "UninstallProductKey",
            Method::RefreshLicenseStatus => "RefreshLicenseStatus",
            Method::Activate => "Activate",
            Method::SetKeyManagementServiceMachine => "SetKeyManagementServiceMachine",
            Method::ClearKeyManagementServiceMachine => "ClearKeyManagementServiceMachine",
            Method::SetKeyManagementServicePort => "SetKeyManagementServicePort",
            Method::ClearKeyManagementServicePort => "ClearKeyManagementServicePort",
            Method::SetKeyManagementServiceLookupDomain => "SetKeyManagementServiceLookupDomain",
            Method::ClearKeyManagementServiceLookupDomain => {
                "ClearKeyManagementServiceLookupDomain"
            }
            Method::DisableKeyManagementServiceHostCaching => {
                "DisableKeyManagementServiceHostCaching"
            }
            Method::ClearProductKeyFromRegistry => "ClearProductKeyFromRegistry",
        }
    }

    /// The in-parameter Microsoft documents, for the methods that take one. The name
    /// actually used is read from the provider ([`bind_argument`]); this one picks it
    /// out when a signature has several.
    #[cfg_attr(not(any(windows, feature = "spp-model")), allow(dead_code))]
    pub(crate) fn documented_parameter(self) -> Option<&'static str> {
        match self {
            Method::InstallProductKey => Some("ProductKey"),
            Method::SetKeyManagementServiceMachine => Some("MachineName"),
            Method::SetKeyManagementServicePort => Some("PortNumber"),
            Method::SetKeyManagementServiceLookupDomain => Some("LookupDomain"),
            Method::DisableKeyManagementServiceHostCaching => Some("DisableCaching"),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A method's argument value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Argument {
    Text(String),
    U32(u32),
    Bool(bool),
}

/// One method call: on what, which method, and its argument if it takes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodCall {
    pub(crate) target: Target,
    pub(crate) method: Method,
    pub(crate) argument: Option<Argument>,
}

impl MethodCall {
    /// A call without an argument.
    pub fn new(target: Target, method: Method) -> MethodCall {
        MethodCall {
            target,
            method,
            argument: None,
        }
    }

    /// A call with its one argument.
    pub(crate) fn with(target: Target, method: Method, argument: Argument) -> MethodCall {
        MethodCall {
            target,
            method,
            argument: Some(argument),
        }
    }
}

impl fmt::Display for MethodCall {
    /// `SoftwareLicensingService.SetKeyManagementServicePort` (never the argument: a
    /// product key is a secret).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let class = match self.target {
            Target::Service => SERVICE_CLASS,
            Target::Product(_) => PRODUCT_CLASS,
        };
        write!(f, "{class}.{}", self.method)
    }
}

/// The name to pass `call`'s argument by, given the names the provider's in-signature
/// lists (`signature`, in its order; empty when the method takes nothing): the one
/// parameter whatever its name, or the documented one among several. `None` for a call
/// without an argument to a method that takes none. Used by WMI (Windows) and the model.
#[cfg_attr(not(any(windows, feature = "spp-model")), allow(dead_code))]
pub(crate) fn bind_argument<'s>(
    call: &MethodCall,
    signature: &'s [String],
) -> Result<Option<&'s str>, SppError> {
    let mismatch = || SppError::Signature {
        call: call.to_string(),
        parameters: signature.to_vec(),
        expected: call.method.documented_parameter(),
    };
    match (&call.argument, signature) {
        (None, []) => Ok(None),
        (None, _) | (Some(_), []) => Err(mismatch()),
        (Some(_), [only]) => Ok(Some(only.as_str())),
        (Some(_), several) => {
            let documented = call.method.documented_parameter().ok_or_else(mismatch)?;
            several
                .iter()
                .find(|name| name.eq_ignore_ascii_case(documented))
                .map(|name| Some(name.as_str()))
                .ok_or_else(mismatch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_argument_goes_by_the_name_the_signature_gives() {
        let port = MethodCall::with(
            Target::Service,
            Method::SetKeyManagementServicePort,
            Argument::U32(1700),
        );
        let signature = names(&["PortNumber"]);
        assert_eq!(
            bind_argument(&port, &signature).unwrap(),
            Some("PortNumber")
        );
        // A provider that names its one parameter otherwise is followed, not second-guessed.
        let renamed = names(&["dwPort"]);
        assert_eq!(bind_argument(&port, &renamed).unwrap(), Some("dwPort"));
        // Among several, the documented one, in the provider's spelling.
        let several = names(&["Flags", "portnumber"]);
        assert_eq!(bind_argument(&port, &several).unwrap(), Some("portnumber"));
    }

    #[test]
    fn a_signature_that_does_not_fit_the_call_is_refused_before_calling() {
        let port = MethodCall::with(
            Target::Service,
            Method::SetKeyManagementServicePort,
            Argument::U32(1700),
        );
        for signature in [names(&[]), names(&["Flags", "Other"])] {
            let error = bind_argument(&port, &signature).unwrap_err();
            assert!(matches!(error, SppError::Signature { .. }), "{error:?}");
            assert!(
                error.to_string().contains("SetKeyManagementServicePort"),
                "{error}"
            );
        }
        let clear = MethodCall::new(Target::Service, Method::ClearKeyManagementServicePort);
        assert_eq!(bind_argument(&clear, &[]).unwrap(), None);
        assert!(bind_argument(&clear, &names(&["Unexpected"])).is_err());
    }

    #[test]
    fn calls_print_their_method_never_their_argument() {
        let call = MethodCall::with(
            Target::Service,
            Method::InstallProductKey,
            Argument::Text("NPPR9-FWDCX-D2C8J-H872K-2YT43".into()),
        );
        assert_eq!(
            call.to_string(),
            "SoftwareLicensingService.InstallProductKey"
        );
        let activate = MethodCall::new(Target::Product(WINDOWS_APPLICATION_ID), Method::Activate);
        assert_eq!(activate.to_string(), "SoftwareLicensingProduct.Activate");
        for method in Method::ALL {
            assert!(method.name().chars().all(|c| c.is_ascii_alphabetic()));
        }
    }

    #[test]
    fn application_ids_are_the_published_ones() {
        assert_eq!(
            WINDOWS_APPLICATION_ID.to_string(),
            "55c92734-d682-4d71-983e-d6ec3f16059f"
        );
        assert_eq!(
            OFFICE_APPLICATION_ID.to_string(),
            "0ff1ce15-a989-479d-af46-f275c6370663"
        );
    }
}
