#ifndef RLE_H
#define RLE_H
/* Run-length encodes s as count+char pairs ("aaab" -> "3a1b") into out. */
void rle_encode(const char *s, char *out);
#endif
