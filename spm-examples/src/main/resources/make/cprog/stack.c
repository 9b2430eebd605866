#include "stack.h"

void stack_init(stack *s) { s->top = 0; }

int stack_push(stack *s, long v) {
  if (s->top == 64) return 0;
  s->items[s->top++] = v;
  return 1;
}

int stack_pop(stack *s, long *v) {
  if (s->top == 0) return 0;
  *v = s->items[--s->top];
  return 1;
}
