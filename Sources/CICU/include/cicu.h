// The ICU calls Framewatch needs, behind a header that includes no ICU header.
//
// Debian renames every ICU C function with a version suffix (`ubrk_open_72`) and Foundation on
// Linux carries its own private ICU; a Swift module that could see both sets of declarations
// fails to compile. So this header exposes only opaque handles, `int32_t`/`int64_t` values and
// UTF-8 byte buffers; the ICU headers are included by `cicu.c` alone.
#ifndef FRAMEWATCH_CICU_H
#define FRAMEWATCH_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A reusable ICU break iterator bound to one UTF-8 text at a time (no copy of the text).
typedef struct fw_breaker fw_breaker;

/// Kinds of break iterator.
enum { FW_BREAK_WORD = 0, FW_BREAK_SENTENCE = 1 };

/// ICU word rule statuses (`UBRK_WORD_*`): ranges [0,100) none, [100,200) number,
/// [200,300) letter, [300,400) kana, [400,500) ideographic.
enum { FW_WORD_NONE = 0, FW_WORD_NUMBER = 100, FW_WORD_LETTER = 200, FW_WORD_KANA = 300, FW_WORD_IDEO = 400 };

/// Opens a break iterator for `locale` (e.g. "en", "ru@ss=standard"). On failure returns NULL
/// and writes the ICU error code to `status` (> 0 is an error).
fw_breaker *fw_breaker_open(int32_t kind, const char *locale, int32_t *status);

/// Releases the iterator and its UText.
void fw_breaker_close(fw_breaker *breaker);

/// Points the iterator at `length` bytes of UTF-8 (invalid bytes are tolerated and come back as
/// non-word segments). The bytes must stay alive and unchanged while the iterator is used.
/// Returns an ICU error code (<= 0 is success). Texts over 2 GiB are refused (ICU offsets are 32-bit).
int32_t fw_breaker_set_text(fw_breaker *breaker, const uint8_t *utf8, int64_t length);

/// Turns the word fast path on (the default for word iterators) or off (plain ICU, for tests
/// that compare the two). The fast path applies ICU's word rules itself to text made of common
/// Latin, Cyrillic, digit, punctuation and space characters and gives the rest to ICU; its
/// boundaries and rule statuses are ICU's (see `cicu.c`). Restarts the current text.
void fw_breaker_set_fast_path(fw_breaker *breaker, int32_t on);

/// Writes up to `capacity` further boundaries (UTF-8 byte offsets) and, when `rule_status` is not
/// NULL, the rule status of the segment ending at each boundary. Returns how many were written;
/// 0 means the end of the text was reached.
int32_t fw_breaker_next_batch(fw_breaker *breaker, int32_t *ends, int32_t *rule_status, int32_t capacity);

/// The raw ICU baseline for benchmarks: runs a word break iterator with rule status over the
/// whole UTF-8 text, one `ubrk_next` + `ubrk_getRuleStatus` per segment, and returns the number
/// of segments with a word status (>= 100). Negative on error.
int64_t fw_bench_word_break(const uint8_t *utf8, int64_t length);

/// The matching key of one token: NFKC, the Turkic dotted/dotless I letters (I, İ, ı, i, and i/I
/// followed by U+0307) all folded to `i`, full case folding, `ё` folded to `е`, typographic
/// apostrophes to `'` and dashes to `-`, then NFC. Writes UTF-8 to `out` (not NUL-terminated)
/// and returns the key's length in bytes; if that is larger than `capacity`, nothing useful is
/// written and the caller retries with a larger buffer. Negative on error.
int32_t fw_fold_key(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);

/// The same key computed by ICU alone, without the shortcut `fw_fold_key` takes for common
/// Latin, Azerbaijani and Cyrillic text (for the tests that compare the two).
int32_t fw_fold_key_icu(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);

/// Canonical decomposition (NFD) of UTF-8, used to strip diacritics. Same contract as `fw_fold_key`.
int32_t fw_nfd(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
