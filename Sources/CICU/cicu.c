// ICU calls behind `cicu.h`. The ICU headers are included here only, so the preprocessor maps the
// plain names (`ubrk_open`) to Debian's versioned symbols (`ubrk_open_72`) and no ICU type ever
// reaches Swift.
#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

struct fw_breaker {
    UBreakIterator *iterator;
    UText text;
    int has_text;
    int word_fast_path;      // a word iterator with the fast path on (see below)
    const uint8_t *bytes;    // the text, for the fast path
    int32_t length;
    int32_t position;        // the last boundary reported
    int32_t icu_base;        // >= 0: ICU is segmenting [icu_base, icu_end) of the text
    int32_t icu_end;
};

// ---- word break fast path ----------------------------------------------------------------------
//
// ICU's word break iterator costs about as much as the rest of segmentation together. Most news
// text is made of a few hundred characters (ASCII, Latin-1 and Latin Extended letters, Cyrillic,
// common punctuation and spaces) whose word-break behaviour reduces to a handful of the UAX #29
// rules ICU implements: WB3–WB3b (line breaks), WB3d (runs of spaces), WB5–WB7 (letters joined
// by `'`, `.`, `:`…), WB8–WB12 (digits joined by `,` `.` …), WB9/WB10 (letters and digits) and
// WB999. The fast path applies exactly those rules to text made of such characters and hands
// everything else to ICU: a segment is abandoned as soon as any character it looks at is outside
// the table (combining marks, format characters, emoji, Hebrew, kana, CJK, Thai, invalid UTF-8…),
// and ICU segments from that segment's start (an ICU boundary: ICU's forward iteration from a
// boundary depends only on the text after it) to the next "safe" point, a position after a
// space or line feed where the next character is in the table and is not a space (always a
// boundary, and no rule looks across it). The classes come from ICU's own Word_Break property
// (minus the characters ICU's rules tailor); the test suite compares the fast path with plain
// ICU on every corpus text and on random strings mixing both kinds of character.

enum {
    WB_UNSUPPORTED = 0,  // not handled here: ICU decides
    WB_LETTER,           // ALetter
    WB_DIGIT,            // Numeric
    WB_MID_LETTER,       // MidLetter: joins letters only
    WB_MID_NUM,          // MidNum: joins digits only
    WB_MID_BOTH,         // MidNumLet and Single_Quote: joins letters or digits
    WB_SPACE,            // WSegSpace
    WB_CR,
    WB_LF,
    WB_NEWLINE,
    WB_OTHER,            // everything that stands alone
};

// Code points below 0x0530 (Basic Latin to Cyrillic Supplement) and 0x2000–0x206F (General
// Punctuation: typographic quotes, dashes, ellipsis).
static uint8_t wb_low[0x0530];
static uint8_t wb_punct[0x70];
static pthread_once_t wb_once = PTHREAD_ONCE_INIT;

static uint8_t wb_class_of(UChar32 c) {
    // Characters ICU's rules treat differently from the Word_Break property, or that take part
    // in rules the fast path does not implement (emoji sequences): left to ICU.
    if (c == 0x40 /* @: ICU 72 joins e-mail addresses */ || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC))
        return WB_UNSUPPORTED;
    if (c == 0x3A) return WB_OTHER;  // ICU's rules take the colon out of MidLetter ("a:b" is three segments)
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return WB_LETTER;
    case U_WB_NUMERIC: return WB_DIGIT;
    case U_WB_MIDLETTER: return WB_MID_LETTER;
    case U_WB_MIDNUM: return WB_MID_NUM;
    case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: return WB_MID_BOTH;
    case U_WB_WSEGSPACE: return WB_SPACE;
    case U_WB_CR: return WB_CR;
    case U_WB_LF: return WB_LF;
    case U_WB_NEWLINE: return WB_NEWLINE;
    case U_WB_OTHER: case U_WB_DOUBLE_QUOTE: return WB_OTHER;
    default: return WB_UNSUPPORTED;  // Extend, Format, ZWJ, ExtendNumLet, Katakana, Hebrew, RI…
    }
}

