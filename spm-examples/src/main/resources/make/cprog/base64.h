#ifndef BASE64_H
#define BASE64_H
#include <stddef.h>
/* Writes the base64 of data (with '=' padding) and a NUL to out, which holds 4*((n+2)/3)+1 bytes. */
void base64_encode(const unsigned char *data, size_t n, char *out);
#endif
