#pragma once

// Speed bounds ("a linear look-up would take many seconds") are the
// product's promise for its normal build. Sanitizer builds (scripts/test
// --sanitize, --tsan) run the same code at -O1 with every memory access
// checked, several times slower: tst_tablemodels' 100,000 look-ups took
// 2.5 s in the normal build and 17 s under AddressSanitizer on two busy
// cores. There the bounds are this many times wider, still far below what
// a linear search per event would take.

namespace tardigrade::test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr int kSpeedBoundScale = 5;
#else
inline constexpr int kSpeedBoundScale = 1;
#endif

} // namespace tardigrade::test
