// SPDX-License-Identifier: EUPL-1.2
// What the fuzz targets assert beyond "no crash": a failed invariant aborts with the input's
// story on stderr, so that libFuzzer records the input as a crash. Header only.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

// Aborts with `what` when `ok` is false.
#define FUZZ_CHECK(ok, what)                                                                       \
    do {                                                                                           \
        if (!(ok)) {                                                                               \
            std::fprintf(stderr, "fuzz invariant failed at %s:%d: %s\n", __FILE__, __LINE__, what); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

namespace escale::fuzz {

// The fuzzer's bytes as text.
inline std::string_view text_of(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace escale::fuzz
