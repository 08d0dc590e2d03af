#![no_main]
// See oidctl::fuzzing::token_answer for what must hold.
libfuzzer_sys::fuzz_target!(|data: &[u8]| oidctl::fuzzing::token_answer(data));
