//! JSON Schemas (draft 2020-12) of the `--json` documents, generated from the view types
//! (feature `schema`): `docs/schema/<command>.schema.json` for each command's document and
//! `docs/schema/error.schema.json` for a failure's, usage errors included.
//! tests/generated.rs keeps the committed files equal to these.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use super::activation::ActivationView;
use super::json::{CheckView, DiscoverView, Document, ErrorBody, SCHEMA_VERSION};
use super::local::{ExpirationsView, LicensesView, MessageView, ProductsView};

/// The commands whose document is a [`MessageView`] (its `command` names them).
const MESSAGE_COMMANDS: [&str; 9] = [
    "ipk",
    "upk",
    "skms",
    "ckms",
    "skms-domain",
    "ckms-domain",
    "skhc",
    "ckhc",
    "cpky",
];

/// Every schema as (file stem, schema): one per command that prints a document (all but
/// `completions`, which prints its script), then `error`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    let mut all = Vec::new();
    for command in MESSAGE_COMMANDS {
        let mut schema = document::<MessageView>(command);
        // The document names its command.
        schema["properties"]["command"] = json!({ "const": command });
        all.push((command, schema));
    }
    for command in ["ato", "renew"] {
        let mut schema = document::<ActivationView>(command);
        schema["properties"]["command"] = json!({ "const": command });
        all.push((command, schema));
    }
    all.push(("dli", document::<LicensesView>("dli")));
    all.push(("dlv", document::<LicensesView>("dlv")));
    all.push(("xpr", document::<ExpirationsView>("xpr")));
    all.push(("products", document::<ProductsView>("products")));
    all.push(("discover", document::<DiscoverView>("discover")));
    all.push(("check", document::<CheckView>("check")));
    all.push(("error", error()));
    all
}

/// The schema of the document of `command`, whose body is a `T`.
fn document<T: JsonSchema>(command: &str) -> Value {
    let schema = generate::<Document<T>>();
    titled(
        schema,
        &format!("vlmgr {command} --json"),
        &format!(
            "The document `vlmgr {command} --json` prints on stdout when the command runs \
             (a failure prints the error document, error.schema.json). See docs/json.md."
        ),
    )
}

/// The schema of a failure's document.
fn error() -> Value {
    let schema = generate::<Document<ErrorBody<'static>>>();
    titled(
        schema,
        "vlmgr error --json",
        "The document any command prints on stdout with --json when it fails, usage errors \
         included; the process exits with `error.exit_code`. See docs/json.md.",
    )
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Sets the title and description, and pins `schema_version` to this build's.
fn titled(schema: Schema, title: &str, description: &str) -> Value {
    let mut value = schema.to_value();
    value["title"] = json!(title);
    value["description"] = json!(description);
    value["properties"]["schema_version"] = json!({
        "const": SCHEMA_VERSION,
        "description": "The version of the documents' shape (docs/json.md)."
    });
    value
}
