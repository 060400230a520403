// SPDX-License-Identifier: EUPL-1.2
// Instants as text: the one way Escale writes a UTC instant and reads one back, in the API
// (JSON fields, query parameters) and on the command line. Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace escale {

// How the accepted form is described to a person, e.g. in "« now » doit être <this>".
inline constexpr std::string_view instant_text_expected = "un instant UTC AAAA-MM-JJTHH:MM:SSZ";

// Reads "YYYY-MM-DDTHH:MM:SSZ" (UTC, to the second; strftime's %FT%TZ as Howard Hinnant's
// date reads it). Nothing may follow the final Z; offsets such as "+02:00" and fractions of
// a second are refused. Returns nullopt when the text is not such an instant.
std::optional<Instant> parse_instant(std::string_view text);

// Writes "YYYY-MM-DDTHH:MM:SSZ"; parse_instant reads it back to the same instant.
std::string format_instant(Instant t);

}  // namespace escale
