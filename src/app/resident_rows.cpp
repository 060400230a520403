// SPDX-License-Identifier: EUPL-1.2
#include "app/resident_rows.hpp"

#include <charconv>
#include <set>

#include <fmt/format.h>

#include "app/permissions.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {

// Lower-cases ASCII letters and the accented capitals French headers use (É, È, Ô...).
std::string lower_case(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // UTF-8 capitals of Latin-1 Supplement are C3 80..C3 9E; their small forms are +0x20.
    for (size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xC3) {
            auto& next = reinterpret_cast<unsigned char&>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
            ++i;
        }
    return s;
}

std::string trimmed(std::string_view s, std::string_view blanks = " \t") {
    auto first = s.find_first_not_of(blanks);
    if (first == std::string_view::npos) return "";
    return std::string(s.substr(first, s.find_last_not_of(blanks) - first + 1));
}

// A rôle cell as a role's name: « Référent » as spreadsheets write it is referent.
std::string role_name(const std::string& cell) {
    auto lower = lower_case(cell);
    std::string name;
    for (size_t i = 0; i < lower.size(); ++i) {
        bool e_acute = lower.compare(i, 2, "\xC3\xA9") == 0;
        name += e_acute ? 'e' : lower[i];
        i += e_acute;
    }
    return name;
}

// Header cell → column, accepting the usual French spellings.
std::optional<ResidentColumn> column_of(const std::string& cell) {
    auto header = trimmed(lower_case(cell), " ");
    if (header == "email" || header == "courriel" || header == "e-mail" || header == "adresse électronique")
        return ResidentColumn::email;
    if (header == "nom" || header == "nom affiché" || header == "display_name" || header == "prénom nom")
        return ResidentColumn::name;
    if (header == "service") return ResidentColumn::service;
    if (header == "quotité" || header == "quotite" || header == "fte_percent") return ResidentColumn::fte;
    if (header == "rôle" || header == "role") return ResidentColumn::role;
    return std::nullopt;
}

// The column a validation error is about, from the field its details name.
std::string column_name_of(const Error& e) {
    std::string field = e.details.empty() ? "" : e.details.front().field;
    if (field == "email") return "email";
    if (field == "display_name") return "nom";
    if (field == "fte_percent") return "quotité";
    return "";
}

ErrorDetail problem(int line, std::string column, std::string_view message) {
    return {line, std::move(column), fmt::format("Ligne {} : {}", line, message)};
}

}  // namespace

Result<ResidentColumns> resident_columns(const CsvRow& header) {
    ResidentColumns at;
    for (size_t i = 0; i < header.fields.size(); ++i)
        if (auto c = column_of(header.fields[i])) at.emplace(*c, i);
    for (auto [col, name] : {std::pair{ResidentColumn::email, "email"}, {ResidentColumn::name, "nom"},
                             {ResidentColumn::service, "service"}})
        if (!at.count(col)) return fail(errors::invalid_csv(fmt::format("la colonne « {} » manque dans l'en-tête", name)));
    return at;
}

ResidentRows read_resident_rows(std::span<const CsvRow> lines, const ResidentColumns& columns, SiteId site,
                                const std::map<std::string, ServiceId>& service_by_code,
                                std::span<const RoleGrant> importer_roles) {
    ResidentRows out;
    std::set<std::string> seen;
    for (const auto& row : lines) {
        auto cell = [&](ResidentColumn c) -> std::string {
            auto it = columns.find(c);
            return it != columns.end() && it->second < row.fields.size() ? trimmed(row.fields[it->second]) : "";
        };
        auto refuse = [&](std::string column, std::string_view message) {
            out.problems.push_back(problem(row.line, std::move(column), message));
        };
        Resident r;
        r.site_id = site;
        r.email = normalize_email(cell(ResidentColumn::email));
        r.display_name = cell(ResidentColumn::name);
        auto code = cell(ResidentColumn::service);
        auto svc = service_by_code.find(code);
        if (svc == service_by_code.end()) {
            refuse("service", fmt::format("le service « {} » n'existe pas sur ce site.", code));
            continue;
        }
        r.service_id = svc->second;
        if (auto fte = cell(ResidentColumn::fte); !fte.empty()) {
            if (fte.back() == '%') fte = trimmed(std::string_view(fte).substr(0, fte.size() - 1));
            auto [p, ec] = std::from_chars(fte.data(), fte.data() + fte.size(), r.fte_percent);
            if (ec != std::errc{} || p != fte.data() + fte.size()) {
                refuse("quotité", fmt::format("la quotité « {} » n'est pas un nombre entier.", fte));
                continue;
            }
        }
        auto role = cell(ResidentColumn::role);
        if (!role.empty()) {
            auto parsed = parse_role(role_name(role));
            if (!parsed) {
                refuse("rôle", fmt::format("le rôle « {} » est inconnu (agent, référent, gestionnaire, lecteur, admin).", role));
                continue;
            }
            r.role = *parsed;
        }
        // The import route asks for managing the whole site's residents; checked line by line
        // all the same, so that no line creates someone its importer could not.
        if (!may_manage_resident(importer_roles, nullptr, {}, &r)) {
            if (role.empty())
                refuse("service", fmt::format("vous ne pouvez pas créer de résident dans le service « {} ».", code));
            else
                refuse("rôle", fmt::format("vous ne pouvez pas attribuer le rôle « {} » sur ce site.", role));
            continue;
        }
        if (auto ok = validate(r); !ok) {
            refuse(column_name_of(ok.error()), ok.error().message);
            continue;
        }
        if (!seen.insert(r.email).second) {
            refuse("email", fmt::format("l'adresse « {} » figure plusieurs fois dans le fichier.", r.email));
            continue;
        }
        out.rows.push_back({row.line, std::move(r), code});
    }
    return out;
}

ErrorDetail existing_address_problem(int line, const std::string& email) {
    return problem(line, "email", fmt::format("un résident avec l'adresse « {} » existe déjà.", email));
}

}  // namespace escale::app
