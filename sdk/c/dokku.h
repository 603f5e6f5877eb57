/*
 * dokku.h: the C kit for dokku WASM plugins (Plugin ABI version 1, see sdk/README.md).
 *
 * One header, no libc: build with
 *   clang --target=wasm32 -nostdlib -ffreestanding -O2 -mbulk-memory -I sdk/c \
 *     -Wl,--no-entry -Wl,--export=<each on_... and cmd_... export> -Wl,--max-memory=<bytes> \
 *     -Wl,-z,stack-size=65536 -Wl,--strip-all -o plugin.wasm plugin.c
 * (plugins-wasm/build-c.ts does exactly that from plugin.toml).
 *
 * What it gives:
 * - the Extism kernel imports (`extism:host/env`) and dokku's host functions (`extism:host/user`);
 * - a bump allocator over the module's own memory, reset at the start of every export (dk_begin);
 * - input (dk_input), output (dk_output) and failure (dk_fail);
 * - a byte buffer (dk_buf), a JSON writer (dk_json) and a small JSON reader (dk_jv);
 * - wrappers for dokku_output, dokku_store_get/set, dokku_config_get, dokku_random, dokku_http.
 *
 * Every export is `int name(void)`: call dk_begin() first, return 0 on success, or
 * `return dk_fail(dk_s("why"));` on failure. Allocation failure traps (the host reports it).
 */
#ifndef DOKKU_H
#define DOKKU_H

typedef unsigned char dk_u8;
typedef unsigned int dk_u32;
typedef int dk_i32;
typedef unsigned long long dk_u64;
typedef long long dk_i64;
/** An offset in Extism's memory (the host's blocks, not the module's memory). */
typedef dk_u64 dk_ptr;

#define DK_IMPORT_ENV(name) __attribute__((import_module("extism:host/env"), import_name(name)))
#define DK_IMPORT_USER(name) __attribute__((import_module("extism:host/user"), import_name(name)))
/** Helpers a plugin may not use: no unused-function warnings. */
#define DK_FN static __attribute__((unused))
/** Marks a plugin export (`on_<trigger>`, `cmd_<ns>_<cmd>`); the builder also passes --export. */
#define DK_EXPORT(name) __attribute__((export_name(#name))) int name(void)

/* ---- Extism kernel (extism:host/env) ---------------------------------------------------- */
DK_IMPORT_ENV("input_length") extern dk_u64 dk__input_length(void);
DK_IMPORT_ENV("input_load_u8") extern dk_u32 dk__input_load_u8(dk_u64 offset);
DK_IMPORT_ENV("input_load_u64") extern dk_u64 dk__input_load_u64(dk_u64 offset);
DK_IMPORT_ENV("alloc") extern dk_ptr dk__alloc(dk_u64 length);
DK_IMPORT_ENV("free") extern void dk__free(dk_ptr offset);
DK_IMPORT_ENV("length") extern dk_u64 dk__length(dk_ptr offset);
DK_IMPORT_ENV("load_u8") extern dk_u32 dk__load_u8(dk_ptr offset);
DK_IMPORT_ENV("load_u64") extern dk_u64 dk__load_u64(dk_ptr offset);
DK_IMPORT_ENV("store_u8") extern void dk__store_u8(dk_ptr offset, dk_u32 value);
DK_IMPORT_ENV("store_u64") extern void dk__store_u64(dk_ptr offset, dk_u64 value);
DK_IMPORT_ENV("output_set") extern void dk__output_set(dk_ptr offset, dk_u64 length);
DK_IMPORT_ENV("error_set") extern void dk__error_set(dk_ptr offset);

/* ---- dokku host functions (extism:host/user): JSON in, JSON out, see sdk/README.md -------- */
DK_IMPORT_USER("dokku_output") extern dk_ptr dk__host_output(dk_ptr request);
DK_IMPORT_USER("dokku_random") extern dk_ptr dk__host_random(dk_ptr request);
DK_IMPORT_USER("dokku_store_get") extern dk_ptr dk__host_store_get(dk_ptr request);
DK_IMPORT_USER("dokku_store_set") extern dk_ptr dk__host_store_set(dk_ptr request);
DK_IMPORT_USER("dokku_config_get") extern dk_ptr dk__host_config_get(dk_ptr request);
DK_IMPORT_USER("dokku_http") extern dk_ptr dk__host_http(dk_ptr request);

