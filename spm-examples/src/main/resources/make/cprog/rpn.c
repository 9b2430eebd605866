#include <ctype.h>
#include <stdlib.h>
#include "rpn.h"
#include "stack.h"

long rpn_eval(const char *expr, int *ok) {
  stack s;
  stack_init(&s);
  *ok = 1;
  while (*expr) {
    if (isspace((unsigned char)*expr)) {
      expr++;
    } else if (isdigit((unsigned char)*expr)) {
      char *end;
      long v = strtol(expr, &end, 10);
      expr = end;
      if (!stack_push(&s, v)) *ok = 0;
    } else {
      long b, a;
      if (!stack_pop(&s, &b) || !stack_pop(&s, &a)) {
        *ok = 0;
        return 0;
      }
      switch (*expr++) {
        case '+': a += b; break;
        case '-': a -= b; break;
        case '*': a *= b; break;
        case '/': if (b == 0) { *ok = 0; return 0; } a /= b; break;
        default: *ok = 0; return 0;
      }
      stack_push(&s, a);
    }
  }
  long result = 0;
  if (!stack_pop(&s, &result) || s.top != 0) *ok = 0;
  return result;
}
