// SPDX-License-Identifier: EUPL-1.2
// Routes of personal data (RGPD): a resident downloads everything Escale holds about them.
#include "http/routes/routes.hpp"

#include "app/personal_data.hpp"
#include "http/json_codec.hpp"
#include "http/replies.hpp"

namespace escale::http {

void add_personal_data_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    r.add({.method = "GET", .pattern = "/api/v1/me/personal-data",
           .handler = [ctx](const Call& c) {
               auto data = app::export_personal_data(ctx, *c.actor);
               if (!data) return error_response(data.error());
               auto resp = json_response(200, to_json(*data));
               resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"mes-donnees-escale.json\"");
               return resp;
           },
           .slow = true});
}

}  // namespace escale::http
