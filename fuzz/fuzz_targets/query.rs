//! Any text as a query and as a date flag: never a panic, never slow
//! (libFuzzer's `-timeout` catches a query that is).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| newsdex_fuzz::compile_query(data));
