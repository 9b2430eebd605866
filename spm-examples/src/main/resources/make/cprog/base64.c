#include "base64.h"

static const char ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const unsigned char *data, size_t n, char *out) {
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8 | data[i + 2];
    *out++ = ALPHABET[v >> 18 & 63];
    *out++ = ALPHABET[v >> 12 & 63];
    *out++ = ALPHABET[v >> 6 & 63];
    *out++ = ALPHABET[v & 63];
  }
  if (i < n) {
    unsigned v = (unsigned)data[i] << 16 | (i + 1 < n ? (unsigned)data[i + 1] << 8 : 0);
    *out++ = ALPHABET[v >> 18 & 63];
    *out++ = ALPHABET[v >> 12 & 63];
    *out++ = i + 1 < n ? ALPHABET[v >> 6 & 63] : '=';
    *out++ = '=';
  }
  *out = '\0';
}
