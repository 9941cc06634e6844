//! `cargo fuzz run text`: see rasd_fuzz::text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rasd_fuzz::text(data));
