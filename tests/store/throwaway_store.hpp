// SPDX-License-Identifier: EUPL-1.2
// The fixture of the store tests that run on every database: a Store opened on a throwaway
// database of the kind the test's parameter names ("sqlite": a file in a fresh folder;
// "postgres": a fresh database on ESCALE_TEST_PG_URL's server, the test skipped with its
// reason when that is not set), seeded by the test's seed(), dropped afterwards.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/open_store.hpp"

namespace escale {

class ThrowawayStoreTest : public ::testing::TestWithParam<std::string> {
protected:
    // `prefix` names the databases and folders of one test file, e.g. "escale_space_store_".
    explicit ThrowawayStoreTest(std::string prefix) : prefix_(std::move(prefix)) {}

    void SetUp() override {
        name_ = prefix_ + std::to_string(::getpid()) + "_" + std::to_string(++counter_);
        if (GetParam() == "postgres") {
            const char* admin = std::getenv("ESCALE_TEST_PG_URL");
            if (!admin || !*admin) GTEST_SKIP() << "ESCALE_TEST_PG_URL is not set: no PostgreSQL server to test against";
            admin_url_ = admin;
            ASSERT_TRUE(admin_sql("CREATE DATABASE " + name_));
            url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
        } else {
            dir_ = std::filesystem::temp_directory_path() / name_;
            std::filesystem::remove_all(dir_);
            std::filesystem::create_directories(dir_);
            url_ = "sqlite:" + (dir_ / "escale.db").string();
        }
        StoreOptions o;
        o.url = url_;
        auto s = open_store(o);
        ASSERT_TRUE(s) << s.error().message;
        store_ = std::move(*s);
        seed();
    }
    void TearDown() override {
        store_.reset();
        if (!admin_url_.empty()) admin_sql("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    // What every test of the file starts from.
    virtual void seed() {}

    bool admin_sql(const std::string& sql) {
        PGconn* c = PQconnectdb(admin_url_.c_str());
        PGresult* r = PQexec(c, sql.c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) ADD_FAILURE() << PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        return ok;
    }
    std::unique_ptr<Transaction> tx(TxMode m = TxMode::write) { return std::move(*store_->begin(m)); }

    std::string name_, url_, admin_url_;
    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;

private:
    std::string prefix_;
    static inline int counter_ = 0;
};

}  // namespace escale
