//! The committed JSON Schemas (docs/schema/), compiled for validating documents: read
//! strictly (no property a schema does not describe), formats asserted.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

/// The committed schemas, compiled.
pub(crate) struct Contract {
    pub schemas: boon::Schemas,
    pub by_name: BTreeMap<String, boon::SchemaIndex>,
}

impl Contract {
    pub(crate) fn load() -> Contract {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema");
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let mut schemas = boon::Schemas::new();
        let mut by_name = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).expect("docs/schema") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".schema.json"))
                .expect("a .schema.json file")
                .to_owned();
            let text = std::fs::read(&path).expect("schema file");
            let mut schema: serde_json::Value = serde_json::from_slice(&text).expect("JSON");
            forbid_undescribed_properties(&mut schema);
            let url = format!("file:///vlmgr/docs/schema/{name}.schema.json");
            compiler
                .add_resource(&url, schema)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
            let index = compiler
                .compile(&url, &mut schemas)
                .unwrap_or_else(|e| panic!("{name}: not a valid schema: {e:#}"));
            by_name.insert(name, index);
        }
        Contract { schemas, by_name }
    }

    /// Validates stdout as the document `schema` describes and returns it.
    pub(crate) fn valid(&self, schema: &str, out: &Output) -> serde_json::Value {
        self.valid_text(schema, &String::from_utf8_lossy(&out.stdout))
    }

    /// Validates `text` as the document `schema` describes and returns it.
    pub(crate) fn valid_text(&self, schema: &str, text: &str) -> serde_json::Value {
        let doc: serde_json::Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("{schema}: not JSON ({e}): {text}"));
        let index = self.by_name[schema];
        if let Err(error) = self.schemas.validate(&doc, index) {
            panic!("{schema}: the document does not match its schema: {error:#}\n{doc:#}");
        }
        doc
    }
}

/// Every object schema that lists properties admits no others.
fn forbid_undescribed_properties(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            if map.contains_key("properties") {
                map.insert("unevaluatedProperties".into(), false.into());
            }
            map.values_mut().for_each(forbid_undescribed_properties);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(forbid_undescribed_properties),
        _ => {}
    }
}
