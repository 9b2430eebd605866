/* cprog: runs each module once and prints one checkable line per result. */
#include <stdio.h>
#include <string.h>
#include "base64.h"
#include "bits.h"
#include "collatz.h"
#include "common.h"
#include "crc32.h"
#include "date.h"
#include "fib.h"
#include "gcd.h"
#include "hash.h"
#include "josephus.h"
#include "matrix.h"
#include "primes.h"
#include "rle.h"
#include "rng.h"
#include "roman.h"
#include "rpn.h"
#include "search.h"
#include "sort.h"
#include "stats.h"
#include "strutil.h"
#include "words.h"

int main(void) {
  char buf[128];

  report_long("gcd(1071, 462)", gcd(1071, 462));
  report_long("lcm(21, 6)", lcm(21, 6));
  report_long("primes below 100000", count_primes(100000));
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)fib(90));
  report("fib(90)", buf);
  snprintf(buf, sizeof buf, "%08x", fnv1a("spm"));
  report("fnv1a(spm)", buf);
  snprintf(buf, sizeof buf, "%08x", crc32("hello", 5));
  report("crc32(hello)", buf);
  base64_encode((const unsigned char *)"Parallel make", 13, buf);
  report("base64(Parallel make)", buf);
  rle_encode("aaabccddddd", buf);
  report("rle(aaabccddddd)", buf);

  int ok;
  long v = rpn_eval("3 4 + 2 * 7 /", &ok);
  report_long("rpn(3 4 + 2 * 7 /)", ok ? v : -1);
  report_long("popcount(2^64-1)", popcount64(~0ULL));
  snprintf(buf, sizeof buf, "%08x", reverse_bits(1u));
  report("reverse_bits(1)", buf);
  report("1969-07-20", day_name(day_of_week(1969, 7, 20)));
  to_roman(2024, buf);
  report("roman(2024)", buf);
  int steps;
  long start = longest_collatz(10000, &steps);
  snprintf(buf, sizeof buf, "%ld (%d steps)", start, steps);
  report("longest collatz below 10000", buf);
  report_long("josephus(41, 3)", josephus(41, 3));

  strcpy(buf, "stressed");
  str_reverse(buf);
  report("reverse(stressed)", buf);
  str_upper(buf);
  report("upper", buf);
  report_long("palindrome(racecar)", is_palindrome("racecar"));

  mat3 a = {{{2, 0, 1}, {1, 3, 2}, {1, 1, 2}}};
  mat3 sq = mat3_mul(a, a);
  report_long("det(A)", mat3_det(a));
  report_long("(A*A)[1][2]", sq.m[1][2]);

  long the;
  unsigned distinct = count_words("The cat and the hat; the END of the story.", "the", &the);
  report_long("distinct words", distinct);
  report_long("count(the)", the);

  int data[1000];
  uint32_t state = 2463534242u;
  for (size_t i = 0; i < COUNT_OF(data); i++) data[i] = (int)(rng_next(&state) % 10000);
  sort_ints(data, COUNT_OF(data));
  report_long("sorted", is_sorted(data, COUNT_OF(data)));
  report_long("mean", mean(data, COUNT_OF(data)));
  report_long("median", median(data, COUNT_OF(data)));
  report_long("index of median", binary_search(data, COUNT_OF(data), median(data, COUNT_OF(data))) >= 0);
  return 0;
}
