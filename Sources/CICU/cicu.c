// ICU calls behind `cicu.h`. The ICU headers are included here only, so the preprocessor maps the
// plain names (`ubrk_open`) to Debian's versioned symbols (`ubrk_open_72`) and no ICU type ever
// reaches Swift.
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

struct fw_breaker {
    UBreakIterator *iterator;
    UText text;
    int has_text;
};

fw_breaker *fw_breaker_open(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode error = U_ZERO_ERROR;
    UBreakIteratorType type = kind == FW_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD;
    UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &error);
    if (U_FAILURE(error)) {
        if (status) *status = (int32_t)error;
        return NULL;
    }
    fw_breaker *breaker = calloc(1, sizeof(fw_breaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        if (status) *status = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    UText initial = UTEXT_INITIALIZER;
    breaker->text = initial;
    breaker->iterator = iterator;
    if (status) *status = (int32_t)error;
    return breaker;
}

void fw_breaker_close(fw_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->has_text) utext_close(&breaker->text);
    free(breaker);
}

int32_t fw_breaker_set_text(fw_breaker *breaker, const uint8_t *utf8, int64_t length) {
    if (length > INT32_MAX) return (int32_t)U_INDEX_OUTOFBOUNDS_ERROR;
    UErrorCode error = U_ZERO_ERROR;
    // An empty text still needs a valid pointer.
    static const char empty[1] = {0};
    const char *bytes = (utf8 != NULL && length > 0) ? (const char *)utf8 : empty;
    // Reuses the embedded UText: no allocation, no copy of the bytes.
    utext_openUTF8(&breaker->text, bytes, length, &error);
    if (U_FAILURE(error)) return (int32_t)error;
    breaker->has_text = 1;
    ubrk_setUText(breaker->iterator, &breaker->text, &error);
    if (U_FAILURE(error)) return (int32_t)error;
    ubrk_first(breaker->iterator);
    return (int32_t)error;
}

int32_t fw_breaker_next_batch(fw_breaker *breaker, int32_t *ends, int32_t *rule_status, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t end = ubrk_next(breaker->iterator);
        if (end == UBRK_DONE) break;
        ends[count] = end;
        if (rule_status) rule_status[count] = ubrk_getRuleStatus(breaker->iterator);
        count++;
    }
    return count;
}

int64_t fw_bench_word_break(const uint8_t *utf8, int64_t length) {
    int32_t status = 0;
    fw_breaker *breaker = fw_breaker_open(FW_BREAK_WORD, "en", &status);
    if (breaker == NULL) return -1;
    if (fw_breaker_set_text(breaker, utf8, length) > 0) {
        fw_breaker_close(breaker);
        return -1;
    }
    int64_t words = 0;
    while (ubrk_next(breaker->iterator) != UBRK_DONE) {
        if (ubrk_getRuleStatus(breaker->iterator) >= UBRK_WORD_NUMBER) words++;
    }
    fw_breaker_close(breaker);
    return words;
}

// ---- normalisation keys ----------------------------------------------------------------------

enum { STACK_UNITS = 512 };

/// UTF-16 scratch that lives on the stack for ordinary tokens and on the heap for long ones.
typedef struct {
    UChar stack[STACK_UNITS];
    UChar *units;
    int32_t capacity;
} scratch16;

static int scratch_init(scratch16 *s, int32_t needed) {
    if (needed <= STACK_UNITS) {
        s->units = s->stack;
        s->capacity = STACK_UNITS;
        return 1;
    }
    s->units = malloc(sizeof(UChar) * (size_t)needed);
    s->capacity = needed;
    return s->units != NULL;
}

static void scratch_free(scratch16 *s) {
    if (s->units != s->stack) free(s->units);
}

/// Maps typographic apostrophes and dashes to ASCII and `ё` to `е`, in place (same length).
static void unify_punctuation(UChar *units, int32_t length) {
    for (int32_t i = 0; i < length; i++) {
        UChar c = units[i];
        switch (c) {
        case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x02BB: case 0x0060: case 0x00B4:
        case 0x2032: case 0xFF07:
            units[i] = 0x0027;
            break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        case 0xFE63: case 0xFF0D:
            units[i] = 0x002D;
            break;
        case 0x0451: // ё
            units[i] = 0x0435;
            break;
        default:
            break;
        }
    }
}

