// SPDX-License-Identifier: EUPL-1.2
#include "app/mail_message.hpp"

#include <array>

#include <date/date.h>
#include <fmt/format.h>
#include <sodium.h>

#include "core/errors.hpp"

namespace escale::app {
namespace {

std::string base64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

// Where a UTF-8 text may be cut before `at` without splitting a character.
std::size_t char_boundary(std::string_view s, std::size_t at) {
    if (at >= s.size()) return s.size();
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
}

bool needs_encoding(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7F || c == '=' || c == '?') return true;
    return s.size() > 60;
}

}  // namespace

bool plain_mail_address(std::string_view a) {
    if (a.empty() || a.size() > 254) return false;
    auto at = a.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : a)
        if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
            c == ':' || c == '"' || c == '\\' || c == '[' || c == ']')
            return false;
    return true;
}

std::string encode_header_words(std::string_view text) {
    if (!needs_encoding(text)) return std::string(text);
    // "=?UTF-8?B?" + base64 + "?=" is 64 characters with at most 39 bytes a word, so that even
    // the first line, after "Subject: ", stays within 78.
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = char_boundary(text, pos + 39);
        if (end == pos) end = std::min(text.size(), pos + 39);  // not UTF-8: cut anywhere
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string rfc5322_date(Instant t) {
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto day = std::chrono::floor<date::days>(t);
    date::year_month_day ymd{day};
    date::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - day)};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", days[date::weekday{day}.c_encoding()],
                       static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                       static_cast<int>(ymd.year()), hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count());
}

std::string_view mail_domain(std::string_view address) {
    auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view("localhost") : address.substr(at + 1);
}

Result<std::string> render_mail(const MailMessage& m) {
    if (!plain_mail_address(m.from)) return fail(errors::invalid_field("from", "une adresse électronique simple"));
    if (!plain_mail_address(m.to)) return fail(errors::invalid_field("to", "une adresse électronique simple"));
    for (char c : m.message_id)
        if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') return fail(errors::invalid_field("message_id", "ASCII"));
    std::string text;
    text.reserve(m.text.size() + 16);
    for (char c : m.text) {
        if (c == '\n') text += "\r\n";
        else if (c != '\r') text += c;
    }
    std::string out = fmt::format(
        "Date: {}\r\nFrom: {} <{}>\r\nTo: <{}>\r\nSubject: {}\r\nMessage-ID: <{}>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Language: fr\r\nAuto-Submitted: auto-generated\r\n\r\n",
        rfc5322_date(m.date), "Escale", m.from, m.to, encode_header_words(m.subject), m.message_id);
    std::string body = base64(text);
    for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
    return out;
}

}  // namespace escale::app
