#ifndef STACK_H
#define STACK_H
typedef struct {
  long items[64];
  int top;
} stack;
void stack_init(stack *s);
int stack_push(stack *s, long v);
int stack_pop(stack *s, long *v);
#endif
