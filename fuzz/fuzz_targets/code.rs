//! `cargo fuzz run code`: see rasd_fuzz::code.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rasd_fuzz::code(data));
