# The fuzz targets, one per untrusted input the library reads: fuzz/<name>.cpp defines
# LLVMFuzzerTestOneInput and fuzz/corpus/<name>/ holds its seeds. fuzz/CMakeLists.txt builds each
# under libFuzzer; tests/fuzz_replay/CMakeLists.txt replays each one's seeds in ctest. Both read
# this list, so a target added here is fuzzed and replayed without another edit.
set(partner_center_fuzz_targets
  decode_validate_request
  decode_response
  parse_service_error
  load_country_rules
  build_request
  token_answer)