static void wb_init(void) {
    for (UChar32 c = 0; c < 0x0530; c++) wb_low[c] = wb_class_of(c);
    for (UChar32 c = 0; c < 0x70; c++) wb_punct[c] = wb_class_of(0x2000 + c);
}

/// The class of the character at `i` and its length in bytes (WB_UNSUPPORTED, length 1, for
/// anything outside the tables or invalid; the end of the text is WB_OTHER with length 0 —
/// nothing joins across it).
static inline uint8_t wb_at(const uint8_t *s, int32_t n, int32_t i, int32_t *length) {
    if (i >= n) { *length = 0; return WB_OTHER; }
    uint8_t b = s[i];
    if (b < 0x80) { *length = 1; return wb_low[b]; }
    *length = 1;
    if (b >= 0xC2 && b <= 0xD4) {
        if (i + 1 >= n) return WB_UNSUPPORTED;
        uint8_t b1 = s[i + 1];
        if ((b1 & 0xC0) != 0x80) return WB_UNSUPPORTED;
        uint32_t c = ((uint32_t)(b & 0x1F) << 6) | (b1 & 0x3F);
        if (c >= 0x0530) return WB_UNSUPPORTED;
        *length = 2;
        return wb_low[c];
    }
    if (b == 0xE2) {
        // U+2000–U+206F: E2 80 xx and E2 81 80–AF.
        if (i + 2 >= n) return WB_UNSUPPORTED;
        uint8_t b1 = s[i + 1], b2 = s[i + 2];
        if ((b2 & 0xC0) != 0x80) return WB_UNSUPPORTED;
        uint32_t c;
        if (b1 == 0x80) c = b2 & 0x3F;
        else if (b1 == 0x81 && b2 < 0xB0) c = 0x40 + (b2 & 0x3F);
        else return WB_UNSUPPORTED;
        *length = 3;
        return wb_punct[c];
    }
    return WB_UNSUPPORTED;
}

/// The next safe point after `from` (see above), or `n`.
static int32_t wb_next_safe(const uint8_t *s, int32_t n, int32_t from) {
    for (int32_t i = from + 1; i < n; i++) {
        uint8_t prev = s[i - 1];
        if (prev != 0x20 && prev != 0x0A) continue;
        int32_t length;
        uint8_t k = wb_at(s, n, i, &length);
        if (k == WB_UNSUPPORTED || k == WB_SPACE) continue;
        return i;
    }
    return n;
}

/// Scans one segment starting at `i` with the fast rules. Returns its end (> i) and writes its
/// rule status, or returns -1 when a character it needed is outside the tables.
static inline int32_t wb_segment(const uint8_t *s, int32_t n, int32_t i, int32_t *status) {
    int32_t length;
    uint8_t k = wb_at(s, n, i, &length);
    int32_t j = i + length;
    *status = 0;
    switch (k) {
    case WB_LETTER:
    case WB_DIGIT: {
        uint8_t last = k;
        for (;;) {
            int32_t l1;
            uint8_t k1 = wb_at(s, n, j, &l1);
            if (k1 == WB_LETTER || k1 == WB_DIGIT) {  // WB5, WB8, WB9, WB10
                last = k1;
                j += l1;
                continue;
            }
            if (k1 == WB_UNSUPPORTED) return -1;
            int joins_letters = last == WB_LETTER && (k1 == WB_MID_LETTER || k1 == WB_MID_BOTH);
            int joins_digits = last == WB_DIGIT && (k1 == WB_MID_NUM || k1 == WB_MID_BOTH);
            if (!joins_letters && !joins_digits) break;
            int32_t l2;
            uint8_t k2 = wb_at(s, n, j + l1, &l2);
            if (k2 == WB_UNSUPPORTED) return -1;
            if (joins_letters && k2 == WB_LETTER) {  // WB6, WB7
                j += l1 + l2;
                last = k2;
                continue;
            }
            if (joins_digits && k2 == WB_DIGIT) {  // WB11, WB12
                j += l1 + l2;
                last = k2;
                continue;
            }
            break;
        }
        // ICU's status is that of the last rule applied: a segment ending in a digit is a
        // number (`a1,5`, `n25`), one ending in a letter a word (`2024th`).
        *status = last == WB_LETTER ? 200 : 100;
        return j;
    }
    case WB_SPACE: {  // WB3d
        for (;;) {
            int32_t l1;
            uint8_t k1 = wb_at(s, n, j, &l1);
            if (k1 == WB_SPACE) { j += l1; continue; }
            if (k1 == WB_UNSUPPORTED) return -1;  // an Extend/Format would join the space (WB4)
            return j;
        }
    }
    case WB_CR: {  // WB3, WB3a
        if (j < n && s[j] == 0x0A) return j + 1;
        return j;
    }
    case WB_LF:
    case WB_NEWLINE:  // WB3a: nothing joins after a line break
        return j;
    case WB_OTHER:
    case WB_MID_LETTER:
    case WB_MID_NUM:
    case WB_MID_BOTH: {
        int32_t l1;
        if (wb_at(s, n, j, &l1) == WB_UNSUPPORTED) return -1;  // WB4 would join it
        return j;
    }
    default:
        return -1;
    }
}

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
    breaker->word_fast_path = kind == FW_BREAK_WORD;
    breaker->icu_base = -1;
    if (breaker->word_fast_path) pthread_once(&wb_once, wb_init);
    if (status) *status = (int32_t)error;
    return breaker;
}

