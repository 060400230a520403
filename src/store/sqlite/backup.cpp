// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite/backup.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include "store/sqlite/private_file.hpp"

namespace escale::sqlite {
namespace {

Result<void> copy(SQLite::Database& from, SQLite::Database& to) {
    sqlite3_backup* b = sqlite3_backup_init(to.getHandle(), "main", from.getHandle(), "main");
    if (!b) return fail(ErrorKind::unavailable, "backup_failed", fmt::format("Copie impossible : {}.", to.getErrorMsg()));
    int rc = sqlite3_backup_step(b, -1);  // every page in one step: one consistent snapshot
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return fail(ErrorKind::unavailable, "backup_failed", fmt::format("Copie interrompue : {}.", sqlite3_errstr(rc)));
    return {};
}

}  // namespace

Result<void> backup(const std::string& db_path, const std::string& to_path) {
    try {
        SQLite::Database from(db_path, SQLite::OPEN_READONLY, 5000);
        SQLite::Database to(create_private(to_path), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
        return copy(from, to);
    } catch (const SQLite::Exception& e) {
        return fail(ErrorKind::unavailable, "backup_failed", fmt::format("Sauvegarde impossible : {}.", e.what()));
    }
}

Result<void> restore(const std::string& from_path, const std::string& db_path) {
    try {
        SQLite::Database from(from_path, SQLite::OPEN_READONLY, 5000);
        auto integrity = from.execAndGet("PRAGMA integrity_check").getString();
        if (integrity != "ok")
            return fail(ErrorKind::invalid_input, "backup_corrupt",
                        fmt::format("La sauvegarde est endommagée ({}).", integrity));
        SQLite::Statement fk(from, "PRAGMA foreign_key_check");
        if (fk.executeStep())
            return fail(ErrorKind::invalid_input, "backup_corrupt", "La sauvegarde contient des références orphelines.");
        SQLite::Statement tables(from, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'desk_bookings'");
        if (!tables.executeStep() || tables.getColumn(0).getInt() != 1)
            return fail(ErrorKind::invalid_input, "not_an_escale_backup", "Ce fichier n'est pas une sauvegarde d'Escale.");
        SQLite::Database to(create_private(db_path), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
        return copy(from, to);
    } catch (const SQLite::Exception& e) {
        return fail(ErrorKind::unavailable, "restore_failed", fmt::format("Restauration impossible : {}.", e.what()));
    }
}

}  // namespace escale::sqlite
