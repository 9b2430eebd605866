#ifndef ROMAN_H
#define ROMAN_H
/* Writes n (1..3999) in Roman numerals to out (at least 16 bytes). */
void to_roman(int n, char *out);
#endif
