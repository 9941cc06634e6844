//! `cargo fuzz run read`: see rasd_fuzz::read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rasd_fuzz::read(data));
