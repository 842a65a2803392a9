pub mod bind;
pub mod bind_only;
pub mod dns;
pub mod host_codec;
pub mod kms_host;
pub mod latency;
pub mod ports;