/* ---- strings ------------------------------------------------------------------------------ */
/** A byte string (UTF-8), not NUL-terminated. */
typedef struct {
  const char *ptr;
  dk_u32 len;
} dk_str;

/** A string literal as a dk_str. */
#define dk_s(literal) ((dk_str){(literal), (dk_u32)(sizeof(literal) - 1)})

static inline dk_str dk_cstr(const char *text) {
  dk_u32 n = 0;
  while (text[n] != 0) n++;
  return (dk_str){text, n};
}

/** <0, 0, >0 like memcmp (a plain loop: no libc call). */
static inline int dk__cmp(const void *a, const void *b, unsigned long n) {
  const dk_u8 *x = (const dk_u8 *)a, *y = (const dk_u8 *)b;
  for (unsigned long i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

static inline int dk_eq(dk_str a, dk_str b) { return a.len == b.len && dk__cmp(a.ptr, b.ptr, a.len) == 0; }

static inline int dk_starts_with(dk_str text, dk_str prefix) {
  return text.len >= prefix.len && dk__cmp(text.ptr, prefix.ptr, prefix.len) == 0;
}

/** <0, 0, >0 by bytes, shorter first on a tie. */
static inline int dk_compare(dk_str a, dk_str b) {
  int c = dk__cmp(a.ptr, b.ptr, a.len < b.len ? a.len : b.len);
  if (c != 0) return c;
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

/*
 * clang may emit calls to these even without libc. Build with -mbulk-memory: the builtins below
 * then become the memory.copy / memory.fill instructions instead of calling themselves.
 */
__attribute__((weak)) void *memcpy(void *dst, const void *src, unsigned long n) {
  __builtin_memcpy(dst, src, n);
  return dst;
}
__attribute__((weak)) void *memmove(void *dst, const void *src, unsigned long n) {
  __builtin_memmove(dst, src, n);
  return dst;
}
__attribute__((weak)) void *memset(void *dst, int c, unsigned long n) {
  __builtin_memset(dst, c, n);
  return dst;
}
__attribute__((weak)) int memcmp(const void *a, const void *b, unsigned long n) { return dk__cmp(a, b, n); }
__attribute__((weak)) int bcmp(const void *a, const void *b, unsigned long n) { return dk__cmp(a, b, n); }

/* ---- module memory: a bump arena reset per call --------------------------------------------- */
extern dk_u8 __heap_base;
static dk_u32 dk__top;

/** Call first in every export: forgets what the previous call allocated. */
static inline void dk_begin(void) { dk__top = (dk_u32)(unsigned long)&__heap_base; }

/** `n` bytes, 8-aligned, from the arena; traps when the module's maximum memory is reached. */
DK_FN void *dk_alloc(dk_u32 n) {
  if (dk__top == 0) dk_begin();
  dk_u32 start = (dk__top + 7u) & ~7u;
  dk_u64 end = (dk_u64)start + n;
  dk_u64 have = (dk_u64)__builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    dk_u64 pages = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1) __builtin_trap();
  }
  dk__top = (dk_u32)end;
  return (void *)(unsigned long)start;
}

/** A copy of `text` in the arena. */
DK_FN dk_str dk_dup(dk_str text) {
  char *copy = (char *)dk_alloc(text.len);
  __builtin_memcpy(copy, text.ptr, text.len);
  return (dk_str){copy, text.len};
}

/* ---- byte buffer ---------------------------------------------------------------------------- */
typedef struct {
  char *ptr;
  dk_u32 len;
  dk_u32 cap;
} dk_buf;

DK_FN void dk_buf_reserve(dk_buf *b, dk_u32 more) {
  if (b->len + more <= b->cap) return;
  dk_u32 cap = b->cap < 256 ? 256 : b->cap;
  while (cap < b->len + more) cap *= 2;
  char *bigger = (char *)dk_alloc(cap);
  if (b->len > 0) __builtin_memcpy(bigger, b->ptr, b->len);
  b->ptr = bigger;
  b->cap = cap;
}

DK_FN void dk_buf_put(dk_buf *b, dk_str text) {
  dk_buf_reserve(b, text.len);
  if (text.len > 0) __builtin_memcpy(b->ptr + b->len, text.ptr, text.len);
  b->len += text.len;
}

DK_FN void dk_buf_putc(dk_buf *b, char c) {
  dk_buf_reserve(b, 1);
  b->ptr[b->len++] = c;
}

DK_FN void dk_buf_put_u64(dk_buf *b, dk_u64 n) {
  char digits[20];
  int i = 0;
  do {
    digits[i++] = (char)('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (i > 0) dk_buf_putc(b, digits[--i]);
}

static inline dk_str dk_buf_str(const dk_buf *b) { return (dk_str){b->ptr, b->len}; }

/* ---- Extism memory <-> module memory -------------------------------------------------------- */
/** Copies `text` into a new Extism block (exactly text.len bytes). */
DK_FN dk_ptr dk_to_host(dk_str text) {
  dk_ptr block = dk__alloc(text.len);
  dk_u32 i = 0;
  for (; i + 8 <= text.len; i += 8) {
    dk_u64 word;
    __builtin_memcpy(&word, text.ptr + i, 8);
    dk__store_u64(block + i, word);
  }
  for (; i < text.len; i++) dk__store_u8(block + i, (dk_u8)text.ptr[i]);
  return block;
}

/** The content of an Extism block, copied into the arena; empty for 0. */
DK_FN dk_str dk_from_host(dk_ptr block) {
  if (block == 0) return (dk_str){"", 0};
  dk_u32 n = (dk_u32)dk__length(block);
  char *copy = (char *)dk_alloc(n);
  dk_u32 i = 0;
  for (; i + 8 <= n; i += 8) {
    dk_u64 word = dk__load_u64(block + i);
    __builtin_memcpy(copy + i, &word, 8);
  }
  for (; i < n; i++) copy[i] = (char)dk__load_u8(block + i);
  return (dk_str){copy, n};
}

/** The call's input (JSON), copied into the arena. */
DK_FN dk_str dk_input(void) {
  dk_u32 n = (dk_u32)dk__input_length();
  char *copy = (char *)dk_alloc(n);
  dk_u32 i = 0;
  for (; i + 8 <= n; i += 8) {
    dk_u64 word = dk__input_load_u64(i);
    __builtin_memcpy(copy + i, &word, 8);
  }
  for (; i < n; i++) copy[i] = (char)dk__input_load_u8(i);
  return (dk_str){copy, n};
}

/** Sets the call's output (the trigger's result JSON). */
DK_FN void dk_output(dk_str json) { dk__output_set(dk_to_host(json), json.len); }

/** Sets the call's error message; returns 1, the export's failure status. */
DK_FN int dk_fail(dk_str message) {
  dk__error_set(dk_to_host(message));
  return 1;
}

/* ---- JSON writer ---------------------------------------------------------------------------- */
#define DK_JSON_MAX_DEPTH 32

typedef struct {
  dk_buf out;
  dk_u32 depth;
  dk_u8 count[DK_JSON_MAX_DEPTH]; /* items so far at each depth (saturating) */
  dk_u8 after_key;
} dk_json;

DK_FN void dk__json_sep(dk_json *w) {
  if (w->after_key) {
    w->after_key = 0;
    return;
  }
  if (w->depth > 0) {
    if (w->count[w->depth - 1] != 0) dk_buf_putc(&w->out, ',');
    w->count[w->depth - 1] = 1;
  }
}

DK_FN void dk__json_open(dk_json *w, char c) {
  dk__json_sep(w);
  dk_buf_putc(&w->out, c);
  if (w->depth >= DK_JSON_MAX_DEPTH) __builtin_trap();
  w->count[w->depth++] = 0;
}

DK_FN void dk__json_close(dk_json *w, char c) {
  if (w->depth > 0) w->depth--;
  dk_buf_putc(&w->out, c);
}

static inline void dk_json_object(dk_json *w) { dk__json_open(w, '{'); }
static inline void dk_json_object_end(dk_json *w) { dk__json_close(w, '}'); }
static inline void dk_json_array(dk_json *w) { dk__json_open(w, '['); }
static inline void dk_json_array_end(dk_json *w) { dk__json_close(w, ']'); }

DK_FN void dk__json_quoted(dk_buf *out, dk_str text) {
  static const char hex[] = "0123456789abcdef";
  dk_buf_putc(out, '"');
  for (dk_u32 i = 0; i < text.len; i++) {
    dk_u8 c = (dk_u8)text.ptr[i];
    if (c == '"' || c == '\\') {
      dk_buf_putc(out, '\\');
      dk_buf_putc(out, (char)c);
    } else if (c == '\n') {
      dk_buf_put(out, dk_s("\\n"));
    } else if (c == '\r') {
      dk_buf_put(out, dk_s("\\r"));
    } else if (c == '\t') {
      dk_buf_put(out, dk_s("\\t"));
    } else if (c < 0x20 || c == 0x7f) {
      dk_buf_put(out, dk_s("\\u00"));
      dk_buf_putc(out, hex[c >> 4]);
      dk_buf_putc(out, hex[c & 15]);
    } else {
      dk_buf_putc(out, (char)c);
    }
  }
  dk_buf_putc(out, '"');
}

DK_FN void dk_json_key(dk_json *w, dk_str key) {
  dk__json_sep(w);
  dk__json_quoted(&w->out, key);
  dk_buf_putc(&w->out, ':');
  w->after_key = 1;
}

DK_FN void dk_json_string(dk_json *w, dk_str text) {
  dk__json_sep(w);
  dk__json_quoted(&w->out, text);
}

DK_FN void dk_json_int(dk_json *w, dk_i64 n) {
  dk__json_sep(w);
  if (n < 0) {
    dk_buf_putc(&w->out, '-');
    dk_buf_put_u64(&w->out, (dk_u64)0 - (dk_u64)n);
  } else {
    dk_buf_put_u64(&w->out, (dk_u64)n);
  }
}

DK_FN void dk_json_bool(dk_json *w, int value) {
  dk__json_sep(w);
  dk_buf_put(&w->out, value ? dk_s("true") : dk_s("false"));
}

DK_FN void dk_json_null(dk_json *w) {
  dk__json_sep(w);
  dk_buf_put(&w->out, dk_s("null"));
}

/** Writes `json` (already valid JSON) as the next value. */
DK_FN void dk_json_raw(dk_json *w, dk_str json) {
  dk__json_sep(w);
  dk_buf_put(&w->out, json);
}

static inline dk_str dk_json_text(const dk_json *w) { return dk_buf_str(&w->out); }

/* ---- JSON reader ---------------------------------------------------------------------------- */
/** A JSON value: a slice of a document, surrounding whitespace trimmed; len 0 = absent. */
typedef dk_str dk_jv;

DK_FN dk_u32 dk__ws(dk_str s, dk_u32 i) {
  while (i < s.len && (s.ptr[i] == ' ' || s.ptr[i] == '\n' || s.ptr[i] == '\r' || s.ptr[i] == '\t')) i++;
  return i;
}

/** The index just past the value starting at `i` (after whitespace), or 0 if it is not valid. */
DK_FN dk_u32 dk__skip(dk_str s, dk_u32 i) {
  dk_u32 depth = 0;
  i = dk__ws(s, i);
  do {
    if (i >= s.len) return 0;
    char c = s.ptr[i];
    if (c == '"') {
      for (i++; i < s.len && s.ptr[i] != '"'; i++)
        if (s.ptr[i] == '\\') i++;
      if (i >= s.len) return 0;
      i++;
    } else if (c == '{' || c == '[') {
      if (++depth > 64) return 0;
      i++;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return 0;
      depth--;
      i++;
    } else if (c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (depth == 0) return 0;
      i++;
    } else {
      dk_u32 start = i;
      while (i < s.len && s.ptr[i] != ',' && s.ptr[i] != '}' && s.ptr[i] != ']' && s.ptr[i] != ':' && s.ptr[i] != ' ' &&
             s.ptr[i] != '\n' && s.ptr[i] != '\r' && s.ptr[i] != '\t' && s.ptr[i] != '"')
        i++;
      if (i == start) return 0;
    }
  } while (depth > 0);
  return i;
}

/** The whole document as a value (absent when it is not one valid value). */
DK_FN dk_jv dk_json_parse(dk_str text) {
  dk_u32 start = dk__ws(text, 0);
  dk_u32 end = dk__skip(text, start);
  if (end == 0 || dk__ws(text, end) != text.len) return (dk_jv){"", 0};
  return (dk_jv){text.ptr + start, end - start};
}

/** 'o' object, 'a' array, 's' string, 'n' number, 't' true, 'f' false, 'z' null, 0 absent. */
DK_FN char dk_json_type(dk_jv v) {
  if (v.len == 0) return 0;
  switch (v.ptr[0]) {
    case '{': return 'o';
    case '[': return 'a';
    case '"': return 's';
    case 't': return 't';
    case 'f': return 'f';
    case 'n': return 'z';
    default: return 'n';
  }
}

/**
 * Walks an object's members or an array's items: start with *cursor = 0; each call sets
 * *key (objects only, the raw quoted key) and *value, and returns 1, or 0 at the end.
 */
DK_FN int dk_json_next(dk_jv container, dk_u32 *cursor, dk_jv *key, dk_jv *value) {
  char type = dk_json_type(container);
  if (type != 'o' && type != 'a') return 0;
  dk_u32 i = *cursor == 0 ? 1 : *cursor;
  i = dk__ws(container, i);
  if (i < container.len && container.ptr[i] == ',') i = dk__ws(container, i + 1);
  if (i >= container.len || container.ptr[i] == '}' || container.ptr[i] == ']') return 0;
  if (type == 'o') {
    dk_u32 end = dk__skip(container, i);
    if (end == 0 || container.ptr[i] != '"') return 0;
    if (key) *key = (dk_jv){container.ptr + i, end - i};
    i = dk__ws(container, end);
    if (i >= container.len || container.ptr[i] != ':') return 0;
    i = dk__ws(container, i + 1);
  }
  dk_u32 end = dk__skip(container, i);
  if (end == 0) return 0;
  *value = (dk_jv){container.ptr + i, end - i};
  *cursor = end;
  return 1;
}

DK_FN dk_u32 dk__hex4(const char *p) {
  dk_u32 n = 0;
  for (int k = 0; k < 4; k++) {
    char c = p[k];
    n <<= 4;
    if (c >= '0' && c <= '9') n |= (dk_u32)(c - '0');
    else if (c >= 'a' && c <= 'f') n |= (dk_u32)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') n |= (dk_u32)(c - 'A' + 10);
    else return 0xFFFFFFFFu;
  }
  return n;
}

DK_FN void dk__utf8(dk_buf *out, dk_u32 cp) {
  if (cp < 0x80) {
    dk_buf_putc(out, (char)cp);
  } else if (cp < 0x800) {
    dk_buf_putc(out, (char)(0xC0 | (cp >> 6)));
    dk_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    dk_buf_putc(out, (char)(0xE0 | (cp >> 12)));
    dk_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
    dk_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
  } else {
    dk_buf_putc(out, (char)(0xF0 | (cp >> 18)));
    dk_buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
    dk_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
    dk_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
  }
}

/** A JSON string's text, unescaped into the arena; returns 0 when `v` is not a string. */
DK_FN int dk_json_str(dk_jv v, dk_str *out) {
  if (dk_json_type(v) != 's' || v.len < 2) return 0;
  dk_buf b = {0, 0, 0};
  dk_buf_reserve(&b, v.len);
  for (dk_u32 i = 1; i + 1 < v.len; i++) {
    char c = v.ptr[i];
    if (c != '\\') {
      dk_buf_putc(&b, c);
      continue;
    }
    if (++i + 1 >= v.len) return 0;
    switch (v.ptr[i]) {
      case 'n': dk_buf_putc(&b, '\n'); break;
      case 'r': dk_buf_putc(&b, '\r'); break;
      case 't': dk_buf_putc(&b, '\t'); break;
      case 'b': dk_buf_putc(&b, '\b'); break;
      case 'f': dk_buf_putc(&b, '\f'); break;
      case 'u': {
        if (i + 5 > v.len - 1) return 0;
        dk_u32 cp = dk__hex4(v.ptr + i + 1);
        if (cp == 0xFFFFFFFFu) return 0;
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 7 <= v.len - 1 && v.ptr[i + 1] == '\\' && v.ptr[i + 2] == 'u') {
          dk_u32 low = dk__hex4(v.ptr + i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        dk__utf8(&b, cp);
        break;
      }
      default: dk_buf_putc(&b, v.ptr[i]); /* \" \\ \/ */
    }
  }
  *out = dk_buf_str(&b);
  return 1;
}

/** An object's member by name (absent: len 0). */
DK_FN dk_jv dk_json_get(dk_jv object, dk_str name) {
  dk_u32 cursor = 0;
  dk_jv key, value;
  while (dk_json_next(object, &cursor, &key, &value)) {
    dk_str text;
    if (dk_json_str(key, &text) && dk_eq(text, name)) return value;
  }
  return (dk_jv){"", 0};
}

/** An integer value; returns 0 when `v` is not one. */
DK_FN int dk_json_int_value(dk_jv v, dk_i64 *out) {
  if (dk_json_type(v) != 'n') return 0;
  dk_u32 i = 0;
  int negative = v.ptr[0] == '-';
  if (negative) i++;
  if (i >= v.len) return 0;
  dk_i64 n = 0;
  for (; i < v.len; i++) {
    if (v.ptr[i] < '0' || v.ptr[i] > '9' || n > 922337203685477580LL) return 0;
    n = n * 10 + (v.ptr[i] - '0');
  }
  *out = negative ? -n : n;
  return 1;
}

/* ---- host function wrappers ----------------------------------------------------------------- */
/** Sends `request` to a host function and returns its JSON answer (empty for 0). */
DK_FN dk_str dk_host(dk_ptr (*fn)(dk_ptr), dk_str request) {
  dk_ptr in = dk_to_host(request);
  dk_ptr answer = fn(in);
  dk__free(in);
  dk_str text = dk_from_host(answer);
  if (answer != 0) dk__free(answer);
  return text;
}

/** dokku_output: level "step" (-----> ), "heading" (=====> ), "detail", "print" or "warn". */
DK_FN void dk_say(dk_str level, dk_str text) {
  dk_json w = {0};
  dk_json_object(&w);
  dk_json_key(&w, dk_s("level"));
  dk_json_string(&w, level);
  dk_json_key(&w, dk_s("text"));
  dk_json_string(&w, text);
  dk_json_object_end(&w);
  dk_host(dk__host_output, dk_json_text(&w));
}
static inline void dk_step(dk_str text) { dk_say(dk_s("step"), text); }
static inline void dk_heading(dk_str text) { dk_say(dk_s("heading"), text); }
static inline void dk_detail(dk_str text) { dk_say(dk_s("detail"), text); }
static inline void dk_print(dk_str text) { dk_say(dk_s("print"), text); }
static inline void dk_warn(dk_str text) { dk_say(dk_s("warn"), text); }

/** `{"value": ...}` answers: 1 and the text when a string, 0 when null or missing. */
DK_FN int dk__value_of(dk_str answer, dk_str *value) {
  return dk_json_str(dk_json_get(dk_json_parse(answer), dk_s("value")), value);
}

/** dokku_store_get (permission `store`): the plugin's property `key` of the call's app, or global. */
DK_FN int dk_store_get(dk_str key, int global, dk_str *value) {
  dk_json w = {0};
  dk_json_object(&w);
  dk_json_key(&w, dk_s("key"));
  dk_json_string(&w, key);
  dk_json_key(&w, dk_s("global"));
  dk_json_bool(&w, global);
  dk_json_object_end(&w);
  return dk__value_of(dk_host(dk__host_store_get, dk_json_text(&w)), value);
}

/** dokku_store_set (permission `store`): `value` NULL deletes the property. */
DK_FN void dk_store_set(dk_str key, const dk_str *value, int global) {
  dk_json w = {0};
  dk_json_object(&w);
  dk_json_key(&w, dk_s("key"));
  dk_json_string(&w, key);
  dk_json_key(&w, dk_s("value"));
  if (value) dk_json_string(&w, *value);
  else dk_json_null(&w);
  dk_json_key(&w, dk_s("global"));
  dk_json_bool(&w, global);
  dk_json_object_end(&w);
  dk_host(dk__host_store_set, dk_json_text(&w));
}

/** dokku_config_get (permission `config`): the app's environment variable, app over global. */
DK_FN int dk_config_get(dk_str key, dk_str *value) {
  dk_json w = {0};
  dk_json_object(&w);
  dk_json_key(&w, dk_s("key"));
  dk_json_string(&w, key);
  dk_json_object_end(&w);
  return dk__value_of(dk_host(dk__host_config_get, dk_json_text(&w)), value);
}

/** dokku_random: `bytes` (1..1024) random bytes as hex; empty on failure. */
DK_FN dk_str dk_random_hex(dk_u32 bytes) {
  dk_json w = {0};
  dk_json_object(&w);
  dk_json_key(&w, dk_s("bytes"));
  dk_json_int(&w, bytes);
  dk_json_object_end(&w);
  dk_str hex = {"", 0};
  dk_json_str(dk_json_get(dk_json_parse(dk_host(dk__host_random, dk_json_text(&w))), dk_s("hex")), &hex);
  return hex;
}

/** dokku_http (permission `net`): `request` is the JSON request; returns the JSON answer. */
static inline dk_str dk_http(dk_str request) { return dk_host(dk__host_http, request); }

#endif /* DOKKU_H */
