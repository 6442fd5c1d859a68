//! Damaged indexes that still pass every seal: the input is a list of edits
//! to a valid index (see `core/tests/support/damage.rs`), after which its
//! checksum and its fst dictionaries' crc32c are recomputed, so the damage
//! reaches the structural checks and every decoder behind the seals.
//! Opening returns an error, or an index that searches and shows each
//! article without panicking.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/support/damage.rs"]
mod damage;

fn valid_index() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(damage::sample_index)
}

fuzz_target!(|edits: &[u8]| {
    let bytes = damage::damage(valid_index(), edits);
    if let Err(error) = damage::open_and_use(&bytes) {
        assert!(!error.to_string().contains("checksum"), "a seal was not recomputed: {error}");
    }
});