void fw_breaker_close(fw_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->has_text) utext_close(&breaker->text);
    free(breaker);
}

/// Points ICU at `length` bytes from `utf8` (no copy: the embedded UText is reused).
static int32_t icu_set_text(fw_breaker *breaker, const uint8_t *utf8, int64_t length) {
    UErrorCode error = U_ZERO_ERROR;
    // An empty text still needs a valid pointer.
    static const char empty[1] = {0};
    const char *bytes = (utf8 != NULL && length > 0) ? (const char *)utf8 : empty;
    utext_openUTF8(&breaker->text, bytes, length, &error);
    if (U_FAILURE(error)) return (int32_t)error;
    breaker->has_text = 1;
    ubrk_setUText(breaker->iterator, &breaker->text, &error);
    if (U_FAILURE(error)) return (int32_t)error;
    ubrk_first(breaker->iterator);
    return (int32_t)error;
}

int32_t fw_breaker_set_text(fw_breaker *breaker, const uint8_t *utf8, int64_t length) {
    if (length > INT32_MAX) return (int32_t)U_INDEX_OUTOFBOUNDS_ERROR;
    breaker->bytes = utf8;
    breaker->length = utf8 != NULL ? (int32_t)length : 0;
    breaker->position = 0;
    breaker->icu_base = -1;
    if (breaker->word_fast_path) return 0;  // ICU gets only the parts it must segment
    return icu_set_text(breaker, utf8, length);
}

void fw_breaker_set_fast_path(fw_breaker *breaker, int32_t on) {
    int was = breaker->word_fast_path;
    breaker->word_fast_path = on != 0;
    if (breaker->word_fast_path) pthread_once(&wb_once, wb_init);
    // Switching mid-text would lose the position: restart the current text.
    if (was != breaker->word_fast_path && breaker->bytes != NULL)
        fw_breaker_set_text(breaker, breaker->bytes, breaker->length);
}

