// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite/private_file.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace escale::sqlite {

const std::string& create_private(const std::string& path) {
    if (path.empty() || path.front() == ':' || path.rfind("file:", 0) == 0) return path;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);  // EEXIST and the rest: SQLite reports what matters when it opens
    return path;
}

}  // namespace escale::sqlite
