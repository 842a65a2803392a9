//! Why a command failed, with its HRESULT (when slmgr has one), a hint and an exit code.

use crate::catalog::CatalogError;
use crate::exit_codes::Exit;
use crate::locator::LocateError;
use crate::output::{ErrorView, shell_word};
use crate::protocol::HResult;
use crate::spp::SppError;
use crate::state::StateError;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    State(#[from] StateError),
    /// The state could not be written, found before a host was asked for anything.
    #[error("{0}; no request was sent")]
    StateBeforeRequest(StateError),
    #[error(
        "The Software Licensing Service reported that the product key is invalid: {query:?} is not a known GVLK, product name, alias or Activation ID."
    )]
    UnknownProduct { query: String },
    #[error("{query:?} matches several products: {}", candidates.join(", "))]
    AmbiguousQuery {
        query: String,
        candidates: Vec<String>,
    },
    #[error("product key not found: no product is installed.")]
    NoProductInstalled,
    #[error("product key not found: {query:?} is not installed.")]
    ProductNotInstalled { query: String },
    #[error("several products are installed and none was named: {}", installed.join("; "))]
    AmbiguousProduct { installed: Vec<String> },
    #[error(transparent)]
    Locate(#[from] LocateError),
    #[error("{0}")]
    Usage(String),
    #[error("{what} did not finish within the deadline of {timeout:?}")]
    Deadline {
        what: &'static str,
        timeout: std::time::Duration,
    },
    #[error("product {activation_id} is installed but this build's catalog does not know it")]
    NotInCatalog { activation_id: uuid::Uuid },
    #[error("KMS protocol version {protocol} is not supported (4, 5 or 6)")]
    UnsupportedProtocol { protocol: u16 },
    #[error("the machine name cannot be sent: {reason}")]
    MachineName { reason: String },
    #[error("cannot start the network runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("interrupted before any attempt finished; nothing was recorded")]
    Interrupted,
    /// Windows' licensing service (the system backend) failed or refused.
    #[error(transparent)]
    Spp(#[from] SppError),
}

impl From<CatalogError> for Failure {
    fn from(error: CatalogError) -> Self {
        match error {
            CatalogError::UnknownProduct { query } => Failure::UnknownProduct { query },
            CatalogError::Ambiguous { query, candidates } => Failure::AmbiguousQuery {
                query,
                candidates: candidates.into_iter().map(str::to_string).collect(),
            },
        }
    }
}

impl Failure {
    pub(crate) fn exit_code(&self) -> Exit {
        match self {
            Failure::State(_) | Failure::StateBeforeRequest(_) => Exit::LocalState,
            Failure::UnknownProduct { .. }
            | Failure::AmbiguousQuery { .. }
            | Failure::AmbiguousProduct { .. } => Exit::Usage,
            Failure::NoProductInstalled | Failure::ProductNotInstalled { .. } => Exit::LocalState,
            Failure::Locate(e) => locate_exit_code(e),
            Failure::Deadline { .. } => Exit::NoHost,
            Failure::Usage(_) => Exit::Usage,
            Failure::NotInCatalog { .. } | Failure::MachineName { .. } | Failure::Runtime(_) => {
                Exit::LocalState
            }
            Failure::UnsupportedProtocol { .. } => Exit::Usage,
            Failure::Interrupted => Exit::NoHost,
            Failure::Spp(e) => e.exit_code(),
        }
    }

    pub(crate) fn hresult(&self) -> Option<HResult> {
        match self {
            Failure::UnknownProduct { .. } => Some(HResult::INVALID_PRODUCT_KEY),
            Failure::NoProductInstalled | Failure::ProductNotInstalled { .. } => {
                Some(HResult::PRODUCT_KEY_NOT_INSTALLED)
            }
            Failure::Locate(e) => Some(e.hresult()),
            Failure::Spp(e) => e.hresult(),
            _ => None,
        }
    }

    pub(crate) fn hint(&self) -> String {
        match self {
            Failure::State(e) | Failure::StateBeforeRequest(e) => e.hint(),
            Failure::UnknownProduct { .. } => {
                "Run `vlmgr products` to list the known products and their keys.".into()
            }
            Failure::AmbiguousQuery { .. } => {
                "Name the product exactly, by alias or Activation ID (`vlmgr products`).".into()
            }
            Failure::NoProductInstalled => {
                "Install one first: vlmgr ipk <GVLK or product> (`vlmgr products` lists them).".into()
            }
            Failure::ProductNotInstalled { query } => format!(
                "Install it first: `vlmgr ipk {}`; `vlmgr dli all` lists what is installed.",
                shell_word(query)
            ),
            Failure::AmbiguousProduct { .. } => {
                "Name one by its Activation ID, name or alias, e.g. vlmgr dlv <ACT_ID>, or use `all`."
                    .into()
            }
            Failure::Locate(e) => e.remedy().unwrap_or_else(|| locate_hint(e)),
            Failure::Deadline { .. } => {
                "Give it more time with --timeout, or run with -v to see which step is slow.".into()
            }
            Failure::Usage(_) => "Run `vlmgr --help` for the commands and options.".into(),
            Failure::NotInCatalog { .. } => {
                "Reinstall the product with a current vlmgr (`vlmgr products` lists what it knows)."
                    .into()
            }
            Failure::UnsupportedProtocol { .. } => "Use --protocol 4, 5 or 6.".into(),
            Failure::MachineName { .. } => {
                "Give the machine a host name without NUL characters (hostnamectl).".into()
            }
            Failure::Runtime(_) => "Check the process limits (open files, threads).".into(),
            Failure::Interrupted => "Run `vlmgr ato` again when ready.".into(),
            Failure::Spp(e) => e.hint(),
        }
    }

    /// What is wrong, for the error line: the message, less what the hint says.
    pub(crate) fn message(&self) -> String {
        match self {
            Failure::Locate(e) => e.problem(),
            other => other.to_string(),
        }
    }

    /// The view the output layer prints.
    pub fn view(&self) -> ErrorView {
        ErrorView {
            hresult: self.hresult(),
            message: self.message(),
            hint: self.hint(),
            exit_code: self.exit_code(),
        }
    }
}

fn locate_exit_code(error: &LocateError) -> Exit {
    match error {
        LocateError::InvalidName { .. } => Exit::Usage,
        LocateError::ResolvConf { .. } => Exit::LocalState,
        _ => Exit::NoHost,
    }
}

/// What to do about `error` when it has no remedy of its own ([`LocateError::remedy`]).
fn locate_hint(error: &LocateError) -> String {
    match error {
        LocateError::InvalidName { .. } => "Give a DNS domain such as corp.example.".into(),
        LocateError::ResolvConf { .. } => {
            "Make the resolver configuration readable, or point VLMGR_RESOLV_CONF at another file.".into()
        }
        _ => "See what DNS answers with `vlmgr discover -v`, or name a host with `vlmgr skms HOST` or `--kms HOST`."
            .into(),
    }
}
