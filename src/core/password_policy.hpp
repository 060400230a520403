// SPDX-License-Identifier: EUPL-1.2
// What a new local-account password must be: at least 12 characters (ANSSI's guidance for
// passwords that protect personal data), at most 256, and not trivially guessable: not in
// a list of the most common long passwords, not one repeated character, not a straight run
// of the keyboard or of digits. Pure; the comparison ignores letter case.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace escale {

inline constexpr int min_password_length = 12;

// Fails with kind invalid_input and code "weak_password", with a French message saying why.
Result<void> check_new_password(std::string_view password);

}  // namespace escale
