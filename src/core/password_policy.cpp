// SPDX-License-Identifier: EUPL-1.2
#include "core/password_policy.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

namespace escale {
namespace {

// Frequent passwords of 12 characters or more (shorter ones fail on length already), from
// public lists of leaked passwords, French ones included. Lower case.
constexpr std::array<std::string_view, 40> common = {
    "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
    "000000000000", "123123123123", "987654321098", "azertyuiop12", "azertyuiop123",
    "azertyuiopqsdf", "azertyuiopqsdfghjklm", "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf",
    "qwertyuiopasdfghjkl", "motdepasse12", "motdepasse123", "motdepasse1234", "motdepasse2024",
    "motdepasse2025", "motdepasse2026", "mot-de-passe", "mot-de-passe1", "password1234",
    "password12345", "passwordpassword", "iloveyou1234", "jetaime123456", "bonjour12345",
    "bonjour123456", "soleil123456", "marseille1234", "doudou123456", "nicolas12345",
    "administrateur", "administrator", "changeme1234", "bienvenue123", "bienvenue1234",
};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Code points in valid UTF-8 (continuation bytes are not counted).
int length_in_characters(std::string_view s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// True when every character is the previous one plus `step` (e.g. "abcdef", "987654").
bool straight_run(std::string_view s, int step) {
    for (size_t i = 1; i < s.size(); ++i)
        if (s[i] - s[i - 1] != step) return false;
    return true;
}

// True when s is a stretch of one keyboard row (AZERTY or QWERTY), in either direction.
bool keyboard_row(const std::string& s) {
    static const std::array<std::string_view, 8> rows = {"azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop",
                                                         "asdfghjkl", "zxcvbnm", "1234567890", "0987654321"};
    std::string reversed(s.rbegin(), s.rend());
    for (auto row : rows) {
        // Repeat the row so that runs longer than it (wrapping) are caught too.
        std::string twice = std::string(row) + std::string(row) + std::string(row);
        if (twice.find(s) != std::string::npos || twice.find(reversed) != std::string::npos) return true;
    }
    return false;
}

Error weak(std::string_view why) {
    return Error{ErrorKind::invalid_input, "weak_password", fmt::format("Mot de passe trop faible : {}.", why), {}};
}

}  // namespace

Result<void> check_new_password(std::string_view password) {
    int length = length_in_characters(password);
    if (length < min_password_length)
        return fail(weak(fmt::format("il faut au moins {} caractères", min_password_length)));
    if (password.size() > 256)
        return fail(Error{ErrorKind::invalid_input, "weak_password", "Mot de passe trop long : 256 octets au plus.", {}});
    auto lowered = lower_ascii(password);
    if (std::find(common.begin(), common.end(), lowered) != common.end())
        return fail(weak("il figure parmi les mots de passe les plus répandus"));
    if (straight_run(lowered, 0) || straight_run(lowered, 1) || straight_run(lowered, -1) || keyboard_row(lowered))
        return fail(weak("c'est une simple suite de caractères"));
    return {};
}

}  // namespace escale
