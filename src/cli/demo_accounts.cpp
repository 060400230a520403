// SPDX-License-Identifier: EUPL-1.2
#include "cli/demo_accounts.hpp"

#include <map>
#include <sstream>

namespace escale::cli {

namespace {

const char* role_note(Role r) {
    switch (r) {
        case Role::admin: return " (administration)";
        case Role::gestionnaire: return " (gestionnaire)";
        case Role::referent: return " (référent)";
        case Role::lecteur: return " (lecteur)";
        case Role::agent: return "";
    }
    return "";
}

bool is_staff(const Resident& r) { return r.role == Role::admin || r.role == Role::gestionnaire; }

}  // namespace

std::string demo_accounts_text(const demo::DemoSite& site, SiteId site_id) {
    std::ostringstream out;
    const bool listed = site.residents.size() <= demo_accounts_listed_max;
    out << "Comptes de démonstration de « " << site.site.name << " » (" << site.residents.size()
        << " résidents), mot de passe « " << demo::demo_password << " » pour tous :\n";
    for (const auto& r : site.residents)
        if (is_staff(r)) out << "  " << r.email << role_note(r.role) << "\n";
    for (const auto& svc : site.services) {
        std::vector<const Resident*> people;
        for (const auto& r : site.residents)
            if (!is_staff(r) && r.service_id == svc.id) people.push_back(&r);
        if (people.empty()) continue;
        out << "  " << svc.code << " — " << svc.name << " (" << people.size() << ") :";
        if (listed) {
            out << "\n";
            for (const auto* r : people) out << "    " << r->email << role_note(r->role) << "\n";
        } else {
            out << " " << people.front()->email << role_note(people.front()->role);
            if (people.size() > 1) out << ", " << people[1]->email;
            if (people.size() > 2) out << " et " << people.size() - 2 << " autres";
            out << "\n";
        }
    }
    if (!listed)
        out << "  La liste complète : GET /api/v1/residents?site_id=" << site_id
            << " avec le jeton de admin@… (voir le README).\n";
    return out.str();
}

}  // namespace escale::cli