/// Folds the Turkic I letters to `i` before case folding: İ (U+0130), ı (U+0131), and the
/// combining dot above (U+0307) after any I/i/ı, which NFKC leaves on a lower-case i.
/// Returns the new length (never longer).
static int32_t fold_turkic_i(UChar *units, int32_t length) {
    int32_t out = 0;
    for (int32_t i = 0; i < length; i++) {
        UChar c = units[i];
        if (c == 0x0130 || c == 0x0131 || c == 0x0049) {
            units[out++] = 0x0069;
        } else if (c == 0x0307 && out > 0 && units[out - 1] == 0x0069) {
            // drop the dot above a folded i
        } else {
            units[out++] = c;
        }
    }
    return out;
}

static int32_t to_utf8(const UChar *units, int32_t length, uint8_t *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    int32_t written = 0;
    u_strToUTF8WithSub((char *)out, capacity, &written, units, length, 0xFFFD, NULL, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING) return written;
    if (U_FAILURE(error)) return -(int32_t)error;
    return written;
}

int32_t fw_fold_key(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&error);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&error);
    if (U_FAILURE(error)) return -(int32_t)error;

    // UTF-8 -> UTF-16 never needs more units than bytes; NFKC can expand (ligatures,
    // compatibility forms) up to 18x in the worst case, so size generously.
    int32_t needed = length + 1;
    scratch16 a, b;
    if (!scratch_init(&a, needed)) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
    int32_t units = 0;
    u_strFromUTF8WithSub(a.units, a.capacity, &units, (const char *)utf8, length, 0xFFFD, NULL, &error);
    if (U_FAILURE(error)) { scratch_free(&a); return -(int32_t)error; }

    int32_t expanded = units * 18 + 16;
    if (!scratch_init(&b, expanded)) { scratch_free(&a); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    int32_t n = unorm2_normalize(nfkc, a.units, units, b.units, b.capacity, &error);
    if (U_FAILURE(error)) { scratch_free(&a); scratch_free(&b); return -(int32_t)error; }
    n = fold_turkic_i(b.units, n);

    // Case folding can expand (ß -> ss); the folded text goes back into `a`, resized if needed.
    int32_t folded_capacity = n * 3 + 16;
    if (folded_capacity > a.capacity) {
        scratch_free(&a);
        if (!scratch_init(&a, folded_capacity)) { scratch_free(&b); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    }
    int32_t m = u_strFoldCase(a.units, a.capacity, b.units, n, U_FOLD_CASE_DEFAULT, &error);
    if (U_FAILURE(error)) { scratch_free(&a); scratch_free(&b); return -(int32_t)error; }
    unify_punctuation(a.units, m);

    // NFC again: folding can leave a decomposed sequence behind.
    if (m * 3 + 16 > b.capacity) {
        scratch_free(&b);
        if (!scratch_init(&b, m * 3 + 16)) { scratch_free(&a); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    }
    int32_t k = unorm2_normalize(nfc, a.units, m, b.units, b.capacity, &error);
    if (U_FAILURE(error)) { scratch_free(&a); scratch_free(&b); return -(int32_t)error; }
    int32_t result = to_utf8(b.units, k, out, capacity);
    scratch_free(&a);
    scratch_free(&b);
    return result;
}

int32_t fw_nfd(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&error);
    if (U_FAILURE(error)) return -(int32_t)error;
    scratch16 a, b;
    if (!scratch_init(&a, length + 1)) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
    int32_t units = 0;
    u_strFromUTF8WithSub(a.units, a.capacity, &units, (const char *)utf8, length, 0xFFFD, NULL, &error);
    if (U_FAILURE(error)) { scratch_free(&a); return -(int32_t)error; }
    if (!scratch_init(&b, units * 4 + 16)) { scratch_free(&a); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    int32_t n = unorm2_normalize(nfd, a.units, units, b.units, b.capacity, &error);
    int32_t result = U_FAILURE(error) ? -(int32_t)error : to_utf8(b.units, n, out, capacity);
    scratch_free(&a);
    scratch_free(&b);
    return result;
}
