//! `cargo fuzz run pages`: see rasd_fuzz::pages (HTML, WARC, feeds, manifests).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rasd_fuzz::pages(data));
