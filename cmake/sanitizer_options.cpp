// SPDX-License-Identifier: EUPL-1.2
// The sanitizers' runtime options and leak suppressions, compiled into every executable of a
// sanitized build (ESCALE_SANITIZE, issue 14) so that a test binary or a server started by hand
// behaves as under CTest. The runtimes read these before the environment: ASAN_OPTIONS,
// UBSAN_OPTIONS and LSAN_OPTIONS still add to or override them (tests/api/escale_server.py
// sends reports to files that way).

extern "C" {

// Leaks are checked at exit (LeakSanitizer); a dynamic initialiser reading a global of another
// file not yet initialised is an error.
const char* __asan_default_options() { return "detect_leaks=1:check_initialization_order=1:strict_init_order=1"; }

// Undefined behaviour stops the process (it is also compiled with -fno-sanitize-recover) and
// says where it came from.
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

// Leaks reported in code that is not Escale's and that Escale cannot free. Each line says why.
// Escale's own code has none: a leak of ours is a bug to fix, not to suppress.
const char* __lsan_default_suppressions() { return ""; }

}
