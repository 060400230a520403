// SPDX-License-Identifier: EUPL-1.2
#include "app/refusal_tally.hpp"

#include "app/transaction.hpp"

namespace escale::app {

void RefusalTally::note(SiteId site, Date d, Half h) {
    std::lock_guard lock(mutex_);
    ++counts_[{site, d, h}];
}

Result<void> RefusalTally::flush(Context ctx) {
    std::map<Slot, int> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(counts_);
    }
    if (taken.empty()) return {};
    auto written = in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        for (auto& [slot, n] : taken) {
            auto& [site, d, h] = slot;
            ESCALE_TRY_VOID(tx.analytics().note_refusals(site, d, h, n));
        }
        return {};
    });
    if (!written) {  // kept for the next flush
        std::lock_guard lock(mutex_);
        for (auto& [slot, n] : taken) counts_[slot] += n;
    }
    return written;
}

}  // namespace escale::app
