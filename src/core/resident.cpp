#include "core/resident.hpp"

namespace escale {

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
