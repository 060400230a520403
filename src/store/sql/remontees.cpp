// SPDX-License-Identifier: EUPL-1.2
// Remontées' SQL (issue 13, item 6). One support per resident: the primary key of
// remontee_supports (both databases).
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* remontee_columns =
    "id, site_id, kind, theme, title, body, author_id, service_id, status, answer, answered_by, answered_at, created_at";

Remontee read_remontee(const Row& row) {
    Remontee r;
    read_columns(row, 0, r.id, r.site_id, r.kind, r.theme, r.title, r.body, r.author_id, r.service_id, r.status,
                 r.answer, r.answered_by, r.answered_at, r.created_at);
    return r;
}

std::string select_where(std::string_view where) {
    return fmt::format("SELECT {} FROM remontees WHERE {}", remontee_columns, where);
}

Error support_unique(std::string_view) { return errors::already_supported(); }

const Meaning remontee_meaning{.label = feminine("remontée")};
const Meaning support_meaning{.label = masculine("soutien"), .unique_error = support_unique};

class SqlRemontees final : public RemonteeStore {
public:
    explicit SqlRemontees(Connection& c) : c_(c) {}

    Result<RemonteeId> insert(const Remontee& r) override {
        return c_.insert("INSERT INTO remontees (site_id, kind, theme, title, body, author_id, service_id, status, answer, "
                         "answered_by, answered_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                         params(r.site_id, r.kind, r.theme, r.title, r.body, r.author_id, r.service_id, r.status,
                                r.answer, r.answered_by, r.answered_at, r.created_at),
                         remontee_meaning);
    }

    Result<std::optional<Remontee>> find(RemonteeId id) override {
        static const std::string sql = select_where("id = $1");
        return first_row(c_, sql, params(id), read_remontee);
    }

    Result<std::vector<Remontee>> of_site(SiteId site, std::optional<RemonteeTheme> theme) override {
        if (theme) {
            static const std::string sql = select_where("site_id = $1 AND theme = $2 ORDER BY id DESC");
            return rows(c_, sql, params(site, *theme), read_remontee);
        }
        static const std::string sql = select_where("site_id = $1 ORDER BY id DESC");
        return rows(c_, sql, params(site), read_remontee);
    }

    Result<std::vector<Remontee>> signed_by(ResidentId r) override {
        static const std::string sql = select_where("author_id = $1 ORDER BY id");
        return rows(c_, sql, params(r), read_remontee);
    }

    Result<bool> update_text(RemonteeId id, const std::string& title, const std::string& body) override {
        ESCALE_TRY(int n, execute(c_, "UPDATE remontees SET title = $1, body = $2 WHERE id = $3", params(title, body, id),
                                  remontee_meaning));
        return n == 1;
    }

    Result<bool> answer(RemonteeId id, RemonteeStatus status, const std::string& answer, std::optional<ResidentId> by,
                        Instant at) override {
        ESCALE_TRY(int n, execute(c_,
                                  "UPDATE remontees SET status = $1, answer = $2, answered_by = $3, answered_at = $4 "
                                  "WHERE id = $5",
                                  params(status, answer, by, at, id), remontee_meaning));
        return n == 1;
    }

    Result<int> remove(RemonteeId id) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM remontee_supports WHERE remontee_id = $1", params(id)));
        return execute(c_, "DELETE FROM remontees WHERE id = $1", params(id));
    }

    Result<void> add_support(RemonteeId id, ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO remontee_supports (remontee_id, resident_id) VALUES ($1, $2)",
                                params(id, r), support_meaning));
        return {};
    }

    Result<int> remove_support(RemonteeId id, ResidentId r) override {
        return execute(c_, "DELETE FROM remontee_supports WHERE remontee_id = $1 AND resident_id = $2", params(id, r));
    }

    Result<std::vector<std::pair<RemonteeId, int>>> support_counts(SiteId site) override {
        return rows(c_,
                    "SELECT r.id, r.forgotten_supports + COUNT(s.resident_id) FROM remontees r "
                    "LEFT JOIN remontee_supports s ON s.remontee_id = r.id WHERE r.site_id = $1 "
                    "GROUP BY r.id, r.forgotten_supports HAVING r.forgotten_supports + COUNT(s.resident_id) > 0",
                    params(site),
                    [](const Row& row) { return std::pair<RemonteeId, int>{row.integer(0), static_cast<int>(row.integer(1))}; });
    }

    Result<std::vector<RemonteeId>> supported_by(ResidentId r) override {
        return rows(c_, "SELECT remontee_id FROM remontee_supports WHERE resident_id = $1 ORDER BY remontee_id", params(r),
                    [](const Row& row) { return Id{row.integer(0)}; });
    }

    Result<std::vector<RemonteeFact>> facts(SiteId site) override {
        return rows(c_, "SELECT theme, service_id FROM remontees WHERE site_id = $1", params(site), [](const Row& row) {
            RemonteeFact f;
            read_columns(row, 0, f.theme, f.service_id);
            return f;
        });
    }

    Result<int> forget(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_, "UPDATE remontees SET forgotten_supports = forgotten_supports + 1 WHERE id IN "
                                    "(SELECT remontee_id FROM remontee_supports WHERE resident_id = $1)",
                                params(r)));
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM remontee_supports WHERE resident_id = $1", params(r)));
        ESCALE_TRY_VOID(execute(c_, "UPDATE remontees SET answered_by = NULL WHERE answered_by = $1", params(r)));
        return execute(c_, "UPDATE remontees SET author_id = NULL, created_at = created_at - created_at % 86400 "
                           "WHERE author_id = $1",
                       params(r));
    }

    Result<int> forget_authors_before(SiteId site, Instant before) override {
        return execute(c_,
                       "UPDATE remontees SET author_id = NULL, answered_by = NULL, created_at = created_at - created_at % 86400 "
                       "WHERE site_id = $1 AND created_at < $2 AND (author_id IS NOT NULL OR answered_by IS NOT NULL)",
                       params(site, before));
    }

    Result<int> forget_supports_before(SiteId site, Instant before) override {
        ESCALE_TRY_VOID(execute(c_,
                                "UPDATE remontees SET forgotten_supports = forgotten_supports + "
                                "(SELECT COUNT(*) FROM remontee_supports s WHERE s.remontee_id = remontees.id) "
                                "WHERE site_id = $1 AND created_at < $2 "
                                "AND EXISTS (SELECT 1 FROM remontee_supports s WHERE s.remontee_id = remontees.id)",
                                params(site, before)));
        return execute(c_,
                       "DELETE FROM remontee_supports WHERE remontee_id IN "
                       "(SELECT id FROM remontees WHERE site_id = $1 AND created_at < $2)",
                       params(site, before));
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<RemonteeStore> remontee_room(Connection& c) { return std::make_unique<SqlRemontees>(c); }

}  // namespace escale::sql
