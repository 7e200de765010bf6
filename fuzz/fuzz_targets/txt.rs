//! Any bytes as a file of format `txt`: never a panic, every article
//! with an id, every message naming the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::Format;

fuzz_target!(|data: &[u8]| newsdex_fuzz::read_all(Format::Text, data));
