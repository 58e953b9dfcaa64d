//! A client crate that uses errspec exactly as the README's build.rs recipe
//! shows: its `build.rs` generates the error types into `OUT_DIR`, and this
//! crate includes them.
#![deny(warnings, missing_docs)]

/// The Nanobanana API's error types, generated from `spec/errors.yaml`.
pub mod errors {
    include!(concat!(env!("OUT_DIR"), "/rust/errors.rs"));
}
