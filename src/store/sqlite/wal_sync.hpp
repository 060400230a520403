// SPDX-License-Identifier: EUPL-1.2
// Group commit for SQLite in WAL mode: connections run with synchronous=NORMAL (a commit
// only writes its frames to the WAL file), and a committed writer waits here until the WAL
// has been flushed to disk. The first waiter flushes everything committed so far with one
// fsync while later ones queue behind it, so one flush covers many commits and no writer
// holds the write lock during a flush. An acknowledged commit is then as durable as with
// synchronous=FULL. Safe to share between threads.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

namespace escale::sqlite {

class WalSync {
public:
    explicit WalSync(std::string wal_path) : wal_path_(std::move(wal_path)) {}
    ~WalSync();
    WalSync(const WalSync&) = delete;
    WalSync& operator=(const WalSync&) = delete;

    // Call right after COMMIT, still holding the write lock; returns the commit's number.
    std::uint64_t committed();
    // Returns once commit `n` is on disk; false if the flush failed (the data may be lost).
    bool wait_durable(std::uint64_t n);

private:
    bool flush();  // fsync of the WAL file, reopened if SQLite recreated it

    std::string wal_path_;
    int fd_ = -1;
    unsigned long inode_ = 0;
    std::mutex mutex_;
    std::condition_variable flushed_;
    std::uint64_t committed_ = 0, durable_ = 0;
    bool flushing_ = false;
};

}  // namespace escale::sqlite
