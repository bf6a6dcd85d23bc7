#pragma once

// Peak-memory bounds are the product's promise for its normal build. Under
// AddressSanitizer (scripts/test --sanitize) shadow memory and the quarantine
// of freed blocks add hundreds of MiB, so the bounds are not checked there:
// the sanitizer checks the memory itself instead.

namespace tardigrade::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kPeakMemoryIsMeasurable = false;
#else
inline constexpr bool kPeakMemoryIsMeasurable = true;
#endif

} // namespace tardigrade::test
