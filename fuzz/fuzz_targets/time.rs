//! `cargo fuzz run time`: see rasd_fuzz::time.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rasd_fuzz::time(data));
