#ifndef STRUTIL_H
#define STRUTIL_H
void str_reverse(char *s);
void str_upper(char *s);
int is_palindrome(const char *s);
#endif
