//! The system backend on Windows: [`Spp`] over WMI in `root\cimv2`, through the `wmi`
//! crate's safe API, as slmgr.vbs drives it.
//!
//! Every COM call runs on one dedicated thread ([`Worker`]: the connection is not `Send`),
//! each bounded by `--timeout`. The service is probed (its class, then its instance)
//! before any method is called, and a method call is never sent without that probe
//! having succeeded in this session: under Wine, `ExecMethod` on an object of a missing
//! class kills the calling process. A method's argument goes by the name its
//! in-signature gives (`IWbemClassObject::GetMethod`, read at run time).

use std::collections::HashMap;
use std::time::Duration;

use wmi::{IWbemClassWrapper, Variant, WMIConnection, WMIError};

use super::values::{Row, SERVICE_COLUMNS, Value, decode_product, decode_service};
use super::worker::Worker;
use super::{
    Argument, Columns, Filter, Method, MethodCall, NAMESPACE, PRODUCT_CLASS, Product,
    SERVICE_CLASS, Service, Spp, SppError, Target, bind_argument, registry, wql,
};
use crate::protocol::HResult;

/// Windows' licensing service through WMI.
#[derive(Debug)]
pub struct WmiSpp {
    worker: Worker<Session>,
}

impl WmiSpp {
    /// Connects to `root\cimv2` on a thread of its own; every call, this one included,
    /// gets at most `timeout`.
    pub fn connect(timeout: Duration) -> Result<WmiSpp, SppError> {
        let worker = Worker::start("vlmgr-wmi", timeout, Session::open)?;
        Ok(WmiSpp { worker })
    }

    /// The `columns` of every instance of `class` that meets `condition`: the query
    /// under [`Spp::products`] and [`Spp::service`], open for the Wine test, whose stub
    /// class has two columns only.
    pub fn rows(
        &mut self,
        class: &'static str,
        columns: &'static [&'static str],
        condition: Option<String>,
    ) -> Result<Vec<Row>, SppError> {
        let operation = format!("query {class}");
        self.worker.run(&operation, false, move |session| {
            session.rows(class, columns, condition.as_deref())
        })
    }

    /// Whether the service probe has succeeded in this session (method calls wait for it).
    pub fn probed(&mut self) -> Result<bool, SppError> {
        self.worker.run("checking the probe", false, |session| {
            Ok(session.service_path.is_some())
        })
    }
}

impl Spp for WmiSpp {
    fn service(&mut self) -> Result<Service, SppError> {
        let operation = format!("query {SERVICE_CLASS}");
        self.worker.run(&operation, false, Session::probe)
    }

    fn products(&mut self, filter: Filter, columns: Columns) -> Result<Vec<Product>, SppError> {
        let operation = format!("query {PRODUCT_CLASS}");
        self.worker.run(&operation, false, move |session| {
            let list = wql::product_columns(columns);
            let condition = wql::product_condition(filter);
            let rows = session.rows(PRODUCT_CLASS, &list, condition.as_deref())?;
            rows.iter()
                .map(|row| decode_product(row, columns == Columns::Full))
                .collect()
        })
    }

    fn call(&mut self, call: &MethodCall) -> Result<(), SppError> {
        let owned = call.clone();
        let activating = call.method == Method::Activate;
        self.worker
            .run(&call.to_string(), activating, move |session| {
                session.call(&owned)
            })
    }

    fn kms_version_value(&mut self) -> Result<Option<String>, SppError> {
        registry::read_kms_version()
    }

    fn set_kms_version_value(&mut self, version: Option<&str>) -> Result<(), SppError> {
        registry::write_kms_version(version)
    }
}

/// The connection and what the session learnt, on the worker's thread.
struct Session {
    connection: WMIConnection,
    /// The service instance's path, once the probe has succeeded.
    service_path: Option<String>,
    /// Class definitions (for the methods' in-signatures), fetched once.
    classes: HashMap<&'static str, IWbemClassWrapper>,
}

impl Session {
    fn open() -> Result<Session, SppError> {
        let connection = WMIConnection::with_namespace_path(NAMESPACE)
            .map_err(|e| wmi_error(format!("connecting to {NAMESPACE}"), None, e))?;
        Ok(Session {
            connection,
            service_path: None,
            classes: HashMap::new(),
        })
    }

    /// The service's class, then its instance: the probe before any method call.
    fn probe(&mut self) -> Result<Service, SppError> {
        self.class(SERVICE_CLASS)?;
        let rows = self.rows(SERVICE_CLASS, SERVICE_COLUMNS, None)?;
        let row = rows
            .first()
            .ok_or_else(|| SppError::failed(SERVICE_CLASS, None, HResult::WBEM_NOT_FOUND))?;
        let service = decode_service(row)?;
        self.service_path = Some(wql::object_path(SERVICE_CLASS, "Version", &service.version));
        Ok(service)
    }

