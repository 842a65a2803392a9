pub mod bind;
pub mod dns;
pub mod host_codec;
pub mod kms_host;