int32_t fw_breaker_next_batch(fw_breaker *breaker, int32_t *ends, int32_t *rule_status, int32_t capacity) {
    int32_t count = 0;
    if (!breaker->word_fast_path) {
        while (count < capacity) {
            int32_t end = ubrk_next(breaker->iterator);
            if (end == UBRK_DONE) break;
            ends[count] = end;
            if (rule_status) rule_status[count] = ubrk_getRuleStatus(breaker->iterator);
            count++;
        }
        return count;
    }
    const uint8_t *s = breaker->bytes;
    const int32_t n = breaker->length;
    int32_t position = breaker->position;
    while (count < capacity) {
        if (breaker->icu_base >= 0) {
            int32_t end = ubrk_next(breaker->iterator);
            if (end == UBRK_DONE) {  // cannot happen before icu_end; kept for safety
                position = breaker->icu_end;
                breaker->icu_base = -1;
                continue;
            }
            position = breaker->icu_base + end;
            ends[count] = position;
            if (rule_status) rule_status[count] = ubrk_getRuleStatus(breaker->iterator);
            count++;
            if (position >= breaker->icu_end) breaker->icu_base = -1;
            continue;
        }
        if (position >= n) break;
        int32_t status;
        int32_t end = wb_segment(s, n, position, &status);
        if (end < 0) {
            int32_t safe = wb_next_safe(s, n, position);
            if (icu_set_text(breaker, s + position, safe - position) > 0) {
                // ICU refused a text it accepted whole before: fall back to one segment per byte
                // rather than lose text (never seen; ICU only fails on allocation).
                end = position + 1;
                status = 0;
            } else {
                breaker->icu_base = position;
                breaker->icu_end = safe;
                continue;
            }
        }
        ends[count] = end;
        if (rule_status) rule_status[count] = status;
        count++;
        position = end;
    }
    breaker->position = position;
    return count;
}

