//! Generated artefacts: shell completion scripts and the man pages ([`man`]), all from the
//! one clap definition. The copies under `completions/` and `docs/man/` are checked against
//! these by `tests/generated.rs`.

pub mod man;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap_complete::Shell;

use crate::catalog;

/// The shells `completions/` holds a script for, with the script's file name.
pub const COMPLETION_FILES: [(Shell, &str); 5] = [
    (Shell::Bash, "vlmgr.bash"),
    (Shell::Zsh, "_vlmgr"),
    (Shell::Fish, "vlmgr.fish"),
    (Shell::PowerShell, "_vlmgr.ps1"),
    (Shell::Elvish, "vlmgr.elv"),
];

/// The completion script for a shell.
pub fn completion_script(shell: Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "vlmgr", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// A product argument: any text is accepted (a GVLK, name, alias or Activation ID is
/// resolved later); the catalog's aliases and names are offered to completion scripts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProductArg {
    /// Also offer `all` (every command that takes an Activation ID, but `ipk`).
    pub(crate) with_all: bool,
}

impl TypedValueParser for ProductArg {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let all = self.with_all.then(|| PossibleValue::new("all"));
        let products = catalog::products().iter().flat_map(|product| {
            std::iter::once(catalog_completion_name(product.name))
                .chain(product.aliases.iter().map(|alias| alias.to_string()))
        });
        Some(Box::new(all.into_iter().chain(
            products.map(|word| PossibleValue::new(word).help("")),
        )))
    }
}

/// A product name as one shell word: spaces become dashes (`Windows-10/11-Enterprise`);
/// `catalog::find` accepts this spelling.
pub(crate) fn catalog_completion_name(name: &str) -> String {
    name.replace(' ', "-")
}
