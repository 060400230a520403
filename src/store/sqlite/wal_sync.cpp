// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite/wal_sync.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/metrics.hpp"

namespace escale::sqlite {

WalSync::~WalSync() {
    if (fd_ >= 0) ::close(fd_);
}

std::uint64_t WalSync::committed() {
    std::lock_guard lock(mutex_);
    return ++committed_;
}

bool WalSync::wait_durable(std::uint64_t n) {
    std::unique_lock lock(mutex_);
    while (durable_ < n) {
        if (flushing_) {
            flushed_.wait(lock);
            continue;
        }
        flushing_ = true;
        std::uint64_t covered = committed_;  // every commit so far is in the WAL file
        lock.unlock();
        bool ok = flush();
        lock.lock();
        flushing_ = false;
        if (ok && covered > durable_) {
            metrics::process().group_commit_size.observe(static_cast<double>(covered - durable_));  // issue 14
            durable_ = covered;
        }
        flushed_.notify_all();
        if (!ok) return false;
    }
    return true;
}

bool WalSync::flush() {
    // Only the flusher (flushing_ == true) touches fd_ and inode_.
    struct stat st {};
    if (::stat(wal_path_.c_str(), &st) != 0) return false;
    if (fd_ < 0 || inode_ != st.st_ino) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) return false;
        inode_ = st.st_ino;
    }
    return ::fdatasync(fd_) == 0;
}

}  // namespace escale::sqlite