    /// The definition of `class` (WMI's `GetObject` of the class name).
    fn class(&mut self, class: &'static str) -> Result<&IWbemClassWrapper, SppError> {
        if !self.classes.contains_key(class) {
            let definition = self
                .connection
                .get_object(class)
                .map_err(|e| wmi_error(class, None, e))?;
            self.classes.insert(class, definition);
        }
        self.classes
            .get(class)
            .ok_or_else(|| SppError::failed(class, None, HResult::WBEM_NOT_FOUND))
    }

    fn rows(
        &self,
        class: &'static str,
        columns: &[&'static str],
        condition: Option<&str>,
    ) -> Result<Vec<Row>, SppError> {
        let operation = format!("query {class}");
        let query = wql::select(class, columns, condition);
        let objects = self
            .connection
            .exec_query(query)
            .map_err(|e| wmi_error(operation.clone(), None, e))?;
        let mut rows = Vec::new();
        for object in objects {
            let object = object.map_err(|e| wmi_error(operation.clone(), None, e))?;
            let mut row = Row::new();
            for &column in columns {
                // A column the class lacks fails here under Wine 8 (0x80041002), where
                // Windows refuses the query itself (0x80041017).
                let value = object
                    .get_property(column)
                    .map_err(|e| wmi_error(format!("reading {class}.{column}"), None, e))?;
                row.insert(column, value_of(value));
            }
            rows.push(row);
        }
        Ok(rows)
    }

    fn call(&mut self, call: &MethodCall) -> Result<(), SppError> {
        if self.service_path.is_none() {
            self.probe()?;
        }
        let (class, path) = match call.target {
            Target::Service => (SERVICE_CLASS, self.service_path.clone().unwrap_or_default()),
            Target::Product(id) => (
                PRODUCT_CLASS,
                wql::object_path(PRODUCT_CLASS, "ID", &id.to_string()),
            ),
        };
        let operation = call.to_string();
        let failed = |e: WMIError| wmi_error(operation.clone(), Some(call.method), e);
        let signature = self
            .class(class)?
            .get_method(call.method.name())
            .map_err(failed)?;
        let names = match &signature {
            Some(signature) => signature.list_properties().map_err(failed)?,
            None => Vec::new(),
        };
        let input = match (signature, bind_argument(call, &names)?, &call.argument) {
            (Some(signature), Some(name), Some(argument)) => {
                let input = signature.spawn_instance().map_err(failed)?;
                input
                    .put_property(name, variant_of(argument))
                    .map_err(failed)?;
                Some(input)
            }
            _ => None,
        };
        let output = self
            .connection
            .exec_method(&path, call.method.name(), input.as_ref())
            .map_err(failed)?;
        // SPP fails the call itself; a non-zero ReturnValue is read as its HRESULT too.
        match output.map(|out| out.get_property("ReturnValue")) {
            Some(Ok(Variant::UI4(code))) if code != 0 => Err(SppError::failed(
                operation.clone(),
                Some(call.method),
                HResult(code),
            )),
            Some(Ok(Variant::I4(code))) if code != 0 => Err(SppError::failed(
                operation.clone(),
                Some(call.method),
                HResult(code as u32),
            )),
            _ => Ok(()),
        }
    }
}

/// A WMI value as vlmgr reads it.
fn value_of(variant: Variant) -> Value {
    match variant {
        Variant::Empty | Variant::Null => Value::Null,
        Variant::String(text) => Value::Text(text),
        Variant::Bool(flag) => Value::Bool(flag),
        Variant::UI1(n) => Value::Unsigned(n.into()),
        Variant::UI2(n) => Value::Unsigned(n.into()),
        Variant::UI4(n) => Value::Unsigned(n.into()),
        Variant::UI8(n) => Value::Unsigned(n),
        Variant::I1(n) => Value::Signed(n.into()),
        Variant::I2(n) => Value::Signed(n.into()),
        Variant::I4(n) => Value::Signed(n.into()),
        Variant::I8(n) => Value::Signed(n),
        Variant::R4(n) => Value::Other(format!("the real number {n}")),
        Variant::R8(n) => Value::Other(format!("the real number {n}")),
        Variant::Array(items) => Value::Other(format!("an array of {}", items.len())),
        Variant::Object(_) | Variant::Unknown(_) => Value::Other("an object".into()),
    }
}

/// A method argument as WMI takes it (a uint32 goes as VT_I4, which the crate does).
fn variant_of(argument: &Argument) -> Variant {
    match argument {
        Argument::Text(text) => Variant::String(text.clone()),
        Argument::U32(n) => Variant::UI4(*n),
        Argument::Bool(flag) => Variant::Bool(*flag),
    }
}

/// A `wmi` crate error as the backend's: its HRESULT when it has one.
fn wmi_error(operation: impl Into<String>, method: Option<Method>, error: WMIError) -> SppError {
    let operation = operation.into();
    match error {
        WMIError::HResultError { hres } => {
            SppError::failed(operation, method, HResult(hres as u32))
        }
        other => SppError::failed(format!("{operation}: {other}"), method, HResult::FAIL),
    }
}