int64_t fw_bench_word_break(const uint8_t *utf8, int64_t length) {
    int32_t status = 0;
    fw_breaker *breaker = fw_breaker_open(FW_BREAK_WORD, "en", &status);
    if (breaker == NULL) return -1;
    breaker->word_fast_path = 0;  // the baseline is ICU itself
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

/// Whether a (case-folded) code point is a Latin letter (ASCII, Latin-1, Latin Extended-A/B, ə).
static int is_latin_letter(UChar c) {
    return (c >= 0x61 && c <= 0x7A) || (c >= 0xDF && c <= 0x24F && c != 0xF7) || c == 0x0259;
}

/// Whether a code point is a Cyrillic letter.
static int is_cyrillic_letter(UChar c) { return c >= 0x0400 && c <= 0x04FF; }

/// The Cyrillic letter a (case-folded) Latin letter stands in for in a Cyrillic word, or 0: the
/// letters whose lower or upper case looks the same (`Mоskva` typed with a Latin M, `Кремль` with
/// a Latin e).
static UChar cyrillic_look_alike(UChar c) {
    switch (c) {
    case 0x61: return 0x0430;  // a а
    case 0x62: return 0x0432;  // B В
    case 0x63: return 0x0441;  // c с
    case 0x65: return 0x0435;  // e е
    case 0x68: return 0x043D;  // H Н
    case 0x6B: return 0x043A;  // k к
    case 0x6D: return 0x043C;  // M М
    case 0x6F: return 0x043E;  // o о
    case 0x70: return 0x0440;  // p р
    case 0x74: return 0x0442;  // T Т
    case 0x78: return 0x0445;  // x х
    case 0x79: return 0x0443;  // y у
    default: return 0;
    }
}

/// The Latin (or, `to_cyrillic`, Cyrillic) letter a case-folded Greek look-alike stands in for
/// (`Mammadyarοv` with a Greek omicron), or 0.
static UChar greek_look_alike(UChar c, int to_cyrillic) {
    switch (c) {
    case 0x03B1: return to_cyrillic ? 0x0430 : 0x61;  // α
    case 0x03B5: return to_cyrillic ? 0x0435 : 0x65;  // ε
    case 0x03B9: return to_cyrillic ? 0 : 0x69;       // ι
    case 0x03BA: return to_cyrillic ? 0x043A : 0x6B;  // κ
    case 0x03BD: return to_cyrillic ? 0 : 0x76;       // ν
    case 0x03BF: return to_cyrillic ? 0x043E : 0x6F;  // ο
    case 0x03C1: return to_cyrillic ? 0x0440 : 0x70;  // ρ
    case 0x03C4: return to_cyrillic ? 0x0442 : 0x74;  // τ
    case 0x03C5: return to_cyrillic ? 0 : 0x75;       // υ
    case 0x03C7: return to_cyrillic ? 0x0445 : 0x78;  // χ
    default: return 0;
    }
}

/// The Latin letter a (case-folded) Cyrillic letter stands in for in a Latin word, or 0.
static UChar latin_look_alike(UChar c) {
    switch (c) {
    case 0x0430: return 0x61;  // а a
    case 0x0432: return 0x62;  // В B
    case 0x0441: return 0x63;  // с c
    case 0x0435: return 0x65;  // е e
    case 0x043D: return 0x68;  // Н H
    case 0x0456: return 0x69;  // і i
    case 0x0458: return 0x6A;  // ј j
    case 0x043A: return 0x6B;  // к k
    case 0x043C: return 0x6D;  // М M
    case 0x043E: return 0x6F;  // о o
    case 0x0440: return 0x70;  // р p
    case 0x0455: return 0x73;  // ѕ s
    case 0x0442: return 0x74;  // Т T
    case 0x0445: return 0x78;  // х x
    case 0x0443: return 0x79;  // у y
    case 0x04BB: return 0x68;  // һ h
    case 0x04D9: return 0x0259;  // ә ə (Azerbaijani typed on a Cyrillic layout)
    default: return 0;
    }
}

/// Drops what a reader does not see and a scraper leaves inside words, in place (never longer):
/// the soft hyphen, zero-width space, joiners, word joiner and BOM, and a stress mark (combining
/// acute or grave) on a Cyrillic letter (`шпио́н`). `ѐ ѝ` (stressed е и, composed by NFKC) become
/// `е и`. Then a word written mostly in one of Latin and Cyrillic with look-alike letters of the
/// other (`sрies` with a Cyrillic р, `шпиoны` with a Latin o) is written in its majority script, so
/// that a look-alike cannot hide a cue. Returns the new length.
static int32_t fold_invisible_and_look_alikes(UChar *units, int32_t length) {
    int32_t out = 0;
    int32_t latin = 0, cyrillic = 0, greek = 0;
    for (int32_t i = 0; i < length; i++) {
        UChar c = units[i];
        // Invisible format characters: soft hyphen, zero-width space and joiners, direction
        // marks and embeddings, word joiner and invisible operators, BOM, grapheme joiner.
        if (c == 0x00AD || c == 0x034F || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
            (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
            c == 0xFEFF) {
            continue;
        }
        switch (c) {
        case 0x0300: case 0x0301:
            if (out > 0 && is_cyrillic_letter(units[out - 1])) continue;
            break;
        case 0x0450: c = 0x0435; break;
        case 0x045D: c = 0x0438; break;
        default: break;
        }
        if (is_latin_letter(c)) latin++;
        else if (is_cyrillic_letter(c)) cyrillic++;
        else if (c >= 0x0370 && c <= 0x03FF) greek++;
        units[out++] = c;
    }
    if (latin > 0 && cyrillic > 0 && latin != cyrillic) {
        for (int32_t i = 0; i < out; i++) {
            UChar mapped = cyrillic > latin ? cyrillic_look_alike(units[i]) : latin_look_alike(units[i]);
            if (mapped) units[i] = mapped;
        }
    }
    // Greek letters in a Latin or Cyrillic word (more of those than of Greek) are look-alikes.
    if (greek > 0 && latin + cyrillic > greek) {
        int to_cyrillic = cyrillic > latin;
        for (int32_t i = 0; i < out; i++) {
            UChar mapped = greek_look_alike(units[i], to_cyrillic);
            if (mapped) units[i] = mapped;
        }
    }
    return out;
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

/// The fold key of one code point of the fast set, or -1 when ICU must decide (compatibility
/// decompositions, combining marks, other scripts). The fast set is where NFKC and NFC change
/// nothing and full case folding is a fixed offset: ASCII, Latin-1 letters, Latin Extended-A
/// (minus ĳ Ŀ ŀ ŉ ſ, which NFKC decomposes), Ə ə, basic Cyrillic, a few quotes and the
/// apostrophes and dashes `unify_punctuation` maps. `ß` (→ "ss") is handled by the caller.
static int32_t fold_fast_scalar(uint32_t c) {
    if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5A) return (int32_t)c + 0x20;  // I → i too (Turkic folding agrees)
        if (c == 0x60) return 0x27;
        return (int32_t)c;
    }
    if (c < 0xC0) return (c == 0xAB || c == 0xBB) ? (int32_t)c : -1;  // « » pass; NBSP, ª, ², ´… decompose
    if (c <= 0xDE) return c == 0xD7 ? (int32_t)c : (int32_t)c + 0x20;
    if (c <= 0xFF) return (int32_t)c;  // ß is the caller's; à…ÿ and ÷ stay
    if (c <= 0x017F) {
        if (c == 0x0130 || c == 0x0131) return 0x69;  // İ ı → i
        if (c == 0x0132 || c == 0x0133 || c == 0x013F || c == 0x0140 || c == 0x0149 || c == 0x017F) return -1;
        if (c == 0x0138) return (int32_t)c;
        if (c == 0x0178) return 0xFF;  // Ÿ → ÿ
        int odd_upper = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
        if (odd_upper) return (c & 1) ? (int32_t)c + 1 : (int32_t)c;
        return (c & 1) ? (int32_t)c : (int32_t)c + 1;
    }
    if (c == 0x018F) return 0x0259;  // Ə → ə
    if (c == 0x0259) return (int32_t)c;
    if (c >= 0x0400 && c <= 0x045F) {
        uint32_t lower = c < 0x0410 ? c + 0x50 : c < 0x0430 ? c + 0x20 : c;
        if (lower == 0x0451 || lower == 0x0450) return 0x0435;  // ё → е; ѐ (stressed е) → е
        if (lower == 0x045D) return 0x0438;  // ѝ (stressed и) → и
        return (int32_t)lower;
    }
    switch (c) {
    case 0x02BB: case 0x02BC: case 0x2018: case 0x2019: case 0x201B: return 0x27;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return 0x2D;
    case 0x201C: case 0x201D: case 0x201E: return (int32_t)c;
    default: return -1;
    }
}

/// The fold key without ICU when every character is in the fast set; -1 otherwise. Never writes
/// more bytes than it reads (so `capacity >= length` is enough).
static int32_t fold_fast(const uint8_t *s, int32_t n, uint8_t *out, int32_t capacity) {
    if (capacity < n) return -1;
    int32_t o = 0;
    int latin = 0, cyrillic = 0;
    for (int32_t i = 0; i < n;) {
        uint8_t b = s[i];
        uint32_t c;
        int32_t len;
        if (b < 0x80) { c = b; len = 1; }
        else if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            c = ((uint32_t)(b & 0x1F) << 6) | (s[i + 1] & 0x3F);
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
            if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return -1;  // overlong or surrogate: ICU repairs it
            len = 3;
        } else {
            return -1;
        }
        i += len;
        if (c == 0xDF) {  // ß → ss
            latin = 1;
            if (cyrillic) return -1;
            out[o++] = 's';
            out[o++] = 's';
            continue;
        }
        int32_t f = fold_fast_scalar(c);
        if (f < 0) return -1;
        // A word mixing Latin and Cyrillic letters is ICU's (look-alikes are folded there).
        if (is_latin_letter((UChar)f)) latin = 1;
        else if (is_cyrillic_letter((UChar)f)) cyrillic = 1;
        if (latin && cyrillic) return -1;
        if (f < 0x80) out[o++] = (uint8_t)f;
        else if (f < 0x800) {
            out[o++] = (uint8_t)(0xC0 | (f >> 6));
            out[o++] = (uint8_t)(0x80 | (f & 0x3F));
        } else {
            out[o++] = (uint8_t)(0xE0 | (f >> 12));
            out[o++] = (uint8_t)(0x80 | ((f >> 6) & 0x3F));
            out[o++] = (uint8_t)(0x80 | (f & 0x3F));
        }
    }
    return o;
}

int32_t fw_fold_key(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
    // Most tokens of Latin, Azerbaijani and Russian text need no ICU call (about 3,000
    // instructions each); the test suite holds the shortcut to ICU's answer code point by code point.
    int32_t fast = fold_fast(utf8, length, out, capacity);
    if (fast >= 0) return fast;
    return fw_fold_key_icu(utf8, length, out, capacity);
}

int32_t fw_fold_key_icu(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
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
    m = fold_invisible_and_look_alikes(a.units, m);

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
