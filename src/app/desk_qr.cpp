// SPDX-License-Identifier: EUPL-1.2
#include "app/desk_qr.hpp"

#include <algorithm>

#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/qr_code.hpp"
#include "core/qr_sheet.hpp"

namespace escale::app {

namespace {
Result<std::string> desk_code(const Desk& d, std::string_view public_url, double size_mm) {
    std::string url = desk_check_in_url(public_url, d.id);
    ESCALE_TRY(auto m, encode_qr(url));
    return qr_svg(m, "Poste " + d.label + " : " + url, size_mm);
}
}  // namespace

Result<std::string> desk_qr_svg(Context ctx, const Actor& actor, DeskId desk_id, std::string_view public_url) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        ESCALE_TRY(auto desk, tx.referential().find(Of<Desk>{}, desk_id));
        if (!desk) return fail(errors::not_found(entity_label<Desk>()));
        ESCALE_TRY_VOID(actor.require(Permission::manage_referential, Scope{desk->site_id, std::nullopt}));
        return desk_code(*desk, public_url, 40);
    });
}

Result<std::string> floor_qr_sheet(Context ctx, const Actor& actor, FloorId floor_id, std::string_view public_url) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        ESCALE_TRY(auto floor, tx.referential().find(Of<Floor>{}, floor_id));
        if (!floor) return fail(errors::not_found(entity_label<Floor>()));
        ESCALE_TRY_VOID(actor.require(Permission::manage_referential, Scope{floor->site_id, std::nullopt}));
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, floor->site_id));
        ESCALE_TRY(auto desks, tx.referential().desks_on_floor(floor_id));
        std::erase_if(desks, [](const Desk& d) { return !d.active; });
        std::sort(desks.begin(), desks.end(), [](const Desk& a, const Desk& b) { return a.label < b.label; });
        std::vector<QrLabel> codes;
        codes.reserve(desks.size());
        for (auto& d : desks) {
            ESCALE_TRY(auto svg, desk_code(d, public_url, 40));
            codes.push_back({d.label, desk_check_in_url(public_url, d.id), std::move(svg)});
        }
        return qr_sheet_html(site ? site->name : "", floor->name, codes);
    });
}

}  // namespace escale::app
