//! The JavaScript API under node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]

mod api;
