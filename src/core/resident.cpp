// SPDX-License-Identifier: EUPL-1.2
#include "core/resident.hpp"

namespace escale {

std::string removed_resident_email(ResidentId id) { return "supprime-" + std::to_string(id) + "@escale.invalid"; }

bool is_removed(const Resident& r) { return r.email == removed_resident_email(r.id); }

Resident removed_resident(const Resident& r) {
    Resident out;
    out.id = r.id;
    out.site_id = r.site_id;
    out.email = removed_resident_email(r.id);
    out.display_name = "Résident supprimé";
    out.fte_percent = 100;
    out.role = Role::agent;
    out.active = false;
    return out;
}

std::optional<Role> parse_role(std::string_view t) {
    if (t == "agent") return Role::agent;
    if (t == "referent") return Role::referent;
    if (t == "gestionnaire") return Role::gestionnaire;
    if (t == "lecteur") return Role::lecteur;
    if (t == "admin") return Role::admin;
    return std::nullopt;
}

const char* to_string(Role r) {
    switch (r) {
        case Role::agent: return "agent";
        case Role::referent: return "referent";
        case Role::gestionnaire: return "gestionnaire";
        case Role::lecteur: return "lecteur";
        case Role::admin: return "admin";
    }
    return "agent";
}

}  // namespace escale
