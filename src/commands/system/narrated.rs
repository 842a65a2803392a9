//! `-v` on the system backend: every query and call to Windows' licensing service told
//! on stderr, with how long it took and how it ended.

use std::time::Instant;

use crate::client::Narration;
use crate::spp::{Columns, Filter, MethodCall, Product, Service, Spp, SppError};

/// An [`Spp`] that narrates what it is asked before passing it on.
pub(super) struct Narrated<'s> {
    inner: &'s mut dyn Spp,
    narrator: &'s Narration,
}

impl<'s> Narrated<'s> {
    pub(super) fn new(inner: &'s mut dyn Spp, narrator: &'s Narration) -> Narrated<'s> {
        Narrated { inner, narrator }
    }

    /// Runs `call`, then says what `what` was, how long it took and how it ended.
    fn told<T>(
        &mut self,
        what: String,
        call: impl FnOnce(&mut dyn Spp) -> Result<T, SppError>,
        summary: impl FnOnce(&T) -> String,
    ) -> Result<T, SppError> {
        let started = Instant::now();
        let result = call(&mut *self.inner);
        let took = started.elapsed().as_millis();
        match &result {
            Ok(value) => self
                .narrator
                .say(format_args!("WMI: {what}: {} ({took} ms)", summary(value))),
            Err(error) => self
                .narrator
                .say(format_args!("WMI: {what}: failed: {error} ({took} ms)")),
        }
        result
    }
}

impl Spp for Narrated<'_> {
    fn service(&mut self) -> Result<Service, SppError> {
        self.told(
            "query SoftwareLicensingService".into(),
            |spp| spp.service(),
            |service| format!("version {}", service.version),
        )
    }

    fn products(&mut self, filter: Filter, columns: Columns) -> Result<Vec<Product>, SppError> {
        self.told(
            format!("query SoftwareLicensingProduct ({filter:?}, {columns:?})"),
            |spp| spp.products(filter, columns),
            |products| format!("{} license(s)", products.len()),
        )
    }

    fn call(&mut self, call: &MethodCall) -> Result<(), SppError> {
        // The call prints its method, never its argument (a product key is a secret).
        let what = match call.target {
            crate::spp::Target::Service => format!("call {call}"),
            crate::spp::Target::Product(id) => format!("call {call} on {id}"),
        };
        self.told(what, |spp| spp.call(call), |()| "done".into())
    }

    fn kms_version_value(&mut self) -> Result<Option<String>, SppError> {
        self.told(
            "read KeyManagementServiceVersion".into(),
            |spp| spp.kms_version_value(),
            |value| format!("{value:?}"),
        )
    }

    fn set_kms_version_value(&mut self, version: Option<&str>) -> Result<(), SppError> {
        let what = match version {
            Some(version) => format!("set KeyManagementServiceVersion to {version}"),
            None => "delete KeyManagementServiceVersion".into(),
        };
        self.told(
            what,
            |spp| spp.set_kms_version_value(version),
            |()| "done".into(),
        )
    }
}
